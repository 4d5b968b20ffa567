"""TensorDesk's engine: data, models, training and labs, usable without Qt or a display."""

__version__ = "0.1.0"

import os as _os

# TensorFlow's C++ start-up chatter (oneDNN notices, missing CUDA on CPU machines) is noise to a student.
_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

"""TensorDesk's engine: data, models, training and labs, usable without Qt or a display."""

__version__ = "0.1.0"

import os as _os

# TensorFlow's C++ start-up chatter (oneDNN notices, missing CUDA on CPU machines) is noise to a student.
_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# TensorDesk runs on TensorFlow whatever backend a user's ~/.keras/keras.json or shell chose for other work.
_os.environ["KERAS_BACKEND"] = "tensorflow"


def _keep_tensorflow_symbols_local() -> None:
    """Load TensorFlow's native library with RTLD_LOCAL instead of RTLD_GLOBAL.

    TensorFlow ≥ 2.20 wheels put their statically linked LLVM into the process's global symbol table
    (tensorflow/tensorflow#124205). Mesa's software OpenGL (llvmpipe, used under Xvfb and on machines
    without a GPU driver) links its own LLVM, and the two then crash each other: a segfault at the first
    3D frame. Nothing TensorDesk does needs TensorFlow's symbols global (no custom op libraries).
    """
    import sys
    import types
    name = "tensorflow.python.pywrap_dlopen_global_flags"
    if "tensorflow" in sys.modules or name in sys.modules:
        return
    stub = types.ModuleType(name)
    setattr(stub, "set_dlopen_flags", lambda: None)     # noqa: B010  (a module has no declared attributes)
    setattr(stub, "reset_dlopen_flags", lambda: None)   # noqa: B010
    sys.modules[name] = stub


_keep_tensorflow_symbols_local()

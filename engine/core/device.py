"""Which device TensorFlow trains on: the GPU when it sees one (memory growth on), else the CPU."""
from __future__ import annotations

import functools
import platform
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class DeviceInfo:
    kind: str          # "GPU" or "CPU"
    name: str          # e.g. "NVIDIA H100 80GB HBM3" or the CPU model
    count: int         # how many devices of that kind TensorFlow sees
    tf_version: str

    def describe(self) -> str:
        extra = f" ×{self.count}" if self.count > 1 else ""
        return f"{self.kind}: {self.name}{extra}"


# Keras builds functional graphs and traces models through process-wide state: a model traced in one thread while
# another thread built a functional model got that model's symbolic tensors ("Only input tensors may be passed as
# positional arguments"). Building a model and its first tracing hold this lock.
KERAS_GRAPH = threading.RLock()


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "CPU"


def configure_keras() -> None:
    """Keras settings TensorDesk's models assume, whatever a user's ~/.keras/keras.json says for other work:
    images channels-last, float32 weights, the fit limits that KERAS_MAX_EPOCHS / _STEPS_PER_EPOCH set off."""
    import keras
    keras.config.set_image_data_format("channels_last")
    keras.config.set_floatx("float32")
    keras.config.set_epsilon(1e-7)
    if hasattr(keras.config, "set_max_epochs"):   # Keras ≥ 3.6
        keras.config.set_max_epochs(None)
        keras.config.set_max_steps_per_epoch(None)


@functools.lru_cache(maxsize=1)
def configure_devices() -> DeviceInfo:
    """Turn on GPU memory growth (seed 001's allow_growth), set Keras's defaults (configure_keras) and say
    which device will train. Idempotent."""
    import tensorflow as tf
    configure_keras()
    gpus = tf.config.list_physical_devices("GPU")
    for gpu in gpus:
        try:
            tf.config.experimental.set_memory_growth(gpu, True)
        except (RuntimeError, ValueError):
            pass  # already initialised: growth can only be set before first use
    if gpus:
        try:
            name = tf.config.experimental.get_device_details(gpus[0]).get("device_name", "GPU")
        except Exception:  # details are optional on some builds
            name = gpus[0].name
        return DeviceInfo("GPU", name, len(gpus), tf.__version__)
    return DeviceInfo("CPU", _cpu_name(), 1, tf.__version__)

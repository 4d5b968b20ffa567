"""The optimizers TensorDesk offers, in one registry: the trainer, the gradient-descent lab, the command line,
the exported script and the window's lists all read `OPTIMIZERS`. Adding one is one `register(...)` here plus
its title's translation (gui/names.py). Nothing here imports TensorFlow.
"""
from __future__ import annotations

from dataclasses import dataclass

from tensordesk.engine.core.errors import ConfigError


@dataclass(frozen=True)
class Optimizer:
    key: str                  # the name on the command line, in presets and saved settings
    title: str                # as lists show it (translated in the window)
    keras_class: str          # the class in keras.optimizers
    momentum: bool = False    # takes TrainConfig.momentum
    nesterov: bool = False

    def keras_kwargs(self, momentum: float) -> dict:
        """Constructor arguments beyond the learning rate."""
        return {"momentum": momentum, "nesterov": self.nesterov} if self.momentum else {}

    def export_call(self, learning_rate: str, momentum: float, extra: str = "") -> str:
        """The exported script's constructor call, e.g. `keras.optimizers.SGD(learning_rate, momentum=0.9, …)`."""
        args = "".join(f", {k}={v!r}" for k, v in self.keras_kwargs(momentum).items())
        return f"keras.optimizers.{self.keras_class}({learning_rate}{args}{extra})"


OPTIMIZERS: dict[str, Optimizer] = {}


def register(optimizer: Optimizer) -> Optimizer:
    OPTIMIZERS[optimizer.key] = optimizer
    return optimizer


def get_optimizer(key: str) -> Optimizer:
    try:
        return OPTIMIZERS[key]
    except KeyError:
        raise ConfigError(f"unknown optimizer '{key}'; choose one of {', '.join(OPTIMIZERS)}.") from None


# The keys other modules name (architectures' defaults, the labs' starting choice) come from here too.
SGD = register(Optimizer("sgd", "SGD", "SGD")).key
MOMENTUM = register(Optimizer("momentum", "Momentum", "SGD", momentum=True)).key
NESTEROV = register(Optimizer("nesterov", "Nesterov", "SGD", momentum=True, nesterov=True)).key
RMSPROP = register(Optimizer("rmsprop", "RMSProp", "RMSprop")).key
ADAM = register(Optimizer("adam", "Adam", "Adam")).key
ADAGRAD = register(Optimizer("adagrad", "Adagrad", "Adagrad")).key

"""The model zoo: the seeds' architectures, each built from one frozen `ModelSpec`.

All models take (N, 28, 28) float32 images in [0, 1]. Classifiers output (N, 10) probabilities; the
autoencoder outputs (N, 28, 28) reconstructions and has a 2-D layer named "code".
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Callable

from tensordesk.engine.errors import ConfigError

ACTIVATIONS = ("relu", "tanh", "sigmoid", "elu")
INITIALIZERS = ("glorot", "truncated_normal")


@dataclass(frozen=True)
class ModelSpec:
    """What to build. `arch` is a key of ARCHITECTURES; the rest are options every architecture honours."""

    arch: str = "mlp"
    activation: str = "relu"
    batch_norm: bool = False
    dropout: float = 0.0
    l1: float = 0.0
    l2: float = 0.0
    initializer: str = "glorot"
    num_classes: int = 10

    def validate(self) -> "ModelSpec":
        if self.arch not in ARCHITECTURES:
            raise ConfigError(f"unknown architecture '{self.arch}'; choose one of {', '.join(ARCHITECTURES)}.")
        if self.activation not in ACTIVATIONS:
            raise ConfigError(f"unknown activation '{self.activation}'; choose one of {', '.join(ACTIVATIONS)}.")
        if not 0.0 <= self.dropout < 1.0:
            raise ConfigError(f"dropout must be at least 0 and below 1 (got {self.dropout}).")
        if self.l1 < 0 or self.l2 < 0:
            raise ConfigError("L1 and L2 factors cannot be negative.")
        if self.initializer not in INITIALIZERS:
            raise ConfigError(f"unknown initializer '{self.initializer}'; choose one of {', '.join(INITIALIZERS)}.")
        return self

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ModelSpec":
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = set(data) - names
        if unknown:
            raise ConfigError(f"unknown model options: {', '.join(sorted(unknown))}.")
        return cls(**data).validate()

    @property
    def is_classifier(self) -> bool:
        return ARCHITECTURES[self.arch].classifier

    def label(self, translate=lambda text: text) -> str:
        """Short human name, e.g. 'CNN (classic), BN on'. `translate` maps each English piece (the window passes
        its translator; the engine cannot import Qt)."""
        parts = [translate(ARCHITECTURES[self.arch].title)]
        if self.batch_norm:
            parts.append(translate("BN on"))
        if self.dropout and ARCHITECTURES[self.arch].defaults.get("dropout") != self.dropout:
            parts.append(f"{translate('dropout')} {self.dropout:g}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Architecture:
    """A registry entry: how to build it, what it is, and the settings it comes with."""

    key: str
    title: str
    description: str
    seed: str
    build: Callable
    classifier: bool = True
    defaults: dict = dataclasses.field(default_factory=dict)        # ModelSpec fields
    train_defaults: dict = dataclasses.field(default_factory=dict)  # TrainConfig fields (good teaching defaults)
    seed_settings: dict = dataclasses.field(default_factory=dict)   # TrainConfig fields as the seed used them


def default_spec(arch: str, **overrides) -> ModelSpec:
    """The architecture's spec with its own defaults, then `overrides`."""
    if arch not in ARCHITECTURES:
        raise ConfigError(f"unknown architecture '{arch}'; choose one of {', '.join(ARCHITECTURES)}.")
    return ModelSpec(arch=arch, **{**ARCHITECTURES[arch].defaults, **overrides}).validate()


# --------------------------------------------------------------------------- building blocks

def _initializer(spec: ModelSpec):
    import keras
    if spec.initializer == "truncated_normal":
        return keras.initializers.TruncatedNormal(stddev=0.1)
    return keras.initializers.GlorotUniform()


def _regularizer(spec: ModelSpec):
    import keras
    if spec.l1 or spec.l2:
        return keras.regularizers.L1L2(l1=spec.l1, l2=spec.l2)
    return None


def _dense_block(x, units: int, name: str, spec: ModelSpec, activation: str | None = None, dropout: bool = True):
    """Dense → (BN) → activation → (dropout); the activation layer is named '<name>_act'."""
    import keras
    x = keras.layers.Dense(units, use_bias=not spec.batch_norm, kernel_initializer=_initializer(spec),
                           kernel_regularizer=_regularizer(spec), name=name)(x)
    if spec.batch_norm:
        x = keras.layers.BatchNormalization(name=f"{name}_bn")(x)
    x = keras.layers.Activation(activation or spec.activation, name=f"{name}_act")(x)
    if dropout and spec.dropout > 0:
        x = keras.layers.Dropout(spec.dropout, name=f"{name}_dropout")(x)
    return x


@functools.lru_cache(maxsize=1)
def _conv2d_class():
    """Keras's Conv2D, adding its bias with a broadcast add instead of `BiasAdd`.

    Same weights, same maths. On x86 CPUs oneDNN fuses `BiasAdd`'s gradient into the filter gradient
    (`_MklNativeConv2DBackpropFilterWithBias`), which profiled 1.6× slower than the plain filter gradient plus
    a `Sum` that the broadcast add's gradient is; the TF1 graphs of the seeds add the bias this way.
    """
    import keras

    @keras.saving.register_keras_serializable("tensordesk")
    class Conv2D(keras.layers.Conv2D):
        def call(self, inputs):
            outputs = self.convolution_op(inputs, self.kernel)
            if self.use_bias:
                shape = (1, 1, 1, self.filters) if self.data_format == "channels_last" else (1, self.filters, 1, 1)
                outputs = outputs + keras.ops.reshape(self.bias, shape)  # `+`, not ops.add (which emits BiasAdd)
            return outputs if self.activation is None else self.activation(outputs)

    return Conv2D


def _conv_block(x, filters: int, size: int, stride: int, name: str, spec: ModelSpec):
    import keras
    x = _conv2d_class()(filters, size, strides=stride, padding="same", use_bias=not spec.batch_norm,
                            kernel_initializer=_initializer(spec), kernel_regularizer=_regularizer(spec),
                            name=name)(x)
    if spec.batch_norm:
        x = keras.layers.BatchNormalization(name=f"{name}_bn")(x)
    return keras.layers.Activation(spec.activation, name=f"{name}_act")(x)


def _output(x, spec: ModelSpec):
    import keras
    x = keras.layers.Dense(spec.num_classes, kernel_initializer=_initializer(spec),
                           kernel_regularizer=_regularizer(spec), name="output")(x)
    return keras.layers.Activation("softmax", name="probabilities")(x)


def _inputs():
    import keras
    return keras.Input(shape=(28, 28), name="image")


def _dense_stack(units: tuple[int, ...]):
    def build(spec: ModelSpec):
        import keras
        inp = _inputs()
        x = keras.layers.Flatten(name="flatten")(inp)
        for i, n in enumerate(units, start=1):
            x = _dense_block(x, n, f"hidden{i}", spec)
        return keras.Model(inp, _output(x, spec), name=spec.arch)
    return build


def _build_cnn_classic(spec: ModelSpec):
    import keras
    inp = _inputs()
    x = keras.layers.Reshape((28, 28, 1), name="channels")(inp)
    x = _conv_block(x, 32, 5, 1, "conv1", spec)
    x = keras.layers.MaxPooling2D(2, name="pool1")(x)
    x = _conv_block(x, 64, 5, 1, "conv2", spec)
    x = keras.layers.MaxPooling2D(2, name="pool2")(x)
    x = keras.layers.Flatten(name="flatten")(x)
    x = _dense_block(x, 1024, "fc1", spec)
    return keras.Model(inp, _output(x, spec), name=spec.arch)


def _build_cnn_compact(spec: ModelSpec):
    import keras
    inp = _inputs()
    x = keras.layers.Reshape((28, 28, 1), name="channels")(inp)
    x = _conv_block(x, 32, 3, 1, "conv1", spec)
    x = _conv_block(x, 64, 3, 2, "conv2", spec)
    x = keras.layers.MaxPooling2D(2, name="pool3")(x)
    x = keras.layers.Flatten(name="flatten")(x)
    x = _dense_block(x, 64, "fc1", spec)
    return keras.Model(inp, _output(x, spec), name=spec.arch)


def _build_lstm(spec: ModelSpec):
    """Seed 002: each of the 28 rows (28 pixels) → dense 128 → LSTM 128 over the rows → 10."""
    import keras
    inp = _inputs()
    x = _dense_block(inp, 128, "rows_in", spec, dropout=False)
    x = keras.layers.LSTM(128, unit_forget_bias=True, kernel_regularizer=_regularizer(spec), name="lstm")(x)
    if spec.batch_norm:
        x = keras.layers.BatchNormalization(name="lstm_bn")(x)
    if spec.dropout > 0:
        x = keras.layers.Dropout(spec.dropout, name="lstm_dropout")(x)
    return keras.Model(inp, _output(x, spec), name=spec.arch)


def _build_autoencoder(spec: ModelSpec):
    """Seed 002: 784-128-64-10-2 encoder (linear 2-D code) and 2-10-64-128-784 decoder."""
    import keras
    inp = _inputs()
    x = keras.layers.Flatten(name="flatten")(inp)
    for i, n in enumerate((128, 64, 10), start=1):
        x = _dense_block(x, n, f"enc{i}", spec)
    code = keras.layers.Dense(2, kernel_initializer=_initializer(spec), name="code")(x)
    x = code
    for i, n in enumerate((10, 64, 128), start=1):
        x = _dense_block(x, n, f"dec{i}", spec)
    x = keras.layers.Dense(784, kernel_initializer=_initializer(spec), name="pixels")(x)
    x = keras.layers.Activation("sigmoid", name="pixels_act")(x)
    out = keras.layers.Reshape((28, 28), name="reconstruction")(x)
    return keras.Model(inp, out, name=spec.arch)


ARCHITECTURES: dict[str, Architecture] = {a.key: a for a in (
    Architecture("softmax", "Softmax regression", "784 → 10: one linear layer and a softmax.", "001",
                 _dense_stack(()),
                 train_defaults=dict(optimizer="sgd", learning_rate=0.5, batch_size=100),
                 seed_settings=dict(optimizer="sgd", learning_rate=0.5, batch_size=100)),
    Architecture("mlp", "MLP 784-500-10", "One hidden layer of 500 ReLU units.", "003", _dense_stack((500,)),
                 train_defaults=dict(optimizer="adam", learning_rate=1e-3, batch_size=32),
                 seed_settings=dict(optimizer="sgd", learning_rate=0.1, batch_size=200, lr_schedule="exponential",
                                    decay_rate=0.99, decay_epochs=1.0, staircase=True, ema=True,
                                    ema_momentum=0.99, l2=1e-4)),
    Architecture("dnn", "Deep DNN 784-300-50-50-20-10", "Four hidden ReLU layers (the transfer-learning net).",
                 "000", _dense_stack((300, 50, 50, 20)),
                 train_defaults=dict(optimizer="adam", learning_rate=1e-3, batch_size=64),
                 seed_settings=dict(optimizer="sgd", learning_rate=0.01, batch_size=50)),
    Architecture("cnn", "CNN (classic)", "conv 5×5×32 → pool → conv 5×5×64 → pool → dense 1024 → dropout → 10.",
                 "002/004", _build_cnn_classic, defaults=dict(dropout=0.5),
                 train_defaults=dict(optimizer="adam", learning_rate=1e-3, batch_size=64),
                 seed_settings=dict(optimizer="adam", learning_rate=1e-4, batch_size=128)),
    Architecture("cnn-compact", "CNN (compact)", "conv 3×3×32 → conv 3×3×64 stride 2 → pool → dense 64 → 10.",
                 "000", _build_cnn_compact,
                 train_defaults=dict(optimizer="adam", learning_rate=1e-3, batch_size=64),
                 seed_settings=dict(optimizer="adam", learning_rate=1e-3, batch_size=100)),
    Architecture("lstm", "LSTM over image rows", "28 rows × 28 pixels → dense 128 → LSTM 128 → 10.", "002",
                 _build_lstm,
                 train_defaults=dict(optimizer="adam", learning_rate=2e-3, batch_size=64),
                 seed_settings=dict(optimizer="adam", learning_rate=1e-3, batch_size=128)),
    Architecture("autoencoder", "Autoencoder (2-D code)", "784-128-64-10-2-10-64-128-784, trained to rebuild "
                 "its input.", "002", _build_autoencoder, classifier=False, defaults=dict(activation="sigmoid"),
                 train_defaults=dict(optimizer="adam", learning_rate=1e-2, batch_size=256),
                 seed_settings=dict(optimizer="adam", learning_rate=1e-2, batch_size=256)),
)}


def build_model(spec: ModelSpec, seed: int | None = 0):
    """Build the Keras model for `spec` (seeded, so the same spec and seed give the same weights)."""
    import keras
    spec.validate()
    if seed is not None:
        keras.utils.set_random_seed(seed)
    return ARCHITECTURES[spec.arch].build(spec)


def layer_summary(model) -> list[str]:
    """One line per layer: name, type, output shape and parameter count."""
    lines = []
    for layer in model.layers:
        shape = getattr(layer, "output", None)
        shape = tuple(shape.shape[1:]) if shape is not None else ()
        lines.append(f"{layer.name:<14} {type(layer).__name__:<18} {str(shape):<16} {layer.count_params():>10,}")
    return lines


def reusable_layers(model) -> list[str]:
    """Names of the layers with weights, in order, that transfer learning can keep (all but the output)."""
    return [layer.name for layer in model.layers
            if layer.weights and layer.name not in ("output",) and not layer.name.endswith("_bn")]

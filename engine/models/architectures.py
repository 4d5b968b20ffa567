"""The model zoo: the seeds' architectures, each built from one frozen `ModelSpec`.

All models take (N, 28, 28) float32 images in [0, 1]. Classifiers output (N, 10) probabilities; the
autoencoder outputs (N, 28, 28) reconstructions and has a 2-D layer named "code".
"""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.models.optimizers import ADAM, SGD

ACTIVATIONS = ("relu", "tanh", "sigmoid", "elu")
MAX_CLASSES = 1000          # a saved description asking for more is damaged or crafted, not a digit model
MAX_PENALTY = 10.0          # L1 / L2 factors
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

    def validate(self) -> ModelSpec:
        """Every field of the right type and within bounds: a model file's description cannot ask for 10⁹ classes
        (TensorFlow would try to allocate them) or a non-number."""
        for name in ("arch", "activation", "initializer"):
            if not isinstance(getattr(self, name), str):
                raise ConfigError(f"the model's {name} must be a name (got {getattr(self, name)!r}).")
        if not isinstance(self.batch_norm, bool):
            raise ConfigError(f"the model's batch_norm must be true or false (got {self.batch_norm!r}).")
        for name in ("dropout", "l1", "l2"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value in (
                    float("inf"), float("-inf")):
                raise ConfigError(f"the model's {name} must be a number (got {value!r}).")
        if isinstance(self.num_classes, bool) or not isinstance(self.num_classes, int) or not (
                2 <= self.num_classes <= MAX_CLASSES):
            raise ConfigError(f"the number of classes must be a whole number from 2 to {MAX_CLASSES} "
                              f"(got {self.num_classes!r}).")
        if self.l1 > MAX_PENALTY or self.l2 > MAX_PENALTY:
            raise ConfigError(f"L1 and L2 factors above {MAX_PENALTY:g} are not a model's settings.")
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
    def from_dict(cls, data: dict) -> ModelSpec:
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
    recipe: Callable          # recipe(blocks) → model, written against KerasLayers' methods
    classifier: bool = True
    defaults: dict = dataclasses.field(default_factory=dict)        # ModelSpec fields
    train_defaults: dict = dataclasses.field(default_factory=dict)  # TrainConfig fields (good teaching defaults)
    seed_settings: dict = dataclasses.field(default_factory=dict)   # TrainConfig fields as the seed used them


def default_spec(arch: str, **overrides) -> ModelSpec:
    """The architecture's spec with its own defaults, then `overrides`."""
    if arch not in ARCHITECTURES:
        raise ConfigError(f"unknown architecture '{arch}'; choose one of {', '.join(ARCHITECTURES)}.")
    return ModelSpec(arch=arch, **{**ARCHITECTURES[arch].defaults, **overrides}).validate()


# --------------------------------------------------------------------------- layers, described once
#
# Each architecture is a recipe written against a small set of layer blocks. `KerasLayers` builds them as Keras
# layers (build_model); engine/training/export.py's `ScriptLayers` writes the same blocks as lines of keras code, so the
# exported script always has the same layers, options and names as the model that trained.

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


class KerasLayers:
    """The recipes' blocks as Keras layers, with the spec's activation, BN, dropout, initializer and L1/L2."""

    def __init__(self, spec: ModelSpec):
        import keras
        self.k, self.spec = keras, spec

    def _init(self):
        if self.spec.initializer == "truncated_normal":
            return self.k.initializers.TruncatedNormal(stddev=0.1)
        return self.k.initializers.GlorotUniform()

    def _reg(self):
        s = self.spec
        return self.k.regularizers.L1L2(l1=s.l1, l2=s.l2) if (s.l1 or s.l2) else None

    def inputs(self):
        return self.k.Input(shape=(28, 28), name="image")

    def flatten(self, x):
        return self.k.layers.Flatten(name="flatten")(x)

    def reshape(self, x, shape: tuple, name: str):
        return self.k.layers.Reshape(shape, name=name)(x)

    def max_pool(self, x, size: int, name: str):
        return self.k.layers.MaxPooling2D(size, name=name)(x)

    def dense_block(self, x, units: int, name: str, dropout: bool = True):
        """Dense → (BN) → activation → (dropout); the activation layer is named '<name>_act'."""
        s, L = self.spec, self.k.layers
        x = L.Dense(units, use_bias=not s.batch_norm, kernel_initializer=self._init(), kernel_regularizer=self._reg(),
                    name=name)(x)
        if s.batch_norm:
            x = L.BatchNormalization(name=f"{name}_bn")(x)
        x = L.Activation(s.activation, name=f"{name}_act")(x)
        if dropout and s.dropout > 0:
            x = L.Dropout(s.dropout, name=f"{name}_dropout")(x)
        return x

    def conv_block(self, x, filters: int, size: int, stride: int, name: str):
        """Conv2D (same padding) → (BN) → activation."""
        s, L = self.spec, self.k.layers
        x = _conv2d_class()(filters, size, strides=stride, padding="same", use_bias=not s.batch_norm,
                            kernel_initializer=self._init(), kernel_regularizer=self._reg(), name=name)(x)
        if s.batch_norm:
            x = L.BatchNormalization(name=f"{name}_bn")(x)
        return L.Activation(s.activation, name=f"{name}_act")(x)

    def lstm_block(self, x, units: int, name: str):
        """LSTM over the rows → (BN) → (dropout)."""
        s, L = self.spec, self.k.layers
        x = L.LSTM(units, unit_forget_bias=True, kernel_regularizer=self._reg(), name=name)(x)
        if s.batch_norm:
            x = L.BatchNormalization(name=f"{name}_bn")(x)
        if s.dropout > 0:
            x = L.Dropout(s.dropout, name=f"{name}_dropout")(x)
        return x

    def linear(self, x, units: int, name: str, activation: str | None = None, regularized: bool = False):
        """A plain Dense layer (the output, the autoencoder's code and pixels), then `activation` if given."""
        L = self.k.layers
        x = L.Dense(units, kernel_initializer=self._init(), kernel_regularizer=self._reg() if regularized else None,
                    name=name)(x)
        return L.Activation(activation, name=f"{name}_act")(x) if activation else x

    def classes(self, x):
        """The classifier's head: Dense(num_classes) named "output", softmax named "probabilities"."""
        x = self.linear(x, self.spec.num_classes, "output", regularized=True)
        return self.k.layers.Activation("softmax", name="probabilities")(x)

    def model(self, inputs, outputs):
        return self.k.Model(inputs, outputs, name=self.spec.arch)


def _dense_stack(units: tuple[int, ...]):
    def recipe(b):
        inp = b.inputs()
        x = b.flatten(inp)
        for i, n in enumerate(units, start=1):
            x = b.dense_block(x, n, f"hidden{i}")
        return b.model(inp, b.classes(x))
    return recipe


def _cnn_classic(b):
    inp = b.inputs()
    x = b.reshape(inp, (28, 28, 1), "channels")
    x = b.max_pool(b.conv_block(x, 32, 5, 1, "conv1"), 2, "pool1")
    x = b.max_pool(b.conv_block(x, 64, 5, 1, "conv2"), 2, "pool2")
    x = b.dense_block(b.flatten(x), 1024, "fc1")
    return b.model(inp, b.classes(x))


def _cnn_compact(b):
    inp = b.inputs()
    x = b.reshape(inp, (28, 28, 1), "channels")
    x = b.conv_block(b.conv_block(x, 32, 3, 1, "conv1"), 64, 3, 2, "conv2")
    x = b.dense_block(b.flatten(b.max_pool(x, 2, "pool3")), 64, "fc1")
    return b.model(inp, b.classes(x))


def _lstm(b):
    """Seed 002: each of the 28 rows (28 pixels) → dense 128 → LSTM 128 over the rows → 10."""
    inp = b.inputs()
    x = b.lstm_block(b.dense_block(inp, 128, "rows_in", dropout=False), 128, "lstm")
    return b.model(inp, b.classes(x))


def _autoencoder(b):
    """Seed 002: 784-128-64-10-2 encoder (linear 2-D code) and 2-10-64-128-784 decoder."""
    inp = b.inputs()
    x = b.flatten(inp)
    for i, n in enumerate((128, 64, 10), start=1):
        x = b.dense_block(x, n, f"enc{i}")
    x = b.linear(x, 2, "code")
    for i, n in enumerate((10, 64, 128), start=1):
        x = b.dense_block(x, n, f"dec{i}")
    x = b.linear(x, 784, "pixels", activation="sigmoid")
    return b.model(inp, b.reshape(x, (28, 28), "reconstruction"))


ARCHITECTURES: dict[str, Architecture] = {a.key: a for a in (
    Architecture("softmax", "Softmax regression", "784 → 10: one linear layer and a softmax.", "001",
                 _dense_stack(()),
                 train_defaults=dict(optimizer=SGD, learning_rate=0.5, batch_size=100),
                 seed_settings=dict(optimizer=SGD, learning_rate=0.5, batch_size=100)),
    Architecture("mlp", "MLP 784-500-10", "One hidden layer of 500 ReLU units.", "003", _dense_stack((500,)),
                 train_defaults=dict(optimizer=ADAM, learning_rate=1e-3, batch_size=32),
                 seed_settings=dict(optimizer=SGD, learning_rate=0.1, batch_size=200, lr_schedule="exponential",
                                    decay_rate=0.99, decay_epochs=1.0, staircase=True, ema=True,
                                    ema_momentum=0.99, l2=1e-4)),
    Architecture("dnn", "Deep DNN 784-300-50-50-20-10", "Four hidden ReLU layers (the transfer-learning net).",
                 "000", _dense_stack((300, 50, 50, 20)),
                 train_defaults=dict(optimizer=ADAM, learning_rate=1e-3, batch_size=64),
                 seed_settings=dict(optimizer=SGD, learning_rate=0.01, batch_size=50)),
    Architecture("cnn", "CNN (classic)", "conv 5×5×32 → pool → conv 5×5×64 → pool → dense 1024 → dropout → 10.",
                 "002/004", _cnn_classic, defaults=dict(dropout=0.5),
                 train_defaults=dict(optimizer=ADAM, learning_rate=1e-3, batch_size=64),
                 seed_settings=dict(optimizer=ADAM, learning_rate=1e-4, batch_size=128)),
    Architecture("cnn-compact", "CNN (compact)", "conv 3×3×32 → conv 3×3×64 stride 2 → pool → dense 64 → 10.",
                 "000", _cnn_compact,
                 train_defaults=dict(optimizer=ADAM, learning_rate=1e-3, batch_size=64),
                 seed_settings=dict(optimizer=ADAM, learning_rate=1e-3, batch_size=100)),
    Architecture("lstm", "LSTM over image rows", "28 rows × 28 pixels → dense 128 → LSTM 128 → 10.", "002",
                 _lstm,
                 train_defaults=dict(optimizer=ADAM, learning_rate=2e-3, batch_size=64),
                 seed_settings=dict(optimizer=ADAM, learning_rate=1e-3, batch_size=128)),
    Architecture("autoencoder", "Autoencoder (2-D code)", "784-128-64-10-2-10-64-128-784, trained to rebuild "
                 "its input.", "002", _autoencoder, classifier=False, defaults=dict(activation="sigmoid"),
                 # batch 32, not the seed's 256: at the default 5 epochs the seed's 150 steps leave every digit on
                 # one dot of the code plane; 1,200 steps spread the classes out (tests/engine/test_models.py)
                 train_defaults=dict(optimizer=ADAM, learning_rate=1e-2, batch_size=32),
                 seed_settings=dict(optimizer=ADAM, learning_rate=1e-2, batch_size=256)),
)}


@functools.lru_cache(maxsize=64)
def param_count(spec: ModelSpec) -> int:
    """Trainable parameters of the model `spec` describes (built once per spec; TensorFlow loads on first use)."""
    return build_model(spec, seed=None).count_params()


def build_model(spec: ModelSpec, seed: int | None = 0):
    """Build the Keras model for `spec` (seeded, so the same spec and seed give the same weights)."""
    from tensordesk.engine.core.device import KERAS_GRAPH
    with KERAS_GRAPH:   # not while another thread builds or traces (engine/core/device.py)
        return _build_model(spec, seed)


def _build_model(spec: ModelSpec, seed: int | None):
    import keras
    spec.validate()
    if seed is not None:
        keras.utils.set_random_seed(seed)
    return ARCHITECTURES[spec.arch].recipe(KerasLayers(spec))


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

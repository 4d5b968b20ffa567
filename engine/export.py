"""Export an experiment as a standalone, runnable tf.keras script a student can take home.

`export_script(spec, config, source)` returns the text of a Python file that loads the data, builds the same
network (same layers, options, initialisers), the same optimizer and learning-rate schedule, trains with
`model.fit` and evaluates on the test split, with comments in plain language. It needs only TensorFlow.
"""
from __future__ import annotations

import datetime

from tensordesk.engine.models import ARCHITECTURES, ModelSpec
from tensordesk.engine.training import TrainConfig

_DATA = {
    "mnist": ("keras.datasets.mnist.load_data()", "MNIST: 60,000 training and 10,000 test digits "
              "(downloaded once by Keras)"),
    "mnist-embedded": ("keras.datasets.mnist.load_data()", "MNIST. TensorDesk trained on its embedded "
                       "10,000-digit subset; at home the full set is downloaded once by Keras"),
    "fashion": ("keras.datasets.fashion_mnist.load_data()", "Fashion-MNIST: 60,000 training and 10,000 test "
                "images of clothes (downloaded once by Keras)"),
}

_READERS = '''
def read_idx(path):
    """An IDX file (the original MNIST format, raw or .gz) as a numpy array."""
    import gzip
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * ndim).reshape(shape)


def load_idx_folder(folder):
    import glob
    import os

    def find(*words):
        for name in sorted(glob.glob(os.path.join(folder, "*"))):
            base = os.path.basename(name).lower()
            if all(w in base for w in words):
                return name
        raise SystemExit(f"{folder}: no IDX file with {words} in its name")
    return ((read_idx(find("train", "images")), read_idx(find("train", "labels"))),
            (read_idx(find("t10k", "images")), read_idx(find("t10k", "labels"))))


def load_csv(path, test_fraction=0.2, seed=0):
    """Seed 004's CSV: a label, then 784 pixel values, per row."""
    rows = np.loadtxt(path, delimiter=",", dtype=np.float32, ndmin=2)
    labels, images = rows[:, 0].astype(np.int64), rows[:, 1:].reshape(-1, 28, 28)
    if images.max() <= 1.0:
        images = images * 255.0
    order = np.random.default_rng(seed).permutation(len(rows))
    cut = int(len(rows) * (1 - test_fraction))
    train, test = order[:cut], order[cut:]
    return (images[train], labels[train]), (images[test], labels[test])
'''


def _init(spec: ModelSpec) -> str:
    return ("keras.initializers.TruncatedNormal(stddev=0.1)" if spec.initializer == "truncated_normal"
            else '"glorot_uniform"')


def _reg(spec: ModelSpec) -> str:
    return f"keras.regularizers.L1L2(l1={spec.l1!r}, l2={spec.l2!r})" if (spec.l1 or spec.l2) else "None"


def _dense(units: int, name: str, spec: ModelSpec, dropout: bool = True, activation: str | None = None) -> list[str]:
    act = activation or spec.activation
    lines = [f'x = layers.Dense({units}, use_bias={not spec.batch_norm}, kernel_initializer={_init(spec)}, '
             f'kernel_regularizer={_reg(spec)}, name="{name}")(x)']
    if spec.batch_norm:
        lines.append(f'x = layers.BatchNormalization(name="{name}_bn")(x)')
    lines.append(f'x = layers.Activation("{act}", name="{name}_act")(x)')
    if dropout and spec.dropout > 0:
        lines.append(f'x = layers.Dropout({spec.dropout!r}, name="{name}_dropout")(x)')
    return lines


def _conv(filters: int, size: int, stride: int, name: str, spec: ModelSpec) -> list[str]:
    lines = [f'x = layers.Conv2D({filters}, {size}, strides={stride}, padding="same", use_bias={not spec.batch_norm}, '
             f'kernel_initializer={_init(spec)}, kernel_regularizer={_reg(spec)}, name="{name}")(x)']
    if spec.batch_norm:
        lines.append(f'x = layers.BatchNormalization(name="{name}_bn")(x)')
    lines.append(f'x = layers.Activation("{spec.activation}", name="{name}_act")(x)')
    return lines


def _output(spec: ModelSpec) -> list[str]:
    return [f'x = layers.Dense({spec.num_classes}, kernel_initializer={_init(spec)}, kernel_regularizer={_reg(spec)}, '
            f'name="output")(x)', 'outputs = layers.Activation("softmax", name="probabilities")(x)']


def model_code(spec: ModelSpec) -> list[str]:
    """The lines that build `spec` with keras.layers (the same layers and names as engine/models.py)."""
    a = spec.arch
    lines = ['inputs = keras.Input(shape=(28, 28), name="image")']
    if a in ("softmax", "mlp", "dnn"):
        units = {"softmax": (), "mlp": (500,), "dnn": (300, 50, 50, 20)}[a]
        lines.append('x = layers.Flatten(name="flatten")(inputs)')
        for i, n in enumerate(units, start=1):
            lines += _dense(n, f"hidden{i}", spec)
        lines += _output(spec)
    elif a == "cnn":
        lines.append('x = layers.Reshape((28, 28, 1), name="channels")(inputs)')
        lines += _conv(32, 5, 1, "conv1", spec) + ['x = layers.MaxPooling2D(2, name="pool1")(x)']
        lines += _conv(64, 5, 1, "conv2", spec) + ['x = layers.MaxPooling2D(2, name="pool2")(x)']
        lines += ['x = layers.Flatten(name="flatten")(x)'] + _dense(1024, "fc1", spec) + _output(spec)
    elif a == "cnn-compact":
        lines.append('x = layers.Reshape((28, 28, 1), name="channels")(inputs)')
        lines += _conv(32, 3, 1, "conv1", spec) + _conv(64, 3, 2, "conv2", spec)
        lines += ['x = layers.MaxPooling2D(2, name="pool3")(x)', 'x = layers.Flatten(name="flatten")(x)']
        lines += _dense(64, "fc1", spec) + _output(spec)
    elif a == "lstm":
        lines.append("x = inputs  # each of the 28 rows is one time step of 28 pixels")
        lines += _dense(128, "rows_in", spec, dropout=False)
        lines.append(f'x = layers.LSTM(128, unit_forget_bias=True, kernel_regularizer={_reg(spec)}, name="lstm")(x)')
        if spec.batch_norm:
            lines.append('x = layers.BatchNormalization(name="lstm_bn")(x)')
        if spec.dropout > 0:
            lines.append(f'x = layers.Dropout({spec.dropout!r}, name="lstm_dropout")(x)')
        lines += _output(spec)
    elif a == "autoencoder":
        lines.append('x = layers.Flatten(name="flatten")(inputs)')
        for i, n in enumerate((128, 64, 10), start=1):
            lines += _dense(n, f"enc{i}", spec)
        lines.append(f'x = layers.Dense(2, kernel_initializer={_init(spec)}, name="code")(x)  # the 2-D code')
        for i, n in enumerate((10, 64, 128), start=1):
            lines += _dense(n, f"dec{i}", spec)
        lines += [f'x = layers.Dense(784, kernel_initializer={_init(spec)}, name="pixels")(x)',
                  'x = layers.Activation("sigmoid", name="pixels_act")(x)',
                  'outputs = layers.Reshape((28, 28), name="reconstruction")(x)']
    return lines + [f'model = keras.Model(inputs, outputs, name="{a}")']


def optimizer_code(config: TrainConfig) -> list[str]:
    lines = []
    if config.lr_schedule == "exponential":
        lines.append(f"# the learning rate shrinks by {config.decay_rate:g}× every {config.decay_epochs:g} epoch(s)"
                     + (" (in steps)" if config.staircase else " (smoothly)"))
        lines.append(f"learning_rate = keras.optimizers.schedules.ExponentialDecay({config.learning_rate!r}, "
                     f"decay_steps=steps_per_epoch * {config.decay_epochs!r}, decay_rate={config.decay_rate!r}, "
                     f"staircase={config.staircase})")
    else:
        lines.append(f"learning_rate = {config.learning_rate!r}")
    ema = f", use_ema=True, ema_momentum={config.ema_momentum!r}" if config.ema else ""
    o = config.optimizer
    if o in ("momentum", "nesterov"):
        call = f"keras.optimizers.SGD(learning_rate, momentum={config.momentum!r}, nesterov={o == 'nesterov'}{ema})"
    else:
        name = {"sgd": "SGD", "adam": "Adam", "rmsprop": "RMSprop", "adagrad": "Adagrad"}[o]
        call = f"keras.optimizers.{name}(learning_rate{ema})"
    return lines + [f"optimizer = {call}"]


def export_script(spec: ModelSpec, config: TrainConfig, source: str, title: str = "") -> str:
    """The text of a standalone script reproducing this experiment."""
    spec.validate()
    config.validate()
    arch = ARCHITECTURES[spec.arch]
    if source.startswith("idx:"):
        load, about, readers = f"load_idx_folder({source[4:]!r})", f"the IDX files in {source[4:]}", _READERS
    elif source.startswith("csv:"):
        load, about, readers = f"load_csv({source[4:]!r})", f"the CSV file {source[4:]}", _READERS
    else:
        load, about = _DATA.get(source, _DATA["mnist"])
        readers = ""
    classifier = spec.is_classifier
    limit = f"[:{config.max_train_samples}]" if config.max_train_samples else ""
    body = [
        f'"""{title or spec.label()} — exported from TensorDesk on {datetime.date.today().isoformat()}.',
        "",
        f"{arch.title}: {arch.description} (seed {arch.seed}).",
        "Run it with:  python this_file.py   (needs only TensorFlow: pip install tensorflow)",
        '"""',
        "import numpy as np",
        "import keras",
        "from keras import layers",
        readers.rstrip(),
        "",
        f"keras.utils.set_random_seed({config.seed})  # the same seed gives the same starting weights",
        "",
        f"# 1. Data: {about}.",
        "#    Pixels become numbers in [0, 1]; each image stays a 28 × 28 grid.",
        f"(x_train, y_train), (x_test, y_test) = {load}",
        f"x_train, y_train = x_train{limit}.astype('float32') / 255.0, y_train{limit}",
        "x_test = x_test.astype('float32') / 255.0",
        "",
        "# 2. The network, layer by layer.",
        *model_code(spec),
        "model.summary()",
        "",
        f"# 3. How it learns: {config.optimizer} with batches of {config.batch_size} images.",
        f"batch_size, epochs = {config.batch_size}, {config.epochs}",
        "steps_per_epoch = int(np.ceil(len(x_train) / batch_size))",
        *optimizer_code(config),
    ]
    if classifier:
        body += ["# the loss: how surprised the network is by the right answer (cross-entropy)",
                 'model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])',
                 "", "# 4. Train: every epoch sweeps once through all training images, in a new random order.",
                 "model.fit(x_train, y_train, batch_size=batch_size, epochs=epochs, validation_split=0.1)",
                 "", "# 5. Test on images the network has never seen.",
                 "loss, accuracy = model.evaluate(x_test, y_test, verbose=0)",
                 'print(f"test accuracy {accuracy:.2%} (loss {loss:.4f})")']
    else:
        body += ["# the loss: how far each rebuilt pixel is from the original (mean squared error)",
                 'model.compile(optimizer=optimizer, loss="mse")',
                 "", "# 4. Train the network to rebuild its own input through a 2-number bottleneck.",
                 "model.fit(x_train, x_train, batch_size=batch_size, epochs=epochs, validation_split=0.1)",
                 "", "# 5. How well does it rebuild test images?",
                 "loss = model.evaluate(x_test, x_test, verbose=0)",
                 'print(f"test reconstruction error {loss:.4f}")']
    return "\n".join(line for line in body if line is not None) + "\n"


def write_script(path, spec: ModelSpec, config: TrainConfig, source: str, title: str = "") -> str:
    from pathlib import Path
    text = export_script(spec, config, source, title)
    Path(path).write_text(text, encoding="utf-8")
    return text


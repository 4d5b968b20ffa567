"""Export an experiment as a standalone, runnable tf.keras script a student can take home.

`export_script(spec, config, source)` returns the text of a Python file that loads the data, builds the same
network (same layers, options, initialisers), the same optimizer and learning-rate schedule, trains with
`model.fit` and evaluates on the test split, with comments in plain language. It needs only TensorFlow.
"""
from __future__ import annotations

import datetime
import inspect

from tensordesk.engine.data.datasets import parse_source
from tensordesk.engine.models.architectures import ARCHITECTURES, ModelSpec
from tensordesk.engine.models.optimizers import get_optimizer
from tensordesk.engine.training.config import TrainConfig

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


def load_image_folder(folder, test_fraction=0.2, seed=0):
    """FOLDER/<digit>/<image>: each image made MNIST-like (light ink on dark, cropped, 20 px in a 28 px field).
    TensorDesk also cleans photos of paper (shadows, grain, ruled lines) before this; here the image is used as
    it is."""
    import os
    from PIL import Image
    images, labels = [], []
    for label in sorted(d for d in os.listdir(folder) if d.isdigit() and len(d) == 1):
        for name in sorted(os.listdir(os.path.join(folder, label))):
            try:
                img = np.asarray(Image.open(os.path.join(folder, label, name)).convert("L"), np.float32) / 255
            except OSError:
                continue
            if np.median(img) > 0.5:
                img = 1 - img  # dark ink on light paper
            img = np.clip((img - np.median(img)) / max(img.max() - np.median(img), 1e-3), 0, 1)
            rows, cols = np.flatnonzero(img.max(1) > 0.2), np.flatnonzero(img.max(0) > 0.2)
            if len(rows) == 0:
                continue
            crop = img[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
            scale = 20 / max(crop.shape)
            h, w = max(1, round(crop.shape[0] * scale)), max(1, round(crop.shape[1] * scale))
            small = np.asarray(Image.fromarray((crop * 255).astype(np.uint8)).resize((w, h), Image.LANCZOS))
            field = np.zeros((28, 28), np.uint8)
            field[(28 - h) // 2:(28 - h) // 2 + h, (28 - w) // 2:(28 - w) // 2 + w] = small
            images.append(field)
            labels.append(int(label))
    images, labels = np.stack(images), np.array(labels)
    order = np.random.default_rng(seed).permutation(len(images))
    cut = int(len(images) * (1 - test_fraction))
    train, test = order[:cut], order[cut:]
    return (images[train], labels[train]), (images[test], labels[test])
'''


class ScriptLayers:
    """The architecture recipes' blocks (engine/models/architectures.py) written out as lines of keras code: the same layers,
    options and names as `KerasLayers` builds. Each method returns the variable that holds its result."""

    def __init__(self, spec: ModelSpec):
        self.spec, self.lines = spec, list[str]()

    def _init(self) -> str:
        return ("keras.initializers.TruncatedNormal(stddev=0.1)" if self.spec.initializer == "truncated_normal"
                else '"glorot_uniform"')

    def _reg(self) -> str:
        s = self.spec
        return f"keras.regularizers.L1L2(l1={s.l1!r}, l2={s.l2!r})" if (s.l1 or s.l2) else "None"

    def _add(self, x: str, layer: str, comment: str = "") -> str:
        self.lines.append(f"x = layers.{layer}({x})" + (f"  # {comment}" if comment else ""))
        return "x"

    def inputs(self) -> str:
        self.lines.append('inputs = keras.Input(shape=(28, 28), name="image")')
        return "inputs"

    def flatten(self, x):
        comment = "28 × 28 pixels → one row of 784 numbers" if x == "inputs" else ""
        return self._add(x, 'Flatten(name="flatten")', comment)

    def reshape(self, x, shape: tuple, name: str):
        return self._add(x, f'Reshape({shape!r}, name="{name}")')

    def max_pool(self, x, size: int, name: str):
        return self._add(x, f'MaxPooling2D({size}, name="{name}")')

    def _normalise_activate(self, x: str, name: str) -> str:
        if self.spec.batch_norm:
            x = self._add(x, f'BatchNormalization(name="{name}_bn")')
        return self._add(x, f'Activation("{self.spec.activation}", name="{name}_act")')

    def dense_block(self, x, units: int, name: str, dropout: bool = True):
        s = self.spec
        comment = "each of the 28 rows (28 pixels) on its own" if x == "inputs" else ""
        x = self._add(x, f"Dense({units}, use_bias={not s.batch_norm}, kernel_initializer={self._init()}, "
                         f'kernel_regularizer={self._reg()}, name="{name}")', comment)
        x = self._normalise_activate(x, name)
        return self._add(x, f'Dropout({s.dropout!r}, name="{name}_dropout")') if dropout and s.dropout > 0 else x

    def conv_block(self, x, filters: int, size: int, stride: int, name: str):
        s = self.spec
        x = self._add(x, f'Conv2D({filters}, {size}, strides={stride}, padding="same", use_bias={not s.batch_norm}, '
                         f'kernel_initializer={self._init()}, kernel_regularizer={self._reg()}, name="{name}")')
        return self._normalise_activate(x, name)

    def lstm_block(self, x, units: int, name: str):
        s = self.spec
        x = self._add(x, f'LSTM({units}, unit_forget_bias=True, kernel_regularizer={self._reg()}, name="{name}")',
                      "the rows are its time steps")
        if s.batch_norm:
            x = self._add(x, f'BatchNormalization(name="{name}_bn")')
        return self._add(x, f'Dropout({s.dropout!r}, name="{name}_dropout")') if s.dropout > 0 else x

    def linear(self, x, units: int, name: str, activation: str | None = None, regularized: bool = False):
        reg = f", kernel_regularizer={self._reg()}" if regularized else ""
        x = self._add(x, f'Dense({units}, kernel_initializer={self._init()}{reg}, name="{name}")',
                      "the 2-D code" if name == "code" else "")
        return self._add(x, f'Activation("{activation}", name="{name}_act")') if activation else x

    def classes(self, x):
        x = self.linear(x, self.spec.num_classes, "output", regularized=True)
        self.lines.append(f'outputs = layers.Activation("softmax", name="probabilities")({x})')
        return "outputs"

    def model(self, inputs, outputs):
        if outputs != "outputs":
            self.lines.append(f"outputs = {outputs}")
        self.lines.append(f'model = keras.Model({inputs}, outputs, name="{self.spec.arch}")')
        return self.lines


def model_code(spec: ModelSpec) -> list[str]:
    """The lines that build `spec` with keras.layers, from the same recipe as engine/models/architectures.py's build_model."""
    return ARCHITECTURES[spec.arch].recipe(ScriptLayers(spec))


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
    call = get_optimizer(config.optimizer).export_call("learning_rate", config.momentum, ema)
    return lines + [f"optimizer = {call}"]


def augmentation_code(config: TrainConfig) -> list[str]:
    """The script's augmentation: TensorDesk's stroke-width and elastic layers and Keras's own random layers, the
    same ranges."""
    from tensordesk.engine.data.augment import AUGMENTATION, RandomElastic, RandomStrokeWidth, _gaussian_kernel
    a = AUGMENTATION
    return [
        "# Augmentation: every batch is seen slightly rotated, shifted, zoomed, elastically distorted and with",
        "# thicker or thinner strokes, so the network learns digits as other people write them. Only in training.",
        *inspect.getsource(RandomStrokeWidth).rstrip().splitlines(),
        "",
        "",
        *inspect.getsource(_gaussian_kernel).rstrip().splitlines(),
        "",
        "",
        *inspect.getsource(RandomElastic).rstrip().splitlines(),
        "",
        "",
        "augmentation = keras.Sequential([",
        "    layers.Reshape((28, 28, 1)),",
        f"    RandomStrokeWidth({a['stroke']!r}, seed={config.seed}),",
        f"    RandomElastic({a['elastic_alpha']!r}, {a['elastic_sigma']!r}, {a['elastic_share']!r}, "
        f"seed={config.seed}),",
        f"    layers.RandomRotation({a['rotation_degrees'] / 360.0!r}, fill_mode='constant', seed={config.seed}),",
        f"    layers.RandomZoom({a['zoom']!r}, fill_mode='constant', seed={config.seed}),",
        f"    layers.RandomTranslation({a['shift']!r}, {a['shift']!r}, fill_mode='constant', seed={config.seed}),",
        "    layers.Reshape((28, 28)),",
        "])",
    ]


def writer_styles_code(config: TrainConfig) -> list[str]:
    """The script's continental 1s and 7s (engine/data/writer_styles.py), drawn once onto the training digits."""
    from tensordesk.engine.data.writer_styles import training_source
    return [
        "#    Other people's handwriting: MNIST's writers seldom flag a 1 or cross a 7, so half the training 1s",
        "#    get a flag (some a foot too) and half the 7s a bar across the stem, in each digit's own pen width.",
        *training_source().rstrip().splitlines(),
        "",
        "",
        f"x_train = restyle(x_train, y_train, seed={config.seed})",
        "",
    ]


def _augmented_fit(target: str) -> list[str]:
    return ["# the last tenth of the training images checks progress (validation) and is not augmented",
            "n_val = len(x_train) // 10",
            "x_val, y_val = x_train[-n_val:], y_train[-n_val:]",
            "train = (tf.data.Dataset.from_tensor_slices((x_train[:-n_val], y_train[:-n_val]))",
            "         .shuffle(len(x_train), seed=0).batch(batch_size)",
            f"         .map(lambda x, y: (augmentation(x, training=True),) * 2 if {target!r} == 'x' else "
            "(augmentation(x, training=True), y)))",
            f"model.fit(train, epochs=epochs, validation_data=(x_val, {'x_val' if target == 'x' else 'y_val'}))"]


def export_script(spec: ModelSpec, config: TrainConfig, source: str, title: str = "") -> str:
    """The text of a standalone script reproducing this experiment."""
    spec.validate()
    config.validate()
    arch = ARCHITECTURES[spec.arch]
    kind, path = parse_source(source)
    load, about = kind.export_load.format(path=path), kind.export_about.format(path=path)
    readers = _READERS if kind.path else ""   # a user's own files: the script carries the readers it needs
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
        "import tensorflow as tf" if config.augment else None,
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
        *(writer_styles_code(config) if config.augment and classifier and kind.handwritten else []),
        "# 2. The network, layer by layer.",
        *model_code(spec),
        "model.summary()",
        "",
        f"# 3. How it learns: {config.optimizer} with batches of {config.batch_size} images.",
        f"batch_size, epochs = {config.batch_size}, {config.epochs}",
        "steps_per_epoch = int(np.ceil(len(x_train) / batch_size))",
        *optimizer_code(config),
    ]
    if config.augment:
        body += ["", *augmentation_code(config), ""]
    if classifier:
        body += ["# the loss: how surprised the network is by the right answer (cross-entropy)",
                 'model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])',
                 "", "# 4. Train: every epoch sweeps once through all training images, in a new random order.",
                 *(_augmented_fit("y") if config.augment else
                   ["model.fit(x_train, y_train, batch_size=batch_size, epochs=epochs, validation_split=0.1)"]),
                 "", "# 5. Test on images the network has never seen.",
                 "loss, accuracy = model.evaluate(x_test, y_test, verbose=0)",
                 'print(f"test accuracy {accuracy:.2%} (loss {loss:.4f})")']
    else:
        body += ["# the loss: how far each rebuilt pixel is from the original (mean squared error)",
                 'model.compile(optimizer=optimizer, loss="mse")',
                 "", "# 4. Train the network to rebuild its own input through a 2-number bottleneck.",
                 *(_augmented_fit("x") if config.augment else
                   ["model.fit(x_train, x_train, batch_size=batch_size, epochs=epochs, validation_split=0.1)"]),
                 "", "# 5. How well does it rebuild test images?",
                 "loss = model.evaluate(x_test, x_test, verbose=0)",
                 'print(f"test reconstruction error {loss:.4f}")']
    return "\n".join(line for line in body if line is not None) + "\n"


def write_script(path, spec: ModelSpec, config: TrainConfig, source: str, title: str = "") -> str:
    from pathlib import Path
    text = export_script(spec, config, source, title)
    Path(path).write_text(text, encoding="utf-8")
    return text


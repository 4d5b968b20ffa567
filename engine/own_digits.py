"""The learner's own digits: a personal data set folder in the image-folder layout (`FOLDER/<digit>/<name>.png`,
what Keras's `image_dataset_from_directory` reads), and fine-tuning a model on it mixed with MNIST, with its
accuracy on held-out own digits before and after.

Drawings are saved as the canvas drew them (light ink on black, canvas resolution), so they stay useful for any
future preprocessing; every read goes through the drawing's own preprocessing. Writes are atomic (a temporary
file renamed into place), so a crash while saving never leaves half a file.
"""
from __future__ import annotations

import dataclasses
import datetime
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from tensordesk.engine.datasets import DIGIT_NAMES, Dataset, read_image_folder
from tensordesk.engine.errors import ConfigError, DataError
from tensordesk.engine.files import atomic_write

DEFAULT_HOLDOUT = 0.3       # share of each digit's examples kept aside to measure "before" and "after"
DEFAULT_OWN_SHARE = 0.5     # share of own digits in each fine-tuning batch (the rest is MNIST)
FINE_TUNE_IMAGES = 2000     # images per fine-tuning epoch: own digits repeated (augmented), MNIST drawn fresh


class DigitCollection:
    """A folder of labelled drawings. Thread-safe enough for one window: every change is one rename."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)

    def _label_folder(self, label: int) -> Path:
        if not (isinstance(label, (int, np.integer)) and 0 <= int(label) <= 9):
            raise DataError(f"label {label!r} is not a digit 0 to 9.")
        return self.folder / str(int(label))

    def items(self) -> list[tuple[int, Path]]:
        """(label, path) of every collected image, by label, then oldest first."""
        out = []
        if not self.folder.is_dir():
            return out
        for name in DIGIT_NAMES:
            sub = self.folder / name
            if sub.is_dir():
                files = [p for p in sub.iterdir() if p.is_file() and p.suffix.lower() == ".png"
                         and not p.name.startswith(".")]
                out += [(int(name), p) for p in sorted(files, key=lambda p: (p.stat().st_mtime, p.name))]
        return out

    def counts(self) -> list[int]:
        """How many examples of each digit (10 numbers)."""
        counts = [0] * 10
        for label, _ in self.items():
            counts[label] += 1
        return counts

    def add(self, image: np.ndarray, label: int) -> Path:
        """Save a drawing (H, W) float in [0, 1] or uint8 as `FOLDER/<label>/digit-<time>.png`; returns the path."""
        target = self._label_folder(label)
        a = np.asarray(image)
        if a.ndim != 2 or a.size == 0:
            raise DataError(f"a drawing must be a 2-D image; got shape {a.shape}.")
        if a.dtype != np.uint8:
            a = np.clip(np.rint(np.nan_to_num(a.astype(np.float32)) * 255), 0, 255).astype(np.uint8)
        if not a.any():
            raise DataError("the canvas is empty: draw a digit first.")
        try:
            target.mkdir(parents=True, exist_ok=True)
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            path = target / f"digit-{stamp}.png"
            n = 1
            while path.exists():
                path = target / f"digit-{stamp}-{n}.png"
                n += 1
            atomic_write(path, lambda fh: Image.fromarray(a, mode="L").save(fh, format="PNG"))
        except OSError as exc:
            raise DataError(f"{self.folder}: cannot save the drawing ({exc.strerror or exc}).") from exc
        return path

    TRASH = ".deleted"   # deleted examples wait here (a hidden folder: data sets skip it) so Undo can restore them

    def delete(self, path: str | os.PathLike) -> Path:
        """Take an example out of the collection; returns where it waits, for `restore`."""
        path = self._own(path)
        target = self.folder / self.TRASH / path.parent.name
        try:
            target.mkdir(parents=True, exist_ok=True)
            kept = target / path.name
            os.replace(path, kept)
        except OSError as exc:
            raise DataError(f"{path}: cannot delete it ({exc.strerror or exc}).") from exc
        return kept

    def restore(self, kept: str | os.PathLike) -> Path:
        """Put a deleted example back where it was; returns its path."""
        kept = Path(kept)
        back = self._label_folder(int(kept.parent.name)) / kept.name
        try:
            back.parent.mkdir(parents=True, exist_ok=True)
            os.replace(kept, back)
        except (OSError, ValueError) as exc:
            raise DataError(f"{kept}: cannot restore it ({exc}).") from exc
        return back

    def relabel(self, path: str | os.PathLike, label: int) -> Path:
        """Move an example to another digit's folder (one rename); returns its new path."""
        path = self._own(path)
        target = self._label_folder(label)
        if path.parent == target:
            return path
        try:
            target.mkdir(parents=True, exist_ok=True)
            new = target / path.name
            n = 1
            while new.exists():
                new = target / f"{path.stem}-{n}{path.suffix}"
                n += 1
            os.replace(path, new)
        except OSError as exc:
            raise DataError(f"{path}: cannot move it to {target} ({exc.strerror or exc}).") from exc
        return new

    def _own(self, path) -> Path:
        path = Path(path)
        if path.resolve().parent.parent != self.folder.resolve():
            raise DataError(f"{path} is not in the collection {self.folder}.")
        return path

    def read(self) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Every example through the drawing's preprocessing: (images (N, 28, 28) uint8, labels (N,), notes)."""
        return read_image_folder(self.folder)


# --------------------------------------------------------------------------- fine-tuning

@dataclass(frozen=True)
class FineTuneResult:
    before: float                    # accuracy on the held-out own digits, before
    after: float                     # and after fine-tuning
    held_out: int                    # how many own digits were held out
    trained_on: int                  # how many own digits it trained on
    per_epoch: tuple[float, ...]     # held-out accuracy after each epoch
    before_predictions: np.ndarray   # (held_out,) predicted digits, before
    after_predictions: np.ndarray    # (held_out,) and after
    held_out_images: np.ndarray      # (held_out, 28, 28) uint8
    held_out_labels: np.ndarray      # (held_out,)
    mnist_before: float = 0.0        # accuracy on (up to 1,000) MNIST test digits, before
    mnist_after: float = 0.0         # and after: learning your handwriting should not unlearn everyone else's
    model: object = None             # the fine-tuned keras.Model (a copy: the original is untouched)
    history: list = dataclasses.field(default_factory=list)
    config: dict = dataclasses.field(default_factory=dict)


def split_own(images: np.ndarray, labels: np.ndarray, holdout: float, seed: int = 0):
    """Hold out a share of each digit's examples (at least one of every digit with two or more):
    (x_train, y_train, x_held, y_held)."""
    if not 0 < holdout < 1:
        raise ConfigError(f"the held-out share must be between 0 and 1 (got {holdout}).")
    rng = np.random.default_rng(seed)
    train, held = [], []
    for c in range(10):
        idx = rng.permutation(np.flatnonzero(labels == c))
        if len(idx) == 0:
            continue
        k = 0 if len(idx) < 2 else max(1, int(round(len(idx) * holdout)))
        held += list(idx[:k])
        train += list(idx[k:])
    train, held = np.array(train, int), np.array(held, int)
    return images[train], labels[train], images[held], labels[held]


def fine_tune(model, spec, own_images: np.ndarray, own_labels: np.ndarray, mnist: Dataset, own_share: float =
              DEFAULT_OWN_SHARE, holdout: float = DEFAULT_HOLDOUT, epochs: int = 5, learning_rate: float = 5e-4,
              seed: int = 0, progress=None, stop: threading.Event | None = None) -> FineTuneResult:
    """Fine-tune a copy of `model` on the learner's digits mixed with MNIST.

    Each epoch is `FINE_TUNE_IMAGES` images: `own_share` of them the learner's training digits (repeated, and
    augmented so repeats differ), the rest MNIST training digits. Accuracy on the held-out own digits is
    measured before, after every epoch and after. `progress(epoch, epochs, held_out_accuracy)` reports; `stop`
    ends it after the current epoch."""
    import keras

    from tensordesk.engine.inference import probabilities
    from tensordesk.engine.training import Trainer, TrainConfig

    if not spec.is_classifier:
        raise ConfigError("the current model is an autoencoder; fine-tuning on your digits needs a classifier.")
    if not 0 < own_share <= 1:
        raise ConfigError(f"the share of your digits must be above 0 and at most 1 (got {own_share}).")
    if len(own_images) == 0:
        raise DataError("there are no collected digits yet: draw some and save them with “This is a …”.")
    x_train, y_train, x_held, y_held = split_own(own_images, own_labels, holdout, seed)
    if len(x_held) == 0 or len(x_train) == 0:
        raise DataError(f"{len(own_images)} collected digit{'s' if len(own_images) != 1 else ''} are too few: "
                        f"collect at least two examples of a digit, so some can be held out to measure.")
    rng = np.random.default_rng(seed)
    n_own = max(1, int(round(FINE_TUNE_IMAGES * own_share)))
    n_mnist = FINE_TUNE_IMAGES - n_own
    own_idx = rng.integers(0, len(x_train), n_own)
    mnist_idx = rng.choice(len(mnist.x_train), min(n_mnist, len(mnist.x_train)), replace=False)
    mix_x = np.concatenate([x_train[own_idx], mnist.x_train[mnist_idx]])
    mix_y = np.concatenate([y_train[own_idx], mnist.y_train[mnist_idx]]).astype(np.uint8)

    def accuracy(m, x=x_held, y=y_held) -> tuple[float, np.ndarray]:
        pred = probabilities(m, x.astype(np.float32) / 255.0).argmax(1)
        return float(np.mean(pred == y)), pred

    before, before_pred = accuracy(model)
    x_mnist, y_mnist = mnist.x_test[:1000], mnist.y_test[:1000]
    mnist_before = accuracy(model, x_mnist, y_mnist)[0]
    tuned = keras.models.clone_model(model)
    tuned.set_weights(model.get_weights())
    data = Dataset("own+mnist", "Your digits + MNIST", mix_x, mix_y, x_held, y_held, x_held, y_held)
    config = TrainConfig(epochs=epochs, batch_size=32, learning_rate=learning_rate, augment=True, seed=seed,
                         evaluate_test=False)
    per_epoch: list[float] = []

    def listen(event):
        from tensordesk.engine import events as ev
        if isinstance(event, ev.EpochEnded):
            per_epoch.append(float(event.val_accuracy))
            if progress is not None:
                progress(event.epoch, epochs, float(event.val_accuracy))
            if stop is not None and stop.is_set():
                trainer.stop()

    trainer = Trainer(spec, config, data, listen, model=tuned)
    result = trainer.run()
    if result["state"] not in ("finished", "stopped"):
        raise DataError(f"fine-tuning did not finish: {result['message']}")
    after, after_pred = accuracy(tuned)
    return FineTuneResult(before, after, len(x_held), len(x_train), tuple(per_epoch), before_pred, after_pred,
                          x_held, y_held, mnist_before,
                          accuracy(tuned, x_mnist, y_mnist)[0], tuned, result["history"], config.to_dict())

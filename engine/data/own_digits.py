"""The learner's own digits: a personal data set folder in the image-folder layout (`FOLDER/<digit>/<name>.png`,
what Keras's `image_dataset_from_directory` reads), and how its examples are split to measure fine-tuning
(engine/training/fine_tune.py).

Drawings are saved as the canvas drew them (light ink on black, canvas resolution), so they stay useful for any
future preprocessing; every read goes through the drawing's own preprocessing. Writes are atomic (a temporary
file renamed into place), so a crash while saving never leaves half a file.
"""
from __future__ import annotations

import datetime
import os
from pathlib import Path

import numpy as np
from PIL import Image

from tensordesk.engine.core.errors import ConfigError, DataError
from tensordesk.engine.core.files import atomic_write
from tensordesk.engine.core.undo import Trash
from tensordesk.engine.data.datasets import DIGIT_NAMES, read_image_folder

DEFAULT_HOLDOUT = 0.3       # share of each digit's examples kept aside to measure "before" and "after"
DEFAULT_OWN_SHARE = 0.5     # share of own digits in each fine-tuning batch (the rest is MNIST)


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
        out: list[tuple[int, Path]] = []
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

    def delete(self, path: str | os.PathLike) -> Path:
        """Take an example out of the collection; returns where it waits (a hidden folder data sets skip), for
        `restore`."""
        path = self._own(path)
        try:
            return Trash(self.folder).put(path)
        except (OSError, ValueError) as exc:
            raise DataError(f"{path}: cannot delete it ({getattr(exc, 'strerror', None) or exc}).") from exc

    def restore(self, kept: str | os.PathLike) -> Path:
        """Put a deleted example back where it was; returns its path."""
        kept = Path(kept)
        try:
            self._label_folder(int(kept.parent.name))   # only ever back into a digit's folder
            return Trash(self.folder).take_back(kept)
        except (OSError, ValueError) as exc:
            raise DataError(f"{kept}: cannot restore it ({exc}).") from exc

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


def split_own(images: np.ndarray, labels: np.ndarray, holdout: float, seed: int = 0):
    """Hold out a share of each digit's examples (at least one of every digit with two or more):
    (x_train, y_train, x_held, y_held)."""
    if not 0 < holdout < 1:
        raise ConfigError(f"the held-out share must be between 0 and 1 (got {holdout}).")
    rng = np.random.default_rng(seed)
    train_idx: list[int] = []
    held_idx: list[int] = []
    for c in range(10):
        idx = rng.permutation(np.flatnonzero(labels == c))
        if len(idx) == 0:
            continue
        k = 0 if len(idx) < 2 else max(1, int(round(len(idx) * holdout)))
        held_idx += list(idx[:k])
        train_idx += list(idx[k:])
    train, held = np.array(train_idx, int), np.array(held_idx, int)
    return images[train], labels[train], images[held], labels[held]

"""Robustness: a classifier on damaged test images (noise, rotation, thicker or thinner strokes, shift), and a
confidence threshold below which it answers "I don't know" (coverage against accuracy on what it answers).

Images are MNIST's (N, 28, 28) uint8, light ink on dark; the damage uses scikit-image and scipy as they are.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

from tensordesk.engine.core.errors import ConfigError

DAMAGES = {   # kind → (what its value means, a sensible range for a curve)
    "noise": ("σ of Gaussian noise, in [0, 1] units", (0.0, 0.8)),
    "rotate": ("degrees", (0.0, 90.0)),
    "thicken": ("pixels (negative: thinner)", (-1.0, 3.0)),
    "shift": ("pixels", (0.0, 8.0)),
}


@dataclass(frozen=True)
class Damage:
    noise: float = 0.0      # σ of Gaussian noise added to [0, 1] pixels
    rotate: float = 0.0     # degrees, anticlockwise
    thicken: int = 0        # pixels of grey dilation (negative: erosion)
    shift: float = 0.0      # pixels, right and down
    seed: int = 0

    def validate(self) -> Damage:
        if not (np.isfinite(self.noise) and 0 <= self.noise <= 10):
            raise ConfigError(f"noise σ must be between 0 and 10 (got {self.noise}).")
        if not (np.isfinite(self.rotate) and abs(self.rotate) <= 360):
            raise ConfigError(f"rotation must be between −360 and 360 degrees (got {self.rotate}).")
        if not -5 <= int(self.thicken) <= 5:
            raise ConfigError(f"thickening must be between −5 and 5 pixels (got {self.thicken}).")
        if not (np.isfinite(self.shift) and abs(self.shift) <= 28):
            raise ConfigError(f"the shift must be between −28 and 28 pixels (got {self.shift}).")
        return self

    @property
    def none(self) -> bool:
        return not (self.noise or self.rotate or self.thicken or self.shift)

    def to_dict(self) -> dict:
        return {"noise": self.noise, "rotate": self.rotate, "thicken": int(self.thicken), "shift": self.shift}


def damaged(images: np.ndarray, damage: Damage) -> np.ndarray:
    """The images with `damage` applied: (N, 28, 28) uint8 in, (N, 28, 28) uint8 out (a copy)."""
    damage.validate()
    x = np.asarray(images, np.float32) / 255.0
    if damage.none:
        return np.asarray(images, np.uint8).copy()
    from scipy import ndimage
    from skimage import morphology
    if damage.rotate:
        x = ndimage.rotate(x, damage.rotate, axes=(2, 1), reshape=False, order=1, mode="constant", cval=0.0)
    if damage.shift:
        x = ndimage.shift(x, (0, damage.shift, damage.shift), order=1, mode="constant", cval=0.0)
    if damage.thicken:
        footprint = morphology.disk(abs(int(damage.thicken)))[None]
        x = (ndimage.grey_dilation if damage.thicken > 0 else ndimage.grey_erosion)(x, footprint=footprint)
    if damage.noise:
        x = x + np.random.default_rng(damage.seed).normal(0.0, damage.noise, x.shape).astype(np.float32)
    return np.clip(np.rint(x * 255), 0, 255).astype(np.uint8)


def accuracy_under(model, images: np.ndarray, labels: np.ndarray, damage: Damage) -> float:
    from tensordesk.engine.models.inference import probabilities
    probs = probabilities(model, damaged(images, damage).astype(np.float32) / 255.0)
    return float(np.mean(probs.argmax(1) == labels))


def damage_curve(model, images: np.ndarray, labels: np.ndarray, kind: str, values, seed: int = 0,
                 progress=None) -> list[tuple[float, float]]:
    """[(value, accuracy)] with one kind of damage at each value; `progress(done, total)` after each."""
    if kind not in DAMAGES:
        raise ConfigError(f"unknown damage '{kind}'; choose one of {', '.join(DAMAGES)}.")
    out = []
    values = list(values)
    for i, v in enumerate(values):
        change: dict[str, Any] = {kind: int(round(v)) if kind == "thicken" else float(v)}
        damage = dataclasses.replace(Damage(seed=seed), **change)
        out.append((float(v), accuracy_under(model, images, labels, damage)))
        if progress is not None:
            progress(i + 1, len(values))
    return out


@dataclass(frozen=True)
class Coverage:
    threshold: float
    coverage: float            # share of images answered (top probability ≥ threshold)
    accuracy: float | None     # accuracy on the answered ones (None when none is answered)


def coverage_at(confidence: np.ndarray, correct: np.ndarray, threshold: float) -> Coverage:
    """`confidence` (n,): the top probability of each image; `correct` (n,) bool: whether its answer is right."""
    if not 0 <= threshold <= 1:
        raise ConfigError(f"the confidence threshold must be between 0 and 1 (got {threshold}).")
    answered = np.asarray(confidence) >= threshold
    acc = float(np.mean(np.asarray(correct)[answered])) if answered.any() else None
    return Coverage(float(threshold), float(answered.mean()), acc)


def coverage_curve(confidence: np.ndarray, correct: np.ndarray, thresholds=None) -> list[Coverage]:
    """Coverage and accuracy on the answered images at each threshold (default 0, 0.05, …, 0.95, 0.99)."""
    thresholds = np.r_[np.arange(0.0, 0.96, 0.05), 0.99] if thresholds is None else thresholds
    return [coverage_at(confidence, correct, float(t)) for t in thresholds]

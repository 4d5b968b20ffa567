"""Evaluation of a trained classifier on a labelled set: accuracy, per-class accuracy, confusion matrix, and the
images behind every cell (for the gallery), the least confident and the most confidently wrong."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tensordesk.engine.core.errors import ConfigError


@dataclass(frozen=True)
class Evaluation:
    """Predictions on `n` labelled images. Rows of `confusion` are the true class, columns the predicted."""

    labels: np.ndarray          # (n,) true class
    predicted: np.ndarray       # (n,) predicted class
    confidence: np.ndarray      # (n,) probability of the predicted class
    true_probability: np.ndarray  # (n,) probability given to the true class
    confusion: np.ndarray       # (k, k) counts
    class_names: tuple[str, ...]

    @property
    def n(self) -> int:
        return len(self.labels)

    @property
    def accuracy(self) -> float:
        return float(np.trace(self.confusion) / max(self.confusion.sum(), 1))

    @property
    def per_class_accuracy(self) -> list[float | None]:
        """Recall of each class (None for a class with no test image)."""
        totals = self.confusion.sum(axis=1)
        return [float(self.confusion[i, i] / t) if t else None for i, t in enumerate(totals)]

    def row_normalised(self) -> np.ndarray:
        """Each row divided by its total (rows with no image stay 0)."""
        totals = self.confusion.sum(axis=1, keepdims=True).astype(np.float64)
        return np.divide(self.confusion, totals, out=np.zeros(self.confusion.shape), where=totals > 0)

    def cell(self, true: int, predicted: int) -> np.ndarray:
        """Indices of the images of class `true` predicted as `predicted`, most confident first."""
        idx = np.flatnonzero((self.labels == true) & (self.predicted == predicted))
        return idx[np.argsort(-self.confidence[idx], kind="stable")]

    def least_confident(self, k: int = 20) -> np.ndarray:
        """The `k` images whose top probability is lowest (the network was least sure)."""
        return np.argsort(self.confidence, kind="stable")[:k]

    def confidently_wrong(self, k: int = 20) -> np.ndarray:
        """The `k` misclassified images with the highest confidence in the wrong class."""
        wrong = np.flatnonzero(self.predicted != self.labels)
        return wrong[np.argsort(-self.confidence[wrong], kind="stable")][:k]

    def to_dict(self) -> dict:
        return {"test_accuracy": self.accuracy, "per_class_accuracy": self.per_class_accuracy,
                "confusion": self.confusion.astype(int).tolist(), "class_names": list(self.class_names),
                "n": self.n}


def confusion_matrix(labels: np.ndarray, predicted: np.ndarray, num_classes: int) -> np.ndarray:
    """(num_classes, num_classes) counts, rows = true class."""
    matrix = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(matrix, (np.asarray(labels, np.int64), np.asarray(predicted, np.int64)), 1)
    return matrix


def evaluate_probabilities(probabilities: np.ndarray, labels: np.ndarray,
                           class_names: tuple[str, ...] | None = None) -> Evaluation:
    """An Evaluation from (n, k) class probabilities and the true labels."""
    probabilities = np.asarray(probabilities, dtype=np.float64)
    labels = np.asarray(labels).astype(np.int64).ravel()
    if probabilities.ndim != 2 or len(probabilities) != len(labels):
        raise ConfigError(f"expected one probability row per label (got {probabilities.shape} for "
                          f"{len(labels)} labels).")
    k = probabilities.shape[1]
    if len(labels) and (labels.min() < 0 or labels.max() >= k):
        raise ConfigError(f"labels must be between 0 and {k - 1}.")
    predicted = probabilities.argmax(axis=1) if len(labels) else np.zeros(0, np.int64)
    rows = np.arange(len(labels))
    names = tuple(class_names) if class_names else tuple(str(i) for i in range(k))
    return Evaluation(labels, predicted, probabilities[rows, predicted], probabilities[rows, labels],
                      confusion_matrix(labels, predicted, k), names)


def evaluate_model(model, images: np.ndarray, labels: np.ndarray, class_names: tuple[str, ...] | None = None,
                   batch_size: int = 512, progress=None, cancelled=None) -> Evaluation | None:
    """Run `model` (a classifier taking (n, 28, 28) floats in [0, 1]) over uint8 `images`.

    `progress(done, total)` is called after every batch, so a caller can show a progress bar; when
    `cancelled` (a threading.Event) is set, the work stops after the current batch and None is returned.
    """
    from tensordesk.engine.training.steps import as_float_images
    if len(images) == 0:
        raise ConfigError("there are no test images to evaluate on.")
    if len(model.output_shape) != 2:
        raise ConfigError("only a classifier can be evaluated this way (this model does not output classes).")
    if class_names and len(class_names) != model.output_shape[-1]:
        class_names = None
    parts = []
    for start in range(0, len(images), batch_size):
        batch = as_float_images(images[start:start + batch_size])
        parts.append(np.asarray(model(batch, training=False)))
        if progress is not None:
            progress(min(start + batch_size, len(images)), len(images))
        if cancelled is not None and cancelled.is_set():
            return None
    return evaluate_probabilities(np.concatenate(parts), labels, class_names)

"""Classifying images with a trained model: single drawings and batches, same preprocessing everywhere."""
from __future__ import annotations

import numpy as np

from engine.errors import ConfigError
from engine.preprocess import preprocess_digit


def probabilities(model, images: np.ndarray) -> np.ndarray:
    """(N, 28, 28) float32 in [0, 1] → (N, classes) probabilities, via model(x, training=False)."""
    x = np.asarray(images, dtype=np.float32).reshape(-1, 28, 28)
    out = np.asarray(model(x, training=False))
    if out.ndim != 2:
        raise ConfigError("this model does not classify images (it is an autoencoder).")
    return out


def classify_drawing(model, image: np.ndarray):
    """Raw drawing (any size) → (processed 28×28, probabilities (classes,)) or (None, None) when empty."""
    processed = preprocess_digit(image)
    if processed is None:
        return None, None
    return processed, probabilities(model, processed[None])[0]

"""Augmentation in training: each batch is seen slightly rotated, shifted, zoomed and with thicker or thinner
strokes, so the network learns digits as other people write them, not only as MNIST's writers did.

Keras's own preprocessing layers do the geometry; `RandomStrokeWidth` (a grey dilation or erosion of random
strength) is the one TensorDesk adds. They act only while training; evaluation and drawing see the images as they
are. `AUGMENTATION` holds the ranges, in one place for the trainer, the preview and the exported script.
"""
from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

AUGMENTATION = {
    "rotation_degrees": 12.0,   # ± this many degrees
    "shift": 0.10,              # ± this share of the image, each way
    "zoom": 0.12,               # ± this share bigger or smaller
    "stroke": 0.7,              # up to this much of a 3×3 dilation (thicker) or erosion (thinner)
}


class RandomStrokeWidth(keras.layers.Layer):
    """Thicker or thinner pen strokes: per image, a blend towards its 3×3 grey dilation or erosion.

    Input (N, H, W, C) floats with light ink on dark; `factor` is the largest blend (0: off). Erosion is used at
    half strength, since MNIST's strokes are only 2–3 pixels wide. Only active when `training` is true.
    """

    def __init__(self, factor: float = 0.7, seed: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.factor = float(factor)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, images, training=True):
        if not training or self.factor <= 0:
            return images
        amount = keras.random.uniform((tf.shape(images)[0], 1, 1, 1), -1.0, 1.0, seed=self.seed_generator)
        thicker = tf.nn.max_pool2d(images, 3, 1, "SAME")
        thinner = -tf.nn.max_pool2d(-images, 3, 1, "SAME")
        grown = images + self.factor * tf.maximum(amount, 0.0) * (thicker - images)
        return grown + 0.5 * self.factor * tf.maximum(-amount, 0.0) * (thinner - images)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "factor": self.factor, "seed": self.seed}


def make_augmenter(seed: int | None = 0, side: int = 28) -> keras.Sequential:
    """(N, side, side) floats in [0, 1] → the same, augmented when called with `training=True`."""
    a = AUGMENTATION
    augmenter = keras.Sequential([
        keras.Input((side, side)),
        keras.layers.Reshape((side, side, 1)),
        RandomStrokeWidth(a["stroke"], seed=seed),
        keras.layers.RandomRotation(a["rotation_degrees"] / 360.0, fill_mode="constant", seed=seed),
        keras.layers.RandomZoom(a["zoom"], fill_mode="constant", seed=seed),
        keras.layers.RandomTranslation(a["shift"], a["shift"], fill_mode="constant", seed=seed),
        keras.layers.Reshape((side, side)),
    ], name="augmentation")
    augmenter(tf.zeros((1, side, side)), training=True)   # the seed generators' state exists before any tracing
    return augmenter


def augmented_examples(images: np.ndarray, count: int = 8, seed: int = 0) -> np.ndarray:
    """`count` augmented versions of `images` (cycled): (count, 28, 28) float32 in [0, 1], for the preview."""
    x = np.asarray(images)
    x = x.astype(np.float32) / 255.0 if x.dtype == np.uint8 else x.astype(np.float32)
    batch = x[np.arange(count) % len(x)]
    out = make_augmenter(seed, batch.shape[1])(tf.convert_to_tensor(batch), training=True)
    return np.clip(np.asarray(out), 0.0, 1.0)

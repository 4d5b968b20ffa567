"""Augmentation in training: each batch is seen slightly rotated, shifted, zoomed, elastically distorted and
with thicker or thinner strokes, so the network learns digits as other people write them, not only as MNIST's
writers did. (On digits the trainer also writes some 1s and 7s the continental way: engine/data/writer_styles.py.)

Keras's own preprocessing layers do the geometry; `RandomStrokeWidth` (a grey dilation or erosion of random
strength) and `RandomElastic` (Simard et al. 2003) are the ones TensorDesk adds. They act only while training;
evaluation and drawing see the images as they are. `AUGMENTATION` holds the ranges, in one place for the
trainer, the preview and the exported script.
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
    "elastic_alpha": 34.0,      # elastic distortion: pixels move by up to about this × the smoothed field …
    "elastic_sigma": 4.0,       # … whose noise is smoothed by a Gaussian this many pixels wide
    "elastic_share": 0.5,       # … on this share of the images
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


def _gaussian_kernel(sigma: float) -> np.ndarray:
    radius = int(3 * sigma + 0.5)
    t = np.arange(-radius, radius + 1, dtype=np.float32)
    kernel = np.exp(-0.5 * (t / sigma) ** 2)
    return (kernel / kernel.sum()).astype(np.float32)


class RandomElastic(keras.layers.Layer):
    """Elastic distortion (Simard, Steinkraus & Platt 2003, "Best practices for convolutional neural networks
    applied to visual document analysis"): every pixel moves by a field of uniform noise in [-1, 1] smoothed by a
    Gaussian of `sigma` px and scaled by `alpha`, read back bilinearly (outside the image is 0); on `share` of the
    images. Input (N, H, W, 1) floats. Only active when `training` is true.

    Keras's `ops.image.elastic_transform` draws both directions from one seed (the field moves pixels along the
    diagonal only) and needs a static batch size, hence this layer.
    """

    def __init__(self, alpha: float = 34.0, sigma: float = 4.0, share: float = 0.5, seed: int | None = None,
                 **kwargs):
        super().__init__(**kwargs)
        self.alpha, self.sigma, self.share, self.seed = float(alpha), float(sigma), float(share), seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, images, training=True):
        if not training or self.share <= 0:
            return images
        shape = tf.shape(images)
        n, h, w = shape[0], shape[1], shape[2]
        noise = keras.random.uniform(tf.stack([n, h, w, 2]), -1.0, 1.0, seed=self.seed_generator)
        kernel = tf.constant(_gaussian_kernel(self.sigma))
        down = tf.tile(tf.reshape(kernel, (-1, 1, 1, 1)), (1, 1, 2, 1))
        across = tf.tile(tf.reshape(kernel, (1, -1, 1, 1)), (1, 1, 2, 1))
        field = tf.nn.depthwise_conv2d(tf.nn.depthwise_conv2d(noise, down, [1, 1, 1, 1], "SAME"),
                                       across, [1, 1, 1, 1], "SAME")
        moved = keras.random.uniform(tf.stack([n, 1, 1, 1]), seed=self.seed_generator) < self.share
        field = self.alpha * field * tf.cast(moved, field.dtype)
        kk, rr, cc = tf.meshgrid(tf.range(n), tf.range(h), tf.range(w), indexing="ij")
        r = tf.cast(rr, field.dtype) + field[..., 0]
        c = tf.cast(cc, field.dtype) + field[..., 1]
        r0, c0 = tf.floor(r), tf.floor(c)
        fr, fc = r - r0, c - c0
        r0, c0 = tf.cast(r0, tf.int32), tf.cast(c0, tf.int32)
        plane = tf.cast(images[..., 0], field.dtype)

        def at(ri, ci):   # each image's pixel at (ri, ci); 0 outside the image
            inside = (ri >= 0) & (ri < h) & (ci >= 0) & (ci < w)
            idx = tf.stack([kk, tf.clip_by_value(ri, 0, h - 1), tf.clip_by_value(ci, 0, w - 1)], -1)
            return tf.gather_nd(plane, idx) * tf.cast(inside, plane.dtype)

        out = ((1 - fr) * ((1 - fc) * at(r0, c0) + fc * at(r0, c0 + 1))
               + fr * ((1 - fc) * at(r0 + 1, c0) + fc * at(r0 + 1, c0 + 1)))
        return tf.cast(out[..., None], images.dtype)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "alpha": self.alpha, "sigma": self.sigma, "share": self.share,
                "seed": self.seed}


def make_augmenter(seed: int | None = 0, side: int = 28) -> keras.Sequential:
    """(N, side, side) floats in [0, 1] → the same, augmented when called with `training=True`."""
    a = AUGMENTATION
    augmenter = keras.Sequential([
        keras.Input((side, side)),
        keras.layers.Reshape((side, side, 1)),
        RandomStrokeWidth(a["stroke"], seed=seed),
        RandomElastic(a["elastic_alpha"], a["elastic_sigma"], a["elastic_share"], seed=seed),
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

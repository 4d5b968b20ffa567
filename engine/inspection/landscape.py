"""The loss landscape of a real, trained network: a 2-D slice of its loss around the current weights.

    L(α, β) = loss(w* + α·d₁ + β·d₂)

along two directions in weight space, either
- "random": filter-normalised Gaussian directions (Li et al., 2018, "Visualizing the Loss Landscape of
  Neural Nets"). Each output unit's slice of a direction is scaled to the norm of that unit's weights, and
  biases and batch-norm parameters get no direction. The picture then does not depend on how the weights
  happen to be scaled.
- "pca": the top two principal directions of the weight trajectory saved during training. The slice is then
  the plane in which training actually moved.

The trajectory (if any) is projected onto the plane; its last point is w* itself, the centre (0, 0).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tensordesk.engine.core.errors import ConfigError

DIRECTIONS = ("random", "pca")


@dataclass(frozen=True)
class Landscape:
    alphas: np.ndarray          # (grid,) coordinates along direction 1
    betas: np.ndarray           # (grid,) coordinates along direction 2
    loss: np.ndarray            # (grid, grid): loss[i, j] at (alphas[i], betas[j])
    directions: str
    trajectory: np.ndarray | None  # (snapshots, 2): the training path projected onto the plane
    center_loss: float
    plane: tuple | None = None     # (center, d1, d2) flat float32: where other weights fall on it (`locate`)

    def locate(self, model) -> tuple[float, float] | None:
        """(α, β) of `model`'s trainable weights projected onto the slice's plane (the timeline's marker), or
        None when they are not weights of the same network."""
        if self.plane is None:
            return None
        flat = _flat(model.trainable_variables)
        center, d1, d2 = self.plane
        if flat.shape != center.shape:
            return None
        a, b = project(flat[None, :], center.astype(np.float64), d1.astype(np.float64), d2.astype(np.float64))[0]
        return float(a), float(b)

    def to_dict(self) -> dict:
        return {"alphas": self.alphas.tolist(), "betas": self.betas.tolist(), "loss": self.loss.tolist(),
                "directions": self.directions, "center_loss": self.center_loss,
                "trajectory": None if self.trajectory is None else self.trajectory.tolist()}


def _flat(variables) -> np.ndarray:
    return np.concatenate([np.asarray(v).ravel() for v in variables]).astype(np.float64)


def random_directions(variables, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two filter-normalised random directions, flattened like `variables`."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(2):
        parts = []
        for v in variables:
            w = np.asarray(v, dtype=np.float64)
            if w.ndim < 2:  # biases and batch-norm scales/offsets: no direction (Li et al. §4)
                parts.append(np.zeros(w.size))
                continue
            d = rng.standard_normal(w.shape)
            axes = tuple(range(w.ndim - 1))  # one filter / unit per index of the last axis
            w_norm = np.sqrt(np.sum(w * w, axis=axes, keepdims=True))
            d_norm = np.sqrt(np.sum(d * d, axis=axes, keepdims=True))
            parts.append((d * w_norm / np.maximum(d_norm, 1e-12)).ravel())
        out.append(np.concatenate(parts))
    return out[0], out[1]


def pca_directions(trajectory: np.ndarray, center: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The top two principal directions (unit length) of the trajectory's offsets from `center`."""
    offsets = np.asarray(trajectory, dtype=np.float64) - center
    if len(offsets) < 3:
        raise ConfigError("the saved trajectory has fewer than 3 points: train longer, or use random directions.")
    _, _, vt = np.linalg.svd(offsets, full_matrices=False)
    return vt[0], vt[1]


def project(points: np.ndarray, center: np.ndarray, d1: np.ndarray, d2: np.ndarray) -> np.ndarray:
    """(n, P) weight vectors → (n, 2) coordinates in the plane center + α·d1 + β·d2 (least squares)."""
    basis = np.stack([d1, d2], axis=1)
    coords, *_ = np.linalg.lstsq(basis, (np.asarray(points, dtype=np.float64) - center).T, rcond=None)
    return coords.T


def loss_landscape(model, images: np.ndarray, labels: np.ndarray | None, grid: int = 21,
                   directions: str = "random", trajectory: np.ndarray | None = None, span: float = 1.0,
                   seed: int = 0, progress=None, cancelled=None) -> Landscape | None:
    """The loss of `model` on `images` (uint8 (n, 28, 28)) over a grid × grid slice around its weights.

    `labels` None means the autoencoder (mean squared reconstruction error); otherwise the mean cross-entropy.
    Random directions span ±`span` (in units of the weights' own norms); PCA directions span the projected
    trajectory with a 20% margin. The model's weights are restored before returning. `progress(done, total)`
    is called after every row; when `cancelled` is set the work stops and None is returned.
    """
    import tensorflow as tf
    if directions not in DIRECTIONS:
        raise ConfigError(f"unknown directions '{directions}'; choose random or pca.")
    if not 3 <= grid <= 201:
        raise ConfigError(f"the grid must have between 3 and 201 points a side (got {grid}).")
    if len(images) == 0:
        raise ConfigError("there are no images to compute the loss on.")
    variables = model.trainable_variables
    center = _flat(variables)
    if directions == "pca":
        if trajectory is None:
            raise ConfigError("this model was saved without a weight trajectory: train it with the trajectory "
                              "kept (`train --trajectory`), or use random directions.")
        d1, d2 = pca_directions(trajectory, center)
    else:
        d1, d2 = random_directions(variables, seed)
    path = project(trajectory, center, d1, d2) if trajectory is not None else None
    if path is not None and directions == "pca":
        reach = 1.2 * np.maximum(np.max(np.abs(path), axis=0), 1e-6)
        alphas, betas = np.linspace(-reach[0], reach[0], grid), np.linspace(-reach[1], reach[1], grid)
    else:
        alphas = betas = np.linspace(-span, span, grid)

    shapes = [tuple(v.shape) for v in variables]
    sizes = [int(np.prod(s)) for s in shapes]

    def split(flat):
        parts, start = [], 0
        for shape, size in zip(shapes, sizes):
            parts.append(tf.constant(flat[start:start + size].reshape(shape), dtype=variables[0].dtype))
            start += size
        return parts

    w0, e1, e2 = split(center), split(d1), split(d2)
    x = tf.constant(np.asarray(images, dtype=np.float32) / (255.0 if images.dtype == np.uint8 else 1.0))
    y = None if labels is None else tf.constant(np.asarray(labels, dtype=np.int32))

    @tf.function
    def loss_at(a, b):
        for v, w, p, q in zip(variables, w0, e1, e2):
            v.assign(w + a * p + b * q)
        pred = model(x, training=False)
        if y is None:
            return tf.reduce_mean(tf.square(pred - x))
        true_class = tf.gather(pred, y, axis=1, batch_dims=1)  # the probability given to the right class
        return tf.reduce_mean(-tf.math.log(tf.clip_by_value(true_class, 1e-7, 1.0)))

    values = np.zeros((grid, grid))
    try:
        for i, a in enumerate(alphas):
            for j, b in enumerate(betas):
                values[i, j] = float(loss_at(tf.constant(a, tf.float32), tf.constant(b, tf.float32)))
            if progress is not None:
                progress(i + 1, grid)
            if cancelled is not None and cancelled.is_set():
                return None
        center_loss = float(loss_at(tf.constant(0.0), tf.constant(0.0)))
    finally:
        for v, w in zip(variables, w0):
            v.assign(w)
    return Landscape(alphas, betas, values, directions, path, center_loss,
                     (center.astype(np.float32), d1.astype(np.float32), d2.astype(np.float32)))

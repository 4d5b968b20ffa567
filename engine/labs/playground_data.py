"""The 2-D playground's data and input features, in NumPy only: the lab and the exported script run this same code.

Points live in the square [-6, 6]² as TensorFlow Playground's do. Classification labels are class indices
(0, 1, … — two classes for circle, XOR, two Gaussians and spiral, three for the three-arm spiral, four for the blobs);
regression labels are numbers in about [-1, 1]. `noise` (0–50, percent, as Playground's slider) reads the
label at a randomly moved point near boundaries (circle, XOR, regression), moves the spiral's points, spreads the
Gaussians; `seed` makes every set reproducible."""
from __future__ import annotations

import math

import numpy as np

RADIUS = 6.0          # the plane shown: [-RADIUS, RADIUS]²

# key: (title, task, classes) — task "classify" or "regress"; "own": the learner's points
DATASETS = {
    "circle": ("Circle", "classify", 2),
    "xor": ("Exclusive or", "classify", 2),
    "gauss": ("Two Gaussians", "classify", 2),
    "spiral": ("Spiral", "classify", 2),
    "spiral3": ("Three-arm spiral", "classify", 3),
    "blobs": ("Four blobs", "classify", 4),
    "plane": ("Plane (regression)", "regress", 1),
    "gaussians": ("Gaussians (regression)", "regress", 1),
    "own": ("Your own points", "classify", 0),
}

# key: (title, function of (x1, x2))
FEATURES = {
    "x1": ("x₁", lambda a, b: a),
    "x2": ("x₂", lambda a, b: b),
    "x1sq": ("x₁²", lambda a, b: a * a),
    "x2sq": ("x₂²", lambda a, b: b * b),
    "x1x2": ("x₁x₂", lambda a, b: a * b),
    "sinx1": ("sin x₁", lambda a, b: np.sin(a)),
    "sinx2": ("sin x₂", lambda a, b: np.sin(b)),
}


def features(xy: np.ndarray, keys) -> np.ndarray:
    """(n, 2) points → (n, len(keys)) float32: the chosen input features, in `keys`' order."""
    a, b = xy[:, 0].astype(np.float64), xy[:, 1].astype(np.float64)
    return np.stack([FEATURES[k][1](a, b) for k in keys], axis=1).astype(np.float32)


def grid_points(n: int) -> np.ndarray:
    """(n·n, 2): the plane sampled on an n × n grid, row by row from the bottom (x₂ = −6) up."""
    axis = np.linspace(-RADIUS, RADIUS, n)
    x1, x2 = np.meshgrid(axis, axis)
    return np.stack([x1.ravel(), x2.ravel()], axis=1).astype(np.float32)


def make_points(data: str, count: int, noise: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(points (count, 2) float32, labels (count,): int64 classes or float32 values) of data set `data`."""
    rng = np.random.default_rng(seed)
    noise_frac = noise / 100.0
    def jitter(xy, scale):     # Playground's noise: the label is read at a moved point; the point stays
        return xy + rng.uniform(-scale, scale, xy.shape) * noise_frac
    if data == "circle":
        r = np.concatenate([rng.uniform(0, 2.5, count // 2), rng.uniform(3.5, 5, count - count // 2)])
        t = rng.uniform(0, 2 * math.pi, count)
        xy = np.stack([r * np.sin(t), r * np.cos(t)], axis=1)
        moved = jitter(xy, 5)
        labels = (np.hypot(moved[:, 0], moved[:, 1]) < 2.5).astype(np.int64)
    elif data == "xor":
        xy = rng.uniform(-5, 5, (count, 2))
        xy += np.where(xy > 0, 0.3, -0.3)
        moved = jitter(xy, 5)
        labels = (moved[:, 0] * moved[:, 1] >= 0).astype(np.int64)
    elif data == "gauss":
        std = math.sqrt(0.5 + 7.0 * noise_frac)          # Playground's variance 0.5 → 4 over noise 0 → 50%
        half = count // 2
        xy = np.concatenate([rng.normal((2, 2), std, (half, 2)), rng.normal((-2, -2), std, (count - half, 2))])
        labels = np.concatenate([np.ones(half), np.zeros(count - half)]).astype(np.int64)
    elif data in ("spiral", "spiral3"):
        arms = 2 if data == "spiral" else 3
        labels = np.arange(count) % arms
        i = np.arange(count) // arms
        per_arm = math.ceil(count / arms)
        r = i / per_arm * 5
        t = 1.75 * i / per_arm * 2 * math.pi + labels * 2 * math.pi / arms
        xy = np.stack([r * np.sin(t), r * np.cos(t)], axis=1) + rng.uniform(-1, 1, (count, 2)) * noise_frac * 5
        labels = labels.astype(np.int64)
    elif data == "blobs":
        centres = np.array([(3, 3), (-3, 3), (-3, -3), (3, -3)], float)
        labels = np.arange(count) % 4
        std = math.sqrt(0.5 + 7.0 * noise_frac)
        xy = centres[labels] + rng.normal(0, std, (count, 2))
        labels = labels.astype(np.int64)
    elif data == "plane":
        xy = rng.uniform(-RADIUS, RADIUS, (count, 2))
        moved = jitter(xy, RADIUS)
        labels = ((moved[:, 0] + moved[:, 1]) / (2 * RADIUS)).astype(np.float32)
    elif data == "gaussians":
        xy = rng.uniform(-RADIUS, RADIUS, (count, 2))
        labels = gaussians_value(jitter(xy, RADIUS)).astype(np.float32)
    else:
        raise ValueError(f"unknown data set '{data}'")
    return np.clip(xy, -RADIUS, RADIUS).astype(np.float32), labels


_BUMPS = ((-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1))


def gaussians_value(xy: np.ndarray) -> np.ndarray:
    """The regression set's target: six bumps of height ±1 (Playground's), each falling to 0 at distance 2."""
    value = np.zeros(len(xy))
    for cx, cy, sign in _BUMPS:
        d = np.hypot(xy[:, 0] - cx, xy[:, 1] - cy)
        value += sign * np.clip(1 - d / 2, 0, 1)
    return value


def split(count: int, train_share: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(train indices, test indices): `train_share` percent for training, chosen at random with `seed`."""
    order = np.random.default_rng(seed + 1).permutation(count)
    n_train = max(1, min(count - 1, round(count * train_share / 100)))
    return np.sort(order[:n_train]), np.sort(order[n_train:])

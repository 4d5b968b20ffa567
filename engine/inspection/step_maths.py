"""The maths of one step of a classifier's last layer, number by number, for one image:

    z = x · W + b   →   z − max z   →   exp   →   ÷ sum   =   p        loss = −log p[label]
    ∂loss/∂z = p − onehot(label),   ∂loss/∂W = xᵀ (p − y),   ∂loss/∂b = p − y,   W ← W − lr · ∂loss/∂W

For the softmax regression x is the image's 784 pixels and this is the whole network; for deeper models x is
what the last hidden layer hands on, and the step is that layer's part of one SGD step.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.core.settings import check_learning_rate
from tensordesk.engine.inspection.surgery import logits_layer, unit_values


@dataclass(frozen=True)
class SoftmaxStep:
    layer: str                 # the logits layer
    source: str                # what x is: "pixels" or the layer before
    x: np.ndarray              # (n,)
    weights: np.ndarray        # W (n, k)
    bias: np.ndarray           # b (k,)
    logits: np.ndarray         # z = x · W + b
    shifted: np.ndarray        # z − max z
    exps: np.ndarray           # exp(z − max z)
    total: float               # their sum
    probabilities: np.ndarray  # exps / total
    label: int
    loss: float                # −log p[label]
    grad_logits: np.ndarray    # p − y
    grad_weights: np.ndarray   # xᵀ (p − y), (n, k)
    grad_bias: np.ndarray      # p − y
    learning_rate: float
    new_probabilities: np.ndarray   # p after the step W ← W − lr ∂W, b ← b − lr ∂b, for the same x
    new_loss: float


def softmax_step(model, image: np.ndarray, label: int, learning_rate: float = 0.5) -> SoftmaxStep:
    """One image's numbers through the model's last layer, and one SGD step on them (in float64 numpy)."""
    u = logits_layer(model)
    if not 0 <= int(label) < u.units:
        raise ConfigError(f"the label must be a class between 0 and {u.units - 1} (got {label}).")
    learning_rate = check_learning_rate(learning_rate)
    dense = model.get_layer(u.name)
    x = unit_values(model, image)[u.name].inputs.astype(np.float64)
    w = np.asarray(dense.kernel, np.float64)
    b = np.asarray(dense.bias, np.float64) if dense.use_bias else np.zeros(u.units)
    z, shifted, exps, total, p = _forward(x, w, b)
    y = np.zeros_like(p)
    y[int(label)] = 1.0
    grad_z = p - y
    grad_w = np.outer(x, grad_z)
    _, _, _, _, p2 = _forward(x, w - learning_rate * grad_w, b - learning_rate * grad_z)
    return SoftmaxStep(u.name, u.source, x, w, b, z, shifted, exps, float(total), p, int(label),
                       float(-np.log(max(p[int(label)], 1e-300))), grad_z, grad_w, grad_z.copy(), float(learning_rate),
                       p2, float(-np.log(max(p2[int(label)], 1e-300))))


def _forward(x, w, b):
    z = x @ w + b
    shifted = z - z.max()
    exps = np.exp(shifted)
    total = exps.sum()
    return z, shifted, exps, total, exps / total

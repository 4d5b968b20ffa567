"""A saved model's forward pass in NumPy alone, for the seconds before TensorFlow has loaded: the window answers
the first digit drawn with the shipped model at once, with TensorFlow's probabilities (to 1e-5; a test checks).

The architecture's own recipe (engine/models/architectures.py) is run with `NumpyLayers`, so the network is the
one Keras builds, block for block; the weights are read from the `.tdm` file's Keras weights (h5py, no
TensorFlow). Recurrent recipes (the LSTM) are not supported: `load_numpy_model` raises CheckpointError, and the
window waits for TensorFlow as before."""
from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from tensordesk.engine.core.errors import CheckpointError
from tensordesk.engine.models.architectures import ARCHITECTURES, ModelSpec
from tensordesk.engine.models.checkpoints import SHIPPED_MODEL

_EPSILON_BN = 1e-3       # Keras's BatchNormalization default

_ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "relu": lambda x: np.maximum(x, 0.0),
    "tanh": np.tanh,
    "sigmoid": lambda x: 1.0 / (1.0 + np.exp(-x)),
    "elu": lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0.0))),
}


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _same_pad(size: int, kernel: int, stride: int) -> tuple[int, int]:
    """TensorFlow's 'same' padding: the odd pixel goes after (bottom, right)."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def _conv2d_same(x: np.ndarray, kernel: np.ndarray, stride: int) -> np.ndarray:
    """(N, H, W, C) * (k, k, C, F), 'same' padding, stride → (N, H', W', F)."""
    k = kernel.shape[0]
    (top, bottom), (left, right) = _same_pad(x.shape[1], k, stride), _same_pad(x.shape[2], k, stride)
    padded = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, (k, k), axis=(1, 2))[:, ::stride, ::stride]
    # windows: (N, H', W', C, k, k)
    return np.einsum("nhwcij,ijcf->nhwf", windows, kernel, optimize=True)


class _Weights:
    """The Keras weights file's variables, layer by layer in the order the recipe creates them."""

    def __init__(self, data: bytes):
        import h5py
        self._groups: dict[str, list[list[np.ndarray]]] = {}
        with h5py.File(io.BytesIO(data), "r") as f:
            if "layers" not in f:
                raise CheckpointError("the weights file has no layers.")
            for name, group in f["layers"].items():
                m = re.fullmatch(r"([a-z0-9_]+?)(?:_(\d+))?", name)
                if m is None or "vars" not in group or not len(group["vars"]):
                    continue
                kind, n = m.group(1), int(m.group(2) or 0)
                values = [np.asarray(group["vars"][str(i)], np.float32) for i in range(len(group["vars"]))]
                self._groups.setdefault(kind, []).append((n, values))  # type: ignore[arg-type]
        for kind in self._groups:
            self._groups[kind] = [v for _, v in sorted(self._groups[kind], key=lambda t: t[0])]  # type: ignore

    def take(self, kind: str) -> list[np.ndarray]:
        left = self._groups.get(kind)
        if not left:
            raise CheckpointError(f"the weights file has fewer '{kind}' layers than the architecture.")
        return left.pop(0)

    def check_all_used(self) -> None:
        left = {k: len(v) for k, v in self._groups.items() if v}
        if left:
            raise CheckpointError(f"the weights file has layers the architecture does not: {left}.")


class NumpyLayers:
    """The recipes' blocks as NumPy steps (a recipe is a chain: each block appends its step)."""

    def __init__(self, spec: ModelSpec, weights: _Weights):
        self.spec, self.weights = spec, weights
        self.steps: list[Callable[[np.ndarray], np.ndarray]] = []
        self.act = _ACTIVATIONS[spec.activation]

    def _bn(self) -> Callable[[np.ndarray], np.ndarray]:
        gamma, beta, mean, var = self.weights.take("batch_normalization")
        scale = gamma / np.sqrt(var + _EPSILON_BN)
        return lambda x: (x - mean) * scale + beta

    def inputs(self):
        return "input"

    def flatten(self, x):
        self.steps.append(lambda a: a.reshape(len(a), -1))
        return x

    def reshape(self, x, shape: tuple, name: str):
        self.steps.append(lambda a: a.reshape((len(a), *shape)))
        return x

    def max_pool(self, x, size: int, name: str):
        def pool(a):
            n, h, w, c = a.shape
            h2, w2 = h // size, w // size      # 'valid' pooling, as Keras's default
            return a[:, :h2 * size, :w2 * size].reshape(n, h2, size, w2, size, c).max(axis=(2, 4))
        self.steps.append(pool)
        return x

    def dense_block(self, x, units: int, name: str, dropout: bool = True):
        vars_ = self.weights.take("dense")
        kernel, bias = vars_[0], (vars_[1] if len(vars_) > 1 else None)
        bn = self._bn() if self.spec.batch_norm else None
        act = self.act

        def step(a):
            a = a @ kernel
            if bias is not None:
                a = a + bias
            return act(bn(a) if bn else a)
        self.steps.append(step)
        return x

    def conv_block(self, x, filters: int, size: int, stride: int, name: str):
        vars_ = self.weights.take("conv2d")
        kernel, bias = vars_[0], (vars_[1] if len(vars_) > 1 else None)
        bn = self._bn() if self.spec.batch_norm else None
        act = self.act

        def step(a):
            a = _conv2d_same(a, kernel, stride)
            if bias is not None:
                a = a + bias
            return act(bn(a) if bn else a)
        self.steps.append(step)
        return x

    def lstm_block(self, x, units: int, name: str):
        raise CheckpointError("an LSTM's forward pass needs TensorFlow.")

    def linear(self, x, units: int, name: str, activation: str | None = None, regularized: bool = False):
        kernel, bias = self.weights.take("dense")
        act = _ACTIVATIONS[activation] if activation else (lambda a: a)
        self.steps.append(lambda a: act(a @ kernel + bias))
        return x

    def classes(self, x):
        self.linear(x, self.spec.num_classes, "output")
        self.steps.append(_softmax)
        return x

    def model(self, inputs, outputs):
        return list(self.steps)


class NumpyModel:
    """`probabilities(images)` of a saved classifier, without TensorFlow."""

    def __init__(self, spec: ModelSpec, steps: list, class_names: tuple[str, ...], meta: dict | None = None):
        self.spec, self.steps, self.class_names = spec, steps, class_names
        self.meta = dict(meta or {})      # the file's meta (test accuracy, data set), as a Checkpoint's

    def probabilities(self, images: np.ndarray) -> np.ndarray:
        """(N, 28, 28) float in [0, 1] → (N, classes), as `inference.probabilities` gives with TensorFlow."""
        a = np.asarray(images, np.float32).reshape(-1, 28, 28)
        for step in self.steps:
            a = step(a).astype(np.float32, copy=False)
        return a


def load_numpy_model(path: str | Path) -> NumpyModel:
    """The classifier saved in a `.tdm` file, as NumPy steps. CheckpointError (with the reason) when it cannot."""
    try:
        with zipfile.ZipFile(path) as z:
            meta = json.loads(z.read("tensordesk.json"))
            weights = _Weights(z.read("model.weights.h5"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise CheckpointError(f"{path}: cannot read the model ({exc}).") from exc
    try:
        spec = ModelSpec(**meta["spec"])
        spec.validate()
    except (KeyError, TypeError, ValueError) as exc:
        raise CheckpointError(f"{path}: no architecture to rebuild ({exc}).") from exc
    if not ARCHITECTURES[spec.arch].classifier:
        raise CheckpointError(f"{path}: not a classifier.")
    steps = ARCHITECTURES[spec.arch].recipe(NumpyLayers(spec, weights))
    weights.check_all_used()
    names = tuple(meta.get("meta", {}).get("class_names") or
                  [str(i) for i in range(spec.num_classes)])
    info = dict(meta.get("meta", {}))
    if Path(path).resolve() == SHIPPED_MODEL.resolve():
        info["shipped"] = True
    return NumpyModel(spec, steps, names, info)

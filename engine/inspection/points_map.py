"""The points map: test digits as points in 2-D, as a chosen layer of a classifier sees them, by PCA or t-SNE
(scikit-learn). Digits the network tells apart fall in separate clouds; the deeper the layer, the cleaner."""
from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from tensordesk.engine.core.errors import ConfigError

METHODS = {"pca": "PCA", "tsne": "t-SNE"}   # key → name, the same in every language
PIXELS = "pixels"
_SKLEARN = threading.Lock()


@dataclass(frozen=True)
class PointsMap:
    layer: str
    method: str
    points: np.ndarray        # (n, 2)
    labels: np.ndarray        # (n,) the true classes
    predictions: np.ndarray   # (n,) the model's classes
    confidence: np.ndarray    # (n,) its top probability
    basis: tuple | None = None   # PCA's (mean, components): what `hold` projects later features with


def map_layers(model) -> list[str]:
    """What the map can show: "pixels", then each layer whose output is a representation (convolutions'
    activations, pooling, dense units after their activation), the last being the class scores."""
    from tensordesk.engine.inspection.insight import conv_layers
    from tensordesk.engine.inspection.surgery import unit_layers
    units = unit_layers(model)
    if not units:
        raise ConfigError("the points map needs a classifier (this model does not end in a softmax).")
    convs = set(conv_layers(model))
    names = [PIXELS] + [layer.name for layer in model.layers
                        if layer.name in convs or type(layer).__name__ in ("MaxPooling2D", "LSTM")]
    names += [u.output if not u.is_logits else u.name for u in units]
    return names


def layer_features(model, images: np.ndarray, layer: str, batch_size: int = 500) -> np.ndarray:
    """(n, features): each image as `layer` sees it (flattened), from uint8 or [0, 1] float images."""
    x = images.astype(np.float32) / 255.0 if images.dtype == np.uint8 else np.asarray(images, np.float32)
    if layer == PIXELS:
        return x.reshape(len(x), -1)
    if layer not in map_layers(model):
        raise ConfigError(f"the model has no layer '{layer}' to map; choose one of {', '.join(map_layers(model))}.")
    import keras
    import tensorflow as tf
    probe = keras.Model(model.input, model.get_layer(layer).output)
    fn = tf.function(lambda b: probe(b, training=False))
    shape = (-1,) + tuple(model.input.shape[1:])
    return np.concatenate([np.asarray(fn(x[i:i + batch_size].reshape(shape))).reshape(len(x[i:i + batch_size]), -1)
                           for i in range(0, len(x), batch_size)])


def project(features: np.ndarray, method: str, seed: int = 0, hold: PointsMap | None = None):
    """(n, d) → ((n, 2), PCA's basis or None): PCA, or t-SNE (on at most 50 principal components, as its authors
    advise). With `hold` (a map of the same digits and layer, e.g. at another moment of training) the projection is
    held: PCA projects with `hold`'s basis, t-SNE starts from `hold`'s points, so the points move continuously."""
    if method not in METHODS:
        raise ConfigError(f"unknown projection '{method}'; choose one of {', '.join(METHODS)}.")
    features = np.asarray(features, np.float64)
    if len(features) < 5:
        raise ConfigError("the points map needs at least 5 images.")
    if hold is not None and (hold.method != method or len(hold.points) != len(features)):
        hold = None
    if method == "pca" and hold is not None and hold.basis is not None and hold.basis[1].shape[1] == features.shape[1]:
        mean, components = hold.basis
        return ((features - mean) @ components.T).astype(np.float32), hold.basis
    with _SKLEARN:   # its lazy submodule imports are not safe from two threads at once
        from sklearn.decomposition import PCA
        from sklearn.manifold import TSNE
    keep = min(2 if method == "pca" else 50, features.shape[1], len(features))
    pca = PCA(n_components=keep, random_state=seed)
    reduced = pca.fit_transform(features)
    if method == "pca":
        components = np.pad(pca.components_, ((0, 2 - keep), (0, 0)))
        return np.pad(reduced, ((0, 0), (0, 2 - reduced.shape[1]))).astype(np.float32), (pca.mean_, components)
    perplexity = float(min(30.0, (len(features) - 1) / 3.0))
    init = np.asarray(hold.points, np.float64) if hold is not None else "pca"
    return TSNE(n_components=2, init=init, perplexity=perplexity, random_state=seed,
                learning_rate="auto").fit_transform(reduced).astype(np.float32), None


def points_map(model, images: np.ndarray, labels: np.ndarray, layer: str, method: str, seed: int = 0,
               progress=lambda done, total: None, cancelled=None, hold: PointsMap | None = None) -> PointsMap | None:
    """The whole computation, in three reported stages (features, predictions, projection); None if cancelled.
    `hold`: keep that map's projection (`project`)."""
    from tensordesk.engine.models.inference import probabilities
    progress(0, 3)
    features = layer_features(model, images, layer)
    if cancelled is not None and cancelled.is_set():
        return None
    progress(1, 3)
    x = images.astype(np.float32) / 255.0 if images.dtype == np.uint8 else np.asarray(images, np.float32)
    probs = np.concatenate([probabilities(model, x[i:i + 1000]) for i in range(0, len(x), 1000)])
    if cancelled is not None and cancelled.is_set():
        return None
    progress(2, 3)
    points, basis = project(features, method, seed, hold=hold if hold is not None and hold.layer == layer else None)
    progress(3, 3)
    return PointsMap(layer, method, points, np.asarray(labels), probs.argmax(1), probs.max(1), basis)

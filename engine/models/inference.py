"""Classifying images with a trained model: single drawings and batches, same preprocessing everywhere."""
from __future__ import annotations

import weakref

import numpy as np

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.data.preprocess import preprocess_digit

_COMPILED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def compiled_forward(model):
    """`model(x, training=False)` as one compiled call (traced once per model, kept while the model lives).

    Eagerly, a forward pass is one call per layer; while training keeps both cores busy each of those waits its
    turn in TensorFlow's thread pool, so a drawing's prediction took up to ~350 ms instead of ~30 ms.
    """
    fn = _COMPILED.get(model)
    if fn is None:
        import tensorflow as tf
        ref = weakref.ref(model)  # the cache must not keep the model alive

        def forward(x):
            live = ref()
            assert live is not None   # the cache entry goes with the model
            return live(x, training=False)

        fn = tf.function(forward,
                         input_signature=[tf.TensorSpec([None, 28, 28], tf.float32)])
        _COMPILED[model] = fn
    return fn


def warm_up(model) -> None:
    """Trace the model's compiled forward pass now (e.g. in a worker thread), not on the first drawing."""
    from tensordesk.engine.core.device import KERAS_GRAPH
    with KERAS_GRAPH:
        compiled_forward(model)(np.zeros((1, 28, 28), np.float32))


def probabilities(model, images: np.ndarray) -> np.ndarray:
    """(N, 28, 28) float32 in [0, 1] → (N, classes) probabilities, via model(x, training=False)."""
    x = np.asarray(images, dtype=np.float32).reshape(-1, 28, 28)
    out = np.asarray(compiled_forward(model)(x))
    if out.ndim != 2:
        raise ConfigError("this model does not classify images (it is an autoencoder).")
    return out


def classify_with(forward, image: np.ndarray):
    """Raw drawing (any size) → (processed 28×28, `forward`'s probabilities (classes,)) or (None, None) when
    empty; `forward((1, 28, 28)) → (1, classes)` is a model's forward pass (TensorFlow's, or NumPy's before it)."""
    processed = preprocess_digit(image)
    if processed is None:
        return None, None
    return processed, np.asarray(forward(processed[None]))[0]


def classify_drawing(model, image: np.ndarray):
    """Raw drawing (any size) → (processed 28×28, probabilities (classes,)) or (None, None) when empty."""
    return classify_with(lambda x: probabilities(model, x), image)

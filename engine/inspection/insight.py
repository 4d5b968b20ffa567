"""Looking inside a trained network for one image: conv feature maps, the first layer's filters, saliency.

All functions take a Keras model from `engine.models` and one 28×28 float image in [0, 1] (what the network
really sees, after `preprocess_digit`).
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np

from tensordesk.engine.core.errors import ConfigError

_PROBES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class FeatureMaps:
    layer: str            # e.g. "conv1"
    maps: np.ndarray      # (height, width, channels): the layer's activations for the image


def conv_layers(model) -> list[str]:
    """Names of the convolution layers' activations ("conv1_act", …), in order; empty for a dense model."""
    names = {layer.name for layer in model.layers}
    return [f"{layer.name}_act" for layer in model.layers
            if type(layer).__name__ == "Conv2D" and f"{layer.name}_act" in names]


def _as_batch(image: np.ndarray) -> np.ndarray:
    x = np.asarray(image, dtype=np.float32)
    if x.shape != (28, 28):
        raise ConfigError(f"expected one 28×28 image (got shape {x.shape}).")
    return x[None]


def feature_maps(model, image: np.ndarray) -> list[FeatureMaps]:
    """Each conv layer's maps for `image`, as shown: after the batch norm and activation that follow it (a
    TensorDesk model's "conv1_act"; an imported Conv2D with its own activation: its output)."""
    from tensordesk.engine.inspection.conv_step import shown_layers
    pairs = shown_layers(model)
    if not pairs:
        return []
    probe = _PROBES.get(model)
    if probe is None:
        import keras
        import tensorflow as tf
        sub = keras.Model(model.input, [model.get_layer(shown).output for _, shown in pairs])
        probe = tf.function(lambda x: sub(x, training=False))
        _PROBES[model] = probe
    batch = _as_batch(image).reshape((1, *model.inputs[0].shape[1:]))
    outputs = probe(batch)
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    return [FeatureMaps(conv, np.asarray(o)[0]) for (conv, _), o in zip(pairs, outputs)]


def first_filters(model) -> np.ndarray | None:
    """The first conv layer's kernels as (count, k, k) (one input channel), or None for a dense model."""
    for layer in model.layers:
        if type(layer).__name__ == "Conv2D":
            kernel = np.asarray(layer.get_weights()[0])   # (k, k, in, out)
            return np.moveaxis(kernel[:, :, 0, :], -1, 0)
    return None


def saliency(model, image: np.ndarray, class_index: int | None = None) -> tuple[np.ndarray, int]:
    """Gradient of a class's score (its logit, the input of the final softmax) with respect to each input
    pixel: (28, 28) and the class used (the predicted one unless `class_index` is given).

    Positive values are pixels whose ink would raise that class's score; negative would lower it.
    """
    fn = _SALIENCY.get(model)
    if fn is None:
        fn = _SALIENCY[model] = _saliency_fn(model)
    grad, used = fn(_as_batch(image), np.int32(-1 if class_index is None else class_index))
    return np.asarray(grad)[0], int(used)


_SALIENCY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _saliency_fn(model):
    """One compiled call: logits, the chosen class (-1 = the predicted one) and the input gradient."""
    import keras
    import tensorflow as tf
    try:
        logits_layer = model.get_layer("probabilities")
    except ValueError as exc:
        raise ConfigError("saliency needs a classifier (this model has no class output).") from exc
    scores = keras.Model(model.input, logits_layer.input)

    @tf.function(input_signature=[tf.TensorSpec([1, 28, 28], tf.float32), tf.TensorSpec([], tf.int32)])
    def fn(x, class_index):
        with tf.GradientTape() as tape:
            tape.watch(x)
            logits = scores(x, training=False)
            chosen = tf.where(class_index < 0, tf.argmax(logits[0], output_type=tf.int32), class_index)
            score = tf.gather(logits[0], chosen)
        return tape.gradient(score, x), chosen

    return fn


# --------------------------------------------------------------------------- autoencoder code space

_CODERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _coders(model):
    """(encoder, decoder) compiled calls of an autoencoder: images → 2-D codes, codes → images."""
    found = _CODERS.get(model)
    if found is not None:
        return found
    import keras
    import tensorflow as tf
    names = [layer.name for layer in model.layers]
    if "code" not in names:
        raise ConfigError("only the autoencoder has a code space (this model has no 'code' layer).")
    encoder = keras.Model(model.input, model.get_layer("code").output)
    code_in = keras.Input(shape=(model.get_layer("code").units,), name="code_in")
    x = code_in
    for layer in model.layers[names.index("code") + 1:]:  # the decoder is a plain chain after the code
        x = layer(x)
    decoder = keras.Model(code_in, x)
    found = (tf.function(lambda images: encoder(images, training=False)),
             tf.function(lambda codes: decoder(codes, training=False)))
    _CODERS[model] = found
    return found


def encode(model, images: np.ndarray, batch_size: int = 1024) -> np.ndarray:
    """(n, 28, 28) images (uint8, or floats in [0, 1]) → (n, 2) codes."""
    images = np.asarray(images)
    x = images.astype(np.float32) / 255.0 if images.dtype == np.uint8 else images.astype(np.float32)
    enc, _ = _coders(model)
    if len(x) == 0:
        return np.zeros((0, 2), np.float32)
    return np.concatenate([np.asarray(enc(x[i:i + batch_size])) for i in range(0, len(x), batch_size)])


def decode(model, codes: np.ndarray) -> np.ndarray:
    """(n, 2) codes → (n, 28, 28) images in [0, 1]."""
    _, dec = _coders(model)
    return np.asarray(dec(np.asarray(codes, dtype=np.float32).reshape(-1, 2)))

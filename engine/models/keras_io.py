"""Models in and out as standard files: Keras's `.keras` (any Keras 3 program loads it, no TensorDesk needed) and
TensorFlow Lite's `.tflite` (phones); and `.keras` files from elsewhere, loaded with Keras's safe_mode on.

An exported `.keras` holds only Keras's own layers: TensorDesk's Conv2D (the same maths with a faster bias add)
is written as keras.layers.Conv2D. A model from elsewhere is usable when it takes 28×28, 28×28×1 or 784 inputs
and ends in class scores; it is wrapped so that it takes (N, 28, 28) images like every TensorDesk model, with a
softmax named "probabilities" added when it ends in raw scores.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from tensordesk.engine.core.errors import CheckpointError, ConfigError
from tensordesk.engine.core.files import atomic_write

EXPORT_FORMATS = {".keras": "Keras model", ".tflite": "TensorFlow Lite model"}   # suffix → what it is
INPUT_SHAPES = ((28, 28), (28, 28, 1), (784,))
MAX_KERAS_FILE = 1 << 30


def plain_keras(model):
    """A copy of `model` made only of Keras's own layers (TensorDesk's Conv2D becomes keras.layers.Conv2D)."""
    import keras

    from tensordesk.engine.models.architectures import _conv2d_class
    ours = _conv2d_class()

    def clone(layer):
        if isinstance(layer, ours):
            return keras.layers.Conv2D.from_config(layer.get_config())
        return layer.__class__.from_config(layer.get_config())

    copy = keras.models.clone_model(model, clone_function=clone)
    copy.set_weights(model.get_weights())
    return copy


def export_model(model, path: str | os.PathLike) -> Path:
    """Write `model` as `path`, whose suffix (.keras or .tflite) says the format; returns the path written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise ConfigError(f"{path.name}: the file name must end in {' or '.join(EXPORT_FORMATS)}.")
    if not path.parent.is_dir():
        raise CheckpointError(f"{path.parent}: the folder does not exist.")
    plain = plain_keras(model)
    try:
        if suffix == ".keras":
            import tempfile
            with tempfile.TemporaryDirectory() as work:
                made = Path(work) / "model.keras"
                plain.save(made)
                data = made.read_bytes()
        else:
            data = _tflite_bytes(plain)
        atomic_write(path, lambda fh: fh.write(data))
    except OSError as exc:
        raise CheckpointError(f"{path}: cannot write the model ({exc.strerror or exc}).") from exc
    return path


def _tflite_bytes(model) -> bytes:
    import contextlib
    import io

    import tensorflow as tf
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    try:
        with contextlib.redirect_stdout(io.StringIO()):   # Keras's export prints what it saved
            return converter.convert()
    except Exception as exc:   # the converter raises its own types for unsupported operations
        raise ConfigError(f"TensorFlow Lite cannot convert this model ({str(exc).splitlines()[0]}).") from exc


def tflite_probabilities(path: str | os.PathLike, images: np.ndarray) -> np.ndarray:
    """(N, 28, 28) float images in [0, 1] → (N, classes) through TensorFlow Lite's interpreter, one at a time."""
    try:   # LiteRT, TensorFlow Lite's successor, when installed; else the interpreter TensorFlow still carries
        from ai_edge_litert.interpreter import Interpreter
    except ImportError:
        import warnings

        import tensorflow as tf
        Interpreter = tf.lite.Interpreter   # warns "deprecated" when made: it still ships with TensorFlow
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            interpreter = Interpreter(model_path=str(path))
    else:
        interpreter = Interpreter(model_path=str(path))
    interpreter.allocate_tensors()
    inp, out = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
    rows = []
    for image in np.asarray(images, np.float32):
        interpreter.set_tensor(inp["index"], image.reshape(inp["shape"]))
        interpreter.invoke()
        rows.append(np.array(interpreter.get_tensor(out["index"])[0]))
    return np.stack(rows)


# --------------------------------------------------------------------------- .keras from elsewhere

def load_keras(path: str | os.PathLike):
    """A `.keras` file from elsewhere as a TensorDesk model: (keras model taking (N, 28, 28), class count).

    Loaded with safe_mode: a file whose layers run code of their own (Lambda) is refused. CheckpointError says
    in one sentence what is wrong: not a Keras file, unsafe, or not a digit classifier."""
    import keras
    path = Path(path)
    if not path.is_file():
        raise CheckpointError(f"{path}: no such file.")
    if path.stat().st_size > MAX_KERAS_FILE:
        raise CheckpointError(f"{path}: {path.stat().st_size:,} bytes is more than a digit model holds.")
    import zipfile
    if not zipfile.is_zipfile(path):
        raise CheckpointError(f"{path}: not a Keras model file (a .keras file is a zip archive), or it is damaged.")
    try:
        model = keras.saving.load_model(path, compile=False, safe_mode=True)
    except ValueError as exc:
        text = str(exc)
        if "safe_mode" in text or "unsafe" in text.lower() or "lambda" in text.lower():
            raise CheckpointError(f"{path}: the model runs code of its own (a Lambda layer), which Keras's safe mode "
                                  f"refuses to load from a file; rebuild it with Keras's own layers.") from exc
        raise CheckpointError(f"{path}: Keras cannot read this model ({text.splitlines()[0]}).") from exc
    except Exception as exc:   # zip, h5 and deserialisation errors of many types
        raise CheckpointError(f"{path}: not a Keras model file, or it is damaged ({str(exc).splitlines()[0]}).") \
            from exc
    return as_digit_classifier(model, path.name)


def as_digit_classifier(model, name: str = "the model"):
    """(model taking (N, 28, 28) images and giving probabilities, class count), or CheckpointError saying what
    `model` expects instead."""
    import keras
    inputs = model.inputs if hasattr(model, "inputs") else None
    if not inputs or len(inputs) != 1:
        raise CheckpointError(f"{name}: TensorDesk needs a model with one input (this one has "
                              f"{len(inputs or [])}).")
    shape = tuple(inputs[0].shape[1:])
    outputs = model.outputs
    if shape not in INPUT_SHAPES:
        raise CheckpointError(f"{name}: it expects inputs of shape {shape}; TensorDesk's digits are 28×28 images "
                              f"(28×28, 28×28×1 or 784 inputs).")
    if len(outputs) != 1 or len(outputs[0].shape) != 2 or not 2 <= int(outputs[0].shape[1] or 0) <= 1000:
        raise CheckpointError(f"{name}: it outputs {[tuple(o.shape[1:]) for o in outputs]}; TensorDesk needs "
                              f"one score per class (2 to 1,000 classes).")
    classes = int(outputs[0].shape[1])
    image = keras.Input(shape=(28, 28), name="image")
    x = image if shape == (28, 28) else keras.layers.Reshape(shape, name="as_input")(image)
    x = _apply(model, x)
    if not _ends_in_softmax(model):
        x = keras.layers.Activation("softmax", name="probabilities")(x)
    return keras.Model(image, x, name=model.name), classes


def _apply(model, x):
    """The model's layers applied to x: one by one when it is a chain (so the neuron view sees its Dense
    layers), else the model as one layer."""
    import keras
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    chain = isinstance(model, keras.Sequential) or all(
        len(_inputs(layer)) == 1 and (i == 0 or _inputs(layer)[0] is layers[i - 1].output)
        for i, layer in enumerate(layers))
    if not chain:
        return model(x)
    for layer in layers:   # fresh copies, so the new model's graph is its own (the neuron view walks it)
        copy = layer.__class__.from_config(layer.get_config())
        x = copy(x)
        copy.set_weights(layer.get_weights())
    return x


def _inputs(layer) -> list:
    try:
        inp = layer.input
    except (AttributeError, ValueError):
        return []
    return list(inp) if isinstance(inp, (list, tuple)) else [inp]


def _ends_in_softmax(model) -> bool:
    last = model.layers[-1]
    kind = type(last).__name__
    act = last.get_config().get("activation") if kind in ("Dense", "Activation") else None
    return kind == "Softmax" or act == "softmax"

"""Saved models: one `.tdm` file (a zip) holding the spec, training settings, history and Keras weights.

Writes go to a temporary file in the same folder and are renamed into place, so a crash while saving
leaves the previous file intact. Loading checks every part and raises CheckpointError with a reason.
"""
from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tensordesk.engine import __version__
from tensordesk.engine.core import jsonable
from tensordesk.engine.core.errors import CheckpointError, ConfigError
from tensordesk.engine.core.files import ASSETS, atomic_write
from tensordesk.engine.models.architectures import ModelSpec, build_model, reusable_layers

FORMAT = "tensordesk-model"
FORMAT_VERSION = 1
SUFFIX = ".tdm"
_META = "tensordesk.json"
_WEIGHTS = "model.weights.h5"
_TRAJECTORY = "trajectory.npy"   # optional: (snapshots, parameters) float32, the weights along training
# the most each part may hold, unpacked: a damaged or crafted file is refused before anything is read or built
_LIMITS = {_META: 64 << 20, _WEIGHTS: 1 << 30, _TRAJECTORY: 1 << 30}

# The model that ships with TensorDesk, so the Draw view classifies on the first launch. Rebuilt by
# tools/build_shipped_model.py (its command and accuracy: assets/pretrained_digits.txt).
SHIPPED_MODEL = ASSETS / "pretrained_digits.tdm"


@dataclass
class Checkpoint:
    model: Any                          # keras.Model with the saved weights
    spec: ModelSpec | None              # None: a Keras model from elsewhere (meta["keras_file"])
    train_config: dict = field(default_factory=dict)
    history: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # dataset, class_names, test metrics...
    trajectory: np.ndarray | None = None      # (snapshots, parameters): trainable weights along training

    @property
    def class_names(self) -> tuple[str, ...]:
        return tuple(self.meta.get("class_names") or [str(i) for i in range(10)])

    @property
    def is_classifier(self) -> bool:
        return self.spec.is_classifier if self.spec is not None else True

    @property
    def foreign(self) -> bool:
        """A `.keras` model from elsewhere: it draws, evaluates and shows its inside; TensorDesk cannot rebuild
        it from a spec (save it with File → Export model, as .keras)."""
        return self.spec is None


def save_checkpoint(path: str | os.PathLike, model, spec: ModelSpec, train_config: dict | None = None,
                    history: list | None = None, meta: dict | None = None,
                    trajectory: np.ndarray | None = None) -> Path:
    """Write `model` and its description to `path` atomically; returns the final path.

    `trajectory`, when given, is the flattened trainable weights at points along training (the loss
    landscape projects it onto its surface)."""
    path = Path(path)
    if path.suffix != SUFFIX:
        path = path.with_name(path.name + SUFFIX)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CheckpointError(f"{folder}: the folder does not exist.")
    doc = {"format": FORMAT, "format_version": FORMAT_VERSION, "tensordesk": __version__,
           "spec": spec.to_dict(), "train_config": train_config or {}, "history": history or [],
           "meta": meta or {}}
    try:
        text = jsonable.dumps(doc)
    except (TypeError, ValueError) as exc:
        raise CheckpointError(f"cannot describe the model as JSON ({exc}).") from exc
    try:
        with tempfile.TemporaryDirectory() as work:
            weights = Path(work) / _WEIGHTS
            model.save_weights(weights)

            def write(fh):
                with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                    zf.writestr(_META, text)
                    zf.write(weights, _WEIGHTS)
                    if trajectory is not None and len(trajectory):
                        buffer = io.BytesIO()
                        np.save(buffer, np.asarray(trajectory, dtype=np.float32), allow_pickle=False)
                        zf.writestr(_TRAJECTORY, buffer.getvalue())
            atomic_write(path, write)
    except OSError as exc:
        raise CheckpointError(f"{path}: cannot save the model ({exc.strerror or exc}).") from exc
    return path


def read_description(path: str | os.PathLike) -> dict:
    """The JSON part of a checkpoint, validated, without building the model."""
    path = Path(path)
    if not path.is_file():
        raise CheckpointError(f"{path}: no such file.")
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if _META not in names or _WEIGHTS not in names:
                raise CheckpointError(f"{path}: not a TensorDesk model (parts missing).")
            for info in zf.infolist():
                limit = _LIMITS.get(info.filename)
                if limit is not None and info.file_size > limit:
                    raise CheckpointError(f"{path}: its part {info.filename} claims {info.file_size:,} bytes, more "
                                          f"than a TensorDesk model holds ({limit:,}); the file is damaged.")
            doc = json.loads(zf.read(_META).decode("utf-8"))
    except zipfile.BadZipFile as exc:
        raise CheckpointError(f"{path}: not a TensorDesk model file, or it is damaged ({exc}).") from exc
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError, zipfile.LargeZipFile) as exc:
        raise CheckpointError(f"{path}: the model file is damaged ({exc}).") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise CheckpointError(f"{path}: not a TensorDesk model file.")
    version = doc.get("format_version", 0)
    if isinstance(version, bool) or not isinstance(version, int):
        raise CheckpointError(f"{path}: the model file's format version is not a number.")
    for key, kind in (("train_config", dict), ("history", list), ("meta", dict)):
        if not isinstance(doc.get(key, kind()), kind):
            raise CheckpointError(f"{path}: the saved model description is invalid ({key} has the wrong type).")
    if version > FORMAT_VERSION:
        raise CheckpointError(f"{path}: saved by a newer TensorDesk (format {version}); "
                              f"this version reads format {FORMAT_VERSION}.")
    try:
        doc["spec"] = ModelSpec.from_dict(doc.get("spec", {}))
    except (ConfigError, TypeError, AttributeError) as exc:
        raise CheckpointError(f"{path}: the saved model description is invalid ({exc}).") from exc
    return doc


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Rebuild the model from its spec and load its weights."""
    path = Path(path)
    doc = read_description(path)
    model = build_model(doc["spec"], seed=None)
    trajectory = None
    try:
        with tempfile.TemporaryDirectory() as work, zipfile.ZipFile(path) as zf:
            zf.extract(_WEIGHTS, work)
            model.load_weights(Path(work) / _WEIGHTS)
            if _TRAJECTORY in zf.namelist():
                trajectory = np.load(io.BytesIO(zf.read(_TRAJECTORY)), allow_pickle=False)
    except Exception as exc:  # h5py and Keras raise many types for damaged or mismatched weights
        raise CheckpointError(f"{path}: the weights could not be loaded ({exc}).") from exc
    size = sum(int(np.prod(v.shape)) for v in model.trainable_variables)
    if trajectory is not None and (trajectory.ndim != 2 or trajectory.shape[1] != size):
        raise CheckpointError(f"{path}: the saved weight trajectory does not fit the model "
                              f"({trajectory.shape} for {size:,} parameters).")
    return Checkpoint(model, doc["spec"], doc.get("train_config", {}), doc.get("history", []), doc.get("meta", {}),
                      trajectory)


def load_model_file(path: str | os.PathLike) -> Checkpoint:
    """A TensorDesk model (.tdm) or a Keras model from elsewhere (.keras, loaded with safe_mode)."""
    path = Path(path)
    if path.suffix.lower() != ".keras":
        return load_checkpoint(path)
    from tensordesk.engine.models.keras_io import load_keras
    model, classes = load_keras(path)
    return Checkpoint(model, None, meta={"keras_file": path.name, "class_names": [str(i) for i in range(classes)]})


def load_shipped_model(path: str | os.PathLike | None = None) -> Checkpoint:
    """The pre-trained digit model that ships in assets/, through the normal checkpoint path; marked
    `meta["shipped"]`. CheckpointError (with the reason) when a packager left it out or it is damaged."""
    path = Path(path or SHIPPED_MODEL)
    if not path.is_file():
        raise CheckpointError(f"{path}: the shipped model is missing from this installation.")
    checkpoint = load_checkpoint(path)
    checkpoint.meta["shipped"] = True
    return checkpoint


def transfer_layers(source: Checkpoint) -> list[str]:
    """The weighted layers transfer learning can keep from `source`, in order: all but its output (a Keras
    file's last weighted layer gives its class scores)."""
    names = reusable_layers(source.model)
    return names[:-1] if source.foreign else names


def foreign_transfer_model(source: Checkpoint, keep: int, freeze: bool, classes: int, seed: int = 0):
    """(N, 28, 28) images → `source`'s layers up to its keep-th weighted one (weights copied, frozen when
    `freeze`) → a new Dense "output" of `classes` units → softmax "probabilities"."""
    import keras
    available = transfer_layers(source)
    if not 0 <= keep <= len(available):
        raise ConfigError(f"the saved model has {len(available)} reusable layers; cannot keep {keep}.")
    keras.utils.set_random_seed(seed)
    image = keras.Input(shape=(28, 28), name="image")
    x = image
    if keep:
        last = available[keep - 1]
        for layer in source.model.layers:
            if isinstance(layer, keras.layers.InputLayer):
                continue
            copy = layer.__class__.from_config(layer.get_config())
            x = copy(x)
            copy.set_weights(layer.get_weights())
            if layer.weights:
                copy.trainable = not freeze
            if layer.name == last:
                break
    if len(x.shape) > 2:
        x = keras.layers.Flatten(name="head_flatten")(x)
    x = keras.layers.Dense(classes, name="output")(x)
    x = keras.layers.Activation("softmax", name="probabilities")(x)
    return keras.Model(image, x, name="transfer")


def transfer_model(source: Checkpoint, keep: int, freeze: bool = True, spec: ModelSpec | None = None, seed: int = 0):
    """A new model (from `spec`, default the source's) whose first `keep` weighted layers come from `source`.

    Seed 000's recipe: reuse hidden layers 1..k of a trained net, frozen or not, and train a new head. A model
    from a Keras file has no spec to rebuild: its own layers up to the keep-th are copied, then a new head of
    `spec.num_classes` classes (foreign_transfer_model)."""
    if source.foreign:
        return foreign_transfer_model(source, keep, freeze, (spec.num_classes if spec is not None else 10), seed)
    spec = spec or source.spec
    model = build_model(spec, seed=seed)
    available = reusable_layers(source.model)
    if not 0 <= keep <= len(available):
        raise ConfigError(f"the saved model has {len(available)} reusable layers; cannot keep {keep}.")
    for name in available[:keep]:
        try:
            target = model.get_layer(name)
        except ValueError as exc:
            raise ConfigError(f"the new model has no layer '{name}' to receive the saved weights.") from exc
        src = source.model.get_layer(name)
        src_shapes = [w.shape for w in src.get_weights()]
        dst_shapes = [w.shape for w in target.get_weights()]
        if src_shapes != dst_shapes:
            raise ConfigError(f"layer '{name}' has shapes {dst_shapes} in the new model but {src_shapes} "
                              f"in the saved one.")
        target.set_weights(src.get_weights())
        bn = f"{name}_bn"
        if any(layer.name == bn for layer in source.model.layers) and any(layer.name == bn for layer in model.layers):
            model.get_layer(bn).set_weights(source.model.get_layer(bn).get_weights())
            model.get_layer(bn).trainable = not freeze
        target.trainable = not freeze
    return model

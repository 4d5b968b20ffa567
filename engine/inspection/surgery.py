"""Hands inside a classifier: see each dense unit, and edit a copy of the network — switch units off, scale a
unit's incoming weights, shift its bias, prune the smallest weights, change the softmax temperature.

Edits act on `EditedNetwork.model`, a clone of the model it was made from; the original (which may be training)
is never touched. Every edit is kept in order, so they can be undone one by one and told in a saved model.

What each edit means, exactly (tests/engine/test_surgery.py checks each):
- off:         the unit's output no longer reaches the next layer: its row of the next Dense kernel is zero.
- scale:       the unit's incoming weights (its kernel column) are multiplied by the value.
- bias:        the value is added to the unit's bias (with batch norm, which replaces the bias, to its β).
- prune:       the given percentage of the kernel weights with the smallest magnitude, in one layer or in every
               layer of the network together, are set to zero.
- temperature: the logits are divided by T before the softmax (the logits layer's kernel and bias divided by T;
               only the last temperature set counts).
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.core.reasons import Reason

EDIT_KINDS = ("off", "scale", "bias", "prune", "temperature")
_ELEMENTWISE = ("BatchNormalization", "Activation", "Dropout")
MAX_PRUNE = 100.0
TEMPERATURE_RANGE = (0.01, 100.0)


@dataclass(frozen=True)
class UnitLayer:
    """A Dense layer whose units the neuron view shows (its input is a flat vector)."""

    name: str
    units: int
    inputs: int
    output: str          # the layer after its BN and activation (what the next layer reads)
    next_dense: str      # the Dense layer that reads it ("" for the logits layer)
    source: str          # what its inputs are: "pixels" (the 28×28 image, flattened), or a layer's name
    is_logits: bool      # the layer feeding the final softmax: its units are the classes


@dataclass(frozen=True)
class Edit:
    kind: str            # one of EDIT_KINDS
    layer: str = ""      # a UnitLayer's name; "" for the whole network (prune) and for temperature
    unit: int = -1
    value: float = 0.0

    def reason(self) -> Reason:
        """The edit told as a sentence (templates "edit-…" in engine/core/reasons.py)."""
        v = f"{self.value:g}"
        if self.kind == "prune":
            return Reason("edit-prune-layer", (v, self.layer)) if self.layer else Reason("edit-prune-net", (v,))
        if self.kind == "temperature":
            return Reason("edit-temperature", (v,))
        if self.kind == "off":
            return Reason("edit-off", (str(self.unit), self.layer))
        if self.kind == "bias":
            return Reason("edit-bias", (f"{self.value:+g}", str(self.unit), self.layer))
        return Reason("edit-scale", (v, str(self.unit), self.layer))


def _kind(layer) -> str:
    return type(layer).__name__


def _producers(model) -> dict[int, object]:
    """id(output tensor) → the layer that produced it, for the model's functional graph."""
    return {id(layer.output): layer for layer in model.layers}


def _inbound(layer, producers) -> list:
    """The layers feeding `layer`."""
    inputs = layer.input if isinstance(layer.input, (list, tuple)) else [layer.input]
    return [producers[id(t)] for t in inputs if id(t) in producers]


def unit_layers(model) -> list[UnitLayer]:
    """The model's Dense layers on flat inputs, in order: hidden layers, then the logits layer (when the model ends
    in a softmax). Dense layers on rows (the LSTM's) or in an autoencoder are left out."""
    layers = list(model.layers)
    producers = _producers(model)
    found = []
    for i, layer in enumerate(layers):
        if _kind(layer) != "Dense":
            continue
        shape = tuple(layer.input.shape)
        if len(shape) != 2:
            continue
        j, out, last = i, layer, layer     # out: the last non-dropout layer of its chain, last: the chain's end
        while j + 1 < len(layers) and _kind(layers[j + 1]) in _ELEMENTWISE and last in _inbound(layers[j + 1],
                                                                                                  producers):
            j += 1
            last = layers[j]
            if _kind(last) != "Dropout":
                out = last
        ends = j + 1 == len(layers)
        is_logits = ends and ((out is not layer and _kind(out) == "Activation"
                               and out.get_config().get("activation") == "softmax")
                              or (out is layer and layer.get_config().get("activation") == "softmax"))
        nxt = ""
        if j + 1 < len(layers) and _kind(layers[j + 1]) == "Dense" and last in _inbound(layers[j + 1], producers):
            nxt = layers[j + 1].name
        prev = _inbound(layer, producers)
        k = i - 1
        while k >= 0 and _kind(layers[k]) in _ELEMENTWISE + ("Flatten", "Reshape"):
            k -= 1
        pixels = (prev and _kind(prev[0]) in ("Flatten", "Reshape", "InputLayer") and int(shape[1]) == 784
                  and (k < 0 or _kind(layers[k]) == "InputLayer"))
        source = "pixels" if pixels or k < 0 else layers[k].name
        found.append(UnitLayer(layer.name, int(layer.units), int(shape[1]), out.name, nxt, source, is_logits))
    if not any(u.is_logits for u in found):
        return []       # not a softmax classifier (the autoencoder): nothing here is a class
    return found


def logits_layer(model) -> UnitLayer:
    for u in unit_layers(model):
        if u.is_logits:
            return u
    raise ConfigError("this model does not end in a softmax over classes, so it has no logits to look at.")


# --------------------------------------------------------------------------- what the units do for one image

@dataclass(frozen=True)
class UnitValues:
    """One unit layer for one image: its inputs x, weighted sums z = x·W + b, and outputs a (after BN and the
    activation; for the logits layer, the probabilities)."""

    inputs: np.ndarray
    sums: np.ndarray
    outputs: np.ndarray


_PROBES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def unit_values(model, image: np.ndarray) -> dict[str, UnitValues]:
    """Every unit layer's inputs, weighted sums and outputs for one 28×28 image in [0, 1]."""
    import keras
    import tensorflow as tf
    found = _PROBES.get(model)
    if found is None:
        layers = unit_layers(model)
        tensors = []
        for u in layers:
            tensors += [model.get_layer(u.name).input, model.get_layer(u.name).output, model.get_layer(u.output).output]
        probe = keras.Model(model.input, tensors)
        found = (layers, tf.function(lambda x: probe(x, training=False)))
        _PROBES[model] = found
    layers, fn = found
    if not layers:
        return {}
    x = np.asarray(image, np.float32).reshape((1,) + tuple(model.input.shape[1:]))
    out = [np.asarray(t)[0] for t in fn(x)]
    values = {}
    for i, u in enumerate(layers):
        inputs, sums, outputs = out[3 * i:3 * i + 3]
        dense = model.get_layer(u.name)
        if dense.get_config().get("activation", "linear") != "linear":   # a Dense with its activation built in
            sums = inputs @ np.asarray(dense.kernel) + (np.asarray(dense.bias) if dense.use_bias else 0.0)
        values[u.name] = UnitValues(inputs, sums, outputs)
    return values


@dataclass(frozen=True)
class UnitDetail:
    layer: str
    unit: int
    weights: np.ndarray           # its incoming weights (inputs,)
    bias: float                   # its bias (β with batch norm)
    weighted_sum: float
    output: float
    contributors: tuple           # ((input index, x_i · w_i), …): the largest in magnitude first


def unit_detail(model, values: dict[str, UnitValues], layer: str, unit: int, top: int = 8) -> UnitDetail:
    """What one unit computes for the image `values` came from."""
    u = next((u for u in unit_layers(model) if u.name == layer), None)
    if u is None or not 0 <= unit < u.units:
        raise ConfigError(f"the model has no unit {unit} in a layer '{layer}'.")
    kernel = np.asarray(model.get_layer(layer).kernel)[:, unit]
    v = values[layer]
    parts = v.inputs * kernel
    order = np.argsort(-np.abs(parts))[:top]
    return UnitDetail(layer, unit, kernel, _bias_of(model, layer, unit), float(v.sums[unit]),
                      float(v.outputs[unit]), tuple((int(i), float(parts[i])) for i in order))


def _bias_of(model, layer: str, unit: int) -> float:
    dense = model.get_layer(layer)
    if dense.use_bias:
        return float(np.asarray(dense.bias)[unit])
    bn = _bn_of(model, layer)
    return float(np.asarray(bn.beta)[unit]) if bn is not None and bn.center else 0.0


def _bn_of(model, layer: str):
    try:
        return model.get_layer(f"{layer}_bn")
    except ValueError:
        return None


# --------------------------------------------------------------------------- the edited copy

def copy_model(model):
    """A new Keras model with the same layers and weights (editing it leaves `model` alone)."""
    import keras
    clone = keras.models.clone_model(model)
    clone.set_weights(model.get_weights())
    return clone


class EditedNetwork:
    """A copy of a classifier and the edits made to it, in order."""

    def __init__(self, model):
        layers = unit_layers(model)
        if not layers:
            raise ConfigError("this model has no dense units to edit (only classifiers that end in a softmax do).")
        self.source = model
        self.model = copy_model(model)
        self.layers = {u.name: u for u in layers}     # the copy has the same layer names
        self._original = [np.array(w) for w in self.model.get_weights()]
        self.edits: list[Edit] = []

    # ------------------------------------------------------------------ what has been done
    @property
    def temperature(self) -> float:
        for e in reversed(self.edits):
            if e.kind == "temperature":
                return e.value
        return 1.0

    def is_off(self, layer: str, unit: int) -> bool:
        return any(e.kind == "off" and e.layer == layer and e.unit == unit for e in self.edits)

    def descriptions(self, translate=lambda s: s) -> list[str]:
        return [e.reason().text(translate) for e in self.edits]

    # ------------------------------------------------------------------ edit, undo, reset
    def apply(self, edit: Edit) -> None:
        self._check(edit)
        self.edits.append(edit)
        self._rebuild()

    def undo(self) -> Edit | None:
        if not self.edits:
            return None
        edit = self.edits.pop()
        self._rebuild()
        return edit

    def reset(self) -> None:
        self.edits.clear()
        self._rebuild()

    def weights(self) -> list[np.ndarray]:
        """The edited weights (for a copy evaluated in another thread)."""
        return [np.array(w) for w in self.model.get_weights()]

    def _check(self, edit: Edit) -> None:
        if edit.kind not in EDIT_KINDS:
            raise ConfigError(f"unknown edit '{edit.kind}'; choose one of {', '.join(EDIT_KINDS)}.")
        if not np.isfinite(edit.value):
            raise ConfigError("an edit's value must be a finite number.")
        if edit.kind == "temperature":
            lo, hi = TEMPERATURE_RANGE
            if not lo <= edit.value <= hi:
                raise ConfigError(f"the temperature must be between {lo:g} and {hi:g} (got {edit.value:g}).")
            return
        if edit.kind == "prune":
            if not 0.0 <= edit.value <= MAX_PRUNE:
                raise ConfigError(f"the share to prune must be between 0 and 100% (got {edit.value:g}).")
            if edit.layer and edit.layer not in self.layers:
                raise ConfigError(f"the model has no dense layer '{edit.layer}'.")
            return
        u = self.layers.get(edit.layer)
        if u is None or not 0 <= edit.unit < u.units:
            raise ConfigError(f"the model has no unit {edit.unit} in a layer '{edit.layer}'.")
        if edit.kind == "off" and not u.next_dense:
            raise ConfigError("the output layer's units are the classes: scale or shift them instead of switching "
                              "them off.")
        if edit.kind == "bias" and not self.model.get_layer(edit.layer).use_bias and _bn_of(self.model, edit.layer) is None:
            raise ConfigError(f"layer '{edit.layer}' has no bias to shift.")

    def _rebuild(self) -> None:
        """The original weights with every edit applied in order (the temperature last)."""
        weights = [w.copy() for w in self._original]
        index = self._weight_index()
        for e in self.edits:
            if e.kind == "off":
                weights[index[(self.layers[e.layer].next_dense, "kernel")]][e.unit, :] = 0.0
            elif e.kind == "scale":
                weights[index[(e.layer, "kernel")]][:, e.unit] *= e.value
            elif e.kind == "bias":
                key = (e.layer, "bias") if (e.layer, "bias") in index else (f"{e.layer}_bn", "beta")
                weights[index[key]][e.unit] += e.value
            elif e.kind == "prune":
                names = [e.layer] if e.layer else None
                _prune([weights[i] for (layer, var), i in index.items() if var == "kernel"
                        and (names is None or layer in names) and self._prunable(layer)], e.value)
        t = self.temperature
        if t != 1.0:
            logits = next(u.name for u in self.layers.values() if u.is_logits)
            weights[index[(logits, "kernel")]] /= t
            if (logits, "bias") in index:
                weights[index[(logits, "bias")]] /= t
        self.model.set_weights(weights)

    def _prunable(self, layer: str) -> bool:
        return _kind(self.model.get_layer(layer)) in ("Dense", "Conv2D", "LSTM")

    def _weight_index(self) -> dict[tuple[str, str], int]:
        """(layer name, variable name) → position in model.get_weights()."""
        index, i = {}, 0
        for layer in self.model.layers:
            for w in layer.weights:
                index[(layer.name, w.name.split("/")[-1])] = i
                i += 1
        return index

    # ------------------------------------------------------------------ saving
    def save(self, path, checkpoint, accuracy: float | None = None):
        """Save the edited copy as a new model whose description says what was edited (meta["edits"])."""
        from tensordesk.engine.models.checkpoints import save_checkpoint
        if checkpoint.spec is None:
            raise ConfigError("this model came from a Keras file, so it is saved as one: File → Export model writes "
                              "the edited network as .keras.")
        meta = {k: v for k, v in checkpoint.meta.items() if k not in ("shipped", "test_accuracy", "test_loss")}
        meta["edits"] = self.descriptions()
        meta["edited_from"] = checkpoint.meta.get("label") or checkpoint.spec.arch
        if accuracy is not None:
            meta["test_accuracy"] = float(accuracy)
        return save_checkpoint(path, self.model, checkpoint.spec, checkpoint.train_config, checkpoint.history, meta)


def _prune(kernels: list[np.ndarray], percent: float) -> None:
    """Zero, in place, the `percent` % of all these weights with the smallest magnitude (one threshold for all)."""
    sizes = [k.size for k in kernels]
    total = sum(sizes)
    count = int(round(total * percent / 100.0))
    if count <= 0 or total == 0:
        return
    flat = np.concatenate([np.abs(k).ravel() for k in kernels])
    chosen = np.argpartition(flat, count - 1)[:count] if count < total else np.arange(total)
    mask = np.zeros(total, bool)
    mask[chosen] = True
    start = 0
    for k, n in zip(kernels, sizes):
        k.ravel()[mask[start:start + n]] = 0.0   # kernels are contiguous copies: ravel() is a view
        start += n


def accuracy_of(model, weights, images: np.ndarray, labels: np.ndarray, cancelled=None) -> float | None:
    """Test accuracy of `model` with `weights` set (a model owned by the calling thread); None when
    `cancelled` (a threading.Event) is set between batches (a closing window need not wait for the rest)."""
    from tensordesk.engine.models.inference import probabilities
    model.set_weights(weights)
    x = images.astype(np.float32) / 255.0 if images.dtype == np.uint8 else images.astype(np.float32)
    parts = []
    for i in range(0, len(x), 250):
        if cancelled is not None and cancelled.is_set():
            return None
        parts.append(probabilities(model, x[i:i + 250]).argmax(1))
    predicted = np.concatenate(parts) if parts else np.zeros(0, int)
    return float(np.mean(predicted == np.asarray(labels)))

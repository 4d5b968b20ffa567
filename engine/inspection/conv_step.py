"""One pixel of a convolution's feature map, worked out by hand: the input patch it reads (every input channel),
the kernel, their products, the sum, the bias, what follows the convolution before the map is shown (batch norm,
the activation), and the pooling window the pixel falls into. Any Conv2D (2-D, channels last, no dilation, one
group) of a TensorDesk model or an imported `.keras` one.

`conv_step(model, image, layer, row, col, channel)` computes every number with NumPy from the layer's weights and
its input, and also reads Keras's own value at that pixel (`keras_value`), so the two can be compared (tests:
1e-5).
"""
from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field

import numpy as np

from tensordesk.engine.core.errors import ConfigError

_ELEMENTWISE = ("BatchNormalization", "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax", "PReLU")
_POOLS = ("MaxPooling2D", "AveragePooling2D")
_PROBES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()   # model → {conv layer: probe model}


@dataclass(frozen=True)
class Pooling:
    layer: str
    kind: str                    # "max" or "average"
    rows: tuple[int, int]        # the window in the feature map: first row, last row + 1
    cols: tuple[int, int]
    window: np.ndarray           # the window's values (shown map, this channel)
    value: float                 # what the pooling layer outputs there
    out_row: int
    out_col: int


@dataclass(frozen=True)
class ConvStep:
    layer: str                   # the Conv2D
    row: int
    col: int
    channel: int                 # the filter
    input_name: str              # what the convolution reads ("the image" or a layer's name)
    rows: tuple[int, int]        # the patch's place in the input: first row, last row + 1 (may reach outside)
    cols: tuple[int, int]
    patch: np.ndarray            # (kh, kw, in_channels): the input it reads, 0 outside the input (padding)
    kernel: np.ndarray           # (kh, kw, in_channels): this filter's weights
    products: np.ndarray         # patch × kernel
    total: float                 # the products' sum
    bias: float                  # 0 when the layer has none
    conv_value: float            # total + bias, then the layer's own activation (if it has one)
    conv_activation: str         # the Conv2D's own activation ("linear" when it has none)
    after: list[tuple[str, str, float]] = field(default_factory=list)   # (layer, what it did, value) up to the map
    value: float = 0.0           # the pixel as the feature map shows it
    keras_value: float = 0.0     # Keras's own output at that pixel, computed by the model
    pooling: Pooling | None = None

    @property
    def channel_sums(self) -> np.ndarray:
        """Each input channel's share of the total (the products summed over the kernel's window)."""
        return self.products.sum(axis=(0, 1))


def _chain(model, conv):
    """The layers after `conv` that act pixel by pixel (batch norm, activation), then the next layer (or None)."""
    layers = list(model.layers)
    i = layers.index(conv)
    chain: list = []
    prev = conv
    for nxt in layers[i + 1:]:
        try:
            linked = nxt.input is prev.output
        except (AttributeError, ValueError):
            linked = False
        if not linked:
            return chain, None
        if type(nxt).__name__ in _ELEMENTWISE:
            chain.append(nxt)
            prev = nxt
            continue
        return chain, nxt
    return chain, None


def _same_padding(size: int, kernel: int, stride: int) -> int:
    out = math.ceil(size / stride)
    return max((out - 1) * stride + kernel - size, 0) // 2


def _apply(layer, value: np.ndarray | float, channel: int) -> tuple[str, float]:
    """What one element-wise layer does to one value of `channel`: (a sentence, the value after)."""
    import keras
    kind = type(layer).__name__
    if kind == "BatchNormalization":
        weights = {w.path.split("/")[-1]: np.asarray(w) for w in layer.weights}
        mean, var = float(weights["moving_mean"][channel]), float(weights["moving_variance"][channel])
        gamma = float(weights["gamma"][channel]) if "gamma" in weights else 1.0
        beta = float(weights["beta"][channel]) if "beta" in weights else 0.0
        out = (float(value) - mean) / math.sqrt(var + layer.epsilon) * gamma + beta
        return f"batch norm: ({float(value):.4g} − {mean:.4g}) / √({var:.4g} + {layer.epsilon:g}) × {gamma:.4g} + " \
               f"{beta:.4g}", out
    fn = layer.activation if kind == "Activation" else layer
    out = float(np.asarray(fn(keras.ops.convert_to_tensor(np.asarray([value], np.float32))))[0])
    name = getattr(fn, "__name__", kind)
    return f"{name}({float(value):.4g})", out


def conv_step(model, image: np.ndarray, layer: str, row: int, col: int, channel: int) -> ConvStep:
    """The numbers behind pixel (row, col) of filter `channel` of Conv2D `layer`, for one 28×28 image in [0, 1]."""
    import keras
    try:
        conv = model.get_layer(layer)
    except ValueError as exc:
        raise ConfigError(f"the model has no layer '{layer}'.") from exc
    if type(conv).__name__ != "Conv2D" and not isinstance(conv, keras.layers.Conv2D):
        raise ConfigError(f"'{layer}' is not a 2-D convolution.")
    if conv.data_format != "channels_last" or tuple(conv.dilation_rate) != (1, 1) or conv.groups != 1:
        raise ConfigError(f"'{layer}': only channels-last convolutions without dilation or groups are worked out.")
    chain, following = _chain(model, conv)
    outputs = [conv.input, conv.output, *(c.output for c in chain)]
    pool = following if following is not None and type(following).__name__ in _POOLS else None
    if pool is not None:
        outputs.append(pool.output)
    probes = _PROBES.setdefault(model, {})   # built once per model and layer: the worked pixel follows the drawing
    probe = probes.get(conv.name)
    if probe is None:
        probe = probes[conv.name] = keras.Model(model.inputs[0] if len(model.inputs) == 1 else model.inputs, outputs)
    x = np.asarray(image, np.float32)
    batch = x.reshape((1, *model.inputs[0].shape[1:]))
    values = [np.asarray(v)[0] for v in probe(batch, training=False)]
    conv_in, shown_map = values[0], values[1 + len(chain)]
    height, width, _ = shown_map.shape
    if not (0 <= row < height and 0 <= col < width and 0 <= channel < shown_map.shape[2]):
        raise ConfigError(f"'{layer}' has {shown_map.shape[2]} maps of {height}×{width}; "
                          f"({row}, {col}) of map {channel} is outside them.")
    kernel_all = np.asarray(conv.kernel)
    kh, kw = kernel_all.shape[:2]
    sh, sw = conv.strides
    if conv.padding == "same":
        top, left = _same_padding(conv_in.shape[0], kh, sh), _same_padding(conv_in.shape[1], kw, sw)
    else:
        top = left = 0
    r0, c0 = row * sh - top, col * sw - left
    patch = np.zeros((kh, kw, conv_in.shape[2]), np.float32)
    for i in range(kh):
        for j in range(kw):
            r, c = r0 + i, c0 + j
            if 0 <= r < conv_in.shape[0] and 0 <= c < conv_in.shape[1]:
                patch[i, j] = conv_in[r, c]
    kernel = kernel_all[:, :, :, channel].astype(np.float32)
    products = patch * kernel
    total = float(products.sum(dtype=np.float64))
    bias = float(np.asarray(conv.bias)[channel]) if conv.use_bias else 0.0
    conv_activation = getattr(conv.activation, "__name__", "linear") if conv.activation is not None else "linear"
    value = total + bias
    if conv_activation != "linear":
        value = float(np.asarray(conv.activation(keras.ops.convert_to_tensor(np.asarray([value], np.float32))))[0])
    conv_value = value
    after = []
    for c_layer in chain:
        said, value = _apply(c_layer, value, channel)
        after.append((c_layer.name, said, value))
    pooling = None
    if pool is not None:
        ph, pw = pool.pool_size
        psh, psw = pool.strides
        out_row, out_col = row // psh, col // psw
        rows = (out_row * psh, min(out_row * psh + ph, height))
        cols = (out_col * psw, min(out_col * psw + pw, width))
        pooled = values[-1]
        if pool.padding == "valid" and (out_row >= pooled.shape[0] or out_col >= pooled.shape[1]):
            pooling = None   # a last row or column the pooling leaves out
        else:
            pooling = Pooling(pool.name, "max" if "Max" in type(pool).__name__ else "average", rows, cols,
                              shown_map[rows[0]:rows[1], cols[0]:cols[1], channel].copy(),
                              float(pooled[out_row, out_col, channel]), out_row, out_col)
    input_name = "the image" if conv.input is model.inputs[0] else _source_name(model, conv)
    return ConvStep(conv.name, row, col, channel, input_name, (r0, r0 + kh), (c0, c0 + kw), patch, kernel,
                    products, total, bias, conv_value, conv_activation, after, float(value),
                    float(shown_map[row, col, channel]), pooling)


def _source_name(model, conv) -> str:
    for layer in model.layers:
        try:
            if layer.output is conv.input:
                return layer.name
        except (AttributeError, ValueError):
            continue
    return "the previous layer"


def shown_layers(model) -> list[tuple[str, str]]:
    """(Conv2D name, the layer whose output shows its feature maps): the end of the batch norm and activation
    that follow it (TensorDesk's "conv1" → "conv1_act"; a Keras Conv2D with its own activation → itself)."""
    out = []
    for layer in model.layers:
        if type(layer).__name__ == "Conv2D" or _is_conv2d(layer):
            chain, _ = _chain(model, layer)
            out.append((layer.name, (chain[-1] if chain else layer).name))
    return out


def _is_conv2d(layer) -> bool:
    import keras
    return isinstance(layer, keras.layers.Conv2D) and len(getattr(layer, "kernel_size", ())) == 2

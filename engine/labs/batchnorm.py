"""The batch-norm lab (seed 002 §20): one deep net without and one with batch normalisation, trained in
lockstep on the same mini-batches of y = x² − 5 + noise, recording every layer's input over the whole data.

Both networks start from the same weights (same initializer seeds), so batch normalisation is the only
difference. Layer inputs and costs are computed over the whole data set as one batch, as the seed does:
the BN network normalises with that batch's statistics (its moving averages, momentum 0.5, are for
inference and are left as training made them).
"""
from __future__ import annotations

import functools
import math
from dataclasses import asdict, dataclass

import numpy as np

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.core.reasons import Reason
from tensordesk.engine.core.settings import check, setting

ACTIVATIONS = ("tanh", "relu", "sigmoid")
NETS = ("without_bn", "with_bn")
SATURATION = 0.95     # |a| above this counts as saturated (tanh), or a above it / below 1 − it (sigmoid)
# Histogram range of the hidden layers' inputs, per activation; the input column uses the data's range.
HIDDEN_RANGE = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0), "relu": (0.0, 4.0)}


@dataclass(frozen=True)
class BNSettings:
    """The experiment; defaults are the seed's."""

    activation: str = setting("tanh", choices=ACTIVATIONS, help="the hidden layers' activation", cli="--activation")
    layers: int = setting(7, low=1, high=20, help="hidden layers", cli="--layers")
    units: int = setting(30, low=1, high=512, help="units per hidden layer", cli="--units")
    weight_std: float = setting(1.0, positive=True, help="σ of the initial weights",
                                cli="--weight-std", label="the weights' σ")
    bias_init: float = 0.1
    learning_rate: float = setting(0.001, positive=True, help="SGD learning rate", cli="--lr",
                                   label="the learning rate")
    batch_size: int = setting(10, low=1, high=2500, help="examples per step (at most the samples)",
                              cli="--batch-size", label="the batch size")
    steps: int = setting(250, low=1, high=100_000, help="training steps", cli="--steps")
    record_every: int = setting(50, low=1, high=100_000, help="steps between layer-input histograms")
    cost_every: int = setting(5, low=1, high=100_000, help="steps between whole-data costs")
    bins: int = setting(15, low=2, high=200, help="histogram bins")
    samples: int = setting(2500, low=2, high=1_000_000, help="points of y = x² − 5 + noise")
    x_range: tuple = (-7.0, 10.0)
    noise_std: float = 8.0
    bn_momentum: float = 0.5
    bn_epsilon: float = 0.001
    seed: int = setting(1, low=0, high=2**31 - 1, help="seed of the data and the initial weights", cli="--seed")

    def validate(self) -> BNSettings:
        check(self)
        if self.batch_size > self.samples:
            raise ConfigError(f"the batch size must be a whole number from 1 to {self.samples} (got "
                              f"{self.batch_size}): a batch holds at most all {self.samples} samples.")
        if not self.x_range[0] < self.x_range[1]:
            raise ConfigError("the x range must go from low to high.")
        return self

    def replace(self, **changes) -> BNSettings:
        return BNSettings(**{**asdict(self), **changes})


@dataclass(frozen=True)
class LayerStats:
    saturated: float    # fraction of values in the activation's flat tails (|a| > 0.95 for tanh)
    zero: float         # fraction exactly 0 (dead ReLU units)


@dataclass(frozen=True)
class LayersRecorded:
    """Histograms of every layer's input (input column first), both nets, on shared fixed edges."""

    step: int
    edges: tuple              # per column: (bins + 1,) float64
    counts: dict              # net → tuple per column of (bins,) int64; None for a diverged net
    stats: dict               # net → tuple of LayerStats, one per hidden layer; None for a diverged net


@dataclass(frozen=True)
class CostRecorded:
    """Whole-data cost of both nets after `step` steps, and their predictions at `x` (sorted)."""

    step: int
    costs: dict               # net → float, or None once the net has diverged
    x: np.ndarray             # (samples,) sorted
    predictions: dict         # net → (samples,) float32, or None once diverged


@dataclass(frozen=True)
class Stepped:
    """One training step done; the mini-batch loss of each net (None once diverged)."""

    step: int
    losses: dict


@dataclass(frozen=True)
class NetDiverged:
    net: str
    step: int
    reason: Reason

    @property
    def message(self) -> str:
        return self.reason.text()


def _forward_training(model, x):
    """Every layer's output with batch statistics (the seed's whole-data evaluation)."""
    return model(x, training=True)


def make_data(settings: BNSettings) -> tuple[np.ndarray, np.ndarray]:
    """x evenly spaced over the range and shuffled, y = x² − 5 + N(0, noise_std); both (samples, 1) float32."""
    rng = np.random.default_rng(settings.seed)
    x = np.linspace(settings.x_range[0], settings.x_range[1], settings.samples)[:, None]
    rng.shuffle(x)
    y = np.square(x) - 5 + rng.normal(0, settings.noise_std, x.shape)
    return x.astype(np.float32), y.astype(np.float32)


def layer_stats(values: np.ndarray, activation: str) -> LayerStats:
    v = np.asarray(values)
    if activation == "tanh":
        saturated = np.abs(v) > SATURATION
    elif activation == "sigmoid":
        saturated = (v > SATURATION) | (v < 1 - SATURATION)
    else:   # ReLU saturates only on the zero side
        saturated = v == 0
    return LayerStats(float(np.mean(saturated)), float(np.mean(v == 0)))


def _diverge_reason(net: str, step: int, activation: str) -> Reason:
    name = Reason("bn-without" if net == "without_bn" else "bn-with")
    why = Reason("bn-relu-explodes" if activation == "relu" else "bn-unbounded")
    return Reason("bn-diverged", (name, str(step), why))


class BatchNormLab:
    """The stepper. `begin()` records the start; each `advance()` trains both nets on one mini-batch."""

    def __init__(self, settings: BNSettings = BNSettings()):
        import keras
        import tensorflow as tf

        self.settings = s = settings.validate()
        self.x, self.y = make_data(s)
        order = np.argsort(self.x[:, 0])
        self.x_sorted = self.x[order, 0]
        self._order = order
        self.step = 0
        self.diverged_at: dict[str, int | None] = {n: None for n in NETS}
        self.costs: dict[str, list] = {n: [] for n in NETS}
        self.last_stats: dict[str, tuple | None] = {n: None for n in NETS}
        self._x_all = tf.constant(self.x)
        self._y_all = tf.constant(self.y)
        self.models = {n: self._build(keras, n == "with_bn") for n in NETS}
        self.optimizers = {n: keras.optimizers.SGD(s.learning_rate) for n in NETS}
        lo, hi = HIDDEN_RANGE[s.activation]
        self.edges = (np.linspace(s.x_range[0], s.x_range[1], s.bins + 1),) + tuple(
            np.linspace(lo, hi, s.bins + 1) for _ in range(s.layers))
        self._steps = {n: self._make_step(tf, n) for n in NETS}
        self._forward = {n: tf.function(functools.partial(_forward_training, self.models[n])) for n in NETS}

    def _build(self, keras, bn: bool):
        s = self.settings
        layers = keras.layers

        def dense(units, name, i):
            return layers.Dense(units, name=name,
                                kernel_initializer=keras.initializers.RandomNormal(0.0, s.weight_std, seed=s.seed + i),
                                bias_initializer=keras.initializers.Constant(s.bias_init))

        inputs = keras.Input((1,), name="x")
        x = inputs
        if bn:
            x = layers.BatchNormalization(momentum=s.bn_momentum, epsilon=s.bn_epsilon, name="input_bn")(x)
        recorded = [x]
        for i in range(s.layers):
            z = dense(s.units, f"hidden{i + 1}", i)(x)
            if bn:
                z = layers.BatchNormalization(momentum=s.bn_momentum, epsilon=s.bn_epsilon, name=f"hidden{i + 1}_bn")(z)
            x = layers.Activation(s.activation, name=f"hidden{i + 1}_act")(z)
            recorded.append(x)
        out = dense(1, "output", s.layers)(x)
        return keras.Model(inputs, [out] + recorded, name="with_bn" if bn else "without_bn")

    def _make_step(self, tf, net: str):
        model, opt = self.models[net], self.optimizers[net]

        @tf.function
        def step(xb, yb):
            with tf.GradientTape() as tape:
                pred = model(xb, training=True)[0]
                loss = tf.reduce_mean(tf.reduce_sum(tf.square(yb - pred), axis=1))
            grads = tape.gradient(loss, model.trainable_variables)
            opt.apply_gradients(zip(grads, model.trainable_variables))
            return loss
        return step

    # ---------------------------------------------------------------- observation
    def _whole_data(self, net: str):
        """(cost, prediction, layer inputs) over the whole data set, moving averages left untouched."""
        model = self.models[net]
        saved = [v.numpy() for v in model.non_trainable_variables]
        outputs = [o.numpy() for o in self._forward[net](self._x_all)]
        for v, value in zip(model.non_trainable_variables, saved):
            v.assign(value)
        pred, inputs = outputs[0], outputs[1:]
        with np.errstate(over="ignore", invalid="ignore"):
            cost = float(np.mean(np.sum(np.square(self.y.astype(np.float64) - pred), axis=1)))
        return cost, pred[:, 0], inputs

    def _cost_event(self, cache) -> CostRecorded:
        costs: dict = {}
        preds: dict = {}
        for net in NETS:
            if self.diverged_at[net] is not None:
                costs[net] = preds[net] = None
                continue
            cost, pred, _ = cache[net]
            costs[net] = cost
            preds[net] = pred[self._order].astype(np.float32)
            self.costs[net].append((self.step, cost))
        return CostRecorded(self.step, costs, self.x_sorted, preds)

    def _layers_event(self, cache) -> LayersRecorded:
        counts: dict = {}
        stats: dict = {}
        for net in NETS:
            if self.diverged_at[net] is not None:
                counts[net] = stats[net] = None
                continue
            inputs = cache[net][2]
            counts[net] = tuple(np.histogram(np.clip(v, e[0], e[-1]), bins=e)[0]
                                for v, e in zip(inputs, self.edges))
            stats[net] = tuple(layer_stats(v, self.settings.activation) for v in inputs[1:])
            self.last_stats[net] = stats[net]
        return LayersRecorded(self.step, self.edges, counts, stats)

    def _observe(self, want_cost: bool, want_layers: bool) -> list:
        events: list = []
        cache = {}
        for net in NETS:
            if self.diverged_at[net] is None and (want_cost or want_layers):
                cache[net] = self._whole_data(net)
                cost = cache[net][0]
                if not math.isfinite(cost) or not all(np.isfinite(v).all() for v in cache[net][2]):
                    events.append(self._mark_diverged(net))
        if want_cost:
            events.append(self._cost_event(cache))
        if want_layers:
            events.append(self._layers_event(cache))
        return events

    def _mark_diverged(self, net: str) -> NetDiverged:
        self.diverged_at[net] = self.step
        self.costs[net].append((self.step, None))
        return NetDiverged(net, self.step, _diverge_reason(net, self.step, self.settings.activation))

    # ---------------------------------------------------------------- stepping
    @property
    def done(self) -> bool:
        return self.step >= self.settings.steps or all(v is not None for v in self.diverged_at.values())

    def begin(self) -> list:
        return self._observe(True, True)

    def advance(self) -> list:
        s = self.settings
        start = (self.step * s.batch_size) % s.samples
        idx = np.arange(start, start + s.batch_size) % s.samples
        xb, yb = self.x[idx], self.y[idx]
        events: list = []
        losses: dict[str, float | None] = {}
        self.step += 1
        for net in NETS:
            losses[net] = None
            if self.diverged_at[net] is None:
                loss = float(self._steps[net](xb, yb))
                if math.isfinite(loss):
                    losses[net] = loss
                else:
                    events.append(self._mark_diverged(net))
        events.insert(0, Stepped(self.step, losses))
        last = self.step >= s.steps
        events += self._observe(self.step % s.cost_every == 0 or last, self.step % s.record_every == 0 or last)
        return events

    def summary(self) -> dict:
        """The headless result: {net: {"costs", "diverged_at", "layers"}}."""
        out = {}
        for net in NETS:
            out[net] = {
                "costs": [[step, None if c is None or not math.isfinite(c) else round(c, 6)]
                          for step, c in self.costs[net]],
                "diverged_at": self.diverged_at[net],
                "layers": [asdict(st) for st in (self.last_stats[net] or ())],
            }
        return out


def run_headless(settings: BNSettings = BNSettings(), listener=None) -> dict:
    """Run the whole experiment on this thread; returns `summary()`."""
    from tensordesk.engine.labs.runner import LabRunner
    return LabRunner(BatchNormLab(settings), listener or (lambda event: None)).run()

"""The trainer: Keras `fit` on a tf.data pipeline, with a callback that reports events, pauses, stops,
changes the learning rate between batches and detects divergence.

`Trainer.run()` runs on the calling thread (the GUI calls it from a QThread); `pause()`, `resume()`,
`stop()` and `set_learning_rate()` are safe to call from any other thread and act within one batch.
"""
from __future__ import annotations

import dataclasses
import math
import threading
import time
from dataclasses import dataclass
from typing import Optional

import numpy as np
import keras
import tensorflow as tf

from engine import events as ev
from engine.datasets import Dataset
from engine.device import configure_devices
from engine.errors import ConfigError
from engine.models import ARCHITECTURES, ModelSpec, build_model

OPTIMIZERS = ("sgd", "momentum", "nesterov", "adam", "rmsprop", "adagrad")
SCHEDULES = ("constant", "exponential")


@dataclass(frozen=True)
class TrainConfig:
    """How to train. Learning-rate decay multiplies by `decay_rate` every `decay_epochs` epochs."""

    epochs: int = 5
    batch_size: int = 64
    optimizer: str = "adam"
    learning_rate: float = 1e-3
    momentum: float = 0.9
    lr_schedule: str = "constant"
    decay_rate: float = 0.96
    decay_epochs: float = 1.0
    staircase: bool = True
    ema: bool = False
    ema_momentum: float = 0.99
    seed: int = 0
    max_train_samples: Optional[int] = None   # train on the first N (tests, quick demos)
    report_every: int = 1                     # batches between BatchEnded events
    histogram_every: int = 0                  # batches between HistogramsReady events; 0 = none
    histogram_bins: int = 30
    probe_size: int = 256                     # validation images the activation histograms look at
    evaluate_test: bool = True

    def validate(self, train_size: Optional[int] = None) -> "TrainConfig":
        if not isinstance(self.epochs, int) or self.epochs < 1:
            raise ConfigError(f"epochs must be a whole number of at least 1 (got {self.epochs}).")
        if not isinstance(self.batch_size, int) or self.batch_size < 1:
            raise ConfigError(f"batch size must be a whole number of at least 1 (got {self.batch_size}).")
        if train_size is not None and self.batch_size > train_size:
            raise ConfigError(f"batch size {self.batch_size} is larger than the {train_size:,} training images.")
        if not (isinstance(self.learning_rate, (int, float)) and math.isfinite(self.learning_rate)
                and self.learning_rate > 0):
            raise ConfigError(f"the learning rate must be a positive number (got {self.learning_rate}).")
        if self.optimizer not in OPTIMIZERS:
            raise ConfigError(f"unknown optimizer '{self.optimizer}'; choose one of {', '.join(OPTIMIZERS)}.")
        if self.lr_schedule not in SCHEDULES:
            raise ConfigError(f"unknown schedule '{self.lr_schedule}'; choose one of {', '.join(SCHEDULES)}.")
        if not 0 < self.decay_rate <= 1 or self.decay_epochs <= 0:
            raise ConfigError("decay rate must be in (0, 1] and decay epochs positive.")
        if not 0 <= self.ema_momentum < 1:
            raise ConfigError("EMA momentum must be in [0, 1).")
        return self

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "TrainConfig":
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def default_config(arch: str, **overrides) -> TrainConfig:
    """Good teaching defaults for `arch`, then `overrides`."""
    return TrainConfig(**{**ARCHITECTURES[arch].train_defaults, **overrides})


def seed_settings(arch: str) -> tuple[dict, dict]:
    """The seed tutorial's own settings for `arch`, split into (ModelSpec fields, TrainConfig fields)."""
    spec_fields = {f.name for f in dataclasses.fields(ModelSpec)}
    settings = ARCHITECTURES[arch].seed_settings
    return ({k: v for k, v in settings.items() if k in spec_fields},
            {k: v for k, v in settings.items() if k not in spec_fields})


class AdjustableSchedule(keras.optimizers.schedules.LearningRateSchedule):
    """lr(step) = base · rate^(step / decay_steps) (floored when staircase); `base` can be changed mid-run."""

    def __init__(self, initial: float, decay_steps: float = 1.0, decay_rate: float = 1.0, staircase: bool = False):
        super().__init__()
        self.initial, self.decay_steps, self.decay_rate, self.staircase = initial, decay_steps, decay_rate, staircase
        self.base = tf.Variable(float(initial), dtype=tf.float32, trainable=False, name="lr_base")
        self._base = float(initial)  # Python copy, so the batch hook reads the rate without a TensorFlow op

    def _factor(self, step: float) -> float:
        p = step / self.decay_steps
        return self.decay_rate ** (math.floor(p) if self.staircase else p)

    def __call__(self, step):
        p = tf.cast(step, tf.float32) / self.decay_steps
        if self.staircase:
            p = tf.floor(p)
        return self.base * tf.pow(tf.constant(self.decay_rate, tf.float32), p)

    def value_at(self, step: int) -> float:
        """The rate at `step` (Python float, no TensorFlow op)."""
        return self._base * self._factor(step)

    def set_rate(self, lr: float, step: int) -> None:
        """Make the rate at `step` equal `lr`; decay continues from there."""
        self._base = lr / self._factor(step)
        self.base.assign(self._base)

    def get_config(self):
        return dict(initial=self.initial, decay_steps=self.decay_steps, decay_rate=self.decay_rate,
                    staircase=self.staircase)


class _TF1StyleEMA:
    """Mixin: the moving average warms up as TF1's ExponentialMovingAverage(decay, num_updates) did.

    decay = min(ema_momentum, (1 + n) / (10 + n)) at update n, so short runs are not dominated by the
    initial weights (Keras applies the full momentum from the second step on).
    """

    def _update_model_variables_moving_average(self, trainable_variables):
        if not self.use_ema:
            return
        n = tf.cast(self.iterations, tf.float32)
        momentum = tf.minimum(tf.constant(self.ema_momentum, tf.float32), (1.0 + n) / (10.0 + n))
        for var, average in zip(trainable_variables, self._model_variables_moving_average):
            if average is not None:
                m = tf.cast(momentum, var.dtype)
                average.assign(m * average + (1 - m) * var)


_OPTIMIZER_CLASSES = {
    name: type(f"{cls.__name__}", (_TF1StyleEMA, cls), {})
    for name, cls in (("sgd", keras.optimizers.SGD), ("adam", keras.optimizers.Adam),
                      ("rmsprop", keras.optimizers.RMSprop), ("adagrad", keras.optimizers.Adagrad))
}


def make_optimizer(config: TrainConfig, schedule) -> keras.optimizers.Optimizer:
    """A Keras optimizer by name: sgd, momentum, nesterov, adam, rmsprop, adagrad."""
    kw = dict(use_ema=config.ema, ema_momentum=config.ema_momentum)
    name = config.optimizer
    if name in ("momentum", "nesterov"):
        return _OPTIMIZER_CLASSES["sgd"](schedule, momentum=config.momentum, nesterov=name == "nesterov", **kw)
    if name not in _OPTIMIZER_CLASSES:
        raise ConfigError(f"unknown optimizer '{name}'.")
    return _OPTIMIZER_CLASSES[name](schedule, **kw)


def as_float_images(x: np.ndarray) -> np.ndarray:
    """uint8 (N, 28, 28) → float32 in [0, 1]."""
    return x.astype(np.float32) / np.float32(255.0)


def make_pipeline(x: np.ndarray, y: np.ndarray, batch_size: int, shuffle: bool, seed: int) -> tf.data.Dataset:
    """A tf.data pipeline over in-memory arrays.

    Autotune is off: with it on, destroying the iterator blocks until the autotune thread wakes (up to
    tens of seconds), which would make the end of every `fit` look like a hang.
    """
    ds = tf.data.Dataset.from_tensor_slices((x, y))
    if shuffle:
        ds = ds.shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
    ds = ds.batch(batch_size).prefetch(2)
    options = tf.data.Options()
    options.autotune.enabled = False
    options.deterministic = True
    return ds.with_options(options)


def fixed_edges(values: np.ndarray, kind: str, activation: str | None, bins: int) -> np.ndarray:
    """Bin edges chosen once per layer: bounded activations use their range, others the first values' span."""
    if kind == "activations" and activation in ("tanh",):
        lo, hi = -1.0, 1.0
    elif kind == "activations" and activation in ("sigmoid", "softmax"):
        lo, hi = 0.0, 1.0
    elif kind == "activations" and activation == "relu":
        lo, hi = 0.0, max(float(np.max(values)) * 2.0, 1e-3)
    else:
        span = max(float(np.max(np.abs(values))) * 2.0, 1e-3)
        lo, hi = -span, span
    return np.linspace(lo, hi, bins + 1)


def histogram(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Counts over fixed `edges`; values outside fall into the end bins."""
    v = np.clip(np.asarray(values, dtype=np.float64).ravel(), edges[0], edges[-1])
    return np.histogram(v, bins=edges)[0]


class _Control:
    """Thread-safe requests from the GUI thread to the training thread."""

    def __init__(self):
        self.stop = threading.Event()
        self.run = threading.Event()
        self.run.set()
        self.lock = threading.Lock()
        self.pending_lr: Optional[float] = None


class _Bridge(keras.callbacks.Callback):
    """The seam between Keras `fit` and a listener: batch hook kept to a few microseconds."""

    def __init__(self, trainer: "Trainer"):
        super().__init__()
        self.t = trainer

    def on_train_batch_begin(self, batch, logs=None):
        t = self.t
        if t._control.pending_lr is not None:
            with t._control.lock:
                lr, t._control.pending_lr = t._control.pending_lr, None
            t.schedule.set_rate(lr, t.step)

    def on_epoch_begin(self, epoch, logs=None):
        self.t.epoch = epoch + 1
        self.t._epoch_seen = 0
        self.t._prev_loss_total = 0.0
        self.t._prev_acc_total = 0.0
        self.t._last_batch_time = None

    def on_train_batch_end(self, batch, logs=None):
        t = self.t
        now = time.perf_counter()
        t.step += 1
        n = min(t.config.batch_size, t.train_size - t._epoch_seen)
        seen = t._epoch_seen + n
        # Keras reports running means over the epoch (weighted by batch size): recover this batch's values.
        loss_total = float(logs["loss"]) * seen
        batch_loss = (loss_total - t._prev_loss_total) / n
        t._prev_loss_total, t._epoch_seen = loss_total, seen
        batch_acc = None
        if "accuracy" in logs:
            acc_total = float(logs["accuracy"]) * seen
            batch_acc = min(max((acc_total - t._prev_acc_total) / n, 0.0), 1.0)
            t._prev_acc_total = acc_total
        if t._last_batch_time is not None:
            dt = now - t._last_batch_time
            t._train_time += dt
            t._timed_samples += n
            rate = n / dt if dt > 0 else 0.0
            t._rate = rate if t._rate == 0 else 0.9 * t._rate + 0.1 * rate
        t._last_batch_time = now
        lr = t.schedule.value_at(t.step - 1)
        t.step_losses.append(batch_loss)
        if not math.isfinite(batch_loss):
            t._diverged(batch_loss, lr)
            self.model.stop_training = True
            return
        if t.step % t.config.report_every == 0 or t.step == t.total_steps:
            t._emit(ev.BatchEnded(t.step, t.epoch, batch_loss, batch_acc, lr, t._rate, now - t._t0))
        if t.config.histogram_every and t.step % t.config.histogram_every == 0:
            t.emit_histograms()
        if not t._control.run.is_set() and not t._control.stop.is_set():
            t._emit(ev.PauseChanged(True, t.step))
            while not t._control.run.wait(0.05):
                if t._control.stop.is_set():
                    break
            t._emit(ev.PauseChanged(False, t.step))
            t._last_batch_time = time.perf_counter()  # a pause is not training time
        if t._control.stop.is_set():
            self.model.stop_training = True

    def on_epoch_end(self, epoch, logs=None):
        t = self.t
        logs = logs or {}
        entry = {"epoch": epoch + 1, "step": t.step, "learning_rate": t.schedule.value_at(max(t.step - 1, 0))}
        for key in ("loss", "accuracy", "val_loss", "val_accuracy"):
            value = logs.get(key)
            entry[key] = None if value is None else float(value)
        t.history.append(entry)
        t._emit(ev.EpochEnded(epoch + 1, t.step, entry["loss"], entry["accuracy"], entry["val_loss"],
                              entry["val_accuracy"], entry["learning_rate"]))


class Trainer:
    """Builds (or takes) a model and trains it on a data set, reporting events to `listener`."""

    def __init__(self, spec: ModelSpec, config: TrainConfig, dataset: Dataset, listener: ev.Listener | None = None,
                 model=None):
        self.spec = spec.validate()
        self.dataset = dataset
        x_train, y_train = dataset.x_train, dataset.y_train
        if config.max_train_samples:
            x_train, y_train = x_train[: config.max_train_samples], y_train[: config.max_train_samples]
        self.train_size = len(x_train)
        self.config = config.validate(self.train_size)
        self.listener = listener
        self.device = configure_devices()
        self._x_train, self._y_train = x_train, y_train
        self.steps_per_epoch = math.ceil(self.train_size / config.batch_size)
        self.total_steps = self.steps_per_epoch * config.epochs
        self.model = model if model is not None else build_model(spec, seed=config.seed)
        decay_steps = max(config.decay_epochs * self.steps_per_epoch, 1.0)
        self.schedule = AdjustableSchedule(config.learning_rate, decay_steps,
                                           config.decay_rate if config.lr_schedule == "exponential" else 1.0,
                                           config.staircase)
        self._control = _Control()
        self.step = 0
        self.epoch = 0
        self.history: list[dict] = []
        self.step_losses: list[float] = []
        self.state: Optional[str] = None
        self.message = ""
        self._edges: dict[tuple[str, str], np.ndarray] = {}
        self._probe_model = None
        self._rate = 0.0
        self._train_time = 0.0
        self._timed_samples = 0
        self._t0 = time.perf_counter()
        self._compile()

    # ------------------------------------------------------------------ control (any thread)
    def pause(self) -> None:
        self._control.run.clear()

    def resume(self) -> None:
        self._control.run.set()

    def stop(self) -> None:
        self._control.stop.set()
        self._control.run.set()

    def set_learning_rate(self, lr: float) -> None:
        """Takes effect from the next batch."""
        if not (math.isfinite(lr) and lr > 0):
            raise ConfigError(f"the learning rate must be a positive number (got {lr}).")
        with self._control.lock:
            self._control.pending_lr = float(lr)

    @property
    def paused(self) -> bool:
        return not self._control.run.is_set()

    # ------------------------------------------------------------------ internals
    def _compile(self) -> None:
        classifier = self.spec.is_classifier
        self.model.compile(optimizer=make_optimizer(self.config, self.schedule),
                           loss="sparse_categorical_crossentropy" if classifier else "mse",
                           metrics=["accuracy"] if classifier else [])
        # Create the optimizer's slots now, eagerly. Created lazily inside the first traced step, each slot's
        # zero initial value is baked into a `cond` function that TensorFlow's eager context keeps for the
        # life of the process: about 2 × the model's size leaked per run (seen as +9 MB per MLP run).
        self.model.optimizer.build(self.model.trainable_variables)

    def _emit(self, event) -> None:
        if self.listener is not None:
            self.listener(event)

    def _targets(self, x: np.ndarray, y: np.ndarray):
        return (x, y.astype(np.int32)) if self.spec.is_classifier else (x, x)

    def _diverged(self, loss: float, lr: float) -> None:
        what = "NaN" if math.isnan(loss) else "infinite"
        self.state = ev.DIVERGED
        self.message = (f"loss became {what} at step {self.step} — the learning rate {lr:g} is too high for this "
                        f"model; try {lr / 10:g} or lower.")

    def _activation_of(self, layer_name: str) -> str | None:
        layer = self.model.get_layer(layer_name)
        act = getattr(layer, "activation", None)
        return getattr(act, "__name__", None)

    def emit_histograms(self) -> ev.HistogramsReady:
        """Per-layer weight and activation histograms on fixed edges; also returned."""
        bins = self.config.histogram_bins
        layers = []
        weighted = [layer for layer in self.model.layers if getattr(layer, "kernel", None) is not None
                    or layer.name == "lstm"]
        for layer in weighted:
            w = layer.get_weights()[0]
            layers.append(self._hist(layer.name, "weights", w, None, bins))
        if self._probe_model is None:
            names = [layer.name for layer in self.model.layers if layer.name.endswith("_act") or layer.name == "code"]
            self._probe_names = names
            self._probe_model = keras.Model(self.model.input, [self.model.get_layer(n).output for n in names])
            src = self.dataset.x_val if len(self.dataset.x_val) else self._x_train
            self._probe_x = as_float_images(src[: self.config.probe_size])
        outputs = self._probe_model(self._probe_x, training=False)
        if not isinstance(outputs, (list, tuple)):
            outputs = [outputs]
        for name, out in zip(self._probe_names, outputs):
            layers.append(self._hist(name, "activations", np.asarray(out), self._activation_of(name), bins))
        event = ev.HistogramsReady(self.step, tuple(layers))
        self._emit(event)
        return event

    def _hist(self, name, kind, values, activation, bins) -> ev.LayerHistogram:
        key = (name, kind)
        if key not in self._edges:
            self._edges[key] = fixed_edges(values, kind, activation, bins)
        edges = self._edges[key]
        return ev.LayerHistogram(name, kind, edges, histogram(values, edges), float(np.mean(values)),
                                 float(np.std(values)))

    # ------------------------------------------------------------------ run
    def run(self) -> dict:
        """Train, evaluate on the test split, and return the summary dict (also in the TrainingEnded event)."""
        cfg = self.config
        self._t0 = time.perf_counter()
        try:
            self._emit(ev.TrainingStarted(cfg.epochs, self.steps_per_epoch, self.total_steps, cfg.batch_size,
                                          self.train_size, self.device.describe(), int(self.model.count_params())))
            x_train = as_float_images(self._x_train)
            train_ds = make_pipeline(*self._targets(x_train, self._y_train), cfg.batch_size, True, cfg.seed)
            val_ds = None
            if len(self.dataset.x_val):
                val_ds = make_pipeline(*self._targets(as_float_images(self.dataset.x_val), self.dataset.y_val),
                                       512, False, cfg.seed)
            callbacks = [_Bridge(self)]
            if cfg.ema:
                callbacks.append(keras.callbacks.SwapEMAWeights())
            if not self._control.stop.is_set():
                self.model.fit(train_ds, epochs=cfg.epochs, validation_data=val_ds, callbacks=callbacks,
                               shuffle=False, verbose=0)  # the pipeline shuffles
            test_loss = test_acc = None
            if (self.state != ev.DIVERGED and not self._control.stop.is_set() and cfg.evaluate_test
                    and len(self.dataset.x_test)):
                test_loss, test_acc = self.evaluate(self.dataset.x_test, self.dataset.y_test)
                self._emit(ev.Evaluated(test_loss, test_acc, len(self.dataset.x_test)))
            if self.state is None:
                if self._control.stop.is_set():
                    self.state, self.message = ev.STOPPED, f"stopped by the user at step {self.step}."
                else:
                    self.state, self.message = ev.FINISHED, f"finished {self.epoch} epochs ({self.step} steps)."
            if test_acc is not None:
                self.message += f" Test accuracy {test_acc:.2%}."
            elif test_loss is not None:
                self.message += f" Test reconstruction error {test_loss:.4f}."
        except Exception as exc:  # reported to the user as a state, never a traceback in the window
            self.state, self.message = ev.ERRORED, f"training failed: {type(exc).__name__}: {exc}"
            test_loss = test_acc = None
        wall = time.perf_counter() - self._t0
        result = {
            "state": self.state, "message": self.message,
            "test_accuracy": test_acc, "test_loss": test_loss,
            "epochs": len(self.history), "steps": self.step, "wall_s": round(wall, 3),
            "train_samples_per_s": round(self._timed_samples / self._train_time, 1) if self._train_time else None,
            "device": self.device.describe(), "arch": self.spec.arch, "dataset": self.dataset.name,
            "history": self.history,
        }
        self._emit(ev.TrainingEnded(self.state, self.message, self.step, self.epoch, wall, result))
        return result

    def evaluate(self, x: np.ndarray, y: np.ndarray) -> tuple[float, Optional[float]]:
        """(loss, accuracy) on uint8 images; accuracy is None for the autoencoder."""
        ds = make_pipeline(*self._targets(as_float_images(x), y), 512, False, 0)
        logs = self.model.evaluate(ds, verbose=0, return_dict=True)
        return float(logs["loss"]), (float(logs["accuracy"]) if "accuracy" in logs else None)

"""The trainer: a Keras model trained by a compiled loop that runs several steps per call over the data set held
as tensors (`StepLoop`, engine/training/steps.py), reporting each chunk's steps as one event, pausing, stopping, changing the
learning rate and detecting divergence between calls.

Each call is sized to take about `CHUNK_SECONDS`, so the curves update at least 10 times a second and pause or
stop act within that time (or one step, when a single step is slower). Adam and SGD apply TensorFlow's fused
update kernels. On these small models this is 2–3× `keras.Model.fit` and at least the seeds' TF1 Session loop
(`bench/engine_speed.py`, docs/PERFORMANCE.md).

`Trainer.run()` runs on the calling thread (the GUI calls it from a QThread); `pause()`, `resume()`,
`stop()` and `set_learning_rate()` are safe to call from any other thread.
"""
from __future__ import annotations

import math
import threading
import time
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from tensordesk.engine.core import events as ev
from tensordesk.engine.core.device import configure_devices
from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.core.reasons import Reason
from tensordesk.engine.core.settings import check_learning_rate
from tensordesk.engine.data.datasets import Dataset, is_handwritten
from tensordesk.engine.models.architectures import ModelSpec, build_model
from tensordesk.engine.training.config import TrainConfig
from tensordesk.engine.training.steps import (
    CHUNK_SECONDS,
    MAX_CHUNK,
    AdjustableSchedule,
    StepLoop,
    as_float_images,
    fixed_edges,
    histogram,
    make_optimizer,
)

DIVERGENCE_FACTOR = 10.0   # a step's loss this many times the first step's loss ends the run as diverged


class _Control:
    """Thread-safe requests from the GUI thread to the training thread."""

    def __init__(self):
        self.stop = threading.Event()
        self.run = threading.Event()
        self.run.set()
        self.lock = threading.Lock()
        self.pending_lr: float | None = None


class Trainer:
    """Builds (or takes) a model and trains it on a data set, reporting events to `listener`."""

    def __init__(self, spec: ModelSpec, config: TrainConfig, dataset: Dataset, listener: ev.Listener | None = None,
                 model=None, writer_styles: bool | None = None):
        """`writer_styles`: write some training 1s and 7s the continental way (engine/data/writer_styles.py);
        by default when augmenting a classifier of MNIST's digits."""
        self.spec = spec.validate()
        self.dataset = dataset
        x_train, y_train = dataset.x_train, dataset.y_train
        if config.max_train_samples:
            x_train, y_train = x_train[: config.max_train_samples], y_train[: config.max_train_samples]
        if writer_styles is None:
            writer_styles = config.augment and spec.is_classifier and is_handwritten(dataset)
        if writer_styles:
            from tensordesk.engine.data.writer_styles import restyle
            x_train = restyle(x_train, y_train, seed=config.seed)
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
        self.state: str | None = None
        self.message = ""
        self.reason = None
        self._edges: dict[tuple[str, str], np.ndarray] = {}
        self._hist_fn = None
        self._rate = 0.0
        self._train_time = 0.0
        self._timed_samples = 0
        self._t0 = time.perf_counter()
        self._loop: StepLoop | None = None
        self._chunk_len = 1
        self._chunks_run = 0
        self._epoch_loss = self._epoch_acc = 0.0
        self.trajectory: list[np.ndarray] = []   # flattened trainable weights: at the start, then along training
        # positions in each epoch (steps done) after which the weights are kept: the ends of equal parts
        n = min(config.trajectory_per_epoch, self.steps_per_epoch)
        self.log_dir: str | None = None
        self._writer: Any = None   # tf.summary writer while a run logs to TensorBoard
        self._trajectory_marks = sorted({round(self.steps_per_epoch * j / n) for j in range(1, n + 1)}) if n > 0 else []
        self._keep_at: list[int] = []    # global steps whose weights are reported (WeightsKept), ascending
        self._compile()

    def keep_weights_at(self, steps) -> None:
        """Report the weights (a WeightsKept event) after each of these global steps; 0 is before the first.
        Chunks of steps end there, so the weights are exactly those of that step. Call before `run`."""
        self._keep_at = sorted({int(s) for s in steps if 0 <= int(s) <= self.total_steps})

    def _keep_weights(self) -> None:
        if self._keep_at and self._keep_at[0] == self.step:
            self._keep_at.pop(0)
            epoch = 0 if self.step == 0 else (self.step - 1) // self.steps_per_epoch + 1
            self._emit(ev.WeightsKept(self.step, epoch, [np.array(w) for w in self.model.get_weights()]))

    # ------------------------------------------------------------------ control (any thread)
    def pause(self) -> None:
        self._control.run.clear()

    def resume(self) -> None:
        self._control.run.set()

    def stop(self) -> None:
        self._control.stop.set()
        self._control.run.set()

    def set_learning_rate(self, lr: float) -> None:
        """Takes effect from the next compiled call (within `CHUNK_SECONDS`)."""
        lr = check_learning_rate(lr)
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

    def _diverged(self, loss: float, lr: float) -> None:
        self.state = ev.RunState.DIVERGED
        self.reason = Reason("run-diverged", (f"{self.step:,}", f"{lr:g}", f"{lr / 10:g}"))

    def _activation_of(self, layer_name: str) -> str | None:
        layer = self.model.get_layer(layer_name)
        act = getattr(layer, "activation", None)
        return getattr(act, "__name__", None)

    def emit_histograms(self) -> ev.HistogramsReady:
        """Per-layer weight and activation histograms on fixed edges; also returned.

        The first call looks at the values in numpy to choose each layer's edges; later calls count, average
        and spread in one compiled call (`tf.histogram_fixed_width`), so a histogram event costs about one
        forward pass of the probe images.
        """
        if self._hist_fn is None:
            layers = self._first_histograms()
        else:
            counts, means, stds = self._hist_fn(self._probe_x, self._hist_ranges)
            layers = [ev.LayerHistogram(name, kind, edges, c.astype(np.int64), float(m), float(sd))
                      for (name, kind, edges), c, m, sd in zip(self._hist_items, counts.numpy(), means.numpy(),
                                                              stds.numpy())]
        if self._writer is not None:
            self._log_histograms()
        event = ev.HistogramsReady(self.step, tuple(layers))
        self._emit(event)
        return event

    def _open_log(self, folder: str) -> None:
        """A TensorBoard writer in a new sub-folder of `folder` named by time and architecture."""
        from pathlib import Path
        name = time.strftime("%Y%m%d-%H%M%S") + f"-{self.spec.arch}" + ("-bn" if self.spec.batch_norm else "")
        path = Path(folder).expanduser() / name
        n = 1
        while path.exists():
            n += 1
            path = path.with_name(f"{name}-{n}")
        try:
            path.mkdir(parents=True)
        except OSError as exc:
            raise ConfigError(f"cannot create the TensorBoard folder {path} ({exc.strerror or exc}).") from exc
        self.log_dir = str(path)
        self._writer = tf.summary.create_file_writer(self.log_dir)

    def _log_histograms(self) -> None:
        """Weights and activations as TensorBoard histograms (raw values, so TensorBoard bins them itself)."""
        with self._writer.as_default(step=self.step):
            for layer in self._weighted:
                tf.summary.histogram(f"{layer.name}/weights", layer.weights[0])
            if self._probe is not None:
                outputs = self._probe(self._probe_x, training=False)
                outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
                for name, out in zip(self._probe_names, outputs):
                    tf.summary.histogram(f"{name}/activations", out)

    def _histogram_sources(self):
        """(weighted layers, probe activation names, probe model or None)."""
        weighted = [layer for layer in self.model.layers if getattr(layer, "kernel", None) is not None
                    or layer.name == "lstm"]
        names = [layer.name for layer in self.model.layers if layer.name.endswith("_act") or layer.name == "code"]
        probe = keras.Model(self.model.input, [self.model.get_layer(n).output for n in names]) if names else None
        return weighted, names, probe  # softmax regression has no hidden layer to look into

    def _first_histograms(self) -> list:
        bins = self.config.histogram_bins
        weighted, names, probe = self._histogram_sources()
        self._weighted, self._probe_names, self._probe = weighted, names, probe
        src = self.dataset.x_val if len(self.dataset.x_val) else self._x_train
        self._probe_x = tf.convert_to_tensor(as_float_images(src[: self.config.probe_size]))
        outputs = probe(self._probe_x, training=False) if probe is not None else []
        if not isinstance(outputs, (list, tuple)):
            outputs = [outputs]
        layers = [self._hist(layer.name, "weights", layer.get_weights()[0], None, bins) for layer in weighted]
        layers += [self._hist(name, "activations", np.asarray(out), self._activation_of(name), bins)
                   for name, out in zip(names, outputs)]
        self._hist_items = [(h.layer, h.kind, h.edges) for h in layers]
        self._hist_ranges = tf.constant([[h.edges[0], h.edges[-1]] for h in layers], tf.float32)

        def compiled(probe_x, ranges):
            values = [layer.weights[0] for layer in weighted]
            if probe is not None:
                out = probe(probe_x, training=False)
                values += list(out) if isinstance(out, (list, tuple)) else [out]
            counts, means, stds = [], [], []
            for i, v in enumerate(values):
                v = tf.reshape(tf.cast(v, tf.float32), [-1])  # values outside the range count in the end bins
                counts.append(tf.histogram_fixed_width(v, ranges[i], nbins=bins))
                mean, variance = tf.nn.moments(v, axes=[0])
                means.append(mean)
                stds.append(tf.sqrt(variance))
            return tf.stack(counts), tf.stack(means), tf.stack(stds)

        self._hist_fn = tf.function(compiled)
        return layers

    def _hist(self, name, kind, values, activation, bins) -> ev.LayerHistogram:
        key = (name, kind)
        if key not in self._edges:
            self._edges[key] = fixed_edges(values, kind, activation, bins)
        edges = self._edges[key]
        return ev.LayerHistogram(name, kind, edges, histogram(values, edges), float(np.mean(values)),
                                 float(np.std(values)))

    @property
    def training_images(self) -> np.ndarray:
        """The training images as the steps read them: restyled where writer styles apply, before each batch's
        augmentation."""
        return self._x_train

    # ------------------------------------------------------------------ run
    def run(self) -> ev.RunResult:
        """Train, evaluate on the test split, and return what the run gave (also in the TrainingEnded event)."""
        cfg = self.config
        self._t0 = time.perf_counter()
        test_loss = test_acc = None
        try:
            self._emit(ev.TrainingStarted(cfg.epochs, self.steps_per_epoch, self.total_steps, cfg.batch_size,
                                          self.train_size, self.device.describe(), int(self.model.count_params())))
            classifier = self.spec.is_classifier
            augmenter = None
            if cfg.augment:
                from tensordesk.engine.data.augment import make_augmenter
                augmenter = make_augmenter(cfg.seed)
            self._loop = StepLoop(self.model, classifier, self._x_train,
                                  self._y_train.astype(np.int32) if classifier else None, augmenter)
            if cfg.log_dir:
                self._open_log(cfg.log_dir)
            ema_swap = None
            if cfg.ema:
                ema_swap = keras.callbacks.SwapEMAWeights()
                ema_swap.set_model(self.model)
            rng = np.random.default_rng(cfg.seed)
            if self._trajectory_marks:
                self._snapshot()
            self._keep_weights()
            for epoch in range(1, cfg.epochs + 1):
                if self._control.stop.is_set() or self.state == ev.RunState.DIVERGED:
                    break
                self.epoch = epoch
                if self._train_epoch(rng.permutation(self.train_size).astype(np.int32)):
                    self._end_epoch(ema_swap)
            if cfg.ema and self.step:
                self.model.optimizer.finalize_variable_values(self.model.trainable_variables)
            if (self.state != ev.RunState.DIVERGED and not self._control.stop.is_set() and cfg.evaluate_test
                    and len(self.dataset.x_test)):
                test_loss, test_acc = self.evaluate(self.dataset.x_test, self.dataset.y_test)
                self._emit(ev.Evaluated(test_loss, test_acc, len(self.dataset.x_test)))
            if self.state is None:
                if self._control.stop.is_set():
                    self.state, self.reason = ev.RunState.STOPPED, Reason("run-stopped", (f"{self.step:,}",))
                else:
                    self.state = ev.RunState.FINISHED
                    self.reason = (Reason("run-finished-one", (f"{self.step:,}",)) if self.epoch == 1 else
                                   Reason("run-finished", (str(self.epoch), f"{self.step:,}")))
            if test_acc is not None:
                self.reason += Reason("test-accuracy", (f"{test_acc:.2%}",))
            elif test_loss is not None:
                self.reason += Reason("test-error", (f"{test_loss:.4f}",))
        except Exception as exc:  # reported to the user as a state, never a traceback in the window
            self.state, self.reason = ev.RunState.ERRORED, Reason("run-failed", (f"{type(exc).__name__}: {exc}",))
            test_loss = test_acc = None
        self.message = self.reason.text() if self.reason is not None else ""
        if self._writer is not None:
            self._writer.close()
        wall = time.perf_counter() - self._t0
        result = ev.RunResult(
            state=self.state, message=self.message, test_accuracy=test_acc, test_loss=test_loss,
            epochs=len(self.history), steps=self.step, wall_s=round(wall, 3),
            train_samples_per_s=round(self._timed_samples / self._train_time, 1) if self._train_time else None,
            device=self.device.describe(), arch=self.spec.arch, dataset=self.dataset.name, history=self.history,
            trajectory=np.stack(self.trajectory) if self.trajectory else None,   # not JSON: writers leave it out
            log_dir=self.log_dir or None)
        self._emit(ev.TrainingEnded(self.state, self.message, self.step, self.epoch, wall, result, self.reason))
        return result

    def _train_epoch(self, order: np.ndarray) -> bool:
        """One epoch in chunks of steps; True when it ran to its end (not stopped, not diverged)."""
        cfg, batch = self.config, self.config.batch_size
        full = self.train_size // batch
        pos = 0
        self._epoch_loss = self._epoch_acc = 0.0
        while pos < self.steps_per_epoch:
            if self._control.pending_lr is not None:
                with self._control.lock:
                    lr, self._control.pending_lr = self._control.pending_lr, None
                self.schedule.set_rate(lr, self.step)
            if pos < full:
                k = min(self._chunk_len, full - pos)
                if cfg.histogram_every:  # chunks end where a histogram or a weight snapshot is due
                    k = min(k, cfg.histogram_every - self.step % cfg.histogram_every)
                k = min([k] + [mark - pos for mark in self._trajectory_marks if mark > pos]
                        + [mark - self.step for mark in self._keep_at[:1] if mark > self.step])
                idx = order[pos * batch:(pos + k) * batch].reshape(k, batch)
            else:  # the last, partial batch
                k, idx = 1, order[pos * batch:][None, :]
            began = time.perf_counter()
            assert self._loop is not None   # built above, before the first chunk
            losses, accuracies = self._loop.run_chunk(idx)
            now = time.perf_counter()
            self._timed_chunk(k, idx.size, now - began)
            pos += k
            if not self._record(losses, accuracies, idx.shape[1], now):
                return False
            if pos in self._trajectory_marks:
                self._snapshot()
            self._keep_weights()
            self._wait_while_paused()
            if self._control.stop.is_set():
                return False
        return True

    def _snapshot(self) -> None:
        """Keep the trainable weights, flattened, for the loss landscape's trajectory."""
        flat = np.concatenate([np.asarray(v).ravel() for v in self.model.trainable_variables]).astype(np.float32)
        if not self.trajectory or not np.array_equal(flat, self.trajectory[-1]):
            self.trajectory.append(flat)

    def _timed_chunk(self, k: int, samples: int, dt: float) -> None:
        """Throughput bookkeeping and the next chunk's length (the first chunk, which traces, is not timed)."""
        if self._chunks_run:
            self._train_time += dt
            self._timed_samples += samples
            rate = samples / dt if dt > 0 else 0.0
            self._rate = rate if self._rate == 0 else 0.8 * self._rate + 0.2 * rate
            self._chunk_len = max(1, min(MAX_CHUNK, int(CHUNK_SECONDS * k / max(dt, 1e-6))))
        self._chunks_run += 1

    def _loss_floor(self) -> float:
        """What a blow-up is measured against: the first step's loss, but never below a guess's loss (ln of the
        classes). A trained model fine-tuned starts near 0.02, and a batch at 0.3 is no divergence."""
        floor = math.log(self.spec.num_classes) if self.spec.is_classifier else 0.0
        return max(self.step_losses[0], floor)

    def _record(self, losses: np.ndarray, accuracies: np.ndarray, batch: int, now: float) -> bool:
        """One BatchesEnded event for a finished chunk (up to a diverged step); False when the loss diverged."""
        cfg = self.config
        first, rates, ok = self.step + 1, [], True
        for loss, acc in zip(losses.tolist(), accuracies.tolist()):
            lr = self.schedule.value_at(self.step)
            # diverged: not a number any more, or blown up far above where it started (a rate too high sends
            # the loss from 2.3 to thousands in a few steps; after that the network may sit dead at chance)
            if not math.isfinite(loss) or (self.step_losses and loss > DIVERGENCE_FACTOR * self._loss_floor()):
                self.step += 1
                self.step_losses.append(loss)
                ok = False
                break
            self.step += 1
            rates.append(lr)
            self.step_losses.append(loss)
            self._epoch_loss += loss * batch
            self._epoch_acc += acc * batch
            if self._writer is not None:
                with self._writer.as_default(step=self.step):
                    tf.summary.scalar("loss", loss)
                    tf.summary.scalar("learning_rate", lr)
                    if self.spec.is_classifier:
                        tf.summary.scalar("accuracy", acc)
        k = len(rates)
        if k:
            self._emit(ev.BatchesEnded(first, self.epoch, np.asarray(losses[:k], np.float64),
                                       np.asarray(accuracies[:k], np.float64) if self.spec.is_classifier else None,
                                       np.asarray(rates, np.float64), self._rate, now - self._t0))
        if not ok:
            self._diverged(float(losses[k]), self.schedule.value_at(self.step - 1))
            return False
        if cfg.histogram_every and self.step % cfg.histogram_every == 0:   # chunks end where one is due
            self.emit_histograms()
        return True

    def _wait_while_paused(self) -> None:
        control = self._control
        if control.run.is_set() or control.stop.is_set():
            return
        self._emit(ev.PauseChanged(True, self.step))
        while not control.run.wait(0.05):
            if control.stop.is_set():
                break
        self._emit(ev.PauseChanged(False, self.step))

    def _end_epoch(self, ema_swap) -> None:
        """Epoch means, validation (on the averaged weights when EMA is on) and the EpochEnded event."""
        loss = self._epoch_loss / self.train_size
        acc = self._epoch_acc / self.train_size if self.spec.is_classifier else None
        val_loss = val_acc = None
        if len(self.dataset.x_val):
            if ema_swap is not None:
                ema_swap.on_test_begin()
            val_loss, val_acc = self.evaluate(self.dataset.x_val, self.dataset.y_val)
            if ema_swap is not None:
                ema_swap.on_test_end()
        entry = {"epoch": self.epoch, "step": self.step, "learning_rate": self.schedule.value_at(max(self.step - 1, 0)),
                 "loss": loss, "accuracy": acc, "val_loss": val_loss, "val_accuracy": val_acc}
        self.history.append(entry)
        if self._writer is not None:
            with self._writer.as_default(step=self.step):
                for key in ("val_loss", "val_accuracy"):
                    if entry[key] is not None:
                        tf.summary.scalar(f"epoch/{key}", entry[key])
                tf.summary.scalar("epoch/loss", loss)
        self._emit(ev.EpochEnded(self.epoch, self.step, loss, acc, val_loss, val_acc, entry["learning_rate"]))

    def evaluate(self, x: np.ndarray, y: np.ndarray) -> tuple[float, float | None]:
        """(loss, accuracy) on uint8 images; accuracy is None for the autoencoder."""
        classifier = self.spec.is_classifier
        if self._loop is None:
            self._loop = StepLoop(self.model, classifier, np.zeros((0, 28, 28), np.uint8),
                                  np.zeros((0,), np.int32) if classifier else None)
        loss, acc = self._loop.evaluate(x, y.astype(np.int32) if classifier else None)
        return loss, (acc if classifier else None)

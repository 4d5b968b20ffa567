"""The 2-D playground (after TensorFlow Playground): a small dense network learns 2-D points, and every neuron's
output over the plane is computed in one compiled call for each frame.

One `advance()` is a chunk of at most `CHUNK` training steps (never across an epoch's end), all in one compiled
loop; then the train and test losses, the confusion matrix and every neuron's grid are computed. The chunks are
the same whatever the frame rate, so the same experiment gives the same curves, bit for bit. Weights can be set
by hand between chunks (`set_weight`, `set_bias`, thread-safe), and the initial weights come from the seed alone
(Rewind starts from them again)."""
from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

import numpy as np

from tensordesk.engine.labs.playground_data import features, grid_points
from tensordesk.engine.labs.playground_experiment import (  # noqa: F401  (the playground's names, here too)
    ACTIVATIONS,
    Experiment,
    PlaygroundData,
    PlaygroundSettings,
    make_data,
)

CHUNK = 10                  # training steps between two frames
THUMB = 25                  # a neuron's thumbnail: the grid sampled on THUMB × THUMB points


@dataclass(frozen=True)
class PlaygroundBegan:
    """The points, the inputs' pictures over the plane and the network's shape, once at the start."""

    data: PlaygroundData
    feature_keys: tuple
    inputs: np.ndarray        # (features, THUMB, THUMB) each input feature over the plane
    sizes: tuple              # neurons per layer: hidden layers then the output
    activations: tuple        # per hidden layer
    editor: object = None     # the lab itself: its thread-safe set_weight, set_bias, frame and save_keras


@dataclass(frozen=True)
class PlaygroundScores:
    """A chunk's scores between two frames (the curves get every chunk's)."""

    step: int
    epoch: float
    train_loss: float
    test_loss: float
    train_accuracy: float | None
    test_accuracy: float | None


@dataclass(frozen=True)
class PlaygroundFrame:
    """The network after `step` training steps: losses, accuracies, its outputs over the plane and its weights."""

    step: int
    epoch: float                   # steps / steps per epoch
    train_loss: float
    test_loss: float
    train_accuracy: float | None   # classification only
    test_accuracy: float | None
    confusion: np.ndarray | None   # (classes, classes) test points: rows true, columns predicted
    output: np.ndarray             # (grid, grid): P(class 1), the predicted class (more than two) or the value
    confidence: np.ndarray | None  # (grid, grid): the top probability (more than two classes)
    neurons: tuple                 # per layer (hidden…, output): (units, THUMB, THUMB) outputs over the plane
    weights: tuple                 # per layer: (inputs, units) kernel
    biases: tuple                  # per layer: (units,)


def _activation(name: str):
    return None if name == "linear" else name


class PlaygroundLab:
    """`frame_every_s`: at most one frame (the pictures over the plane) this often; 0: every chunk."""

    def __init__(self, experiment: Experiment, frame_every_s: float = 0.0):
        from tensordesk.engine.core.device import KERAS_GRAPH
        with KERAS_GRAPH:   # built and traced while no other thread builds or traces a model
            self._build(experiment, frame_every_s)

    def _build(self, experiment: Experiment, frame_every_s: float) -> None:
        import keras
        import tensorflow as tf

        self.experiment = experiment.validate()
        s = self.settings = experiment.settings
        self.data = d = make_data(experiment)
        self.keys = s.feature_keys
        self.sizes = s.hidden_sizes
        self.acts = s.activations
        self.classes = d.classes
        out_units = 1 if d.task == "regress" or d.classes == 2 else d.classes
        out_act = "linear" if d.task == "regress" else "sigmoid" if out_units == 1 else "softmax"
        reg = None
        if s.regularization != "none" and s.reg_rate > 0:
            reg = (keras.regularizers.L1 if s.regularization == "l1" else keras.regularizers.L2)(s.reg_rate)
        inputs = keras.Input((len(self.keys),))
        x, outs, dense = inputs, [], []
        for i, (units, act) in enumerate(zip(self.sizes, self.acts)):
            layer = keras.layers.Dense(units, activation=_activation(act), kernel_regularizer=reg, name=f"hidden{i + 1}",
                                       kernel_initializer=keras.initializers.GlorotUniform(seed=s.seed + i))
            x = layer(x)
            dense.append(layer)
            outs.append(x)
            if s.dropout > 0:
                x = keras.layers.Dropout(s.dropout, seed=s.seed + 100 + i, name=f"dropout{i + 1}")(x)
        out_layer = keras.layers.Dense(out_units, activation=_activation(out_act), name="output",
                                       kernel_initializer=keras.initializers.GlorotUniform(seed=s.seed + 99))
        y = out_layer(x)
        dense.append(out_layer)
        outs.append(y)
        self.model = keras.Model(inputs, y, name="playground")
        self.dense = dense
        self.out_units, self.out_act = out_units, out_act
        probe = keras.Model(inputs, outs)
        from tensordesk.engine.models.optimizers import get_optimizer
        opt_entry = get_optimizer(s.optimizer)
        opt = getattr(keras.optimizers, opt_entry.keras_class)(s.learning_rate, **opt_entry.keras_kwargs(0.9))
        self.optimizer = opt

        self.x_train = tf.constant(features(d.train_xy, self.keys))
        self.x_test = tf.constant(features(d.test_xy, self.keys))
        self.y_train = tf.constant(self._targets(d.train_y))
        self.y_test = tf.constant(self._targets(d.test_y))
        self.grid_x = tf.constant(features(grid_points(s.grid), self.keys))
        model, y_train, x_train = self.model, self.y_train, self.x_train
        self._perm = tf.Variable(tf.zeros([len(d.train_xy)], tf.int32), trainable=False)
        perm = self._perm
        loss_of = self._loss_fn()

        @tf.function(input_signature=[tf.TensorSpec([None], tf.int32)] * 2)
        def train(starts, ends):
            for i in tf.range(tf.size(starts)):
                idx = perm[starts[i]:ends[i]]
                xb, yb = tf.gather(x_train, idx), tf.gather(y_train, idx)
                with tf.GradientTape() as tape:
                    loss = loss_of(yb, model(xb, training=True))
                    if model.losses:
                        loss += tf.add_n(model.losses)
                grads = tape.gradient(loss, model.trainable_variables)
                opt.apply_gradients(zip(grads, model.trainable_variables))
            return tf.constant(0)

        @tf.function(input_signature=[tf.TensorSpec([None, len(self.keys)], tf.float32),
                                      tf.TensorSpec([None] + list(self.y_train.shape[1:]), self.y_train.dtype)])
        def evaluate(x, y):
            pred = model(x, training=False)
            return loss_of(y, pred), pred

        @tf.function
        def grids():
            return probe(self.grid_x, training=False)
        self._train, self._evaluate, self._grids = train, evaluate, grids
        self.steps_per_epoch = math.ceil(len(d.train_xy) / s.batch_size)
        self._rng = np.random.default_rng(s.seed)
        self.step = 0
        self.history: list[dict] = []       # one entry per finished epoch
        self.stopped_early = False
        self.frame_every_s = frame_every_s
        self._framed_at = 0.0
        self._lock = threading.Lock()
        self._new_epoch()
        self.initial_weights = [w.copy() for w in self.model.get_weights()]
        none = np.zeros(0, np.int32)      # traced now (no step taken), not in the first chunk
        train(none, none)
        evaluate(self.x_test, self.y_test)
        grids()

    # ---------------------------------------------------------------- pieces
    def _targets(self, labels: np.ndarray) -> np.ndarray:
        if self.data.task == "regress":
            return labels.astype(np.float32)[:, None]
        if self.out_units == 1:
            return labels.astype(np.float32)[:, None]
        return labels.astype(np.int32)

    def _loss_fn(self):
        import keras
        if self.data.task == "regress":
            return keras.losses.MeanSquaredError()
        if self.out_units == 1:
            return keras.losses.BinaryCrossentropy()
        return keras.losses.SparseCategoricalCrossentropy()

    def _new_epoch(self) -> None:
        self._perm.assign(self._rng.permutation(len(self.data.train_xy)).astype(np.int32))

    def _classes_of(self, pred: np.ndarray) -> np.ndarray:
        return (pred[:, 0] >= 0.5).astype(np.int64) if self.out_units == 1 else pred.argmax(1)

    # ---------------------------------------------------------------- the lab's protocol
    @property
    def done(self) -> bool:
        return self.stopped_early or self.step >= self.settings.epochs * self.steps_per_epoch

    def begin(self) -> list:
        g = self.settings.grid
        inputs = np.asarray(self.grid_x).T.reshape(len(self.keys), g, g)
        return [PlaygroundBegan(self.data, self.keys, self._thumbs(inputs), self.sizes + (self.out_units,),
                                self.acts, self), self.frame()]

    def advance(self) -> list:
        """One chunk of training; its scores always (the curves and the stop rule read them every chunk, so they do
        not depend on the frame rate), the pictures when a frame is due (`frame_every_s`)."""
        with self._lock:
            in_epoch = self.step % self.steps_per_epoch
            n = min(CHUNK, self.steps_per_epoch - in_epoch)
            bs, n_train = self.settings.batch_size, len(self.data.train_xy)
            starts = np.arange(in_epoch, in_epoch + n, dtype=np.int32) * bs
            ends = np.minimum(starts + bs, n_train).astype(np.int32)
            self._train(starts, ends)
            self.step += n
            scores = self._scores()
            if self.step % self.steps_per_epoch == 0:
                self.history.append({"epoch": self.step // self.steps_per_epoch, "train_loss": scores[0],
                                     "test_loss": scores[1], "train_accuracy": scores[2],
                                     "test_accuracy": scores[3]})
                self._new_epoch()
            if self.settings.stop_loss > 0 and scores[1] < self.settings.stop_loss:
                self.stopped_early = True
            now = time.perf_counter()
            if now - self._framed_at < self.frame_every_s and not self.done:
                return [PlaygroundScores(self.step, self.step / self.steps_per_epoch, *scores[:4])]
            self._framed_at = now
            return [self._frame(scores)]

    def frame(self) -> PlaygroundFrame:
        """The network now (any thread: waits for a chunk in progress)."""
        with self._lock:
            return self._frame()

    def _scores(self) -> tuple:
        """(train loss, test loss, train accuracy, test accuracy, confusion) now; accuracies None for regression."""
        train_loss, train_pred = (np.asarray(v) for v in self._evaluate(self.x_train, self.y_train))
        test_loss, test_pred = (np.asarray(v) for v in self._evaluate(self.x_test, self.y_test))
        if self.data.task == "regress":
            return float(train_loss), float(test_loss), None, None, None
        tr_cls, te_cls = self._classes_of(train_pred), self._classes_of(test_pred)
        confusion = np.zeros((self.classes, self.classes), np.int64)
        np.add.at(confusion, (self.data.test_y, te_cls), 1)
        return (float(train_loss), float(test_loss), float(np.mean(tr_cls == self.data.train_y)),
                float(np.mean(te_cls == self.data.test_y)) if len(te_cls) else None, confusion)

    def _frame(self, scores: tuple | None = None) -> PlaygroundFrame:
        train_loss, test_loss, train_acc, test_acc, confusion = scores or self._scores()
        g = self.settings.grid
        outs = self._grids()
        layers = [np.asarray(v) for v in (outs if isinstance(outs, (list, tuple)) else [outs])]
        out = layers[-1]
        confidence = None
        if self.data.task == "regress" or self.out_units == 1:
            output = out[:, 0].reshape(g, g)
        else:
            output = out.argmax(1).reshape(g, g).astype(np.float32)
            confidence = out.max(1).reshape(g, g)
        neurons = tuple(self._thumbs(v.T.reshape(v.shape[1], g, g)) for v in layers)
        weights = tuple(layer.kernel.numpy().copy() for layer in self.dense)
        biases = tuple(layer.bias.numpy().copy() for layer in self.dense)
        return PlaygroundFrame(self.step, self.step / self.steps_per_epoch, train_loss, test_loss,
                               train_acc, test_acc, confusion, output, confidence, neurons, weights, biases)

    def _thumbs(self, maps: np.ndarray) -> np.ndarray:
        """(k, grid, grid) → (k, THUMB, THUMB), sampled evenly."""
        g = maps.shape[-1]
        pick = np.linspace(0, g - 1, THUMB).round().astype(int)
        return maps[:, pick][:, :, pick].astype(np.float32)

    # ---------------------------------------------------------------- editing
    def set_weight(self, layer: int, source: int, unit: int, value: float) -> None:
        """Layer `layer`'s weight from input `source` to its unit `unit` (layers count hidden then output)."""
        with self._lock:
            kernel = self.dense[layer].kernel
            k = kernel.numpy()
            k[source, unit] = float(value)
            kernel.assign(k)

    def set_bias(self, layer: int, unit: int, value: float) -> None:
        with self._lock:
            bias = self.dense[layer].bias
            b = bias.numpy()
            b[unit] = float(value)
            bias.assign(b)

    def save_keras(self, path):
        """The network as it is now, as a `.keras` file (written whole or not at all); the path written."""
        import os
        from pathlib import Path

        from tensordesk.engine.core.errors import ConfigError
        path = Path(path)
        if path.suffix.lower() != ".keras":
            raise ConfigError(f"a Keras model's file name ends in .keras (got {path.name}).")
        partial = path.with_name(f".{path.stem}.partial.keras")
        with self._lock:
            self.model.save(partial)
        os.replace(partial, path)
        return path

    def summary(self) -> dict:
        last = self.frame()
        return {"code": self.experiment.code(), "epochs": self.step / self.steps_per_epoch, "steps": self.step,
                "stopped_early": self.stopped_early, "history": self.history,
                "train_loss": last.train_loss, "test_loss": last.test_loss,
                "train_accuracy": last.train_accuracy, "test_accuracy": last.test_accuracy,
                "confusion": None if last.confusion is None else last.confusion.tolist()}


def run_headless(settings: PlaygroundSettings = PlaygroundSettings(), listener=None,
                 experiment: Experiment | None = None) -> dict:
    from tensordesk.engine.core.errors import TensorDeskError
    from tensordesk.engine.core.events import RunState
    from tensordesk.engine.labs.runner import LabEnded, LabRunner
    lab = PlaygroundLab(experiment or Experiment(settings), frame_every_s=0.0 if listener else 3600.0)
    ended = []

    def listen(event):
        if isinstance(event, LabEnded):
            ended.append(event)
        if listener is not None:
            listener(event)
    summary = LabRunner(lab, listen).run()
    if ended and ended[0].state == RunState.ERRORED:
        raise TensorDeskError(ended[0].message)
    return summary

"""What the trainer runs: a compiled loop of several steps per call over the data held as tensors
(`StepLoop`), the learning-rate schedule that can change mid-run, the optimizers with TensorFlow's fused update
kernels and TF1-style weight averaging (`make_optimizer`, from the registry in engine/models/optimizers.py), the
tf.data pipeline the benchmarks feed `fit` with, and the fixed-edge histograms of weights and activations.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import keras
import numpy as np
import tensorflow as tf

from tensordesk.engine.models.optimizers import get_optimizer

if TYPE_CHECKING:
    from tensordesk.engine.training.config import TrainConfig

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

    # provided by the Keras optimizer this is mixed into
    use_ema: bool
    iterations: Any
    ema_momentum: float
    _model_variables_moving_average: list

    def _update_model_variables_moving_average(self, trainable_variables):
        if not self.use_ema:
            return
        n = tf.cast(self.iterations, tf.float32)
        momentum = tf.minimum(tf.constant(self.ema_momentum, tf.float32), (1.0 + n) / (10.0 + n))
        for var, average in zip(trainable_variables, self._model_variables_moving_average):
            if average is not None:
                m = tf.cast(momentum, var.dtype)
                average.assign(m * average + (1 - m) * var)


class _FusedUpdates:
    """Mixin: Adam and SGD (plain, momentum, Nesterov) update each variable with TensorFlow's fused kernel.

    One op per variable instead of Keras's five to eight elementwise ops: the same maths (Keras's Adam is
    the ε-hat form `ResourceApplyAdam` computes, and its momentum is `ResourceApplyKerasMomentum`), but one
    pass over memory, which is what the TF1 optimizers the seeds used did.
    """

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = tf.cast(learning_rate, dtype)
        grad = tf.cast(gradient, dtype)
        if isinstance(self, keras.optimizers.Adam) and not self.amsgrad:
            i = self._get_variable_index(variable)
            step = tf.cast(self.iterations + 1, dtype)
            beta_1, beta_2 = tf.cast(self.beta_1, dtype), tf.cast(self.beta_2, dtype)
            tf.raw_ops.ResourceApplyAdam(var=variable.handle, m=self._momentums[i].handle,
                                         v=self._velocities[i].handle, beta1_power=tf.pow(beta_1, step),
                                         beta2_power=tf.pow(beta_2, step), lr=lr, beta1=beta_1, beta2=beta_2,
                                         epsilon=tf.cast(self.epsilon, dtype), grad=grad)
        elif isinstance(self, keras.optimizers.SGD) and self.momentum:
            tf.raw_ops.ResourceApplyKerasMomentum(var=variable.handle,
                                                  accum=self.momentums[self._get_variable_index(variable)].handle,
                                                  lr=lr, grad=grad, momentum=tf.cast(self.momentum, dtype),
                                                  use_nesterov=self.nesterov)
        elif isinstance(self, keras.optimizers.SGD):
            tf.raw_ops.ResourceApplyGradientDescent(var=variable.handle, alpha=lr, delta=grad)
        else:
            super().update_step(gradient, variable, learning_rate)  # type: ignore[misc]  # the Keras optimizer's


_OPTIMIZER_CLASSES: dict[str, type] = {}   # keras.optimizers class name → it with TensorDesk's mixins


def make_optimizer(config: TrainConfig, schedule) -> keras.optimizers.Optimizer:
    """The Keras optimizer `config.optimizer` names in the registry (engine/models/optimizers.py)."""
    kind = get_optimizer(config.optimizer)
    cls = _OPTIMIZER_CLASSES.get(kind.keras_class)
    if cls is None:
        base = getattr(keras.optimizers, kind.keras_class)
        cls = _OPTIMIZER_CLASSES[kind.keras_class] = type(base.__name__, (_TF1StyleEMA, _FusedUpdates, base), {})
    return cls(schedule, use_ema=config.ema, ema_momentum=config.ema_momentum, **kind.keras_kwargs(config.momentum))


def as_float_images(x: np.ndarray) -> np.ndarray:
    """uint8 (N, 28, 28) → float32 in [0, 1]; images already in floats are taken to be in [0, 1]."""
    x = np.asarray(x)
    if x.dtype != np.uint8:
        return x.astype(np.float32)
    return x.astype(np.float32) / np.float32(255.0)


def make_pipeline(x: np.ndarray, y: np.ndarray, batch_size: int, shuffle: bool, seed: int) -> tf.data.Dataset:
    """A tf.data pipeline over in-memory arrays (what `keras.Model.fit` is fed in the benchmarks).

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


CHUNK_SECONDS = 0.1    # wall time aimed at per compiled call: bounds pause/stop latency, keeps curves at ≥ 10 Hz
MAX_CHUNK = 256        # most steps in one compiled call


class StepLoop:
    """Several training steps per compiled call, over a data set held as tensors on the device.

    The images stay uint8 (a quarter of the memory of floats); each batch is gathered and scaled to [0, 1]
    inside the compiled step, exactly as `as_float_images` does. `run_chunk(idx)` takes a (steps, batch)
    array of sample indices and returns that many per-step losses and accuracies. One `tf.function`
    (dynamic shapes, traced once) serves every chunk length and the last partial batch. The data are
    arguments, not captures, so no traced function keeps them alive.
    """

    def __init__(self, model, classifier: bool, images: np.ndarray, labels: np.ndarray | None,
                 augmenter=None):
        self.model = model
        self.classifier = classifier
        self.augmenter = augmenter   # applied to each training batch (not to evaluation), e.g. make_augmenter()
        images = np.asarray(images)
        # uint8 stays uint8 on the device (scaled in the step); float images are taken as already in [0, 1]
        self.x = tf.convert_to_tensor(images, tf.uint8 if images.dtype == np.uint8 else tf.float32)
        # the autoencoder's targets are its inputs; a placeholder keeps one signature for both kinds
        self.y = tf.convert_to_tensor(labels if classifier else np.zeros(len(images), np.int32), tf.int32)
        self.loss_fn = (keras.losses.SparseCategoricalCrossentropy() if classifier
                        else keras.losses.MeanSquaredError())
        spec = [tf.TensorSpec([None] + self.x.shape.as_list()[1:], self.x.dtype), tf.TensorSpec([None], tf.int32),
                tf.TensorSpec([None, None], tf.int32)]
        self._chunk = tf.function(self._chunk_fn, input_signature=spec)
        self._eval = tf.function(self._eval_fn, input_signature=spec[:2])

    @staticmethod
    def _floats(images):
        if images.dtype == tf.uint8:
            return tf.cast(images, tf.float32) / 255.0
        return images

    def _regularization(self):
        return tf.add_n(self.model.losses) if self.model.losses else 0.0

    def _loss_and_accuracy(self, x, y, pred):
        if not self.classifier:
            return self.loss_fn(x, pred), tf.constant(0.0)
        correct = tf.equal(tf.argmax(pred, -1, output_type=tf.int32), y)
        return self.loss_fn(y, pred), tf.reduce_mean(tf.cast(correct, tf.float32))

    def _chunk_fn(self, x, y, idx):
        model, variables = self.model, self.model.trainable_variables
        k = tf.shape(idx)[0]
        losses = tf.TensorArray(tf.float32, size=k)
        accuracies = tf.TensorArray(tf.float32, size=k)
        for i in tf.range(k):
            xb, yb = self._floats(tf.gather(x, idx[i])), tf.gather(y, idx[i])
            if self.augmenter is not None:
                xb = self.augmenter(xb, training=True)
            with tf.GradientTape() as tape:
                pred = model(xb, training=True)
                data_loss, accuracy = self._loss_and_accuracy(xb, yb, pred)
                loss = data_loss + self._regularization()
            model.optimizer.apply(tape.gradient(loss, variables), variables)
            losses = losses.write(i, tf.cast(loss, tf.float32))
            accuracies = accuracies.write(i, accuracy)
        return losses.stack(), accuracies.stack()

    def _eval_fn(self, x, y):
        xb = self._floats(x)
        loss, accuracy = self._loss_and_accuracy(xb, y, self.model(xb, training=False))
        n = tf.cast(tf.shape(x)[0], tf.float32)
        return loss * n, accuracy * n

    def run_chunk(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        losses, accuracies = self._chunk(self.x, self.y, tf.convert_to_tensor(idx, tf.int32))
        return losses.numpy(), accuracies.numpy()

    def evaluate(self, images: np.ndarray, labels: np.ndarray | None = None,
                 batch_size: int = 512) -> tuple[float, float]:
        """(mean loss including regularization, accuracy) over uint8 `images` and their `labels`."""
        images = np.asarray(images)
        if self.x.dtype == tf.uint8 and images.dtype != np.uint8:   # floats in [0, 1] into the loop's uint8
            images = np.clip(np.rint(images * 255.0), 0, 255).astype(np.uint8)
        elif self.x.dtype != tf.uint8:
            images = as_float_images(images)
        x = tf.convert_to_tensor(images, self.x.dtype)
        y = tf.convert_to_tensor(labels if self.classifier else np.zeros(len(images), np.int32), tf.int32)
        total_loss = total_acc = 0.0
        n = int(x.shape[0])
        for start in range(0, n, batch_size):
            loss, acc = self._eval(x[start:start + batch_size], y[start:start + batch_size])
            total_loss += float(loss)
            total_acc += float(acc)
        return total_loss / n + float(self._regularization()), total_acc / n

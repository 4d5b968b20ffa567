"""Training on several devices with tf.distribute (seed 000: data parallelism).

- `make_strategy(kind)`: "auto" mirrors over all local GPUs when there are two or more and uses one device
  otherwise; "one" is the default single-device strategy; "mirrored" is `MirroredStrategy` over the local GPUs
  (or over logical CPUs split off with `split_cpu`); "multi-worker" is `MultiWorkerMirroredStrategy`,
  configured by the `TF_CONFIG` environment variable (see the README for two workers on one machine).
- `SyncStep`: one synchronous data-parallel step written out as the seed describes it: every replica reads the
  same parameters, computes gradients on its own slice of the batch, the gradients are summed across replicas
  (all-reduce) and one update is applied everywhere. The Data-parallel lab and the tests use it.
- `fit_distributed`: train a model under a multi-device strategy with Keras's `fit` (which distributes the
  data and the steps itself), reporting the engine's usual events.
"""
from __future__ import annotations

import json
import os
import time

import numpy as np

from engine import events as ev
from engine.errors import ConfigError

STRATEGIES = ("auto", "one", "mirrored", "multi-worker")


def split_cpu(n: int) -> list[str]:
    """Split the CPU into `n` logical devices (before TensorFlow initialises) and return their names.
    Raises ConfigError if TensorFlow has already started with fewer."""
    import tensorflow as tf
    cpu = tf.config.list_physical_devices("CPU")[0]
    try:
        tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * n)
    except RuntimeError:
        pass  # already initialised: use what is there
    names = [d.name for d in tf.config.list_logical_devices("CPU")]
    if len(names) < n:
        raise ConfigError(f"{n} CPU replicas need the CPU split before TensorFlow starts; this process has "
                          f"{len(names)}.")
    return names[:n]


def make_strategy(kind: str = "auto"):
    """The tf.distribute strategy for `kind` (see the module's text)."""
    import tensorflow as tf
    if kind not in STRATEGIES:
        raise ConfigError(f"unknown strategy '{kind}'; choose one of {', '.join(STRATEGIES)}.")
    gpus = tf.config.list_logical_devices("GPU")
    if kind == "auto":
        kind = "mirrored" if len(gpus) >= 2 else "one"
    if kind == "one":
        return tf.distribute.get_strategy()
    if kind == "mirrored":
        if gpus:
            return tf.distribute.MirroredStrategy([d.name for d in gpus])
        return tf.distribute.MirroredStrategy([d.name for d in tf.config.list_logical_devices("CPU")])
    if not os.environ.get("TF_CONFIG"):
        raise ConfigError("multi-worker training needs TF_CONFIG: the cluster's workers and this one's index "
                          "(see the README).")
    try:
        json.loads(os.environ["TF_CONFIG"])
    except ValueError as exc:
        raise ConfigError(f"TF_CONFIG is not valid JSON ({exc}).") from exc
    return tf.distribute.MultiWorkerMirroredStrategy()


def is_multi_device(strategy) -> bool:
    return strategy.num_replicas_in_sync > 1 or type(strategy).__name__.startswith("MultiWorker")


class SyncStep:
    """One synchronous step of `model` under `strategy`: `step(x_parts, y_parts)` takes one (x, y) slice per
    replica (numpy), and returns the mean loss over the whole batch. `before_update(replica)` and
    `after_compute(replica)` are optional Python hooks (timestamps, an artificial delay) called inside the
    step around the gradient computation, so a slow replica really holds the all-reduce up."""

    def __init__(self, strategy, model, optimizer, after_compute=None, before_compute=None):
        import keras
        import tensorflow as tf
        self.strategy, self.model, self.optimizer = strategy, model, optimizer
        n = strategy.num_replicas_in_sync

        def hook(fn, replica, after):
            """Call fn(replica) in the graph once `after` (a tensor of this replica's) exists; returns 0.0.
            Not stateful, so tf.function does not chain the replicas' hooks one after another (they must run side
            by side); the callers add the result (× 0) into the data path, so Grappler cannot prune it."""
            if fn is None:
                return tf.constant(0.0, tf.float64)
            out = tf.numpy_function(lambda r, _: np.float64(fn(int(r)) or 0.0), [replica, after], tf.float64,
                                    stateful=False)
            out.set_shape(())
            return out

        def replica_fn(x, y, global_batch):
            replica = tf.distribute.get_replica_context().replica_id_in_sync_group
            started = hook(before_compute, replica, tf.reduce_sum(tf.cast(y, tf.float64)))
            x = tf.cast(x, tf.float32) / 255.0 + tf.cast(started, tf.float32) * 0.0
            with tf.GradientTape() as tape:
                probs = model(x, training=True)
                per_example = keras.losses.sparse_categorical_crossentropy(y, probs)
                loss = tf.nn.compute_average_loss(per_example, global_batch_size=global_batch)
            grads = tape.gradient(loss, model.trainable_variables)
            computed = hook(after_compute, replica,
                            tf.add_n([tf.reduce_sum(tf.cast(g, tf.float64)) for g in grads]))
            grads = [g + tf.cast(computed, g.dtype) * 0.0 for g in grads]
            optimizer.apply_gradients(zip(grads, model.trainable_variables))  # all-reduce, then one update
            return loss

        @tf.function
        def step(xs, ys, global_batch):
            per_replica = strategy.run(replica_fn, args=(xs, ys, global_batch))
            return strategy.reduce("SUM", per_replica, axis=None)

        self._step = step
        self.replicas = n

    def __call__(self, x_parts, y_parts) -> float:
        import tensorflow as tf
        s = self.strategy
        xs = s.experimental_distribute_values_from_function(
            lambda ctx: tf.constant(x_parts[ctx.replica_id_in_sync_group]))
        ys = s.experimental_distribute_values_from_function(
            lambda ctx: tf.constant(y_parts[ctx.replica_id_in_sync_group]))
        global_batch = sum(len(p) for p in y_parts)
        return float(self._step(xs, ys, tf.constant(global_batch, tf.int64)))


def fit_distributed(strategy, build, config, dataset, listener: ev.Listener, stop=None) -> dict:
    """Train the model `build()` makes (called in the strategy's scope) with Keras's `fit` under `strategy`,
    emitting TrainingStarted, BatchEnded, EpochEnded and TrainingEnded. `stop()` ends it after a batch."""
    import keras
    import tensorflow as tf
    from engine.training import as_float_images
    with strategy.scope():
        model = build()
        optimizer = keras.optimizers.get({"class_name": config.optimizer if config.optimizer != "momentum"
                                          else "sgd", "config": {"learning_rate": config.learning_rate}})
        if config.optimizer == "momentum":
            optimizer = keras.optimizers.SGD(config.learning_rate, momentum=config.momentum)
        model.compile(optimizer=optimizer, loss=keras.losses.SparseCategoricalCrossentropy(),
                      metrics=["accuracy"])
    n = len(dataset.x_train) if config.max_train_samples is None else min(config.max_train_samples,
                                                                         len(dataset.x_train))
    x, y = as_float_images(dataset.x_train[:n]), dataset.y_train[:n].astype(np.int32)
    options = tf.data.Options()
    options.autotune.enabled = False
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
    train = (tf.data.Dataset.from_tensor_slices((x, y)).shuffle(n, seed=config.seed)
             .batch(config.batch_size).prefetch(2).with_options(options))
    steps_per_epoch = -(-n // config.batch_size)
    t0 = time.perf_counter()
    state = {"step": 0, "epoch": 0}

    param_count = int(sum(np.prod(v.shape) for v in model.trainable_variables))
    device = f"{type(strategy).__name__} × {strategy.num_replicas_in_sync}"

    class Report(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            state["step"] += 1
            logs = logs or {}
            elapsed = time.perf_counter() - t0
            listener(ev.BatchEnded(state["step"], state["epoch"] + 1, float(logs.get("loss", np.nan)),
                                   float(logs.get("accuracy", np.nan)), float(config.learning_rate),
                                   state["step"] * config.batch_size / max(elapsed, 1e-9), elapsed))
            if stop is not None and stop():
                self.model.stop_training = True

        def on_epoch_end(self, epoch, logs=None):
            state["epoch"] = epoch + 1
            logs = logs or {}
            listener(ev.EpochEnded(epoch + 1, state["step"], float(logs.get("loss", np.nan)),
                                   float(logs.get("accuracy", np.nan)), logs.get("val_loss"),
                                   logs.get("val_accuracy"), float(config.learning_rate)))

    listener(ev.TrainingStarted(config.epochs, steps_per_epoch, steps_per_epoch * config.epochs, config.batch_size,
                                n, device, param_count))
    validation = (as_float_images(dataset.x_val), dataset.y_val.astype(np.int32)) if len(dataset.x_val) else None
    model.fit(train, epochs=config.epochs, validation_data=validation, verbose=0, callbacks=[Report()])
    test_loss, test_acc = model.evaluate(as_float_images(dataset.x_test), dataset.y_test.astype(np.int32),
                                         verbose=0, batch_size=512) if len(dataset.x_test) else (None, None)
    stopped = stop is not None and stop()
    wall = time.perf_counter() - t0
    state_word = ev.STOPPED if stopped else ev.FINISHED
    message = (f"{'stopped' if stopped else 'finished'} after {state['epoch']} epochs ({state['step']} steps) on "
               f"{strategy.num_replicas_in_sync} replica(s) ({type(strategy).__name__}).")
    if test_acc is not None:
        message += f" Test accuracy {test_acc:.2%}."
    result = {"state": state_word, "message": message, "test_accuracy": test_acc, "test_loss": test_loss,
              "epochs": state["epoch"], "steps": state["step"], "wall_s": round(wall, 3),
              "train_samples_per_s": round(state["step"] * config.batch_size / wall, 1),
              "strategy": type(strategy).__name__, "replicas": strategy.num_replicas_in_sync, "model": model}
    listener(ev.TrainingEnded(state_word, message, state["step"], state["epoch"], wall, result))
    return result

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

from tensordesk.engine.core import events as ev
from tensordesk.engine.core.errors import ConfigError

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
    if kind == "auto":   # physical devices: listing them does not start the runtime (multi-worker needs that)
        kind = "mirrored" if len(tf.config.list_physical_devices("GPU")) >= 2 else "one"
    if kind == "one":
        return tf.distribute.get_strategy()
    if kind == "mirrored":
        gpus = tf.config.list_logical_devices("GPU")
        if gpus:
            return tf.distribute.MirroredStrategy([d.name for d in gpus])
        return tf.distribute.MirroredStrategy([d.name for d in tf.config.list_logical_devices("CPU")])
    # multi-worker: created before anything starts TensorFlow's runtime (collective ops are set up at start)
    if not os.environ.get("TF_CONFIG"):
        raise ConfigError("multi-worker training needs TF_CONFIG: the cluster's workers and this one's index "
                          "(see the README).")
    try:
        json.loads(os.environ["TF_CONFIG"])
    except ValueError as exc:
        raise ConfigError(f"TF_CONFIG is not valid JSON ({exc}).") from exc
    return tf.distribute.MultiWorkerMirroredStrategy()


def is_multi_device(strategy) -> bool:
    return strategy.num_replicas_in_sync > 1 or type(strategy).__name__ in ("CollectiveAllReduceStrategy",
                                                                           "MultiWorkerMirroredStrategy")


class SyncStep:
    """One synchronous step of `model` under `strategy`: `step(x_parts, y_parts)` takes one (x, y) slice per
    replica (numpy), and returns the mean loss over the whole batch. `before_update(replica)` and
    `after_compute(replica)` are optional Python hooks (timestamps, an artificial delay) called inside the
    step around the gradient computation, so a slow replica really holds the all-reduce up."""

    def __init__(self, strategy, model, optimizer, after_compute=None, before_compute=None):
        import keras
        import tensorflow as tf
        self.strategy, self.model, self.optimizer = strategy, model, optimizer

        def after_hook(fn, replica, tensors):
            """`tensors`, made to wait for fn(replica), a Python call in the graph once they exist. The call is
            not stateful, so tf.function does not chain the replicas' hooks one after another (they must run side
            by side); its result (0.0) is added into the data path, so Grappler cannot prune it. No hook: as is."""
            if fn is None:
                return tensors
            ready = tf.add_n([tf.reduce_sum(tf.cast(t, tf.float64)) for t in tensors])   # all of them exist
            out = tf.numpy_function(lambda r, _: np.float64(fn(int(r)) or 0.0), [replica, ready], tf.float64,
                                    stateful=False)
            out.set_shape(())
            return [t + tf.cast(out, t.dtype) * 0 for t in tensors]

        def replica_fn(x, y, global_batch):
            replica = tf.distribute.get_replica_context().replica_id_in_sync_group
            x = after_hook(before_compute, replica, [tf.cast(x, tf.float32) / 255.0])[0]
            with tf.GradientTape() as tape:
                probs = model(x, training=True)
                per_example = keras.losses.sparse_categorical_crossentropy(y, probs)
                loss = tf.nn.compute_average_loss(per_example, global_batch_size=global_batch)
            grads = after_hook(after_compute, replica, tape.gradient(loss, model.trainable_variables))
            optimizer.apply_gradients(zip(grads, model.trainable_variables))  # all-reduce, then one update
            return loss

        @tf.function
        def step(xs, ys, global_batch):
            per_replica = strategy.run(replica_fn, args=(xs, ys, global_batch))
            return strategy.reduce("SUM", per_replica, axis=None)

        self._step = step

    def __call__(self, x_parts, y_parts) -> float:
        """x_parts[i], y_parts[i]: replica i's slice (numpy, equal sizes), indexed by the replica's id in the
        whole cluster (None for replicas of other workers)."""
        import tensorflow as tf
        s = self.strategy
        xs = s.experimental_distribute_values_from_function(
            lambda ctx: tf.constant(x_parts[ctx.replica_id_in_sync_group]))
        ys = s.experimental_distribute_values_from_function(
            lambda ctx: tf.constant(y_parts[ctx.replica_id_in_sync_group]))
        # every replica's slice has the same size; in a multi-worker cluster only the local ones are given here
        global_batch = len(next(p for p in y_parts if p is not None)) * s.num_replicas_in_sync
        return float(self._step(xs, ys, tf.constant(global_batch, tf.int64)))


def fit_distributed(strategy, build, config, dataset, listener: ev.Listener, stop=None) -> dict:
    """Train the classifier `build()` makes (in the strategy's scope) with `SyncStep` under `strategy`: each
    worker of a multi-worker cluster takes its own shard of the training images, each replica its own slice of
    every global batch of `config.batch_size`. Emits TrainingStarted, BatchesEnded (one a step), EpochEnded,
    TrainingEnded; `stop()` ends it after a step."""
    from tensordesk.engine.training.steps import make_optimizer
    with strategy.scope():
        model = build()
        optimizer = make_optimizer(config, config.learning_rate)
        optimizer.build(model.trainable_variables)
    step = SyncStep(strategy, model, optimizer)
    replicas = strategy.num_replicas_in_sync
    local = len(strategy.extended.worker_devices)
    workers = max(1, replicas // local)
    resolver = getattr(strategy, "cluster_resolver", None)
    worker_index = int(getattr(resolver, "task_id", 0) or 0) if workers > 1 else 0
    n = len(dataset.x_train) if config.max_train_samples is None else min(config.max_train_samples,
                                                                         len(dataset.x_train))
    per_replica = max(1, config.batch_size // replicas)
    shard = np.arange(n)[worker_index::workers]
    steps_per_epoch = max(1, (n // workers) // (per_replica * local))   # the same on every worker
    param_count = int(sum(np.prod(v.shape) for v in model.trainable_variables))
    listener(ev.TrainingStarted(config.epochs, steps_per_epoch, steps_per_epoch * config.epochs,
                                per_replica * replicas, n, f"{type(strategy).__name__} × {replicas}", param_count))
    rng = np.random.default_rng(config.seed + worker_index)
    t0, global_step, epoch, loss = time.perf_counter(), 0, 0, float("nan")
    stopped = False
    for epoch in range(1, config.epochs + 1):
        order = rng.permutation(shard)
        for k in range(steps_per_epoch):
            rows = order[k * per_replica * local:(k + 1) * per_replica * local].reshape(local, per_replica)
            parts_x = [None] * replicas
            parts_y = [None] * replicas
            for i, r in enumerate(rows):
                parts_x[worker_index * local + i] = dataset.x_train[r]
                parts_y[worker_index * local + i] = dataset.y_train[r].astype(np.int32)
            loss = step(parts_x, parts_y)
            global_step += 1
            elapsed = time.perf_counter() - t0
            listener(ev.BatchesEnded(global_step, epoch, np.array([loss]), None, np.array([config.learning_rate]),
                                     global_step * per_replica * replicas / max(elapsed, 1e-9), elapsed))
            if stop is not None and stop():
                stopped = True
                break
        listener(ev.EpochEnded(epoch, global_step, loss, None, None, None, float(config.learning_rate)))
        if stopped:
            break
    test_acc = None
    if len(dataset.x_test):
        probs = model.predict(dataset.x_test.astype(np.float32) / 255.0, batch_size=512, verbose=0)
        test_acc = float(np.mean(np.argmax(probs, axis=1) == dataset.y_test))
    wall = time.perf_counter() - t0
    state = ev.RunState.STOPPED if stopped else ev.RunState.FINISHED
    message = (f"{state} after {epoch} epochs ({global_step} steps) on {replicas} replica(s) "
               f"({type(strategy).__name__}, {workers} worker(s)).")
    if test_acc is not None:
        message += f" Test accuracy {test_acc:.2%}."
    result = {"state": state, "message": message, "test_accuracy": test_acc, "test_loss": None, "epochs": epoch,
              "steps": global_step, "wall_s": round(wall, 3),
              "train_samples_per_s": round(global_step * per_replica * replicas / wall, 1),
              "strategy": type(strategy).__name__, "replicas": replicas, "workers": workers,
              "worker_index": worker_index, "model": model}
    listener(ev.TrainingEnded(state, message, global_step, epoch, wall, result))
    return result

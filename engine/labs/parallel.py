"""The data-parallel lab (seed 000): N workers train one MNIST model on different mini-batches, either
synchronously or asynchronously, on TensorFlow's own distributed engine, with one worker optionally slowed.

- synchronous: `tf.distribute.MirroredStrategy` over N logical CPU devices (or GPUs). Every replica reads the
  same parameters, computes the gradient of its own batch, the gradients are all-reduced and one update is
  applied (`engine.distribute.SyncStep`). Each step waits for the slowest replica.
- asynchronous: `tf.distribute.experimental.ParameterServerStrategy` over an in-process cluster, as
  TensorFlow's parameter-server tutorial builds it: `tf.distribute.Server`s for one parameter server and the N
  workers on loopback ports, and a `ClusterCoordinator` that hands steps to whichever worker is free. Each
  worker reads the latest parameters and applies its own update; nobody waits.

The cluster runs in a child process: the CPU can only be split into logical devices before TensorFlow starts,
a process's eager context cannot leave a cluster once connected, and the servers' ports are released for sure
when that process ends. The child streams plain events through a queue; `ParallelLab` follows the lab protocol
of `engine.labs.runner` (begin / advance / done / summary, and close).
"""
from __future__ import annotations

import multiprocessing as mp
import queue as queue_mod
import socket
import threading
import time
import traceback
from dataclasses import dataclass
from typing import Any

import numpy as np

from tensordesk.engine.core.errors import ConfigError, TensorDeskError
from tensordesk.engine.core.settings import check, setting

MODES = ("sync", "async")
EMIT_EVERY_S = 0.05


@dataclass(frozen=True)
class ParallelSettings:
    # "sync": mirrored, all-reduce; "async": a parameter server
    mode: str = setting("sync", choices=MODES, help="sync (all-reduce) or async (parameter server)",
                        label="mode")
    workers: int = setting(2, low=2, high=4, help="workers, each its own share of the CPU", cli="--workers")
    slow_worker: int = setting(0, low=0, high=3, help="which worker is slowed", cli="--slow-worker",
                               label="the slow worker")
    # added to each of the slow worker's steps (after the gradient, before the update)
    delay_ms: float = setting(0.0, low=0.0, high=5000.0, help="ms added to every step of the slow worker",
                              cli="--delay-ms", label="the delay (ms)")
    batch_per_worker: int = setting(64, low=1, high=4096, help="examples per worker and step", cli="--batch-size",
                                    label="the batch per worker")
    learning_rate: float = setting(0.05, positive=True, help="SGD learning rate", cli="--lr",
                                   label="the learning rate")
    # sync: updates; async: worker steps in all (the same examples either way when multiplied by the batch:
    # sync counts N batches per update)
    steps: int = setting(300, low=1, high=1_000_000, help="sync: updates; async: worker steps", cli="--steps")
    train_images: int = 8000
    seed: int = 0

    def validate(self) -> ParallelSettings:
        if self.mode not in MODES:   # the sentence names both modes
            raise ConfigError(f"mode must be sync or async (got {self.mode}).")
        check(self)
        if not self.slow_worker < self.workers:
            raise ConfigError(f"the slow worker must be one of the {self.workers} workers (got {self.slow_worker}).")
        return self

    def examples_per_step(self) -> int:
        return self.batch_per_worker * (self.workers if self.mode == "sync" else 1)


# --------------------------------------------------------------------------- events (plain data)

@dataclass(frozen=True)
class ClusterReady:
    mode: str
    workers: int
    devices: tuple          # where each worker runs, e.g. "/job:worker/task:1" or ".../device:CPU:1"
    ports: tuple            # the servers' loopback ports (async mode), empty for sync


@dataclass(frozen=True)
class WorkerSpans:
    """Per worker step: (worker, its step count, start, gradient ready, update applied) in seconds since the
    start of training. In sync mode every worker's update ends when the all-reduce does; the time between
    `ready` and `end` is waiting (and communicating)."""
    spans: tuple


@dataclass(frozen=True)
class LossPoints:
    points: tuple           # (examples seen, seconds, loss of that step's batch)


@dataclass(frozen=True)
class ParallelFinished:
    mode: str
    workers: int
    steps: int
    examples: int
    seconds: float
    examples_per_s: float
    worker_steps: tuple     # steps each worker computed
    busy: tuple             # each worker's share of the time spent computing (rest: waiting / idle)
    final_loss: float
    test_accuracy: float
    ports: tuple


@dataclass(frozen=True)
class _Failed:
    message: str


# --------------------------------------------------------------------------- the child process

def free_ports(n: int) -> list[int]:
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("localhost", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


class _Recorder:
    """Collects timestamps from the training graph (py_function hooks run in TensorFlow's threads) and
    ships them to the parent in small batches. It records nothing until `begin()`: the steps that trace and
    warm the graph stay out of the figures."""

    def __init__(self, out, settings: ParallelSettings):
        self.out, self.s = out, settings
        self.lock = threading.Lock()
        self.begin()
        self.on = False

    def begin(self) -> None:
        self.on = True
        self.t0 = time.perf_counter()
        self.started: dict[int, float] = {}
        self.ready: dict[int, float] = {}
        self.spans: list = []
        self.losses: list = []
        self.worker_steps = [0] * self.s.workers
        self.busy = [0.0] * self.s.workers
        self.completed = 0
        self.examples = 0
        self.last_end = 0.0
        self.recent: list[float] = []   # the last losses, for the final figure
        self._last_emit = 0.0

    def now(self) -> float:
        return time.perf_counter() - self.t0

    def start(self, worker: int) -> None:
        if not self.on:
            return
        with self.lock:
            self.started[worker] = self.now()

    def computed(self, worker: int) -> None:
        if not self.on:
            return
        if worker == self.s.slow_worker and self.s.delay_ms > 0:
            time.sleep(self.s.delay_ms / 1000.0)   # the slow worker: a slower device, or a busy machine
        with self.lock:
            self.ready[worker] = self.now()

    def ended(self, worker: int, loss: float, end: float | None = None, record_loss: bool = True) -> None:
        if not self.on:
            return
        with self.lock:
            end = self.now() if end is None else end
            start, ready = self.started.get(worker, end), self.ready.get(worker, end)
            self.worker_steps[worker] += 1
            self.busy[worker] += ready - start
            self.spans.append((worker, self.worker_steps[worker], start, ready, end))
            self.examples += self.s.batch_per_worker
            self.last_end = max(self.last_end, end)
            if record_loss:
                self.completed += 1
                self.losses.append((self.examples, end, float(loss)))
                self.recent = (self.recent + [float(loss)])[-20:]

    def final_loss(self) -> float:
        return float(np.mean(self.recent)) if self.recent else float("nan")

    def emit(self, force: bool = False) -> None:
        now = self.now()
        if not force and now - self._last_emit < EMIT_EVERY_S:
            return
        with self.lock:
            spans, losses = tuple(self.spans), tuple(self.losses)
            self.spans, self.losses = [], []
        self._last_emit = now
        if spans:
            self.out.put(WorkerSpans(spans))
        if losses:
            self.out.put(LossPoints(losses))


def _data(settings: ParallelSettings):
    from tensordesk.engine.data.datasets import load_embedded
    ds = load_embedded()
    n = min(settings.train_images, len(ds.x_train))
    return ds.x_train[:n], ds.y_train[:n].astype(np.int32), ds.x_test, ds.y_test.astype(np.int32)


def _model_and_optimizer(strategy, s: ParallelSettings):
    """The MNIST MLP and plain SGD, their variables placed by `strategy` (mirrored, or on the parameter server)."""
    import keras

    from tensordesk.engine.models.architectures import build_model, default_spec
    with strategy.scope():
        model = build_model(default_spec("mlp"), seed=0)
        optimizer = keras.optimizers.SGD(s.learning_rate)
        optimizer.build(model.trainable_variables)
    return model, optimizer


def _test_accuracy(model, x_test, y_test) -> float:
    probs = model(x_test.astype(np.float32) / 255.0, training=False)
    return float(np.mean(np.argmax(np.asarray(probs), axis=1) == y_test))


def _run_sync(s: ParallelSettings, out, stop) -> dict:
    import tensorflow as tf

    from tensordesk.engine.training.distribute import SyncStep, split_cpu
    gpus = tf.config.list_physical_devices("GPU")
    devices = ([d.name for d in tf.config.list_logical_devices("GPU")][:s.workers] if len(gpus) >= s.workers
               else split_cpu(s.workers))
    strategy = tf.distribute.MirroredStrategy(devices)
    x, y, x_test, y_test = _data(s)
    model, optimizer = _model_and_optimizer(strategy, s)
    rec = _Recorder(out, s)
    step = SyncStep(strategy, model, optimizer, before_compute=rec.start, after_compute=rec.computed)
    rng = np.random.default_rng(s.seed)
    out.put(ClusterReady("sync", s.workers, tuple(devices), ()))
    # the first call traces the step: keep it out of the timed run
    warm = [rng.integers(0, len(x), s.batch_per_worker) for _ in range(s.workers)]
    step([x[i] for i in warm], [y[i] for i in warm])
    rec.begin()
    loss = float("nan")
    for _ in range(s.steps):
        if stop.is_set():
            break
        idx = [rng.integers(0, len(x), s.batch_per_worker) for _ in range(s.workers)]
        loss = step([x[i] for i in idx], [y[i] for i in idx])
        end = rec.now()
        for w in range(s.workers):   # one update for all: one loss point (the whole batch's), at the last
            rec.ended(w, loss, end, record_loss=w == s.workers - 1)
        rec.emit()
    rec.emit(force=True)
    return _finish(s, rec, _test_accuracy(model, x_test, y_test), ())


def _run_async(s: ParallelSettings, out, stop) -> dict:
    import keras
    import tensorflow as tf
    n = s.workers
    ports = free_ports(n + 1)
    cluster = tf.train.ClusterSpec({"worker": [f"localhost:{p}" for p in ports[:n]],
                                    "ps": [f"localhost:{ports[n]}"]})
    # fewer inter-op threads than workers + 1 deadlocks the in-process cluster (measured here)
    config = tf.compat.v1.ConfigProto(inter_op_parallelism_threads=n + 1)
    servers = [tf.distribute.Server(cluster, job_name="worker", task_index=i, protocol="grpc", config=config,
                                    start=True) for i in range(n)]
    servers.append(tf.distribute.Server(cluster, job_name="ps", task_index=0, protocol="grpc", config=config,
                                        start=True))
    resolver = tf.distribute.cluster_resolver.SimpleClusterResolver(cluster, rpc_layer="grpc")
    strategy = tf.distribute.experimental.ParameterServerStrategy(resolver)
    coordinator = tf.distribute.coordinator.ClusterCoordinator(strategy)
    x, y, x_test, y_test = _data(s)
    model, optimizer = _model_and_optimizer(strategy, s)
    rec = _Recorder(out, s)

    def hook_start(w):
        rec.start(int(w))
        return np.float64(0)

    def hook_computed(w):
        rec.computed(int(w))
        return np.float64(0)

    def hook_end(w, loss):
        rec.ended(int(w), float(loss))
        return np.float64(0)

    def dataset_fn():
        return (tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=s.seed).repeat()
                .batch(s.batch_per_worker))

    iterator = iter(coordinator.create_per_worker_dataset(dataset_fn))

    def replica_fn(xb, yb, worker):
        started = tf.py_function(hook_start, [worker], tf.float64)
        with tf.control_dependencies([started]):
            with tf.GradientTape() as tape:
                probs = model(tf.cast(xb, tf.float32) / 255.0, training=True)
                loss = tf.reduce_mean(keras.losses.sparse_categorical_crossentropy(yb, probs))
            grads = tape.gradient(loss, model.trainable_variables)
        with tf.control_dependencies(grads):
            computed = tf.py_function(hook_computed, [worker], tf.float64)
        with tf.control_dependencies([computed]):
            grads = [tf.identity(g) for g in grads]
        optimizer.apply_gradients(zip(grads, model.trainable_variables))   # straight onto the parameter server
        with tf.control_dependencies([v.value for v in model.trainable_variables]):
            ended = tf.py_function(hook_end, [worker, loss], tf.float64)
        with tf.control_dependencies([ended]):
            return tf.identity(loss)

    @tf.function
    def worker_step(it):
        worker = tf.distribute.coordinator.experimental_get_current_worker_index()
        xb, yb = next(it)
        return strategy.run(replica_fn, args=(xb, yb, worker))

    out.put(ClusterReady("async", n, tuple(f"/job:worker/task:{i}" for i in range(n)), tuple(ports)))
    for _ in range(n):   # trace and warm every worker, outside the timed run
        coordinator.schedule(worker_step, args=(iterator,))
    coordinator.join()
    rec.begin()
    scheduled, in_flight_max = 0, 2 * n
    while rec.completed < s.steps and not stop.is_set():
        if scheduled - rec.completed < in_flight_max and scheduled < s.steps:
            coordinator.schedule(worker_step, args=(iterator,))
            scheduled += 1
        else:
            time.sleep(0.001)
        rec.emit()
    coordinator.join()
    rec.on = False
    rec.emit(force=True)
    accuracy = _test_accuracy(model, x_test, y_test)
    # `servers` stay referenced to here; gRPC servers cannot be stopped in TF 2, so they end with this process
    return _finish(s, rec, accuracy, tuple(ports))


def _finish(s: ParallelSettings, rec: _Recorder, accuracy: float, ports: tuple) -> dict:
    seconds = max(rec.last_end, 1e-9)
    return dict(mode=s.mode, workers=s.workers, steps=rec.completed, examples=rec.examples, seconds=seconds,
                examples_per_s=rec.examples / seconds, worker_steps=tuple(rec.worker_steps),
                busy=tuple(b / seconds for b in rec.busy), final_loss=rec.final_loss(), test_accuracy=accuracy,
                ports=ports)


def _child(settings: ParallelSettings, out, stop) -> None:
    import os
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    try:
        import tensordesk.engine  # noqa: F401  (TensorFlow's symbols kept local, as in the parent)
        result = (_run_sync if settings.mode == "sync" else _run_async)(settings, out, stop)
        out.put(ParallelFinished(**result))
    except Exception as exc:  # reported to the parent as a sentence
        traceback.print_exc()
        out.put(_Failed(f"{type(exc).__name__}: {exc}"))


# --------------------------------------------------------------------------- the parent side

class ParallelLab:
    """Starts the cluster's child process and relays its events (the lab protocol of engine.labs.runner)."""

    def __init__(self, settings: ParallelSettings):
        self.settings = settings.validate()
        self.done = False
        self.result: dict = {}
        self._proc: Any = None    # the cluster's child process, its event queue and stop flag, from begin()
        self._queue: Any = None
        self._stop: Any = None

    def begin(self) -> list:
        ctx = mp.get_context("spawn")   # a fresh interpreter: TensorFlow starts there with the CPU split
        self._queue, self._stop = ctx.Queue(), ctx.Event()
        self._proc = ctx.Process(target=_child, args=(self.settings, self._queue, self._stop),
                                 name=f"tensordesk-{self.settings.mode}-cluster", daemon=True)
        self._proc.start()
        return []

    def advance(self) -> list:
        events, deadline = [], time.perf_counter() + 0.1
        while time.perf_counter() < deadline:
            try:
                event = self._queue.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue_mod.Empty:
                break
            if isinstance(event, _Failed):
                self.done = True
                raise TensorDeskError(f"the cluster failed: {event.message}")
            events.append(event)
            if isinstance(event, ParallelFinished):
                self.done = True
                self.result = event.__dict__.copy()
                break
        if not events and self._proc is not None and not self._proc.is_alive() and not self.done:
            self.done = True
            raise TensorDeskError(f"the cluster's process ended unexpectedly (exit code {self._proc.exitcode}).")
        return events

    def stop(self) -> None:
        if self._stop is not None:
            self._stop.set()

    def summary(self) -> dict:
        return self.result

    def close(self) -> None:
        """Stop the child and wait for it: its servers and ports go with it."""
        self.stop()
        if self._proc is not None and self._proc.pid is not None:   # started (begin may have failed)
            self._proc.join(4)
            if self._proc.is_alive():
                self._proc.terminate()
                self._proc.join(5)
        self._proc = None
        if self._queue is not None:
            self._queue.close()
            self._queue.cancel_join_thread()
            self._queue = None


class ParallelSequence:
    """Several modes one after the other on the same settings (the lab's "both"), as one lab for the runner:
    each mode's cluster starts when the one before has finished and let go of its process."""

    def __init__(self, settings: list[ParallelSettings]):
        self.labs = [ParallelLab(s) for s in settings]
        self.done = False
        self.results: dict[str, dict] = {}
        self._current = 0

    def begin(self) -> list:
        return self.labs[0].begin()

    def advance(self) -> list:
        lab = self.labs[self._current]
        events = lab.advance()
        if lab.done:
            self.results[lab.settings.mode] = lab.summary()
            lab.close()
            self._current += 1
            if self._current < len(self.labs):
                events += self.labs[self._current].begin()
            else:
                self.done = True
        return events

    def summary(self) -> dict:
        return self.results

    def close(self) -> None:
        for lab in self.labs:
            lab.close()


def run_headless(settings: ParallelSettings, listener=None) -> dict:
    """Run one mode to the end; the summary (plus the loss curve and the spans) as a dict."""
    from tensordesk.engine.labs.runner import LabRunner
    lab = ParallelLab(settings)
    losses: list = []
    spans: list = []
    ended: list = []

    def listen(event):
        if type(event).__name__ == "LabEnded":
            ended.append(event)
        if isinstance(event, LossPoints):
            losses.extend(event.points)
        elif isinstance(event, WorkerSpans):
            spans.extend(event.spans)
        if listener is not None:
            listener(event)

    summary = LabRunner(lab, listen).run()
    if not summary:
        raise TensorDeskError(ended[-1].message if ended else "the data-parallel run did not finish.")
    return {**summary, "losses": losses, "spans": spans}

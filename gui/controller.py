"""The one place where engine events become Qt signals: a controller that owns the training QThread.

The worker runs `engine.training.Trainer.run()` in its thread; the engine's listener turns each event
into a queued signal. Stop, pause, resume and learning-rate changes go straight to the trainer, which
is thread-safe for them. Weight snapshots for the drawing canvas are requested with a flag and sent
from the training thread between batches, so the GUI's inference copy never touches the training model.
"""
from __future__ import annotations

import gc
import threading
import traceback
from dataclasses import dataclass
from typing import Optional

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from tensordesk.engine import events as ev
from tensordesk.engine.reasons import Reason


_ENGINE_IMPORT = threading.Lock()


def import_engine() -> None:
    """Import TensorFlow and Keras (through engine.training), one thread at a time.

    Two threads importing TensorFlow at once can crash its native loader (seen here as a segfault when a
    lab started while the window was still loading TensorFlow), so every thread that needs it comes here.
    """
    with _ENGINE_IMPORT:
        import tensordesk.engine.training  # noqa: F401


@dataclass(frozen=True)
class RunRequest:
    """Everything a run needs, frozen before the thread starts."""

    spec: object            # engine.models.ModelSpec
    config: object          # engine.training.TrainConfig
    dataset_source: str
    validation_size: Optional[int] = None
    base_model_path: Optional[str] = None   # transfer learning: reuse layers of this saved model
    keep_layers: int = 0
    freeze: bool = True


class TrainingWorker(QObject):
    """Lives in the training thread. Signals carry plain engine events (frozen dataclasses)."""

    dataset_loaded = Signal(object)      # engine.datasets.Dataset
    model_ready = Signal(object)         # an inference copy (keras.Model) built in this thread
    started = Signal(object)             # TrainingStarted
    batch_finished = Signal(object)      # BatchEnded
    epoch_finished = Signal(object)      # EpochEnded
    histograms_ready = Signal(object)    # HistogramsReady
    pause_changed = Signal(bool)
    evaluated = Signal(object)           # Evaluated
    weights_ready = Signal(object)       # list of numpy arrays
    errored = Signal(str)
    finished = Signal(object)            # TrainingEnded (always last)

    def __init__(self, request: RunRequest):
        super().__init__()
        self.request = request
        self.trainer = None
        self._stop_before_start = threading.Event()
        self._pause_before_start = threading.Event()
        self._weights_wanted = threading.Event()

    # ------------------------------------------------------------------ requests (GUI thread)
    def stop(self) -> None:
        self._stop_before_start.set()
        self._pause_before_start.clear()
        if self.trainer is not None:
            self.trainer.stop()

    def pause(self) -> None:
        self._pause_before_start.set()
        if self.trainer is not None:
            self.trainer.pause()

    def resume(self) -> None:
        self._pause_before_start.clear()
        if self.trainer is not None:
            self.trainer.resume()

    def set_learning_rate(self, lr: float) -> None:
        if self.trainer is not None:
            self.trainer.set_learning_rate(lr)

    def request_weights(self) -> None:
        self._weights_wanted.set()

    def _failed(self, message: str) -> None:
        self.errored.emit(message)
        reason = Reason("run-failed", (message,))
        self.finished.emit(ev.TrainingEnded(ev.RunState.ERRORED, reason.text(), 0, 0, 0.0, None, reason))

    # ------------------------------------------------------------------ training thread
    @Slot()
    def run(self) -> None:
        from tensordesk.engine.errors import TensorDeskError
        req = self.request
        try:
            import_engine()
            from tensordesk.engine.datasets import load_dataset
            from tensordesk.engine.models import build_model
            from tensordesk.engine.training import Trainer
            dataset = load_dataset(req.dataset_source, validation_size=req.validation_size, seed=req.config.seed)
            self.dataset_loaded.emit(dataset)
            model = None
            if req.base_model_path:
                from tensordesk.engine.checkpoints import load_checkpoint, transfer_model
                model = transfer_model(load_checkpoint(req.base_model_path), req.keep_layers, req.freeze,
                                       req.spec, seed=req.config.seed)
            self.trainer = Trainer(req.spec, req.config, dataset, self._on_event, model=model)
            if self._pause_before_start.is_set():
                self.trainer.pause()
            if self._stop_before_start.is_set():
                self.trainer.stop()
            copy = build_model(req.spec, seed=None)
            from tensordesk.engine.inference import warm_up
            warm_up(copy)  # traced here, so the first drawing's prediction does not wait for it
            self.model_ready.emit(copy)
            self.trainer.run()
        except TensorDeskError as exc:
            self._failed(str(exc))
        except Exception as exc:  # never a traceback in the window: a message, then finished
            traceback.print_exc()
            self._failed(f"{type(exc).__name__}: {exc}")
        finally:
            self.trainer = None   # its Keras objects are collected once the thread has ended (see below)

    def _on_event(self, event) -> None:
        if isinstance(event, ev.BatchEnded):
            self.batch_finished.emit(event)
            if self._weights_wanted.is_set():
                self._weights_wanted.clear()
                self.weights_ready.emit(self.trainer.model.get_weights())
        elif isinstance(event, ev.EpochEnded):
            self.epoch_finished.emit(event)
            self.weights_ready.emit(self.trainer.model.get_weights())
        elif isinstance(event, ev.HistogramsReady):
            self.histograms_ready.emit(event)
        elif isinstance(event, ev.PauseChanged):
            self.pause_changed.emit(event.paused)
        elif isinstance(event, ev.TrainingStarted):
            self.started.emit(event)
        elif isinstance(event, ev.Evaluated):
            self.evaluated.emit(event)
        elif isinstance(event, ev.TrainingEnded):
            if event.state != ev.RunState.DIVERGED:
                self.weights_ready.emit(self.trainer.model.get_weights())
            if event.state == ev.RunState.ERRORED:
                self.errored.emit(event.message)
            self.finished.emit(event)


_collector = None


def collect_garbage_in_gui_thread() -> None:
    """Turn Python's automatic garbage collection off and collect on a 1 s timer in the GUI thread instead
    (pyqtgraph's GarbageCollector). A collection triggered in a worker thread would destroy Qt garbage (removed
    plot items, a closed dialog) there, and Qt's destructors deadlock or crash outside the GUI thread."""
    global _collector
    if _collector is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector
        _collector = GarbageCollector(interval=1.0)


_frozen = False


def freeze_startup_objects() -> None:
    """Once per process, when TensorFlow has loaded: collect, then move every object left (TensorFlow, Keras,
    the window) out of the collector's sight, so later collections only look at what came after. Collecting
    first matters: frozen garbage is never freed, and a closed window among it would keep its timers running."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()


class _ThreadOwner(QObject):
    """Owns one worker QThread at a time: starts it, waits for it on shutdown, cleans up when it ends.

    A worker has `run()` (the thread's body), `stop()`, and a `finished` signal emitted last.
    """

    running_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread: Optional[QThread] = None
        self._worker = None
        self.paused = False

    @property
    def running(self) -> bool:
        return self._thread is not None

    def _launch(self, worker, thread_name: str, paused: bool) -> None:
        """Start `worker` in a new thread; connect its other signals before calling this."""
        if self.running:
            raise RuntimeError("a run is already in progress")
        thread = QThread()
        thread.setObjectName(thread_name)
        worker.moveToThread(thread)
        # direct: quit() is thread-safe, and the GUI thread may be blocked in wait() during shutdown
        worker.finished.connect(thread.quit, Qt.DirectConnection)
        thread.started.connect(worker.run)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        self.paused = paused
        thread.start()
        self.running_changed.emit(True)

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Stop the run (releasing a pause) and wait for the thread; True when it ended in time."""
        if self._thread is None:
            return True
        thread = self._thread
        self.stop()
        ok = thread.wait(timeout_ms)
        if ok:
            self._on_thread_finished()
        return ok

    @Slot()
    def _on_thread_finished(self) -> None:
        if self._thread is None:
            return
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        worker.deleteLater()
        thread.deleteLater()
        # Keras models, optimizers and tf.data iterators sit in reference cycles: free them now rather than
        # whenever the collector next runs (iterators hold threads); in this thread, as every collection
        # (see collect_garbage_in_gui_thread).
        gc.collect()  # a few ms: the window freezes TensorFlow's own objects once it has loaded
        self.running_changed.emit(False)


class TrainingController(_ThreadOwner):
    """Owns the QThread and the worker; one run at a time. Re-emits the worker's signals."""

    dataset_loaded = Signal(object)
    model_ready = Signal(object)
    started = Signal(object)
    batch_finished = Signal(object)
    epoch_finished = Signal(object)
    histograms_ready = Signal(object)
    pause_changed = Signal(bool)
    evaluated = Signal(object)
    weights_ready = Signal(object)
    errored = Signal(str)
    finished = Signal(object)

    @property
    def trainer(self):
        return self._worker.trainer if self._worker is not None else None

    def start(self, request: RunRequest) -> None:
        worker = TrainingWorker(request)
        for name in ("dataset_loaded", "model_ready", "started", "batch_finished", "epoch_finished",
                     "histograms_ready", "evaluated", "weights_ready", "errored"):
            getattr(worker, name).connect(getattr(self, name))
        worker.pause_changed.connect(self._on_pause_changed)
        worker.finished.connect(self._on_finished)
        self._launch(worker, "TrainingThread", paused=False)

    def pause(self) -> None:
        if self._worker is not None:
            self._worker.pause()

    def resume(self) -> None:
        if self._worker is not None:
            self._worker.resume()

    def set_learning_rate(self, lr: float) -> None:
        if self._worker is not None:
            self._worker.set_learning_rate(lr)

    def request_weights(self) -> None:
        if self._worker is not None:
            self._worker.request_weights()

    @Slot(bool)
    def _on_pause_changed(self, paused: bool) -> None:
        self.paused = paused
        self.pause_changed.emit(paused)

    @Slot(object)
    def _on_finished(self, event) -> None:
        self.paused = False
        self.finished.emit(event)


class LabWorker(QObject):
    """Lives in a lab thread: builds the lab there (TensorFlow objects stay in one thread) and runs it."""

    event_emitted = Signal(object)   # the lab's plain events, LabPaused included
    errored = Signal(str)
    finished = Signal(object)        # engine.labs.runner.LabEnded (always last)

    def __init__(self, factory, steps_per_second, start_paused: bool):
        super().__init__()
        self.factory = factory
        self.runner = None
        self._lock = threading.Lock()
        self._pending = {"speed": steps_per_second, "paused": start_paused, "stop": False, "steps": 0}

    def control(self, what: str, value=None) -> None:
        """pause / resume / step / stop / speed, from the GUI thread; queued until the runner exists."""
        with self._lock:
            runner = self.runner
            if runner is None:
                if what == "pause":
                    self._pending["paused"] = True
                elif what == "resume":
                    self._pending["paused"] = False
                elif what == "step":
                    self._pending["paused"] = True
                    self._pending["steps"] += 1
                elif what == "stop":
                    self._pending["stop"] = True
                elif what == "speed":
                    self._pending["speed"] = value
                return
        {"pause": runner.pause, "resume": runner.resume, "step": runner.single_step, "stop": runner.stop,
         "speed": lambda: runner.set_speed(value)}[what]()

    @Slot()
    def run(self) -> None:
        from tensordesk.engine.errors import TensorDeskError
        from tensordesk.engine.labs.runner import LabEnded, LabRunner
        try:
            import_engine()
            lab = self.factory()
            with self._lock:
                p = self._pending
                runner = LabRunner(lab, self._forward, p["speed"], start_paused=p["paused"])
                for _ in range(p["steps"]):
                    runner.single_step()
                if p["stop"]:
                    runner.stop()
                self.runner = runner
            runner.run()
        except TensorDeskError as exc:
            self.errored.emit(str(exc))
            self.finished.emit(LabEnded(ev.RunState.ERRORED, str(exc), 0))
        except Exception as exc:
            traceback.print_exc()
            self.errored.emit(f"{type(exc).__name__}: {exc}")
            self.finished.emit(LabEnded(ev.RunState.ERRORED, f"{type(exc).__name__}: {exc}", 0))
        finally:
            with self._lock:
                self.runner = None   # collected once the thread has ended (_ThreadOwner._on_thread_finished)

    def _forward(self, event) -> None:
        from tensordesk.engine.labs.runner import LabEnded
        if isinstance(event, LabEnded):
            if event.state == ev.RunState.ERRORED:
                self.errored.emit(event.message)
            self.finished.emit(event)
        else:
            self.event_emitted.emit(event)


class LabController(_ThreadOwner):
    """Owns one lab thread at a time. `start(factory)` runs `factory()` → lab in the thread.

    The runner's LabEnded event arrives as `finished`; every other event as `event_emitted`.
    """

    event_emitted = Signal(object)
    errored = Signal(str)
    finished = Signal(object)
    pause_changed = Signal(bool)

    def __init__(self, name: str = "LabThread", parent=None):
        super().__init__(parent)
        self._name = name

    def start(self, factory, steps_per_second=None, start_paused: bool = False) -> None:
        worker = LabWorker(factory, steps_per_second, start_paused)
        worker.event_emitted.connect(self._on_event)
        worker.errored.connect(self.errored)
        worker.finished.connect(self.finished)
        self._launch(worker, self._name, paused=start_paused)

    def _control(self, what: str, value=None) -> None:
        if self._worker is None:
            return
        self._worker.control(what, value)
        # the state follows the request at once (the runner confirms with LabPaused when it gets there)
        paused = {"pause": True, "step": True, "resume": False}.get(what, self.paused)
        if paused != self.paused:
            self.paused = paused
            self.pause_changed.emit(paused)

    def pause(self) -> None:
        self._control("pause")

    def resume(self) -> None:
        self._control("resume")

    def single_step(self) -> None:
        self._control("step")

    def stop(self) -> None:
        self._control("stop")

    def set_speed(self, steps_per_second) -> None:
        self._control("speed", steps_per_second)

    @Slot(object)
    def _on_event(self, event) -> None:
        from tensordesk.engine.labs.runner import LabPaused
        if isinstance(event, LabPaused):
            self.paused = event.paused
            self.pause_changed.emit(event.paused)
        self.event_emitted.emit(event)


class JobWorker(QObject):
    """Runs one background computation: `job(progress, cancelled)` → result, in the job's thread.

    `progress(done, total)` reports how far it is; `cancelled` is a threading.Event the job should check
    and return early on. Errors of the engine (TensorDeskError) arrive as their sentence.
    """

    progressed = Signal(int, int)
    result_ready = Signal(object)
    errored = Signal(str)
    finished = Signal()

    def __init__(self, job):
        super().__init__()
        self.job = job
        self.cancelled = threading.Event()

    def stop(self) -> None:
        self.cancelled.set()

    @Slot()
    def run(self) -> None:
        try:
            import_engine()
            from tensordesk.engine.errors import TensorDeskError
            try:
                result = self.job(lambda done, total: self.progressed.emit(int(done), int(total)), self.cancelled)
                if not self.cancelled.is_set():
                    self.result_ready.emit(result)
            except TensorDeskError as exc:
                self.errored.emit(str(exc))
        except Exception as exc:  # never a traceback in the window: a message instead
            traceback.print_exc()
            self.errored.emit(f"{type(exc).__name__}: {exc}")
        finally:
            self.job = None
            self.finished.emit()


class JobController(_ThreadOwner):
    """One background computation at a time (evaluating a model, computing a loss landscape...)."""

    progressed = Signal(int, int)
    result_ready = Signal(object)
    errored = Signal(str)

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self._name = name

    def start(self, job) -> None:
        worker = JobWorker(job)
        worker.progressed.connect(self.progressed)
        worker.result_ready.connect(self.result_ready)
        worker.errored.connect(self.errored)
        self._launch(worker, self._name, paused=False)


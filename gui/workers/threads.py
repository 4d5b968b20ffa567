"""What every background worker shares: one QThread at a time per owner, one way to fail (the owner's
`errored`, then `finished`, always last), shutdown with a bounded wait, the lock around importing TensorFlow,
and the garbage-collection policy (collections only in the GUI thread).

A worker emits its owner's signals from its own thread: Qt queues them to the GUI thread's slots, so each
signal is declared once, on the owner the window connects to.
"""
from __future__ import annotations

import gc
import threading
import traceback

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

_ENGINE_IMPORT = threading.Lock()


def import_engine() -> None:
    """Import TensorFlow and Keras (through engine.training), one thread at a time.

    Two threads importing TensorFlow at once can crash its native loader (seen here as a segfault when a
    lab started while the window was still loading TensorFlow), so every thread that needs it comes here.
    """
    with _ENGINE_IMPORT:
        import tensordesk.engine.training.trainer  # noqa: F401


# Native modules TensorFlow's import (and the drawing's preprocessing) needs whose initialisation holds the
# interpreter for long in one piece (measured with `python -X importtime`): ml_dtypes' extension ≈ 0.5 s,
# scipy.special's ufuncs ≈ 0.15 s. Imported in a background thread they freeze the window just the same.
SLOW_NATIVE_MODULES = ("ml_dtypes", "scipy.special")


def import_slow_native_modules() -> None:
    """Before the window first shows: import `SLOW_NATIVE_MODULES`, so that once the window is on screen
    nothing holds the interpreter that long while TensorFlow loads."""
    import importlib
    for name in SLOW_NATIVE_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:      # a TensorFlow without it: nothing to wait for
            pass


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


def collect_before_loading() -> None:
    """Just before TensorFlow's import: a full collection while the heap is still small (tens of ms)."""
    if not _frozen:
        gc.collect()


def freeze_startup_objects() -> None:
    """Once per process, when TensorFlow has loaded: move every object there is (TensorFlow, Keras, the window)
    out of the collector's sight, so later collections only look at what came after. Without a collection
    first: automatic collection is off, so TensorFlow's million new objects all sit in the youngest generation,
    and even a young-generation pass over them held the window for a third of a second. A full collection ran
    just before the import (`collect_before_loading`); what became garbage during the import stays frozen —
    TensorFlow's own import leftovers, not the window's, which only builds while the import runs."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


class Worker(QObject):
    """Lives in its owner's QThread. `body()` does the work and returns the end event; any exception becomes
    the owner's `errored(sentence)` and `failure(sentence)` as the end event. `finished` is always last."""

    finished = Signal(object)

    def __init__(self, owner: ThreadOwner):
        super().__init__()
        self.owner = owner
        self.needs_engine = getattr(owner, "needs_engine", True)   # False: plain file work, no TensorFlow

    def body(self):
        raise NotImplementedError

    def failure(self, message: str):
        """The end event when the body failed (None: the owner's `finished` carries nothing)."""
        return None

    def stop(self) -> None:
        """Asked from the GUI thread: end soon, cooperatively."""

    def cleanup(self) -> None:
        """Drop references to TensorFlow objects (collected in the GUI thread once the thread has ended)."""

    @Slot()
    def run(self) -> None:
        from tensordesk.engine.core.errors import TensorDeskError
        end = None
        try:
            if self.needs_engine:
                import_engine()
            end = self.body()
        except TensorDeskError as exc:
            end = self._fail(str(exc))
        except Exception as exc:  # never a traceback in the window: a sentence, then finished
            traceback.print_exc()
            end = self._fail(f"{type(exc).__name__}: {exc}")
        finally:
            self.cleanup()
            self.finished.emit(end)
            # Back to the GUI thread before this thread ends: the owner deletes it there once the thread is over.
            # Deleted here instead (as the thread's last act), ~QObject holds one of Qt's pooled signal-slot
            # mutexes while it asks the thread's Python wrapper for `disconnectNotify`, which waits for the
            # interpreter; a GUI thread holding the interpreter and emitting any signal guarded by the same
            # pooled mutex then waits for it: a deadlock (seen in CI: the window stuck in a table's appendRow
            # while a history reader's thread ended).
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())

    def _fail(self, message: str):
        self.owner.errored.emit(message)
        return self.failure(message)



# threads that did not end in time at a shutdown: kept referenced until the process ends (see ThreadOwner.shutdown)
_LINGERING: list = []

class ThreadOwner(QObject):
    """Owns one worker QThread at a time: starts it, waits for it on shutdown, cleans up when it ends."""

    running_changed = Signal(bool)
    errored = Signal(str)
    finished = Signal(object)        # the worker's end event (always last)

    def __init__(self, thread_name: str, parent=None):
        super().__init__(parent)
        self.thread_name = thread_name
        self._thread: QThread | None = None
        self._worker: Worker | None = None
        self.paused = False
        self._shut = False

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def shut(self) -> bool:
        """Shut down (the window is closing): nothing starts any more."""
        return self._shut

    def _launch(self, worker: Worker, paused: bool = False) -> None:
        """Start `worker` in a new thread (not after `shutdown`: a listener of the last run's end that starts the
        next one would leave a thread running as the process exits, which aborts it)."""
        if self._shut:
            return
        if self.running:
            raise RuntimeError("a run is already in progress")
        thread = QThread()
        thread.setObjectName(self.thread_name)
        worker.moveToThread(thread)
        # direct: quit() is thread-safe, and the GUI thread may be blocked in wait() during shutdown
        worker.finished.connect(thread.quit, Qt.DirectConnection)
        worker.finished.connect(self._on_worker_finished)
        # The worker hands itself back to the GUI thread at the end of `run`, and is deleted there once its
        # thread has ended (`_on_thread_finished`): no Qt object with a Python wrapper dies in a worker thread.
        # (A deletion in the worker's thread either raced with the GUI thread freeing its wrapper — a segfault —
        # or deadlocked on the interpreter: see `Worker.run`.)
        thread.started.connect(worker.run)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        self.paused = paused
        thread.start()
        self.running_changed.emit(True)

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()

    def when_idle(self, then) -> None:
        """Call `then` (from the event loop) once no thread runs: a job reports its end (`finished`) a moment
        before its thread stops, and a new job cannot start before."""
        if not self.running:
            QTimer.singleShot(0, then)
            return

        def ended(running: bool) -> None:
            if not running:
                self.running_changed.disconnect(ended)
                QTimer.singleShot(0, then)
        self.running_changed.connect(ended)

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Stop the run (releasing a pause) and wait for the thread; True when it ended in time. Nothing starts
        after this."""
        self._shut = True
        if self._thread is None:
            return True
        thread = self._thread
        self.stop()
        ok = thread.wait(timeout_ms)
        if ok:
            self._on_thread_finished()
        else:
            # Told to stop but not done yet: it must outlive this owner (a QThread destroyed while it runs aborts
            # the process). The application keeps it, and it deletes itself when it ends.
            worker = self._worker
            self._thread = self._worker = None
            thread.setParent(QCoreApplication.instance())
            thread.finished.connect(thread.deleteLater)
            _LINGERING.append((thread, worker))
        return ok

    @Slot(object)
    def _on_worker_finished(self, event) -> None:
        self.paused = False
        self.finished.emit(event)

    @Slot()
    def _on_thread_finished(self) -> None:
        if self._thread is None:
            return
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        # `finished` reaches this thread while the worker's thread may still be ending: both the thread and the
        # worker (now living in this thread, owned by Python) are let go of only once that is over.
        thread.wait()
        thread.deleteLater()
        del worker
        # Keras models, optimizers and tf.data iterators sit in reference cycles: free them now rather than
        # whenever the collector next runs (iterators hold threads); in this thread, as every collection
        # (see collect_garbage_in_gui_thread).
        gc.collect()  # a few ms: the window freezes TensorFlow's own objects once it has loaded
        self.running_changed.emit(False)

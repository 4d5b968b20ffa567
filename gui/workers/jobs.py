"""Background jobs: one computation at a time per controller (loading TensorFlow, evaluating a model,
computing a loss landscape…), with progress, cancel and a result."""
from __future__ import annotations

import threading

from PySide6.QtCore import Signal

from tensordesk.gui.workers.threads import ThreadOwner, Worker


class JobController(ThreadOwner):
    """Runs `job(progress, cancelled)` → result in its thread.

    `progress(done, total[, detail])` reports how far it is (`progressed`), and with a detail (plain data: a
    number, a tuple) also `reported(detail)`; `cancelled` is a threading.Event the job should check and return
    early on. The result arrives as `result_ready` (not when cancelled); engine errors (TensorDeskError) as
    `errored(sentence)`; `finished` comes last either way.
    """

    progressed = Signal(int, int)
    reported = Signal(object)
    result_ready = Signal(object)
    needs_engine = True    # False for jobs that only read files: they need not wait for TensorFlow to load

    def start(self, job) -> None:
        self._launch(_JobWorker(self, job))


class _JobWorker(Worker):
    def __init__(self, owner: JobController, job):
        super().__init__(owner)
        self.job = job
        self.cancelled = threading.Event()

    def stop(self) -> None:
        self.cancelled.set()

    def body(self):
        owner = self.owner
        def progress(done, total, detail=None):
            owner.progressed.emit(int(done), int(total))
            if detail is not None:
                owner.reported.emit(detail)
        result = self.job(progress, self.cancelled)
        if not self.cancelled.is_set():
            owner.result_ready.emit(result)

    def cleanup(self) -> None:
        self.job = None

"""The labs' thread: one lab at a time, built and run in its own thread (TensorFlow objects stay in one thread),
its events gathered into one signal per frame."""
from __future__ import annotations

import threading

from PySide6.QtCore import Signal, Slot

from tensordesk.engine.core import events as ev
from tensordesk.gui.workers.threads import ThreadOwner, Worker

FRAME_S = 1 / 30     # the lab's events reach the window at most this often, in batches


class LabController(ThreadOwner):
    """Owns one lab thread at a time. `start(factory)` runs `factory()` → lab in the thread.

    The runner's LabEnded event arrives as `finished`; every other event, a frame's worth at a time, as
    `events_emitted(tuple)`.
    """

    events_emitted = Signal(object)   # tuple of the lab's plain events of one frame, PauseChanged included (object: not converted)
    pause_changed = Signal(bool)
    events_in_thread = Signal(object)  # from the worker: a frame of events (a tuple)

    def __init__(self, thread_name: str = "LabThread", parent=None, frame_s: float = FRAME_S):
        super().__init__(thread_name, parent)
        self.frame_s = frame_s      # a lab that draws faster than 30 frames a second asks for its events sooner
        self.events_in_thread.connect(self._on_events)

    def start(self, factory, steps_per_second=None, start_paused: bool = False) -> None:
        self._launch(_LabWorker(self, factory, steps_per_second, start_paused, self.frame_s), paused=start_paused)

    def _control(self, what: str, value=None) -> None:
        if self._worker is None:
            return
        self._worker.control(what, value)
        # the state follows the request at once (the runner confirms with PauseChanged when it gets there)
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
    def _on_events(self, events: tuple) -> None:
        for event in events:
            if isinstance(event, ev.PauseChanged):
                self.paused = event.paused
                self.pause_changed.emit(event.paused)
        self.events_emitted.emit(events)


class _LabWorker(Worker):
    def __init__(self, owner: LabController, factory, steps_per_second, start_paused: bool, frame_s: float):
        super().__init__(owner)
        self.factory = factory
        self.frame_s = frame_s
        self.runner = None
        self._lock = threading.Lock()
        self._pending = {"speed": steps_per_second, "paused": start_paused, "stop": False, "steps": 0}
        self._end = None

    def control(self, what: str, value=None) -> None:
        """pause / resume / step / stop / speed, from the GUI thread; kept until the runner exists."""
        with self._lock:
            runner = self.runner
            if runner is None:
                p = self._pending
                if what in ("pause", "resume"):
                    p["paused"] = what == "pause"
                elif what == "step":
                    p["paused"] = True
                    p["steps"] += 1
                elif what == "stop":
                    p["stop"] = True
                elif what == "speed":
                    p["speed"] = value
                return
        {"pause": runner.pause, "resume": runner.resume, "step": runner.single_step, "stop": runner.stop,
         "speed": lambda: runner.set_speed(value)}[what]()

    def stop(self) -> None:
        self.control("stop")

    def body(self):
        from tensordesk.engine.labs.runner import LabRunner
        lab = self.factory()
        with self._lock:
            p = self._pending
            runner = LabRunner(lab, self._forward, p["speed"], start_paused=p["paused"], frame_s=self.frame_s)
            for _ in range(p["steps"]):
                runner.single_step()
            if p["stop"]:
                runner.stop()
            self.runner = runner
        runner.run()
        return self._end

    def failure(self, message: str):
        from tensordesk.engine.labs.runner import LabEnded
        return LabEnded(ev.RunState.ERRORED, message, 0)

    def cleanup(self) -> None:
        with self._lock:
            self.runner = None   # collected once the thread has ended (ThreadOwner._on_thread_finished)

    def _forward(self, event) -> None:
        from tensordesk.engine.labs.runner import LabEnded, LabEvents
        if isinstance(event, LabEnded):
            if event.state == ev.RunState.ERRORED:
                self.owner.errored.emit(event.message)
            self._end = event
        else:
            self.owner.events_in_thread.emit(event.events if isinstance(event, LabEvents) else (event,))

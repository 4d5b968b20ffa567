"""Drives a lab step by step on the calling thread, with play/pause/single-step/stop and a speed limit.

A lab is any object with `begin() -> list[event]`, `advance() -> list[event]`, `done: bool` and
`summary() -> dict`, and optionally `close()`, called when the run ends however it ends. The runner forwards
the events to a plain listener, one by one, or with `frame_s` gathered into one `LabEvents` per frame (a lab at
full speed runs hundreds of steps a second; a window draws a few dozen frames). The GUI runs it in a QThread
and calls the control methods from the GUI thread (they are thread-safe and act within one step).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from tensordesk.engine.core import events as ev


@dataclass(frozen=True)
class LabEvents:
    """The lab's events of one frame, in order."""

    events: tuple


@dataclass(frozen=True)
class LabEnded:
    state: ev.RunState
    message: str
    step: int
    summary: dict = field(default_factory=dict)


class LabRunner:
    """Runs `lab` until it is done or stopped. `steps_per_second=None` runs as fast as it can."""

    def __init__(self, lab, listener: ev.Listener, steps_per_second: float | None = None,
                 start_paused: bool = False, frame_s: float = 0.0):
        self.lab = lab
        self.listener = listener
        self.frame_s = frame_s
        self._frame: list = []
        self._frame_sent = time.perf_counter()
        self._cond = threading.Condition()
        self._stop = False
        self._paused = start_paused
        self._single_steps = 0
        self._sps = steps_per_second
        self.step = 0

    # ---------------------------------------------------------------- control (any thread)
    def pause(self) -> None:
        with self._cond:
            self._paused = True
            self._cond.notify_all()

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            self._cond.notify_all()

    def single_step(self) -> None:
        """Advance one step and stay paused."""
        with self._cond:
            self._paused = True
            self._single_steps += 1
            self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify_all()

    def set_speed(self, steps_per_second: float | None) -> None:
        with self._cond:
            self._sps = steps_per_second if steps_per_second and steps_per_second > 0 else None
            self._cond.notify_all()

    @property
    def paused(self) -> bool:
        return self._paused

    # ---------------------------------------------------------------- the loop (runner thread)
    def _wait_turn(self) -> bool:
        """Block while paused; True when a step may run, False when stopped."""
        with self._cond:
            if self._paused and self._single_steps == 0 and not self._stop:
                self._flush()
                self.listener(ev.PauseChanged(True, self.step))
                while self._paused and self._single_steps == 0 and not self._stop:
                    self._cond.wait(0.1)
                if not self._stop and not self._paused:
                    self.listener(ev.PauseChanged(False, self.step))
            if self._stop:
                return False
            if self._single_steps:
                self._single_steps -= 1
            return True

    def _send(self, event) -> None:
        if not self.frame_s:
            self.listener(event)
            return
        self._frame.append(event)
        if time.perf_counter() - self._frame_sent >= self.frame_s:
            self._flush()

    def _flush(self) -> None:
        if self._frame:
            frame, self._frame = tuple(self._frame), []
            self.listener(LabEvents(frame))
        self._frame_sent = time.perf_counter()

    def _throttle(self, started: float) -> None:
        with self._cond:
            while self._sps and not self._stop and not self._single_steps:
                remaining = started + 1.0 / self._sps - time.perf_counter()
                if remaining <= 0:
                    break
                self._flush()   # a slowed lab shows each step as it comes
                self._cond.wait(remaining)

    def run(self) -> dict:
        try:
            for event in self.lab.begin():
                self._send(event)
            self._flush()
            while not self.lab.done:
                if not self._wait_turn():
                    break
                started = time.perf_counter()
                for event in self.lab.advance():
                    self._send(event)
                if self._single_steps or self._paused:
                    self._flush()
                self.step += 1
                self._throttle(started)
            if self.lab.done:
                state, message = ev.RunState.FINISHED, f"finished {self.step} steps."
            else:
                state, message = ev.RunState.STOPPED, f"stopped at step {self.step}."
            summary = self.lab.summary()
        except Exception as exc:  # reported as a state; the GUI shows the sentence
            state, message, summary = ev.RunState.ERRORED, f"the lab failed: {type(exc).__name__}: {exc}", {}
        finally:
            self._flush()
            close = getattr(self.lab, "close", None)   # a lab holding a process or servers lets go of them
            if close is not None:
                close()
        self.listener(LabEnded(state, message, self.step, summary))
        return summary

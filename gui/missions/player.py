"""Carries out a mission's actions (engine/missions/actions.py) through the window, as a learner's clicks would: a
scene or a preset, training runs, a lab run to its end, an evaluation, a typed answer. Each action that starts
work waits for the work's fact to be reported on the session (`Session.work_reported`), so the player follows
the real window, threads and all. `missions verify` and the tests replay reference solutions and wrong attempts
with it."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from tensordesk.engine.core.errors import TensorDeskError

ACTION_TIMEOUT_MS = 600_000


class ActionPlayer(QObject):
    finished = Signal(bool, str)     # (all actions done, why not)

    def __init__(self, window, answer: Callable[[float], None], fast: bool = False):
        super().__init__(window)
        self.fast = fast                 # labs at full speed (verify: nobody watches)
        self.window = window
        self.answer = answer             # the missions panel's "type a number" (a fact of its own)
        self.actions: list[dict] = []
        self._waiting: Callable[[object], bool] | None = None
        self._needed = 0
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(lambda: self._fail("an action did not finish within ten minutes."))
        window.session.work_reported.connect(self._on_fact)
        self.handlers = {"preset": self._preset, "train": self._train, "lab": self._lab, "answer": self._answer,
                         "evaluate": self._evaluate, "wait": self._wait}

    @property
    def playing(self) -> bool:
        return bool(self.actions) or self._waiting is not None

    def play(self, actions) -> None:
        self.actions = [dict(a) for a in actions]
        QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        if not self.actions:
            self.finished.emit(True, "")
            return
        action = self.actions.pop(0)
        try:
            self.handlers[action["do"]](action)
        except (TensorDeskError, KeyError, ValueError, TypeError) as exc:
            self._fail(f"{action.get('do')}: {exc}")

    def _fail(self, message: str) -> None:
        self.actions, self._waiting = [], None
        self._timeout.stop()
        self.finished.emit(False, message)

    def _wait_for(self, matches: Callable[[object], bool], count: int = 1) -> None:
        self._waiting, self._needed = matches, count
        self._timeout.start(ACTION_TIMEOUT_MS)

    def _on_fact(self, fact) -> None:
        if self._waiting is None or not self._waiting(fact):
            return
        self._needed -= 1
        if self._needed <= 0:
            self._waiting = None
            self._timeout.stop()
            QTimer.singleShot(0, self._next)

    # ------------------------------------------------------------------ the actions
    def _preset(self, action: dict) -> None:
        from tensordesk.gui.presets import preset_from_data
        data = action["preset"]
        preset = preset_from_data(data, "preset")
        runs = len(data.get("runs", []))
        lab = data.get("play") and next((k for k in ("bn", "descent", "parallel") if isinstance(data.get(k), dict)),
                                        None)
        if runs:
            self._wait_for(lambda f: f.kind == "run", runs)
        elif lab:
            self._wait_for(lambda f: f.kind == "lab" and f.lab == lab)
        self.window.presets.runner.apply(preset)
        if not runs and not lab:
            QTimer.singleShot(0, self._next)

    def _train(self, action: dict) -> None:
        from tensordesk.gui.presets import full_run
        train = self.window.view("train")
        if self.window.session.training:
            raise TensorDeskError("a run is in progress.")
        train.apply_preset(full_run(action["settings"]), play=False)
        train.set_transfer(None)
        if "train_limit" in action:
            train.set_limit(int(action["train_limit"]))
        repeat = int(action.get("repeat", 1))
        train.repeat_spin.setValue(repeat)
        self._wait_for(lambda f: f.kind == "run", repeat)
        self.window.show_view("train")
        train.start_training()

    def _lab(self, action: dict) -> None:
        key = action["lab"]
        view_key, page, pane = self.window.lab_pane(key)
        self.window.show_view(view_key)
        self.window.view(view_key).show_page(page)
        self._wait_for(lambda f: f.kind == "lab" and f.lab == key and f.state == "finished")
        if self.fast:
            pane.lab_controls.speed.setValue(pane.lab_controls.speed.maximum())
        pane.apply_preset(dict(action["settings"]), True)

    def _answer(self, action: dict) -> None:
        self.answer(float(action["value"]))
        QTimer.singleShot(0, self._next)

    def _evaluate(self, action: dict) -> None:
        jobs = self.window.session.jobs
        if not jobs.can_evaluate:
            raise TensorDeskError("there is no model to evaluate.")
        self._wait_for(lambda f: f.kind == "evaluation")
        jobs.evaluate()

    def _wait(self, action: dict) -> None:
        QTimer.singleShot(int(action.get("ms", 200)), self._next)

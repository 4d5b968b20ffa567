"""Carries out a mission's actions (engine/missions/actions.py) through the window, as a learner's clicks would: a
scene or a preset, training runs, a lab run to its end, an evaluation, a typed answer. Each action that starts
work waits for the work's fact to be reported on the session (`Session.work_reported`), so the player follows
the real window, threads and all. `missions verify` and the tests replay reference solutions and wrong attempts
with it."""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
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
        from tensordesk.engine.missions.actions import ACTIONS
        # every action of the registry has its method here, `_` + its name (a missing one fails at once)
        self.handlers = {name: getattr(self, f"_{name}") for name in ACTIONS}
        self.last_drawing = None         # the newest DrawingFact
        self.units_off = 0
        self._files = tempfile.TemporaryDirectory(prefix="tensordesk-mission-")
        self._saved: str | None = None

    def play(self, actions) -> None:
        self.actions = [dict(a) for a in actions]
        QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        if not self.actions:
            self.finished.emit(True, "")
            return
        if self.actions[0].get("do") == "train" and self.window.session.training:
            # the last run has reported its end but its thread is still winding down (keeping its model): wait
            if not self._timeout.isActive():
                self._timeout.start(ACTION_TIMEOUT_MS)
            QTimer.singleShot(50, self._next)
            return
        self._timeout.stop()
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
        if fact.kind == "drawing":
            self.last_drawing = fact
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
        from tensordesk.gui.views import VIEWS
        data = action["preset"]
        preset = preset_from_data(data, "preset")
        runs = len(data.get("runs", []))
        lab = None    # a preset that plays a lab: the lab of the page it shows, in the view whose section it sets
        for view in VIEWS:
            if data.get("play") and view.key != "train" and isinstance(data.get(view.preset_section), dict):
                page = int(data.get("page", 0))
                lab = next((k for k, (p, _) in self.window.view(view.key).lab_panes().items() if p == page), None)
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
        value = action["value"]
        self.answer(float(self.units_off if value == "units_off" else value))
        QTimer.singleShot(0, self._next)

    def _evaluate(self, action: dict) -> None:
        jobs = self.window.session.jobs
        if not jobs.can_evaluate:
            raise TensorDeskError("there is no model to evaluate.")
        self._wait_for(lambda f: f.kind == "evaluation")
        jobs.evaluate()

    def _wait(self, action: dict) -> None:
        QTimer.singleShot(int(action.get("ms", 200)), self._next)

    # ------------------------------------------------------------------ Draw and its pages
    def _draw_view(self):
        self.window.show_view("draw")
        return self.window.view("draw")

    def _test_digit(self, digit: int, k: int = 0):
        images, labels = self._draw_view().test_digits()
        picks = np.flatnonzero(labels == digit)
        return images[picks[k % len(picks)]]

    def _draw(self, action: dict) -> None:
        draw = self._draw_view()
        self._wait_for(lambda f: f.kind == "drawing")
        draw.show_image(self._test_digit(int(action["digit"])), f"a test {action['digit']}")

    def _switch_off(self, action: dict) -> None:
        draw = self._draw_view()
        neurons = draw.neurons
        draw.pages.setCurrentWidget(neurons)
        draw.predict_now()
        if neurons.network is None or neurons.values is None:
            raise TensorDeskError("there is no drawing or no model for the Neurons page.")
        hidden = list(neurons.network.layers)[:-1] or list(neurons.network.layers)
        layer = hidden[-1]
        order = np.argsort(-np.asarray(neurons.values[layer].outputs))
        wanted = action.get("units")
        self.units_off = 0
        for unit in order[: wanted or len(order)]:
            neurons.select_unit(layer, int(unit))
            if not neurons.switch_off():
                raise TensorDeskError(f"unit {unit} of {layer} could not be switched off.")
            self.units_off += 1
            d = self.last_drawing
            if wanted is None and d is not None and d.prediction != d.unedited_prediction:
                break
        QTimer.singleShot(0, self._next)

    def _threshold(self, action: dict) -> None:
        view = self.window.view("evaluate")
        self.window.show_view("evaluate")
        view.show_robustness()
        if view.robustness.confidence is None:
            raise TensorDeskError("evaluate the model first: the threshold works on an evaluation's answers.")
        self._wait_for(lambda f: f.kind == "threshold")
        view.robustness.set_threshold(float(action["value"]))

    def _step(self, action: dict) -> None:
        draw = self._draw_view()
        self._wait_for(lambda f: f.kind == "step")
        if "learning_rate" in action:
            draw.step.lr_spin.setValue(float(action["learning_rate"]))
        draw.pages.setCurrentWidget(draw.step)
        draw.predict_now()

    def _points_map(self, action: dict) -> None:
        draw = self._draw_view()
        points = draw.points
        draw.pages.setCurrentWidget(points)
        index = points.method_combo.findData(action.get("method", "pca"))
        points.method_combo.setCurrentIndex(max(0, index))
        self._wait_for(lambda f: f.kind == "points_map")
        if not points.compute():
            raise TensorDeskError("the points map cannot be drawn now (no model, or a run is training).")

    # ------------------------------------------------------------------ files and the learner's digits
    def _save_model(self, action: dict) -> None:
        self._saved = str(Path(self._files.name) / "mission-model.tdm")
        if not self.window.files.save_model(self._saved):
            raise TensorDeskError("there is no model to save.")
        QTimer.singleShot(0, self._next)

    def _open_saved_model(self, action: dict) -> None:
        if self._saved is None:
            raise TensorDeskError("nothing was saved yet.")
        if not self.window.files.open_model(self._saved, remember_folder=False):
            raise TensorDeskError(f"{self._saved} could not be opened.")
        QTimer.singleShot(0, self._next)

    def _shipped_model(self, action: dict) -> None:
        if self.window.session.training or not self.window.files.open_shipped():
            raise TensorDeskError("the shipped model cannot be opened now.")
        QTimer.singleShot(0, self._next)

    def _own_digits(self, action: dict) -> None:
        session = self.window.session
        for k in range(int(action["count"])):
            digit = k % 10
            image = self._test_digit(digit, k // 10 + 1)
            if action.get("style") == "mirrored":
                image = np.ascontiguousarray(image[:, ::-1])
            if not session.keep_example(image, digit):
                raise TensorDeskError("the digit could not be kept in My digits.")
        QTimer.singleShot(0, self._next)

    def _fine_tune(self, action: dict) -> None:
        view = self.window.view("mydigits")
        self.window.show_view("mydigits")
        tuning = view.tuning
        if "epochs" in action:
            tuning.epochs_spin.setValue(int(action["epochs"]))
        tuning.update_buttons()
        if not tuning.tune_button.isEnabled():
            raise TensorDeskError(f"fine-tuning cannot start now: {tuning.hint.text()}")
        self._wait_for(lambda f: f.kind == "fine_tune")
        tuning.fine_tune()

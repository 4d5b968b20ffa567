"""Presets: one-click lecture scenarios, each a readable JSON file in assets/presets/ (or any file a user saved).

A preset names the view to show and the settings to put in it:
- "train": Train-tab settings applied without running;
- "runs": a list of such settings trained one after another. A run may say "save_as": NAME, to keep its model
  in a temporary file, and a later one "transfer_from": NAME with "keep_layers" and "freeze";
- "train_limit": how many training images the runs use;
- "bn" / "descent" / "parallel": a lab's settings (field names of its settings), and "play": true to start it;
- "then_view": the view to show when the runs are done.
"""
from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from tensordesk.engine.errors import TensorDeskError
from tensordesk.engine.events import RunState

PRESET_DIR = Path(__file__).resolve().parent.parent / "assets" / "presets"
VIEWS = ("train", "draw", "bn", "descent", "evaluate", "histograms", "landscape", "parallel")
RUN_KEYS = {"arch", "optimizer", "learning_rate", "batch_size", "epochs", "batch_norm", "dropout", "l2",
            "lr_schedule", "ema", "save_as", "transfer_from", "keep_layers", "freeze"}


class PresetError(TensorDeskError):
    pass


@dataclass
class Preset:
    title: str
    description: str = ""
    view: str = "train"
    data: dict = field(default_factory=dict)
    path: str = ""


def read_preset(path) -> Preset:
    """Read and check one preset file; a bad file raises PresetError naming the problem."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PresetError(f"{path.name}: not a readable preset ({exc}).") from exc
    if not isinstance(data, dict) or not isinstance(data.get("title"), str):
        raise PresetError(f"{path.name}: a preset is a JSON object with a \"title\".")
    view = data.get("view", "train")
    if view not in VIEWS:
        raise PresetError(f"{path.name}: unknown view '{view}'; use one of {', '.join(VIEWS)}.")
    runs = data.get("runs", [])
    if not isinstance(runs, list) or not all(isinstance(r, dict) for r in runs):
        raise PresetError(f"{path.name}: \"runs\" must be a list of settings objects.")
    for run in runs + ([data["train"]] if isinstance(data.get("train"), dict) else []):
        unknown = set(run) - RUN_KEYS
        if unknown:
            raise PresetError(f"{path.name}: unknown run settings {', '.join(sorted(unknown))}.")
        problem = _run_problem(run)
        if problem:
            raise PresetError(f"{path.name}: {problem}")
    limit = data.get("train_limit")
    if limit is not None and not (isinstance(limit, int) and not isinstance(limit, bool) and limit >= 1):
        raise PresetError(f"{path.name}: \"train_limit\" must be a whole number of images (got {limit!r}).")
    from tensordesk.gui.i18n import current_language
    lang = current_language()   # a preset may carry "title_zh_CN" and "description_zh_CN"
    title = data.get(f"title_{lang}") or data["title"]
    description = data.get(f"description_{lang}") or data.get("description", "")
    return Preset(str(title), str(description), view, data, str(path))


def _run_problem(run: dict) -> str | None:
    """What is wrong with one run's values, in a sentence, or None."""
    from tensordesk.engine.models import ARCHITECTURES
    from tensordesk.engine.optimizers import OPTIMIZERS

    def number(v):
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    checks = {
        "arch": (lambda v: v in ARCHITECTURES, f"one of {', '.join(ARCHITECTURES)}"),
        "optimizer": (lambda v: v in OPTIMIZERS, f"one of {', '.join(OPTIMIZERS)}"),
        "lr_schedule": (lambda v: v in ("constant", "exponential"), "constant or exponential"),
        "learning_rate": (lambda v: number(v) and 0 < v <= 100, "a positive number"),
        "batch_size": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1, "a whole number ≥ 1"),
        "epochs": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1, "a whole number ≥ 1"),
        "keep_layers": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "a whole number"),
        "dropout": (lambda v: number(v) and 0 <= v < 1, "a number in [0, 1)"),
        "l2": (lambda v: number(v) and v >= 0, "zero or a positive number"),
        "batch_norm": (lambda v: isinstance(v, bool), "true or false"),
        "ema": (lambda v: isinstance(v, bool), "true or false"),
        "freeze": (lambda v: isinstance(v, bool), "true or false"),
        "save_as": (lambda v: isinstance(v, str) and v.isidentifier(), "a simple name"),
        "transfer_from": (lambda v: isinstance(v, str), "the name of an earlier run's save_as"),
    }
    for key, value in run.items():
        ok, wanted = checks[key]
        if not ok(value):
            return f"\"{key}\" must be {wanted} (got {value!r})."
    return None


def shipped_presets() -> list[Preset]:
    """The presets in assets/presets/, in file-name order (unreadable ones are skipped)."""
    out = []
    for path in sorted(PRESET_DIR.glob("*.json")):
        try:
            out.append(read_preset(path))
        except PresetError:
            continue
    return out


def view_widgets(window) -> dict:
    """A preset's view names → the main window's tabs."""
    w = window
    return {"train": w.train_tab, "draw": w.draw, "bn": w.bn_lab, "descent": w.descent_lab,
            "evaluate": w.evaluation, "histograms": w.histograms_view, "landscape": w.landscape_view,
            "parallel": w.parallel_lab}


class PresetRunner:
    """Applies a preset to the main window and trains its runs one after another."""

    def __init__(self, window):
        self.window = window
        self.queue: list[dict] = []
        self.then_view = None
        self.saved: dict[str, str] = {}
        self._tmp = tempfile.TemporaryDirectory(prefix="tensordesk-presets-")
        window.controller.finished.connect(self._on_run_finished)

    def views(self) -> dict:
        return view_widgets(self.window)

    def apply(self, preset: Preset) -> None:
        w, data = self.window, preset.data
        if w.controller.running:
            raise PresetError("a run is in progress: stop it before loading a preset.")
        self.queue, self.then_view = [dict(r) for r in data.get("runs", [])], data.get("then_view")
        if "train_limit" in data:
            if self.queue:   # the preset's own runs use it; the user's next runs get their data set back
                self._limit_before = w.max_train_samples
            w.max_train_samples = int(data["train_limit"])
        if isinstance(data.get("train"), dict):
            self._set_train(data["train"])
        w.tabs.setCurrentWidget(self.views()[preset.view])
        for key, lab in (("bn", w.bn_lab.experiment), ("descent", w.descent_lab.experiment)):
            if isinstance(data.get(key), dict):
                values = dict(data[key])
                if "start" in values:
                    values["start"] = tuple(values["start"])
                lab.apply_state(values)       # restarts the lab with these settings, as a user edit does
                if data.get("play") and not lab.is_playing:
                    lab.toggle_play()
        if isinstance(data.get("parallel"), dict):
            if w.parallel_lab.controller.running:
                raise PresetError("the data-parallel lab is running: stop it before loading a preset.")
            w.parallel_lab.set_settings(**data["parallel"])
            if data.get("play"):
                w.parallel_lab.start()
        w.statusBar().showMessage(QCoreApplication.translate("Presets", "Preset: %1").replace("%1", preset.title),
                                  8000)
        w._show_message(preset.description)
        self._next()

    def _set_train(self, run: dict) -> None:
        p = self.window.panel
        if "arch" in run:
            p._set_combo(p.arch_combo, run["arch"])  # the architecture's defaults first, then the preset's values
        if "optimizer" in run:
            p._set_combo(p.optimizer_combo, run["optimizer"])
        if "learning_rate" in run:
            p.lr_edit.setText(f"{run['learning_rate']:g}")
        if "lr_schedule" in run:
            p._set_combo(p.schedule_combo, run["lr_schedule"])
        for key, spin in (("batch_size", p.batch_spin), ("epochs", p.epochs_spin), ("dropout", p.dropout_spin),
                          ("l2", p.l2_spin)):
            if key in run:
                spin.setValue(run[key])
        for key, check in (("batch_norm", p.bn_check), ("ema", p.ema_check)):
            if key in run:
                check.setChecked(bool(run[key]))
        source = run.get("transfer_from")
        if source:
            if source not in self.saved:
                raise PresetError(f"no earlier run of this preset was saved as '{source}'.")
            p.set_transfer_model(self.saved[source])
            p.keep_spin.setValue(int(run.get("keep_layers", 1)))
            p.freeze_check.setChecked(bool(run.get("freeze", True)))
        else:
            p.transfer_box.setChecked(False)

    def _next(self) -> None:
        w = self.window
        if not self.queue:
            self._restore_limit()
            if self.then_view:
                w.tabs.setCurrentWidget(self.views()[self.then_view])
                self.then_view = None
            return
        self._current = self.queue.pop(0)
        self._set_train(self._current)
        w.tabs.setCurrentWidget(w.train_tab)
        w.start_training()

    def _on_run_finished(self, event) -> None:
        current, self._current = getattr(self, "_current", None), None
        if current is None:
            return
        if event.state != RunState.FINISHED:
            self.queue = []  # stopped by the user, or diverged (which may be the scenario's point): it ends here
            self._restore_limit()
            return
        if current.get("save_as") and self.window._last_model is not None:
            path = Path(self._tmp.name) / f"{current['save_as']}.tdm"
            if self.window.save_model(str(path)):
                self.saved[current["save_as"]] = str(path)
        if event.state == RunState.FINISHED and self.queue:
            # the finished run's thread is still winding down: start the next once it has gone
            self.window.controller.running_changed.connect(self._start_when_idle)
        elif not self.queue:
            self._next()

    def _start_when_idle(self, running: bool) -> None:
        if running:
            return
        self.window.controller.running_changed.disconnect(self._start_when_idle)
        self._next()

    def stop(self) -> None:
        self.queue, self.then_view = [], None
        self._restore_limit()

    def _restore_limit(self) -> None:
        if hasattr(self, "_limit_before"):
            self.window.max_train_samples = self._limit_before
            del self._limit_before


def current_setup(window) -> dict:
    """The window's current view and settings as a preset (File → Save setup as preset)."""
    views = {v: k for k, v in view_widgets(window).items()}
    view = views.get(window.tabs.currentWidget(), "train")
    p = window.panel
    train = {"arch": p.arch, "optimizer": p.optimizer_combo.currentData(), "learning_rate": p.learning_rate() or 1e-3,
             "lr_schedule": p.schedule_combo.currentData(), "batch_size": p.batch_spin.value(),
             "epochs": p.epochs_spin.value(), "batch_norm": p.bn_check.isChecked(),
             "dropout": round(p.dropout_spin.value(), 3), "l2": p.l2_spin.value(), "ema": p.ema_check.isChecked()}
    data = {"title": "My setup", "description": "", "view": view, "train": train}
    if window.max_train_samples:
        data["train_limit"] = window.max_train_samples
    if view == "bn":
        data["bn"] = window.bn_lab.experiment.settings_state()
    if view == "descent":
        data["descent"] = window.descent_lab.experiment.settings_state()
    if view == "parallel":
        data["parallel"] = window.parallel_lab.settings_state()
    for key in ("bn", "descent"):
        if key in data:
            data[key].pop("speed", None)
    return data

"""Presets: one-click lecture scenarios, each a readable JSON file in assets/presets/ (or any file a user saved).

A preset names the view to show and the settings to put in it:
- "train": Train-tab settings applied without running;
- "runs": a list of such settings trained one after another. A run may say "save_as": NAME, to keep its model
  in a temporary file, and a later one "transfer_from": NAME with "keep_layers" and "freeze";
- "train_limit": how many training images the runs use;
- "bn" / "descent" / "parallel": a lab's settings (field names of its settings), and "play": true to start it;
- "then_view": the view to show when the runs are done;
- "page": the page of the view to show (default its first, where the experiment is).
On stage a preset shows its page, its title and description in a banner over the view (with the number of training
images it uses), and every run starts from the architecture's defaults, whatever the last run left."""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QMessageBox, QToolButton, QVBoxLayout

from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.engine.core.events import RunState
from tensordesk.engine.core.files import ASSETS
from tensordesk.gui.model_files import remembered_folder

PRESET_DIR = ASSETS / "presets"
RUN_KEYS = {"arch", "optimizer", "learning_rate", "batch_size", "epochs", "batch_norm", "dropout", "l2",
            "lr_schedule", "decay_rate", "ema", "augment", "save_as", "transfer_from", "keep_layers", "freeze"}


_UNSET = object()


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
    return preset_from_data(data, path.name, str(path))


def preset_from_data(data: dict, name: str, path_text: str = "") -> Preset:
    """A preset from its fields (a file's, or a mission step's scene), checked; errors name `name`."""
    path = Path(name)
    from tensordesk.gui.views import VIEW_KEYS
    view = data.get("view", "train")
    if view not in VIEW_KEYS:
        raise PresetError(f"{path.name}: unknown view '{view}'; use one of {', '.join(VIEW_KEYS)}.")
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
    title = data.get(f"title_{lang}") or data.get("title", "")
    description = data.get(f"description_{lang}") or data.get("description", "")
    return Preset(str(title), str(description), view, data, path_text)


def _run_problem(run: dict) -> str | None:
    """What is wrong with one run's values, in a sentence, or None."""
    from tensordesk.engine.models.architectures import ARCHITECTURES
    from tensordesk.engine.models.optimizers import OPTIMIZERS

    def number(v):
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    from tensordesk.engine.core.settings import declared
    from tensordesk.engine.training.config import TrainConfig

    training = declared(TrainConfig)    # the training settings' one declaration: types, bounds, choices
    checks = {
        "arch": (lambda v: v in ARCHITECTURES, f"one of {', '.join(ARCHITECTURES)}"),
        "optimizer": (lambda v: v in OPTIMIZERS, f"one of {', '.join(OPTIMIZERS)}"),
        "keep_layers": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "a whole number"),
        "dropout": (lambda v: number(v) and 0 <= v < 1, "a number in [0, 1)"),
        "l2": (lambda v: number(v) and v >= 0, "zero or a positive number"),
        "batch_norm": (lambda v: isinstance(v, bool), "true or false"),
        "freeze": (lambda v: isinstance(v, bool), "true or false"),
        "save_as": (lambda v: isinstance(v, str) and v.isidentifier(), "a simple name"),
        "transfer_from": (lambda v: isinstance(v, str), "the name of an earlier run's save_as"),
    }
    for key, value in run.items():
        if key in training and key not in checks:
            why = training[key].problem(key, value)
            if why is not None:
                return f"\"{key}\": {why}"
            continue
        ok, wanted = checks[key]
        if not ok(value):
            return f"\"{key}\" must be {wanted} (got {value!r})."
    return None


def full_run(run: dict) -> dict:
    """A preset run's Train settings: everything it does not say comes from the architecture's and the training
    settings' declared defaults, never from whatever the last run left in the panel."""
    from tensordesk.engine.core.settings import declared
    from tensordesk.engine.models.architectures import ARCHITECTURES
    from tensordesk.engine.training.config import TrainConfig
    training = declared(TrainConfig)
    arch = ARCHITECTURES[run.get("arch", "cnn")]
    state = {"arch": arch.key, "lr_schedule": training["lr_schedule"].default,
             "decay_rate": training["decay_rate"].default, "epochs": training["epochs"].default,
             "ema": training["ema"].default, "augment": training["augment"].default,
             "optimizer": arch.train_defaults.get("optimizer", training["optimizer"].default),
             "learning_rate": arch.train_defaults.get("learning_rate", training["learning_rate"].default),
             "batch_size": arch.train_defaults.get("batch_size", training["batch_size"].default),
             "batch_norm": arch.defaults.get("batch_norm", False), "dropout": arch.defaults.get("dropout", 0.0),
             "l2": arch.defaults.get("l2", 0.0)}
    state.update({k: v for k, v in run.items() if k in RUN_KEYS})
    return state


def shipped_presets() -> list[Preset]:
    """The presets in assets/presets/, in file-name order (unreadable ones are skipped)."""
    out = []
    for path in sorted(PRESET_DIR.glob("*.json")):
        try:
            out.append(read_preset(path))
        except PresetError:
            continue
    return out


def preset_named(name: str) -> Preset:
    """A preset by its file's name ("01_bn_off_vs_on", with or without ".json"), its number ("01" or "1"), or
    the path of a preset file. Raises PresetError listing the shipped names."""
    path = Path(name).expanduser()
    if path.suffix.lower() == ".json" and path.is_file():
        return read_preset(path)
    stem = Path(name).stem
    files = sorted(PRESET_DIR.glob("*.json"))
    for f in files:
        number = f.stem.split("_", 1)[0]
        if stem == f.stem or (stem.isdigit() and number.isdigit() and int(stem) == int(number)):
            return read_preset(f)
    raise PresetError(f"no preset is called '{name}'; the shipped ones are "
                      f"{', '.join(f.stem for f in files)} (or give a preset file's path).")


class PresetRunner(QObject):
    """Applies a preset to the main window and trains its runs one after another."""
    banner_wanted = Signal(str, str, int)   # title, description, training images (0: the whole data set)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.train = window.view("train")
        self.queue: list[dict] = []
        self.then_view = None
        self.saved: dict[str, str] = {}
        self._current = None
        self._limit_before = _UNSET     # the image limit to give back when the preset's runs end
        self._tmp = tempfile.TemporaryDirectory(prefix="tensordesk-presets-")
        self.train.run_finished.connect(self._on_run_finished)

    def apply(self, preset: Preset) -> None:
        from tensordesk.gui.views import VIEWS
        w, data, train = self.window, preset.data, self.train
        if self.window.session.training:
            raise PresetError("a run is in progress: stop it before loading a preset.")
        self.queue, self.then_view = [dict(r) for r in data.get("runs", [])], data.get("then_view")
        if "train_limit" in data:
            if self.queue:   # the preset's own runs use it; the user's next runs get their data set back
                self._limit_before = train.max_train_samples
            train.set_limit(int(data["train_limit"]))
        if isinstance(data.get("train"), dict):
            self._set_train(data["train"])
        w.show_view(preset.view)
        w.view(preset.view).show_page(int(data.get("page", 0)))   # where the experiment is, not the last page seen
        for view in VIEWS:
            section = data.get(view.preset_section)
            if view.key != "train" and isinstance(section, dict):
                try:   # a lab's settings: it restarts with them, as after a user's edit
                    w.view(view.key).apply_preset(section, bool(data.get("play")))
                except TensorDeskError as exc:
                    raise PresetError(str(exc)) from exc
        if preset.title:    # a mission's scene has none: the missions panel says what it is for
            w.statusBar().showMessage(QCoreApplication.translate("Presets", "Preset: %1").replace("%1", preset.title),
                                      8000)
            self.banner_wanted.emit(preset.title, preset.description, data.get("train_limit") or 0)
        self._next()

    def _set_train(self, run: dict) -> None:
        train = self.train
        train.apply_preset({k: v for k, v in full_run(run).items() if k in RUN_KEYS}, play=False)
        source = run.get("transfer_from")
        if source and source not in self.saved:
            raise PresetError(f"no earlier run of this preset was saved as '{source}'.")
        train.set_transfer(self.saved[source] if source else None, run.get("keep_layers", 1), run.get("freeze", True))

    def _next(self) -> None:
        w = self.window
        if not self.queue:
            self._restore_limit()
            if self.then_view:
                w.show_view(self.then_view)
                self.then_view = None
            return
        self._current = self.queue.pop(0)
        self._set_train(self._current)
        w.show_view("train")
        self.train.start_training()

    def _on_run_finished(self, event) -> None:
        current, self._current = self._current, None
        if current is None:
            return
        if event.state != RunState.FINISHED:
            self.queue = []  # stopped by the user, or diverged (which may be the scenario's point): it ends here
            self._restore_limit()
            return
        if current.get("save_as") and self.window.session.checkpoint is not None:
            path = Path(self._tmp.name) / f"{current['save_as']}.tdm"
            if self.window.files.save_model(str(path)):
                self.saved[current["save_as"]] = str(path)
        if self.queue:
            # the finished run's thread is still winding down: start the next once it has gone
            self.train.running_changed.connect(self._start_when_idle)
        else:
            self._next()

    def _start_when_idle(self, running: bool) -> None:
        if running:
            return
        self.train.running_changed.disconnect(self._start_when_idle)
        self._next()

    def stop(self) -> None:
        self.queue, self.then_view = [], None
        self._restore_limit()

    def _restore_limit(self) -> None:
        if self._limit_before is not _UNSET:
            self.train.set_limit(self._limit_before)
            self._limit_before = _UNSET


def current_setup(window) -> dict:
    """The window's current view and settings as a preset (Presets → Save current setup as preset)."""
    from tensordesk.gui.views import VIEWS
    view = window.current_view_key()
    train = window.view("train")
    data = {"title": "My setup", "description": "", "view": view,
            "train": {k: v for k, v in train.preset_state().items() if k in RUN_KEYS}}
    if train.max_train_samples:
        data["train_limit"] = train.max_train_samples
    for spec in VIEWS:   # the lab on screen keeps its settings in the preset
        if spec.key == view and spec.key != "train" and spec.preset_section:
            data[spec.preset_section] = window.view(spec.key).preset_state()
    return data


class PresetBanner(QFrame):
    """A preset's title and description over the views, where the audience sees them, until dismissed (× or
    Esc on it) or the next preset replaces them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("presetBanner")
        self.setFrameShape(QFrame.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.AlternateBase)
        self.title = QLabel()
        self.title.setObjectName("presetBannerTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setObjectName("presetBannerText")
        self.text.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setObjectName("presetBannerClose")
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Hide this description"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        column = QVBoxLayout()
        column.addWidget(self.title)
        column.addWidget(self.text)
        row = QHBoxLayout(self)
        row.addLayout(column, 1)
        row.addWidget(self.close_button, 0, Qt.AlignTop)
        self.hide()

    def show_preset(self, title: str, description: str, images: int) -> None:
        self.title.setText(title)
        data = self.tr("Its runs train on %1 images.").replace("%1", f"{images:,}") if images else ""
        self.text.setText(" ".join(p for p in (description, data) if p))
        self.show()


class Presets(QObject):
    """The Presets menu: the shipped presets (Ctrl+Alt+1…8), a preset file, and the current setup saved as one."""

    def __init__(self, window, settings, make_action):
        super().__init__(window)
        self.window, self.settings = window, settings
        self.runner = PresetRunner(window)
        self.banner = PresetBanner()
        self.runner.banner_wanted.connect(self.banner.show_preset)
        self.shipped = [make_action(p.title, QKeySequence(f"Ctrl+Alt+{i + 1}") if i < 9 else None,
                                    lambda checked=False, pr=p: self.load(pr)) for i, p in enumerate(shipped_presets())]
        for action, preset in zip(self.shipped, shipped_presets()):
            action.setToolTip(preset.description)
        self.open_action = make_action(self.tr("Open preset file…"), QKeySequence("Ctrl+Shift+O"), self.open_dialog)
        self.save_action = make_action(self.tr("Save current setup as preset…"), QKeySequence("Ctrl+Shift+S"),
                                       self.save_dialog)

    def add_to(self, menu) -> None:
        for action in self.shipped:
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.open_action)
        menu.addAction(self.save_action)
        menu.setToolTipsVisible(True)

    def load(self, preset) -> bool:
        """Set up a preset's view and settings, and start its runs or lab."""
        w = self.window
        if not w.engine_is_ready:
            QMessageBox.information(w, self.tr("Preset"), self.tr("TensorFlow is still loading; try again in a "
                                                                  "moment."))
            return False
        try:
            self.runner.apply(preset)
        except PresetError as exc:
            QMessageBox.warning(w, self.tr("Cannot load the preset"), str(exc))
            return False
        except (TypeError, ValueError, KeyError) as exc:   # a lab setting of the wrong kind in a user's file
            self.runner.stop()
            QMessageBox.warning(w, self.tr("Cannot load the preset"),
                                self.tr("A lab setting in it is not valid: %1").replace("%1", str(exc)))
            return False
        return True

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open preset"),
                                              remembered_folder(self.settings, "paths/presets"),
                                              self.tr("TensorDesk presets (*.json);;All files (*)"))
        if not path:
            return
        try:
            preset = read_preset(path)
        except PresetError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot open the preset"), str(exc))
            return
        self.settings.setValue("paths/presets", str(Path(path).parent))
        self.load(preset)

    def save_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save setup as preset"),
                                              os.path.join(remembered_folder(self.settings, "paths/presets"),
                                                           "my_setup.json"),
                                              self.tr("TensorDesk presets (*.json)"))
        if path:
            self.save(path)

    def save(self, path: str, title: str | None = None) -> bool:
        data = current_setup(self.window)
        data["title"] = title or Path(path).stem.replace("_", " ")
        try:
            Path(path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot save the preset"), str(exc))
            return False
        self.window.statusBar().showMessage(self.tr("Saved preset %1").replace("%1", path), 5000)
        return True

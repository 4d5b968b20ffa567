"""TensorDesk's main window: the Train view (experiment, controls, live curves) and the Draw view."""
from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QSettings, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton,
                               QSplitter, QTabWidget, QVBoxLayout, QWidget)

from tensordesk.engine.datasets import DEFAULT_SOURCE
from tensordesk.engine.errors import TensorDeskError
from tensordesk.engine.events import RunState
from tensordesk.gui.batchnorm_lab import BatchNormLabView
from tensordesk.gui.data_text import set_text_with_data
from tensordesk.gui.controller import (JobController, RunRequest, TrainingController, collect_garbage_in_gui_thread,
                            freeze_startup_objects, import_engine)
from tensordesk.gui.descent_lab import DescentLabView
from tensordesk.gui.draw_view import DrawView
from tensordesk.gui.i18n import LANGUAGES
from tensordesk.gui.i18n import SETTING as LANGUAGE_SETTING
from tensordesk.gui.names import spec_label, tr_engine
from tensordesk.gui.parallel_lab import DataParallelLab
from tensordesk.gui.evaluation_view import EvaluationView
from tensordesk.gui.histograms_view import HistogramsView
from tensordesk.gui.landscape_view import LandscapeView
from tensordesk.gui.live_label import LiveLabel
from tensordesk.gui.experiment_panel import ExperimentPanel
from tensordesk.gui.plots import TrainingPlots
from tensordesk.gui.presentation import SCALES, Presentation

MAX_RECENT = 8


class EngineLoader(QObject):
    """Imports TensorFlow off the GUI thread so the window shows at once."""

    ready = Signal(object)     # engine.device.DeviceInfo
    failed = Signal(str)

    @Slot()
    def run(self) -> None:
        try:
            import_engine()
            from tensordesk.engine.device import configure_devices
            self.ready.emit(configure_devices())
        except Exception as exc:  # a broken install must end in a message, not a crash
            self.failed.emit(f"{type(exc).__name__}: {exc}")


def fmt_eta(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class MainWindow(QMainWindow):
    engine_ready = Signal()

    def __init__(self, model_path: str | None = None):
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("TensorDesk")
        collect_garbage_in_gui_thread()
        self.settings = QSettings()
        self.device = None
        self.controller = TrainingController(self)
        self.run_id = None
        self.run_request = None
        self.run_history: list = []
        self._pending_model_path = model_path
        self._last_model = None   # (model, spec, config dict, history, meta)
        self._test_digits = None
        self._rng = np.random.default_rng()
        self._max_train_samples = None
        self.histogram_every = 25       # batches between layer histograms (the batch-norm lab's MNIST panel)
        self._latest_batch = None

        # ---------------------------------------------------------------- train view
        self.panel = ExperimentPanel()
        self.plots = TrainingPlots()
        # progress and curves change on the same frame tick: one repaint of the window a frame, not two
        self.plots.timer.timeout.connect(self._refresh_progress)
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setObjectName("startButton")
        self.start_button.setToolTip(self.tr("Train a new model with these settings (Space)"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setObjectName("pauseButton")
        self.pause_button.setToolTip(self.tr("Pause or resume training (Space)"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setToolTip(self.tr("Stop training and keep the model as it is (Esc)"))
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setObjectName("resetButton")
        self.reset_button.setToolTip(self.tr("Reset the settings to the architecture's defaults (Ctrl+R)"))
        self.progress = QProgressBar()
        self.progress.setObjectName("trainingProgress")
        self.progress.setFormat("%p%")
        self.progress_label = LiveLabel(self.tr("Ready."))
        self.progress_label.setObjectName("progressLabel")
        self.message_label = QLabel("")
        self.message_label.setObjectName("runMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextSelectableByMouse)

        buttons = QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.stop_button, self.reset_button):
            buttons.addWidget(b)
        left = QVBoxLayout()
        left.addWidget(self.panel, 1)
        left.addLayout(buttons)
        left_w = QWidget()
        left_w.setLayout(left)
        left_w.setMaximumWidth(420)
        self.left_panel = left_w
        right = QVBoxLayout()
        right.addWidget(self.plots, 1)
        prow = QHBoxLayout()
        prow.addWidget(self.progress, 2)
        prow.addWidget(self.progress_label, 3)
        right.addLayout(prow)
        right.addWidget(self.message_label)
        right_w = QWidget()
        right_w.setLayout(right)
        train = QSplitter(Qt.Horizontal)
        self.train_tab = train
        train.addWidget(left_w)
        train.addWidget(right_w)
        train.setStretchFactor(1, 1)

        # ---------------------------------------------------------------- draw view
        self.draw = DrawView()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.addTab(train, self.tr("Train"))
        self.tabs.addTab(self.draw, self.tr("Draw"))
        self.bn_lab = BatchNormLabView()
        self.tabs.addTab(self.bn_lab, self.tr("Batch-norm lab"))
        self.descent_lab = DescentLabView()
        self.tabs.addTab(self.descent_lab, self.tr("Gradient-descent lab"))
        self.evaluation = EvaluationView()
        self.tabs.addTab(self.evaluation, self.tr("Evaluate"))
        self.eval_jobs = JobController("EvaluationThread", self)
        self.histograms_view = HistogramsView()
        self.tabs.addTab(self.histograms_view, self.tr("Histograms"))
        self.landscape_view = LandscapeView()
        self.tabs.addTab(self.landscape_view, self.tr("Landscape"))
        self.parallel_lab = DataParallelLab()
        self.tabs.addTab(self.parallel_lab, self.tr("Data-parallel lab"))
        self.landscape_jobs = JobController("LandscapeThread", self)
        self._last_trajectory = None  # weights along the last run (or in the opened file), for the landscape
        self.setCentralWidget(self.tabs)

        # ---------------------------------------------------------------- status bar
        self.device_label = QLabel(self.tr("Loading TensorFlow…"))
        self.device_label.setObjectName("deviceLabel")
        self.data_label = QLabel("")
        self.data_label.setObjectName("dataLabel")
        self.statusBar().addPermanentWidget(self.data_label)
        self.statusBar().addPermanentWidget(self.device_label)

        self._build_actions()
        self._wire()
        self.panel.load_settings(self.settings)
        for pane, key in self._lab_panes():
            pane.load_settings(self.settings, key)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        self._update_buttons()
        self._update_param_count()
        self.set_presentation(scale=int(self.settings.value("view/scale", 100)),
                              theme=str(self.settings.value("view/theme", "light")))
        self._start_engine_loader()

    # ------------------------------------------------------------------ setup
    def _lab_panes(self):
        return ((self.bn_lab.experiment, "labs/batchNorm"), (self.descent_lab.experiment, "labs/descent"),
                (self.descent_lab.curve_fit, "labs/curveFit"), (self.parallel_lab, "labs/dataParallel"))

    def _build_actions(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu(self.tr("&File"))
        self.open_action = self._action(self.tr("&Open model…"), QKeySequence.Open, self.open_model_dialog)
        self.save_action = self._action(self.tr("&Save model…"), QKeySequence.Save, self.save_model_dialog)
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.Quit, self.close)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        file_menu.addAction(self.save_action)
        self.export_action = self._action(self.tr("&Export as Python script…"), QKeySequence("Ctrl+Shift+E"),
                                          self.export_script_dialog)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        train_menu = mb.addMenu(self.tr("&Train"))
        self.start_pause_action = self._action(self.tr("Start / pause"), QKeySequence(Qt.Key_Space),
                                               self.start_or_pause)
        self.stop_action = self._action(self.tr("Stop"), QKeySequence(Qt.Key_Escape), self.stop_training)
        self.reset_action = self._action(self.tr("Reset settings"), QKeySequence("Ctrl+R"), self.reset_settings)
        for a in (self.start_pause_action, self.stop_action, self.reset_action):
            train_menu.addAction(a)
        draw_menu = mb.addMenu(self.tr("&Draw"))
        self.clear_action = self._action(self.tr("Clear canvas"), QKeySequence(Qt.Key_Delete), self.draw.canvas.clear)
        self.undo_action = self._action(self.tr("Undo stroke"), QKeySequence.Undo, self.draw.canvas.undo)
        self.random_action = self._action(self.tr("Random test digit"), QKeySequence("Ctrl+T"), self.random_test_digit)
        self.eraser_action = self._action(self.tr("Eraser"), QKeySequence("E"), self.draw.eraser_button.toggle)
        self.insight_action = self._action(self.tr("Inside the network"), QKeySequence("Ctrl+I"), self.show_insight)
        for a in (self.clear_action, self.undo_action, self.random_action, self.eraser_action, self.insight_action):
            draw_menu.addAction(a)
        view_menu = mb.addMenu(self.tr("&View"))
        view_menu.addAction(self._action(self.tr("Train view"), QKeySequence("Ctrl+1"),
                                         lambda: self.tabs.setCurrentIndex(0)))
        view_menu.addAction(self._action(self.tr("Draw view"), QKeySequence("Ctrl+2"),
                                         lambda: self.tabs.setCurrentIndex(1)))
        view_menu.addAction(self._action(self.tr("Batch-norm lab"), QKeySequence("Ctrl+3"),
                                         lambda: self.tabs.setCurrentWidget(self.bn_lab)))
        view_menu.addAction(self._action(self.tr("Gradient-descent lab"), QKeySequence("Ctrl+4"),
                                         lambda: self.tabs.setCurrentWidget(self.descent_lab)))
        view_menu.addAction(self._action(self.tr("Evaluate view"), QKeySequence("Ctrl+5"),
                                         lambda: self.tabs.setCurrentWidget(self.evaluation)))
        self.evaluate_action = self._action(self.tr("Evaluate on the test set"), QKeySequence("Ctrl+E"),
                                            self.evaluate_model)
        train_menu.addAction(self.evaluate_action)
        view_menu.addAction(self._action(self.tr("Histograms"), QKeySequence("Ctrl+6"),
                                         lambda: self.tabs.setCurrentWidget(self.histograms_view)))
        view_menu.addAction(self._action(self.tr("Loss landscape"), QKeySequence("Ctrl+7"),
                                         lambda: self.tabs.setCurrentWidget(self.landscape_view)))
        view_menu.addAction(self._action(self.tr("Data-parallel lab"), QKeySequence("Ctrl+8"),
                                         lambda: self.tabs.setCurrentWidget(self.parallel_lab)))
        self.landscape_action = self._action(self.tr("Compute the loss landscape"), QKeySequence("Ctrl+L"),
                                             self.compute_landscape)
        train_menu.addAction(self.landscape_action)
        view_menu.addSeparator()
        self.presentation_action = self._action(self.tr("Presentation mode"), QKeySequence(Qt.Key_F11),
                                                self.toggle_presentation)
        self.presentation_action.setCheckable(True)
        view_menu.addAction(self.presentation_action)
        scale_menu = view_menu.addMenu(self.tr("Presentation scale"))
        for text, keys, step in ((self.tr("Larger"), QKeySequence.ZoomIn, 1),
                                 (self.tr("Smaller"), QKeySequence.ZoomOut, -1),
                                 (self.tr("Normal size"), QKeySequence("Ctrl+0"), 0)):
            scale_menu.addAction(self._action(text, keys, lambda checked=False, s=step: self.step_scale(s)))
        scale_menu.addSeparator()
        self.scale_actions = {}
        for pct in SCALES:
            a = scale_menu.addAction(f"{pct}%")
            a.setCheckable(True)
            a.triggered.connect(lambda checked=False, v=pct: self.set_presentation(scale=v))
            self.scale_actions[pct] = a
        theme_menu = view_menu.addMenu(self.tr("Theme"))
        self.theme_actions = {}
        for key, text in (("light", self.tr("High-contrast light")), ("dark", self.tr("High-contrast dark"))):
            a = theme_menu.addAction(text)
            a.setCheckable(True)
            a.triggered.connect(lambda checked=False, v=key: self.set_presentation(theme=v))
            self.theme_actions[key] = a
        theme_menu.addSeparator()
        theme_menu.addAction(self._action(self.tr("Switch light / dark"), QKeySequence("Ctrl+Shift+D"),
                                          lambda: self.set_presentation(
                                              theme="light" if self.presentation.theme == "dark" else "dark")))
        language_menu = view_menu.addMenu(self.tr("Language"))
        self.language_actions = {}
        for code, text in (("", self.tr("System default")), *LANGUAGES.items()):
            a = language_menu.addAction(text)
            a.setCheckable(True)
            a.setChecked(code == str(self.settings.value(LANGUAGE_SETTING, "") or ""))
            a.triggered.connect(lambda checked=False, c=code: self.set_language(c))
            self.language_actions[code] = a
        preset_menu = mb.addMenu(self.tr("&Presets"))
        from tensordesk.gui.presets import shipped_presets
        for i, preset in enumerate(shipped_presets()):
            a = self._action(preset.title, QKeySequence(f"Ctrl+Alt+{i + 1}") if i < 9 else None,
                             lambda checked=False, pr=preset: self.load_preset(pr))
            a.setToolTip(preset.description)
            preset_menu.addAction(a)
        preset_menu.addSeparator()
        preset_menu.addAction(self._action(self.tr("Open preset file…"), QKeySequence("Ctrl+Shift+O"),
                                           self.open_preset_dialog))
        preset_menu.addAction(self._action(self.tr("Save current setup as preset…"), QKeySequence("Ctrl+Shift+S"),
                                           self.save_preset_dialog))
        preset_menu.setToolTipsVisible(True)
        help_menu = mb.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("Keyboard shortcuts"), QKeySequence(Qt.Key_F1), self.show_shortcuts))
        help_menu.addAction(self._action(self.tr("About TensorDesk"), None, self.show_about))
        self._rebuild_recent()

    def _action(self, text, shortcut, slot) -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcut(shortcut)
            a.setShortcutContext(Qt.WindowShortcut)
        a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _wire(self) -> None:
        self.start_button.clicked.connect(self.start_training)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop_training)
        self.reset_button.clicked.connect(self.reset_settings)
        self.panel.changed.connect(self._update_param_count)
        self.panel.validity_changed.connect(lambda ok: self._update_buttons())
        self.panel.learning_rate_edited.connect(self._on_lr_edited)
        c = self.controller
        c.dataset_loaded.connect(self._on_dataset_loaded)
        c.model_ready.connect(self._on_model_ready)
        c.started.connect(self._on_started)
        c.batch_finished.connect(self._on_batch)
        c.epoch_finished.connect(self._on_epoch)
        c.weights_ready.connect(self.draw.set_weights)
        c.histograms_ready.connect(self._on_histograms)
        c.pause_changed.connect(self._on_pause_changed)
        c.errored.connect(self._on_errored)
        c.finished.connect(self._on_finished)
        c.running_changed.connect(lambda running: self._update_buttons())
        self.draw.weights_wanted.connect(self.controller.request_weights)
        self.draw.load_requested.connect(self.open_model_dialog)
        self.draw.train_requested.connect(lambda: self.tabs.setCurrentIndex(0))
        self.draw.random_digit_requested.connect(self.random_test_digit)
        self.draw.test_data_wanted.connect(self._give_code_space_data)
        self.evaluation.evaluate_requested.connect(self.evaluate_model)
        self.evaluation.cancel_requested.connect(self.eval_jobs.stop)
        self.evaluation.image_chosen.connect(self._show_on_canvas)
        self.eval_jobs.progressed.connect(self.evaluation.set_progress)
        self.eval_jobs.result_ready.connect(self._on_evaluated)
        self.eval_jobs.errored.connect(lambda text: self.evaluation.show_message(
            self.tr("Evaluation failed: %1").replace("%1", text)))
        self.eval_jobs.running_changed.connect(lambda running: self._update_buttons())
        self.landscape_view.compute_requested.connect(self.compute_landscape)
        self.landscape_view.cancel_requested.connect(self.landscape_jobs.stop)
        self.landscape_jobs.progressed.connect(self.landscape_view.set_progress)
        self.landscape_jobs.result_ready.connect(lambda payload: self.landscape_view.show_landscape(*payload))
        self.landscape_jobs.errored.connect(lambda text: self.landscape_view.show_message(
            self.tr("The landscape could not be computed: %1").replace("%1", text)))
        self.landscape_jobs.running_changed.connect(lambda running: self._update_buttons())

    def _start_engine_loader(self) -> None:
        self._loader_thread = QThread(self)
        self._loader_thread.setObjectName("EngineLoaderThread")
        self._loader = EngineLoader()
        self._loader.moveToThread(self._loader_thread)
        self._loader_thread.started.connect(self._loader.run)
        self._loader.ready.connect(self._on_engine_ready)
        self._loader.failed.connect(self._on_engine_failed)
        self._loader.ready.connect(self._loader_thread.quit, Qt.DirectConnection)
        self._loader.failed.connect(self._loader_thread.quit, Qt.DirectConnection)
        self._loader_thread.start()

    # ------------------------------------------------------------------ engine state
    @Slot(object)
    def _on_engine_ready(self, device) -> None:
        freeze_startup_objects()
        self.device = device
        self.descent_lab.engine_ready()
        self.landscape_view.attach_3d()
        set_text_with_data(self.device_label, self.tr("%1  ·  TensorFlow %2"), device.describe(), device.tf_version)
        self.statusBar().showMessage(self.tr("TensorFlow is ready."), 3000)
        self._update_buttons()
        self._update_param_count()
        self.engine_ready.emit()
        if self._pending_model_path:
            path, self._pending_model_path = self._pending_model_path, None
            self.open_model(path)
            self.tabs.setCurrentIndex(1)

    @Slot(str)
    def _on_engine_failed(self, message: str) -> None:
        self.device_label.setText(self.tr("TensorFlow failed to load"))
        QMessageBox.critical(self, "TensorDesk", self.tr("TensorFlow could not be loaded:\n%1").replace("%1", message))

    @property
    def engine_is_ready(self) -> bool:
        return self.device is not None

    @property
    def max_train_samples(self) -> int | None:
        """Train on at most this many images (tests, scripted demos); the batch-size check follows it."""
        return self._max_train_samples

    @max_train_samples.setter
    def max_train_samples(self, value: int | None) -> None:
        self._max_train_samples = value
        self.panel.train_limit = value
        self.panel._check_batch()

    def _update_param_count(self) -> None:
        try:
            spec = self.panel.spec()
        except TensorDeskError as exc:
            self.panel.params_label.setText(str(exc))
            return
        if not self.engine_is_ready:
            self.panel.params_label.setText(self.tr("Parameter count: available once TensorFlow has loaded."))
            return
        cache = getattr(self, "_param_cache", {})
        self._param_cache = cache
        if spec not in cache:
            from tensordesk.engine.models import build_model
            cache[spec] = build_model(spec, seed=None).count_params()
        self.panel.params_label.setText(self.tr("%1 trainable parameters").replace("%1", f"{cache[spec]:,}"))

    def _update_buttons(self) -> None:
        running = self.controller.running
        ready = self.engine_is_ready
        valid = self.panel.is_valid()
        self.start_button.setEnabled(ready and not running and valid)
        self.pause_button.setEnabled(running)
        self.pause_button.setText(self.tr("Resume") if self.controller.paused else self.tr("Pause"))
        self.stop_button.setEnabled(running)
        self.reset_button.setEnabled(not running)
        self.reset_action.setEnabled(not running)
        self.stop_action.setEnabled(running)
        self.open_action.setEnabled(ready and not running)
        self.save_action.setEnabled(self._last_model is not None and not running)
        self.panel.set_training(running)
        self.draw.training_live = running
        can_evaluate = ready and not running and self._last_model is not None and self._last_model[1].is_classifier
        self.evaluation.set_busy(self.eval_jobs.running, can_evaluate)
        self.evaluate_action.setEnabled(can_evaluate and not self.eval_jobs.running)
        can_slice = ready and not running and self._last_model is not None
        self.landscape_view.set_busy(self.landscape_jobs.running, can_slice)
        self.landscape_action.setEnabled(can_slice and not self.landscape_jobs.running)

    # ------------------------------------------------------------------ training
    @Slot()
    def start_or_pause(self) -> None:
        """Space: play/pause the lab on screen, otherwise start or pause training."""
        lab = self.tabs.currentWidget()
        if hasattr(lab, "toggle_play"):
            lab.toggle_play()
            return
        if self.controller.running:
            self.toggle_pause()
        elif self.start_button.isEnabled():
            self.start_training()

    @Slot()
    def start_training(self) -> None:
        if self.controller.running or not self.engine_is_ready:
            return
        from tensordesk.engine.training import TrainConfig
        try:
            spec = self.panel.spec()
            settings = self.panel.train_settings()
            if settings["learning_rate"] is None:
                raise TensorDeskError(self.tr("The learning rate must be a positive number."))
            if self.panel.batch_problem():
                raise TensorDeskError(self.panel.batch_problem())
            config = TrainConfig(**settings, max_train_samples=self.max_train_samples,
                                 histogram_every=self.histogram_every,
                                 trajectory_per_epoch=4 if self._keeps_trajectory(spec) else 0,
                                 log_dir=self.panel.tensorboard_dir()).validate()
        except TensorDeskError as exc:
            self._show_message(str(exc), error=True)
            return
        transfer = self.panel.transfer()
        self.run_request = RunRequest(spec, config, self.panel.dataset_source,
                                      **({} if transfer is None else dict(base_model_path=transfer[0],
                                                                          keep_layers=transfer[1],
                                                                          freeze=transfer[2])))
        self.run_id = self.plots.add_run(self.panel.run_label())
        self.bn_lab.compare.run_started(self.run_id, self.panel.run_label(), spec.batch_norm)
        self.histograms_view.run_started(f"#{self.run_id} {self.panel.run_label()}")
        self.run_history = []
        self.progress.setValue(0)
        self.progress_label.setText(self.tr("Loading data…"))
        self._show_message("")
        self._t_start = time.perf_counter()
        self.controller.start(self.run_request)
        self._update_buttons()

    @Slot()
    def toggle_pause(self) -> None:
        if not self.controller.running:
            return
        if self.controller.paused:
            self.controller.resume()
        else:
            self.controller.pause()

    @Slot()
    def stop_training(self) -> None:
        if self.controller.running:
            self.progress_label.setText(self.tr("Stopping…"))
            self.controller.stop()

    @Slot()
    def reset_settings(self) -> None:
        if not self.controller.running:
            self.panel._apply_arch_defaults(self.panel.arch)
            self.progress.setValue(0)
            self.progress_label.setText(self.tr("Ready."))

    @Slot(float)
    def _on_lr_edited(self, lr: float) -> None:
        if self.controller.running:
            self.controller.set_learning_rate(lr)
            self.statusBar().showMessage(self.tr("Learning rate set to %1 within a tenth of a second.")
                                         .replace("%1", f"{lr:g}"), 3000)

    @Slot(object)
    def _on_dataset_loaded(self, dataset) -> None:
        self.dataset = dataset
        self.draw.code_space.set_data(dataset.x_test[:2000], dataset.y_test[:2000], dataset.class_names)
        tr_, va, te = dataset.sizes
        self.data_label.setText(self.tr("%1: %2 train / %3 validation / %4 test").replace("%1", dataset.title)
                                .replace("%2", f"{tr_:,}").replace("%3", f"{va:,}").replace("%4", f"{te:,}"))
        for note in dataset.notes:
            self._show_message(note)

    @Slot(object)
    def _on_model_ready(self, model) -> None:
        req = self.run_request
        names = self.dataset.class_names if getattr(self, "dataset", None) is not None else tuple(map(str, range(10)))
        self.draw.set_model(model, names, self.tr("%1 (training)").replace("%1", self.panel.run_label()),
                            req.spec.is_classifier)

    @Slot(object)
    def _on_started(self, event) -> None:
        self.progress.setMaximum(event.total_steps)
        self.plots.plan_run(self.run_id, event.total_steps)
        self._total_steps = event.total_steps
        self._steps_per_epoch = event.steps_per_epoch
        self._epochs = event.epochs

    @Slot(object)
    def _on_histograms(self, event) -> None:
        self.bn_lab.compare.add_histograms(self.run_id, event)
        self.histograms_view.add_histograms(event)

    @Slot(object)
    def _on_batch(self, event) -> None:
        # per batch only cheap bookkeeping; widgets follow on the progress timer
        self.plots.add_batch(self.run_id, event.step, event.loss, event.learning_rate)
        self._latest_batch = event

    def _refresh_progress(self) -> None:
        event, self._latest_batch = self._latest_batch, None
        if event is None:
            return
        # QProgressBar.setValue repaints at once (a paint and a flush of its own); with updates off for the
        # call it is painted with the rest of the frame instead
        self.progress.setUpdatesEnabled(False)
        self.progress.setValue(event.step)
        self.progress.setUpdatesEnabled(True)
        remaining = (self._total_steps - event.step) * self.run_request.config.batch_size
        eta = remaining / event.samples_per_s if event.samples_per_s > 0 else float("nan")
        step_in_epoch = event.step - (event.epoch - 1) * self._steps_per_epoch
        text = self.tr("epoch %1/%2 · step %3/%4 · %5 samples/s · ETA %6")
        for k, v in (("%1", event.epoch), ("%2", self._epochs), ("%3", step_in_epoch),
                     ("%4", self._steps_per_epoch), ("%5", f"{event.samples_per_s:,.0f}"),
                     ("%6", fmt_eta(eta) if np.isfinite(eta) else "…")):
            text = text.replace(k, str(v))
        self.progress_label.setText(text)

    @Slot(object)
    def _on_epoch(self, event) -> None:
        self.plots.add_epoch(self.run_id, event.epoch, event.loss, event.accuracy, event.val_loss, event.val_accuracy)

    @Slot(bool)
    def _on_pause_changed(self, paused: bool) -> None:
        self._update_buttons()
        if paused:
            self.progress_label.setText(self.tr("Paused at step %1.").replace("%1", str(self.progress.value())))

    @Slot(str)
    def _on_errored(self, message: str) -> None:
        self._show_message(message, error=True)

    @Slot(object)
    def _on_finished(self, event) -> None:
        self._refresh_progress()
        state = event.state
        state_word = self._state_word(state)
        self.plots.relabel(self.run_id, state_word if state != RunState.FINISHED else
                           (f"{event.result['test_accuracy']:.1%}" if event.result and
                            event.result.get("test_accuracy") is not None else state_word))
        self.progress_label.setText(self.tr("Run %1 %2.").replace("%1", f"#{self.run_id}").replace("%2", state_word))
        message = event.sentence(tr_engine)   # in the window's language
        if event.result and event.result.get("log_dir"):
            message += " " + self.tr("TensorBoard log: %1 (open it with: tensorboard --logdir %2)").replace(
                "%1", event.result["log_dir"]).replace("%2", self.panel.log_dir)
        self._show_message(message, error=state.failed)
        if state.kept and self.draw.predictor.model is not None and event.result:
            self.draw.predictor.sync()  # the final weights, before the model is kept, saved or evaluated
            self._last_trajectory = event.result.get("trajectory")
            req = self.run_request
            self._last_model = (self.draw.predictor.model, req.spec, req.config.to_dict(), event.result["history"],
                                {"dataset": getattr(self.dataset, "name", ""),
                                 "class_names": list(self.draw.predictor.class_names),
                                 "test_accuracy": event.result.get("test_accuracy"),
                                 "test_loss": event.result.get("test_loss")})
            self.draw.set_model(self.draw.predictor.model, self.draw.predictor.class_names,
                                self.tr("%1 (trained, run #%2)").replace("%1", self.panel.run_label())
                                .replace("%2", str(self.run_id)), req.spec.is_classifier)
        elif state.failed and self._last_model is None:
            self.draw.set_model(None, self.draw.predictor.class_names, "")
        self._update_buttons()

    def _state_word(self, state: RunState) -> str:
        return {RunState.FINISHED: self.tr("finished"), RunState.STOPPED: self.tr("stopped"),
                RunState.DIVERGED: self.tr("diverged"), RunState.ERRORED: self.tr("failed")}[state]

    def _show_message(self, text: str, error: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet("color: #d04040; font-weight: bold;" if error else "")

    # ------------------------------------------------------------------ models on disk
    @Slot()
    def open_model_dialog(self) -> None:
        if not self.engine_is_ready or self.controller.running:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open model"), self.settings.value("paths/models", ""),
                                              self.tr("TensorDesk models (*.tdm);;All files (*)"))
        if path:
            self.open_model(path)

    def open_model(self, path: str) -> bool:
        from tensordesk.engine.checkpoints import load_checkpoint
        try:
            ck = load_checkpoint(path)
        except TensorDeskError as exc:
            QMessageBox.warning(self, self.tr("Cannot open model"), str(exc))
            return False
        self._last_model = (ck.model, ck.spec, ck.train_config, ck.history, ck.meta)
        self._last_trajectory = ck.trajectory
        self.draw.set_model(ck.model, ck.class_names, Path(path).name, ck.spec.is_classifier)
        self._add_recent(path)
        self.settings.setValue("paths/models", str(Path(path).parent))
        self.statusBar().showMessage(self.tr("Loaded %1").replace("%1", path), 5000)
        self._update_buttons()
        return True

    @Slot()
    def save_model_dialog(self) -> None:
        if self._last_model is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save model"),
                                              os.path.join(self.settings.value("paths/models", ""), "model.tdm"),
                                              self.tr("TensorDesk models (*.tdm)"))
        if path:
            self.save_model(path)

    def save_model(self, path: str) -> bool:
        from tensordesk.engine.checkpoints import save_checkpoint
        model, spec, config, history, meta = self._last_model
        try:
            saved = save_checkpoint(path, model, spec, config, history, meta, self._last_trajectory)
        except TensorDeskError as exc:
            QMessageBox.warning(self, self.tr("Cannot save model"), str(exc))
            return False
        self._add_recent(str(saved))
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(saved)), 5000)
        return True

    def _add_recent(self, path: str) -> None:
        recent = [p for p in (self.settings.value("recent/models") or []) if p != path]
        self.settings.setValue("recent/models", [path] + recent[: MAX_RECENT - 1])
        self._rebuild_recent()

    def _rebuild_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.value("recent/models") or []
        if isinstance(recent, str):
            recent = [recent]
        for path in recent:
            a = self.recent_menu.addAction(path)
            a.triggered.connect(lambda checked=False, p=path: self.open_model(p))
        self.recent_menu.setEnabled(bool(recent))

    # ------------------------------------------------------------------ draw helpers
    def _embedded_test_digits(self):
        if self._test_digits is None:
            from tensordesk.engine.datasets import load_embedded
            ds = load_embedded()
            self._test_digits = (ds.x_test, ds.y_test)
        return self._test_digits

    @Slot()
    def _give_code_space_data(self) -> None:
        """The code space places the current data set's test images, or the embedded digits' before any run."""
        dataset = getattr(self, "dataset", None)
        if dataset is not None:
            self.draw.code_space.set_data(dataset.x_test[:2000], dataset.y_test[:2000], dataset.class_names)
        else:
            x, y = self._embedded_test_digits()
            self.draw.code_space.set_data(x, y, [str(i) for i in range(10)])

    @Slot()
    def random_test_digit(self) -> None:
        x, y = self._embedded_test_digits()
        i = int(self._rng.integers(len(x)))
        self.tabs.setCurrentIndex(1)
        self.draw.canvas.set_array(x[i])
        self.statusBar().showMessage(self.tr("Test digit #%1, labelled %2").replace("%1", str(i))
                                     .replace("%2", str(int(y[i]))), 5000)

    @Slot()
    def show_insight(self) -> None:
        """Ctrl+I: the Draw tab's "Inside the network" page (again: back to the probabilities)."""
        pages = self.draw.pages
        on = self.tabs.currentWidget() is self.draw and pages.currentWidget() is self.draw.insight
        self.tabs.setCurrentWidget(self.draw)
        pages.setCurrentWidget(self.draw.panel if on else self.draw.insight)

    def _keeps_trajectory(self, spec) -> bool:
        """Runs keep their weights 4 times an epoch for the landscape's path, when that stays small (≤ 2M weights:
        the classic CNN's 3.3M would cost ~13 MB a snapshot)."""
        count = getattr(self, "_param_cache", {}).get(spec)
        if count is None:
            from tensordesk.engine.models import build_model
            count = build_model(spec, seed=None).count_params()
        return count <= 2_000_000

    def _model_test_data(self, meta: dict):
        """A function (for a worker thread) giving the data set the current model was trained on: the one in
        memory when it is that one, else loaded by name (the embedded digits when the name is unknown)."""
        source = meta.get("dataset") or DEFAULT_SOURCE
        dataset = getattr(self, "dataset", None)
        loaded = dataset if dataset is not None and dataset.name == source else None

        def get():
            from tensordesk.engine.datasets import load_dataset
            return loaded if loaded is not None else load_dataset(source)
        return get

    def _can_start_job(self, jobs, view, busy_text: str, missing_text: str, classifier: bool = False) -> bool:
        """Shared start of the Evaluate and Landscape jobs: show the view, and say why not when training runs
        or there is no (classifier) model."""
        if jobs.running:
            return False
        self.tabs.setCurrentWidget(view)
        if self.controller.running:
            view.show_message(busy_text)
            return False
        if self._last_model is None or (classifier and not self._last_model[1].is_classifier):
            view.show_message(missing_text)
            return False
        return True

    @Slot()
    def compute_landscape(self) -> None:
        """The loss around the current model's weights, in the background, on a copy of the model."""
        if not self._can_start_job(self.landscape_jobs, self.landscape_view,
                                   self.tr("Training is running: compute when it has finished."),
                                   self.tr("There is no model yet: train one or open a saved model.")):
            return
        model, spec, _, _, meta = self._last_model
        weights = model.get_weights()
        settings = self.landscape_view.settings()
        trajectory = self._last_trajectory
        test_data = self._model_test_data(meta)
        title = spec_label(spec)

        def job(progress, cancelled):
            from tensordesk.engine.landscape import loss_landscape
            from tensordesk.engine.models import build_model
            ds = test_data()
            copy = build_model(spec, seed=None)  # the drawing canvas keeps using the real one meanwhile
            copy.set_weights(weights)
            n = min(settings["images"], len(ds.x_test))
            land = loss_landscape(copy, ds.x_test[:n], ds.y_test[:n] if spec.is_classifier else None,
                                  grid=settings["grid"], directions=settings["directions"], trajectory=trajectory,
                                  progress=progress, cancelled=cancelled)
            return (land, self.tr("%1 on %2 %3 test images").replace("%1", title).replace("%2", f"{n:,}")
                    .replace("%3", ds.title)) if land is not None else None

        self.landscape_view.show_message(self.tr("Computing the loss on a %1 × %1 grid…").replace(
            "%1", str(settings["grid"])))
        self.landscape_jobs.start(job)
        self._update_buttons()

    # ------------------------------------------------------------------ presets
    def load_preset(self, preset) -> bool:
        """Set up a preset's view and settings, and start its runs or lab (Presets menu)."""
        from tensordesk.gui.presets import PresetError, PresetRunner
        if not hasattr(self, "preset_runner"):
            self.preset_runner = PresetRunner(self)
        if not self.engine_is_ready:
            QMessageBox.information(self, self.tr("Preset"), self.tr("TensorFlow is still loading; try again in a "
                                                                     "moment."))
            return False
        try:
            self.preset_runner.apply(preset)
        except PresetError as exc:
            QMessageBox.warning(self, self.tr("Cannot load the preset"), str(exc))
            return False
        except (TypeError, ValueError, KeyError) as exc:   # a lab setting of the wrong kind in a user's file
            self.preset_runner.stop()
            QMessageBox.warning(self, self.tr("Cannot load the preset"),
                                self.tr("A lab setting in it is not valid: %1").replace("%1", str(exc)))
            return False
        return True

    @Slot()
    def open_preset_dialog(self) -> None:
        from tensordesk.gui.presets import PresetError, read_preset
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open preset"), self.settings.value("paths/presets", ""),
                                              self.tr("TensorDesk presets (*.json);;All files (*)"))
        if not path:
            return
        try:
            preset = read_preset(path)
        except PresetError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the preset"), str(exc))
            return
        self.settings.setValue("paths/presets", str(Path(path).parent))
        self.load_preset(preset)

    @Slot()
    def save_preset_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save setup as preset"),
                                              os.path.join(self.settings.value("paths/presets", ""), "my_setup.json"),
                                              self.tr("TensorDesk presets (*.json)"))
        if path:
            self.save_preset(path)

    def save_preset(self, path: str, title: str | None = None) -> bool:
        import json
        from tensordesk.gui.presets import current_setup
        data = current_setup(self)
        data["title"] = title or Path(path).stem.replace("_", " ")
        try:
            Path(path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot save the preset"), str(exc))
            return False
        self.statusBar().showMessage(self.tr("Saved preset %1").replace("%1", path), 5000)
        return True

    # ------------------------------------------------------------------ lecture mode
    def set_presentation(self, scale: int | None = None, theme: str | None = None) -> None:
        """Scale (100–250%) and theme (light/dark) for the whole window; kept between sessions."""
        if not hasattr(self, "presentation"):
            from PySide6.QtWidgets import QApplication
            self.presentation = Presentation(QApplication.instance())
        self.presentation.apply(self, scale, theme)
        self.left_panel.setMaximumWidth(int(420 * self.presentation.scale / 100))
        for pct, a in self.scale_actions.items():
            a.setChecked(pct == self.presentation.scale)
        for key, a in self.theme_actions.items():
            a.setChecked(key == self.presentation.theme)
        self.settings.setValue("view/theme", self.presentation.theme)
        self.settings.setValue("view/presentationScale" if self.isFullScreen() else "view/scale",
                               self.presentation.scale)

    def set_language(self, code: str) -> None:
        """View → Language: "" follows the system. The window is rebuilt in the new language at once when
        nothing would be lost, otherwise when the user agrees, or else at the next start."""
        from tensordesk.gui.i18n import chosen_language, current_language
        self.settings.setValue(LANGUAGE_SETTING, code)
        for c, a in self.language_actions.items():
            a.setChecked(c == code)
        if chosen_language(self.settings) == current_language():
            return
        busy = self.controller.running or self.eval_jobs.running or self.landscape_jobs.running
        if busy:
            QMessageBox.information(self, self.tr("Language"), self.tr("The new language applies from the next "
                                                                       "start (a job is running now)."))
            return
        if self.plots.run_list.count() or self._last_model is not None:
            answer = QMessageBox.question(
                self, self.tr("Language"), self.tr("Switching the language now reopens the window: the runs in "
                                                   "the list and an unsaved model are cleared. Switch now? (No: at "
                                                   "the next start.)"))
            if answer != QMessageBox.Yes:
                return
        from tensordesk.gui.app import replace_window
        QTimer.singleShot(0, lambda: replace_window(self))

    def step_scale(self, step: int) -> None:
        """Ctrl++ / Ctrl+- move one presentation scale up or down; Ctrl+0 goes back to 100%."""
        if step == 0:
            self.set_presentation(scale=SCALES[0])
            return
        i = SCALES.index(self.presentation.scale) if self.presentation.scale in SCALES else 0
        self.set_presentation(scale=SCALES[min(max(i + step, 0), len(SCALES) - 1)])

    @Slot()
    def toggle_presentation(self) -> None:
        """F11: full screen with large text and thick lines (150% unless a scale was chosen), and back."""
        if self.isFullScreen():
            self.showNormal()
            self.statusBar().show()
            self.set_presentation(scale=int(self.settings.value("view/normalScale", 100)))
        else:
            self.settings.setValue("view/normalScale", self.presentation.scale)
            self.statusBar().hide()  # clutter off the projector
            self.showFullScreen()
            scale = int(self.settings.value("view/presentationScale", 150))
            self.set_presentation(scale=scale)
        self.presentation_action.setChecked(self.isFullScreen())

    @Slot()
    def export_script_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the experiment as a Python script"),
                                              os.path.join(self.settings.value("paths/models", ""),
                                                           f"tensordesk_{self.panel.arch}.py"),
                                              self.tr("Python scripts (*.py)"))
        if path:
            self.export_script(path)

    def export_script(self, path: str) -> bool:
        """Write the Train tab's current experiment as a standalone tf.keras script (File → Export)."""
        from tensordesk.engine.export import write_script
        from tensordesk.engine.training import TrainConfig
        try:
            settings = self.panel.train_settings()
            if settings["learning_rate"] is None:
                raise TensorDeskError(self.tr("The learning rate must be a positive number."))
            write_script(path, self.panel.spec(), TrainConfig(**settings), self.panel.dataset_source,
                         self.panel.run_label())
        except (TensorDeskError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Cannot export"), str(exc))
            return False
        self.statusBar().showMessage(self.tr("Exported %1: run it with  python %1").replace("%1", path), 8000)
        return True

    # ------------------------------------------------------------------ evaluation
    @Slot()
    def evaluate_model(self) -> None:
        """Classify the test split with the current model in the background; the Evaluate tab shows the result."""
        if not self._can_start_job(self.eval_jobs, self.evaluation,
                                   self.tr("Training is running: evaluate when it has finished."),
                                   self.tr("There is no classifier to evaluate: train one or open a saved model "
                                           "first (an autoencoder has no classes)."), classifier=True):
            return
        model, spec, _, _, meta = self._last_model
        names = tuple(self.draw.predictor.class_names)
        test_data = self._model_test_data(meta)
        title = spec_label(spec)

        def job(progress, cancelled):
            from tensordesk.engine.evaluation import evaluate_model
            ds = test_data()
            result = evaluate_model(model, ds.x_test, ds.y_test, ds.class_names or names, progress=progress,
                                    cancelled=cancelled)
            return result, ds.x_test, self.tr("%1 on %2").replace("%1", title).replace("%2", ds.title)

        self.evaluation.show_message(self.tr("Evaluating %1…").replace("%1", title))
        self.eval_jobs.start(job)
        self._update_buttons()

    @Slot(object)
    def _on_evaluated(self, payload) -> None:
        evaluation, images, title = payload
        self.evaluation.show_evaluation(evaluation, images, title)

    @Slot(object, str)
    def _show_on_canvas(self, image, caption: str) -> None:
        self.tabs.setCurrentWidget(self.draw)
        self.draw.canvas.set_array(image)
        self.statusBar().showMessage(caption, 5000)

    # ------------------------------------------------------------------ help
    def show_shortcuts(self) -> None:
        """F1: all shortcuts on one overlay (gui/shortcuts_overlay.py)."""
        from tensordesk.gui.shortcuts_overlay import ShortcutOverlay
        if not hasattr(self, "shortcut_overlay"):
            self.shortcut_overlay = ShortcutOverlay(self)
        self.shortcut_overlay.show_over()

    def show_about(self) -> None:
        from tensordesk.engine import __version__
        QMessageBox.about(self, "TensorDesk", self.tr("TensorDesk %1 — a desktop lab for learning neural networks "
                                                      "with TensorFlow.").replace("%1", __version__))

    # ------------------------------------------------------------------ lifecycle
    def closeEvent(self, event) -> None:
        self.controller.shutdown(2000)
        self.eval_jobs.shutdown(2000)
        self.landscape_jobs.shutdown(2000)
        self.bn_lab.shutdown()
        self.descent_lab.shutdown()
        self.parallel_lab.shutdown()
        if self._loader_thread.isRunning():
            self._loader_thread.quit()
            self._loader_thread.wait(5000)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.panel.save_settings(self.settings)
        for pane, key in self._lab_panes():
            pane.save_settings(self.settings, key)
        super().closeEvent(event)

"""TensorDesk's main window: a shell of tabs over the registered views (gui/views.py), the menu bar, the status
bar, and the current model that Draw, Evaluate, Landscape and Save share."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget

from tensordesk.gui.analysis.jobs import AnalysisJobs
from tensordesk.gui.lecture import LectureMode
from tensordesk.gui.menus import MenuBar
from tensordesk.gui.model_files import ModelFiles
from tensordesk.gui.presets import Presets
from tensordesk.gui.recording import Recording
from tensordesk.gui.views import VIEWS
from tensordesk.gui.widgets.data_text import set_text_with_data
from tensordesk.gui.widgets.plot_export import install_plot_exports
from tensordesk.gui.workers.jobs import JobController
from tensordesk.gui.workers.threads import collect_garbage_in_gui_thread, freeze_startup_objects


class MainWindow(QMainWindow):
    engine_ready = Signal()

    def __init__(self, model_path: str | None = None):
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("TensorDesk")
        collect_garbage_in_gui_thread()
        self.settings = QSettings()
        self.device = None
        self.current_model = None    # engine.checkpoints.Checkpoint: what Draw, Evaluate, Landscape and Save use
        self._current_label = ""     # how Draw names it
        self._pending_model_path = model_path
        self._views: dict = {}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        for view in VIEWS:
            self.tabs.addTab(self.view(view.key), QCoreApplication.translate("views", view.title))
        self.setCentralWidget(self.tabs)
        self.train = self.view("train")
        self.draw = self.view("draw")
        self.jobs = AnalysisJobs(self.view("evaluate"), self.view("landscape"), self)
        self.files = ModelFiles(self, self.settings, self.add_action, self.train.experiment)
        self.lecture = LectureMode(self, self.settings, self.add_action)
        self.presets = Presets(self, self.settings, self.add_action)
        self.recording = Recording(self, self.settings, self.add_action)
        self.menus = MenuBar(self)
        self.shortcut_overlay = None
        self.device_label = QLabel(self.tr("Loading TensorFlow…"))
        self.device_label.setObjectName("deviceLabel")
        self.data_label = QLabel("")
        self.data_label.setObjectName("dataLabel")
        self.statusBar().addPermanentWidget(self.recording.indicator)
        self.statusBar().addPermanentWidget(self.data_label)
        self.statusBar().addPermanentWidget(self.device_label)
        self._wire()
        for view in VIEWS:
            if view.settings_key:
                self.view(view.key).load_settings(self.settings, view.settings_key)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        self.lecture.restore()
        self._update_actions()
        self.train.update_param_count()
        self._loader = JobController("EngineLoaderThread", self)
        self._loader.result_ready.connect(self._on_engine_ready)
        self._loader.errored.connect(self._on_engine_failed)
        self._loader.start(self._load_engine)
        self._shipped = JobController("ShippedModelThread", self)
        self._shipped.result_ready.connect(self._on_shipped_model)
        self._shipped.errored.connect(self._on_shipped_model_failed)

    # ------------------------------------------------------------------ the views
    def view(self, key: str):
        """The view registered as `key`, built on first use (a view's factory may ask for the ones it needs)."""
        if key not in self._views:
            self._views[key] = next(v for v in VIEWS if v.key == key).factory(self)
            install_plot_exports(self._views[key])   # right-click any plot: PNG, SVG, CSV, copy
        return self._views[key]

    def show_view(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.view(key))

    def current_view_key(self) -> str:
        current = self.tabs.currentWidget()
        return next((key for key, widget in self._views.items() if widget is current), "train")

    def add_action(self, text: str, shortcut, slot) -> QAction:
        """An action on the window (its shortcut works on every view), triggering `slot`."""
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcut(shortcut)
            a.setShortcutContext(Qt.WindowShortcut)
        a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _wire(self) -> None:
        train, draw, c = self.train, self.draw, self.train.controller
        train.run_started.connect(self._on_run_started)
        train.model_trained.connect(self.set_current_model)
        train.run_discarded.connect(self._on_run_discarded)
        c.dataset_loaded.connect(self._on_dataset_loaded)
        c.histograms_ready.connect(self._on_histograms)
        c.running_changed.connect(lambda running: self._update_actions())
        for source in (train, draw, self.files, self.recording):
            source.message_shown.connect(self.show_status)
        draw.load_requested.connect(self.files.open_dialog)
        mine = self.view("mydigits")
        mine.message_shown.connect(self.show_status)
        mine.model_tuned.connect(self._on_model_tuned)
        draw.example_labelled.connect(self._keep_example)
        draw.save_edited_requested.connect(self.files.save_edited_dialog)
        train.history.open_requested.connect(self._open_recorded_model)
        train.history.message_shown.connect(self.show_status)
        draw.train_requested.connect(lambda: self.show_view("train"))
        self.view("evaluate").image_chosen.connect(self._show_on_canvas)
        self.jobs.view_wanted.connect(self.tabs.setCurrentWidget)
        self.jobs.busy_changed.connect(self._update_actions)
        self.files.model_opened.connect(self._on_model_opened)
        self.lecture.scale_changed.connect(lambda pct: train.left_panel.setMaximumWidth(int(420 * pct / 100)))

    # ------------------------------------------------------------------ state
    @property
    def engine_is_ready(self) -> bool:
        return self.device is not None

    @property
    def starting(self) -> bool:
        """TensorFlow or the shipped model is still loading."""
        return not self.engine_is_ready or self._shipped.running

    def busy(self) -> bool:
        """A run or a job is in progress."""
        return self.train.controller.running or self.jobs.running

    def has_work(self) -> bool:
        """Something a rebuilt window would lose: runs on the plots, or a model (the shipped one comes back)."""
        unsaved = self.current_model is not None and not self.current_model.meta.get("shipped")
        return self.train.plots.run_list.count() > 0 or unsaved

    def set_current_model(self, checkpoint) -> None:
        self.current_model = checkpoint
        self._current_label = self.draw.predictor.source if checkpoint is not None else ""
        self.view("mydigits").set_model(checkpoint, self._current_label)
        self.train.model_available = checkpoint is not None
        self._update_actions()

    def _update_actions(self) -> None:
        running, ready = self.train.controller.running, self.engine_is_ready
        self.menus.reset.setEnabled(not running)
        self.menus.stop.setEnabled(running)
        self.files.set_state(ready and not running, self.current_model)
        self.jobs.set_context(self.current_model, running, ready)
        self.view("mydigits").set_busy(running)
        self.menus.evaluate.setEnabled(self.jobs.can_evaluate)
        self.menus.landscape.setEnabled(self.jobs.can_compute_landscape)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 5000)

    # ------------------------------------------------------------------ engine
    @staticmethod
    def _load_engine(progress, cancelled):
        from tensordesk.engine.core.device import configure_devices
        return configure_devices()

    @Slot(object)
    def _on_engine_ready(self, device) -> None:
        freeze_startup_objects()
        self.device = device
        for view in VIEWS:
            self.view(view.key).on_engine_ready()
        set_text_with_data(self.device_label, self.tr("%1  ·  TensorFlow %2"), device.describe(), device.tf_version)
        self.statusBar().showMessage(self.tr("TensorFlow is ready."), 3000)
        self._update_actions()
        self.engine_ready.emit()
        if self._pending_model_path:
            path, self._pending_model_path = self._pending_model_path, None
            if self.files.open_model(path):
                self.show_view("draw")
        if self.current_model is None:
            self._shipped.start(self._read_shipped_model)

    # ------------------------------------------------------------------ the shipped model
    @staticmethod
    def _read_shipped_model(progress, cancelled):
        from tensordesk.engine.models.checkpoints import load_shipped_model
        from tensordesk.engine.models.inference import warm_up
        checkpoint = load_shipped_model()
        warm_up(checkpoint.model)   # traced here, not on the first drawing
        return checkpoint

    @Slot(object)
    def _on_shipped_model(self, checkpoint) -> None:
        """Draw with the shipped model until something is trained or opened (then it is not wanted)."""
        if self.current_model is None and not self.train.controller.running:
            self.use_model(checkpoint)

    @Slot(str)
    def _on_shipped_model_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("The shipped model could not be loaded, so Draw waits for a trained or "
                                             "opened model: %1").replace("%1", message), 20000)

    @Slot(str)
    def _on_engine_failed(self, message: str) -> None:
        self.device_label.setText(self.tr("TensorFlow failed to load"))
        QMessageBox.critical(self, "TensorDesk", self.tr("TensorFlow could not be loaded:\n%1").replace("%1", message))

    # ------------------------------------------------------------------ between the views
    @Slot(int, str, bool)
    def _on_run_started(self, run_id: int, label: str, batch_norm: bool) -> None:
        self.view("bn").compare.run_started(run_id, label, batch_norm)
        self.view("histograms").run_started(f"#{run_id} {label}")

    @Slot(object)
    def _on_histograms(self, event) -> None:
        self.view("bn").compare.add_histograms(self.train.run_id, event)
        self.view("histograms").add_histograms(event)

    @Slot(object)
    def _on_dataset_loaded(self, dataset) -> None:
        self.jobs.dataset = dataset
        self.draw.code_space.set_data(dataset.x_test[:2000], dataset.y_test[:2000], dataset.class_names)
        tr_, va, te = dataset.sizes
        self.data_label.setText(self.tr("%1: %2 train / %3 validation / %4 test").replace("%1", dataset.title)
                                .replace("%2", f"{tr_:,}").replace("%3", f"{va:,}").replace("%4", f"{te:,}"))

    def model_label(self, checkpoint, path: str = "") -> str:
        """How Draw names a model: the shipped one as such, an opened one by its file name."""
        if checkpoint.meta.get("shipped"):
            return self.tr("shipped model (pre-trained, %1 test accuracy)").replace(
                "%1", f"{checkpoint.meta.get('test_accuracy') or 0:.1%}")
        return Path(path).name

    def use_model(self, checkpoint, path: str = "") -> None:
        """Make `checkpoint` the current model: Draw classifies with it; Evaluate, Landscape and Save use it."""
        self.draw.set_model(checkpoint.model, checkpoint.class_names, self.model_label(checkpoint, path),
                            checkpoint.is_classifier)
        self.set_current_model(checkpoint)

    @Slot(str, str)
    def _open_recorded_model(self, path: str, name: str) -> None:
        """History → Open in Draw: a recorded run's model becomes the current one."""
        if self.files.open_model(path):
            self.show_view("draw")

    @Slot(object, int)
    def _keep_example(self, image, digit: int) -> None:
        if self.view("mydigits").add_example(image, digit):
            self.draw.example_kept()

    @Slot(object, str)
    def _on_model_tuned(self, checkpoint, name: str) -> None:
        self.draw.set_model(checkpoint.model, checkpoint.class_names, name, checkpoint.is_classifier)
        self.set_current_model(checkpoint)

    @Slot()
    def _on_run_discarded(self) -> None:
        """A run failed and its model is not kept: Draw goes back to the current model."""
        model = self.current_model
        if model is not None:
            self.draw.set_model(model.model, model.class_names, self._current_label, model.is_classifier)

    @Slot(object, str)
    def _on_model_opened(self, checkpoint, path: str) -> None:
        self.use_model(checkpoint, path)

    @Slot(object, str)
    def _show_on_canvas(self, image, caption: str) -> None:
        self.show_view("draw")
        self.draw.show_image(image, caption)

    # ------------------------------------------------------------------ actions
    @Slot()
    def start_or_pause(self) -> None:
        """Space: play/pause the lab on screen, otherwise start or pause training."""
        if not self.tabs.currentWidget().play_pause():
            self.train.play_pause()

    @Slot()
    def random_test_digit(self) -> None:
        self.show_view("draw")
        self.draw.random_test_digit()

    @Slot()
    def show_insight(self) -> None:
        """Ctrl+I: the Draw view's "Inside the network" page (again: back to the probabilities)."""
        draw = self.draw
        on = self.tabs.currentWidget() is draw and draw.pages.currentWidget() is draw.insight
        self.show_view("draw")
        draw.pages.setCurrentWidget(draw.panel if on else draw.insight)

    def show_shortcuts(self) -> None:
        """F1: all shortcuts on one overlay (gui/shortcuts_overlay.py)."""
        from tensordesk.gui.shortcuts_overlay import ShortcutOverlay
        if self.shortcut_overlay is None:
            self.shortcut_overlay = ShortcutOverlay(self)
        self.shortcut_overlay.show_over()

    def show_about(self) -> None:
        from tensordesk.engine import __version__
        QMessageBox.about(self, "TensorDesk", self.tr("TensorDesk %1 — a desktop lab for learning neural networks "
                                                      "with TensorFlow.").replace("%1", __version__))

    # ------------------------------------------------------------------ lifecycle
    def closeEvent(self, event) -> None:
        self.recording.shutdown()
        for view in VIEWS:
            self.view(view.key).shutdown()
        self.jobs.shutdown()
        self._loader.shutdown(5000)
        self._shipped.shutdown(5000)
        self.settings.setValue("window/geometry", self.saveGeometry())
        for view in VIEWS:
            if view.settings_key:
                self.view(view.key).save_settings(self.settings, view.settings_key)
        super().closeEvent(event)

"""TensorDesk's main window: a shell of tabs over the registered views (gui/views.py), built with the session they
share (gui/session.py), the menu bar, the status bar, and closing that asks before it ends a run."""
from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from tensordesk.gui.lecture import LectureMode
from tensordesk.gui.menus import MenuBar
from tensordesk.gui.model_files import ModelFiles
from tensordesk.gui.names import tr_engine
from tensordesk.gui.presentation import reset_font
from tensordesk.gui.presets import Presets
from tensordesk.gui.recording import Recording
from tensordesk.gui.session import Session
from tensordesk.gui.views import FIRST_VIEW, PLAYS_BY_DEFAULT, VIEW_KEYS, VIEWS
from tensordesk.gui.widgets.data_text import set_text_with_data
from tensordesk.gui.widgets.plot_export import install_plot_exports
from tensordesk.gui.workers.jobs import JobController
from tensordesk.gui.workers.threads import (
    collect_before_loading,
    collect_garbage_in_gui_thread,
    freeze_startup_objects,
    import_slow_native_modules,
)


class MainWindow(QMainWindow):
    engine_ready = Signal()

    def __init__(self, model_path: str | None = None):
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("TensorDesk")
        collect_garbage_in_gui_thread()
        import_slow_native_modules()          # before the first paint, not while the window is on screen
        reset_font(QApplication.instance())   # built at 100%; the saved scale is applied once it stands
        self.settings = QSettings()
        self.session = Session(self)   # what the views share: the current model, the data set, what runs
        self._pending_model_path = model_path
        self._closed = False    # closed: results that arrive late (TensorFlow loaded) start nothing new
        self._views: dict = {}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        for view in VIEWS:
            self.tabs.addTab(self.view(view.key), QCoreApplication.translate("views", view.title))
        self.files = ModelFiles(self, self.settings, self.add_action, self.session)
        self.lecture = LectureMode(self, self.settings, self.add_action)
        self.presets = Presets(self, self.settings, self.add_action)
        central = QWidget()   # a preset's banner over the views, then the views
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.presets.banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        from tensordesk.gui.missions.dock import MissionsDock
        self.missions = MissionsDock(self, self.settings)   # lessons beside any view (View → Missions, F9)
        self.addDockWidget(Qt.RightDockWidgetArea, self.missions)
        self.missions.setVisible(str(self.settings.value("missions/visible", "false")).lower() == "true")
        self.session.timeline.set_hold(str(self.settings.value("timeline/hold", "false")).lower() == "true")
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
        # the view the user left; at the first launch Draw, where the shipped model is ready to read a digit
        last = str(self.settings.value("window/view", FIRST_VIEW))
        self.show_view(last if last in VIEW_KEYS else FIRST_VIEW)
        self._loader = JobController("EngineLoaderThread", self)
        self._loader.result_ready.connect(self._on_engine_ready)
        self._loader.errored.connect(self._on_engine_failed)
        # First the shipped model without TensorFlow (a fraction of a second), so Draw answers at once; then
        # TensorFlow. Together, the NumPy copy's imports would wait on the modules TensorFlow's import holds.
        self._early = JobController("EarlyModelThread", self)
        self._early.needs_engine = False
        self._early.result_ready.connect(self._on_early_model)
        self._early.finished.connect(self._start_loading_engine)
        self._early.start(self._read_early_model)
        self._shipped = JobController("ShippedModelThread", self)
        self._shipped.result_ready.connect(self._on_shipped_model)
        self._shipped.errored.connect(self._on_shipped_model_failed)

    # ------------------------------------------------------------------ the views
    def view(self, key: str):
        """The view registered as `key`, built on first use with the session."""
        if key not in self._views:
            self._views[key] = next(v for v in VIEWS if v.key == key).factory(self.session)
            install_plot_exports(self._views[key])   # right-click any plot: PNG, SVG, CSV, copy
        return self._views[key]

    def lab_pane(self, lab: str):
        """(view key, page, pane) of the lab registered as `lab` (engine/labs/registry.py)."""
        for view in VIEWS:
            panes = self.view(view.key).lab_panes()
            if lab in panes:
                return (view.key, *panes[lab])
        raise KeyError(f"no view runs the lab '{lab}'")

    def show_view(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.view(key))

    def current_view_key(self) -> str:
        current = self.tabs.currentWidget()
        return next((key for key, widget in self._views.items() if widget is current), PLAYS_BY_DEFAULT)

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
        s = self.session
        s.message_shown.connect(self.show_status)
        s.view_wanted.connect(self.show_view)
        s.dataset_changed.connect(self._on_dataset_changed)
        s.train_limit_changed.connect(lambda images: s.dataset and self._on_dataset_changed(s.dataset))
        for view in VIEWS:   # how every lab's experiment ended, for the missions' checks
            for _page, pane in self.view(view.key).lab_panes().values():
                pane.lab_ended.connect(s.report)
        for source in [self.files, self.recording] + [self.view(v.key) for v in VIEWS]:
            shown = getattr(source, "message_shown", None)   # a view's sentences for the status bar
            if shown is not None:
                shown.connect(self.show_status)
        self.lecture.scale_changed.connect(self._on_scale_changed)
        s.timeline.record_wanted.connect(lambda: self.recording.record_film(s.timeline))

    # ------------------------------------------------------------------ state
    @property
    def engine_is_ready(self) -> bool:
        return self.session.engine_is_ready

    @property
    def starting(self) -> bool:
        """TensorFlow or the shipped model is still loading."""
        return not self.engine_is_ready or self._shipped.running

    def has_work(self) -> bool:
        """Something a rebuilt window would lose: runs on the plots, or a model (the shipped one comes back)."""
        return self.session.has_unsaved_model() or any(self.view(v.key).has_work() for v in VIEWS)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 5000)

    @Slot(int)
    def _on_scale_changed(self, percent: int) -> None:
        for view in VIEWS:
            self.view(view.key).set_scale(percent)

    # ------------------------------------------------------------------ engine
    @Slot(object)
    def _start_loading_engine(self, _end=None) -> None:
        if self._closed:
            return
        collect_before_loading()
        self._loader.start(self._load_engine)

    @staticmethod
    def _load_engine(progress, cancelled):
        from tensordesk.engine.core.device import configure_devices
        return configure_devices()

    @Slot(object)
    def _on_engine_ready(self, device) -> None:
        if self._closed:   # the loader's result was queued before the window closed and its thread ended
            return
        freeze_startup_objects()
        for view in VIEWS:
            self.view(view.key).on_engine_ready()
        self.session.set_engine_ready(device)
        set_text_with_data(self.device_label, self.tr("%1  ·  TensorFlow %2"), device.describe(), device.tf_version)
        self.statusBar().showMessage(self.tr("TensorFlow is ready."), 3000)
        self.engine_ready.emit()
        if self._pending_model_path:   # `main.py --model PATH`: opened, then shown
            path, self._pending_model_path = self._pending_model_path, None
            self.session.open_model_wanted.emit(path, "")
        if self.session.checkpoint is None:
            self._shipped.start(self._read_shipped_model)

    # ------------------------------------------------------------------ the shipped model
    @staticmethod
    def _read_early_model(progress, cancelled):
        from tensordesk.engine.data.preprocess import warm_up
        from tensordesk.engine.models.checkpoints import SHIPPED_MODEL
        from tensordesk.engine.models.numpy_forward import load_numpy_model
        warm_up()     # the drawing's preprocessing imports scikit-image here, not on the window's thread
        return load_numpy_model(SHIPPED_MODEL)

    @Slot(object)
    def _on_early_model(self, numpy_model) -> None:
        """The shipped model without TensorFlow: Draw reads a digit at once, until the real one is loaded."""
        if self.session.checkpoint is None and not self.session.training and not self._pending_model_path:
            self.session.show_early_model(numpy_model, self.files.model_label(numpy_model))

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
        if self.session.checkpoint is None and not self.session.training:
            self.session.use_model(checkpoint, self.files.model_label(checkpoint))

    @Slot(str)
    def _on_shipped_model_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("The shipped model could not be loaded, so Draw waits for a trained or "
                                             "opened model: %1").replace("%1", message), 20000)

    @Slot(str)
    def _on_engine_failed(self, message: str) -> None:
        self.device_label.setText(self.tr("TensorFlow failed to load"))
        QMessageBox.critical(self, "TensorDesk", self.tr("TensorFlow could not be loaded:\n%1").replace("%1", message))

    @Slot(object)
    def _on_dataset_changed(self, dataset) -> None:
        tr_, va, te = dataset.sizes
        limit = self.session.train_limit
        train = self.tr("%1 of %2").replace("%1", f"{limit:,}").replace("%2", f"{tr_:,}") \
            if limit and limit < tr_ else f"{tr_:,}"
        self.data_label.setText(self.tr("%1: %2 train / %3 validation / %4 test").replace("%1", tr_engine(dataset.title))
                                .replace("%2", train).replace("%3", f"{va:,}").replace("%4", f"{te:,}"))

    # ------------------------------------------------------------------ actions
    @Slot()
    def start_or_pause(self) -> None:
        """Space: play/pause what the view on screen runs, otherwise start or pause training."""
        if not self.tabs.currentWidget().play_pause():
            self.view(PLAYS_BY_DEFAULT).play_pause()

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
    def close_refusals(self) -> list[str]:
        """What closing now would end, a sentence each (a training run, a recording)."""
        reasons = [self.view(v.key).close_refusal() for v in VIEWS] + [self.recording.close_refusal()]
        return [r for r in reasons if r]

    def may_close(self) -> bool:
        """Nothing would be lost, or the user agreed to end it (unless they asked not to be asked again)."""
        reasons = self.close_refusals()
        if not reasons or str(self.settings.value("window/askBeforeClosing", "true")).lower() == "false":
            return True
        return self.ask_before_closing(reasons)

    @Slot()
    def quit_requested(self) -> None:
        """File → Quit: asks first, as the window's close button does."""
        if self.may_close():
            self.close()

    def closeEvent(self, event) -> None:
        # the user's close button asks first; close() from code (scripts, tests, `main.py record`) does not
        if event.spontaneous() and not self.may_close():
            event.ignore()
            return
        self._closed = True
        ended = [self.recording.shutdown()]
        ended += [self.view(view.key).shutdown() for view in VIEWS]
        ended += [self.session.jobs.shutdown(), self.session.timeline.shutdown(), self._early.shutdown(5000),
                  self._loader.shutdown(5000), self._shipped.shutdown(5000)]
        if not all(ended):   # a thread did not end in time: it is told to stop and ends with the process
            print("TensorDesk: a background task had not ended when the window closed.", file=sys.stderr)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/view", self.current_view_key())
        self.settings.setValue("missions/visible", self.missions.isVisible())
        self.settings.setValue("timeline/hold", self.session.timeline.hold)
        for view in VIEWS:
            if view.settings_key:
                self.view(view.key).save_settings(self.settings, view.settings_key)
        super().closeEvent(event)

    def ask_before_closing(self, reasons: list[str]) -> bool:
        """Closing would end something: ask (Close anyway / Cancel, and "Don't ask again")."""
        from PySide6.QtWidgets import QCheckBox
        box = QMessageBox(QMessageBox.Question, "TensorDesk", "\n".join(reasons) + "\n\n" + self.tr("Close anyway?"),
                          QMessageBox.Close | QMessageBox.Cancel, self)
        box.setDefaultButton(QMessageBox.Cancel)
        again = QCheckBox(self.tr("Don't ask again"))
        box.setCheckBox(again)
        answer = box.exec()
        if answer == QMessageBox.Close and again.isChecked():
            self.settings.setValue("window/askBeforeClosing", "false")
        return answer == QMessageBox.Close

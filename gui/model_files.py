"""Models on disk: File → Open (TensorDesk's .tdm, or a Keras .keras from elsewhere), Open recent, Save, Export
model (.keras for any Keras program, .tflite for phones) and Export as Python script, with the file dialogs, the
recent-files list and a sentence when a file cannot be read or written."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from tensordesk.engine.core.errors import TensorDeskError

MAX_RECENT = 8



def remembered_folder(settings, key: str, standard=QStandardPaths.DocumentsLocation) -> str:
    """Where a file dialog opens: the folder last used for this kind of file while it exists, else the user's
    Documents (or home) folder — never the folder TensorDesk happened to start in."""
    folder = str(settings.value(key, "") or "")
    if folder and Path(folder).is_dir():
        return folder
    location = QStandardPaths.writableLocation(standard)
    return location if location and Path(location).is_dir() else str(Path.home())

class ModelFiles(QObject):
    """The File menu's model actions. A model read from a file becomes the session's current model."""

    message_shown = Signal(str)

    def __init__(self, window, settings, make_action, session):
        super().__init__(window)
        self.window, self.settings, self.session = window, settings, session
        self.open_action = make_action(self.tr("&Open model…"), QKeySequence.Open, self.open_dialog)
        self.save_action = make_action(self.tr("&Save model…"), QKeySequence.Save, self.save_dialog)
        self.export_action = make_action(self.tr("&Export as Python script…"), QKeySequence("Ctrl+Shift+E"),
                                         self.export_dialog)
        self.export_model_action = make_action(self.tr("Export &model (.keras, .tflite)…"), None,
                                               self.export_model_dialog)
        self.export_model_action.setStatusTip(self.tr("Write the current model as a standard Keras file, or as "
                                                      "TensorFlow Lite for phones"))
        self.shipped_action = make_action(self.tr("Open the s&hipped model"), None, self.open_shipped)
        self.shipped_action.setStatusTip(self.tr("The pre-trained digit model that comes with TensorDesk"))
        self.recent_menu = QMenu(self.tr("Open &recent"), window)
        self.rebuild_recent()
        session.open_model_wanted.connect(self._on_open_wanted)
        session.save_edited_wanted.connect(self.save_edited_dialog)

    @property
    def current(self):
        """The session's current model (engine Checkpoint): what Save writes."""
        return self.session.checkpoint

    @Slot(str, str)
    def _on_open_wanted(self, path: str, label: str) -> None:
        """A view asks for a model: a file's path (opened, then shown in Draw, named `label` or by the file), or ""
        for the Open dialog."""
        if not path:
            self.open_dialog()
        elif self.open_model(path, label, remember_folder=not label):   # a recorded run's folder is TensorDesk's
            self.session.show_view("draw")

    @staticmethod
    def model_label(checkpoint, path: str = "") -> str:
        """How Draw names a model: the shipped one as such, an opened one by its file name."""
        if checkpoint.meta.get("shipped"):
            return QCoreApplication.translate("MainWindow", "shipped model (pre-trained, %1 test accuracy)").replace(
                "%1", f"{checkpoint.meta.get('test_accuracy') or 0:.1%}")
        if "snapshot_step" in checkpoint.meta:
            return QCoreApplication.translate("MainWindow", "run %1 at step %2").replace(
                "%1", str(checkpoint.meta.get("run", ""))).replace("%2", str(checkpoint.meta["snapshot_step"]))
        return Path(path).name

    def add_to(self, menu) -> None:
        menu.addAction(self.open_action)
        menu.addAction(self.shipped_action)
        menu.addMenu(self.recent_menu)
        menu.addAction(self.save_action)
        menu.addAction(self.export_model_action)
        menu.addAction(self.export_action)

    def set_state(self, can_open: bool) -> None:
        """Open needs TensorFlow and no run; Save needs a current model (and no run)."""
        model = self.current
        self.open_action.setEnabled(can_open)
        self.shipped_action.setEnabled(can_open)
        self.save_action.setEnabled(can_open and model is not None)
        self.export_model_action.setEnabled(can_open and model is not None)

    def _folder(self) -> str:
        return remembered_folder(self.settings, "paths/models")

    # ------------------------------------------------------------------ open
    @Slot()
    def open_dialog(self) -> None:
        if not self.open_action.isEnabled():
            return
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open model"), self._folder(),
                                              self.tr("Models (*.tdm *.keras);;TensorDesk models (*.tdm);;"
                                                      "Keras models (*.keras);;All files (*)"))
        if path:
            self.open_model(path)

    def open_model(self, path: str, label: str = "", remember_folder: bool = True) -> bool:
        from tensordesk.engine.runs.snapshots import open_model
        try:   # a model file, or RUN@STEP: a recorded run's weights at a step (engine/runs/snapshots.py)
            checkpoint = open_model(path, self.session.runs_folder)
        except TensorDeskError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot open model"), str(exc))
            return False
        snapshot = "snapshot_step" in checkpoint.meta
        if not snapshot:
            self._add_recent(path)
        if remember_folder and not snapshot:
            self.settings.setValue("paths/models", str(Path(path).parent))
        self.message_shown.emit(self.tr("Loaded %1").replace("%1", path))
        self.session.use_model(checkpoint, label or self.model_label(checkpoint, path))
        from tensordesk.engine.missions.facts import ModelFileFact
        self.session.report(ModelFileFact("opened", str(Path(path).resolve()), checkpoint.meta.get("test_accuracy")))
        return True

    @Slot()
    def open_shipped(self) -> bool:
        """Go back to the pre-trained model that ships with TensorDesk."""
        from tensordesk.engine.models.checkpoints import SHIPPED_MODEL, load_shipped_model
        if not self.shipped_action.isEnabled():
            return False
        try:
            checkpoint = load_shipped_model()
        except TensorDeskError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot open the shipped model"), str(exc))
            return False
        self.message_shown.emit(self.tr("Using the shipped model"))
        self.session.use_model(checkpoint, self.model_label(checkpoint, str(SHIPPED_MODEL)))
        return True

    # ------------------------------------------------------------------ save
    @Slot()
    def save_dialog(self) -> None:
        if self.current is None:
            return
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save model"),
                                              os.path.join(self._folder(), "model.tdm"),
                                              self.tr("TensorDesk models (*.tdm)"))
        if path:
            self.save_model(path)

    def save_model(self, path: str) -> bool:
        from tensordesk.engine.models.checkpoints import save_checkpoint
        ck = self.current
        if ck is None:
            return False
        if ck.foreign:   # no spec to rebuild it from: it leaves as it came, a Keras file
            return self.export_model(str(Path(path).with_suffix(".keras")))
        try:
            meta = {k: v for k, v in ck.meta.items() if k != "run_folder"}   # where it came from, not what it is
            saved = save_checkpoint(path, ck.model, ck.spec, ck.train_config, ck.history, meta, ck.trajectory)
        except TensorDeskError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot save model"), str(exc))
            return False
        self._add_recent(str(saved))
        self.message_shown.emit(self.tr("Saved %1").replace("%1", str(saved)))
        from tensordesk.engine.missions.facts import ModelFileFact
        self.session.report(ModelFileFact("saved", str(Path(saved).resolve()), ck.meta.get("test_accuracy")))
        return True

    @Slot(object, object)
    def save_edited_dialog(self, network, accuracy) -> None:
        """Draw → Neurons → Save edited…: the edited copy as a new model."""
        if network is None or self.current is None:
            return
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save the edited model"),
                                              os.path.join(self._folder(), "edited.tdm"),
                                              self.tr("TensorDesk models (*.tdm)"))
        if path:
            self.save_edited(path, network, accuracy)

    def save_edited(self, path: str, network, accuracy=None) -> bool:
        """Save `network` (engine.surgery.EditedNetwork of the current model); its description lists the edits."""
        ck = self.current
        if ck is None or network.source is not ck.model:
            self.message_shown.emit(self.tr("The edited network belongs to a model that is no longer the current "
                                            "one; it was not saved."))
            return False
        try:
            saved = network.save(path, ck, accuracy)
        except TensorDeskError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot save model"), str(exc))
            return False
        self._add_recent(str(saved))
        self.message_shown.emit(self.tr("Saved the edited model as %1").replace("%1", str(saved)))
        return True

    # ------------------------------------------------------------------ export
    @Slot()
    def export_model_dialog(self) -> None:
        if self.current is None:
            return
        keras_filter, tflite_filter = self.tr("Keras model (*.keras)"), self.tr("TensorFlow Lite model (*.tflite)")
        path, chosen = QFileDialog.getSaveFileName(self.window, self.tr("Export model"),
                                                   os.path.join(self._folder(), "model.keras"),
                                                   f"{keras_filter};;{tflite_filter}")
        if path:
            suffix = ".tflite" if chosen == tflite_filter else ".keras"
            self.export_model(path if Path(path).suffix.lower() in (".keras", ".tflite") else path + suffix)

    def export_model(self, path: str) -> bool:
        """Write the current model as `path` (.keras or .tflite)."""
        from tensordesk.engine.models.keras_io import export_model
        if self.current is None:
            return False
        try:
            written = export_model(self.current.model, path)
        except TensorDeskError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot export the model"), str(exc))
            return False
        self.message_shown.emit(self.tr("Exported %1").replace("%1", str(written)))
        return True

    @Slot()
    def export_dialog(self) -> None:
        try:
            name = f"tensordesk_{self.session.experiment()[0].arch}.py"
        except TensorDeskError:
            name = "tensordesk_experiment.py"
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export the experiment as a Python script"),
                                              os.path.join(self._folder(), name), self.tr("Python scripts (*.py)"))
        if path:
            self.export_script(path)

    def export_script(self, path: str) -> bool:
        """Write the Train view's current experiment as a standalone tf.keras script."""
        from tensordesk.engine.training.export import write_script
        try:
            write_script(path, *self.session.experiment())
        except (TensorDeskError, OSError) as exc:
            QMessageBox.warning(self.window, self.tr("Cannot export"), str(exc))
            return False
        self.message_shown.emit(self.tr("Exported %1: run it with  python %1").replace("%1", path))
        return True

    # ------------------------------------------------------------------ recent
    def recent(self) -> list[str]:
        recent = self.settings.value("recent/models") or []
        return [recent] if isinstance(recent, str) else list(recent)

    def _add_recent(self, path: str) -> None:
        self.settings.setValue("recent/models", [path] + [p for p in self.recent() if p != path][:MAX_RECENT - 1])
        self.rebuild_recent()

    def rebuild_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.recent():
            a = self.recent_menu.addAction(path)
            a.triggered.connect(lambda checked=False, p=path: self.open_model(p))
        self.recent_menu.setEnabled(bool(self.recent()))

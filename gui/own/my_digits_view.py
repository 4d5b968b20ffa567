"""My digits: the learner's own handwriting as data. A gallery of the digits collected from the Draw view (filter by
digit, delete with undo, relabel), the folder they live in, and fine-tuning the current model on them mixed with
MNIST, with the accuracy on held-out digits before and after: the network learns your handwriting."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QIcon, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QListView, QMenu, QProgressBar, QPushButton, QSpinBox, QSplitter,
                               QVBoxLayout, QWidget)

from tensordesk.engine.errors import TensorDeskError
from tensordesk.gui.train.augment_preview import digit_pixmap
from tensordesk.gui.widgets.data_text import set_text_with_data
from tensordesk.gui.widgets.view_base import ViewBase
from tensordesk.gui.workers.jobs import JobController

THUMB_PX = 56
PATH_ROLE = Qt.UserRole + 1
LABEL_ROLE = Qt.UserRole + 2


def default_folder() -> str:
    """'my digits' in the user's data folder, beside the recorded runs (~/.local/share/TensorDesk on Linux)."""
    from tensordesk.engine.runs import data_folder
    return str(data_folder() / "my digits")


class MyDigitsView(ViewBase, QWidget):
    model_tuned = Signal(object, str)     # engine Checkpoint of the fine-tuned model, and how Draw should name it
    message_shown = Signal(str)
    collection_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        from tensordesk.engine.own_digits import DEFAULT_HOLDOUT, DEFAULT_OWN_SHARE, DigitCollection
        self.collection = DigitCollection(default_folder())
        self.checkpoint = None          # the current model (engine Checkpoint), which fine-tuning starts from
        self.model_name = ""
        self.busy_elsewhere = False     # a training run holds TensorFlow
        self.engine_ready = False
        self._undo: list[Path] = []     # deleted examples, newest last

        # ---------------------------------------------------------------- the gallery
        self.folder_label = QLabel()
        self.folder_label.setObjectName("myDigitsFolder")
        self.folder_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        self.folder_button = QPushButton(self.tr("Folder…"))
        self.folder_button.setToolTip(self.tr("Keep your digits in another folder (one folder per digit inside)"))
        self.folder_button.clicked.connect(self._choose_folder)
        self.open_button = QPushButton(self.tr("Show in file manager"))
        self.open_button.clicked.connect(self._open_folder)
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("myDigitsFilter")
        self.filter_combo.addItem(self.tr("All digits"), -1)
        for d in range(10):
            self.filter_combo.addItem(str(d), d)
        self.filter_combo.currentIndexChanged.connect(lambda i: self.refresh())
        self.counts_label = QLabel()
        self.counts_label.setObjectName("myDigitsCounts")
        self.counts_label.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.gallery = QListView()
        self.gallery.setObjectName("myDigitsGallery")
        self.gallery.setModel(self.model)
        self.gallery.setViewMode(QListView.IconMode)
        self.gallery.setIconSize(QSize(THUMB_PX, THUMB_PX))
        self.gallery.setGridSize(QSize(THUMB_PX + 16, THUMB_PX + 24))
        self.gallery.setResizeMode(QListView.Adjust)
        self.gallery.setMovement(QListView.Static)
        self.gallery.setUniformItemSizes(True)
        self.gallery.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.gallery.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.gallery.setContextMenuPolicy(Qt.CustomContextMenu)
        self.gallery.customContextMenuRequested.connect(self._context_menu)
        self.gallery.selectionModel().selectionChanged.connect(lambda *a: self._update_buttons())
        self.empty_label = QLabel(self.tr("No digits collected yet. In the Draw view, draw a digit and press "
                                          "“This is a …” with its value to keep it here."))
        self.empty_label.setObjectName("myDigitsEmpty")
        self.empty_label.setWordWrap(True)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("myDigitsDelete")
        self.delete_button.setToolTip(self.tr("Delete the selected digits (Delete); Undo brings them back (Ctrl+Z)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button = QPushButton(self.tr("Undo delete"))
        self.undo_button.setObjectName("myDigitsUndo")
        self.undo_button.clicked.connect(self.undo_delete)
        self.relabel_combo = QComboBox()
        self.relabel_combo.setObjectName("myDigitsRelabel")
        self.relabel_combo.addItem(self.tr("Relabel as…"), -1)
        for d in range(10):
            self.relabel_combo.addItem(str(d), d)
        self.relabel_combo.setToolTip(self.tr("Move the selected digits to another digit's folder"))
        self.relabel_combo.activated.connect(self._relabel_from_combo)
        for keys, slot in ((QKeySequence.Delete, self.delete_selected), (QKeySequence.Undo, self.undo_delete)):
            QShortcut(keys, self.gallery, slot, context=Qt.WidgetWithChildrenShortcut)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show")))
        top.addWidget(self.filter_combo)
        top.addWidget(self.counts_label, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.delete_button)
        actions.addWidget(self.undo_button)
        actions.addWidget(self.relabel_combo)
        actions.addStretch(1)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.folder_button)
        folder_row.addWidget(self.open_button)
        gallery_box = QGroupBox(self.tr("Your digits"))
        g = QVBoxLayout(gallery_box)
        g.addLayout(folder_row)
        g.addLayout(top)
        g.addWidget(self.empty_label)
        g.addWidget(self.gallery, 1)
        g.addLayout(actions)

        # ---------------------------------------------------------------- fine-tuning
        self.share_spin = QSpinBox()
        self.share_spin.setObjectName("ownShareSpin")
        self.share_spin.setRange(10, 100)
        self.share_spin.setSingleStep(10)
        self.share_spin.setSuffix(" %")
        self.share_spin.setValue(int(DEFAULT_OWN_SHARE * 100))
        self.share_spin.setToolTip(self.tr("How much of each training batch is your digits; the rest is MNIST, so "
                                           "the network keeps reading everyone else's handwriting"))
        self.holdout_spin = QSpinBox()
        self.holdout_spin.setObjectName("holdoutSpin")
        self.holdout_spin.setRange(10, 60)
        self.holdout_spin.setSingleStep(5)
        self.holdout_spin.setSuffix(" %")
        self.holdout_spin.setValue(int(DEFAULT_HOLDOUT * 100))
        self.holdout_spin.setToolTip(self.tr("Your digits kept aside, never trained on: the accuracy before and "
                                             "after is measured on them"))
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setObjectName("tuneEpochsSpin")
        self.epochs_spin.setRange(1, 50)
        self.epochs_spin.setValue(5)
        self.lr_spin = QDoubleSpinBox()
        self.lr_spin.setObjectName("tuneLrSpin")
        self.lr_spin.setDecimals(5)
        self.lr_spin.setRange(0.00001, 0.01)
        self.lr_spin.setSingleStep(0.0001)
        self.lr_spin.setValue(0.0005)
        self.lr_spin.setToolTip(self.tr("Small: the network adjusts what it knows instead of starting over"))
        self.model_label = QLabel()
        self.model_label.setObjectName("tuneModelLabel")
        self.model_label.setWordWrap(True)
        self.tune_button = QPushButton(self.tr("Fine-tune on my digits"))
        self.tune_button.setObjectName("fineTuneButton")
        self.tune_button.clicked.connect(self.fine_tune)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("fineTuneStop")
        self.stop_button.clicked.connect(self._stop)
        self.progress = QProgressBar()
        self.progress.setObjectName("fineTuneProgress")
        self.hint = QLabel()
        self.hint.setObjectName("fineTuneHint")
        self.hint.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setObjectName("fineTuneResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.RichText)
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("fineTunePlot")
        self.plot.setLabel("bottom", self.tr("epoch (0: before)"))
        self.plot.setLabel("left", self.tr("accuracy on your held-out digits"))
        self.plot.setYRange(0, 1)
        self.plot.showGrid(x=True, y=True, alpha=0.3)
        self.plot.setMouseEnabled(False, False)
        self.plot.getAxis("bottom").setTickSpacing(1, 1)
        self.curve = self.plot.plot([], [], pen=pg.mkPen("#e45756", width=2), symbol="o", symbolSize=7,
                                    symbolBrush="#e45756")
        self.held_model = QStandardItemModel(self)
        self.held_view = QListView()
        self.held_view.setObjectName("heldOutDigits")
        self.held_view.setModel(self.held_model)
        self.held_view.setViewMode(QListView.IconMode)
        self.held_view.setIconSize(QSize(40, 40))
        self.held_view.setGridSize(QSize(64, 66))
        self.held_view.setResizeMode(QListView.Adjust)
        self.held_view.setMovement(QListView.Static)
        self.held_view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.held_view.setToolTip(self.tr("Your held-out digits: true value, then what the model said before → after"))

        form = QFormLayout()
        form.addRow(self.tr("Your digits in each batch"), self.share_spin)
        form.addRow(self.tr("Held out to measure"), self.holdout_spin)
        form.addRow(self.tr("Epochs"), self.epochs_spin)
        form.addRow(self.tr("Learning rate (Adam)"), self.lr_spin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.tune_button)
        buttons.addWidget(self.stop_button)
        tune_box = QGroupBox(self.tr("Teach the network your handwriting"))
        t = QVBoxLayout(tune_box)
        t.addWidget(self.model_label)
        t.addLayout(form)
        t.addLayout(buttons)
        t.addWidget(self.progress)
        t.addWidget(self.hint)
        t.addWidget(self.result_label)
        t.addWidget(self.plot, 2)
        t.addWidget(self.held_view, 1)

        split = QSplitter(Qt.Horizontal)
        split.addWidget(gallery_box)
        split.addWidget(tune_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(split)

        self.job = JobController("FineTuneThread", self)
        self.job.reported.connect(self._on_epoch)
        self.job.result_ready.connect(self._on_tuned)
        self.job.errored.connect(self._on_failed)
        self.job.running_changed.connect(lambda running: self._update_buttons())
        self.job.finished.connect(self._on_job_finished)
        self._tuned = self._failed = False
        self._hint_is_why = False
        self._show_folder()
        self.refresh()

    # ------------------------------------------------------------------ the collection
    @property
    def folder(self) -> str:
        return str(self.collection.folder)

    def set_folder(self, folder: str) -> None:
        from tensordesk.engine.own_digits import DigitCollection
        self.collection = DigitCollection(folder)
        self._undo.clear()
        self._show_folder()
        self.refresh()

    def _show_folder(self) -> None:
        set_text_with_data(self.folder_label, self.tr("Folder: %1"), self.folder)

    def add_example(self, image: np.ndarray, label: int) -> bool:
        """Keep a drawing as an example of `label`; a sentence in the status bar either way."""
        try:
            self.collection.add(image, label)
        except TensorDeskError as exc:
            self.message_shown.emit(self.tr("The drawing was not saved: %1").replace("%1", str(exc)))
            return False
        counts = self.collection.counts()
        self.message_shown.emit(self.tr("Saved as a %1 in your digits (%2 of them, %3 in all).")
                                .replace("%1", str(label)).replace("%2", str(counts[label]))
                                .replace("%3", str(sum(counts))))
        self.refresh()
        return True

    def refresh(self) -> None:
        """Re-read the folder into the gallery."""
        wanted = self.filter_combo.currentData()
        self.model.clear()
        items = self.collection.items()
        ratio = self.devicePixelRatioF()
        from PIL import Image
        for label, path in items:
            if wanted not in (-1, label):
                continue
            try:
                with Image.open(path) as img:
                    img.thumbnail((THUMB_PX * 2, THUMB_PX * 2))
                    pixels = np.asarray(img.convert("L"))
            except OSError:
                continue
            side = max(pixels.shape)
            square = np.zeros((side, side), np.uint8)
            top, left = (side - pixels.shape[0]) // 2, (side - pixels.shape[1]) // 2
            square[top:top + pixels.shape[0], left:left + pixels.shape[1]] = pixels
            item = QStandardItem(QIcon(digit_pixmap(square, THUMB_PX, ratio)), str(label))
            item.setData(str(path), PATH_ROLE)
            item.setData(label, LABEL_ROLE)
            item.setToolTip(path.name)
            self.model.appendRow(item)
        counts = [0] * 10
        for label, _ in items:
            counts[label] += 1
        self.counts_label.setText("  ".join(f"{d}: {n}" for d, n in enumerate(counts)))
        self.empty_label.setVisible(not items)
        self._update_buttons()
        self.collection_changed.emit()

    def selected_paths(self) -> list[Path]:
        return [Path(i.data(PATH_ROLE)) for i in self.gallery.selectionModel().selectedIndexes()]

    @Slot()
    def delete_selected(self) -> None:
        paths = self.selected_paths()
        if not paths:
            return
        try:
            for path in paths:
                self._undo.append(self.collection.delete(path))
        except TensorDeskError as exc:
            self.message_shown.emit(str(exc))
        self.message_shown.emit(self.tr("Deleted %1 digit(s); Undo delete (Ctrl+Z) brings them back.")
                                .replace("%1", str(len(paths))))
        self.refresh()

    @Slot()
    def undo_delete(self) -> None:
        if not self._undo:
            return
        try:
            self.collection.restore(self._undo.pop())
        except TensorDeskError as exc:
            self.message_shown.emit(str(exc))
        self.refresh()

    def relabel_selected(self, label: int) -> None:
        paths = self.selected_paths()
        try:
            for path in paths:
                self.collection.relabel(path, label)
        except TensorDeskError as exc:
            self.message_shown.emit(str(exc))
        if paths:
            self.message_shown.emit(self.tr("%1 digit(s) relabelled as %2.").replace("%1", str(len(paths)))
                                    .replace("%2", str(label)))
        self.refresh()

    @Slot(int)
    def _relabel_from_combo(self, index: int) -> None:
        label = self.relabel_combo.itemData(index)
        self.relabel_combo.setCurrentIndex(0)
        if label is not None and label >= 0:
            self.relabel_selected(int(label))

    @Slot(object)
    def _context_menu(self, pos) -> None:
        if not self.selected_paths():
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Delete"), self.delete_selected)
        relabel = menu.addMenu(self.tr("Relabel as"))
        for d in range(10):
            relabel.addAction(str(d), lambda d=d: self.relabel_selected(d))
        menu.exec(self.gallery.viewport().mapToGlobal(pos))

    @Slot()
    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder for your digits"), self.folder)
        if path:
            self.set_folder(path)

    @Slot()
    def _open_folder(self) -> None:
        os.makedirs(self.folder, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder))

    # ------------------------------------------------------------------ the model
    def set_model(self, checkpoint, name: str) -> None:
        """The window's current model: what fine-tuning starts from."""
        self.checkpoint, self.model_name = checkpoint, name
        if checkpoint is not None:
            set_text_with_data(self.model_label, self.tr("Starts from: %1"), name)
        else:
            set_text_with_data(self.model_label, self.tr("No model yet: train one or open a saved model."))
        self._update_buttons()

    def set_busy(self, busy: bool) -> None:
        """A training run holds TensorFlow: fine-tuning waits for it."""
        self.busy_elsewhere = busy
        self._update_buttons()

    def _why_not(self) -> str:
        counts = self.collection.counts()
        if not self.engine_ready:
            return self.tr("Waiting for TensorFlow to load.")
        if self.checkpoint is None:
            return self.tr("No model yet: train one or open a saved model.")
        if not self.checkpoint.spec.is_classifier:
            return self.tr("The current model is an autoencoder; fine-tuning needs a classifier.")
        if self.busy_elsewhere:
            return self.tr("Training is running: fine-tune when it has finished.")
        if max(counts) < 2:
            return self.tr("Collect at least two examples of a digit (ideally ten of each) in the Draw view.")
        return ""

    def _update_buttons(self) -> None:
        running = self.job.running
        why = self._why_not()
        self.tune_button.setEnabled(not running and not why)
        self.stop_button.setEnabled(running)
        for w in (self.share_spin, self.holdout_spin, self.epochs_spin, self.lr_spin, self.folder_button):
            w.setEnabled(not running)
        selected = bool(self.gallery.selectionModel().selectedIndexes())
        self.delete_button.setEnabled(selected and not running)
        self.relabel_combo.setEnabled(selected and not running)
        self.undo_button.setEnabled(bool(self._undo) and not running)
        if not running and why:
            self.hint.setText(why)
            self._hint_is_why = True
        elif not running and self._hint_is_why:   # a reason that no longer holds; a job's outcome stays
            self.hint.setText("")
            self._hint_is_why = False

    # ------------------------------------------------------------------ fine-tuning
    @Slot()
    def fine_tune(self) -> None:
        if not self.tune_button.isEnabled():
            return
        checkpoint, collection = self.checkpoint, self.collection
        share, holdout = self.share_spin.value() / 100, self.holdout_spin.value() / 100
        epochs, lr = self.epochs_spin.value(), self.lr_spin.value()

        def job(progress, cancelled):
            from tensordesk.engine.datasets import load_embedded
            from tensordesk.engine.own_digits import fine_tune
            images, labels, notes = collection.read()
            return fine_tune(checkpoint.model, checkpoint.spec, images, labels, load_embedded(), share, holdout,
                             epochs, lr, progress=lambda e, n, acc: progress(e, n, (e, acc)), stop=cancelled)

        self.progress.setRange(0, epochs)
        self.progress.setValue(0)
        self.result_label.setText("")
        self.held_model.clear()
        self.curve.setData([], [])
        self._points: list[tuple[int, float]] = []
        self.hint.setText(self.tr("Fine-tuning a copy of the model on your digits…"))
        self._hint_is_why = False
        self._tuned = self._failed = False
        self.job.start(job)

    @Slot()
    def _stop(self) -> None:
        self.job.stop()

    @Slot(object)
    def _on_epoch(self, detail) -> None:
        epoch, accuracy = detail
        self._points.append((epoch, accuracy))
        self.progress.setValue(epoch)
        self.curve.setData([p[0] for p in self._points], [p[1] for p in self._points])

    @Slot(object)
    def _on_job_finished(self, end) -> None:
        if not self._tuned and not self._failed:
            self.hint.setText(self.tr("Fine-tuning stopped; the current model is unchanged."))

    @Slot(object)
    def _on_tuned(self, result) -> None:
        from tensordesk.engine.checkpoints import Checkpoint
        self._tuned = True
        points = [(0, result.before), *[(i + 1, a) for i, a in enumerate(result.per_epoch)]]
        self.curve.setData([p[0] for p in points], [p[1] for p in points])
        self.progress.setValue(self.progress.maximum())
        self.result_label.setText(
            self.tr("On your %1 held-out digits: <b>%2</b> before → <b>%3</b> after. MNIST test digits: %4 → %5.")
            .replace("%1", str(result.held_out)).replace("%2", f"{result.before:.0%}")
            .replace("%3", f"{result.after:.0%}").replace("%4", f"{result.mnist_before:.1%}")
            .replace("%5", f"{result.mnist_after:.1%}"))
        self.hint.setText(self.tr("Draw now uses the fine-tuned model; File → Save model keeps it."))
        ratio = self.devicePixelRatioF()
        for image, label, b, a in zip(result.held_out_images, result.held_out_labels, result.before_predictions,
                                      result.after_predictions):
            item = QStandardItem(QIcon(digit_pixmap(image, 40, ratio)), f"{label}: {b}→{a}")
            item.setForeground(pg.mkColor("#2a9d3c" if a == label else "#d62728"))
            self.held_model.appendRow(item)
        spec = self.checkpoint.spec
        meta = {"dataset": f"folder:{self.folder}", "class_names": list(self.checkpoint.class_names),
                "fine_tuned_from": self.model_name, "own_digits_before": result.before,
                "own_digits_after": result.after, "test_accuracy": result.mnist_after}
        suffix = self.tr("%1, fine-tuned on your digits")
        name = self.model_name if self.model_name.endswith(suffix.replace("%1", "")) else \
            suffix.replace("%1", self.model_name)
        self.model_tuned.emit(Checkpoint(result.model, spec, result.config, result.history, meta), name)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._failed = True
        self.hint.setText(self.tr("Fine-tuning failed: %1").replace("%1", message))

    # ------------------------------------------------------------------ the window's hooks
    def on_engine_ready(self) -> None:
        self.engine_ready = True
        self._update_buttons()

    def load_settings(self, settings, key: str) -> None:
        folder = settings.value(f"{key}/folder")
        if folder:
            self.set_folder(str(folder))
        for name, spin in (("share", self.share_spin), ("holdout", self.holdout_spin),
                           ("epochs", self.epochs_spin)):
            try:
                value = settings.value(f"{key}/{name}")
                if value is not None:
                    spin.setValue(int(value))
            except (TypeError, ValueError):
                pass

    def save_settings(self, settings, key: str) -> None:
        settings.setValue(f"{key}/folder", self.folder)
        settings.setValue(f"{key}/share", self.share_spin.value())
        settings.setValue(f"{key}/holdout", self.holdout_spin.value())
        settings.setValue(f"{key}/epochs", self.epochs_spin.value())

    def shutdown(self) -> bool:
        return self.job.shutdown(5000)

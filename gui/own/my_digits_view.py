"""My digits: the learner's own handwriting as data. A gallery of the digits collected from the Draw view (filter by
digit, delete with undo, relabel), the folder they live in, and fine-tuning the current model on them mixed with
MNIST, with the accuracy on held-out digits before and after: the network learns your handwriting."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSize, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QIcon, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.engine.core.undo import DeleteBatches
from tensordesk.gui.own.fine_tune_panel import FineTunePanel
from tensordesk.gui.train.augment_preview import digit_pixmap
from tensordesk.gui.widgets.data_text import set_text_with_data
from tensordesk.gui.widgets.view_base import ViewBase

THUMB_PX = 56
PATH_ROLE = Qt.UserRole + 1
LABEL_ROLE = Qt.UserRole + 2


def default_folder() -> str:
    """'my digits' in the user's data folder, beside the recorded runs (~/.local/share/TensorDesk on Linux)."""
    from tensordesk.engine.runs.store import data_folder
    return str(data_folder() / "my digits")


class MyDigitsView(ViewBase, QWidget):
    message_shown = Signal(str)
    collection_changed = Signal()

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        from tensordesk.engine.data.own_digits import DigitCollection
        self.collection = DigitCollection(default_folder())
        self._undo = DeleteBatches(self.collection.delete, self.collection.restore)

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
        self.tuning = FineTunePanel(self.collection)
        self.tuning.model_tuned.connect(session.use_model)     # the tuned copy becomes the current model
        self.tuning.running_changed.connect(lambda running: self._update_buttons())
        self.tuning.tuned.connect(session.report)                 # before → after, for the missions' checks

        split = QSplitter(Qt.Horizontal)
        split.addWidget(gallery_box)
        split.addWidget(self.tuning)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(split)

        self._show_folder()
        session.collection_changed.connect(self.refresh)      # a drawing kept from Draw, …
        session.current_model_changed.connect(lambda checkpoint: self.set_model(checkpoint, session.model_label))
        session.training_changed.connect(self.set_busy)
        session.set_collection(self.collection)

    # ------------------------------------------------------------------ the collection
    @property
    def folder(self) -> str:
        return str(self.collection.folder)

    def set_folder(self, folder: str) -> None:
        from tensordesk.engine.data.own_digits import DigitCollection
        self.collection = DigitCollection(folder)
        self.tuning.set_collection(self.collection)
        self._undo = DeleteBatches(self.collection.delete, self.collection.restore)
        self._show_folder()
        self.session.set_collection(self.collection)

    def _show_folder(self) -> None:
        set_text_with_data(self.folder_label, self.tr("Folder: %1"), self.folder)

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
        deleted, errors = self._undo.delete(paths)
        for error in errors:
            self.message_shown.emit(error)
        if deleted:
            self.message_shown.emit(self.tr("Deleted %1 digit(s); Undo delete (Ctrl+Z) brings them back.")
                                    .replace("%1", str(len(deleted))))
        self.refresh()

    @Slot()
    def undo_delete(self) -> None:
        if not self._undo:
            return
        for error in self._undo.undo()[1]:
            self.message_shown.emit(error)
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

    # ------------------------------------------------------------------ the model (fine-tuning's)
    def set_model(self, checkpoint, name: str) -> None:
        """The window's current model: what fine-tuning starts from."""
        self.tuning.set_model(checkpoint, name)

    def set_busy(self, busy: bool) -> None:
        """A training run holds TensorFlow: fine-tuning waits for it."""
        self.tuning.set_busy(busy)

    def _update_buttons(self) -> None:
        running = self.tuning.running
        self.folder_button.setEnabled(not running)
        selected = bool(self.gallery.selectionModel().selectedIndexes())
        self.delete_button.setEnabled(selected and not running)
        self.relabel_combo.setEnabled(selected and not running)
        self.undo_button.setEnabled(bool(self._undo) and not running)
        self.tuning.update_buttons()

    # ------------------------------------------------------------------ the window's hooks
    def on_engine_ready(self) -> None:
        self.tuning.set_engine_ready()

    def load_settings(self, settings, key: str) -> None:
        folder = settings.value(f"{key}/folder")
        if folder:
            self.set_folder(str(folder))
        self.tuning.load_settings(settings, key)

    def save_settings(self, settings, key: str) -> None:
        settings.setValue(f"{key}/folder", self.folder)
        self.tuning.save_settings(settings, key)

    def shutdown(self) -> bool:
        return self.tuning.shutdown()

"""The class's wall: every digit the students sent, newest first, with what the model said; wrong ones framed in
the theme's error colour, right ones in its success colour. A confusion cell filters it. Nicknames are drawn as
plain text (never markup)."""
from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QModelIndex, QRect, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QPen, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from tensordesk.engine.classroom.store import confusion
from tensordesk.gui.analysis.evaluation_view import ConfusionPlot
from tensordesk.gui.presentation import theme
from tensordesk.gui.train.augment_preview import digit_pixmap

DIGIT_ROLE = Qt.UserRole + 1
TILE = 64


class WallModel(QStandardItemModel):
    """One row per digit (engine ClassDigit in DIGIT_ROLE), newest first; `digits()` oldest first, kept in Python
    too (a class of hundreds asks for them several times a second)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._digits: list = []

    def clear(self) -> None:
        super().clear()
        self._digits = []

    def add(self, digit) -> None:
        self._digits.append(digit)
        item = QStandardItem()
        item.setData(digit, DIGIT_ROLE)
        item.setEditable(False)
        said = str(digit.digit) if digit.label is None else f"{digit.label} → {digit.digit}"
        item.setData(said, Qt.AccessibleTextRole)
        if digit.nickname:     # escaped inside rich text: a nickname that looks like markup shows as typed
            item.setToolTip(f"<qt>{html.escape(digit.nickname)}</qt>")
        self.insertRow(0, item)

    def digits(self) -> list:
        return list(self._digits)

    def take(self, digit_id: str):
        for r in range(self.rowCount()):
            d = self.item(r).data(DIGIT_ROLE)
            if d.id == digit_id:
                self.removeRow(r)
                self._digits.remove(d)
                return d
        return None


class CellFilter(QSortFilterProxyModel):
    """Only the digits of one confusion cell (a student's label, the model's answer); None: all."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cell: tuple[int, int] | None = None

    def set_cell(self, cell: tuple[int, int] | None) -> None:
        if hasattr(self, "beginFilterChange"):     # Qt ≥ 6.10
            self.beginFilterChange()
            self.cell = cell
            self.endFilterChange()
        else:
            self.cell = cell
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        if self.cell is None:
            return True
        d = self.sourceModel().index(row, 0, parent).data(DIGIT_ROLE)
        return d is not None and (d.label, d.digit) == self.cell


class WallDelegate(QStyledItemDelegate):
    """A tile: the 28×28 digit the model read, framed by right or wrong, 'label → said' and the nickname."""

    def sizeHint(self, option, index) -> QSize:
        lines = option.fontMetrics.height() * 2
        return QSize(TILE + 16, TILE + lines + 14)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pixmaps: dict = {}     # (digit id, device ratio) → its tile: made once, not at every repaint

    def _pixmap(self, d, ratio: float):
        key = (d.id, ratio)
        pix = self._pixmaps.get(key)
        if pix is None:
            if len(self._pixmaps) > 5000:
                self._pixmaps.clear()
            pix = self._pixmaps[key] = digit_pixmap(d.image, TILE, ratio)
        return pix

    def paint(self, painter, option, index) -> None:
        d = index.data(DIGIT_ROLE)
        if d is None:
            return
        painter.save()
        r = option.rect.adjusted(3, 3, -3, -3)
        pal = option.palette
        if option.state & QStyle.State_Selected:
            painter.fillRect(r, pal.color(QPalette.Highlight))
        text_color = pal.color(QPalette.HighlightedText if option.state & QStyle.State_Selected else QPalette.Text)
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        image = QRect(r.left() + (r.width() - TILE) // 2, r.top() + 4, TILE, TILE)
        painter.drawPixmap(image, self._pixmap(d, ratio))
        if d.label is not None:
            painter.setPen(QPen(QColor(theme().error if d.wrong else theme().ok), 3))
            painter.setBrush(Qt.NoBrush)
            painter.drawRect(image.adjusted(-2, -2, 1, 1))
        fm = option.fontMetrics
        said = str(d.digit) if d.label is None else f"{d.label} → {d.digit}"
        line = QRect(r.left(), image.bottom() + 4, r.width(), fm.height())
        painter.setPen(QColor(theme().error) if d.wrong else text_color)
        painter.drawText(line, Qt.AlignHCenter | Qt.TextSingleLine, said)
        painter.setPen(text_color)
        nick = fm.elidedText(d.nickname, Qt.ElideRight, r.width())
        painter.drawText(line.translated(0, fm.height()), Qt.AlignHCenter | Qt.TextSingleLine, nick)
        painter.restore()


class Wall(QListView):
    """The wall's list: icon mode, static, several can be selected (to remove them)."""

    def __init__(self, model: WallModel, parent=None):
        super().__init__(parent)
        self.setObjectName("classWall")
        self.filter = CellFilter(self)
        self.filter.setSourceModel(model)
        self.setModel(self.filter)
        self.setItemDelegate(WallDelegate(self))
        self.setViewMode(QListView.IconMode)
        self.setResizeMode(QListView.Adjust)
        self.setMovement(QListView.Static)
        self.setUniformItemSizes(True)
        self.setSpacing(2)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)

    def selected_digits(self) -> list:
        return [i.data(DIGIT_ROLE) for i in self.selectionModel().selectedIndexes()]


class WallPage(QSplitter):
    """The wall beside the class's confusion matrix: a cell filters the wall; Remove (Delete) asks the view to take
    the selected digits out of the class. The matrix is drawn when on screen, not at every arrival."""

    cell_changed = Signal()          # a cell was chosen, or all the digits again
    removal_requested = Signal()
    selection_changed = Signal()

    def __init__(self, model: WallModel, parent=None):
        super().__init__(Qt.Horizontal, parent)
        self.model = model
        self.cell: tuple[int, int] | None = None
        self._matrix_stale = True
        self.wall = Wall(model)
        self.wall.selectionModel().selectionChanged.connect(lambda *a: self._on_selection())
        self.confusion = ConfusionPlot()
        self.confusion.setObjectName("classConfusion")
        self.confusion.cell_clicked.connect(self.show_cell)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("classRemove")
        self.remove_button.setToolTip(self.tr("Take the selected digits off the wall and out of the class (Delete)"))
        self.remove_button.clicked.connect(self.removal_requested)
        QShortcut(QKeySequence.Delete, self.wall, self.removal_requested.emit, context=Qt.WidgetShortcut)
        self.all_button = QPushButton(self.tr("Show all"))
        self.all_button.setObjectName("classShowAll")
        self.all_button.clicked.connect(lambda: self.show_cell(None))
        self.filter_label = QLabel()
        self.filter_label.setObjectName("classFilter")
        side = QWidget()
        lay = QVBoxLayout(side)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.wall, 1)
        row = QHBoxLayout()
        row.addWidget(self.filter_label, 1)
        row.addWidget(self.all_button)
        row.addWidget(self.remove_button)
        lay.addLayout(row)
        self.addWidget(side)
        self.addWidget(self.confusion)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.show_cell(None)

    def refresh(self) -> None:
        """The wall's digits changed: the matrix follows (now if on screen, else when shown)."""
        self._matrix_stale = True
        if self.confusion.isVisible():
            self.show_matrix()
        self._update_buttons()

    def show_matrix(self) -> None:
        if not self._matrix_stale:
            return
        self._matrix_stale = False
        counts = confusion(self.model.digits())
        rows = counts.sum(axis=1, keepdims=True)
        self.confusion.set_matrix(counts, counts / np.maximum(rows, 1), [str(i) for i in range(10)])
        if self.cell is not None:
            self.confusion.select(*self.cell)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.show_matrix()

    def show_cell(self, true=None, predicted=None) -> None:
        """Only the digits a student labelled `true` that the model read as `predicted`; None: all of them."""
        self.cell = None if true is None or predicted is None else (int(true), int(predicted))
        self.wall.filter.set_cell(self.cell)
        if self.cell is None:
            self.confusion.selection.hide()
            self.filter_label.setText(self.tr("All the class's digits"))
        else:
            self.confusion.select(*self.cell)
            self.filter_label.setText(self.tr("Drawn as %1, read as %2").replace("%1", str(self.cell[0]))
                                      .replace("%2", str(self.cell[1])))
        self._update_buttons()
        self.cell_changed.emit()

    def selected_digits(self) -> list:
        return self.wall.selected_digits()

    def _on_selection(self) -> None:
        self._update_buttons()
        self.selection_changed.emit()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.wall.selected_digits()))
        self.all_button.setEnabled(self.cell is not None)

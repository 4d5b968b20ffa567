"""The class's wall: every digit the students sent, newest first, with what the model said; wrong ones framed in
the theme's error colour, right ones in its success colour. A confusion cell filters it. Nicknames are drawn as
plain text (never markup)."""
from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QRect, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QPalette, QPen, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate

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

"""A column of controls that scrolls vertically when the window is too short for it (a 1280×720 projector, lecture
mode's larger text), so the rest of the view keeps its size and nothing is drawn over anything else."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QWidget


class ScrollColumn(QScrollArea):
    """As wide as its contents need (at any scale), as short as a few rows."""

    def __init__(self, widget: QWidget, parent=None):
        super().__init__(parent)
        self.setObjectName(f"{widget.objectName() or type(widget).__name__}Scroll")
        self.setWidget(widget)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.LayoutRequest, QEvent.Show, QEvent.FontChange):
            # the contents' size changed (lecture scale): so does the column, once their layout has settled
            QTimer.singleShot(0, self, self.updateGeometry)
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        inner = self.widget().minimumSizeHint()
        return QSize(inner.width() + self.verticalScrollBar().sizeHint().width(), min(inner.height(), 120))

    def sizeHint(self) -> QSize:
        inner = self.widget().sizeHint()
        return QSize(max(inner.width(), self.minimumSizeHint().width()), inner.height())


def scroll_column(widget: QWidget) -> ScrollColumn:
    return ScrollColumn(widget)

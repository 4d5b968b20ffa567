"""The join address as a QR code (segno makes the code; Qt only paints its modules), dark on light whatever the
theme: phones' cameras read it best that way."""
from __future__ import annotations

import segno
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET = 4        # the quiet zone around the code, in modules (the standard's minimum)


def qr_matrix(text: str) -> list[list[bool]]:
    """The code's modules, row by row (True: dark), without the quiet zone."""
    code = segno.make(text, error="m", micro=False)
    return [[bool(v) for v in row] for row in code.matrix]


class QrCode(QWidget):
    """Paints the code as large as the widget allows, square, with its quiet zone."""

    def __init__(self, name: str, minimum: int = 120, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.text = ""
        self.matrix: list[list[bool]] = []
        self.minimum = minimum
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def set_text(self, text: str) -> None:
        self.text = text
        self.matrix = qr_matrix(text) if text else []
        self.setToolTip(text)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self.minimum * 2, self.minimum * 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.minimum, self.minimum)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def paintEvent(self, event) -> None:
        if not self.matrix:
            return
        n = len(self.matrix) + 2 * QUIET
        side = min(self.width(), self.height())
        module = max(1, side // n)          # whole pixels a module: crisp edges a camera reads at a distance
        side = module * n
        left, top = (self.width() - side) // 2, (self.height() - side) // 2
        p = QPainter(self)
        p.fillRect(QRectF(left, top, side, side), QColor("#ffffff"))
        p.setPen(Qt.NoPen)
        p.setBrush(QColor("#000000"))
        for r, row in enumerate(self.matrix):
            for c, dark in enumerate(row):
                if dark:
                    p.drawRect(QRectF(left + (c + QUIET) * module, top + (r + QUIET) * module, module, module))
        p.end()

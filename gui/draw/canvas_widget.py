"""A canvas to draw a digit with the mouse, a pen tablet or a finger: light ink on a dark field, as MNIST.

Strokes are painted into a grayscale QImage; undo keeps the image before each stroke.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTabletEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

CANVAS_SIDE = 280  # pixels of the drawing image (scaled to the widget)
MAX_UNDO = 50


class DigitCanvas(QWidget):
    drawing_changed = Signal()      # while a stroke is drawn
    stroke_finished = Signal()      # pen/mouse released, undo, clear or a new image

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("digitCanvas")
        self.setAttribute(Qt.WA_StaticContents)
        self.setAttribute(Qt.WA_AcceptTouchEvents)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(200, 200)
        self.setCursor(Qt.CrossCursor)
        self.setToolTip("Draw a digit here with the mouse, a pen or a finger. Right button erases.")
        self.brush_size = 18.0
        self.eraser = False
        self._image = QImage(CANVAS_SIDE, CANVAS_SIDE, QImage.Format_Grayscale8)
        self._image.fill(0)
        self._undo: list[QImage] = []
        self._last: QPointF | None = None
        self._erasing_stroke = False
        self._pressure = 1.0

    # ------------------------------------------------------------------ API
    def sizeHint(self) -> QSize:
        return QSize(360, 360)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, w: int) -> int:
        return w

    def _pixels(self) -> np.ndarray:
        """A uint8 view of the drawing (no copy); valid until the image changes."""
        img = self._image
        arr = np.frombuffer(img.constBits(), np.uint8, img.sizeInBytes()).reshape(img.height(), img.bytesPerLine())
        return arr[:, : img.width()]

    def is_empty(self) -> bool:
        return not self._pixels().any()

    def to_array(self) -> np.ndarray:
        """The drawing as (280, 280) float32 in [0, 1], ink bright on black."""
        return self._pixels().astype(np.float32) / 255.0

    def set_array(self, image: np.ndarray) -> None:
        """Show an image (any size, values in [0, 1] or 0..255, light ink on dark) on the canvas; undoable."""
        a = np.asarray(image, dtype=np.float32)
        if a.max(initial=0) > 1.0:
            a = a / 255.0
        small = QImage(np.ascontiguousarray((a * 255).astype(np.uint8)).data, a.shape[1], a.shape[0], a.shape[1],
                       QImage.Format_Grayscale8).copy()
        self._push_undo()
        self._image = small.scaled(CANVAS_SIDE, CANVAS_SIDE, Qt.KeepAspectRatio, Qt.SmoothTransformation) \
            .convertToFormat(QImage.Format_Grayscale8)
        if self._image.size() != QSize(CANVAS_SIDE, CANVAS_SIDE):
            full = QImage(CANVAS_SIDE, CANVAS_SIDE, QImage.Format_Grayscale8)
            full.fill(0)
            p = QPainter(full)
            p.drawImage((CANVAS_SIDE - self._image.width()) // 2, (CANVAS_SIDE - self._image.height()) // 2,
                        self._image)
            p.end()
            self._image = full
        self.update()
        self.stroke_finished.emit()

    def clear(self) -> None:
        if self.is_empty():
            return
        self._push_undo()
        self._image.fill(0)
        self.update()
        self.stroke_finished.emit()

    def undo(self) -> None:
        if self._undo:
            self._image = self._undo.pop()
            self.update()
            self.stroke_finished.emit()

    def set_brush_size(self, size: float) -> None:
        self.brush_size = float(size)

    def set_eraser(self, on: bool) -> None:
        self.eraser = bool(on)

    # ------------------------------------------------------------------ painting
    def _push_undo(self) -> None:
        self._undo.append(self._image.copy())
        del self._undo[:-MAX_UNDO]

    def _target_rect(self) -> QRect:
        side = min(self.width(), self.height())
        return QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)

    def _to_image(self, pos: QPointF) -> QPointF:
        r = self._target_rect()
        s = CANVAS_SIDE / max(r.width(), 1)
        return QPointF((pos.x() - r.x()) * s, (pos.y() - r.y()) * s)

    def _begin(self, pos: QPointF, erase: bool) -> None:
        self._push_undo()
        self._erasing_stroke = erase or self.eraser
        self._last = self._to_image(pos)
        self._line_to(pos)

    def _line_to(self, pos: QPointF) -> None:
        if self._last is None:
            return
        p = self._to_image(pos)
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.Antialiasing)
        color = QColor(0, 0, 0) if self._erasing_stroke else QColor(255, 255, 255)
        width = self.brush_size * (2.0 if self._erasing_stroke else 1.0) * (0.5 + 0.5 * self._pressure)
        painter.setPen(QPen(color, width, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
        painter.drawLine(self._last, p)
        painter.end()
        self._last = p
        self.update()
        self.drawing_changed.emit()

    def _end(self) -> None:
        if self._last is not None:
            self._last = None
            self.stroke_finished.emit()

    def mousePressEvent(self, event) -> None:
        if event.button() in (Qt.LeftButton, Qt.RightButton):
            self._pressure = 1.0
            self._begin(event.position(), event.button() == Qt.RightButton)

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & (Qt.LeftButton | Qt.RightButton):
            self._line_to(event.position())

    def mouseReleaseEvent(self, event) -> None:
        self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        self._pressure = max(0.2, float(event.pressure()))
        t = event.type()
        if t == QTabletEvent.TabletPress:
            self._begin(event.position(), event.pointerType() == event.pointerType().Eraser)
        elif t == QTabletEvent.TabletMove:
            self._line_to(event.position())
        elif t == QTabletEvent.TabletRelease:
            self._end()
        event.accept()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        r = self._target_rect()
        painter.setRenderHint(QPainter.SmoothPixmapTransform)
        painter.drawImage(r, self._image)
        painter.setPen(QPen(QColor(90, 90, 90), 1, Qt.DashLine))
        painter.drawRect(r.adjusted(0, 0, -1, -1))
        if self.is_empty():
            painter.setPen(QColor(150, 150, 150))
            painter.drawText(r, Qt.AlignCenter, self.tr("Draw a digit here"))
        painter.end()

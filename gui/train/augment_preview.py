"""A strip of augmented copies of one training digit: what "augment" does to the images the network sees."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

TILES = 5          # augmented copies shown beside the original
TILE_PX = 36       # each 28×28 image drawn at this size (logical pixels; sharp on high-DPI screens)


def digit_pixmap(image: np.ndarray, size: int, device_ratio: float = 1.0) -> QPixmap:
    """(28, 28) float in [0, 1] or uint8 → a pixmap of `size` logical pixels, nearest-neighbour, light on dark."""
    a = np.asarray(image)
    if a.dtype != np.uint8:
        a = np.clip(np.rint(a * 255), 0, 255).astype(np.uint8)
    a = np.ascontiguousarray(a)
    qimg = QImage(a.data, a.shape[1], a.shape[0], a.shape[1], QImage.Format_Grayscale8).copy()
    pixels = max(1, int(round(size * device_ratio)))
    pix = QPixmap.fromImage(qimg.scaled(pixels, pixels, Qt.IgnoreAspectRatio, Qt.FastTransformation))
    pix.setDevicePixelRatio(device_ratio)
    return pix


class AugmentPreview(QWidget):
    """The original digit, then `TILES` augmented copies; "New examples" draws another digit and new copies."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("augmentPreview")
        self._digits: np.ndarray | None = None
        self._index = 0
        self._seed = 0
        self.original = QLabel()
        self.original.setObjectName("augmentOriginal")
        self.original.setToolTip(self.tr("A training digit as it is"))
        self.tiles = [QLabel() for _ in range(TILES)]
        for t in self.tiles:
            t.setToolTip(self.tr("What the network sees instead, a different version every time"))
        self.arrow = QLabel("→")
        self.refresh_button = QToolButton()
        self.refresh_button.setText("↻")
        self.refresh_button.setObjectName("augmentRefreshButton")
        self.refresh_button.setToolTip(self.tr("New examples"))
        self.refresh_button.clicked.connect(self.next_examples)
        self.setToolTip(self.tr("The preview appears once TensorFlow has loaded."))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.original)
        row.addWidget(self.arrow)
        for t in self.tiles:
            row.addWidget(t)
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        self.refresh_button.setEnabled(False)

    def set_digits(self, images: np.ndarray) -> None:
        """Training digits (N, 28, 28) uint8 to show augmented (needs TensorFlow: call once it has loaded)."""
        self._digits = np.asarray(images)
        self.refresh_button.setEnabled(len(self._digits) > 0)
        self.setToolTip(self.tr("Each batch is rotated, shifted, zoomed, bent and drawn thicker or thinner at "
                                "random."))
        self.show_examples()

    @Slot()
    def next_examples(self) -> None:
        if self._digits is None or not len(self._digits):
            return
        self._index = (self._index + 1) % len(self._digits)
        self._seed += 1
        self.show_examples()

    def examples(self) -> np.ndarray | None:
        """The augmented copies on show, (TILES, 28, 28) float32 (None before `set_digits`)."""
        return self._shown

    _shown = None

    def show_examples(self) -> None:
        if self._digits is None or not len(self._digits) or not self.isVisible():
            return
        from tensordesk.engine.data.augment import augmented_examples
        digit = self._digits[self._index]
        self._shown = augmented_examples(digit[None], TILES, seed=self._seed)
        ratio = self.devicePixelRatioF()
        self.original.setPixmap(digit_pixmap(digit, TILE_PX, ratio))
        for tile, image in zip(self.tiles, self._shown):
            tile.setPixmap(digit_pixmap(image, TILE_PX, ratio))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._shown is None:
            self.show_examples()

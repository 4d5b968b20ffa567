"""What the network thinks of the drawing: the predicted class large, ten probability bars, and the
28×28 image the network really sees after MNIST preprocessing."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from tensordesk.gui.widgets.axes import plot_widget
from tensordesk.gui.widgets.plot_export import install_plot_export


class PredictionPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.class_names = tuple(str(i) for i in range(10))
        self.digit = QLabel("")
        self.digit.setObjectName("predictedDigit")
        self._size_digit()
        self.digit.setAlignment(Qt.AlignCenter)
        self.digit.setMinimumWidth(120)
        self.confidence = QLabel("")
        self.confidence.setObjectName("predictionConfidence")
        self.confidence.setAlignment(Qt.AlignCenter)
        self.confidence.setWordWrap(True)

        self.processed = QLabel()
        self.processed.setObjectName("processedDigit")
        self.processed.setFixedSize(140, 140)
        self.processed.setAlignment(Qt.AlignCenter)
        self.processed.setStyleSheet("background: black; border: 1px solid #555;")
        self.processed.setToolTip(self.tr("The 28×28 image the network sees: cropped, scaled to 20 px and "
                                          "centred by its centre of mass, as MNIST digits are."))
        self.processed_array: np.ndarray | None = None

        self.bars_plot = plot_widget()
        self.bars_plot.setObjectName("probabilityBars")
        self.bars_plot.setMouseEnabled(False, False)
        self.bars_plot.hideButtons()
        self.bars_plot.setMenuEnabled(False)
        self.bars_plot.setYRange(0, 1, padding=0.02)
        self.bars_plot.setXRange(-0.6, 9.6, padding=0)
        self.bars_plot.setLabel("left", self.tr("probability"))
        self.bars_plot.setMinimumHeight(160)
        self.bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.7, brush=pg.mkBrush(90, 140, 220))
        self.bars_plot.addItem(self.bars)
        self.probabilities: np.ndarray | None = None
        install_plot_export(self.bars_plot, table=self.probability_table)
        self._set_ticks()

        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.digit, 1)
        left.addWidget(self.confidence)
        top.addLayout(left, 1)
        pv = QVBoxLayout()
        cap = QLabel(self.tr("network input (28×28)"))
        cap.setAlignment(Qt.AlignCenter)
        pv.addWidget(self.processed, 0, Qt.AlignCenter)
        pv.addWidget(cap)
        top.addLayout(pv)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.bars_plot, 1)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)

    def _size_digit(self) -> None:
        """The answer in large bold digits: five times the window's text, following lecture mode's scale."""
        f = QFont(self.font())
        f.setPointSizeF(f.pointSizeF() * 5)
        f.setBold(True)
        self.digit.setFont(f)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._size_digit()

    def _set_ticks(self) -> None:
        labels = [(i, name if len(name) <= 3 else name[:3]) for i, name in enumerate(self.class_names)]
        self.bars_plot.getAxis("bottom").setTicks([labels])

    def set_class_names(self, names) -> None:
        self.class_names = tuple(names)
        self._set_ticks()

    def probability_table(self) -> tuple[list, list]:
        """The bars as a table: class, probability (empty before anything is classified)."""
        probs = self.probabilities
        rows = [] if probs is None else [[n, float(p)] for n, p in zip(self.class_names, probs)]
        return [self.tr("class"), self.tr("probability")], rows

    def show_prediction(self, processed: np.ndarray | None, probs: np.ndarray | None, note: str = "") -> None:
        """Show a result; `probs` None clears the digit and bars (nothing drawn, or no model)."""
        self.show_processed(processed)
        self.probabilities = None if probs is None else np.asarray(probs, float)
        if probs is None:
            self.digit.setText("")
            self.bars.setOpts(height=np.zeros(10), brushes=None, brush=pg.mkBrush(90, 140, 220))
            self.confidence.setText(note)
            return
        best = int(np.argmax(probs))
        self.digit.setText(self.class_names[best])
        self.confidence.setText(self.tr("%1 — %2 sure").replace("%1", self.class_names[best])
                                .replace("%2", f"{probs[best]:.0%}") + (f"\n{note}" if note else ""))
        brushes = [pg.mkBrush(230, 120, 40) if i == best else pg.mkBrush(90, 140, 220) for i in range(len(probs))]
        self.bars.setOpts(x=np.arange(len(probs)), height=np.asarray(probs, float), brushes=brushes)

    def show_processed(self, processed: np.ndarray | None) -> None:
        self.processed_array = processed
        if processed is None:
            self.processed.clear()
            return
        a = np.ascontiguousarray((np.clip(processed, 0, 1) * 255).astype(np.uint8))
        img = QImage(a.data, 28, 28, 28, QImage.Format_Grayscale8).copy()
        self.processed.setPixmap(QPixmap.fromImage(img).scaled(self.processed.size(), Qt.KeepAspectRatio,
                                                               Qt.FastTransformation))

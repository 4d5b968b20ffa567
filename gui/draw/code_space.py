"""The autoencoder's 2-D code space (seed 002's visualisation): the test images' codes coloured by class, the
drawn digit's code marked, and a click anywhere decoding that point into the image it stands for."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.gui.presentation import ink, run_color
from tensordesk.gui.widgets.plots import labelled_plot


class CodeSpacePanel(QWidget):
    decoded = Signal(object)  # (28, 28) image decoded from a clicked point

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = None
        self.images = None
        self.labels = None
        self.class_names: tuple = ()
        self.codes = None
        self.note = QLabel("")
        self.note.setObjectName("codeSpaceNote")
        self.note.setWordWrap(True)
        self.plot = labelled_plot("codeSpacePlot", self.tr("code 1"), self.tr("code 2"))
        self.legend = self.plot.addLegend(offset=(-5, 5), labelTextSize="8pt")
        self.scatters: list[pg.ScatterPlotItem] = []
        self.canvas_mark = pg.ScatterPlotItem(symbol="star", size=22, pen=pg.mkPen(ink(), width=1.5),
                                              brush=pg.mkBrush(255, 255, 0))
        self.click_mark = pg.ScatterPlotItem(symbol="+", size=18, pen=pg.mkPen(ink(), width=2))
        self.plot.addItem(self.canvas_mark)
        self.plot.addItem(self.click_mark)
        self.canvas_mark.setZValue(10)
        self.click_mark.setZValue(10)
        self.plot.scene().sigMouseClicked.connect(self._on_click)
        self.decoded_view = pg.GraphicsLayoutWidget()
        self.decoded_view.setObjectName("decodedView")
        self.decoded_label = self.decoded_view.addLabel(self.tr("decoded"), row=0, col=0)
        box = self.decoded_view.addViewBox(row=1, col=0, lockAspect=True, invertY=True, enableMouse=False)
        self.decoded_item = pg.ImageItem(axisOrder="row-major")
        box.addItem(self.decoded_item)
        self.decoded_view.setFixedWidth(200)
        row = QHBoxLayout()
        row.addWidget(self.plot, 1)
        row.addWidget(self.decoded_view)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.note)
        lay.addLayout(row, 1)
        self.note.setText(self.tr("Train or open the autoencoder (2-D code) to see where it puts each digit."))

    def set_data(self, images: np.ndarray, labels: np.ndarray, class_names) -> None:
        """The labelled images whose codes are scattered (uint8 (n, 28, 28))."""
        self.images, self.labels, self.class_names = images, np.asarray(labels), tuple(class_names)
        self.refresh()

    def set_model(self, model) -> None:
        """The autoencoder to show (None, or a classifier, clears the plane and says why)."""
        self.model = model
        self.refresh()

    def refresh(self, canvas_image: np.ndarray | None = None) -> None:
        """Recompute every code with the model's current weights."""
        from tensordesk.engine.inspection.insight import encode
        for s in self.scatters:
            self.plot.removeItem(s)
        self.scatters = []
        self.legend.clear()
        self.codes = None
        if self.model is None or self.images is None:
            self.canvas_mark.clear()
            self.note.setText(self.tr("Train or open the autoencoder (2-D code) to see where it puts each digit."))
            return
        try:
            self.codes = encode(self.model, self.images)
        except TensorDeskError:  # a classifier has no code: say so instead of drawing
            self.note.setText(self.tr("This model is a classifier: only the autoencoder (2-D code) has a code "
                                      "space. Train it in the Train tab to see the digits arrange themselves."))
            self.canvas_mark.clear()
            return
        for k, name in enumerate(self.class_names):
            chosen = self.labels == k
            if not chosen.any():
                continue
            r, g, b = run_color(k)
            s = pg.ScatterPlotItem(self.codes[chosen, 0], self.codes[chosen, 1], size=5, pen=None,
                                   brush=pg.mkBrush(r, g, b, 170), name=str(name))
            self.plot.addItem(s)
            self.scatters.append(s)
        text = self.tr("%1 test images placed by their 2-D code, coloured by class. Click anywhere to decode that "
                       "point; the star is your drawing.").replace("%1", f"{len(self.codes):,}")
        if not self.spread_out():
            text += " " + self.tr("The digits still lie on top of one another: train longer (more epochs or a "
                                  "smaller batch) and they spread out.")
        self.note.setText(text)
        if canvas_image is not None:
            self.show_canvas(canvas_image)

    def spread_out(self) -> bool:
        """The classes' codes lie apart: their centres spread more than half as far as one class's codes do."""
        groups = [self.codes[self.labels == k] for k in range(len(self.class_names)) if np.any(self.labels == k)]
        if len(groups) < 2:
            return True
        centres = np.array([g.mean(axis=0) for g in groups])
        within = np.mean([g.std(axis=0).mean() for g in groups])
        return bool(centres.std(axis=0).mean() > 0.5 * within)

    def show_canvas(self, processed: np.ndarray | None) -> None:
        """Mark the drawn digit's code (preprocessed 28×28 in [0, 1]; None removes the mark)."""
        from tensordesk.engine.inspection.insight import encode
        if processed is None or self.codes is None:
            self.canvas_mark.clear()
            return
        code = encode(self.model, processed[None])[0]
        self.canvas_mark.setData([code[0]], [code[1]])

    def decode_at(self, x: float, y: float) -> np.ndarray | None:
        from tensordesk.engine.inspection.insight import decode
        if self.codes is None:
            return None
        image = decode(self.model, [x, y])[0]
        self.click_mark.setData([x], [y])
        self.decoded_item.setImage(image, levels=(0.0, 1.0))
        self.decoded_label.setText(self.tr("decoded (%1, %2)").replace("%1", f"{x:.2f}").replace("%2", f"{y:.2f}"))
        self.decoded.emit(image)
        return image

    def _on_click(self, event) -> None:
        vb = self.plot.getViewBox()
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        p: QPointF = vb.mapSceneToView(event.scenePos())
        self.decode_at(p.x(), p.y())

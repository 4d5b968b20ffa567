"""The cost surface seen from above (the gradient-descent lab): the log cost as a colour map with contour lines,
each optimizer's path and head, the start and the lowest grid point."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from tensordesk.gui.presentation import ink, paper
from tensordesk.gui.widgets.axes import readable_axes


class ContourView(pg.PlotWidget):
    """The same surface from above: log-cost colour map with contour lines; click to choose a start."""

    def __init__(self, parent=None):
        super().__init__(parent, axisItems=readable_axes())
        self.setObjectName("contourView")
        self.setLabel("bottom", "a")
        self.setLabel("left", "b")
        self.setAspectLocked(True)
        self.setMinimumSize(260, 240)
        self.image = pg.ImageItem()
        self.addItem(self.image)
        self.isocurves = []
        self.paths, self.heads = [], []
        self.start_marker = pg.ScatterPlotItem(size=14, symbol="star", brush=pg.mkBrush(paper()),
                                               pen=pg.mkPen(ink(), width=1.5))
        self.start_marker.setZValue(20)
        self.addItem(self.start_marker)
        self.minimum_marker = pg.ScatterPlotItem(size=10, symbol="x", brush=pg.mkBrush(ink()), pen=pg.mkPen(ink()))
        self.minimum_marker.setZValue(19)
        self.addItem(self.minimum_marker)
        self.legend = self.addLegend(offset=(-5, 5), labelTextSize="8pt", brush=pg.mkBrush(255, 255, 255, 200))

    def set_surface(self, a, b, cost, cmap, minimum) -> None:
        z = np.log10(cost + 1e-4)
        self.image.setImage(z, autoLevels=True)
        self.image.setColorMap(cmap)
        self.image.setRect(QRectF(a[0], b[0], a[-1] - a[0], b[-1] - b[0]))
        for iso in self.isocurves:
            iso.setParentItem(None)
            self.removeItem(iso)
        self.isocurves = []
        # isocurves live in the image's pixel coordinates: parent them to the image so they share its rect
        for level in np.linspace(z.min(), z.max(), 12)[1:-1]:
            iso = pg.IsocurveItem(data=z, level=level, pen=pg.mkPen((0, 0, 0, 110), width=1))
            iso.setParentItem(self.image)
            self.isocurves.append(iso)
        self.minimum_marker.setData([minimum[0]], [minimum[1]])
        self.setRange(xRange=(a[0], a[-1]), yRange=(b[0], b[-1]), padding=0)

    def set_runs(self, labels, colors) -> None:
        for item in self.paths + self.heads:
            self.removeItem(item)
        self.legend.clear()
        self.paths, self.heads = [], []
        for label, color in zip(labels, colors):
            path = pg.PlotDataItem([], [], pen=pg.mkPen(color, width=2.5), name=label)
            path.setZValue(10)
            head = pg.ScatterPlotItem(size=11, brush=pg.mkBrush(color), pen=pg.mkPen(ink()))
            head.setZValue(21)
            self.addItem(path)
            self.addItem(head)
            self.paths.append(path)
            self.heads.append(head)

    def set_path(self, i: int, pts: np.ndarray) -> None:
        if i >= len(self.paths) or len(pts) == 0:
            return
        self.paths[i].setData(pts[:, 0], pts[:, 1])
        self.heads[i].setData([pts[-1, 0]], [pts[-1, 1]])
        if i == 0:
            self.start_marker.setData([pts[0, 0]], [pts[0, 1]])

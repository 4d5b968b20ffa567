"""The playground's plane: the decision boundary (or the regression surface) as a heat map under the training points
(filled) and the test points (ringed). With your own points, a click adds one of the chosen class, dragging moves
one, Shift+click removes it (`points_changed` when a gesture ends)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, Signal

from tensordesk.engine.labs.playground_data import RADIUS
from tensordesk.gui.labs.playground_network import diverging_lut
from tensordesk.gui.presentation import ink, paper, run_color
from tensordesk.gui.widgets.plots import labelled_plot

PICK = 0.35          # how near (in plane units) a press must be to grab an own point


def class_color(k: int) -> tuple:
    return run_color(k)[:3]


class PlaygroundPlane(QObject):
    points_changed = Signal(object)     # the own points now: ((x1, x2, class), …)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = labelled_plot("playgroundPlane", "x₁", "x₂")
        self.plot.setAspectLocked(True)
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        self.plot.setRange(xRange=(-RADIUS, RADIUS), yRange=(-RADIUS, RADIUS), padding=0.02)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.train_points = pg.ScatterPlotItem(size=7, pen=pg.mkPen(ink(), width=0.8))
        self.test_points = pg.ScatterPlotItem(size=8, brush=None)
        self.plot.addItem(self.train_points)
        self.plot.addItem(self.test_points)
        self.own: list[list[float]] = []     # [x1, x2, class] while editing
        self.editing = False                 # the data set is "own": clicks add points
        self.new_class = 0
        self.task = "classify"
        self.classes = 2
        self._dragging: int | None = None
        self._lut = diverging_lut()
        self.plot.viewport().installEventFilter(self)

    # ---------------------------------------------------------------- drawing
    def set_points(self, data) -> None:
        """The experiment's points (engine PlaygroundData)."""
        self.task, self.classes = data.task, max(1, data.classes)
        self.train_points.setData(pos=data.train_xy, brush=self._brushes(data.train_y), pen=pg.mkPen(ink(), width=0.8))
        self.test_points.setData(pos=data.test_xy, brush=None, pen=[pg.mkPen(c, width=2)
                                                                    for c in self._colors(data.test_y)])

    def show_own(self) -> None:
        """The own points as they are being edited (before a lab has read them)."""
        xy = np.asarray([p[:2] for p in self.own], float).reshape(-1, 2)
        labels = np.asarray([p[2] for p in self.own], np.int64)
        self.train_points.setData(pos=xy, brush=self._brushes(labels), pen=pg.mkPen(ink(), width=0.8))
        self.test_points.setData([], [])

    def _colors(self, labels) -> list:
        if self.task == "regress":
            return [pg.mkColor(*self._lut[int(np.clip((v + 1) * 127.5, 0, 255))]) for v in np.asarray(labels, float)]
        return [pg.mkColor(*class_color(int(k))) for k in labels]

    def _brushes(self, labels) -> list:
        return [pg.mkBrush(c) for c in self._colors(labels)]

    def set_output(self, output: np.ndarray, confidence: np.ndarray | None) -> None:
        """The network's answer over the plane: P(class 1), the predicted class (with its confidence) or the value."""
        back = np.array(paper().getRgb()[:3], float)
        if self.task == "regress":
            rgb = self._lut[np.clip((np.asarray(output) + 1) * 127.5, 0, 255).astype(np.uint8)].astype(float)
            rgb = 0.35 * back + 0.65 * rgb
        elif confidence is None:      # two classes: the colour of the likelier one, paler near the boundary
            p = np.asarray(output, float)[..., None]
            c0, c1 = np.array(class_color(0), float), np.array(class_color(1), float)
            strength = np.abs(p - 0.5) * 2 * 0.6
            rgb = back + (np.where(p >= 0.5, c1, c0) - back) * strength
        else:
            colors = np.array([class_color(k) for k in range(self.classes)], float)
            rgb = back + (colors[np.asarray(output, int)] - back) * (np.asarray(confidence)[..., None] * 0.6)
        self.image.setImage(np.clip(rgb, 0, 255).astype(np.uint8), autoLevels=False, levels=(0, 255))
        self.image.setRect(-RADIUS, -RADIUS, 2 * RADIUS, 2 * RADIUS)   # scaled by the image's size: after it

    def clear_output(self) -> None:
        self.image.clear()

    # ---------------------------------------------------------------- own points
    def to_plane(self, pos) -> tuple[float, float]:
        p = self.plot.getViewBox().mapSceneToView(self.plot.mapToScene(pos.toPoint()))
        return float(p.x()), float(p.y())

    def _nearest(self, x: float, y: float) -> int | None:
        if not self.own:
            return None
        d = [np.hypot(px - x, py - y) for px, py, _ in self.own]
        k = int(np.argmin(d))
        return k if d[k] <= PICK else None

    def add_point(self, x: float, y: float, cls: int | None = None) -> None:
        self.own.append([float(np.clip(x, -RADIUS, RADIUS)), float(np.clip(y, -RADIUS, RADIUS)),
                         int(self.new_class if cls is None else cls)])
        self.show_own()
        self.points_changed.emit(self.own_points())

    def remove_point(self, index: int) -> None:
        del self.own[index]
        self.show_own()
        self.points_changed.emit(self.own_points())

    def clear_points(self) -> None:
        self.own = []
        self.show_own()
        self.points_changed.emit(())

    def own_points(self) -> tuple:
        return tuple((round(x, 3), round(y, 3), int(c)) for x, y, c in self.own)

    def eventFilter(self, obj, event) -> bool:
        if not self.editing or event.type() not in (QEvent.MouseButtonPress, QEvent.MouseMove,
                                                    QEvent.MouseButtonRelease):
            return False
        if event.type() != QEvent.MouseMove and event.button() != Qt.LeftButton:
            return False
        x, y = self.to_plane(event.position())
        inside = abs(x) <= RADIUS and abs(y) <= RADIUS
        if event.type() == QEvent.MouseButtonPress:
            near = self._nearest(x, y)
            if near is not None and event.modifiers() & Qt.ShiftModifier:
                self.remove_point(near)
            elif near is not None:
                self._dragging = near
            elif inside:
                self.add_point(x, y)
            return True
        if event.type() == QEvent.MouseMove and self._dragging is not None:
            self.own[self._dragging][:2] = [float(np.clip(x, -RADIUS, RADIUS)), float(np.clip(y, -RADIUS, RADIUS))]
            self.show_own()
            return True
        if event.type() == QEvent.MouseButtonRelease and self._dragging is not None:
            self._dragging = None
            self.points_changed.emit(self.own_points())
            return True
        return False

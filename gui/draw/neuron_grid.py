"""The neuron view's grids: each dense layer of a classifier as a grid of units, lit by their output for the
digit on the canvas; switched-off units crossed out, the chosen one framed. A click on a unit says which."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Signal

from tensordesk.gui.presentation import ink


def grid_shape(units: int) -> tuple[int, int]:
    """(rows, columns) for a layer: up to 20 units in one row, more in a grid about twice as wide as tall."""
    if units <= 20:
        return 1, units
    columns = math.ceil(math.sqrt(units * 2))
    return math.ceil(units / columns), columns


class UnitGrids(pg.GraphicsLayoutWidget):
    unit_clicked = Signal(str, int)     # (layer, unit)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("unitGrids")
        self.layers: list = []          # engine.surgery.UnitLayer, top to bottom
        self._boxes: dict[str, tuple] = {}   # name → (view box, image item, off marks, title)
        self.selection = pg.ScatterPlotItem(symbol="s", size=1.0, pxMode=False, brush=None,
                                            pen=pg.mkPen("#ffd400", width=3))
        self.selection.setZValue(10)
        self._selected: tuple[str, int] | None = None
        self.scene().sigMouseClicked.connect(self._on_click)

    def set_layers(self, layers, class_names=()) -> None:
        """Lay out one grid per unit layer (engine.surgery.UnitLayer), the classes' layer last."""
        if [(u.name, u.units) for u in layers] == [(u.name, u.units) for u in self.layers]:
            return
        self.clear()
        self._boxes = {}
        self.layers = list(layers)
        self._selected = None
        for row, u in enumerate(self.layers):
            rows, cols = grid_shape(u.units)
            title = self.addLabel(f"{u.name} · {u.units}", row=2 * row, col=0, size="9pt")
            box = self.addViewBox(row=2 * row + 1, col=0, lockAspect=True, invertY=True, enableMouse=False)
            box.setMenuEnabled(False)
            image = pg.ImageItem(axisOrder="row-major")
            image.setColorMap(pg.colormap.get("inferno"))
            box.addItem(image)
            marks = pg.ScatterPlotItem(symbol="x", size=0.8, pxMode=False, pen=pg.mkPen("#30c0ff", width=2),
                                       brush=pg.mkBrush("#30c0ff"))
            marks.setZValue(5)
            box.addItem(marks)
            if u.is_logits:
                for k in range(u.units):
                    text = pg.TextItem(str(class_names[k]) if k < len(class_names) else str(k), color=ink(),
                                       anchor=(0.5, 0.0))
                    text.setPos(k + 0.5, 1.0)
                    box.addItem(text)
                box.setRange(xRange=(0, cols), yRange=(0, 1.8), padding=0.02)
            else:
                box.setRange(xRange=(0, cols), yRange=(0, rows), padding=0.02)
            self._boxes[u.name] = (box, image, marks, title)
            # the wide hidden layers get the room; the classes' row stays small
            self.ci.layout.setRowStretchFactor(2 * row + 1, 1 if u.is_logits else max(2, min(6, rows)))

    def show_values(self, outputs: dict[str, np.ndarray], off=()) -> None:
        """Light each unit by its output (one colour scale per layer); `off` holds (layer, unit) pairs."""
        for u in self.layers:
            if u.name not in outputs:
                continue
            box, image, marks, _ = self._boxes[u.name]
            rows, cols = grid_shape(u.units)
            values = np.zeros(rows * cols, np.float32)
            values[:u.units] = outputs[u.name]
            lo = min(0.0, float(values.min()))
            hi = 1.0 if u.is_logits else max(float(values.max()), lo + 1e-6)
            image.setImage(values.reshape(rows, cols), levels=(lo, hi))
            units = [unit for layer, unit in off if layer == u.name]
            marks.setData([unit % cols + 0.5 for unit in units], [unit // cols + 0.5 for unit in units])
        self._place_selection()

    def select(self, layer: str, unit: int) -> None:
        self._selected = (layer, unit) if layer in self._boxes else None
        self._place_selection()

    def _place_selection(self) -> None:
        if self.selection.scene() is not None:
            self.selection.getViewBox().removeItem(self.selection)
        if self._selected is None:
            return
        layer, unit = self._selected
        _, cols = grid_shape(next(u.units for u in self.layers if u.name == layer))
        self._boxes[layer][0].addItem(self.selection)
        self.selection.setData([unit % cols + 0.5], [unit // cols + 0.5])

    def unit_position(self, layer: str, unit: int) -> QPoint:
        """Where unit `unit` of `layer` is on this widget (for a click)."""
        box = self._boxes[layer][0]
        _, cols = grid_shape(next(u.units for u in self.layers if u.name == layer))
        scene = box.mapViewToScene(QPointF(unit % cols + 0.5, unit // cols + 0.5))
        return self.mapFromScene(scene)

    def unit_at(self, scene_pos) -> tuple[str, int] | None:
        for u in self.layers:
            box = self._boxes[u.name][0]
            if not box.sceneBoundingRect().contains(scene_pos):
                continue
            p = box.mapSceneToView(scene_pos)
            rows, cols = grid_shape(u.units)
            r, c = math.floor(p.y()), math.floor(p.x())
            if 0 <= r < rows and 0 <= c < cols and r * cols + c < u.units:
                return u.name, r * cols + c
        return None

    def _on_click(self, event) -> None:
        found = self.unit_at(event.scenePos())
        if found is not None:
            self.unit_clicked.emit(*found)

"""Inside the network, for the digit on the canvas: a saliency map over the 28×28 input, every conv layer's
feature maps, and the first layer's filters. The numbers come from `engine.insight`; this panel only draws."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from tensordesk.gui.draw.conv_step_panel import ConvStepPanel

GAP = 1  # pixels between tiles of a mosaic


def mosaic(maps: np.ndarray, normalise: bool = True) -> np.ndarray:
    """(count, h, w) → one 2-D image of the tiles in a near-square grid, 1 px apart (gaps 0).

    With `normalise` each tile is scaled to [0, 1] on its own (feature maps: the pattern matters); without,
    values keep their sign and common scale (filters: a colour means the same weight in every tile).
    """
    count, h, w = maps.shape
    columns = math.ceil(math.sqrt(count))
    rows = math.ceil(count / columns)
    out = np.zeros((rows * (h + GAP) - GAP, columns * (w + GAP) - GAP), dtype=np.float32)
    for i in range(count):
        tile = maps[i].astype(np.float32)
        if normalise:
            lo, hi = float(np.min(tile)), float(np.max(tile))
            tile = (tile - lo) / (hi - lo) if hi > lo else np.zeros_like(tile)
        r, c = divmod(i, columns)
        out[r * (h + GAP):r * (h + GAP) + h, c * (w + GAP):c * (w + GAP) + w] = tile
    return out


def _image_box(layout: pg.GraphicsLayoutWidget, index: int, title: str):
    """The `index`-th locked-aspect, y-down view holding one ImageItem, two to a row, with a title above."""
    row, col = divmod(index, 2)
    label = layout.addLabel(title, row=row * 2, col=col)
    vb = layout.addViewBox(row=row * 2 + 1, col=col, lockAspect=True, invertY=True, enableMouse=False)
    item = pg.ImageItem(axisOrder="row-major")
    vb.addItem(item)
    return label, vb, item


class InsightPanel(QWidget):
    """Saliency, feature maps and filters of the current model for one preprocessed 28×28 image."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.note = QLabel("")
        self.note.setObjectName("insightNote")
        self.note.setWordWrap(True)
        self.saliency_view = pg.GraphicsLayoutWidget()
        self.saliency_view.setObjectName("saliencyView")
        self.saliency_view.setMinimumHeight(150)
        self.input_label = self.saliency_view.addLabel(self.tr("what the network sees"), row=0, col=0)
        self.sal_label = self.saliency_view.addLabel(self.tr("saliency"), row=0, col=1)
        self.input_box = self.saliency_view.addViewBox(row=1, col=0, lockAspect=True, invertY=True, enableMouse=False)
        self.sal_box = self.saliency_view.addViewBox(row=1, col=1, lockAspect=True, invertY=True, enableMouse=False)
        self.input_item = pg.ImageItem(axisOrder="row-major")
        self.sal_item = pg.ImageItem(axisOrder="row-major")
        self.sal_item.setColorMap(pg.colormap.get("CET-D1"))  # diverging: blue lowers the score, red raises it
        self.input_box.addItem(self.input_item)
        self.sal_box.addItem(self.sal_item)
        self.maps_view = pg.GraphicsLayoutWidget()
        self.maps_view.setObjectName("featureMapsView")
        self.maps_items: dict[str, pg.ImageItem] = {}
        self.filters_item = None
        self._layers: tuple = ()
        self._model = self._image = None      # what the maps show, for working out a clicked pixel
        self.maps_view.scene().sigMouseClicked.connect(self._on_maps_clicked)
        self.conv_step = ConvStepPanel()
        self.conv_step.setObjectName("convStepPanel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.note)
        self._split = split = QSplitter(Qt.Vertical)   # the maps and the worked pixel share the height (drag)
        split.setChildrenCollapsible(False)
        split.addWidget(self.maps_view)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)   # sentences wrap to the width
        scroll.setWidget(self.conv_step)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(self.saliency_view, 2)
        lay.addWidget(split, 7)
        self.clear(self.tr("Draw a digit to see what the network looks at."))

    def clear(self, message: str) -> None:
        self.note.setText(message)
        self._model = self._image = None
        self.conv_step.clear()
        for item in (self.input_item, self.sal_item, *self.maps_items.values()):
            item.clear()

    def show(self, model, image: np.ndarray | None, class_names) -> None:
        """Recompute and draw everything for `image` (preprocessed 28×28 in [0, 1]; None clears)."""
        from tensordesk.engine.core.errors import TensorDeskError
        from tensordesk.engine.inspection.insight import feature_maps, first_filters, saliency
        if model is None or image is None:
            self.clear(self.tr("Draw a digit to see what the network looks at.") if model is not None else
                       self.tr("No model yet: train one or load a saved model."))
            return
        self.input_item.setImage(image, levels=(0.0, 1.0))
        try:
            grad, cls = saliency(model, image)
        except TensorDeskError as exc:
            self.clear(str(exc))
            return
        bound = float(np.max(np.abs(grad))) or 1.0
        self.sal_item.setImage(grad, levels=(-bound, bound))
        self.sal_label.setText(self.tr("saliency for “%1”").replace("%1", str(class_names[cls])))
        maps = feature_maps(model, image)
        text = self.tr("Red pixels: more ink there would raise the score of “%1”; blue would lower it.").replace(
            "%1", str(class_names[cls]))
        if not maps:
            text += " " + self.tr("This model has no convolution layers, so there are no feature maps to show: "
                                  "train a CNN to see them.")
        self.note.setText(text)
        self._draw_maps(maps, first_filters(model))
        chosen = self.conv_step.step
        self._model, self._image = model, image
        if chosen is not None:   # the pixel worked out follows the drawing
            self.work_out(chosen.layer, chosen.row, chosen.col, chosen.channel)

    def _draw_maps(self, maps, filters) -> None:
        layers = tuple((m.layer, m.maps.shape) for m in maps)
        if layers != self._layers:  # a different architecture: lay the view out again
            self._layers = layers
            self.maps_view.clear()
            self.maps_items = {}
            self.filters_item = None
            row = 0
            if filters is not None:
                _, _, self.filters_item = _image_box(
                    self.maps_view, row, self.tr("first layer's %1 filters (%2×%2)").replace(
                        "%1", str(len(filters))).replace("%2", str(filters.shape[1])))
                self.filters_item.setColorMap(pg.colormap.get("CET-D1"))
                row += 1
            for m in maps:
                h, w, c = m.maps.shape
                _, _, self.maps_items[m.layer] = _image_box(
                    self.maps_view, row, self.tr("%1: %2 feature maps of %3×%4").replace("%1", m.layer)
                    .replace("%2", str(c)).replace("%3", str(h)).replace("%4", str(w)))
                row += 1
        if filters is not None and self.filters_item is not None:
            bound = float(np.max(np.abs(filters))) or 1.0
            self.filters_item.setImage(mosaic(filters, normalise=False), levels=(-bound, bound))
        for m in maps:
            self.maps_items[m.layer].setImage(mosaic(np.moveaxis(m.maps, -1, 0)), levels=(0.0, 1.0))

    def _on_maps_clicked(self, event) -> None:
        if event.button() != Qt.LeftButton:
            return
        for layer, item in self.maps_items.items():
            shape = dict(self._layers).get(layer)
            if shape is None or item.image is None:
                continue
            pos = item.mapFromScene(event.scenePos())
            x, y = int(np.floor(pos.x())), int(np.floor(pos.y()))
            h, w, count = shape
            columns = math.ceil(math.sqrt(count))
            tile_r, r = divmod(y, h + GAP)
            tile_c, c = divmod(x, w + GAP)
            channel = tile_r * columns + tile_c
            if 0 <= x and 0 <= y and r < h and c < w and 0 <= tile_c < columns and channel < count:
                self.work_out(layer, r, c, channel)
                event.accept()
                return

    def work_out(self, layer: str, row: int, col: int, channel: int) -> bool:
        """Show how pixel (row, col) of map `channel` of conv layer `layer` is computed; False when it cannot be."""
        from tensordesk.engine.core.errors import TensorDeskError
        from tensordesk.engine.inspection.conv_step import conv_step
        if self._model is None or self._image is None:
            return False
        try:
            self.conv_step.show_step(conv_step(self._model, self._image, layer, row, col, channel))
        except TensorDeskError as exc:
            self.conv_step.clear()
            self.note.setText(str(exc))
            return False
        sizes = self._split.sizes()   # room for the worked pixel: what it needs, at most half the height
        want = min(self.conv_step.sizeHint().height(), int(sum(sizes) * 0.5))
        if sizes[1] < want:
            self._split.setSizes([sum(sizes) - want, want])
        return True

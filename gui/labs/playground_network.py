"""The playground's network as a diagram: every input and neuron shows its own output over the plane (a thumbnail),
every edge's colour is its weight's sign and its width the weight's size. Hovering a neuron tells its formula with
today's numbers; clicking an edge or a neuron asks for a new weight or bias (`weight_edited`, `bias_edited`)."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QInputDialog, QToolTip, QWidget

from tensordesk.gui.presentation import ink, paper

NODE = 46            # a node's side at 100%, in pixels


def diverging_lut() -> np.ndarray:
    """(256, 3) uint8: −1 → orange, 0 → white, +1 → blue (Playground's colours for a neuron's output)."""
    cmap = pg.ColorMap([0.0, 0.5, 1.0], [(230, 120, 30), (248, 248, 248), (40, 110, 200)])
    return cmap.getLookupTable(0.0, 1.0, 256, alpha=False).astype(np.uint8)


_LUT = None


def to_image(values: np.ndarray, symmetric: float | None = None) -> QImage:
    """(h, w) values → a QImage, scaled by their largest size (or `symmetric`) to −1 … +1 on the diverging colours;
    row 0 is the plane's bottom, drawn at the image's bottom."""
    global _LUT
    if _LUT is None:
        _LUT = diverging_lut()
    v = np.asarray(values, np.float64)
    scale = symmetric or float(np.max(np.abs(v))) or 1.0
    idx = np.clip((v / scale + 1.0) * 127.5, 0, 255).astype(np.uint8)[::-1]
    rgb = np.ascontiguousarray(_LUT[idx])
    image = QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0], QImage.Format_RGB888)
    return image.copy()      # owns its pixels


class NetworkDiagram(QWidget):
    weight_edited = Signal(int, int, int, float)    # (dense layer, source, unit, value)
    bias_edited = Signal(int, int, float)           # (dense layer, unit, value)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("playgroundNetwork")
        self.setMouseTracking(True)
        self.setMinimumSize(360, 220)
        self.input_names: tuple = ()
        self.sizes: tuple = ()            # units per dense layer (hidden…, output)
        self.activations: tuple = ()      # per dense layer (hidden…, output)
        self.inputs: list[QImage] = []
        self.neurons: list[list[QImage]] = []
        self.weights: tuple = ()
        self.biases: tuple = ()
        self.scale = 1.0
        self._geometry = None     # (size, columns) → node rects and edge end points, computed once for both

    # ---------------------------------------------------------------- data
    def set_network(self, input_names, inputs: np.ndarray, sizes, activations) -> None:
        """The network's shape and the inputs' pictures ((features, h, w) values over the plane)."""
        self.input_names, self.sizes, self.activations = tuple(input_names), tuple(sizes), tuple(activations)
        self.inputs = [to_image(m) for m in inputs]
        self.neurons, self.weights, self.biases = [], (), ()
        self.update()

    def set_frame(self, neurons, weights, biases) -> None:
        """Each layer's (units, h, w) outputs over the plane and its weights: the thumbnails and edges now."""
        self.neurons = [[to_image(m, 1.0 if act in ("tanh",) else None) for m in layer]
                        for layer, act in zip(neurons, self.activations)]
        self.weights, self.biases = weights, biases
        self.update()

    # ---------------------------------------------------------------- geometry
    def _columns(self) -> list[int]:
        return [len(self.input_names)] + list(self.sizes)

    def _layout(self):
        """{(column, row): rect} and [(layer, source, unit, from, to)], for the widget's size now."""
        key = (self.width(), self.height(), tuple(self._columns()), self.scale)
        if self._geometry is None or self._geometry[0] != key:
            rects = {(c, r): self._rect(c, r) for c, n in enumerate(self._columns()) for r in range(n)}
            edges = []
            for layer in range(len(self.sizes)):
                for i in range(self._columns()[layer]):
                    a = rects[(layer, i)]
                    for j in range(self.sizes[layer]):
                        b = rects[(layer + 1, j)]
                        edges.append((layer, i, j, QPointF(a.right(), a.center().y()),
                                      QPointF(b.left(), b.center().y())))
            self._geometry = (key, rects, edges)
        return self._geometry[1], self._geometry[2]

    def node_rect(self, column: int, row: int) -> QRectF:
        return self._layout()[0][(column, row)]

    def _rect(self, column: int, row: int) -> QRectF:
        cols = self._columns()
        side = self._side()
        gap_x = (self.width() - side * len(cols)) / max(1, len(cols))
        x = gap_x / 2 + column * (side + gap_x)
        n = cols[column]
        gap_y = min(side * 0.4, (self.height() - side * n) / max(1, n))
        top = (self.height() - (n * side + (n - 1) * gap_y)) / 2
        return QRectF(x, top + row * (side + gap_y), side, side)

    def _side(self) -> float:
        cols = self._columns()
        most = max(cols) if cols else 1
        fit_h = self.height() / (most * 1.3 + 0.2)
        fit_w = self.width() / (len(cols) * 1.8)
        return max(12.0, min(NODE * self.scale, fit_h, fit_w))

    def edges(self):
        """(layer, source, unit, from point, to point) of every edge."""
        return self._layout()[1]

    def node_at(self, pos) -> tuple[int, int] | None:
        for key, rect in self._layout()[0].items():
            if rect.adjusted(-2, -2, 2, 2).contains(pos):
                return key
        return None

    def edge_at(self, pos, within: float = 5.0):
        best, best_d = None, within
        for layer, i, j, p, q in self.edges():
            d = _segment_distance(pos, p, q)
            if d < best_d:
                best, best_d = (layer, i, j), d
        return best

    # ---------------------------------------------------------------- painting
    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), paper())
        if not self.sizes:
            return
        if self.weights:   # the edges in a few strokes: one per sign and tenth of the largest weight
            big = max(float(np.max(np.abs(w))) for w in self.weights) or 1.0
            buckets: dict[tuple[bool, int], list] = {}
            for layer, i, j, a, b in self.edges():
                w = float(self.weights[layer][i, j])
                buckets.setdefault((w > 0, min(10, int(round(10 * abs(w) / big)))), []).append(QLineF(a, b))
            back = paper()
            for (positive, tenth), lines in sorted(buckets.items(), key=lambda kv: kv[0][1]):
                full = QColor(40, 110, 200) if positive else QColor(230, 120, 30)
                k = 0.25 + 0.075 * tenth      # opaque, mixed with the paper: small weights pale (no blending)
                color = QColor(int(back.red() + (full.red() - back.red()) * k),
                               int(back.green() + (full.green() - back.green()) * k),
                               int(back.blue() + (full.blue() - back.blue()) * k))
                p.setPen(QPen(color, max(1.0, 0.4 * tenth) * self.scale))
                p.drawLines(lines)
        p.setPen(QPen(ink(), 1))
        rects = self._layout()[0]
        for c, n in enumerate(self._columns()):
            images = self.inputs if c == 0 else self.neurons[c - 1] if len(self.neurons) >= c else []
            for r in range(n):
                rect = rects[(c, r)]
                if r < len(images):
                    p.drawImage(rect, images[r])
                p.drawRect(rect)
                if c == 0 and r < len(self.input_names):
                    p.drawText(QRectF(rect.left() - 60, rect.top(), 56, rect.height()),
                               Qt.AlignRight | Qt.AlignVCenter, self.input_names[r])

    # ---------------------------------------------------------------- hover and click
    def formula(self, column: int, row: int) -> str:
        """What the node computes, with its numbers now (column 0: an input)."""
        if column == 0:
            return self.tr("Input %1, drawn over the plane").replace("%1", self.input_names[row])
        layer = column - 1
        if not self.weights:
            return ""
        names = self.input_names if layer == 0 else [f"h{layer},{k + 1}" for k in range(self.sizes[layer - 1])]
        parts = []
        for k, (w, n) in enumerate(zip(self.weights[layer][:, row], names)):
            sign = "−" if w < 0 else "+" if k else ""
            parts.append(f"{sign} {abs(float(w)):.3g}·{n}".strip())
        terms = " ".join(parts)
        b = float(self.biases[layer][row])
        act = self.activations[layer]
        inner = f"{terms} {'+' if b >= 0 else '−'} {abs(b):.3g}"
        name = f"h{layer + 1},{row + 1}" if layer < len(self.sizes) - 1 else self.tr("output %1").replace(
            "%1", str(row + 1))
        body = inner if act == "linear" else f"{act}({inner})"
        return f"{name} = {body}\n" + self.tr("Click to type its bias.")

    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        node = self.node_at(pos)
        if node is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.formula(*node), self)
            return
        edge = self.edge_at(pos)
        if edge is not None and self.weights:
            layer, i, j = edge
            QToolTip.showText(event.globalPosition().toPoint(),
                              self.tr("weight %1 → %2: %3 (click to type a new one)")
                              .replace("%1", self._name(layer, i, source=True)).replace("%2", self._name(layer, j))
                              .replace("%3", f"{float(self.weights[layer][i, j]):.4g}"), self)
        else:
            QToolTip.hideText()

    def _name(self, layer: int, index: int, source: bool = False) -> str:
        if source:
            return self.input_names[index] if layer == 0 else f"h{layer},{index + 1}"
        return f"h{layer + 1},{index + 1}" if layer < len(self.sizes) - 1 else self.tr("output %1").replace(
            "%1", str(index + 1))

    def mouseReleaseEvent(self, event) -> None:
        if event.button() != Qt.LeftButton or not self.weights:
            return
        pos = event.position()
        node = self.node_at(pos)
        if node is not None and node[0] > 0:
            layer, unit = node[0] - 1, node[1]
            value, ok = QInputDialog.getDouble(self, self.tr("Bias"), self.tr("Bias of %1:").replace(
                "%1", self._name(layer, unit)), float(self.biases[layer][unit]), -100.0, 100.0, 4)
            if ok:
                self.bias_edited.emit(layer, unit, value)
            return
        edge = self.edge_at(pos)
        if edge is not None:
            layer, i, j = edge
            value, ok = QInputDialog.getDouble(self, self.tr("Weight"), self.tr("Weight %1 → %2:").replace(
                "%1", self._name(layer, i, source=True)).replace("%2", self._name(layer, j)),
                float(self.weights[layer][i, j]), -100.0, 100.0, 4)
            if ok:
                self.weight_edited.emit(layer, i, j, value)


def _segment_distance(p, a, b) -> float:
    ax, ay, bx, by, px, py = a.x(), a.y(), b.x(), b.y(), p.x(), p.y()
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)

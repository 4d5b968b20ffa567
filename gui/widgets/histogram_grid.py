"""A grid of histograms (rows × columns of small plots) built once and updated with setData.

Rows compare runs (e.g. without / with batch norm), columns are layers; a column shares its bin edges
across rows, so the bars compare directly.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem

from tensordesk.gui.presentation import ink, theme
from tensordesk.gui.widgets.axes import ReadableAxis
from tensordesk.gui.widgets.plots import settle_ranges

ROW_COLORS = [(214, 39, 40), (31, 119, 180), (44, 160, 44), (255, 127, 14)]



class HistogramGrid(pg.GraphicsLayoutWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.plots: list[list[pg.PlotItem]] = []
        self.bars: list[list[pg.PlotDataItem]] = []
        self.row_labels: list = []
        self.row_titles: list[str] = []
        self.column_titles: list[str] = []
        self.updates = 0          # bars set since creation (tests read it)
        self._spans: dict = {}    # (row, col) → the (first, last) bin edge the axis shows
        self._queued: dict = {}   # (row, col) → (edges, counts) not drawn yet, oldest first

    def set_layout(self, row_titles: list[str], column_titles: list[str]) -> None:
        """Rebuild the grid; only when the shape changes (a new experiment), never per update."""
        self.clear()
        self.plots, self.bars, self.row_labels, self.row_titles = [], [], [], list(row_titles)
        self.column_titles = list(column_titles)
        self._spans, self._queued = {}, {}
        for r, row_title in enumerate(row_titles):
            label = self.addLabel(row_title, row=r, col=0, angle=-90, color=ink(), size="10pt")
            label.setMaximumWidth(24)
            self.row_labels.append(label)
            row_plots, row_bars = [], []
            color = ROW_COLORS[r % len(ROW_COLORS)]
            for c, title in enumerate(column_titles):
                p = self.addPlot(row=r, col=c + 1, axisItems={"bottom": ReadableAxis("bottom")})
                if r == 0:
                    p.setTitle(title, size="9pt", color=ink())
                p.hideAxis("left")
                p.setMouseEnabled(False, False)
                p.hideButtons()
                p.setMenuEnabled(False)
                p.getAxis("bottom").setStyle(tickLength=-3, showValues=True, hideOverlappingLabels=False)
                p.getAxis("bottom").setHeight(20)
                p.getAxis("bottom").setCacheMode(QGraphicsItem.DeviceCoordinateCache)
                bars = p.plot([0, 1], [0], stepMode="center", fillLevel=0, brush=pg.mkBrush(color + (170,)), antialias=False,
                              pen=pg.mkPen(color, width=1))
                row_plots.append(p)
                row_bars.append(bars)
            self.plots.append(row_plots)
            self.bars.append(row_bars)

    def set_counts(self, row: int, col: int, edges: np.ndarray, counts: np.ndarray) -> None:
        if row >= len(self.bars) or col >= len(self.bars[row]):
            return
        self.bars[row][col].setData(np.asarray(edges, float), np.asarray(counts, float))
        span = (float(edges[0]), float(edges[-1]))
        if self._spans.get((row, col)) != span:   # new ticks redraw the axis: only when the edges move
            self._spans[(row, col)] = span
            p = self.plots[row][col]
            p.setXRange(*span, padding=0.15)   # the edge numbers stay inside their column
            p.getAxis("bottom").setTicks([[(span[0], f"{edges[0]:g}"), (span[1], f"{edges[-1]:g}")], []])
        self.updates += 1

    def queue_counts(self, row: int, col: int, edges: np.ndarray, counts: np.ndarray) -> None:
        """Draw these counts at the next `flush` (a newer queue for the same plot replaces this one)."""
        self._queued.pop((row, col), None)
        self._queued[(row, col)] = (edges, counts)

    def flush(self, limit: int | None = None) -> int:
        """Draw up to `limit` queued histograms, oldest first; how many are left. A lab draws a row a frame:
        the window repaints only the plots that changed, so each frame's repaint stays short."""
        drawn = []
        while self._queued and (limit is None or limit > 0):
            (row, col), (edges, counts) = next(iter(self._queued.items()))
            del self._queued[(row, col)]
            self.set_counts(row, col, edges, counts)
            drawn.append(self.plots[row][col])
            limit = None if limit is None else limit - 1
        settle_ranges(*drawn)
        return len(self._queued)

    def set_row_note(self, row: int, text: str) -> None:
        """A short note after the row's title, in red (e.g. 'diverged'); empty restores the title."""
        if row < len(self.row_labels):
            self.row_labels[row].setProperty("note", text)
            self._show_row_title(row)
            for bars in self.bars[row]:
                bars.setOpacity(0.35 if text else 1.0)

    def _show_row_title(self, row: int) -> None:
        note = self.row_labels[row].property("note")
        if note:
            self.row_labels[row].setText(f"{self.row_titles[row]} — {note}", color=theme().error)
        else:
            self.row_labels[row].setText(self.row_titles[row], color=ink())

    def apply_theme(self) -> None:
        """The theme changed: a row's note keeps the theme's error colour (gui/presentation.py)."""
        for row in range(len(self.row_labels)):
            self._show_row_title(row)

    def export_table(self) -> tuple[list, list]:
        """Every bin of every histogram: row, column, the bin's edges and its count (the plot's CSV)."""
        rows = []
        for r, row_bars in enumerate(self.bars):
            for c, item in enumerate(row_bars):
                edges, counts = item.getOriginalDataset()
                if edges is None or counts is None or len(edges) != len(counts) + 1:
                    continue
                rows += [[self.row_titles[r], self.column_titles[c], lo, hi, n]
                         for lo, hi, n in zip(edges[:-1], edges[1:], counts)]
        return [self.tr("row"), self.tr("column"), self.tr("bin from"), self.tr("bin to"), self.tr("count")], rows

    def column_count(self) -> int:
        return len(self.bars[0]) if self.bars else 0

    def row_data(self, row: int) -> list[np.ndarray]:
        """The counts currently drawn in a row (tests)."""
        return [np.asarray(item.getData()[1]) for item in self.bars[row]]

"""The Histograms tab: every layer's weights and activations of the run in progress, as the latest histogram
and as a distribution over time: percentile bands over the steps, in the spirit of TensorBoard's
distributions tab, but drawn as the events arrive instead of every 30 s."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget

from tensordesk.gui.widgets.plots import labelled_plot
from tensordesk.gui.widgets.view_base import ViewBase

# TensorBoard's bands: min–max, 7–93, 16–84 (±1σ for a normal), 31–69, and the median
PERCENTILES = (0, 7, 16, 31, 50, 69, 84, 93, 100)
BAND_ALPHA = (40, 70, 110, 160)


class HistogramsView(ViewBase, QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        session.run_started.connect(lambda run_id, label, batch_norm: self.run_started(f"#{run_id} {label}"))
        session.histograms_ready.connect(self.add_histograms)
        self.history: dict[tuple[str, str], dict] = {}   # (layer, kind) → steps, percentiles, latest histogram
        self.run_label = ""
        self.layer_list = QListWidget()
        self.layer_list.setObjectName("histogramLayerList")
        self.layer_list.setMaximumWidth(230)
        self.layer_list.currentItemChanged.connect(lambda *a: self._mark_dirty())
        self.note = QLabel(self.tr("Start a run in the Train tab: each layer's weights and activations appear here "
                                   "as they change."))
        self.note.setObjectName("histogramsNote")
        self.note.setWordWrap(True)
        self.current = labelled_plot("currentHistogramPlot", self.tr("value"), self.tr("count"))
        self.current_curve = pg.PlotDataItem(stepMode="center", fillLevel=0, brush=pg.mkBrush(59, 111, 182, 150),
                                             pen=pg.mkPen(59, 111, 182))
        self.current.addItem(self.current_curve)
        self.over_time = labelled_plot("distributionPlot", self.tr("step"), self.tr("value"))
        self.bands: list[pg.FillBetweenItem] = []
        self._edges: list[tuple[pg.PlotCurveItem, pg.PlotCurveItem]] = []
        for alpha in BAND_ALPHA:
            low, high = pg.PlotCurveItem(pen=pg.mkPen(0, 0, 0, 0)), pg.PlotCurveItem(pen=pg.mkPen(0, 0, 0, 0))
            band = pg.FillBetweenItem(low, high, brush=pg.mkBrush(214, 90, 40, alpha))
            self.over_time.addItem(low)
            self.over_time.addItem(high)
            self.over_time.addItem(band)
            self._edges.append((low, high))
            self.bands.append(band)
        self.median = pg.PlotDataItem(pen=pg.mkPen((120, 40, 10), width=2))
        self.over_time.addItem(self.median)
        right = QSplitter(Qt.Vertical)
        right.addWidget(self.current)
        right.addWidget(self.over_time)
        body = QHBoxLayout()
        body.addWidget(self.layer_list)
        body.addWidget(right, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.note)
        lay.addLayout(body, 1)
        self._dirty = False
        self.timer = QTimer(self)  # redraw at most 5 times a second, and only when something changed
        self.timer.setInterval(200)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()

    def run_started(self, label: str) -> None:
        """A new run: forget the last one's history."""
        self.history = {}
        self.run_label = label
        self.layer_list.clear()
        self.note.setText(self.tr("%1: waiting for the first histograms…").replace("%1", label))
        self._mark_dirty()

    def add_histograms(self, event) -> None:
        """Record one HistogramsReady event (a training run's, through the session)."""
        for h in event.layers:
            key = (h.layer, h.kind)
            entry = self.history.get(key)
            if entry is None:
                entry = self.history[key] = {"steps": [], "percentiles": [], "latest": None}
                item = QListWidgetItem(f"{h.layer} · {self.tr(h.kind)}")
                item.setData(Qt.UserRole, key)
                self.layer_list.addItem(item)
                if self.layer_list.currentRow() < 0:
                    self.layer_list.setCurrentRow(0)
            entry["steps"].append(event.step)
            entry["percentiles"].append(h.percentiles(PERCENTILES))
            entry["latest"] = h
        self.note.setText(self.tr("%1: step %2. Bands: min–max, 7–93%, 16–84%, 31–69% of the values; line: the "
                                  "median.").replace("%1", self.run_label).replace("%2", f"{event.step:,}"))
        self._mark_dirty()

    def selected(self) -> tuple[str, str] | None:
        item = self.layer_list.currentItem()
        return None if item is None else item.data(Qt.UserRole)

    def _mark_dirty(self) -> None:
        self._dirty = True

    def refresh(self) -> None:
        if not self._dirty or not self.isVisible():
            return
        self._dirty = False
        key = self.selected()
        entry = self.history.get(key) if key else None
        if entry is None:
            self.current_curve.setData([], [])
            self.median.setData([], [])
            for low, high in self._edges:
                low.setData([], [])
                high.setData([], [])
            return
        h = entry["latest"]
        self.current_curve.setData(h.edges, h.counts)
        steps = np.asarray(entry["steps"], dtype=float)
        p = np.asarray(entry["percentiles"])
        for k, (low, high) in enumerate(self._edges):
            low.setData(steps, p[:, k])
            high.setData(steps, p[:, len(PERCENTILES) - 1 - k])
        self.median.setData(steps, p[:, len(PERCENTILES) // 2])
        self.current.setTitle(self.tr("%1 · %2 at step %3").replace("%1", key[0]).replace("%2", key[1])
                              .replace("%3", f"{steps[-1]:,.0f}"))

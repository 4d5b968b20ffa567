"""The Histograms tab: every layer's weights and activations of the run in progress, as the latest histogram
and as a distribution over time: percentile bands over the steps, in the spirit of TensorBoard's
distributions tab, but drawn as the events arrive instead of every 30 s."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget

from tensordesk.gui.timeline import TimelineBar
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
        self.timeline = session.timeline      # the weights at any snapshot of the current model's run
        lay.addWidget(TimelineBar(self.timeline))
        self.marker = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen((120, 40, 10), width=2,
                                                                             style=Qt.DashLine))
        self.marker.setVisible(False)
        self.over_time.addItem(self.marker, ignoreBounds=True)
        self._live = None      # (history, label) of the training run while the timeline shows a run's snapshots
        self._film = None      # the engine RunTimeline whose histograms `history` holds
        self.at_step: int | None = None   # the timeline's step, or None: the latest histograms
        self._position = None             # where the timeline stands (engine Position, or None: now)
        self.timeline.moved.connect(self._on_timeline_moved)
        self._dirty = False
        self.timer = QTimer(self)  # redraw at most 5 times a second, and only when something changed
        self.timer.setInterval(200)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()

    def _on_timeline_moved(self, position) -> None:
        """The timeline moved: each layer's weights along the run's snapshots, the histogram at its step (read when
        the view is on screen: a move elsewhere costs nothing here)."""
        self._position = position
        if self.isVisible():
            self._follow_timeline()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._position is not None or self.at_step is not None:
            self._follow_timeline()

    def _follow_timeline(self) -> None:
        position = self._position
        film = self.timeline.film
        if position is None or film is None:
            if self._live is not None:
                (self.history, self.run_label), self._live, self._film = self._live, None, None
                self._fill_list()
            self.at_step = None
        else:
            if self._film is not film:
                if self._live is None:
                    self._live = (self.history, self.run_label)
                self._film, self.history, self.run_label = film, {}, film.info.label or film.run_id
                for event in film.weight_histograms():
                    self._record(event)
                self._fill_list()
            self.at_step = position.step
            self.note.setText(self.tr("%1: the weights at step %2 of the run's snapshots (the dashed line). Bands: "
                                      "min–max, 7–93%, 16–84%, 31–69% of the values; line: the median.")
                              .replace("%1", self.run_label).replace("%2", f"{position.step:,}"))
        self._mark_dirty()
        self.refresh()    # on screen: at once, not at the next of the live run's 5 frames a second

    def _fill_list(self) -> None:
        chosen = self.selected()
        self.layer_list.clear()
        for key in self.history:
            item = QListWidgetItem(f"{key[0]} · {self.tr(key[1])}")
            item.setData(Qt.UserRole, key)
            self.layer_list.addItem(item)
            if key == chosen:
                self.layer_list.setCurrentItem(item)
        if self.layer_list.currentRow() < 0 and self.layer_list.count():
            self.layer_list.setCurrentRow(0)

    def _record(self, event) -> None:
        for h in event.layers:
            entry = self.history.setdefault((h.layer, h.kind), {"steps": [], "percentiles": [], "latest": None,
                                                                "all": []})
            entry["steps"].append(event.step)
            entry["percentiles"].append(h.percentiles(PERCENTILES))
            entry["latest"] = h
            entry["all"].append(h)

    def run_started(self, label: str) -> None:
        """A new run: forget the last one's history."""
        self._live, self._film, self.at_step, self._position = None, None, None, None
        self.history = {}
        self.run_label = label
        self.layer_list.clear()
        self.note.setText(self.tr("%1: waiting for the first histograms…").replace("%1", label))
        self._mark_dirty()

    def add_histograms(self, event) -> None:
        """Record one HistogramsReady event (a training run's, through the session)."""
        if self._live is not None:    # the timeline shows snapshots: back to the run (it restarted the film)
            (self.history, self.run_label), self._live, self._film, self.at_step = self._live, None, None, None
        known = len(self.history)
        self._record(event)
        if len(self.history) != known:
            self._fill_list()
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
        steps = np.asarray(entry["steps"], dtype=float)
        h = entry["latest"] if self.at_step is None else entry["all"][int(np.argmin(np.abs(steps - self.at_step)))]
        self.marker.setVisible(self.at_step is not None)
        if self.at_step is not None:
            self.marker.setValue(float(self.at_step))
        self.current_curve.setData(h.edges, h.counts)
        p = np.asarray(entry["percentiles"])
        for k, (low, high) in enumerate(self._edges):
            low.setData(steps, p[:, k])
            high.setData(steps, p[:, len(PERCENTILES) - 1 - k])
        self.median.setData(steps, p[:, len(PERCENTILES) // 2])
        self.current.setTitle(self.tr("%1 · %2 at step %3").replace("%1", key[0]).replace("%2", key[1])
                              .replace("%3", f"{steps[-1] if self.at_step is None else self.at_step:,.0f}"))

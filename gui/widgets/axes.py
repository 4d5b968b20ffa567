"""Axes whose numbers never overlap, at any size and lecture scale: a linear axis spaces its ticks by how wide its
labels are (pyqtgraph spaces them by the axis' length only, so small plots with large text ran "0.20.40.6"
together), and a logarithmic axis labels 1, 2, 5 × 10ᵏ where there is room, every decade (or every few) where
there is not, and plain numbers when less than a decade shows — never "10" over "9" over "8"."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF


def nice_step(at_least: float) -> float:
    """The smallest 1, 2 or 5 × 10ᵏ that is at least `at_least`."""
    power = 10.0 ** math.floor(math.log10(at_least))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= at_least * (1 - 1e-9))


def plain(value: float) -> str:
    """A tick's number, three significant digits, no "e+00" for ordinary sizes."""
    text = f"{value:.3g}"
    return text if "e" not in text or abs(value) < 1e-3 or abs(value) >= 1e5 else f"{float(text):g}"


class ReadableAxis(pg.AxisItem):
    """Also: a label longer than its axis (a small plot, lecture scale) is cut with "…" and shown whole in the
    axis' tooltip, instead of running off the plot."""

    def resizeEvent(self, ev=None):
        self.fit_label()
        super().resizeEvent(ev)

    def setLabel(self, *args, **kwargs):
        super().setLabel(*args, **kwargs)
        self.fit_label()
        super().resizeEvent()   # place the (maybe shortened) label

    _short: str | None = None   # the label as shown when the whole does not fit

    def labelString(self) -> str:
        if self._short is None:
            return super().labelString()
        full, self.labelText = self.labelText, self._short
        try:
            return super().labelString()
        finally:
            self.labelText = full

    def fit_label(self) -> None:
        if self.label is None or not self.labelText:
            return
        self._short = None
        self.label.setHtml(self.labelString())
        length = self.size().height() if self.orientation in ("left", "right") else self.size().width()
        if self.label.boundingRect().width() <= length or length < 30:
            self.setToolTip("")
            return
        full = self.labelText
        lo, hi = 1, len(full)
        while lo < hi:   # the longest start of the text that fits, with "…"
            mid = (lo + hi + 1) // 2
            self._short = full[:mid].rstrip() + "…"
            self.label.setHtml(self.labelString())
            lo, hi = (mid, hi) if self.label.boundingRect().width() <= length else (lo, mid - 1)
        self._short = full[:lo].rstrip() + "…"
        self.label.setHtml(self.labelString())
        self.setToolTip(full)

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.style.get("tickFont") or self.font())

    def _room(self, labels: list[str]) -> float:
        """Pixels one label needs along the axis, with a gap."""
        m = self._metrics()
        if self.orientation in ("left", "right"):
            return m.height() * 1.4
        return max((m.horizontalAdvance(t) for t in labels), default=m.horizontalAdvance("0.00")) + m.height()

    def tickSpacing(self, minVal, maxVal, size):
        levels = super().tickSpacing(minVal, maxVal, size)
        span = maxVal - minVal
        if self.logMode or not levels or size <= 0 or span <= 0:
            return levels
        labels = self.tickStrings([minVal, maxVal, (minVal + maxVal) / 2], self.scale, levels[0][0])
        least = span * self._room(labels) / size
        kept = [level for level in levels if level[0] >= least * (1 - 1e-9)]
        return kept[:1] if kept else [(nice_step(least), 0)]

    def logTickValues(self, minVal, maxVal, size, stdTicks):
        span = maxVal - minVal
        if size <= 0 or span <= 0:
            return super().logTickValues(minVal, maxVal, size, stdTicks)
        per_decade = size / span
        room = self._room([plain(10 ** minVal), plain(10 ** maxVal)])
        lo, hi = math.floor(minVal), math.ceil(maxVal)

        def inside(v):
            return minVal - 1e-9 <= v <= maxVal + 1e-9

        every = max(1, math.ceil(room / per_decade))
        major = [float(d) for d in range(lo, hi + 1) if inside(d) and d % every == 0]
        minor = []
        if every == 1:
            steps = (2, 5) if per_decade * math.log10(2) >= room else (3,) if per_decade * math.log10(3) >= room \
                and per_decade * (1 - math.log10(3)) >= room else ()
            minor = [d + math.log10(m) for d in range(lo, hi + 1) for m in steps if inside(d + math.log10(m))]
        if len(major) + len(minor) >= 2:
            return [(float(every), major), (None, minor)]
        # less than a decade in view: plain numbers, spaced by their width
        a, b = 10 ** minVal, 10 ** maxVal
        count = max(2, int(size / room))
        step = nice_step((b - a) / count)
        values = np.arange(math.ceil(a / step) * step, b + step * 1e-6, step)
        return [(None, [math.log10(v) for v in values if v > 0])]

    def logTickStrings(self, values, scale, spacing):
        return [plain(10 ** v) for v in values]


def readable_axes() -> dict:
    """Readable left and bottom axes, as PlotWidget's `axisItems` (an axis given there is shown)."""
    return {side: ReadableAxis(side) for side in ("left", "bottom")}


def plot_widget(**kwargs) -> pg.PlotWidget:
    """A PlotWidget with readable left and bottom axes."""
    return pg.PlotWidget(axisItems=readable_axes(), **kwargs)

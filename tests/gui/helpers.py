"""Helpers the GUI tests share: choosing a run in the Train view, drawing a stroke, counting a plot's points."""
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest


def curve_points(plot: pg.PlotWidget) -> int:
    return max((len(item.xData) for item in plot.listDataItems() if item.xData is not None), default=0)


def choose(window, arch, epochs=1, limit=1000, lr=None, optimizer=None):
    p = window.view("train").panel
    p.select(p.arch_combo, arch)
    p.epochs_spin.setValue(epochs)
    if lr is not None:
        p.lr_edit.setText(str(lr))
    if optimizer is not None:
        p.select(p.optimizer_combo, optimizer)
    window.view("train").set_limit(limit)


def draw_stroke(canvas, points):
    r = canvas.rect()
    pts = [QPoint(int(r.width() * x), int(r.height() * y)) for x, y in points]
    QTest.mousePress(canvas, Qt.LeftButton, Qt.NoModifier, pts[0])
    for a, b in zip(pts, pts[1:]):
        for t in np.linspace(0, 1, 8)[1:]:
            QTest.mouseMove(canvas, QPoint(int(a.x() + (b.x() - a.x()) * t), int(a.y() + (b.y() - a.y()) * t)))
    QTest.mouseRelease(canvas, Qt.LeftButton, Qt.NoModifier, pts[-1])

"""PySide6 6.12.0 on Python <= 3.11 drops a reference to None on every plot repaint and aborts the
interpreter after a few hundred updates (none_dealloc). pyproject.toml excludes it; this test proves
the installed combination does not leak None references."""
import sys

import numpy as np
import pyqtgraph as pg


def test_thousands_of_plot_updates_keep_none_alive(qtbot):
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    w.show()
    curve = w.plot([], [])
    x = np.arange(200, dtype=float)
    for i in range(50):  # warm up caches
        curve.setData(x, np.sin(x + i))
        w.repaint()
    before = sys.getrefcount(None)
    for i in range(3000):
        curve.setData(x, np.sin(x * 0.1 + i))
        w.setMinimumWidth(100 + i % 3)
        w.repaint()
    after = sys.getrefcount(None)
    assert after >= before - 50, (before, after)

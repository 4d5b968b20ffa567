"""Tick numbers never run into each other: small plots with lecture mode's large text, and log axes over less
than a decade, one decade, or many."""
import math

import pytest
from PySide6.QtGui import QFont, QFontMetricsF

from tensordesk.gui.widgets.axes import ReadableAxis, nice_step, plain


def labels(axis, lo, hi, size):
    """(pixel position, text) of every labelled tick between lo and hi on an axis `size` pixels long."""
    out = []
    for spacing, values in axis.tickValues(lo, hi, size):
        strings = axis.tickStrings(values, axis.scale, spacing if spacing is not None else 1.0)
        out += [((v - lo) / (hi - lo) * size, s) for v, s in zip(values, strings) if s]
    return sorted(out)


def overlaps(axis, found):
    m = QFontMetricsF(axis.style["tickFont"])
    for (p, a), (q, b) in zip(found, found[1:]):
        need = m.height() if axis.orientation == "left" else (m.horizontalAdvance(a) + m.horizontalAdvance(b)) / 2
        if q - p < need:
            return f"{a!r} at {p:.0f} and {b!r} at {q:.0f}"
    return None


@pytest.mark.parametrize("orientation", ["left", "bottom"])
@pytest.mark.parametrize("size", [90, 150, 400])
@pytest.mark.parametrize("points", [9, 14, 22])
def test_linear_ticks_leave_room_for_their_numbers(qapp, orientation, size, points):
    axis = ReadableAxis(orientation)
    font = QFont()
    font.setPointSize(points)
    axis.setTickFont(font)
    for lo, hi in ((0, 1), (0.1, 0.9), (-0.5, 0.5), (0, 2000), (0.0001, 0.0009)):
        found = labels(axis, lo, hi, size)
        assert len(found) >= 1
        assert overlaps(axis, found) is None, (lo, hi, size, found)


@pytest.mark.parametrize("size", [100, 200, 500])
def test_log_ticks_are_1_2_5_decades_or_plain_numbers(qapp, size):
    axis = ReadableAxis("left")
    axis.setLogMode(False, True)
    font = QFont()
    font.setPointSize(14)
    axis.setTickFont(font)
    for lo, hi in ((1.5, 12.0), (1e-4, 3.0), (1e-6, 1e3), (0.3, 0.6), (2.0, 9.0)):
        found = labels(axis, math.log10(lo), math.log10(hi), size)
        assert len(found) >= 2 or size < 150, (lo, hi, found)
        assert overlaps(axis, found) is None, (lo, hi, size, found)
        for _, text in found:
            assert float(text) > 0 and str(float(text)) != "nan"


def test_plain_numbers():
    assert [plain(v) for v in (0.001, 0.5, 2.0, 20.0, 3000.0, 1e-5)] == ["0.001", "0.5", "2", "20", "3000", "1e-05"]
    assert [nice_step(v) for v in (0.13, 0.3, 0.7, 3.0)] == [0.2, 0.5, 1.0, 5.0]

"""The window fits a projector: every view is usable in a 1280×720 window at 100% and full screen on 1280×800 at
lecture mode's 150% (no widget squeezed below the size it needs, so nothing is drawn over anything else; no axis
title longer than its axis)."""
import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QTabBar, QWidget

from tensordesk.gui.views import each_page

# (scale, the window's size, the status bar shown): lecture mode hides it
CASES = [(100, (1280, 720), True), (150, (1280, 800), False)]


def squeezed(root: QWidget) -> list[str]:
    """Visible widgets laid out smaller than their minimum size hint (what scroll areas hold may be larger)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow():
            continue
        if any(isinstance(a, (QAbstractScrollArea, QAbstractSpinBox, QComboBox, QTabBar)) for a in ancestors(widget, root)):
            continue   # scrolled contents may be larger; a spin box's line edit, tab scroll arrows are Qt's own
        hint = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        if widget.width() + 1 < hint.width() or widget.height() + 1 < hint.height():
            found.append(f"{type(widget).__name__} {widget.objectName()!r} {widget.width()}x{widget.height()} "
                         f"< {hint.width()}x{hint.height()}")
    return found


def ancestors(widget, root):
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        yield parent
        parent = parent.parentWidget()


@pytest.mark.parametrize("scale,size,status", CASES)
def test_every_view_fits_a_projector(window, qtbot, scale, size, status):
    window.lecture.set_presentation(scale=scale)
    window.statusBar().setVisible(status)
    window.resize(*size)
    qtbot.wait(50)
    problems = []
    # the layouts settle (the scroll columns follow their contents a moment later)
    for key, page, widget in each_page(window, lambda: qtbot.wait(300)):
        hint = window.minimumSizeHint()
        where = f"{scale}% {key} page {page}"
        # a window on a 720-pixel screen leaves a title bar's room; lecture mode is full screen
        if hint.width() > size[0] or hint.height() > size[1] - (30 if status else 0):
            problems.append(f"{where}: the window needs {hint.width()}x{hint.height()}")
        if window.width() > size[0] or window.height() > size[1]:
            problems.append(f"{where}: the window grew to {window.width()}x{window.height()}")
        problems += [f"{where}: {p}" for p in squeezed(widget) + cut_labels(widget)]
    assert not problems, "\n".join(problems)


def cut_labels(root) -> list[str]:
    """Axis titles longer than their axis (they would run off the plot)."""
    import pyqtgraph as pg
    found = []
    for view in root.findChildren(pg.GraphicsView):
        if not view.isVisible():
            continue
        for item in view.scene().items():
            if isinstance(item, pg.AxisItem) and item.isVisible() and item.label is not None and item.labelText \
                    and item.label.isVisible():
                length = item.size().height() if item.orientation in ("left", "right") else item.size().width()
                if item.label.boundingRect().width() > length + 1:
                    found.append(f"{view.objectName()!r} axis {item.orientation} {item.labelText!r}: "
                                 f"{item.label.boundingRect().width():.0f} > {length:.0f}")
    return found



def test_a_later_window_starts_from_the_applications_own_font(qapp):
    """A window built after another scaled the text up (a language switch rebuilds it) does not take that larger
    font as its 100%."""
    from tensordesk.gui.presentation import Presentation
    first = Presentation(qapp)
    first.apply(QWidget(), scale=100)
    base = qapp.font().pointSizeF()
    first.apply(QWidget(), scale=150)
    assert qapp.font().pointSizeF() == pytest.approx(1.5 * base)
    later = Presentation(qapp)
    later.apply(QWidget(), scale=100)
    assert qapp.font().pointSizeF() == pytest.approx(base)

"""The window fits a projector: every view is usable in a 1280×720 window at 100% and full screen on 1280×800 at
lecture mode's 150% (no widget squeezed below the size it needs, so nothing is drawn over anything else)."""
import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QTabBar, QTabWidget, QWidget

from tensordesk.gui.views import VIEWS

# (scale, the window's size, the status bar shown): lecture mode hides it
CASES = [(100, (1280, 720), True), (150, (1280, 800), False)]


def pages_of(view):
    if isinstance(view, QTabWidget):
        return view
    pages = getattr(view, "pages", None)
    return pages if isinstance(pages, QTabWidget) else None


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
    for view in VIEWS:
        window.show_view(view.key)
        widget = window.view(view.key)
        pages = pages_of(widget)
        for i in range(pages.count() if pages is not None else 1):
            if pages is not None:
                pages.setCurrentIndex(i)
            qtbot.wait(150)
            hint = window.minimumSizeHint()
            where = f"{scale}% {view.key} page {i}"
            if hint.width() > size[0] or hint.height() > size[1] - 40:   # a title bar's room in a 720-pixel screen
                problems.append(f"{where}: the window needs {hint.width()}x{hint.height()}")
            if window.width() > size[0] or window.height() > size[1]:
                problems.append(f"{where}: the window grew to {window.width()}x{window.height()}")
            problems += [f"{where}: {p}" for p in squeezed(widget)]
    assert not problems, "\n".join(problems)

"""Both themes are readable on a projector: every text, tick, legend, title and icon on every view and every page of
it meets WCAG AA against what it is drawn on (4.5:1 for text, 3:1 for icons and curves), and disabled controls
are readable but visibly dimmer than enabled ones."""
import itertools
import re

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTabBar,
    QToolBar,
)

from tensordesk.gui.presentation import RUN_COLORS, THEMES, contrast_ratio
from tensordesk.gui.views import each_page

TEXT, GRAPHIC = 4.5, 3.0


def roles_of(widget):
    """(foreground role, background role) a widget's text is drawn with."""
    if isinstance(widget, (QLineEdit, QAbstractSpinBox)) or (isinstance(widget, QComboBox) and widget.isEditable()):
        return QPalette.Text, QPalette.Base
    if isinstance(widget, (QCheckBox, QRadioButton, QLabel, QGroupBox)):
        return QPalette.WindowText, QPalette.Window
    if isinstance(widget, (QAbstractButton, QComboBox, QTabBar)):
        return QPalette.ButtonText, QPalette.Button
    return None


def widget_problems(root, theme):
    problems = []
    for widget in [root, *root.findChildren(QLabel), *root.findChildren(QAbstractButton),
                   *root.findChildren(QComboBox), *root.findChildren(QLineEdit), *root.findChildren(QAbstractSpinBox),
                   *root.findChildren(QTabBar), *root.findChildren(QGroupBox)]:
        if not widget.isVisible():
            continue
        sheet = widget.styleSheet()
        if re.search(r"(^|[^-])color\s*:", sheet):
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} colours itself: {sheet!r}")
        roles = roles_of(widget)
        if roles is None or (isinstance(widget, QLabel) and not widget.text()):
            continue
        group = QPalette.Active if widget.isEnabled() else QPalette.Disabled
        fg = widget.palette().color(group, roles[0])   # a tone's colour too: the style sheet sets the palette
        bg = widget.palette().color(group, roles[1])
        ratio = contrast_ratio(fg, bg)
        if ratio < TEXT:
            text = getattr(widget, "text", lambda: "")()
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r}: {fg.name()} on "
                            f"{bg.name()} = {ratio:.2f}")
    return problems


def item_view_problems(root):
    problems = []
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if not view.isVisible() or model is None:
            continue
        base = view.palette().color(QPalette.Base)
        for row, col in itertools.product(range(50), range(20)):
            index = model.index(row, col)
            if not index.isValid():
                continue
            fg, bg = index.data(pg.QtCore.Qt.ForegroundRole), index.data(pg.QtCore.Qt.BackgroundRole)
            if fg is None and bg is None:
                continue
            fg = fg.color() if hasattr(fg, "color") else QColor(fg) if fg is not None else \
                view.palette().color(QPalette.Text)
            bg = bg.color() if hasattr(bg, "color") else QColor(bg) if bg is not None else base
            if contrast_ratio(fg, bg) < TEXT:
                problems.append(f"{view.objectName()!r} cell {row},{col}: {fg.name()} on {bg.name()}")
    return problems


def drawn_color(label) -> QColor:
    """The colour a pyqtgraph LabelItem was last drawn in (its HTML), not the one it would take now."""
    found = re.search(r"color:\s*(#[0-9a-fA-F]{6})", label.item.toHtml())
    return QColor(found.group(1)) if found else label.item.defaultTextColor()


def over(color: QColor, background: QColor) -> QColor:
    a = color.alphaF()
    return QColor.fromRgbF(*(a * c + (1 - a) * b for c, b in zip(color.getRgbF()[:3], background.getRgbF()[:3])))


def plot_problems(root):
    problems = []
    for view in root.findChildren(pg.GraphicsView):
        if not view.isVisible():
            continue
        bg = view.backgroundBrush().color()
        name = view.objectName() or type(view).__name__
        for item in view.scene().items():
            if not item.isVisible():
                continue
            if isinstance(item, pg.AxisItem) and item.style.get("showValues", True):
                ratio = contrast_ratio(item.textPen().color(), bg)
                if ratio < TEXT:
                    problems.append(f"{name}: axis {item.orientation} ticks {ratio:.2f}")
            elif isinstance(item, pg.LegendItem):
                back = over(item.opts["brush"].color(), bg) if item.opts.get("brush") is not None else bg
                for _sample, label in item.items:
                    color = drawn_color(label)
                    ratio = contrast_ratio(color, back)
                    if ratio < TEXT:
                        problems.append(f"{name}: legend {label.text!r} {ratio:.2f}")
            elif isinstance(item, pg.LabelItem) and item.text and not isinstance(item.parentItem(), pg.LegendItem):
                color = drawn_color(item)
                if contrast_ratio(color, bg) < TEXT:
                    problems.append(f"{name}: label {item.text!r} {contrast_ratio(color, bg):.2f}")
            elif isinstance(item, pg.TextItem) and item.fill.style() == pg.QtCore.Qt.NoBrush:
                if contrast_ratio(item.color, bg) < TEXT:
                    problems.append(f"{name}: text {item.toPlainText()!r} {contrast_ratio(item.color, bg):.2f}")
            elif isinstance(item, pg.PlotCurveItem) and item.opts.get("fillLevel") is None:
                pen = pg.mkPen(item.opts["pen"])
                if pen.style() != pg.QtCore.Qt.NoPen and pen.color().alpha() == 255 and item.opacity() == 1 \
                        and contrast_ratio(pen.color(), bg) < GRAPHIC:
                    problems.append(f"{name}: curve {pen.color().name()} {contrast_ratio(pen.color(), bg):.2f}")
    return problems


def icon_problems(window):
    problems = []
    for toolbar in window.findChildren(QToolBar):
        bg = toolbar.palette().color(QPalette.Window)
        for action in toolbar.actions():
            if action.icon().isNull():
                continue
            for mode in (QIcon.Normal, QIcon.Disabled):
                image = action.icon().pixmap(32, 32, mode).toImage()
                inked = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
                         if image.pixelColor(x, y).alpha() > 200]
                assert inked, action.text()
                mean = QColor.fromRgbF(*(sum(c.getRgbF()[i] for c in inked) / len(inked) for i in range(3)))
                if contrast_ratio(mean, bg) < GRAPHIC:
                    problems.append(f"icon {action.text()!r} ({mode.name}): {contrast_ratio(mean, bg):.2f}")
    return problems


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_view_meets_wcag_aa(window, qtbot, theme):
    window.resize(1280, 720)
    window.view("train").plots.add_run("a run")   # a run's curve, legend entry and list row
    window.view("train").show_message("A sentence in the error tone.", error=True)
    window.lecture.set_presentation(theme=theme)
    problems = icon_problems(window)
    for key, page, widget in each_page(window, lambda: qtbot.wait(20)):
        where = f"[{theme}] {key} page {page}: "
        problems += [where + p for p in widget_problems(window, theme) + item_view_problems(widget)
                     + plot_problems(widget)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_disabled_controls_are_readable_and_look_disabled(window, theme):
    window.lecture.set_presentation(theme=theme)
    pause = window.view("train").pause_button
    assert not pause.isEnabled()   # nothing runs
    palette = pause.palette()
    for fg, bg in ((QPalette.ButtonText, QPalette.Button), (QPalette.WindowText, QPalette.Window),
                   (QPalette.Text, QPalette.Base)):
        disabled = palette.color(QPalette.Disabled, fg)
        assert contrast_ratio(disabled, palette.color(QPalette.Disabled, bg)) >= TEXT
        assert contrast_ratio(disabled, palette.color(QPalette.Active, fg)) >= 2.0   # dimmer, visibly


def test_switching_themes_restyles_what_was_drawn_before(window):
    """A plot made in the light theme (axes, legend, marks drawn in ink) follows a switch to dark and back."""
    descent = window.view("descent")
    window.lecture.set_presentation(theme="dark")
    assert not plot_problems(descent.widget(0))
    marker = descent.widget(0).findChildren(pg.PlotWidget)[0]
    window.lecture.set_presentation(theme="light")
    assert marker.backgroundBrush().color().name() == "#ffffff"
    assert not plot_problems(descent.widget(0))


def test_twenty_runs_have_twenty_colours_readable_in_both_themes():
    def lab(c):
        def lin(v):
            v /= 255
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        r, g, b = (lin(float(v)) for v in c)
        x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
            (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
        return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])

    assert len(set(RUN_COLORS)) == 20
    for color in RUN_COLORS:
        for theme in THEMES.values():
            assert contrast_ratio(QColor(*color), QColor(theme.plot_bg)) >= GRAPHIC
    distances = [sum((p - q) ** 2 for p, q in zip(lab(a), lab(b))) ** 0.5
                 for a, b in itertools.combinations(RUN_COLORS, 2)]
    assert min(distances) >= 15


@pytest.mark.parametrize("name", ["light", "dark"])
def test_coloured_sentences_are_readable(name):
    """Errors and passed checks (a mission's "✔ Passed") are coloured text on the window and on fields: AA, 4.5:1."""
    from tensordesk.gui.presentation import THEMES, contrast_ratio
    t = THEMES[name]
    for tone in (t.error, t.ok):
        for ground in (t.window, t.base, t.alternate):
            assert contrast_ratio(tone, ground) >= 4.5, (name, tone, ground)

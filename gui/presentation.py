"""Lecture mode: full screen, everything scaled up (fonts, plot text, curve widths), and high-contrast light and
dark themes readable on a projector. `Presentation.apply()` restyles the whole window: the palette (every colour
role, disabled controls included), the tones of coloured sentences (an error in red that stays readable on black),
every plot's axes, titles, legends and marks, and the toolbar's drawn icons. Plots created later (a new run's
curves) read `line_scale()`, `ink()` and `paper()` when they are made.

Every pair of text and background meets WCAG AA (4.5:1), icons and curves 3:1, in both themes; disabled text stays
readable and visibly dimmer than enabled text (tests/gui/test_themes.py checks all of it on every view)."""
from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPixmap, QPolygonF
from PySide6.QtWidgets import QApplication, QToolBar, QWidget

SCALES = (100, 125, 150, 200, 250)


@dataclass(frozen=True)
class Theme:
    window: str
    text: str
    base: str          # inputs, lists, tables
    alternate: str
    button: str
    disabled: str      # text of controls that cannot act now
    highlight: str     # selection (highlighted text is white on it)
    link: str
    plot_bg: str
    plot_fg: str
    error: str         # sentences that report a problem, borders of invalid fields, wrong answers
    ok: str            # right answers
    bevels: tuple      # light, midlight, mid, dark, shadow (the style's frames)


THEMES = {
    "light": Theme("#efefef", "#000000", "#ffffff", "#f5f5f5", "#e4e4e4", "#5f5f5f", "#2f66c4", "#0b57d0",
                   "#ffffff", "#000000", "#b00000", "#17702f", ("#ffffff", "#f5f5f5", "#b8b8b8", "#9f9f9f", "#767676")),
    "dark": Theme("#101010", "#ffffff", "#202020", "#181818", "#2e2e2e", "#a0a0a0", "#2f66c4", "#8ab4f8",
                  "#000000", "#ffffff", "#ff8080", "#6fdc8c", ("#5a5a5a", "#3a3a3a", "#303030", "#1a1a1a", "#000000")),
}

# Twenty run colours, each at least 3:1 against both themes' plot backgrounds and at least 16 CIELAB units from
# every other: ten hues, then the same ten lighter (tests/gui/test_themes.py).
RUN_COLORS = [(11, 119, 163), (216, 6, 119), (111, 117, 2), (0, 126, 108), (11, 108, 221), (224, 1, 32),
              (7, 129, 41), (184, 28, 217), (160, 97, 2), (3, 123, 137),
              (12, 151, 236), (254, 81, 114), (98, 161, 4), (14, 161, 160), (154, 123, 254), (245, 98, 4),
              (9, 165, 112), (254, 56, 200), (175, 141, 4), (10, 157, 192)]

_state: dict = {"scale": 100, "theme": "light"}


def line_scale() -> float:
    """The factor curve widths are multiplied by (1 at 100%)."""
    return _state["scale"] / 100.0


def theme() -> Theme:
    return THEMES[_state["theme"]]


def ink() -> QColor:
    """The plots' foreground now: axes, titles, marks drawn in "black on white" / "white on black"."""
    return QColor(theme().plot_fg)


def paper() -> QColor:
    """The plots' background now."""
    return QColor(theme().plot_bg)


def run_color(index: int) -> tuple:
    """The colour of run `index` (0-based), the same in both themes."""
    return RUN_COLORS[index % len(RUN_COLORS)]


def reset_font(app: QApplication) -> None:
    """Back to the application's own font before a window is built: widgets measured in an earlier window's
    lecture-mode text keep some of those sizes after the text shrinks (a language switch rebuilds the window)."""
    if "base_font" in _state:
        app.setFont(_state["base_font"])


def relative_luminance(color) -> float:
    c = QColor(color) if not isinstance(color, QColor) else color

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast_ratio(a, b) -> float:
    """WCAG 2 contrast ratio of two colours (1 … 21)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def set_tone(widget: QWidget, tone: str) -> None:
    """Colour a widget's text by meaning ("error" or "alert" in the theme's error colour, "ok" in its success
    colour, or "" for plain); the window recolours it on a theme switch. Through the widget's palette, not a style sheet: widgets under a style
    sheet keep the font they were polished with and stop following lecture mode's scale."""
    widget.setProperty("tone", tone)
    _paint_tone(widget)


def _paint_tone(widget: QWidget) -> None:
    tone = widget.property("tone")
    if tone:
        palette = QPalette(widget.palette())
        palette.setColor(QPalette.WindowText, QColor(theme().ok if tone == "ok" else theme().error))
        widget.setPalette(palette)
    else:
        widget.setPalette(QPalette())   # inherited again


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Frame an input field that holds a value it cannot use (in the theme's error colour)."""
    widget.setProperty("invalid", invalid)
    _paint_invalid(widget)


def _paint_invalid(widget: QWidget) -> None:
    widget.setStyleSheet(f"border: 2px solid {theme().error};" if widget.property("invalid") else "")


def palette_for(t: Theme) -> QPalette:
    palette = QPalette()
    roles = {QPalette.Window: t.window, QPalette.WindowText: t.text, QPalette.Base: t.base,
             QPalette.AlternateBase: t.alternate, QPalette.Text: t.text, QPalette.Button: t.button,
             QPalette.ButtonText: t.text, QPalette.ToolTipBase: t.base, QPalette.ToolTipText: t.text,
             QPalette.BrightText: t.error, QPalette.Highlight: t.highlight, QPalette.HighlightedText: "#ffffff",
             QPalette.Link: t.link, QPalette.LinkVisited: t.link, QPalette.PlaceholderText: t.disabled}
    for role, bevel in zip((QPalette.Light, QPalette.Midlight, QPalette.Mid, QPalette.Dark, QPalette.Shadow),
                           t.bevels):
        roles[role] = bevel
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText, QPalette.PlaceholderText):
        palette.setColor(QPalette.Disabled, role, QColor(t.disabled))
    palette.setColor(QPalette.Disabled, QPalette.Highlight, QColor(t.bevels[3]))
    return palette


def glyph_icon(shape: str, size: int = 32) -> QIcon:
    """The toolbar's ▶ / ■ drawn in the theme's text colour, ● in red (dimmed when the action cannot act)."""
    t = theme()
    icon = QIcon()
    for mode, color in ((QIcon.Normal, "#d21e1e" if shape == "record" else t.text), (QIcon.Disabled, t.disabled)):
        pix = QPixmap(size, size)
        pix.fill(Qt.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.Antialiasing)
        p.setPen(Qt.NoPen)
        p.setBrush(QColor(color))
        m = size * 0.22
        if shape == "record":
            p.drawEllipse(QPointF(size / 2, size / 2), size / 2 - m * 0.9, size / 2 - m * 0.9)
        elif shape == "play":
            p.drawPolygon(QPolygonF([QPointF(m, m * 0.8), QPointF(size - m * 0.7, size / 2),
                                     QPointF(m, size - m * 0.8)]))
        else:   # "stop"
            p.drawRect(int(m), int(m), int(size - 2 * m), int(size - 2 * m))
        p.end()
        icon.addPixmap(pix, mode)
    return icon


class Presentation:
    """Applies a scale and theme to the application and to every plot inside `root`."""

    def __init__(self, app: QApplication):
        self.app = app
        # the application's own font, taken once: a window built later (a language switch) must not take the
        # font an earlier window scaled up as its 100%
        if "base_font" not in _state:
            _state["base_font"] = QFont(app.font())
        self.base_font = QFont(_state["base_font"])

    @property
    def scale(self) -> int:
        return _state["scale"]

    @property
    def theme(self) -> str:
        return _state["theme"]

    def apply(self, root, scale: int | None = None, theme: str | None = None) -> None:
        old = THEMES[_state["theme"]]
        if scale is not None:
            _state["scale"] = int(min(max(scale, SCALES[0]), SCALES[-1]))
        if theme is not None and theme in THEMES:
            _state["theme"] = theme
        f = line_scale()
        font = QFont(self.base_font)
        font.setPointSizeF(self.base_font.pointSizeF() * f)
        if font != self.app.font():
            self.app.setFont(font)
        t = THEMES[_state["theme"]]
        palette = palette_for(t)
        self.app.setPalette(palette)
        root.setPalette(palette)   # and the window's own: a window does not always follow the application's
        # coloured sentences and invalid fields take the theme's error colour (palettes, not style sheets: a style
        # sheet over the window cost a re-polish of every widget, and its widgets kept the font they were
        # polished with — a window built during lecture mode's 150% kept needing 1250×747 back at 100%)
        for widget in root.findChildren(QWidget):
            if widget.property("tone"):
                _paint_tone(widget)
            if widget.property("invalid"):
                _paint_invalid(widget)
        pg.setConfigOptions(background=t.plot_bg, foreground=t.plot_fg)
        for view in root.findChildren(pg.GraphicsView):
            view.setBackground(t.plot_bg)
            self.style_scene(view.scene(), old, t, f)
        for toolbar in root.findChildren(QToolBar):
            for action in toolbar.actions():
                if action.property("glyph"):
                    action.setIcon(glyph_icon(str(action.property("glyph"))))
        for widget in root.findChildren(QWidget):
            if hasattr(widget, "apply_theme"):   # widgets with colours of their own (3D views, histogram grids)
                widget.apply_theme()

    def style_scene(self, scene, old: Theme, t: Theme, f: float) -> None:
        fg, bg = t.plot_fg, t.plot_bg
        tick_font = QFont(self.base_font)
        tick_font.setPointSizeF(self.base_font.pointSizeF() * f)
        swap = {QColor(old.plot_fg).rgb(): QColor(fg), QColor(old.plot_bg).rgb(): QColor(bg)}

        def swapped(color):
            c = QColor(color)
            new = swap.get(c.rgb())
            if new is None:
                return None
            new = QColor(new)
            new.setAlpha(c.alpha())
            return new

        for item in scene.items():
            if isinstance(item, pg.AxisItem):
                self.style_axis(item, tick_font, fg, f)
            elif isinstance(item, pg.LegendItem):
                item.setLabelTextColor(fg)   # for entries added later; it does not redraw the ones there
                for _sample, label in item.items:
                    label.setText(label.text, color=fg)
                back = QColor(bg)
                back.setAlpha(225)
                item.setBrush(pg.mkBrush(back))
                edge = QColor(fg)
                edge.setAlpha(90)
                item.setPen(pg.mkPen(edge))
            elif isinstance(item, pg.LabelItem):
                if not isinstance(item.parentItem(), pg.LegendItem) and item.text:
                    item.setText(item.text, color=fg)
            elif isinstance(item, pg.TextItem):
                new = swapped(item.color)
                if new is not None:
                    item.setColor(new)
            elif isinstance(item, pg.ScatterPlotItem):
                pen, brush = item.opts.get("pen"), item.opts.get("brush")
                if pen is not None and swapped(pen.color()) is not None:
                    item.setPen(pg.mkPen(swapped(pen.color()), width=pen.widthF()))
                if brush is not None and swapped(brush.color()) is not None:
                    item.setBrush(pg.mkBrush(swapped(brush.color())))
            elif isinstance(item, pg.InfiniteLine):
                if swapped(item.pen.color()) is not None:
                    pen = pg.mkPen(item.pen)
                    pen.setColor(swapped(item.pen.color()))
                    item.setPen(pen)
            elif isinstance(item, pg.PlotDataItem):
                self.style_curve(item, swapped, f)

    @staticmethod
    def style_axis(axis: pg.AxisItem, tick_font: QFont, fg: str, f: float) -> None:
        axis.setTickFont(tick_font)
        axis.setPen(pg.mkPen(fg))
        axis.setTextPen(pg.mkPen(fg))
        if axis.labelText:
            axis.labelStyle = {"font-size": f"{tick_font.pointSizeF():.0f}pt",
                               "color": pg.mkColor(fg).name()}  # CSS needs "#ffffff", not "w"
            axis.label.setHtml(axis.labelString())
            if hasattr(axis, "fit_label"):   # gui/widgets/axes.ReadableAxis: too long for its axis, cut with "…"
                axis.fit_label()
                axis.resizeEvent()
        axis.picture = None  # re-render the cached axis
        axis.update()

    @staticmethod
    def style_curve(item: pg.PlotDataItem, swapped, f: float) -> None:
        """A curve's width follows the scale (bars keep their outline); marks drawn in ink follow the theme."""
        symbol_pen = item.opts.get("symbolPen")
        if symbol_pen is not None:
            symbol_pen = pg.mkPen(symbol_pen)
            if swapped(symbol_pen.color()) is not None:
                item.setSymbolPen(pg.mkPen(swapped(symbol_pen.color()), width=symbol_pen.widthF()))
        pen = item.opts.get("pen")
        if pen is None:
            return
        pen = pg.mkPen(pen)
        if swapped(pen.color()) is not None:
            pen.setColor(swapped(pen.color()))
        base = item.property("baseWidth")
        if base is None:
            base = pen.widthF() or 1.0
            item.setProperty("baseWidth", base)
        pen.setWidthF(float(base) * f)
        item.setPen(pen)

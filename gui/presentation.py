"""Lecture mode: full screen, everything scaled up (fonts, plot text, curve widths), and high-contrast light and
dark themes readable on a projector. `Presentation.apply()` restyles the whole window; plots created later
(a new run's curves) read `line_scale()` when they are made."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

SCALES = (100, 125, 150, 200, 250)
THEMES = {
    # name: window, text, base (inputs), plot background, plot foreground
    "light": ("#ffffff", "#000000", "#ffffff", "w", "k"),
    "dark": ("#101010", "#ffffff", "#202020", "k", "w"),
}

_state = {"scale": 100, "theme": "light"}


def line_scale() -> float:
    """The factor curve widths are multiplied by (1 at 100%)."""
    return _state["scale"] / 100.0


class Presentation:
    """Applies a scale and theme to the application and to every plot inside `root`."""

    def __init__(self, app: QApplication):
        self.app = app
        self.base_font = QFont(app.font())
        self.base_palette = QPalette(app.palette())

    @property
    def scale(self) -> int:
        return _state["scale"]

    @property
    def theme(self) -> str:
        return _state["theme"]

    def apply(self, root, scale: int | None = None, theme: str | None = None) -> None:
        if scale is not None:
            _state["scale"] = int(min(max(scale, SCALES[0]), SCALES[-1]))
        if theme is not None and theme in THEMES:
            _state["theme"] = theme
        f = line_scale()
        font = QFont(self.base_font)
        font.setPointSizeF(self.base_font.pointSizeF() * f)
        self.app.setFont(font)
        window, text, base, plot_bg, plot_fg = THEMES[_state["theme"]]
        if _state["theme"] == "light":
            palette = QPalette(self.base_palette)
        else:
            palette = QPalette()
            for role, color in ((QPalette.Window, window), (QPalette.WindowText, text), (QPalette.Base, base),
                                (QPalette.AlternateBase, window), (QPalette.Text, text), (QPalette.Button, base),
                                (QPalette.ButtonText, text), (QPalette.ToolTipBase, base), (QPalette.ToolTipText, text)):
                palette.setColor(role, QColor(color))
            palette.setColor(QPalette.Highlight, QColor("#3d7bd9"))
            palette.setColor(QPalette.HighlightedText, QColor("#ffffff"))
        self.app.setPalette(palette)
        pg.setConfigOptions(background=plot_bg, foreground=plot_fg)
        for plot in root.findChildren(pg.PlotWidget):
            self.style_plot(plot, plot_bg, plot_fg, f)
        for layout in root.findChildren(pg.GraphicsLayoutWidget):
            layout.setBackground(plot_bg)
        for widget in root.findChildren(QWidget):
            if hasattr(widget, "apply_theme"):   # the 3D views (gui/descent_lab.SurfaceView3D)
                widget.apply_theme()

    def style_plot(self, plot: pg.PlotWidget, background: str, foreground: str, f: float) -> None:
        plot.setBackground(background)
        tick_font = QFont(self.base_font)
        tick_font.setPointSizeF(self.base_font.pointSizeF() * f)
        for name in ("left", "bottom", "right", "top"):
            axis = plot.getAxis(name)
            axis.setTickFont(tick_font)
            axis.setPen(pg.mkPen(foreground))
            axis.setTextPen(pg.mkPen(foreground))
            if axis.labelText:
                axis.labelStyle = {"font-size": f"{self.base_font.pointSizeF() * f:.0f}pt",
                                   "color": pg.mkColor(foreground).name()}  # CSS needs "#ffffff", not "w"
                axis.label.setHtml(axis.labelString())
            axis.picture = None  # re-render the cached axis
            axis.update()
        for item in plot.listDataItems():
            pen = item.opts.get("pen")
            if pen is None or not hasattr(item, "setPen"):  # curves only (bars keep their outline)
                continue
            pen = pg.mkPen(pen)
            base = item.property("baseWidth")
            if base is None:
                base = pen.widthF() or 1.0
                item.setProperty("baseWidth", base)
            pen.setWidthF(float(base) * f)
            item.setPen(pen)

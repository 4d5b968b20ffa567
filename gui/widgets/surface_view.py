"""The 3D surface view (pyqtgraph.opengl in a native GL window): a surface built once, paths and markers that
move. The gradient-descent lab and the loss landscape draw on it."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from tensordesk.gui.widgets.gl_support import make_gl_view
from tensordesk.gui.widgets.plot_export import GENERIC_HEADER, Exports


class SurfaceExport(Exports):
    """The 3D view's picture (PNG, as rendered) and numbers (CSV: the surface's grid, then each path)."""

    SUFFIXES = (".png", ".csv")

    def __init__(self, surface_view):
        super().__init__(surface_view, "surface3d")
        self.surface_view = surface_view

    def image(self):
        return self.surface_view.grab_image()

    def table(self) -> tuple[list[str], list[list]]:
        return GENERIC_HEADER, self.surface_view.table_rows()


class SurfaceView3D(QWidget):
    """pyqtgraph.opengl: the surface is built once per lab; only the path lines and markers move."""

    def __init__(self, parent=None):
        super().__init__(parent)
        import pyqtgraph.opengl as gl
        from OpenGL import GL
        self.gl = gl
        # paths and markers are drawn after the surface with no depth test, so the surface never hides them
        self.on_top = {GL.GL_DEPTH_TEST: False, GL.GL_BLEND: True,
                       "glBlendFunc": (GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA)}
        self.view, self.container = make_gl_view()
        self.container.setObjectName("surface3d")
        self.container.setMinimumSize(300, 240)
        self.reset_button = QPushButton(self.tr("Reset view"))
        self.reset_button.setObjectName("resetViewButton")
        self.reset_button.setToolTip(self.tr("Drag to rotate, wheel to zoom, Ctrl+drag to pan"))
        self.reset_button.clicked.connect(self.reset_camera)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.container, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("3D cost surface (drag to rotate)")))
        row.addStretch(1)
        self.exports = SurfaceExport(self)
        self.export_button = QToolButton()
        self.export_button.setObjectName("surfaceExportButton")
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addActions(self.exports.actions)
        self.export_button.setMenu(menu)
        row.addWidget(self.export_button)
        row.addWidget(self.reset_button)
        lay.addLayout(row)
        self.surface = None
        self.grid = None           # (a, b, cost, names) of the surface shown
        self.paths: dict = {}      # run index → its (k, 3) points a, b, cost
        self.lines, self.heads = [], []
        self.start_marker = gl.GLScatterPlotItem(pos=np.zeros((1, 3)), size=14, color=(0, 0, 0, 1), pxMode=True)
        self.start_marker.setGLOptions(self.on_top)
        self.start_marker.setDepthValue(11)
        self._static = []
        self.lo, self.hi, self.zscale, self.zmax = -2.0, 7.0, 1.0, 1.0
        self.apply_theme()

    def _ink(self) -> tuple:
        """The theme's plot foreground as 0–255 RGB (black in the light theme, white in the dark one)."""
        c = pg.mkColor(pg.getConfigOption("foreground"))
        return c.red(), c.green(), c.blue()

    def apply_theme(self) -> None:
        """Background, labels and grid in the theme's plot colours (gui/presentation.py calls this)."""
        self.view.setBackgroundColor(pg.getConfigOption("background"))
        ink = self._ink()
        for item in self._static:
            if isinstance(item, self.gl.GLTextItem):
                item.setData(color=ink + (255,))
            else:
                item.setColor(ink + (60,))

    def set_surface(self, a, b, cost, colors, names=("a", "b", "cost")) -> None:
        """`a` and `b` must span the same range (the loss landscape rescales its axes to ±1 for this)."""
        gl = self.gl
        for item in [self.surface] + self._static:
            if item is not None:
                self.view.removeItem(item)
        self.grid = (np.asarray(a, float), np.asarray(b, float), np.asarray(cost, float), tuple(names))
        self.paths = {}
        self.lo, self.hi = float(a[0]), float(a[-1])
        span = self.hi - self.lo
        self.zmax = float(np.max(cost))
        self.zscale = 0.6 * span / self.zmax if self.zmax > 0 else 1.0
        self.surface = gl.GLSurfacePlotItem(x=a, y=b, z=cost * self.zscale, colors=colors.reshape(-1, 4), smooth=False,
                                            computeNormals=False, glOptions="translucent")
        self.view.addItem(self.surface)
        ink = self._ink()
        grid = gl.GLGridItem(color=ink + (60,))
        grid.setSize(span, span)
        grid.setSpacing(span / 9, span / 9)
        grid.translate((self.lo + self.hi) / 2, (self.lo + self.hi) / 2, 0)
        self._static = [grid]
        gap = 0.067 * span
        for text, pos in ((names[0], (self.hi + gap, self.lo, 0)), (names[1], (self.lo, self.hi + gap, 0)),
                          (names[2], (self.lo, self.lo, 0.65 * span))):
            self._static.append(gl.GLTextItem(pos=pos, text=text, color=ink + (255,)))
        for item in self._static:
            self.view.addItem(item)
        if self.start_marker not in self.view.items:
            self.view.addItem(self.start_marker)
        self.reset_camera()

    def table_rows(self) -> list[list]:
        """(plot, series, x, y, value) rows: every grid point of the surface, then every point of each path."""
        if self.grid is None:
            return []
        a, b, cost, names = self.grid
        rows = [["surface", names[2], av, bv, cost[i, j]] for i, av in enumerate(a) for j, bv in enumerate(b)]
        for i in sorted(self.paths):
            rows += [["path", f"{i + 1}", p[0], p[1], p[2]] for p in self.paths[i]]
        return rows

    def set_runs(self, colors) -> None:
        for item in self.lines + self.heads:
            self.view.removeItem(item)
        self.lines, self.heads = [], []
        self.paths = {}
        for color in colors:
            rgba = tuple(c / 255 for c in color) + (1.0,)
            line = self.gl.GLLinePlotItem(pos=np.zeros((1, 3)), color=rgba, width=3, antialias=True)
            line.setGLOptions(self.on_top)
            line.setDepthValue(10)
            head = self.gl.GLScatterPlotItem(pos=np.zeros((1, 3)), size=11, color=rgba, pxMode=True)
            head.setGLOptions(self.on_top)
            head.setDepthValue(11)
            self.view.addItem(line)
            self.view.addItem(head)
            self.lines.append(line)
            self.heads.append(head)

    def _to_scene(self, pts: np.ndarray) -> np.ndarray:
        """(k, 3) a, b, cost → scene coordinates, clipped to the box so a diverging path stays in view."""
        out = np.empty_like(pts)
        out[:, 0] = np.clip(pts[:, 0], self.lo, self.hi)
        out[:, 1] = np.clip(pts[:, 1], self.lo, self.hi)
        out[:, 2] = np.clip(pts[:, 2], 0, self.zmax) * self.zscale + 0.02 * (self.hi - self.lo)
        return out

    def set_path(self, i: int, pts: np.ndarray) -> None:
        if i >= len(self.lines) or len(pts) == 0:
            return
        self.paths[i] = np.asarray(pts, float)
        scene = self._to_scene(pts)
        self.lines[i].setData(pos=scene)
        self.heads[i].setData(pos=scene[-1:])
        if i == 0:
            self.start_marker.setData(pos=scene[:1])

    def reset_camera(self) -> None:
        mid = (self.lo + self.hi) / 2
        self.view.opts["center"] = pg.Vector(mid, mid, 0.2 * (self.hi - self.lo))
        self.view.setCameraPosition(distance=2.0 * (self.hi - self.lo), elevation=28, azimuth=-60)

    def grab_image(self):
        return self.view.grabFramebuffer()

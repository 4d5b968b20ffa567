"""The 3D surface view (pyqtgraph.opengl in a native GL window): a surface built once, paths and markers that
move. The gradient-descent lab and the loss landscape draw on it."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tensordesk.gui.widgets.gl_support import make_gl_view


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
        row.addWidget(self.reset_button)
        lay.addLayout(row)
        self.surface = None
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

    def set_runs(self, colors) -> None:
        for item in self.lines + self.heads:
            self.view.removeItem(item)
        self.lines, self.heads = [], []
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

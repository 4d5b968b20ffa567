"""OpenGL in the window: whether it works here (probed once, before any GL view is built; 3D views fall back
to 2D without it), the GL views as embedded native windows, and grabbing a window with them painted in."""
from __future__ import annotations

import functools
import os
import weakref


@functools.lru_cache(maxsize=1)
def opengl_available() -> bool:
    """True when a Qt OpenGL context can be created and made current, and pyqtgraph.opengl imports.

    `TENSORDESK_NO_GL=1` forces the 2D fallback (for machines whose GL driver misbehaves).
    TensorFlow is imported first: with Mesa's software GL already in the process, loading TensorFlow
    crashes (both carry an LLVM), while the other order works (see engine/__init__.py). Call this once
    the engine has loaded, or accept the wait.
    """
    if os.environ.get("TENSORDESK_NO_GL", "") not in ("", "0"):
        return False
    from tensordesk.gui.workers.threads import import_engine
    import_engine()
    try:
        from PySide6.QtGui import QOffscreenSurface, QOpenGLContext
        ctx = QOpenGLContext()
        if not ctx.create():
            return False
        surface = QOffscreenSurface()
        surface.setFormat(ctx.format())
        surface.create()
        if not surface.isValid() or not ctx.makeCurrent(surface):
            return False
        ctx.doneCurrent()
        import pyqtgraph.opengl  # noqa: F401  (needs PyOpenGL)
        return True
    except Exception:
        return False


# ---------------------------------------------------------------------------------------------- GL views
# A QOpenGLWidget anywhere in a window switches that whole window to OpenGL composition: from then on every
# repaint of any widget in it (a live curve, a progress bar) is uploaded as a texture and drawn through GL.
# With software GL (llvmpipe, as on machines without a GPU driver) that tripled the cost of a plot repaint
# and took a quarter of training's speed away while the Train tab was shown. So the 3D views are
# QOpenGLWindows in their own native windows, embedded with QWidget.createWindowContainer (pyqtgraph's
# GLViewMixin is made for this); the rest of the window stays raster-painted.

_views: weakref.WeakSet = weakref.WeakSet()


@functools.lru_cache(maxsize=1)
def _view_class():
    from pyqtgraph.opengl.GLViewWidget import GLViewMixin
    from PySide6.QtCore import QRect
    from PySide6.QtOpenGL import QOpenGLWindow

    class GLViewWindow(GLViewMixin, QOpenGLWindow):
        """pyqtgraph's GL view as a QOpenGLWindow; `container` is the widget that embeds it."""

        container = None

        def devicePixelRatioF(self) -> float:  # what GLViewMixin asks a QWidget for
            return self.devicePixelRatio()

        def rect(self) -> QRect:               # what GLTextItem asks its view for
            return QRect(0, 0, self.width(), self.height())

    return GLViewWindow


@functools.lru_cache(maxsize=1)
def _share_context():
    """One context every GL view shares with: pyqtgraph compiles each shader once per process, so the
    views' contexts must share their programs and buffers (QOpenGLWidgets in one window do by default)."""
    from PySide6.QtGui import QOpenGLContext
    ctx = QOpenGLContext.globalShareContext()
    if ctx is None:
        ctx = QOpenGLContext()
        ctx.create()
    return ctx


def make_gl_view():
    """(view, container): a pyqtgraph GL view (addItem, setCameraPosition, grabFramebuffer, … as
    GLViewWidget) and the QWidget to put in a layout. Only call once opengl_available() is True."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget
    view = _view_class()(_share_context())
    container = QWidget.createWindowContainer(view)
    container.setFocusPolicy(Qt.ClickFocus)
    view.container = container
    _views.add(view)
    return view, container


def gl_views_in(window) -> list:
    """The GL views shown inside `window` (a top-level widget), with their containers visible."""
    out = []
    for view in list(_views):
        c = view.container
        try:
            if c is not None and c.isVisible() and c.window() is window:
                out.append(view)
        except RuntimeError:        # the container's C++ object is gone
            continue
    return out


def grab_window(widget):
    """`widget.grab()` with the GL views' pictures painted in: a window container's native window is not
    part of what QWidget.grab() renders."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QPainter
    pix = widget.grab()
    views = [v for v in gl_views_in(widget.window()) if widget is v.container or widget.isAncestorOf(v.container)]
    if views:
        p = QPainter(pix)
        for v in views:
            top_left = v.container.mapTo(widget, QPoint(0, 0))
            p.drawImage(QRect(top_left, v.container.size()), v.grabFramebuffer())
        p.end()
    return pix


def set_gl_views_shown(window, shown: bool) -> None:
    """Hide (or show again) the GL views' native windows in `window`: nothing painted in the window can
    cover a native child window, so an overlay hides them while it is up."""
    for view in gl_views_in(window):
        view.setVisible(shown)

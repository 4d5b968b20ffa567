"""Whether OpenGL works here: probed once, before any GL view is built (3D views fall back to 2D without it)."""
from __future__ import annotations

import functools
import os


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
    from gui.controller import import_engine
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

"""The real main window for the benchmarks: built from default settings (a session's saved ones would change what
it trains, and the user's own are left alone), shown, with TensorFlow loaded."""
import tempfile
import time


def ready_window(size=(1280, 800), view="train"):
    """(app, window, seconds TensorFlow took to load), with `view` on screen (a first launch opens on Draw)."""
    from tensordesk.gui.app import create_app
    app = create_app()
    from PySide6.QtCore import QCoreApplication, QSettings
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp(prefix="tensordesk-bench-"))
    QCoreApplication.setApplicationName("TensorDeskBench")
    from tensordesk.gui.main_window import MainWindow
    w = MainWindow()
    w.resize(*size)
    w.show()
    w.show_view(view)
    t0 = time.perf_counter()
    while not w.engine_is_ready:
        app.processEvents()
        time.sleep(0.005)
    return app, w, time.perf_counter() - t0


def wait_for(app, cond, timeout=600.0, step=0.005) -> bool:
    """Run the event loop until `cond()` holds (True) or `timeout` seconds pass (False)."""
    t = time.perf_counter()
    while not cond():
        if time.perf_counter() - t > timeout:
            return False
        app.processEvents()
        time.sleep(step)
    return True


def settle(app, turns=30) -> None:
    """Let the window lay out and paint (`turns` event-loop turns, 20 ms apart)."""
    for _ in range(turns):
        app.processEvents()
        time.sleep(0.02)

"""Start the Qt application: QApplication exists only here."""
from __future__ import annotations

import sys


def create_app(argv=None):
    import pyqtgraph as pg
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv if argv is None else argv)
    QCoreApplication.setOrganizationName("TensorDesk")
    QCoreApplication.setApplicationName("TensorDesk")
    app.setApplicationDisplayName("TensorDesk")
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    return app


_windows: list = []   # the open main window (a language switch replaces it)


def run_app(model_path: str | None = None) -> int:
    app = create_app()
    from tensordesk.gui.i18n import chosen_language, install_language
    install_language(chosen_language())
    from tensordesk.gui.main_window import MainWindow
    window = MainWindow(model_path=model_path)
    _windows[:] = [window]
    window.show()
    return app.exec()


def replace_window(old):
    """Close `old` (it saves its settings and stops its threads), install the chosen language and open a new
    main window in its place: Qt widgets take their texts when they are built. Returns the new window."""
    from PySide6.QtWidgets import QApplication

    from tensordesk.gui.i18n import chosen_language, install_language
    from tensordesk.gui.main_window import MainWindow
    app = QApplication.instance()
    geometry, full_screen = old.saveGeometry(), old.isFullScreen()
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    try:
        old.close()
        install_language(chosen_language())
        window = MainWindow()
        window.restoreGeometry(geometry)
        window.showFullScreen() if full_screen else window.show()
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)
    _windows[:] = [window]   # the old window goes with its last reference, collected in the GUI thread
    return window

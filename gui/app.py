"""Start the Qt application: QApplication exists only here."""
from __future__ import annotations

import sys


def create_app(argv=None):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication
    import pyqtgraph as pg

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv if argv is None else argv)
    QCoreApplication.setOrganizationName("TensorDesk")
    QCoreApplication.setApplicationName("TensorDesk")
    app.setApplicationDisplayName("TensorDesk")
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    return app


def run_app(model_path: str | None = None) -> int:
    app = create_app()
    from gui.main_window import MainWindow
    window = MainWindow(model_path=model_path)
    window.show()
    return app.exec()

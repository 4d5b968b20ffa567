"""GUI fixtures: isolated QSettings, a main window whose TensorFlow is loaded, and a check that no
QThread outlives its test (the idea of napari's dangling-thread fixture)."""
import weakref

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QThread

_started: list = []
_original_start = QThread.start


def _recording_start(self, *args, **kwargs):
    _started.append(weakref.ref(self))
    return _original_start(self, *args, **kwargs)


QThread.start = _recording_start


@pytest.fixture(autouse=True)
def no_dangling_qthreads(qapp):
    _started.clear()
    yield
    leftover = []
    for ref in _started:
        thread = ref()
        try:
            running = thread is not None and thread.isRunning()
        except RuntimeError:  # the C++ object is gone: it finished and was deleted
            running = False
        if running:
            thread.wait(3000)
            leftover.append(thread.objectName() or repr(thread))
    assert not leftover, f"QThreads left running after the test: {leftover}"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    QCoreApplication.setOrganizationName("TensorDeskTests")
    QCoreApplication.setApplicationName("TensorDeskTests")
    yield


@pytest.fixture
def window(qtbot):
    from tensordesk.gui.main_window import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.starting, timeout=60000)
    yield w
    w.close()

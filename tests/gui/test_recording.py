"""Recording the window for slides: the Record action, its indicator, and GIF and MP4 files whose frames show
the lab moving."""
import numpy as np
import pytest
from PySide6.QtWidgets import QToolBar

from tensordesk.engine.core.recording import read_frames


def _distinct(frames) -> int:
    """How many frames differ visibly from the one before."""
    return sum(1 for a, b in zip(frames, frames[1:]) if np.abs(a.astype(int) - b.astype(int)).mean() > 0.05)


def _wait_frames(qtbot, recorder, n):
    """Wait until `n` frames were grabbed: a slow machine grabs fewer per second, so count frames, not time."""
    seen = []
    recorder.ticked.connect(lambda seconds, frames: seen.append(frames))
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] >= n, timeout=60000)


def _record_lab(window, qtbot, path, target):
    from tensordesk.gui.presets import shipped_presets
    preset = next(p for p in shipped_presets() if p.view == "bn")
    assert window.presets.load(preset)          # the BN lab plays
    rec = window.recording
    assert rec.start(str(path), target, fps=10)
    assert rec.indicator.isVisible() and "REC" in rec.indicator.text()
    assert rec.action.isChecked() and rec.action.text() != "Record…"
    _wait_frames(qtbot, rec.recorder, 25)
    rec.stop()
    qtbot.waitUntil(lambda: not rec.recorder.writing and not rec.indicator.isVisible(), timeout=30000)
    assert not rec.action.isChecked() and rec.action.isEnabled()
    window.view("bn").experiment.controller.stop()
    return read_frames(path)


@pytest.mark.parametrize("suffix, target", [(".gif", "view"), (".mp4", "window")])
def test_a_recording_of_a_running_lab_has_many_distinct_frames(window, qtbot, tmp_path, suffix, target):
    messages = []
    window.recording.message_shown.connect(messages.append)
    path = tmp_path / f"lab{suffix}"
    frames = _record_lab(window, qtbot, path, target)
    assert len(frames) >= 5                          # a GIF stores a frame only when something changed
    assert _distinct(frames) >= 4                    # the lab moved while it was recorded
    widget = window.view("bn") if target == "view" else window
    h, w = frames[0].shape[:2]
    ratio = widget.grab().devicePixelRatio()
    assert abs(w - widget.width() * ratio) <= 2 and abs(h - widget.height() * ratio) <= 2
    assert any("Recording saved" in m and str(path) in m for m in messages)


def test_record_is_on_the_toolbar_has_a_shortcut_and_is_in_the_f1_overlay(window):
    from tensordesk.gui.shortcuts_overlay import shortcut_groups
    bar = window.findChild(QToolBar, "mainToolbar")
    assert window.recording.action in bar.actions()
    assert window.recording.action.shortcut().toString() == "Ctrl+Shift+R"
    rows = [row for _, group in shortcut_groups(window) for row in group]
    assert any(keys == "Ctrl+Shift+R" for keys, _ in rows)


def test_a_recording_to_a_bad_place_says_why_and_does_not_start(window, qtbot, tmp_path):
    messages = []
    window.recording.message_shown.connect(messages.append)
    assert not window.recording.start(str(tmp_path / "missing" / "x.gif"))
    assert not window.recording.start(str(tmp_path / "x.avi"))
    assert not window.recording.indicator.isVisible()
    assert "does not exist" in messages[0] and ".gif or .mp4" in messages[1]
    for box in window.findChildren(object, "recordingFailedBox"):
        box.close()


def test_closing_the_window_while_recording_keeps_the_file(qtbot, tmp_path):
    from tensordesk.gui.main_window import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    path = tmp_path / "closing.mp4"      # an MP4 keeps every frame (a GIF merges frames that did not change)
    assert w.recording.start(str(path), "window", fps=20)
    _wait_frames(qtbot, w.recording.recorder, 4)
    w.close()
    assert len(read_frames(path)) >= 3


def test_the_record_dialog_starts_what_it_was_asked_and_the_shortcut_stops_it(window, qtbot, tmp_path):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
    window.show_view("descent")
    seen = {}

    def fill():
        dialog = QApplication.activeModalWidget()
        rate = dialog.findChild(QComboBox, "recordRate")
        seen["default"] = rate.currentText()
        dialog.findChild(QComboBox, "recordTarget").setCurrentIndex(1)          # the whole window
        rate.setCurrentIndex(rate.findData(5))
        dialog.findChild(QLineEdit, "recordPath").setText(str(tmp_path / "dialog.mp4"))
        dialog.accept()

    QTimer.singleShot(200, fill)
    QTest.keyClick(window, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)
    assert "20" in seen["default"]                       # the lab's own repaint rate is offered first
    rec = window.recording
    assert rec.recorder.recording and rec.recorder.timer.interval() == 200
    _wait_frames(qtbot, rec.recorder, 4)
    window.activateWindow()                              # the dialog had the focus (offscreen gives none back)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    QTest.keyClick(window, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)   # the same keys stop it
    qtbot.waitUntil(lambda: not rec.recorder.recording and not rec.recorder.writing, timeout=30000)
    frames = read_frames(tmp_path / "dialog.mp4")
    assert len(frames) >= 3 and frames[0].shape[1] >= window.width() - 2
    assert window.settings.value("record/target") == "window"

"""Record the current view or the whole window to an animated GIF or an MP4 (for slides): the Record action
(toolbar, Ctrl+Shift+R, View menu, F1 overlay), a red indicator in the status bar while it records, and the
file written in the background when it stops. Frames are grabbed at the chosen rate in the GUI thread
(`grab_window` paints the 3D views in); engine/core/recording.py encodes them on its own thread."""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
)

from tensordesk.engine.core.recording import FORMATS, FRAME_RATES, FrameWriter, RecordingError, RecordSettings
from tensordesk.engine.core.settings import declared
from tensordesk.gui.model_files import remembered_folder
from tensordesk.gui.names import tr_engine
from tensordesk.gui.presentation import glyph_icon, set_tone
from tensordesk.gui.widgets.gl_support import grab_window
from tensordesk.gui.widgets.setting_controls import setting_combo
from tensordesk.gui.workers.jobs import JobController

MAX_GIF_SECONDS = 180    # a GIF is held in memory until it is written: longer recordings should be MP4s
TARGETS = declared(RecordSettings)["target"].choices   # "view", "window"


def image_to_rgb(image: QImage) -> np.ndarray:
    """A QImage as an H×W×3 uint8 array (a copy)."""
    image = image.convertToFormat(QImage.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    data = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
    return data.reshape(h, stride)[:, :w * 3].reshape(h, w, 3).copy()


class ScreenRecorder(QObject):
    """Grabs `target()` (a widget) `fps` times a second into a FrameWriter; `stop()` writes the file in the
    background. `state_changed(recording)`, `saved(message)` or `failed(message)` tell how it goes."""

    state_changed = Signal(bool)
    saved = Signal(str)
    failed = Signal(str)
    ticked = Signal(float, int)      # seconds recorded, frames

    def __init__(self, parent=None):
        super().__init__(parent)
        self.writer: FrameWriter | None = None
        self.target = None
        self.max_seconds: float | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.capture)
        self.closer = JobController("RecordingWriterThread", self)
        self.closer.needs_engine = False
        self.closer.result_ready.connect(self._on_written)
        self.closer.errored.connect(self._on_write_failed)
        self.closer.running_changed.connect(lambda running: self.state_changed.emit(self.recording))
        self._started = 0.0
        self.grab_ms = 0.0               # the mean time one frame took to grab (for bench/recording.py)

    @property
    def recording(self) -> bool:
        return self.writer is not None

    @property
    def writing(self) -> bool:
        """The last recording's file is still being written."""
        return self.closer.running

    def start(self, path: str, target, fps: float) -> bool:
        """Start recording `target()` (a callable giving the widget to grab, asked at every frame) to `path`.
        False, with `failed` emitted, when it cannot start (a bad path or frame rate, no ffmpeg)."""
        if self.recording or self.writing:
            return False
        try:
            self.writer = FrameWriter(path, fps)
        except RecordingError as exc:
            self.failed.emit(str(exc))
            return False
        self.target = target
        self.max_seconds = MAX_GIF_SECONDS if Path(path).suffix.lower() == ".gif" else None
        self._started = time.monotonic()
        self.grab_ms = 0.0
        self.timer.setInterval(max(1, int(round(1000 / fps))))
        self.timer.start()
        self.state_changed.emit(True)
        self.capture()
        return True

    @Slot()
    def capture(self) -> None:
        writer = self.writer
        if writer is None:
            return
        widget = self.target()
        if widget is None:
            return
        t = time.perf_counter()
        try:
            frame = image_to_rgb(grab_window(widget).toImage())
            writer.add(frame)
        except RecordingError as exc:
            self._abort(str(exc))
            return
        n = writer.frames
        self.grab_ms += ((time.perf_counter() - t) * 1000 - self.grab_ms) / max(1, n)
        seconds = time.monotonic() - self._started
        self.ticked.emit(seconds, n)
        if writer.failed:
            self._abort(writer.failed)
        elif self.max_seconds is not None and seconds >= self.max_seconds:
            self.stop()

    def _abort(self, message: str) -> None:
        self.timer.stop()
        writer, self.writer = self.writer, None
        if writer is not None:
            writer.abort()
        self.state_changed.emit(False)
        self.failed.emit(message)

    @Slot()
    def stop(self) -> None:
        """Stop grabbing; the file is written in the background (`saved` or `failed` follows)."""
        if self.writer is None:
            return
        self.timer.stop()
        writer, self.writer = self.writer, None
        self.closer.start(lambda progress, cancelled: writer.close())
        self.state_changed.emit(False)

    def finish_now(self) -> str | None:
        """Stop and write the file before returning (the window is closing): its message, or None."""
        if self.writer is not None:
            self.timer.stop()
            writer, self.writer = self.writer, None
            try:
                return _saved_message(writer.close())
            except RecordingError as exc:
                return str(exc)
        self.closer.shutdown(60000)
        return None

    @Slot(object)
    def _on_written(self, summary) -> None:
        self.saved.emit(_saved_message(summary))

    @Slot(str)
    def _on_write_failed(self, message: str) -> None:
        self.failed.emit(message)


def _saved_message(summary) -> str:
    from PySide6.QtCore import QCoreApplication
    text = QCoreApplication.translate("Recording", "Recording saved: %1 (%2 frames, %3 s, %4 MB)")
    return (text.replace("%1", summary.path).replace("%2", str(summary.frames))
            .replace("%3", f"{summary.seconds:.1f}").replace("%4", f"{summary.bytes / 1e6:.1f}"))


class RecordDialog(QDialog):
    """What to record (the current view or the whole window), at what frame rate, into which file."""

    def __init__(self, parent, view_rate: int, folder: str, suffix: str, target: str, fps: int, name: str):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record"))
        self.target = setting_combo(RecordSettings, "target", "recordTarget",
                                    {"view": self.tr("The current view"), "window": self.tr("The whole window")})
        self.target.setCurrentIndex(max(0, self.target.findData(target)))
        self.rate = QComboBox()
        self.rate.setObjectName("recordRate")
        self.rate.addItem(self.tr("The view's own rate (%1 per second)").replace("%1", str(view_rate)), 0)
        for r in FRAME_RATES:
            self.rate.addItem(self.tr("%1 frames per second").replace("%1", str(r)), r)
        self.rate.setCurrentIndex(max(0, self.rate.findData(fps)))
        self.view_rate = view_rate
        self.path = QLineEdit(str(Path(folder) / f"{name}{suffix}"))
        self.path.setObjectName("recordPath")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("Record"), self.target)
        form.addRow(self.tr("Frame rate"), self.rate)
        form.addRow(self.tr("File (.gif or .mp4)"), row)
        note = QLabel(self.tr("Ctrl+Shift+R or the Record button stops the recording. GIFs stop by themselves "
                              "after %1 minutes; an MP4 has no limit.").replace("%1", str(MAX_GIF_SECONDS // 60)))
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Record"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.path.textChanged.connect(lambda t: buttons.button(QDialogButtonBox.Ok).setEnabled(bool(t.strip())))
        form.addRow(buttons)

    def _browse(self) -> None:
        filters = ";;".join(f"{tr_engine(f.title)} (*{f.suffix})" for f in FORMATS.values())
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Record to"), self.path.text(), filters)
        if path:
            if Path(path).suffix.lower() not in FORMATS:   # the filter the user picked names the kind
                path += next((f.suffix for f in FORMATS.values() if f.suffix in chosen), ".gif")
            self.path.setText(path)

    def choice(self) -> tuple[str, str, int]:
        """(path, target, frame rate)."""
        fps = int(self.rate.currentData()) or self.view_rate
        return self.path.text().strip(), str(self.target.currentData()), fps


class Recording(QObject):
    """The window's Record action, its dialog, the status bar's indicator and the recorder."""

    message_shown = Signal(str)

    def __init__(self, window, settings, make_action):
        super().__init__(window)
        self.window, self.settings = window, settings
        self.recorder = ScreenRecorder(self)
        self.action = make_action(self.tr("Record…"), QKeySequence("Ctrl+Shift+R"), self.toggle)
        self.action.setObjectName("recordAction")
        self.action.setProperty("glyph", "record")   # a red dot, drawn for the theme (gui/presentation.py)
        self.action.setIcon(glyph_icon("record"))
        self.action.setCheckable(True)
        self.action.setToolTip(self.tr("Record the current view or the whole window to a GIF or an MP4 "
                                       "(Ctrl+Shift+R starts and stops)"))
        self.indicator = QLabel()
        self.indicator.setObjectName("recordingIndicator")
        set_tone(self.indicator, "alert")
        self.indicator.hide()
        self.recorder.state_changed.connect(self._on_state)
        self.recorder.ticked.connect(self._on_tick)
        self.recorder.saved.connect(self._on_saved)
        self.recorder.failed.connect(self._on_failed)

    def add_to(self, menu) -> None:
        menu.addAction(self.action)

    def _default_folder(self) -> str:
        return remembered_folder(self.settings, "paths/recordings", QStandardPaths.MoviesLocation)

    def view_rate(self) -> int:
        return int(self.window.tabs.currentWidget().frame_rate())

    @Slot()
    def toggle(self) -> None:
        if self.recorder.recording:
            self.recorder.stop()
        else:
            self.action.setChecked(False)   # checked once recording has started
            self.open_dialog()

    def open_dialog(self) -> None:
        if self.recorder.writing:
            self.message_shown.emit(self.tr("The last recording is still being written."))
            return
        s = self.settings
        name = f"tensordesk-{self.window.current_view_key()}-{time.strftime('%Y%m%d-%H%M%S')}"
        dialog = RecordDialog(self.window, self.view_rate(), self._default_folder(),
                              str(s.value("record/suffix", ".gif")), str(s.value("record/target", "view")),
                              int(s.value("record/fps", 0) or 0), name)
        if dialog.exec() != QDialog.Accepted:
            return
        path, target, fps = dialog.choice()
        s.setValue("record/target", target)
        s.setValue("record/fps", int(dialog.rate.currentData()))
        if self.start(path, target, fps):
            s.setValue("paths/recordings", str(Path(path).expanduser().parent))
            s.setValue("record/suffix", Path(path).suffix.lower())

    def start(self, path: str, target: str = "view", fps: int | None = None) -> bool:
        """Record the current view (`target="view"`, following tab changes) or the whole window to `path`."""
        if target not in TARGETS:
            raise ValueError(f"target is one of {TARGETS}")
        window = self.window
        grab = (lambda: window.tabs.currentWidget()) if target == "view" else (lambda: window)
        return self.recorder.start(path, grab, fps or self.view_rate())

    def stop(self) -> None:
        self.recorder.stop()

    def record_film(self, timeline, path: str | None = None) -> bool:
        """The timeline's Record film: the Record dialog (or straight to `path`), then the film plays from its first
        snapshot while the view is recorded, and the recording ends a frame after the film's last snapshot."""
        if self.recorder.recording or not timeline.available:
            return False
        if path is None:
            self.open_dialog()
        else:
            self.start(path)
        if not self.recorder.recording:
            return False
        timeline.film_ended.connect(lambda: QTimer.singleShot(int(1000 / timeline.speed), self.recorder.stop),
                                    Qt.SingleShotConnection)
        timeline.play(from_start=True)
        return True

    def close_refusal(self) -> str:
        """What closing the window now would end: a recording in progress (it is written first)."""
        if self.recorder.recording:
            return self.tr("A recording is in progress: closing stops it and writes the file.")
        return ""

    def shutdown(self) -> bool:
        """The window is closing: a recording in progress is written before it goes."""
        self.recorder.finish_now()
        return not self.recorder.writing

    @Slot(bool)
    def _on_state(self, recording: bool) -> None:
        self.action.setChecked(recording)
        self.action.setText(self.tr("Stop recording") if recording else self.tr("Record…"))
        writing = self.recorder.writing
        self.action.setEnabled(not writing)
        if recording:
            self._on_tick(0.0, 0)
        elif writing:
            self.indicator.setText(self.tr("Writing the recording…"))
        self.indicator.setVisible(recording or writing)

    @Slot(float, int)
    def _on_tick(self, seconds: float, frames: int) -> None:
        m, s = divmod(int(seconds), 60)
        dot = "●" if int(seconds * 2) % 2 == 0 else "○"
        self.indicator.setText(self.tr("%1 REC %2  ·  %3 frames").replace("%1", dot)
                               .replace("%2", f"{m}:{s:02d}").replace("%3", str(frames)))

    @Slot(str)
    def _on_saved(self, message: str) -> None:
        self.indicator.hide()
        self.message_shown.emit(message)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.indicator.hide()
        self.message_shown.emit(message)
        box = QMessageBox(QMessageBox.Warning, self.tr("Recording failed"), message, QMessageBox.Ok, self.window)
        box.setObjectName("recordingFailedBox")
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()    # not exec(): a failure found by the frame timer must not stop the event loop

"""What every step-by-step lab pane shares: play/pause, single step, reset, a speed slider, and the
start/restart logic around one LabController."""
from __future__ import annotations

import functools
import json

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QSplitter, QStyle, QVBoxLayout, QWidget

from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.engine.core.events import RunState
from tensordesk.gui.presentation import set_tone
from tensordesk.gui.widgets.scroll_column import scroll_column
from tensordesk.gui.workers.labs import FRAME_S, LabController

# Slider positions → steps per second; the last one is "as fast as the machine goes" (None).
SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, None)


class LabControls(QWidget):
    """Emits what the user asked for; the lab view decides what it means in its state."""

    play_toggled = Signal()
    step_requested = Signal()
    reset_requested = Signal()
    defaults_requested = Signal()
    speed_changed = Signal(object)     # steps per second, or None for full speed

    def __init__(self, default_speed_index: int = 5, parent=None):
        super().__init__(parent)
        style = self.style()
        self.play_button = QPushButton(style.standardIcon(QStyle.SP_MediaPlay), self.tr("Play"))
        self.play_button.setObjectName("playButton")
        self.play_button.setToolTip(self.tr("Play / pause (Space)"))
        self.step_button = QPushButton(style.standardIcon(QStyle.SP_MediaSkipForward), self.tr("Step"))
        self.step_button.setObjectName("stepButton")
        self.step_button.setToolTip(self.tr("One step, then pause (Right arrow)"))
        self.reset_button = QPushButton(style.standardIcon(QStyle.SP_MediaSkipBackward), self.tr("Reset"))
        self.reset_button.setObjectName("resetButton")
        self.reset_button.setToolTip(self.tr("Back to step 0 with the same seed (Home)"))
        self.defaults_button = QPushButton(self.tr("Defaults"))
        self.defaults_button.setObjectName("defaultsButton")
        self.defaults_button.setToolTip(self.tr("Every setting back to the seed tutorial's"))
        self.speed = QSlider(Qt.Horizontal)
        self.speed.setObjectName("speedSlider")
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(default_speed_index)
        self.speed.setToolTip(self.tr("Animation speed: slow it down to narrate"))
        self.speed_label = QLabel()
        self.speed_label.setMinimumWidth(70)
        self.speed_title = QLabel(self.tr("Speed"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        for w in (self.play_button, self.step_button, self.reset_button, self.defaults_button):
            buttons.addWidget(w)
        speed = QHBoxLayout()
        speed.addWidget(self.speed_title)
        speed.addWidget(self.speed, 1)
        speed.addWidget(self.speed_label)
        lay.addLayout(buttons)
        lay.addLayout(speed)
        self.play_button.clicked.connect(self.play_toggled)
        self.step_button.clicked.connect(self.step_requested)
        self.reset_button.clicked.connect(self.reset_requested)
        self.defaults_button.clicked.connect(self.defaults_requested)
        self.speed.valueChanged.connect(self._on_speed)
        self._on_speed(self.speed.value())

    def set_stepping(self, on: bool) -> None:
        """Show play, step, reset and speed (a lab that runs step by step), or only Defaults."""
        for w in (self.play_button, self.step_button, self.reset_button, self.speed_title, self.speed,
                  self.speed_label):
            w.setVisible(on)

    def steps_per_second(self):
        return SPEEDS[self.speed.value()]

    def _on_speed(self, index: int) -> None:
        sps = SPEEDS[index]
        self.speed_label.setText(self.tr("full") if sps is None else self.tr("%1 steps/s").replace("%1", str(sps)))
        self.speed_changed.emit(sps)

    def set_playing(self, playing: bool) -> None:
        icon = QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))


class LabPane(QWidget):
    """Base of a lab's pane: owns one LabController and the play/step/reset/speed controls, and keeps what
    the user asked for across restarts (a setting change stops the running lab and starts a new one).

    Subclasses implement `lab_factory()` (a picklable-free callable run in the lab thread), `clear_views()`,
    `on_lab_event(event)` and `render()` (called at most `fps` times a second while something changed).
    """

    shutdown_ms = 3000      # how long closing the window waits for the lab's thread
    lab_ended = Signal(object)   # engine LabFact: the experiment ended (the missions' checks read it)

    def __init__(self, thread_name: str, name: str, default_speed_index: int = 5, fps: int = 25, parent=None):
        super().__init__(parent)
        self.lab_key = name              # its key in engine/labs/registry.py
        # a pane drawing more than 30 frames a second gets its lab's events as often
        self.controller = LabController(thread_name, self, frame_s=min(FRAME_S, 1.0 / fps))
        self.lab_controls = LabControls(default_speed_index)
        self.status = QLabel()
        self.status.setObjectName(f"{name}Status")
        self.status.setWordWrap(True)
        self.message = QLabel()          # errors and divergence, in red
        self.message.setObjectName(f"{name}Message")
        self.message.setWordWrap(True)
        set_tone(self.message, "error")
        self._pending_start = None      # (play, steps) once the current lab has stopped
        self._shut_down = False
        self._started_once = False
        self.finished_run = False        # the last lab ran to its end
        self._dirty = False
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(350)
        self.debounce.timeout.connect(self.settings_changed)
        lc = self.lab_controls
        lc.play_toggled.connect(self.toggle_play)
        lc.step_requested.connect(self.single_step)
        lc.reset_requested.connect(self.reset)
        lc.defaults_requested.connect(self.restore_defaults)
        self._default_state = None
        lc.speed_changed.connect(self.controller.set_speed)
        self.controller.events_emitted.connect(self._on_events)
        self.controller.finished.connect(self._on_finished)
        self.controller.pause_changed.connect(lambda paused: self._update_buttons())
        self.controller.running_changed.connect(self._on_running_changed)
        for key, slot, text in ((Qt.Key_Right, self.single_step, self.tr("One step (lab)")),
                                (Qt.Key_Home, self.reset, self.tr("Reset the lab"))):
            sc = QShortcut(QKeySequence(key), self)
            sc.setWhatsThis(text)   # listed by the F1 overlay
            sc.setContext(Qt.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self.fps = fps
        self.render_timer = QTimer(self)
        self.render_timer.setInterval(max(1, 1000 // fps))
        self.render_timer.timeout.connect(self.refresh)
        self.render_timer.start()

    def frame_rate(self) -> int:
        """How many times a second the pane repaints while the lab runs (a recording's default rate)."""
        return self.fps

    # ---------------------------------------------------------------- for subclasses
    def lab_factory(self):
        raise NotImplementedError

    def clear_views(self) -> None:
        raise NotImplementedError

    def on_lab_event(self, event) -> None:
        raise NotImplementedError

    def render(self) -> None:
        raise NotImplementedError

    def on_lab_finished(self, event) -> None:
        """The lab ended (finished, stopped or errored) and no restart is pending."""

    def settings_state(self) -> dict:
        """The pane's controls as plain data (stored between sessions)."""
        return {}

    def apply_state(self, state: dict) -> None:
        """Set the controls from `settings_state()`'s output."""

    def remember_defaults(self) -> None:
        """Subclasses call this at the end of __init__, before any stored settings are applied."""
        self._default_state = self.settings_state()

    def apply_preset(self, values: dict, play: bool) -> None:
        """A preset's settings for this lab: restarts it with them, as a user's edit does; `play` plays it."""
        self.apply_state(dict(values))
        if play and not self.is_playing:
            self.toggle_play()

    def preset_state(self) -> dict:
        state = self.settings_state()
        state.pop("speed", None)
        return state

    @Slot()
    def restore_defaults(self) -> None:
        if self._default_state is not None:
            self.apply_state(dict(self._default_state))

    # ---------------------------------------------------------------- persistence
    def save_settings(self, settings, key: str) -> None:
        state = dict(self.settings_state(), speed=self.lab_controls.speed.value())
        settings.setValue(key, json.dumps(state))

    def load_settings(self, settings, key: str) -> None:
        """Restore what `save_settings` stored; anything unreadable leaves the defaults."""
        text = settings.value(key)
        if not text:
            return
        try:
            state = json.loads(str(text))
            self.lab_controls.speed.setValue(int(state.pop("speed", self.lab_controls.speed.value())))
            self.apply_state(state)
        except (ValueError, TypeError, KeyError, AttributeError, TensorDeskError):
            return

    # ---------------------------------------------------------------- state
    @property
    def is_playing(self) -> bool:
        if self._pending_start is not None:
            return self._pending_start[0]
        # a finished lab's thread may still be winding down: it is not playing any more
        return self.controller.running and not self.controller.paused and not self.finished_run

    def ensure_started(self) -> None:
        """Show step 0 the first time the pane is seen."""
        if not self._started_once:
            self.start(play=False)

    def restart_on(self, *signals) -> None:
        """A change on any of these signals restarts the lab after a short pause (typing settles first)."""
        for signal in signals:
            signal.connect(self.restart_soon)

    def restart_soon(self, *_) -> None:
        # Not `signal.connect(self.debounce.start)`: the signal's value (a spin box's 2,000, say) would
        # become QTimer.start's interval in milliseconds.
        self.debounce.start()

    @Slot()
    def settings_changed(self) -> None:
        """Restart with the new settings, playing if it was playing."""
        self.debounce.stop()
        if self._started_once:
            self.start(play=self.is_playing)

    def start(self, play: bool, steps: int = 0) -> None:
        """Start a new lab with the current settings; a running one is stopped first. Invalid settings
        leave the running lab alone and say why."""
        if self._shut_down:
            return
        self._started_once = True
        try:
            factory = self.lab_factory()
        except TensorDeskError as exc:
            self.show_error(str(exc))
            return
        if self.controller.running:
            self._pending_start = (play, steps)
            self.controller.stop()
            return
        self.finished_run = False
        self.clear_views()
        self._dirty = True
        self.controller.start(factory, self.lab_controls.steps_per_second(), start_paused=not play)
        for _ in range(steps):
            self.controller.single_step()
        self._update_buttons()

    def show_error(self, text: str) -> None:
        self.message.setText(text)

    @Slot()
    def toggle_play(self) -> None:
        if self._pending_start is not None:      # a restart is on its way: change what it will do
            play, steps = self._pending_start
            self._pending_start = (not play, steps)
        elif self.controller.running and not self.finished_run:
            if self.controller.paused:
                self.controller.resume()
            else:
                self.controller.pause()
        else:
            self.start(play=True)
        self._update_buttons()

    @Slot()
    def single_step(self) -> None:
        if self._pending_start is not None:
            self._pending_start = (False, self._pending_start[1] + 1)
        elif self.controller.running and not self.finished_run:
            self.controller.single_step()
        else:
            self.start(play=False, steps=1)

    @Slot()
    def reset(self) -> None:
        self.start(play=False)

    def shutdown(self) -> bool:
        """Stop for good (the window is closing): no pending or debounced restart may start a new lab."""
        self._shut_down = True
        self._pending_start = None
        self.debounce.stop()
        return self.controller.shutdown(self.shutdown_ms)

    def _update_buttons(self) -> None:
        self.lab_controls.set_playing(self.is_playing)
        self.lab_controls.step_button.setEnabled(not self.is_playing)
        self.update_controls()

    def update_controls(self) -> None:
        """Subclasses: enable their own controls as the lab runs or not."""

    @Slot(object)
    def _on_events(self, events: tuple) -> None:
        for event in events:
            self.on_lab_event(event)
        self._dirty = True

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        # a restart waits for the old lab's thread to have ended, not just for its last event
        if not running and self._pending_start is not None:
            play, steps = self._pending_start
            self._pending_start = None
            QTimer.singleShot(0, functools.partial(self.start, play, steps))
        self._update_buttons()

    @Slot(object)
    def _on_finished(self, event) -> None:
        if self._pending_start is not None:
            return      # replaced by a new lab as soon as the thread has ended
        self.finished_run = event.state == RunState.FINISHED
        self.on_lab_finished(event)
        from tensordesk.engine.missions.facts import LabFact
        self.lab_ended.emit(LabFact(self.lab_key, RunState(event.state).value, int(event.step),
                                    self.settings_state(), dict(event.summary or {})))
        self._dirty = True
        self._update_buttons()

    def mark_dirty(self) -> None:
        """Render again at the next frame (a view that draws its update over several frames)."""
        self._dirty = True

    @Slot()
    def refresh(self) -> None:
        if self._dirty:
            self._dirty = False
            self.render()

    # ---------------------------------------------------------------- building the pane
    def arrange(self, settings_box: QWidget, views: QWidget, caption: str, caption_name: str) -> None:
        """The lab layout: settings, controls, status and message on the left; views over a caption."""
        left = QVBoxLayout()
        for w in (settings_box, self.lab_controls, self.status, self.message):
            left.addWidget(w)
        left.addStretch(1)
        left_w = QWidget()
        left_w.setLayout(left)
        left_w = scroll_column(left_w)   # scrolls on a short screen or at lecture scale
        label = QLabel(caption)
        label.setObjectName(caption_name)
        label.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(views, 1)
        right.addWidget(label)
        right_w = QWidget()
        right_w.setLayout(right)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(left_w)
        split.addWidget(right_w)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)

    @staticmethod
    def stack(top: QWidget, bottom: list, stretch=(3, 2)) -> QSplitter:
        """`top` above the `bottom` widgets (side by side), in splitters the user can drag."""
        row = bottom[0]
        if len(bottom) > 1:
            row = QSplitter(Qt.Horizontal)
            for w in bottom:
                row.addWidget(w)
        views = QSplitter(Qt.Vertical)
        views.addWidget(top)
        views.addWidget(row)
        views.setStretchFactor(0, stretch[0])
        views.setStretchFactor(1, stretch[1])
        return views

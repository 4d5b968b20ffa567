"""Shared controls of the step-by-step labs: play/pause, single step, reset and a speed slider."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QStyle, QVBoxLayout, QWidget

# Slider positions → steps per second; the last one is "as fast as the machine goes" (None).
SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, None)


class LabControls(QWidget):
    """Emits what the user asked for; the lab view decides what it means in its state."""

    play_toggled = Signal()
    step_requested = Signal()
    reset_requested = Signal()
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
        self.speed = QSlider(Qt.Horizontal)
        self.speed.setObjectName("speedSlider")
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(default_speed_index)
        self.speed.setToolTip(self.tr("Animation speed: slow it down to narrate"))
        self.speed_label = QLabel()
        self.speed_label.setMinimumWidth(70)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        for w in (self.play_button, self.step_button, self.reset_button):
            buttons.addWidget(w)
        speed = QHBoxLayout()
        speed.addWidget(QLabel(self.tr("Speed")))
        speed.addWidget(self.speed, 1)
        speed.addWidget(self.speed_label)
        lay.addLayout(buttons)
        lay.addLayout(speed)
        self.play_button.clicked.connect(self.play_toggled)
        self.step_button.clicked.connect(self.step_requested)
        self.reset_button.clicked.connect(self.reset_requested)
        self.speed.valueChanged.connect(self._on_speed)
        self._on_speed(self.speed.value())

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

"""The Train view's progress line: a bar and a sentence (epoch, step, samples/s, ETA), updated on the plots' frame
tick from the newest chunk of steps, not on every chunk."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QWidget

from tensordesk.gui.widgets.live_label import LiveLabel


def fmt_eta(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class RunProgress(QWidget):
    """`bar` and `label` (the texts keep the Train view's translation context)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setObjectName("trainingProgress")
        self.bar.setFormat("%p%")
        self.label = LiveLabel(QCoreApplication.translate("TrainView", "Ready."))
        self.label.setObjectName("progressLabel")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 2)
        row.addWidget(self.label, 3)
        self._latest = None                 # the newest BatchesEnded, drawn on the next frame
        self._plan = (0, 1, 1, 1)           # total steps, steps per epoch, epochs, batch size

    def plan(self, event, batch_size: int) -> None:
        """A run started (TrainingStarted)."""
        self.bar.setMaximum(event.total_steps)
        self._plan = (event.total_steps, event.steps_per_epoch, event.epochs, batch_size)

    def add(self, event) -> None:
        """A chunk of steps (BatchesEnded): kept for the next frame."""
        self._latest = event

    def refresh(self) -> None:
        event, self._latest = self._latest, None
        if event is None:
            return
        # QProgressBar.setValue repaints at once (a paint and a flush of its own); with updates off for the
        # call it is painted with the rest of the frame instead
        self.bar.setUpdatesEnabled(False)
        self.bar.setValue(event.step)
        self.bar.setUpdatesEnabled(True)
        total, per_epoch, epochs, batch_size = self._plan
        remaining = (total - event.step) * batch_size
        eta = remaining / event.samples_per_s if event.samples_per_s > 0 else float("nan")
        text = QCoreApplication.translate("TrainView", "epoch %1/%2 · step %3/%4 · %5 samples/s · ETA %6")
        for k, v in (("%1", event.epoch), ("%2", epochs), ("%3", event.step - (event.epoch - 1) * per_epoch),
                     ("%4", per_epoch), ("%5", f"{event.samples_per_s:,.0f}"),
                     ("%6", fmt_eta(eta) if np.isfinite(eta) else "…")):
            text = text.replace(k, str(v))
        self.label.setText(text)

    def say(self, text: str, value: int | None = None) -> None:
        """A sentence on the line (and the bar at `value`, when given)."""
        if value is not None:
            self.bar.setValue(value)
        self.label.setText(text)

"""What the views fed by a background job share: a progress bar, a summary line, and controls that are
disabled while the job runs (the Evaluate and Landscape tabs)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def stale_note() -> str:
    return QCoreApplication.translate("JobViewMixin", "Of the previous model: compute again for the current one.")


def dim(widget, dimmed: bool) -> None:
    """Fade a plot's contents (a result of an earlier model), or bring them back."""
    if hasattr(widget, "getPlotItem"):
        widget.getPlotItem().setOpacity(0.35 if dimmed else 1.0)


class JobViewMixin:
    """Needs `self.progress` (QProgressBar), `self.summary` (QLabel), `self.cancel_button`, `self.start_button`
    and `self.busy_controls` (widgets that cannot change while the job runs)."""

    busy_controls: tuple = ()

    def set_busy(self, busy: bool, can_start: bool) -> None:
        self.start_button.setEnabled(can_start and not busy)
        self.cancel_button.setEnabled(busy)
        for w in self.busy_controls:
            w.setEnabled(not busy)
        if busy:
            self.progress.setValue(0)

    def set_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def show_message(self, text: str) -> None:
        self.summary.setText(text)

    def shown_widgets(self) -> list:
        """What shows a result (plots), dimmed while it belongs to an earlier model."""
        return []

    def mark_stale(self) -> None:
        """The current model changed: the result on screen is the previous model's. Say so, and dim it, until it
        is computed again (a hint that stays true)."""
        if not self.has_result() or self.summary.property("stale"):
            return
        self.summary.setProperty("stale", True)
        self.summary.setText(stale_note() + " " + self.summary.text())
        for widget in self.shown_widgets():
            dim(widget, True)

    def mark_fresh(self) -> None:
        self.summary.setProperty("stale", False)
        for widget in self.shown_widgets():
            dim(widget, False)

    def has_result(self) -> bool:
        return False

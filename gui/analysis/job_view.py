"""What the views fed by a background job share: a progress bar, a summary line, and controls that are
disabled while the job runs (the Evaluate and Landscape tabs)."""
from __future__ import annotations


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

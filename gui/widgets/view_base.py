"""What the window asks of every view it lists (gui/views.py): each hook does nothing unless the view has
something to do, so a new view implements only what it needs. What views share (the current model, the data set,
what runs) they take from the session they are built with (gui/session.py), never from each other."""
from __future__ import annotations


class ViewBase:
    def on_engine_ready(self) -> None:
        """TensorFlow has loaded (OpenGL may come into the process now: gui/widgets/gl_support.py)."""

    def can_play(self) -> bool:
        """Space and the toolbar's Start would do something on this view now."""
        return False

    def play_pause(self) -> bool:
        """Space: play or pause what the view runs; False when it runs nothing (the window trains instead)."""
        return False

    def load_settings(self, settings, key: str) -> None:
        """Restore the view's controls from QSettings `key`; anything unreadable leaves the defaults."""

    def save_settings(self, settings, key: str) -> None:
        """Keep the view's controls under QSettings `key`."""

    def apply_preset(self, values: dict, play: bool) -> None:
        """A preset's section for this view (the keys `preset_state` gives); `play` starts what the view runs."""

    def preset_state(self) -> dict:
        """The view's controls as a preset's section."""
        return {}

    def lab_panes(self) -> dict:
        """The labs this view runs: {lab key (engine/labs/registry.py): (page, its LabPane)}."""
        return {}

    def show_page(self, page: int) -> None:
        """Show the view's page `page` (a view made of tabs shows that tab)."""
        from PySide6.QtWidgets import QTabWidget
        pages = self if isinstance(self, QTabWidget) else getattr(self, "pages", None)   # or its tabs, `pages`
        if isinstance(pages, QTabWidget) and 0 <= page < pages.count():
            pages.setCurrentIndex(page)

    def frame_rate(self) -> int:
        """How many times a second the view repaints while it runs: a recording's default frame rate."""
        return 10

    def shortcut_notes(self) -> list[tuple[str, str]]:
        """Keys and mouse gestures of the view that no action carries, for the F1 overlay: [(keys, what), …]."""
        return []

    def has_work(self) -> bool:
        """The view holds something a rebuilt window would lose (runs on its plots)."""
        return False

    def close_refusal(self) -> str:
        """A sentence saying what closing the window now would end (a training run), or "" when nothing."""
        return ""

    def set_scale(self, percent: int) -> None:
        """Lecture mode changed the window's scale (100 = normal)."""

    def shutdown(self) -> bool:
        """The window is closing: stop for good; True when every thread ended in time."""
        return True

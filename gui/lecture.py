"""Lecture mode and language, as the View menu offers them: presentation (F11), scale (Ctrl++/Ctrl+-/Ctrl+0),
light/dark theme (Ctrl+Shift+D) and the window's language. Kept between sessions in QSettings."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from tensordesk.gui.i18n import LANGUAGES
from tensordesk.gui.i18n import SETTING as LANGUAGE_SETTING
from tensordesk.gui.presentation import SCALES, Presentation


class LectureMode(QObject):
    scale_changed = Signal(int)     # percent

    def __init__(self, window, settings, make_action):
        super().__init__(window)
        self.window, self.settings = window, settings
        self.presentation = Presentation(QApplication.instance())
        self.presentation_action = make_action(self.tr("Presentation mode"), QKeySequence("F11"), self.toggle)
        self.presentation_action.setCheckable(True)
        self.step_actions = [make_action(text, keys, lambda checked=False, s=step: self.step_scale(s))
                             for text, keys, step in ((self.tr("Larger"), QKeySequence.ZoomIn, 1),
                                                      (self.tr("Smaller"), QKeySequence.ZoomOut, -1),
                                                      (self.tr("Normal size"), QKeySequence("Ctrl+0"), 0))]
        self.scale_actions = {pct: make_action(f"{pct}%", None, lambda checked=False, v=pct: self.set_presentation(
            scale=v)) for pct in SCALES}
        self.theme_actions = {key: make_action(text, None, lambda checked=False, v=key: self.set_presentation(
            theme=v)) for key, text in (("light", self.tr("High-contrast light")),
                                        ("dark", self.tr("High-contrast dark")))}
        self.switch_theme_action = make_action(self.tr("Switch light / dark"), QKeySequence("Ctrl+Shift+D"),
                                               self.switch_theme)
        chosen = str(self.settings.value(LANGUAGE_SETTING, "") or "")
        self.language_actions = {code: make_action(text, None, lambda checked=False, c=code: self.set_language(c))
                                 for code, text in (("", self.tr("System default")), *LANGUAGES.items())}
        for action in (*self.scale_actions.values(), *self.theme_actions.values(), *self.language_actions.values()):
            action.setCheckable(True)
        for code, action in self.language_actions.items():
            action.setChecked(code == chosen)

    def add_to(self, view_menu) -> None:
        view_menu.addAction(self.presentation_action)
        scale_menu = view_menu.addMenu(self.tr("Presentation scale"))
        for action in self.step_actions:
            scale_menu.addAction(action)
        scale_menu.addSeparator()
        for action in self.scale_actions.values():
            scale_menu.addAction(action)
        theme_menu = view_menu.addMenu(self.tr("Theme"))
        for action in self.theme_actions.values():
            theme_menu.addAction(action)
        theme_menu.addSeparator()
        theme_menu.addAction(self.switch_theme_action)
        language_menu = view_menu.addMenu(self.tr("Language"))
        for action in self.language_actions.values():
            language_menu.addAction(action)

    def restore(self) -> None:
        self.set_presentation(scale=int(self.settings.value("view/scale", 100)),
                              theme=str(self.settings.value("view/theme", "light")))

    def set_presentation(self, scale: int | None = None, theme: str | None = None) -> None:
        """Scale (100–250%) and theme (light/dark) for the whole window; kept between sessions."""
        self.presentation.apply(self.window, scale, theme)
        for pct, a in self.scale_actions.items():
            a.setChecked(pct == self.presentation.scale)
        for key, a in self.theme_actions.items():
            a.setChecked(key == self.presentation.theme)
        self.settings.setValue("view/theme", self.presentation.theme)
        self.settings.setValue("view/presentationScale" if self.window.isFullScreen() else "view/scale",
                               self.presentation.scale)
        self.scale_changed.emit(self.presentation.scale)

    def switch_theme(self) -> None:
        self.set_presentation(theme="light" if self.presentation.theme == "dark" else "dark")

    def step_scale(self, step: int) -> None:
        """Ctrl++ / Ctrl+- move one presentation scale up or down; Ctrl+0 goes back to 100%."""
        if step == 0:
            self.set_presentation(scale=SCALES[0])
            return
        i = SCALES.index(self.presentation.scale) if self.presentation.scale in SCALES else 0
        self.set_presentation(scale=SCALES[min(max(i + step, 0), len(SCALES) - 1)])

    def toggle(self) -> None:
        """F11: full screen with large text and thick lines (150% unless a scale was chosen), and back."""
        w = self.window
        if w.isFullScreen():
            w.showNormal()
            w.statusBar().show()
            self.set_presentation(scale=int(self.settings.value("view/normalScale", 100)))
        else:
            self.settings.setValue("view/normalScale", self.presentation.scale)
            w.statusBar().hide()  # clutter off the projector
            w.showFullScreen()
            self.set_presentation(scale=int(self.settings.value("view/presentationScale", 150)))
        self.presentation_action.setChecked(w.isFullScreen())

    def set_language(self, code: str) -> None:
        """View → Language: "" follows the system. The window is rebuilt in the new language at once when
        nothing would be lost, otherwise when the user agrees, or else at the next start."""
        from tensordesk.gui.i18n import chosen_language, current_language
        self.settings.setValue(LANGUAGE_SETTING, code)
        for c, a in self.language_actions.items():
            a.setChecked(c == code)
        if chosen_language(self.settings) == current_language():
            return
        w = self.window
        if w.session.busy:
            QMessageBox.information(w, self.tr("Language"), self.tr("The new language applies from the next "
                                                                    "start (a job is running now)."))
            return
        if w.has_work():
            answer = QMessageBox.question(
                w, self.tr("Language"), self.tr("Switching the language now reopens the window: the runs in "
                                                "the list and an unsaved model are cleared. Switch now? (No: at "
                                                "the next start.)"))
            if answer != QMessageBox.Yes:
                return
        from tensordesk.gui.app import replace_window
        QTimer.singleShot(0, lambda: replace_window(w))

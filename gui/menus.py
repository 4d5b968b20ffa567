"""The window's menu bar: File, Train, Draw, View (one entry per registered view, then lecture mode and
language), Presets and Help. Every action also lives on the window, so its shortcut works on any view and the
F1 overlay lists it."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QKeySequence

from tensordesk.gui.presentation import glyph_icon
from tensordesk.gui.views import PLAYS_BY_DEFAULT, VIEWS


class MenuBar(QObject):
    """Fills `window`'s menu bar from its parts (window.files, .lecture, .presets, the session's jobs and the views) and keeps
    the actions whose state follows the window's (`start_pause`, `stop`, `reset`, `evaluate`, `landscape`)."""

    def __init__(self, window):
        super().__init__(window)
        act, mb = window.add_action, window.menuBar()
        train, draw, jobs = window.view("train"), window.view("draw"), window.session.jobs
        self.start_pause = act(self.tr("Start / pause"), QKeySequence(Qt.Key_Space), window.start_or_pause)
        self.stop = act(self.tr("Stop"), QKeySequence(Qt.Key_Escape), train.stop_training)
        self.reset = act(self.tr("Reset settings"), QKeySequence("Ctrl+R"), train.reset_settings)
        self.evaluate = act(self.tr("Evaluate on the test set"), QKeySequence("Ctrl+E"), jobs.evaluate)
        self.landscape = act(self.tr("Compute the loss landscape"), QKeySequence("Ctrl+L"),
                             window.view("landscape").compute)

        file_menu = mb.addMenu(self.tr("&File"))
        window.files.add_to(file_menu)
        file_menu.addSeparator()
        missions = window.missions.panel
        file_menu.addAction(act(self.tr("Open mission…"), None, missions.open_dialog))
        playground = window.view("playground")
        file_menu.addAction(act(self.tr("Open playground experiment…"), None,
                                lambda: (window.show_view("playground"), playground.open_dialog())))
        file_menu.addAction(act(self.tr("Paste playground code…"), None,
                                lambda: (window.show_view("playground"), playground.paste_dialog())))
        file_menu.addSeparator()
        file_menu.addAction(act(self.tr("&Quit"), QKeySequence.Quit, window.quit_requested))

        train_menu = mb.addMenu(self.tr("&Train"))
        for a in (self.start_pause, self.stop, self.reset, self.evaluate, self.landscape):
            train_menu.addAction(a)

        draw_menu = mb.addMenu(self.tr("&Draw"))
        self.canvas_actions = []    # they act on the canvas: only while Draw is on screen (Delete and Ctrl+Z
        #                             belong to History's and My digits' lists when those are on screen)
        for text, keys, slot, on_canvas in (
                (self.tr("Clear canvas"), QKeySequence(Qt.Key_Delete), draw.clear_canvas, True),
                (self.tr("Undo stroke"), QKeySequence.Undo, draw.undo_stroke, True),
                (self.tr("Random test digit"), QKeySequence("Ctrl+T"), self.random_test_digit, False),
                (self.tr("Eraser"), QKeySequence("E"), draw.toggle_eraser, True),
                (self.tr("Inside the network"), QKeySequence("Ctrl+I"), self.show_insight, False)):
            action = act(text, keys, slot)
            draw_menu.addAction(action)
            if on_canvas:
                self.canvas_actions.append(action)
        window.tabs.currentChanged.connect(self._on_view_changed)
        train.can_play_changed.connect(self._on_view_changed)

        view_menu = mb.addMenu(self.tr("&View"))
        for view in VIEWS:
            view_menu.addAction(act(QCoreApplication.translate("views", view.menu_text), QKeySequence(view.shortcut),
                                    lambda checked=False, key=view.key: window.show_view(key)))
        view_menu.addSeparator()
        self.missions = window.missions.toggleViewAction()     # the Missions dock: shown or hidden
        self.missions.setText(self.tr("Missions"))
        self.missions.setShortcut(QKeySequence(Qt.Key_F9))
        self.missions.setShortcutContext(Qt.WindowShortcut)
        window.addAction(self.missions)
        view_menu.addAction(self.missions)
        view_menu.addSeparator()
        window.recording.add_to(view_menu)
        view_menu.addSeparator()
        window.lecture.add_to(view_menu)

        window.presets.add_to(mb.addMenu(self.tr("&Presets")))

        self.toolbar = window.addToolBar(self.tr("Main toolbar"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        # drawn in the theme's text colour, redrawn when the theme changes (gui/presentation.py)
        for action, glyph in ((self.start_pause, "play"), (self.stop, "stop")):
            action.setProperty("glyph", glyph)
            action.setIcon(glyph_icon(glyph))
        for a in (self.start_pause, self.stop, None, self.evaluate, self.landscape, None, window.recording.action,
                  None, self.missions):
            self.toolbar.addSeparator() if a is None else self.toolbar.addAction(a)

        help_menu = mb.addMenu(self.tr("&Help"))
        help_menu.addAction(act(self.tr("Keyboard shortcuts"), QKeySequence(Qt.Key_F1), window.show_shortcuts))
        help_menu.addAction(act(self.tr("About TensorDesk"), None, window.show_about))
        self._window, self._draw = window, draw
        self._on_view_changed()
        window.session.training_changed.connect(self.update_actions)
        window.session.engine_ready.connect(self.update_actions)
        jobs.state_changed.connect(self.update_actions)
        self.update_actions()

    @Slot()
    def update_actions(self, *_) -> None:
        """The actions follow what runs: Stop while training; Reset, Evaluate and the landscape when they can act."""
        self._on_view_changed()
        session = self._window.session
        running = session.training
        self.reset.setEnabled(not running)
        self.stop.setEnabled(running)
        self.evaluate.setEnabled(session.jobs.can_evaluate)
        self.landscape.setEnabled(session.jobs.can_compute_landscape)
        self._window.files.set_state(session.engine_is_ready and not running)

    @Slot()
    def _on_view_changed(self, *_) -> None:
        current = self._window.tabs.currentWidget()
        on_draw = current is self._draw
        for action in self.canvas_actions:
            action.setEnabled(on_draw)
        # Start/pause acts on the view on screen, else on training: disabled when neither would do anything
        self.start_pause.setEnabled(current.can_play() or self._window.view(PLAYS_BY_DEFAULT).can_play())

    @Slot()
    def random_test_digit(self) -> None:
        """Ctrl+T: a real test image on Draw's canvas."""
        self._window.show_view("draw")
        self._draw.random_test_digit()

    @Slot()
    def show_insight(self) -> None:
        """Ctrl+I: Draw's "Inside the network" page (again: back to the probabilities)."""
        on_screen = self._window.tabs.currentWidget() is self._draw
        self._window.show_view("draw")
        self._draw.toggle_insight(on_screen)

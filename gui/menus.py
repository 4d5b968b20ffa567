"""The window's menu bar: File, Train, Draw, View (one entry per registered view, then lecture mode and
language), Presets and Help. Every action also lives on the window, so its shortcut works on any view and the
F1 overlay lists it."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QStyle

from tensordesk.gui.views import VIEWS


class MenuBar(QObject):
    """Fills `window`'s menu bar from its parts (window.files, .lecture, .presets, .jobs and the views) and keeps
    the actions whose state follows the window's (`start_pause`, `stop`, `reset`, `evaluate`, `landscape`)."""

    def __init__(self, window):
        super().__init__(window)
        act, mb = window.add_action, window.menuBar()
        train, draw = window.view("train"), window.view("draw")
        self.start_pause = act(self.tr("Start / pause"), QKeySequence(Qt.Key_Space), window.start_or_pause)
        self.stop = act(self.tr("Stop"), QKeySequence(Qt.Key_Escape), train.stop_training)
        self.reset = act(self.tr("Reset settings"), QKeySequence("Ctrl+R"), train.reset_settings)
        self.evaluate = act(self.tr("Evaluate on the test set"), QKeySequence("Ctrl+E"), window.jobs.evaluate)
        self.landscape = act(self.tr("Compute the loss landscape"), QKeySequence("Ctrl+L"),
                             window.jobs.compute_landscape)

        file_menu = mb.addMenu(self.tr("&File"))
        window.files.add_to(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(act(self.tr("&Quit"), QKeySequence.Quit, window.close))

        train_menu = mb.addMenu(self.tr("&Train"))
        for a in (self.start_pause, self.stop, self.reset, self.evaluate, self.landscape):
            train_menu.addAction(a)

        draw_menu = mb.addMenu(self.tr("&Draw"))
        for text, keys, slot in ((self.tr("Clear canvas"), QKeySequence(Qt.Key_Delete), draw.canvas.clear),
                                 (self.tr("Undo stroke"), QKeySequence.Undo, draw.canvas.undo),
                                 (self.tr("Random test digit"), QKeySequence("Ctrl+T"), window.random_test_digit),
                                 (self.tr("Eraser"), QKeySequence("E"), draw.eraser_button.toggle),
                                 (self.tr("Inside the network"), QKeySequence("Ctrl+I"), window.show_insight)):
            draw_menu.addAction(act(text, keys, slot))

        view_menu = mb.addMenu(self.tr("&View"))
        for view in VIEWS:
            view_menu.addAction(act(QCoreApplication.translate("views", view.menu_text), QKeySequence(view.shortcut),
                                    lambda checked=False, key=view.key: window.show_view(key)))
        view_menu.addSeparator()
        window.recording.add_to(view_menu)
        view_menu.addSeparator()
        window.lecture.add_to(view_menu)

        window.presets.add_to(mb.addMenu(self.tr("&Presets")))

        self.toolbar = window.addToolBar(self.tr("Main toolbar"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        style = window.style()
        self.start_pause.setIcon(style.standardIcon(QStyle.SP_MediaPlay))
        self.stop.setIcon(style.standardIcon(QStyle.SP_MediaStop))
        for a in (self.start_pause, self.stop, None, self.evaluate, self.landscape, None, window.recording.action):
            self.toolbar.addSeparator() if a is None else self.toolbar.addAction(a)

        help_menu = mb.addMenu(self.tr("&Help"))
        help_menu.addAction(act(self.tr("Keyboard shortcuts"), QKeySequence(Qt.Key_F1), window.show_shortcuts))
        help_menu.addAction(act(self.tr("About TensorDesk"), None, window.show_about))

"""The Missions panel's dock on the window's right (View → Missions, F9)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from tensordesk.gui.missions.panel import MissionsPanel


class MissionsDock(QDockWidget):
    """The panel in a dock on the window's right; View → Missions (F9) shows and hides it. Where the views and the
    panel side by side would be wider than the screen (a 1280-pixel projector in lecture mode), the panel floats
    over the window's right edge instead of pushing the window off the screen; it can be docked or undocked by hand
    like any dock."""

    def __init__(self, window, settings):
        super().__init__(QCoreApplication.translate("MissionsPanel", "Missions"), window)
        self.setObjectName("missionsDock")
        self.setAllowedAreas(Qt.LeftDockWidgetArea | Qt.RightDockWidgetArea)
        self.window_ = window
        self.panel = MissionsPanel(window, settings)
        self.setWidget(self.panel)
        self.visibilityChanged.connect(self._fit_screen)

    def _fit_screen(self, visible: bool) -> None:
        if not visible or self.isFloating():
            return
        screen = self.window_.screen()
        if screen is None:
            return
        room = screen.availableGeometry()
        if self.window_.minimumSizeHint().width() <= room.width():
            return
        width = max(self.panel.minimumSizeHint().width(), room.width() // 4)
        self.setFloating(True)
        # docked for a moment, it pushed the window wider than the screen: back within it, once laid out again
        QTimer.singleShot(0, lambda: self.window_.resize(min(self.window_.width(), room.width()),
                                                         self.window_.height()))
        frame = self.window_.frameGeometry()
        right = min(frame.right(), room.right())
        self.setGeometry(right - width, max(frame.top(), room.top()) + 80, width,
                         min(frame.height(), room.height()) - 120)

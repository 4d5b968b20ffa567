"""The class's server (engine/classroom/server.py) calls its listener on its own thread; `ClassBridge` turns each
plain event into the Qt signal its owner declared, which Qt queues to the window's thread."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from tensordesk.engine.classroom.server import DigitReceived, VotesChanged


class ClassBridge(QObject):
    digit_received = Signal(object)       # engine ClassDigit, kept in the class folder and answered
    votes_changed = Signal(object)        # engine VotesChanged: the open poll's counts

    def __call__(self, event) -> None:
        if isinstance(event, DigitReceived):
            self.digit_received.emit(event.digit)
        elif isinstance(event, VotesChanged):
            self.votes_changed.emit(event)

"""A push button as the views make them: an object name (tests and style sheets find it), its text, a tooltip
saying what it does, and what a click calls."""
from __future__ import annotations

from PySide6.QtWidgets import QPushButton


def push_button(name: str, text: str, tip: str, slot=None) -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(name)
    b.setToolTip(tip)
    if slot is not None:
        b.clicked.connect(slot)
    return b

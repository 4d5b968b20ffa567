"""Texts that mix the program's words with data: hardware names, file paths, version numbers.

The words come from a translated template; the data fill its %1, %2, … and stay as they are in every
language. The label remembers which parts were data, so the translation checks judge only the template.
"""
from __future__ import annotations

from PySide6.QtWidgets import QLabel

DATA_PROPERTY = "tensordeskData"


def set_text_with_data(label: QLabel, template: str, *data: str) -> None:
    """Show `template` (already translated) with %1…%n replaced by `data`, and mark those parts as data."""
    text = template
    for i in range(len(data), 0, -1):  # %10 before %1
        text = text.replace(f"%{i}", data[i - 1])
    label.setText(text)
    label.setProperty(DATA_PROPERTY, list(data))


def mark_data(widget, parts) -> None:
    """Say which texts shown by `widget` (a combo box's layer names, say) are data, not the program's words."""
    widget.setProperty(DATA_PROPERTY, [str(p) for p in parts])


def data_parts(label: QLabel) -> list[str]:
    """The parts of `label`'s text that are data, not the program's words ([] for plain labels)."""
    return list(label.property(DATA_PROPERTY) or [])

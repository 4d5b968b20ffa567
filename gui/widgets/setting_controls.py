"""A window control for a declared setting (engine/core/settings.py): its range, steps and default come from the
declaration, so the window offers exactly what validation, the command line and preset files accept."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QSpinBox

from tensordesk.engine.core.settings import declared


def setting_spin(cls, name: str, object_name: str, decimals: int = 3, step: float | None = None,
                 within: tuple | None = None):
    """A QSpinBox (whole numbers) or QDoubleSpinBox for field `name` of settings class `cls`, at its default.
    `within` (low, high): the part of the declared range the window offers (it must lie inside it)."""
    s = declared(cls)[name]
    if s.kind is int:
        spin = QSpinBox()
        spin.setGroupSeparatorShown(True)
        spin.setRange(int(s.low if s.low is not None else -2**31 + 1), int(s.high if s.high is not None else 2**31 - 1))
    else:
        spin = QDoubleSpinBox()
        spin.setDecimals(decimals)
        low = s.low if s.low is not None else (10.0 ** -decimals if s.positive else -1e9)
        spin.setRange(low, s.high if s.high is not None else 1e9)
    if within is not None:
        low, high = within
        if s.problem(name, low) is not None or s.problem(name, high) is not None:
            raise ValueError(f"{within} is not inside {name}'s declared range ({s.range_text()}).")
        spin.setRange(low, high)
    if step is not None:
        spin.setSingleStep(step)
    spin.setObjectName(object_name)
    spin.setValue(s.default)
    return spin


def setting_combo(cls, name: str, object_name: str, titles: dict | None = None) -> QComboBox:
    """A QComboBox of the field's choices (each shown as `titles[choice]`, else as itself), at its default."""
    s = declared(cls)[name]
    combo = QComboBox()
    combo.setObjectName(object_name)
    for choice in s.choices:
        combo.addItem((titles or {}).get(choice, str(choice)), choice)
    combo.setCurrentIndex(combo.findData(s.default))
    return combo

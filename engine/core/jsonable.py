"""NumPy values as JSON: the one `default=` every JSON file and printout of TensorDesk uses."""
from __future__ import annotations

import enum
import json
import math
import os
from typing import Any

import numpy as np


def plain(obj: Any) -> Any:
    """`json.dumps(..., default=plain)`: numpy scalars and arrays as Python numbers and lists, paths as text, enums
    as their values; anything else as its text (a record must never fail to write over one odd value)."""
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, os.PathLike):
        return os.fspath(obj)
    return str(obj)


def dumps(doc: Any, **kwargs) -> str:
    """`json.dumps` with numpy values allowed (`plain`); NaN and infinities kept as JavaScript's literals."""
    return json.dumps(doc, default=plain, allow_nan=True, **kwargs)


def finite_or_none(value: float, digits: int | None = None) -> float | None:
    """A float for strict JSON readers: None for NaN and infinities, optionally rounded."""
    value = float(value)
    if not math.isfinite(value):
        return None
    return round(value, digits) if digits is not None else value

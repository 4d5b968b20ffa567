"""The command line's argument types (each refuses a bad value with a sentence argparse turns into exit 2) and
its JSON output."""
from __future__ import annotations

import argparse
import math
from pathlib import Path

from tensordesk.engine.core import jsonable
from tensordesk.engine.core.errors import DataError
from tensordesk.engine.data.datasets import SOURCES, parse_source, source_names


def _number(text: str, convert, allowed, why: str):
    """`text` as a number of type `convert`, refused with "'text' is not …" or with `why` where `allowed` says no
    (`why` may name the value as {value} or the text as {text})."""
    try:
        value = convert(text)
    except ValueError:
        kind = "a whole number" if convert is int else "a number"
        raise argparse.ArgumentTypeError(f"'{text}' is not {kind}") from None
    if not (math.isfinite(value) and allowed(value)):
        raise argparse.ArgumentTypeError(why.format(value=value, text=text))
    return value


def positive_int(text: str) -> int:
    return _number(text, int, lambda v: v >= 1, "must be at least 1 (got {value})")


def positive_float(text: str) -> float:
    return _number(text, float, lambda v: v > 0, "must be a positive number (got {text})")


def fraction(text: str) -> float:
    return _number(text, float, lambda v: 0 <= v < 1, "must be in [0, 1) (got {text})")


def non_negative_float(text: str) -> float:
    return _number(text, float, lambda v: v >= 0, "must be zero or positive (got {text})")


def fraction_or_zero(text: str) -> float:
    return _number(text, float, lambda v: 0 <= v <= 1, "'{text}' must be between 0 and 1")


def point(text: str) -> tuple:
    parts = text.replace(" ", "").split(",")
    try:
        a, b = (float(v) for v in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a point; write it as A,B (e.g. 2,4.5)") from None
    if not (math.isfinite(a) and math.isfinite(b)):
        raise argparse.ArgumentTypeError(f"'{text}' must be two finite numbers")
    return (a, b)


def data_source(text: str) -> str:
    try:
        parse_source(text)
    except DataError:
        if ":" in text and text.partition(":")[0] in SOURCES:
            raise argparse.ArgumentTypeError(f"'{text}' needs a path after the colon") from None
        raise argparse.ArgumentTypeError(f"'{text}' is not a data set; use {', '.join(source_names())}") from None
    return text


def write_json(data: dict, path) -> None:
    text = jsonable.dumps(data)
    if path:
        Path(path).write_text(text + "\n", encoding="utf-8")
    print(text)

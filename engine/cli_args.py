"""The command line's argument types (each refuses a bad value with a sentence argparse turns into exit 2) and
its JSON output."""
from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from tensordesk.engine.datasets import SOURCES, parse_source, source_names
from tensordesk.engine.errors import DataError


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {value})")
    return value


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number (got {text})")
    return value


def fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"must be in [0, 1) (got {text})")
    return value


def non_negative_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"must be zero or positive (got {text})")
    return value


def fraction_or_zero(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"'{text}' must be between 0 and 1")
    return value


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
    text = json.dumps(data)
    if path:
        Path(path).write_text(text + "\n", encoding="utf-8")
    print(text)

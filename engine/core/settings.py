"""Settings declared once. A settings class is a frozen dataclass whose fields are made with `setting(...)`: each
field's type, default, bounds, choices, help and command-line name are written there, and validation, the command
line's options and help, the window's controls (ranges, choices, tooltips) and preset files all read them.

    @dataclass(frozen=True)
    class FitSettings:
        hidden: int = setting(10, low=1, high=1000, help="hidden units", cli="--hidden")
        learning_rate: float = setting(0.1, positive=True, high=100, help="SGD learning rate", cli="--lr")

`check(obj)` validates every declared field with the same sentences everywhere; a class adds its cross-field rules
after it. `add_options(parser, cls)` and `from_options(cls, args)` are the command line's side."""
from __future__ import annotations

import argparse
import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from tensordesk.engine.core.errors import ConfigError

_KEY = "tensordesk.setting"


@dataclass(frozen=True)
class Setting:
    """One field's declaration. Numbers are checked against `low`/`high` (inclusive); `positive` means > 0."""

    kind: type                       # int, float, str or bool
    default: Any
    low: float | None = None
    high: float | None = None
    positive: bool = False
    choices: tuple = ()
    help: str = ""
    cli: str | None = None           # the command line's option ("--lr"); None: not on the command line
    label: str = ""                  # how sentences name it ("the learning rate"); default: the field's name

    def named(self, name: str) -> str:
        return self.label or name.replace("_", " ")

    def range_text(self) -> str:
        """The bounds as the help and the sentences say them: "1–1,000", "> 0", "0–5,000"."""
        if self.choices:
            return ", ".join(map(str, self.choices))
        fmt = (lambda v: f"{int(v):,}") if self.kind is int else (lambda v: f"{v:,g}")
        if self.low is not None and self.high is not None and not (self.positive and self.low <= 0):
            return f"{fmt(self.low)}–{fmt(self.high)}"
        if self.positive and self.high is not None:
            return f"> 0, at most {fmt(self.high)}"
        if self.positive:
            return "> 0"
        if self.low is not None:
            return f"≥ {fmt(self.low)}"
        if self.high is not None:
            return f"≤ {fmt(self.high)}"
        return ""

    def problem(self, name: str, value: Any) -> str | None:
        """A sentence saying what is wrong with `value`, or None when it is fine."""
        what, got = self.named(name), repr(value) if isinstance(value, str) else str(value)
        if self.choices:
            return None if value in self.choices else \
                f"{what} must be one of {', '.join(map(str, self.choices))} (got {got})."
        if self.kind is bool:
            return None if isinstance(value, bool) else f"{what} must be true or false (got {got})."
        if self.kind is str:
            return None if isinstance(value, str) else f"{what} must be text (got {got})."
        whole = self.kind is int
        number = not isinstance(value, bool) and (isinstance(value, int) if whole else
                                                  isinstance(value, (int, float)) and math.isfinite(value))
        if number and (not self.positive or value > 0) and (self.low is None or value >= self.low) \
                and (self.high is None or value <= self.high):
            return None
        kind = "whole number" if whole else "positive number" if self.positive else "number"
        return f"{what} must be a {kind}{self._bounds_words()} (got {got})."

    def _bounds_words(self) -> str:
        fmt = (lambda v: f"{int(v):,}") if self.kind is int else (lambda v: f"{v:,g}")
        if self.positive and (self.low is None or self.low <= 0):
            return f", more than 0 and at most {fmt(self.high)}" if self.high is not None else ", more than 0"
        if self.low is not None and self.high is not None:
            return f" from {fmt(self.low)} to {fmt(self.high)}"
        if self.high is not None:
            return f" of at most {fmt(self.high)}"
        if self.low is not None:
            return f" of at least {fmt(self.low)}"
        return ""


def setting(default: Any, *, kind: type | None = None, low: float | None = None, high: float | None = None,
            positive: bool = False, choices: tuple = (), help: str = "", cli: str | None = None,
            label: str = "") -> Any:
    """A dataclass field declared as a setting (see the module's docstring)."""
    declared = Setting(kind or type(default), default, low, high, positive, tuple(choices), help, cli, label)
    return dataclasses.field(default=default, metadata={_KEY: declared})


def declared(cls_or_obj) -> dict[str, Setting]:
    """The declared settings of a settings class (or instance), by field name, in declaration order."""
    return {f.name: f.metadata[_KEY] for f in dataclasses.fields(cls_or_obj) if _KEY in f.metadata}


def check(obj) -> None:
    """Raise ConfigError with a sentence for the first declared field whose value is wrong."""
    for name, s in declared(obj).items():
        why = s.problem(name, getattr(obj, name))
        if why is not None:
            raise ConfigError(why)


def problem(cls, name: str, value: Any) -> str | None:
    """What is wrong with `value` for field `name` of `cls` (a window's control asks before it applies a value)."""
    return declared(cls)[name].problem(name, value)


# ------------------------------------------------------------------ the command line

def _arg_type(name: str, s: Setting):
    def convert(text: str):
        try:
            value = s.kind(text) if s.kind is not int else int(text, 10)
        except ValueError:
            what = "a whole number" if s.kind is int else "a number"
            raise argparse.ArgumentTypeError(f"'{text}' is not {what}: {s.problem(name, text)}".rstrip(".")) \
                from None
        why = s.problem(name, value)
        if why is not None:
            raise argparse.ArgumentTypeError(why.rstrip("."))
        return value
    convert.__name__ = s.kind.__name__   # argparse names the type in its own messages
    return convert


_UNSET = object()


def add_option(parser: argparse.ArgumentParser, cls, name: str, flag: str | None = None, default: Any = _UNSET,
               default_text: str | None = None, dest: str | None = None, required: bool = False) -> None:
    """The command line's option for declared field `name` of `cls`: its type, bounds and choices checked as the
    declaration says, its help from it. `default` overrides the declared one (None: "not given", with
    `default_text` saying what then applies)."""
    s = declared(cls)[name]
    flag = flag or s.cli or "--" + name.replace("_", "-")
    value = s.default if default is _UNSET else default
    shown = default_text or (f"{value:g}" if isinstance(value, float) else str(value))
    rng = s.range_text()
    text = f"{s.help} ({rng + '; ' if rng and not s.choices else ''}default {shown})".lstrip()
    if required:
        text = f"{s.help} ({rng})" if rng and not s.choices else s.help
    dest = dest or name
    if s.kind is bool:
        parser.add_argument(flag, dest=dest, action=argparse.BooleanOptionalAction, default=value, help=text)
    elif s.choices:
        parser.add_argument(flag, dest=dest, choices=s.choices, default=value, help=text)
    else:
        parser.add_argument(flag, dest=dest, type=_arg_type(name, s), default=value, help=text,
                            metavar="N" if s.kind is int else "X", required=required)


def add_options(parser: argparse.ArgumentParser, cls) -> None:
    """One option per declared setting with a `cli` name: type, choices, bounds and default in its help."""
    for name, s in declared(cls).items():
        if s.cli is not None:
            add_option(parser, cls, name)


def from_options(cls, args: argparse.Namespace, **extra):
    """The settings the command line's options give (the others at their defaults), validated."""
    values = {name: getattr(args, name) for name, s in declared(cls).items() if s.cli is not None}
    obj = cls(**{**values, **extra})
    return obj.validate() if hasattr(obj, "validate") else obj


# ------------------------------------------------------------------ the learning rate, one rule everywhere
LEARNING_RATE = Setting(float, 1e-3, positive=True, label="the learning rate", help="the optimizer's learning rate")


def check_learning_rate(value: Any) -> float:
    """The learning rate as a float, or ConfigError: a positive finite number — too high is a lesson (it diverges),
    not an error (training, a run's learning rate changed mid-run, one step of the maths, each descent-lab run)."""
    why = LEARNING_RATE.problem("learning_rate", value)
    if why is not None:
        raise ConfigError(why)
    return float(value)


def parse_learning_rate(text: str) -> float | None:
    """What a typed learning rate means ("1e-3" and "0,01" welcome), or None when it is not a valid one."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if LEARNING_RATE.problem("learning_rate", value) is None else None

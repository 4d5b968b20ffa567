"""Settings declared once (engine/core/settings.py): every lab's and the trainer's settings validate through their
declarations, the command line's options come from them, and the learning rate has one rule."""
import argparse
import dataclasses
import re

import pytest

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.core.recording import RecordSettings
from tensordesk.engine.core.settings import (
    LEARNING_RATE,
    add_options,
    check_learning_rate,
    declared,
    parse_learning_rate,
)
from tensordesk.engine.labs.registry import LABS
from tensordesk.engine.training.config import SCHEDULES, TrainConfig

CLASSES = [lab.settings_class() for lab in LABS.values()] + [TrainConfig, RecordSettings]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_defaults_are_valid_and_every_bound_is_enforced(cls):
    defaults = cls()
    defaults.validate()
    for name, s in declared(cls).items():
        assert s.problem(name, getattr(defaults, name)) is None, name
        bad = []
        if s.choices:
            bad.append("not-a-choice")
        elif s.kind in (int, float):
            if s.high is not None:
                bad.append(s.high + 1)
            if s.low is not None:
                bad.append(s.low - 1)
            elif s.positive:
                bad.append(0)
            bad.append("text")
        elif s.kind is bool:
            bad.append("yes")
        for value in bad:
            with pytest.raises(ConfigError, match=re.escape(s.named(name))):
                dataclasses.replace(defaults, **{name: value}).validate()


def test_the_learning_rate_has_one_rule_and_one_sentence():
    assert check_learning_rate(0.5) == 0.5
    assert check_learning_rate(1e6) == 1e6           # too high is a lesson (it diverges), not an error
    for bad in (0, -1, float("nan"), float("inf"), "0.1", True):
        with pytest.raises(ConfigError, match="the learning rate must be a positive number, more than 0"):
            check_learning_rate(bad)
    assert parse_learning_rate(" 1e-3 ") == 0.001 and parse_learning_rate("0,01") == 0.01
    assert parse_learning_rate("abc") is None and parse_learning_rate("0") is None and parse_learning_rate("-2") is None
    assert LEARNING_RATE.high == declared(TrainConfig)["learning_rate"].high is None
    with pytest.raises(ConfigError, match="learning rate"):
        TrainConfig(learning_rate=-1).validate()


def test_the_schedules_come_from_one_list():
    assert declared(TrainConfig)["lr_schedule"].choices == SCHEDULES


def test_command_line_options_carry_the_declared_type_bounds_and_default():
    cls = LABS["bn"].settings_class()
    parser = argparse.ArgumentParser(exit_on_error=False)
    add_options(parser, cls)
    args = parser.parse_args(["--layers", "3", "--lr", "0.01", "--activation", "relu"])
    assert (args.layers, args.learning_rate, args.activation, args.units) == (3, 0.01, "relu", cls().units)
    for bad in (["--layers", "21"], ["--layers", "2.5"], ["--lr", "0"], ["--activation", "elu"]):
        with pytest.raises((argparse.ArgumentError, SystemExit)):
            parser.parse_args(bad)
    assert "(1–20; default 7)" in " ".join(parser.format_help().split())


def test_the_parallel_labs_worker_count_is_the_same_everywhere():
    workers = declared(LABS["parallel"].settings_class())["workers"]
    assert (workers.low, workers.high) == (2, 4)

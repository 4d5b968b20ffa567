"""Repeat ×N, one implementation for the command line and the window: seeds in order, one group, the mean and
standard deviation of the test accuracy, and an end after a stopped or failed run."""
import numpy as np
import pytest

from tensordesk.engine.runs.repeat import Repeat
from tensordesk.engine.runs.store import accuracy_summary


def test_seeds_in_order_then_none_and_the_summary_is_numpys_mean_and_std():
    r = Repeat(3, first_seed=5)
    assert r.repeating and len(r.group) == 8
    seeds, accs = [], [0.91, 0.93, 0.96]
    while (seed := r.next_seed()) is not None:
        seeds.append(seed)
        more = r.finished("finished", accs[len(seeds) - 1])
        assert more == (len(seeds) < 3)
    assert seeds == [5, 6, 7]
    mean, std = r.summary()
    assert mean == pytest.approx(float(np.mean(accs))) and std == pytest.approx(float(np.std(accs)))


def test_a_stopped_or_failed_run_ends_the_repeat_and_missing_accuracies_are_left_out():
    r = Repeat(4)
    assert r.next_seed() == 0 and r.finished("diverged", None)          # diverged: the next seed may not
    assert r.next_seed() == 1 and r.finished("finished", 0.5)
    assert r.next_seed() == 2 and not r.finished("stopped", 0.7)
    assert r.next_seed() is None
    assert r.summary() == (pytest.approx(0.6), pytest.approx(0.1))
    assert accuracy_summary([None, float("nan")]) is None


def test_one_run_is_no_group_and_zero_times_is_refused():
    assert Repeat(1).group == "" and not Repeat(1).repeating
    with pytest.raises(ValueError):
        Repeat(0)

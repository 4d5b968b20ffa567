"""Is it really better? Welch's interval, effect size and seeds needed, checked by simulation and on a runs
folder through the command line."""
from __future__ import annotations

import json

import numpy as np
import pytest

from tensordesk.engine.runs.compare import CompareError, compare_accuracies, group_runs, seeds_needed


def test_interval_covers_the_true_difference_about_95_percent_of_the_time():
    rng = np.random.default_rng(20261202)
    true_a, true_b = 0.912, 0.905
    covered = 0
    for _ in range(1000):   # unequal spreads and sizes: what Welch is for
        a = rng.normal(true_a, 0.004, size=5)
        b = rng.normal(true_b, 0.012, size=8)
        v = compare_accuracies(a, b)
        covered += v.ci_low <= true_a - true_b <= v.ci_high
    assert 930 <= covered <= 970, covered


def test_verdict_figures_match_a_hand_computation():
    a = [0.90, 0.92, 0.91, 0.93]
    b = [0.85, 0.86, 0.84, 0.87, 0.86]
    v = compare_accuracies(a, b)
    assert v.difference == pytest.approx(np.mean(a) - np.mean(b))
    va, vb = np.var(a, ddof=1) / 4, np.var(b, ddof=1) / 5
    df = (va + vb) ** 2 / (va ** 2 / 3 + vb ** 2 / 4)
    from scipy import stats
    half = stats.t.ppf(0.975, df) * np.sqrt(va + vb)
    assert v.ci_low == pytest.approx(v.difference - half)
    assert v.ci_high == pytest.approx(v.difference + half)
    assert v.p_value == pytest.approx(stats.ttest_ind(a, b, equal_var=False).pvalue)
    assert v.better == "A" and v.decided
    assert v.effect_size > 2     # a big gap against a spread of about a point
    assert "A is better" in v.sentence()


def test_close_groups_are_not_decided_and_ask_for_more_seeds():
    v = compare_accuracies([0.90, 0.92, 0.91], [0.905, 0.915, 0.90])
    assert not v.decided and v.better == ""
    assert v.ci_low < 0 < v.ci_high
    assert v.seeds_needed is not None and v.seeds_needed > 3
    assert "Cannot tell them apart" in v.sentence()


def test_seeds_needed_follows_the_textbook_table():
    # two-sided, alpha 0.05, power 0.8: d = 0.5 needs 64 a group, d = 0.8 needs 26, d = 1.0 needs 17
    assert seeds_needed(0.5) == 64
    assert seeds_needed(0.8) == 26
    assert seeds_needed(-1.0) == 17
    assert seeds_needed(0.0) is None
    assert seeds_needed(0.001) > 10_000


def test_one_run_a_side_is_a_clear_error():
    with pytest.raises(CompareError, match="at least two"):
        compare_accuracies([0.9], [0.8, 0.85])
    with pytest.raises(CompareError, match="at least two"):
        compare_accuracies([0.9, None, float("nan")], [0.8, 0.85])


def _fake_runs(folder, label, group, accuracies, created):
    for i, acc in enumerate(accuracies):
        run = folder / f"{label}-{group}-{i}"
        run.mkdir(parents=True)
        (run / "run.json").write_text(json.dumps({
            "format": "tensordesk-run", "format_version": 1, "id": run.name, "state": "finished", "label": label, "created": f"{created}-{i}", "arch": "mlp",
            "dataset": "mnist_embedded", "steps": 10, "epochs": 1, "test_accuracy": acc, "group": group,
            "seed": i, "spec": {}, "config": {}}))


def test_runs_compare_by_label_and_by_id(tmp_path, capsys):
    from tensordesk.engine.runs.store import RunStore
    from tensordesk.main import main
    _fake_runs(tmp_path, "with L2", "g1", [0.95, 0.96, 0.955, 0.952], "2026-12-01T10")
    _fake_runs(tmp_path, "no L2", "g2", [0.90, 0.91, 0.905], "2026-12-01T11")
    _fake_runs(tmp_path, "no L2", "g0", [0.50, 0.51], "2026-11-01T11")     # an older group under the same label
    runs = RunStore(tmp_path).list()
    assert {r.group for r in group_runs(runs, "no L2")} == {"g2"}
    assert main(["runs", "compare", "with L2", "no L2-g2-1", "--json", "--runs-dir", str(tmp_path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["difference"] == pytest.approx(np.mean([0.95, 0.96, 0.955, 0.952]) - 0.905)
    assert out["ci_low"] > 0 and out["ci_high"] > out["ci_low"]
    assert out["effect_size"] > 0 and out["seeds_needed"] >= 2
    assert len(out["a"]["runs"]) == 4 and len(out["b"]["runs"]) == 3
    with pytest.raises(SystemExit) as exit_:
        main(["runs", "compare", "with L2", "nobody", "--runs-dir", str(tmp_path)])
    assert exit_.value.code == 2
    assert "no run has the id or label 'nobody'" in capsys.readouterr().err

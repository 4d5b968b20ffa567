"""Robustness: damaged test images and an "I don't know" threshold."""
import json
from pathlib import Path

import numpy as np
import pytest

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.inspection.robustness import Damage, coverage_curve, damage_curve, damaged
from tests.engine.helpers import main_py

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped():
    from tensordesk.engine.models.checkpoints import load_shipped_model
    return load_shipped_model()


def test_damage_does_what_it_says(embedded):
    x = embedded.x_test[:50]
    np.testing.assert_array_equal(damaged(x, Damage()), x)
    np.testing.assert_array_equal(damaged(x, Damage(rotate=0.0)), x)
    r = damaged(x, Damage(rotate=90))
    np.testing.assert_allclose(r.astype(float).mean(), x.astype(float).mean(), rtol=0.05)   # ink kept, turned
    assert np.corrcoef(r[0].ravel(), np.rot90(x[0]).ravel())[0, 1] > 0.95
    assert damaged(x, Damage(thicken=1)).sum() > 1.3 * x.sum() > 1.3 * damaged(x, Damage(thicken=-1)).sum()
    s = damaged(x, Damage(shift=3))
    np.testing.assert_array_equal(s[:, 3:, 3:], x[:, :-3, :-3])
    n = damaged(x, Damage(noise=0.2, seed=1)).astype(float) - x
    assert 0.1 * 255 < n.std() < 0.25 * 255
    np.testing.assert_array_equal(damaged(x, Damage(noise=0.2, seed=1)), damaged(x, Damage(noise=0.2, seed=1)))
    with pytest.raises(ConfigError):
        damaged(x, Damage(thicken=9))


def test_more_damage_lowers_accuracy(shipped, embedded):
    x, y = embedded.x_test[:400], embedded.y_test[:400]
    for kind, values in (("rotate", [0, 30, 60, 90]), ("noise", [0, 0.3, 0.6]), ("shift", [0, 4, 8])):
        curve = damage_curve(shipped.model, x, y, kind, values)
        accs = [a for _, a in curve]
        assert accs[0] > 0.95 and accs[-1] < accs[0] - 0.2, (kind, accs)
        assert all(b <= a + 0.02 for a, b in zip(accs, accs[1:])), (kind, accs)


def test_coverage_falls_as_the_threshold_rises(shipped, embedded):
    from tensordesk.engine.inspection.evaluation import evaluate_model
    x = damaged(embedded.x_test[:500], Damage(noise=0.4))
    e = evaluate_model(shipped.model, x, embedded.y_test[:500])
    curve = coverage_curve(e.confidence, e.predicted == e.labels)
    assert curve[0].coverage == 1.0 and curve[0].accuracy == pytest.approx(e.accuracy)
    covs = [c.coverage for c in curve]
    assert all(b <= a for a, b in zip(covs, covs[1:])) and covs[-1] < covs[0]
    answered = [c.accuracy for c in curve if c.accuracy is not None]
    assert answered[-1] > answered[0]      # the confident answers are the right ones more often


def test_cli_evaluate_damaged_with_a_threshold(tmp_path, shipped):
    from tensordesk.engine.models.checkpoints import SHIPPED_MODEL
    out = tmp_path / "e.json"
    proc = main_py("evaluate", "--model", str(SHIPPED_MODEL),
                           "--rotate", "45", "--threshold", "0.9", "--json", str(out))
    assert proc.returncode == 0, proc.stderr[-2000:]
    doc = json.loads(out.read_text())
    assert doc["damage"]["rotate"] == 45 and 0 < doc["coverage"] < 1 and doc["answered_accuracy"] > doc["test_accuracy"]
    assert doc["test_accuracy"] < 0.9 and "damaged (rotate 45)" in proc.stderr
    bad = main_py("evaluate", "--model", str(SHIPPED_MODEL),
                          "--threshold", "2")
    assert bad.returncode == 2 and "between 0 and 1" in bad.stderr

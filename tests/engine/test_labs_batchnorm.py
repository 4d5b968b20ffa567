"""The batch-norm lab reproduces seed 002 §20: numbers from the recorded layer inputs and costs."""
import json
from pathlib import Path

import numpy as np
import pytest

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.labs import batchnorm as bn
from tensordesk.engine.labs.runner import LabEnded, LabRunner
from tests.engine.helpers import main_py

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tanh_runs():
    return {seed: bn.run_headless(bn.BNSettings(activation="tanh", seed=seed)) for seed in (1, 7)}


@pytest.fixture(scope="module")
def relu_run():
    events = []
    return bn.run_headless(bn.BNSettings(activation="relu", seed=3), events.append), events


def _finite_costs(run):
    return [c for _, c in run["costs"] if c is not None]


def test_data_follows_the_seed():
    x, y = bn.make_data(bn.BNSettings())
    assert x.shape == y.shape == (2500, 1) and x.dtype == np.float32
    assert np.allclose(np.sort(x[:, 0]), np.linspace(-7, 10, 2500), atol=1e-5)
    assert not np.all(np.diff(x[:, 0]) > 0)           # shuffled
    residual = y[:, 0] - (x[:, 0] ** 2 - 5)
    assert abs(residual.mean()) < 0.6 and 7.5 < residual.std() < 8.5


@pytest.mark.parametrize("seed", [1, 7])
def test_tanh_saturates_without_bn_and_not_with(tanh_runs, seed):
    run = tanh_runs[seed]
    off, on = run["without_bn"], run["with_bn"]
    assert len(off["layers"]) == len(on["layers"]) == 7
    middle_off = np.mean([layer["saturated"] for layer in off["layers"][1:-1]])
    middle_on = np.mean([layer["saturated"] for layer in on["layers"][1:-1]])
    assert middle_off > 0.75, middle_off          # values piled up at ±1
    assert middle_on < 0.2, middle_on             # only a few percent with BN
    c_off, c_on = _finite_costs(off), _finite_costs(on)
    assert off["diverged_at"] is None and on["diverged_at"] is None
    assert c_on[-1] < c_on[0] / 4                 # BN: the cost falls several-fold
    assert c_off[-1] > c_off[0] / 3.5             # no BN: it falls far less
    assert c_on[-1] < c_off[-1] / 2


def test_costs_recorded_every_five_steps(tanh_runs):
    steps = [s for s, _ in tanh_runs[1]["with_bn"]["costs"]]
    assert steps == list(range(0, 251, 5))


def test_relu_without_bn_diverges_and_with_bn_learns(relu_run):
    run, events = relu_run
    off, on = run["without_bn"], run["with_bn"]
    assert off["diverged_at"] is not None and off["diverged_at"] <= 5
    assert off["costs"][-1][1] is None            # the last entry marks the divergence
    diverged = [e for e in events if isinstance(e, bn.NetDiverged)]
    assert len(diverged) == 1 and diverged[0].net == "without_bn" and "diverged" in diverged[0].message
    assert on["diverged_at"] is None
    c_on = _finite_costs(on)
    assert c_on[-1] < c_on[0] / 4
    zero = [layer["zero"] for layer in on["layers"]]
    assert all(0.2 < z < 0.8 for z in zero), zero   # ReLU zeroes about half, BN keeps units alive
    ended = events[-1]
    assert isinstance(ended, LabEnded) and ended.state == "finished" and ended.step == 250


def test_both_networks_start_from_the_same_weights():
    lab = bn.BatchNormLab(bn.BNSettings(layers=3, steps=2))
    off, on = lab.models["without_bn"], lab.models["with_bn"]
    for i in (1, 2, 3):
        np.testing.assert_array_equal(off.get_layer(f"hidden{i}").kernel.numpy(),
                                      on.get_layer(f"hidden{i}").kernel.numpy())
    bn_layer = on.get_layer("hidden1_bn")
    assert bn_layer.momentum == 0.5 and bn_layer.epsilon == pytest.approx(0.001)
    assert on.get_layer("input_bn") is not None


def test_recording_leaves_moving_averages_alone():
    lab = bn.BatchNormLab(bn.BNSettings(layers=2, steps=20, record_every=1, cost_every=1))
    lab.begin()
    lab.advance()
    before = [v.numpy().copy() for v in lab.models["with_bn"].non_trainable_variables]
    lab._observe(True, True)
    after = [v.numpy() for v in lab.models["with_bn"].non_trainable_variables]
    for b, a in zip(before, after):
        np.testing.assert_array_equal(b, a)


def test_histograms_share_edges_and_count_every_value():
    s = bn.BNSettings(activation="sigmoid", layers=3, steps=10, record_every=5)
    lab = bn.BatchNormLab(s)
    events = lab.begin()
    layers = [e for e in events if isinstance(e, bn.LayersRecorded)][0]
    assert len(layers.edges) == 4
    assert layers.edges[0][0] == -7 and layers.edges[0][-1] == 10
    assert layers.edges[1][0] == 0 and layers.edges[1][-1] == 1 and len(layers.edges[1]) == s.bins + 1
    for net in bn.NETS:
        for counts in layers.counts[net]:
            assert counts.sum() == s.samples * (1 if counts is layers.counts[net][0] else s.units)


def test_settings_are_validated():
    with pytest.raises(ConfigError):
        bn.BNSettings(activation="elu").validate()
    with pytest.raises(ConfigError):
        bn.BNSettings(batch_size=0).validate()
    with pytest.raises(ConfigError):
        bn.BNSettings(learning_rate=-1.0).validate()


class _CountingLab:
    def __init__(self, steps):
        self.steps, self.step = steps, 0

    @property
    def done(self):
        return self.step >= self.steps

    def begin(self):
        return ["begin"]

    def advance(self):
        self.step += 1
        return [self.step]

    def summary(self):
        return {"steps": self.step}


def test_runner_single_step_pause_and_stop():
    import threading
    import time

    from tensordesk.engine.core import events as ev
    events = []
    runner = LabRunner(_CountingLab(1000), events.append, start_paused=True)
    runner.single_step()
    runner.single_step()
    t = threading.Thread(target=runner.run)
    t.start()
    deadline = time.time() + 5
    while not any(isinstance(e, ev.PauseChanged) and e.paused for e in events) and time.time() < deadline:
        time.sleep(0.01)
    assert [e for e in events if isinstance(e, int)] == [1, 2]     # two steps, then paused
    runner.set_speed(200)
    runner.resume()
    time.sleep(0.2)
    runner.stop()
    t.join(5)
    assert not t.is_alive()
    ended = events[-1]
    assert isinstance(ended, LabEnded) and ended.state == "stopped"
    steps = [e for e in events if isinstance(e, int)]
    assert 10 < len(steps) < 80       # throttled to 200 steps/s for about 0.2 s
    assert ended.summary == {"steps": len(steps)}


def test_cli_lab_bn_writes_the_documented_json(tmp_path):
    out = tmp_path / "bn.json"
    proc = main_py("lab", "bn", "--activation", "relu", "--steps",
                           "20", "--json", str(out))
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(out.read_text())
    assert set(data) == {"without_bn", "with_bn"}
    for run in data.values():
        assert set(run) == {"costs", "diverged_at", "layers"}
        assert all(set(layer) == {"saturated", "zero"} for layer in run["layers"])
    assert data["without_bn"]["diverged_at"] is not None
    assert data["with_bn"]["costs"][-1][0] == 20
    bad = main_py("lab", "bn", "--batch-size", "5000")
    assert bad.returncode == 2 and "batch size" in bad.stderr and "Traceback" not in bad.stderr

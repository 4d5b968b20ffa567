import math
import threading

import numpy as np
import pytest

from engine import events as ev
from engine.errors import ConfigError
from engine.models import default_spec
from engine.training import TrainConfig, Trainer, default_config


def collect(trainer_factory):
    events = []
    trainer = trainer_factory(events.append)
    return trainer, events


def test_events_flow_and_histograms_use_fixed_edges(tiny):
    events = []
    cfg = default_config("mlp", epochs=2, batch_size=50, histogram_every=5)
    result = Trainer(default_spec("mlp"), cfg, tiny, events.append).run()
    kinds = [type(e).__name__ for e in events]
    assert kinds[0] == "TrainingStarted" and kinds[-1] == "TrainingEnded"
    batches = [e for e in events if isinstance(e, ev.BatchEnded)]
    assert [b.step for b in batches] == list(range(1, 41))
    assert all(math.isfinite(b.loss) and 0 <= b.accuracy <= 1 and b.learning_rate == pytest.approx(1e-3)
               for b in batches)
    assert np.mean([b.loss for b in batches[-5:]]) < np.mean([b.loss for b in batches[:5]])
    epochs = [e for e in events if isinstance(e, ev.EpochEnded)]
    assert [e.epoch for e in epochs] == [1, 2] and epochs[-1].val_accuracy > 0.5
    hists = [e for e in events if isinstance(e, ev.HistogramsReady)]
    assert len(hists) == 8
    first, last = hists[0].layers, hists[-1].layers
    assert {(h.layer, h.kind) for h in first} == {("hidden1", "weights"), ("output", "weights"),
                                                  ("hidden1_act", "activations")}
    for a, b in zip(first, last):
        assert np.array_equal(a.edges, b.edges) and len(a.counts) == 30
    act = next(h for h in last if h.kind == "activations")
    assert act.counts.sum() == 200 * 500  # probe images × units
    assert result["steps"] == 40 and result["train_samples_per_s"] > 0


def test_batch_loss_is_the_loss_of_that_batch(tiny):
    # with a zero-ish learning rate the weights do not move, so every batch loss equals evaluate() on it
    events = []
    cfg = TrainConfig(epochs=1, batch_size=100, optimizer="sgd", learning_rate=1e-12, evaluate_test=False)
    t = Trainer(default_spec("softmax"), cfg, tiny, events.append)
    t.run()
    losses = [e.loss for e in events if isinstance(e, ev.BatchEnded)]
    assert np.std(losses) > 1e-3  # per-batch values, not a running mean


def test_stop_takes_effect_within_a_batch(tiny):
    events = []
    holder = {}

    def listener(e):
        events.append(e)
        if isinstance(e, ev.BatchEnded) and e.step == 3:
            holder["t"].stop()

    holder["t"] = Trainer(default_spec("mlp"), default_config("mlp", epochs=3, batch_size=50), tiny, listener)
    result = holder["t"].run()
    assert result["state"] == "stopped" and result["steps"] == 3
    assert events[-1].state == "stopped"


def test_pause_blocks_and_resume_continues(tiny):
    events = []
    cfg = default_config("mlp", epochs=1, batch_size=100)
    trainer = Trainer(default_spec("mlp"), cfg, tiny, events.append)
    trainer.pause()
    th = threading.Thread(target=trainer.run)
    th.start()
    th.join(1.5)
    assert th.is_alive()
    batches = [e for e in events if isinstance(e, ev.BatchEnded)]
    assert len(batches) == 1  # paused right after the first batch
    assert any(isinstance(e, ev.PauseChanged) and e.paused for e in events)
    trainer.resume()
    th.join(60)
    assert not th.is_alive()
    assert events[-1].state == "finished"
    assert len([e for e in events if isinstance(e, ev.BatchEnded)]) == 10


def test_stop_while_paused(tiny):
    events = []
    trainer = Trainer(default_spec("mlp"), default_config("mlp", epochs=2, batch_size=100), tiny, events.append)
    trainer.pause()
    th = threading.Thread(target=trainer.run)
    th.start()
    th.join(1.0)
    trainer.stop()
    th.join(30)
    assert not th.is_alive() and events[-1].state == "stopped"


def test_learning_rate_change_applies_from_next_batch(tiny):
    seen = []
    holder = {}

    def listener(e):
        if isinstance(e, ev.BatchEnded):
            seen.append(e.learning_rate)
            if e.step == 4:
                holder["t"].set_learning_rate(0.05)

    cfg = default_config("mlp", epochs=1, batch_size=100, lr_schedule="exponential", decay_rate=0.5, decay_epochs=0.5,
                         staircase=False)
    holder["t"] = Trainer(default_spec("mlp"), cfg, tiny, listener)
    holder["t"].run()
    assert seen[0] == pytest.approx(1e-3)
    assert seen[3] == pytest.approx(1e-3 * 0.5 ** (3 / 5), rel=1e-5)
    assert seen[4] == pytest.approx(0.05, rel=1e-5)
    assert seen[6] == pytest.approx(0.05 * 0.5 ** (2 / 5), rel=1e-5)  # decay continues from the new rate
    with pytest.raises(ConfigError):
        holder["t"].set_learning_rate(-1)


def test_divergence_is_reported_with_a_sentence(tiny):
    events = []
    cfg = TrainConfig(epochs=2, batch_size=50, optimizer="sgd", learning_rate=1e6)
    result = Trainer(default_spec("dnn", initializer="truncated_normal"), cfg, tiny, events.append).run()
    assert result["state"] == "diverged"
    assert "too high" in result["message"] and "1e+06" in result["message"]
    assert result["steps"] < 40
    assert result["test_accuracy"] is None


def test_ema_and_decay_seed_settings_train(tiny):
    from engine.training import seed_settings
    spec_kw, cfg_kw = seed_settings("mlp")
    assert cfg_kw["ema"] and spec_kw["l2"] == 1e-4
    cfg = default_config("mlp", **{**cfg_kw, "epochs": 2})
    result = Trainer(default_spec("mlp", **spec_kw), cfg, tiny).run()
    assert result["state"] == "finished" and result["test_accuracy"] > 0.6
    assert result["history"][1]["learning_rate"] == pytest.approx(0.1 * 0.99, rel=1e-5)


def test_bad_config_is_refused(tiny):
    with pytest.raises(ConfigError, match="larger than"):
        Trainer(default_spec("mlp"), TrainConfig(batch_size=5000), tiny)
    with pytest.raises(ConfigError, match="learning rate"):
        TrainConfig(learning_rate=0).validate()
    with pytest.raises(ConfigError, match="epochs"):
        TrainConfig(epochs=0).validate()


def test_same_seed_same_result(tiny):
    cfg = default_config("mlp", epochs=1, batch_size=100, evaluate_test=False)
    a = Trainer(default_spec("mlp"), cfg, tiny).run()
    b = Trainer(default_spec("mlp"), cfg, tiny).run()
    assert a["history"][0]["loss"] == pytest.approx(b["history"][0]["loss"], rel=1e-5)

import math
import threading

import numpy as np
import pytest

from tensordesk.engine.core import events as ev
from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.models.architectures import default_spec
from tensordesk.engine.training.config import TrainConfig, default_config
from tensordesk.engine.training.trainer import Trainer


def collect(trainer_factory):
    events = []
    trainer = trainer_factory(events.append)
    return trainer, events


def test_events_flow_and_histograms_use_fixed_edges(tiny):
    events = []
    cfg = default_config("mlp", epochs=2, batch_size=50, histogram_every=5)
    trainer = Trainer(default_spec("mlp"), cfg, tiny, events.append)
    result = trainer.run()
    kinds = [type(e).__name__ for e in events]
    assert kinds[0] == "TrainingStarted" and kinds[-1] == "TrainingEnded"
    batches = ev.each_step(events)
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
    # later events are counted in a compiled call: they agree with numpy on the final weights (step 40 is the last)
    from tensordesk.engine.training.steps import histogram
    out = next(h for h in last if h.layer == "output")
    final = trainer.model.get_layer("output").get_weights()[0]
    assert np.abs(out.counts - histogram(final, out.edges)).sum() <= 2
    assert out.mean == pytest.approx(final.mean(), abs=1e-6) and out.std == pytest.approx(final.std(), rel=1e-4)
    assert result["steps"] == 40 and result["train_samples_per_s"] > 0


def test_batch_loss_is_the_loss_of_that_batch(tiny):
    # with a zero-ish learning rate the weights do not move, so every batch loss equals evaluate() on it
    events = []
    cfg = TrainConfig(epochs=1, batch_size=100, optimizer="sgd", learning_rate=1e-12, evaluate_test=False)
    t = Trainer(default_spec("softmax"), cfg, tiny, events.append)
    t.run()
    losses = [e.loss for e in ev.each_step(events)]
    assert np.std(losses) > 1e-3  # per-batch values, not a running mean


def test_stop_takes_effect_at_the_end_of_the_running_chunk(tiny):
    events = []
    holder = {}

    def listener(e):
        events.append(e)
        if isinstance(e, ev.BatchesEnded) and e.step >= 3 and "asked" not in holder:
            holder["asked"] = holder["t"].stop()

    holder["t"] = Trainer(default_spec("mlp"), default_config("mlp", epochs=3, batch_size=10), tiny, listener)
    result = holder["t"].run()
    batches = [e.step for e in ev.each_step(events)]
    assert result["state"] == "stopped" and result["steps"] == batches[-1] < 100  # not the whole epoch
    assert batches == list(range(1, batches[-1] + 1))  # every step that ran was reported
    assert not any(isinstance(e, ev.EpochEnded) for e in events)
    assert events[-1].state == "stopped"


def test_several_steps_run_per_compiled_call_with_every_step_reported(tiny):
    from tensordesk.engine.training.steps import StepLoop
    calls = []
    original = StepLoop.run_chunk

    def counting(self, idx):
        calls.append(idx.shape)
        return original(self, idx)

    events = []
    cfg = TrainConfig(epochs=2, batch_size=32, optimizer="sgd", learning_rate=0.1, evaluate_test=False,
                      histogram_every=7)
    StepLoop.run_chunk = counting
    try:
        Trainer(default_spec("softmax"), cfg, tiny, events.append).run()
    finally:
        StepLoop.run_chunk = original
    steps = [e.step for e in ev.each_step(events)]
    assert steps == list(range(1, 65))  # 1,000 / 32 → 31 full batches and one of 8, per epoch
    assert max(k for k, _ in calls) > 1 and len(calls) < 64
    assert sum(k * b for k, b in calls) == 2000  # every sample, once per epoch
    assert (1, 8) in calls  # the partial batch runs alone
    hists = [e.step for e in events if isinstance(e, ev.HistogramsReady)]
    assert hists == list(range(7, 65, 7))  # chunks end on the histogram interval


def test_stop_and_pause_act_at_the_next_chunk_at_the_fastest_setting(embedded):
    """Softmax regression at batch 1 runs the most steps per compiled call; a pause acts at the end of the
    chunk in flight (counted in steps, so it holds on any machine), and a stop returns without the tf.data
    teardown stall (≥ 0.63 s when it happens)."""

    from tensordesk.engine.training.steps import MAX_CHUNK
    marks = {"step": 0}
    holder = {}

    def ask():
        marks["asked_step"] = marks["step"]
        holder["t"].pause()

    def listener(e):
        if isinstance(e, ev.BatchesEnded):
            marks["step"] = e.step
            if e.step > 3000 and "asked" not in marks:
                marks["asked"] = True
                threading.Timer(0.01, ask).start()
        if isinstance(e, ev.PauseChanged) and e.paused:
            marks["paused_step"] = e.step
            holder["t"].stop()

    cfg = TrainConfig(epochs=50, batch_size=1, optimizer="sgd", learning_rate=0.01, evaluate_test=False)
    holder["t"] = Trainer(default_spec("softmax"), cfg, embedded, listener)
    result = holder["t"].run()
    assert result["state"] == "stopped"
    assert holder["t"]._chunk_len > 16  # really several steps per call
    assert 0 <= marks["paused_step"] - marks["asked_step"] <= 2 * MAX_CHUNK   # the chunk in flight, then paused
    assert holder["t"].step <= marks["paused_step"] + MAX_CHUNK   # stopped while paused: at most the chunk in flight


def test_pause_blocks_and_resume_continues(tiny):
    events = []
    cfg = default_config("mlp", epochs=1, batch_size=100)
    trainer = Trainer(default_spec("mlp"), cfg, tiny, events.append)
    trainer.pause()
    th = threading.Thread(target=trainer.run)
    th.start()
    th.join(1.5)
    assert th.is_alive()
    batches = ev.each_step(events)
    assert len(batches) == 1  # paused right after the first batch
    assert any(isinstance(e, ev.PauseChanged) and e.paused for e in events)
    trainer.resume()
    th.join(60)
    assert not th.is_alive()
    assert events[-1].state == "finished"
    assert len(ev.each_step(events)) == 10


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


def test_learning_rate_change_applies_from_the_next_chunk(tiny):
    seen = []
    holder = {}

    def listener(e):
        if isinstance(e, ev.BatchesEnded):
            seen.extend(e.learning_rates.tolist())
            if e.first_step <= 4 <= e.step:
                holder["t"].set_learning_rate(0.05)

    cfg = default_config("mlp", epochs=2, batch_size=20, lr_schedule="exponential", decay_rate=0.5,
                         decay_epochs=0.2, staircase=False)
    holder["t"] = Trainer(default_spec("mlp"), cfg, tiny, listener)
    holder["t"].run()
    assert seen[0] == pytest.approx(1e-3)
    assert seen[3] == pytest.approx(1e-3 * 0.5 ** (3 / 10), rel=1e-5)
    changed = next(i for i, lr in enumerate(seen) if lr > 0.01)
    assert changed >= 4 and seen[changed] == pytest.approx(0.05, rel=1e-5)
    assert all(lr < 1e-3 for lr in seen[4:changed])  # the old schedule until then
    assert seen[changed + 2] == pytest.approx(0.05 * 0.5 ** (2 / 10), rel=1e-5)  # decay continues from the new rate
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
    from tensordesk.engine.training.config import seed_settings
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


@pytest.mark.parametrize("name", ["adam", "sgd", "momentum", "nesterov"])
def test_fused_updates_follow_kerass_maths(name):
    """The engine's optimizers apply TensorFlow's fused kernels; after 30 steps they agree with Keras's own."""
    import keras
    import tensorflow as tf

    from tensordesk.engine.training.steps import AdjustableSchedule, make_optimizer
    start = np.random.default_rng(0).normal(size=50).astype("float32")
    reference = {"adam": lambda: keras.optimizers.Adam(0.05), "sgd": lambda: keras.optimizers.SGD(0.05),
                 "momentum": lambda: keras.optimizers.SGD(0.05, momentum=0.9),
                 "nesterov": lambda: keras.optimizers.SGD(0.05, momentum=0.9, nesterov=True)}[name]
    results = []
    for optimizer in (make_optimizer(TrainConfig(optimizer=name), AdjustableSchedule(0.05)), reference()):
        v = keras.Variable(start)
        optimizer.build([v])

        @tf.function
        def step():
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum(tf.sin(v) * v ** 2)
            optimizer.apply([tape.gradient(loss, v)], [v])

        for _ in range(30):
            step()
        results.append(v.numpy())
    assert np.abs(results[0] - start).max() > 0.1  # it moved
    np.testing.assert_allclose(results[0], results[1], atol=1e-4)


@pytest.mark.parametrize("optimizer", ["adam", "momentum"])
def test_same_loss_curve_as_a_plain_keras_loop(tiny, optimizer):
    """The chunked, fused loop computes what Keras's own train_on_batch computes, batch for batch."""
    import keras

    from tensordesk.engine.models.architectures import build_model
    from tensordesk.engine.training.steps import as_float_images
    cfg = TrainConfig(epochs=2, batch_size=64, optimizer=optimizer, learning_rate=0.01, evaluate_test=False)
    trainer = Trainer(default_spec("mlp"), cfg, tiny)
    trainer.run()
    model = build_model(default_spec("mlp"), seed=cfg.seed)
    reference = keras.optimizers.Adam(0.01) if optimizer == "adam" else keras.optimizers.SGD(0.01, momentum=0.9)
    model.compile(optimizer=reference, loss="sparse_categorical_crossentropy")
    x, y = as_float_images(tiny.x_train), tiny.y_train.astype("int32")
    rng = np.random.default_rng(cfg.seed)
    losses = []
    for _ in range(cfg.epochs):
        order = rng.permutation(len(x))
        for start in range(0, len(x), cfg.batch_size):
            idx = order[start:start + cfg.batch_size]
            losses.append(float(model.train_on_batch(x[idx], y[idx])))
    assert len(losses) == len(trainer.step_losses) == 32
    np.testing.assert_allclose(trainer.step_losses, losses, rtol=2e-3, atol=2e-4)
    assert losses[-1] < losses[0] / 2


def test_tensorboard_log_has_scalars_and_histograms(tiny, tmp_path):
    import tensorflow as tf
    cfg = default_config("mlp", epochs=2, batch_size=100, histogram_every=5, log_dir=str(tmp_path / "logs"))
    result = Trainer(default_spec("mlp"), cfg, tiny).run()
    assert result["state"] == "finished" and result["log_dir"].startswith(str(tmp_path / "logs"))
    files = list((tmp_path / "logs").glob("*/events.out.tfevents.*"))
    assert len(files) == 1
    tags = {}
    for event in tf.compat.v1.train.summary_iterator(str(files[0])):
        for value in event.summary.value:
            tags.setdefault(value.tag, []).append(event.step)
    assert tags["loss"] == list(range(1, 21)) and len(tags["accuracy"]) == 20
    assert tags["epoch/val_accuracy"] == [10, 20]
    assert tags["hidden1/weights"] == [5, 10, 15, 20] and tags["hidden1_act/activations"] == [5, 10, 15, 20]
    second = Trainer(default_spec("mlp"), cfg, tiny).run()  # another run: its own folder beside the first
    assert second["log_dir"] != result["log_dir"]


def test_float_images_in_0_1_train_like_uint8(tiny):
    """A data set given as floats in [0, 1] trains exactly as its uint8 form does."""
    import dataclasses
    floats = dataclasses.replace(tiny, x_train=tiny.x_train.astype(np.float32) / 255,
                                 x_val=tiny.x_val.astype(np.float32) / 255, x_test=tiny.x_test.astype(np.float32) / 255)
    cfg = default_config("mlp", epochs=1, batch_size=100)
    a = Trainer(default_spec("mlp"), cfg, tiny).run()
    b = Trainer(default_spec("mlp"), cfg, floats).run()
    assert b["state"] == "finished"
    assert b["history"][0]["loss"] == pytest.approx(a["history"][0]["loss"], rel=1e-5)
    assert b["test_accuracy"] == pytest.approx(a["test_accuracy"], abs=1e-6)


def test_one_epoch_is_said_in_the_singular(tiny):
    result = Trainer(default_spec("softmax"), default_config("softmax", epochs=1, evaluate_test=False), tiny).run()
    assert result.message == f"Finished 1 epoch ({result.steps:,} steps)."
    two = Trainer(default_spec("softmax"), default_config("softmax", epochs=2, evaluate_test=False), tiny).run()
    assert two.message == f"Finished 2 epochs ({two.steps:,} steps)."


def test_a_trained_model_fine_tuned_is_not_called_diverged(embedded):
    """Its first batch's loss is near 0.02; a later batch at 0.2 is ordinary, not a blow-up (the rule's floor is a
    guess's loss, ln 10)."""
    import keras

    from tensordesk.engine.data.datasets import Dataset
    from tensordesk.engine.models.checkpoints import load_shipped_model
    from tensordesk.engine.training.config import TrainConfig
    from tensordesk.engine.training.trainer import Trainer
    shipped = load_shipped_model()
    tuned = keras.models.clone_model(shipped.model)
    tuned.set_weights(shipped.model.get_weights())
    e = embedded
    data = Dataset("x", "x", e.x_train[:2000], e.y_train[:2000], e.x_val[:100], e.y_val[:100], e.x_val[:100],
                   e.y_val[:100])
    losses = []
    config = TrainConfig(epochs=1, batch_size=32, learning_rate=5e-4, seed=0, evaluate_test=False)
    result = Trainer(shipped.spec, config, data, lambda ev: losses.extend(getattr(ev, "losses", [])),
                     model=tuned).run()
    assert result.state.kept, result.message
    assert len(losses) == 63 and losses[0] < 0.2 and max(losses) > 10 * losses[0]   # the old rule's false alarm

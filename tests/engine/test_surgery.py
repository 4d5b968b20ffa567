"""Edits inside a network, the maths of one step and the points map: their numbers against the model's own."""
import numpy as np
import pytest

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.inspection.surgery import Edit, EditedNetwork, accuracy_of, unit_detail, unit_layers, unit_values
from tensordesk.engine.models.architectures import build_model, default_spec


@pytest.fixture(scope="module")
def digits():
    from tensordesk.engine.data.datasets import load_embedded
    d = load_embedded()
    return d.x_test[:300].astype(np.float32) / 255.0, d.y_test[:300]


@pytest.fixture(scope="module")
def dnn():
    return build_model(default_spec("dnn"), seed=3)


def _probs(model, x):
    return np.asarray(model(x, training=False))


def test_units_of_each_architecture():
    names = {arch: [(u.name, u.units, u.is_logits) for u in unit_layers(build_model(default_spec(arch)))]
             for arch in ("softmax", "mlp", "cnn-compact", "autoencoder")}
    assert names["softmax"] == [("output", 10, True)]
    assert names["mlp"] == [("hidden1", 500, False), ("output", 10, True)]
    assert names["cnn-compact"] == [("fc1", 64, False), ("output", 10, True)]
    assert names["autoencoder"] == []
    with pytest.raises(ConfigError, match="no dense units"):
        EditedNetwork(build_model(default_spec("autoencoder")))


def test_unit_off_equals_zeroed_outgoing_weights(dnn, digits):
    x, _ = digits
    edited = EditedNetwork(dnn)
    edited.apply(Edit("off", "hidden2", 7))
    edited.apply(Edit("off", "hidden4", 0))
    by_hand = build_model(default_spec("dnn"), seed=3)
    k3 = by_hand.get_layer("hidden3").kernel.numpy().copy()
    k3[7, :] = 0.0
    by_hand.get_layer("hidden3").kernel.assign(k3)
    ko = by_hand.get_layer("output").kernel.numpy().copy()
    ko[0, :] = 0.0
    by_hand.get_layer("output").kernel.assign(ko)
    np.testing.assert_array_equal(_probs(edited.model, x), _probs(by_hand, x))
    assert not np.allclose(_probs(edited.model, x), _probs(dnn, x))
    # the unit's own output is still computed; nothing downstream sees it
    values = unit_values(edited.model, x[0])
    assert values["hidden3"].inputs[7] == values["hidden2"].outputs[7]
    np.testing.assert_allclose(values["hidden3"].sums, values["hidden3"].inputs @ k3, rtol=1e-5, atol=1e-5)
    # the original model is never touched
    fresh = build_model(default_spec("dnn"), seed=3)
    for a, b in zip(dnn.get_weights(), fresh.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_scale_bias_undo_and_reset(dnn, digits):
    x, _ = digits
    edited = EditedNetwork(dnn)
    before = _probs(edited.model, x)
    w = dnn.get_layer("hidden1").kernel.numpy()[:, 5]
    edited.apply(Edit("scale", "hidden1", 5, 2.5))
    np.testing.assert_allclose(edited.model.get_layer("hidden1").kernel.numpy()[:, 5], 2.5 * w, rtol=1e-6)
    edited.apply(Edit("bias", "hidden1", 5, -0.75))
    b = dnn.get_layer("hidden1").bias.numpy()[5]
    assert edited.model.get_layer("hidden1").bias.numpy()[5] == pytest.approx(b - 0.75, abs=1e-6)
    detail = unit_detail(edited.model, unit_values(edited.model, x[0]), "hidden1", 5)
    assert detail.bias == pytest.approx(b - 0.75, abs=1e-6)
    assert detail.weighted_sum == pytest.approx(float(x[0].ravel() @ (2.5 * w) + b - 0.75), abs=1e-4)
    assert detail.output == pytest.approx(max(detail.weighted_sum, 0.0), abs=1e-5)        # ReLU
    assert abs(detail.contributors[0][1]) >= abs(detail.contributors[-1][1])
    assert edited.descriptions() == ["Scaled the incoming weights of unit 5 of hidden1 by 2.5.",
                                     "Shifted the bias of unit 5 of hidden1 by -0.75."]
    assert edited.undo() == Edit("bias", "hidden1", 5, -0.75)
    assert edited.model.get_layer("hidden1").bias.numpy()[5] == pytest.approx(b, abs=1e-7)
    edited.reset()
    np.testing.assert_array_equal(_probs(edited.model, x), before)
    assert edited.undo() is None


@pytest.mark.parametrize("percent", [10, 50, 90])
def test_pruning_leaves_that_share_of_zeros(dnn, percent):
    edited = EditedNetwork(dnn)
    edited.apply(Edit("prune", "", -1, percent))
    kernels = [edited.model.get_layer(u.name).kernel.numpy() for u in unit_layers(edited.model)]
    zeros = sum(int((k == 0).sum()) for k in kernels) / sum(k.size for k in kernels)
    assert zeros == pytest.approx(percent / 100, abs=1e-4)
    # the kept weights are the large ones: every zeroed weight was no larger than any kept one
    originals = [dnn.get_layer(u.name).kernel.numpy() for u in unit_layers(dnn)]
    pruned = np.concatenate([np.abs(o[k == 0]) for o, k in zip(originals, kernels)])
    kept = np.concatenate([np.abs(o[k != 0]) for o, k in zip(originals, kernels)])
    assert pruned.max() <= kept.min()


def test_pruning_one_layer_only(dnn):
    edited = EditedNetwork(dnn)
    edited.apply(Edit("prune", "hidden1", -1, 50))
    k1 = edited.model.get_layer("hidden1").kernel.numpy()
    assert (k1 == 0).mean() == pytest.approx(0.5, abs=1e-5)
    assert (edited.model.get_layer("hidden2").kernel.numpy() == 0).sum() == 0


def test_temperature_divides_the_logits(dnn, digits):
    from tensordesk.engine.inspection.step_maths import softmax_step
    x, _ = digits
    edited = EditedNetwork(dnn)
    z = softmax_step(dnn, x[0], 0).logits
    for t in (0.1, 10.0, 1.0):
        edited.apply(Edit("temperature", value=t))
        assert edited.temperature == t
        p = _probs(edited.model, x[:1])[0]
        expected = np.exp(z / t - (z / t).max())
        np.testing.assert_allclose(p, expected / expected.sum(), rtol=1e-4, atol=1e-6)
    edited.apply(Edit("temperature", value=10.0))
    assert _probs(edited.model, x[:1]).max() < _probs(dnn, x[:1]).max() or _probs(dnn, x[:1]).max() < 0.2
    with pytest.raises(ConfigError, match="temperature"):
        edited.apply(Edit("temperature", value=0.0))
    with pytest.raises(ConfigError, match="classes"):
        edited.apply(Edit("off", "output", 3))


def test_edits_change_accuracy_and_save_says_what(tmp_path, digits):
    import keras

    from tensordesk.engine.data.datasets import load_embedded
    from tensordesk.engine.models.checkpoints import Checkpoint, load_checkpoint
    x, y = digits
    train = load_embedded()
    model = build_model(default_spec("softmax"), seed=0)
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="sparse_categorical_crossentropy")
    model.fit(train.x_train[:2000] / 255.0, train.y_train[:2000], batch_size=100, epochs=2, verbose=0)
    edited = EditedNetwork(model)
    clone = build_model(default_spec("softmax"), seed=None)
    full = accuracy_of(clone, edited.weights(), x, y)
    assert full > 0.7
    edited.apply(Edit("prune", "", -1, 99))
    damaged = accuracy_of(clone, edited.weights(), x, y)
    assert damaged < full
    checkpoint = Checkpoint(model, default_spec("softmax"), meta={"test_accuracy": full, "shipped": True})
    path = edited.save(tmp_path / "pruned", checkpoint, damaged)
    again = load_checkpoint(path)
    assert again.meta["edits"] == ["Pruned the 99% smallest weights of the whole network."]
    assert again.meta["test_accuracy"] == pytest.approx(damaged) and "shipped" not in again.meta
    np.testing.assert_allclose(_probs(again.model, x[:20]), _probs(edited.model, x[:20]), atol=1e-6)


def test_one_step_maths_equals_the_model_and_gradient_tape(digits):
    import tensorflow as tf

    from tensordesk.engine.inspection.step_maths import softmax_step
    x, _ = digits
    for arch in ("softmax", "mlp"):
        model = build_model(default_spec(arch), seed=1)
        step = softmax_step(model, x[4], label=2, learning_rate=0.1)
        np.testing.assert_allclose(step.probabilities, _probs(model, x[4:5])[0], rtol=1e-4, atol=1e-6)
        np.testing.assert_allclose(step.shifted.max(), 0.0)
        np.testing.assert_allclose(step.exps / step.total, step.probabilities)
        assert step.loss == pytest.approx(-np.log(step.probabilities[2]))
        dense = model.get_layer("output")
        with tf.GradientTape() as tape:
            p = model(x[4:5], training=False)
            loss = tf.keras.losses.sparse_categorical_crossentropy(tf.constant([2]), p)
        gw, gb = tape.gradient(loss, [dense.kernel, dense.bias])
        np.testing.assert_allclose(step.grad_weights, gw.numpy(), atol=1e-5)
        np.testing.assert_allclose(step.grad_bias, gb.numpy(), atol=1e-6)
        # the step really lowers the loss on that example, as a Keras SGD step does
        import keras
        copy = build_model(default_spec(arch), seed=1)
        opt = keras.optimizers.SGD(0.1)
        opt.apply_gradients([(gw, copy.get_layer("output").kernel), (gb, copy.get_layer("output").bias)])
        np.testing.assert_allclose(step.new_probabilities, _probs(copy, x[4:5])[0], rtol=1e-4, atol=1e-6)
        assert step.new_loss < step.loss


def test_points_map_pca_and_tsne(digits):
    from tensordesk.engine.inspection.points_map import map_layers, points_map
    x, y = digits
    model = build_model(default_spec("mlp"), seed=0)
    assert map_layers(model) == ["pixels", "hidden1_act", "output"]
    seen = []
    pca = points_map(model, x[:200], y[:200], "pixels", "pca", progress=lambda d, t: seen.append((d, t)))
    assert pca.points.shape == (200, 2) and seen[-1] == (3, 3)
    assert pca.predictions.shape == (200,) and np.all((pca.confidence > 0) & (pca.confidence <= 1))
    # PCA's first axis carries the most variance
    assert pca.points[:, 0].var() >= pca.points[:, 1].var()
    tsne = points_map(model, x[:200], y[:200], "hidden1_act", "tsne")
    assert tsne.points.shape == (200, 2) and np.isfinite(tsne.points).all()
    with pytest.raises(ConfigError, match="no layer"):
        points_map(model, x[:20], y[:20], "conv9", "pca")

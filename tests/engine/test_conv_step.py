"""A convolution worked out by hand equals Keras's own output, for TensorDesk's CNNs and an imported .keras."""
import dataclasses

import numpy as np
import pytest

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.inspection.conv_step import conv_step, shown_layers
from tensordesk.engine.inspection.insight import feature_maps
from tensordesk.engine.models.architectures import build_model, default_spec


def image_of(embedded, i=0):
    return embedded.x_test[i].astype(np.float32) / 255


def check(step):
    """The hand-worked numbers add up, and give what Keras gives."""
    np.testing.assert_allclose(step.products, step.patch * step.kernel, rtol=1e-6)
    assert step.total == pytest.approx(float(step.products.sum()), abs=1e-5)
    np.testing.assert_allclose(step.channel_sums.sum(), step.total, atol=1e-5)
    assert step.value == pytest.approx(step.keras_value, abs=1e-5)


@pytest.mark.parametrize("arch, batch_norm, activation", [("cnn", False, "relu"), ("cnn-compact", False, "relu"),
                                                          ("cnn", True, "tanh")])
def test_every_pixel_tried_equals_keras_for_tensordesk_cnns(embedded, arch, batch_norm, activation):
    spec = dataclasses.replace(default_spec(arch), batch_norm=batch_norm, activation=activation)
    model = build_model(spec, seed=3)
    if batch_norm:   # moving statistics away from 0 and 1, so batch norm's step is not the identity
        for layer in model.layers:
            if type(layer).__name__ == "BatchNormalization":
                rng = np.random.default_rng(0)
                n = layer.moving_mean.shape[0]
                layer.moving_mean.assign(rng.normal(0, 0.3, n).astype(np.float32))
                layer.moving_variance.assign(rng.uniform(0.5, 2.0, n).astype(np.float32))
    image = image_of(embedded)
    maps = {m.layer: m.maps for m in feature_maps(model, image)}
    rng = np.random.default_rng(1)
    for conv, _ in shown_layers(model):
        h, w, c = maps[conv].shape
        for row, col, channel in [(0, 0, 0), (h - 1, w - 1, c - 1), (h // 2, w // 2, c // 2),
                                  *zip(rng.integers(0, h, 5), rng.integers(0, w, 5), rng.integers(0, c, 5))]:
            step = conv_step(model, image, conv, int(row), int(col), int(channel))
            check(step)
            assert step.value == pytest.approx(float(maps[conv][row, col, channel]), abs=1e-5)
            if batch_norm:
                assert [a[0] for a in step.after] == [f"{conv}_bn", f"{conv}_act"]
            else:
                assert [a[0] for a in step.after] == [f"{conv}_act"]
    # the corner reads padding: its patch is 0 above and to the left of the image
    corner = conv_step(model, image, "conv1", 0, 0, 0)
    assert corner.rows[0] < 0 and corner.cols[0] < 0 and np.all(corner.patch[0] == 0)
    assert corner.input_name in ("the image", "channels")


def test_the_pooling_window_holds_the_pixel_and_gives_the_pooled_value(embedded):
    model = build_model(default_spec("cnn"), seed=2)          # conv1 → pool1 (2×2), conv2 → pool2
    image = image_of(embedded, 3)
    step = conv_step(model, image, "conv1", 9, 13, 4)
    p = step.pooling
    assert p is not None and p.kind == "max"
    assert p.rows[0] <= 9 < p.rows[1] and p.cols[0] <= 13 < p.cols[1] and p.window.shape == (2, 2)
    assert p.value == pytest.approx(float(p.window.max()), abs=1e-6)
    assert (p.out_row, p.out_col) == (4, 6)


def test_an_imported_keras_model_is_worked_out_too(tmp_path, embedded):
    import keras

    from tensordesk.engine.models.checkpoints import load_model_file
    keras.utils.set_random_seed(5)
    inputs = keras.Input((28, 28, 1))
    x = keras.layers.Conv2D(6, 5, strides=1, padding="valid", activation="relu", name="c1")(inputs)
    x = keras.layers.AveragePooling2D(2, name="avg")(x)
    x = keras.layers.Conv2D(8, 3, strides=2, padding="same", activation="tanh", name="c2")(x)
    x = keras.layers.Flatten()(x)
    outputs = keras.layers.Dense(10, activation="softmax")(x)
    path = tmp_path / "theirs.keras"
    keras.Model(inputs, outputs).save(path)
    model = load_model_file(path).model
    image = image_of(embedded, 7)
    assert [c for c, _ in shown_layers(model)] == ["c1", "c2"]
    maps = {m.layer: m.maps for m in feature_maps(model, image)}
    assert maps["c1"].shape == (24, 24, 6) and maps["c2"].shape == (6, 6, 8)
    for conv, (row, col, channel) in (("c1", (0, 0, 0)), ("c1", (23, 11, 5)), ("c2", (0, 5, 7)), ("c2", (3, 3, 2))):
        step = conv_step(model, image, conv, row, col, channel)
        check(step)
        assert step.value == pytest.approx(float(maps[conv][row, col, channel]), abs=1e-5)
        assert step.after == []      # the activation is the Conv2D's own
    first = conv_step(model, image, "c1", 23, 11, 5)
    assert first.conv_activation == "relu" and first.patch.shape == (5, 5, 1) and first.rows == (23, 28)
    assert first.pooling is not None and first.pooling.kind == "average"
    assert first.pooling.value == pytest.approx(float(first.pooling.window.mean()), abs=1e-6)
    second = conv_step(model, image, "c2", 3, 3, 2)
    assert second.patch.shape == (3, 3, 6) and second.input_name == "avg" and second.rows == (6, 9)


def test_bad_requests_are_one_sentence(embedded):
    model = build_model(default_spec("cnn-compact"), seed=1)
    image = image_of(embedded)
    for layer, at in (("nope", (0, 0, 0)), ("fc1", (0, 0, 0)), ("conv1", (28, 0, 0)), ("conv1", (0, 0, 32))):
        with pytest.raises(ConfigError):
            conv_step(model, image, layer, *at)

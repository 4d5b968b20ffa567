import numpy as np
import pytest

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.inspection.insight import conv_layers, feature_maps, first_filters, saliency
from tensordesk.engine.models.architectures import build_model, default_spec


@pytest.fixture(scope="module")
def cnn():
    return build_model(default_spec("cnn-compact"), seed=1)


def test_feature_maps_are_the_conv_layers_outputs(cnn, embedded):
    import keras
    image = embedded.x_test[0].astype(np.float32) / 255
    maps = feature_maps(cnn, image)
    assert [m.layer for m in maps] == ["conv1", "conv2"] == [n[:-4] for n in conv_layers(cnn)]
    assert maps[0].maps.shape == (28, 28, 32) and maps[1].maps.shape == (14, 14, 64)  # stride 2
    reference = keras.Model(cnn.input, cnn.get_layer("conv2_act").output)(image[None])
    np.testing.assert_allclose(maps[1].maps, np.asarray(reference)[0], rtol=1e-5, atol=1e-6)
    assert (maps[0].maps >= 0).all()  # after the ReLU
    filters = first_filters(cnn)
    np.testing.assert_array_equal(filters[5], cnn.get_layer("conv1").get_weights()[0][:, :, 0, 5])
    assert filters.shape == (32, 3, 3)


def test_a_dense_model_has_no_maps_or_filters():
    mlp = build_model(default_spec("mlp"))
    assert feature_maps(mlp, np.zeros((28, 28), np.float32)) == [] and first_filters(mlp) is None


def test_saliency_of_softmax_regression_is_its_weight_column():
    """For a linear model the gradient of a class's logit with respect to the input is exactly that class's
    weights: shape (28, 28), and the sign of every pixel's contribution."""
    model = build_model(default_spec("softmax"), seed=3)
    image = np.random.default_rng(0).random((28, 28)).astype(np.float32)
    grad, used = saliency(model, image, class_index=4)
    weights = model.get_layer("output").get_weights()[0][:, 4].reshape(28, 28)
    assert used == 4 and grad.shape == (28, 28)
    np.testing.assert_allclose(grad, weights, rtol=1e-5, atol=1e-7)
    probs = np.asarray(model(image[None]))[0]
    _, predicted = saliency(model, image)
    assert predicted == int(np.argmax(probs))


def test_saliency_and_bad_input_are_refused_clearly():
    with pytest.raises(ConfigError, match="classifier"):
        saliency(build_model(default_spec("autoencoder")), np.zeros((28, 28), np.float32))
    with pytest.raises(ConfigError, match="28×28"):
        feature_maps(build_model(default_spec("cnn-compact")), np.zeros((20, 20), np.float32))


def test_codes_and_decoding_compose_to_the_autoencoder(tiny):
    from tensordesk.engine.inspection.insight import decode, encode
    model = build_model(default_spec("autoencoder"), seed=2)
    codes = encode(model, tiny.x_test[:50])
    assert codes.shape == (50, 2)
    images = decode(model, codes)
    assert images.shape == (50, 28, 28) and images.min() >= 0 and images.max() <= 1  # sigmoid pixels
    full = np.asarray(model(tiny.x_test[:50].astype(np.float32) / 255))
    np.testing.assert_allclose(images, full, rtol=1e-5, atol=1e-6)  # decode(encode(x)) is the model
    assert decode(model, [0.5, -1.0]).shape == (1, 28, 28)
    with pytest.raises(ConfigError, match="autoencoder"):
        encode(build_model(default_spec("mlp")), tiny.x_test[:2])

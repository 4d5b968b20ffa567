import numpy as np
import pytest

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.models.architectures import ARCHITECTURES, ModelSpec, build_model, default_spec, layer_summary
from tensordesk.engine.training.config import default_config
from tensordesk.engine.training.trainer import Trainer

EXPECTED_PARAMS = {
    "softmax": 784 * 10 + 10,
    "mlp": 784 * 500 + 500 + 500 * 10 + 10,
    "dnn": 784 * 300 + 300 + 300 * 50 + 50 + 50 * 50 + 50 + 50 * 20 + 20 + 20 * 10 + 10,
    "cnn": (5 * 5 * 32 + 32) + (5 * 5 * 32 * 64 + 64) + (7 * 7 * 64 * 1024 + 1024) + (1024 * 10 + 10),
    "cnn-compact": (9 * 32 + 32) + (9 * 32 * 64 + 64) + (7 * 7 * 64 * 64 + 64) + (64 * 10 + 10),
    "lstm": (28 * 128 + 128) + 4 * (128 * 128 + 128 * 128 + 128) + (128 * 10 + 10),
    "autoencoder": (784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10 + 10 * 2 + 2)
    + (2 * 10 + 10 + 10 * 64 + 64 + 64 * 128 + 128 + 128 * 784 + 784),
}


@pytest.mark.parametrize("arch", list(ARCHITECTURES))
def test_parameter_counts_match_the_seeds(arch):
    model = build_model(default_spec(arch))
    assert model.count_params() == EXPECTED_PARAMS[arch]
    assert len(layer_summary(model)) == len(model.layers)
    out = model(np.zeros((2, 28, 28), np.float32))
    assert tuple(out.shape) == ((2, 10) if ARCHITECTURES[arch].classifier else (2, 28, 28))


@pytest.mark.parametrize("arch", list(ARCHITECTURES))
def test_every_architecture_learns_in_one_epoch(arch, tiny):
    spec = default_spec(arch)
    cfg = default_config(arch, epochs=1 if arch != "autoencoder" else 2, batch_size=32)
    result = Trainer(spec, cfg, tiny).run()
    assert result["state"] == "finished"
    if ARCHITECTURES[arch].classifier:
        assert result["test_accuracy"] > 0.3, result  # chance is 0.1
    else:
        baseline = float(np.mean((tiny.x_test / 255.0 - (tiny.x_train / 255.0).mean(axis=0)) ** 2))
        assert result["test_loss"] < baseline * 1.05  # beats (or matches) always answering the mean digit
        assert result["test_accuracy"] is None


def test_options_change_the_model():
    plain = build_model(default_spec("mlp"))
    bn = build_model(default_spec("mlp", batch_norm=True, dropout=0.3, l2=1e-4, initializer="truncated_normal"))
    names = [layer.name for layer in bn.layers]
    assert "hidden1_bn" in names and "hidden1_dropout" in names
    assert "hidden1_bn" not in [layer.name for layer in plain.layers]
    assert bn.losses  # the L2 penalty is there
    w = bn.get_layer("hidden1").get_weights()[0]
    assert np.abs(w).max() <= 0.2 + 1e-6  # truncated normal, sigma 0.1, cut at 2 sigma


def test_bad_spec_is_refused():
    with pytest.raises(ConfigError, match="unknown architecture"):
        ModelSpec(arch="resnet").validate()
    with pytest.raises(ConfigError, match="dropout"):
        default_spec("mlp", dropout=1.5)


def test_the_autoencoders_defaults_spread_the_digits_over_the_code_plane():
    """At its default settings (5 epochs) the autoencoder's 2-D codes of different digits lie apart: a digit's
    nearest codes are mostly of the same digit (at the seed's batch of 256, 150 steps left them on one dot)."""
    from tensordesk.engine.data.datasets import load_embedded
    from tensordesk.engine.inspection.insight import encode
    data = load_embedded()
    trainer = Trainer(default_spec("autoencoder"), default_config("autoencoder", evaluate_test=False), data)
    trainer.run()
    codes, labels = encode(trainer.model, data.x_test[:1000]), data.y_test[:1000]
    assert np.all(codes.std(axis=0) > 0.1)
    d = ((codes[:, None, :] - codes[None, :, :]) ** 2).sum(-1)
    np.fill_diagonal(d, np.inf)
    nearest = labels[np.argsort(d, axis=1)[:, :5]]
    votes = np.array([np.bincount(v, minlength=10).argmax() for v in nearest])
    assert np.mean(votes == labels) > 0.4   # one dot: about 0.1–0.2

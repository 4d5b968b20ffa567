import numpy as np
import pytest
import tensorflow as tf

from tensordesk.engine.data.augment import AUGMENTATION, RandomStrokeWidth, augmented_examples, make_augmenter
from tensordesk.engine.models.architectures import default_spec
from tensordesk.engine.training.config import default_config
from tensordesk.engine.training.trainer import Trainer


def centre_of_mass(img):
    ys, xs = np.indices(img.shape)
    return (ys * img).sum() / img.sum(), (xs * img).sum() / img.sum()


def test_examples_are_varied_versions_of_the_digit(embedded):
    digit = embedded.x_test[:1]
    out = augmented_examples(digit, count=16, seed=1)
    assert out.shape == (16, 28, 28) and out.dtype == np.float32
    assert 0.0 <= out.min() and out.max() <= 1.0
    original = digit[0].astype(np.float32) / 255
    # every copy still holds the digit's ink (nothing pushed off the field), and they all differ
    masses = out.reshape(16, -1).sum(1)
    assert np.all(masses > 0.4 * original.sum()) and np.all(masses < 2.5 * original.sum())
    assert len({round(float(m), 3) for m in masses}) == 16
    assert np.mean([np.abs(o - original).mean() for o in out]) > 0.02
    # shifts stay within the configured range (±10% of 28 px, plus rotation and zoom about the centre)
    cy0, cx0 = centre_of_mass(original)
    shifts = [np.hypot(*(np.array(centre_of_mass(o)) - (cy0, cx0))) for o in out]
    assert max(shifts) < 28 * (AUGMENTATION["shift"] * 1.5 + 0.15)
    # the same seed gives the same examples
    np.testing.assert_array_equal(out, augmented_examples(digit, count=16, seed=1))


def test_stroke_width_thickens_and_thins():
    line = np.zeros((64, 28, 28, 1), np.float32)
    line[:, 6:22, 13:15, 0] = 1.0   # a 2-px stroke
    layer = RandomStrokeWidth(0.9, seed=3)
    out = np.asarray(layer(tf.constant(line), training=True))
    ink = out.reshape(64, -1).sum(1)
    base = line[0].sum()
    assert ink.max() > 1.5 * base and ink.min() < 0.85 * base
    np.testing.assert_array_equal(np.asarray(layer(tf.constant(line), training=False)), line)


def test_augmenter_is_off_outside_training(embedded):
    x = tf.constant(embedded.x_test[:4].astype(np.float32) / 255)
    aug = make_augmenter(0)
    np.testing.assert_allclose(np.asarray(aug(x, training=False)), np.asarray(x), atol=1e-6)


def test_training_with_augmentation_learns_and_keeps_the_plain_network(tiny):
    cfg = default_config("mlp", epochs=2, augment=True, seed=0)
    trainer = Trainer(default_spec("mlp"), cfg, tiny)
    result = trainer.run()
    assert result["state"] == "finished" and result["test_accuracy"] > 0.6
    plain = Trainer(default_spec("mlp"), default_config("mlp", epochs=1), tiny)
    # the augmentation is not part of the model: the saved network is the same network
    assert [layer.name for layer in trainer.model.layers] == [layer.name for layer in plain.model.layers]
    losses = [h["loss"] for h in result["history"]]
    assert losses[-1] < losses[0]


def test_augmented_training_differs_from_plain(tiny):
    runs = []
    for augment in (False, True):
        t = Trainer(default_spec("softmax"), default_config("softmax", epochs=1, augment=augment, seed=0), tiny)
        t.run()
        runs.append(np.concatenate([np.asarray(v).ravel() for v in t.model.trainable_variables]))
    assert not np.allclose(runs[0], runs[1])


@pytest.mark.parametrize("arch", ["cnn", "autoencoder"])
def test_every_kind_of_network_trains_augmented(arch, tiny):
    cfg = default_config(arch, epochs=1, augment=True, max_train_samples=128, batch_size=32)
    result = Trainer(default_spec(arch), cfg, tiny).run()
    assert result["state"] == "finished" and np.isfinite(result["test_loss"])

"""Other people's handwriting: the continental strokes drawn onto MNIST digits, the elastic distortion, and
how training and the exported script use them."""
import dataclasses

import numpy as np
import pytest
import tensorflow as tf

from tensordesk.engine.data.augment import RandomElastic
from tensordesk.engine.data.writer_styles import (
    INK,
    close_four,
    cross_seven,
    flag_one,
    open_nine,
    restyle,
    style_sets,
    training_source,
)


def first_of(embedded, digit, count=20):
    return embedded.x_test[embedded.y_test == digit][:count].astype(np.float32) / 255.0


def test_a_flag_grows_from_the_top_of_a_one_towards_the_left(embedded):
    rng = np.random.default_rng(0)
    for one in first_of(embedded, 1):
        flagged = flag_one(one, rng)
        added = (flagged > INK) & ~(one > INK)
        assert added.sum() >= 4                                   # a stroke, not a speck
        rows, cols = np.nonzero(one > INK)
        new_rows, new_cols = np.nonzero(added)
        # below the top, in the upper half of the digit (a foot, when there is one, sits on the bottom row)
        flag = new_rows < rows.min() + 0.5 * (rows.max() - rows.min())
        assert flag.sum() >= 3
        top_col = cols[rows == rows.min()].mean()
        assert new_cols[flag].mean() < top_col                    # towards the left of where the 1 starts
        assert np.all(flagged >= one)                             # nothing of the digit is lost


def test_a_bar_crosses_the_stem_of_a_seven(embedded):
    rng = np.random.default_rng(1)
    for seven in first_of(embedded, 7):
        crossed = cross_seven(seven, rng)
        added = (crossed > INK) & ~(seven > INK)
        rows = np.flatnonzero(added.any(1))
        assert len(rows) >= 1
        assert added.sum() >= 3
        row = rows[len(rows) // 2]
        stem = np.flatnonzero(seven[row] > INK)
        cols = np.nonzero(added)[1]
        if len(stem):                                              # around the stem, within the bar's half-length
            assert np.all(np.abs(cols - stem.mean()) <= 0.3 * 20 + 3)
            assert np.any(np.abs(cols - stem.mean()) >= 2)
        top, bottom = np.flatnonzero((seven > INK).any(1))[[0, -1]]
        assert top + 0.3 * (bottom - top) <= rows.mean() <= top + 0.75 * (bottom - top)


def test_an_open_nine_loses_ink_on_its_loops_left_and_nothing_else_changes(embedded):
    rng = np.random.default_rng(2)
    opened = 0
    for nine in first_of(embedded, 9):
        out = open_nine(nine, rng)
        assert np.all(out <= nine)                                 # only lifted, never drawn
        lost = (nine > INK) & ~(out > INK)
        if lost.any():
            opened += 1
            cols = np.flatnonzero((nine > INK).any(0))
            assert np.nonzero(lost)[1].mean() < (cols.min() + cols.max()) / 2   # on the left half
            assert lost.sum() < 0.3 * (nine > INK).sum()            # a gap, not half the digit
    assert opened >= 15


def test_a_closed_four_joins_its_two_tops(embedded):
    rng = np.random.default_rng(3)
    grew = [int(((close_four(f, rng) > INK) & ~(f > INK)).sum()) for f in first_of(embedded, 4)]
    assert sum(g > 2 for g in grew) >= 15


def test_restyle_changes_about_half_the_ones_sevens_and_nines_and_nothing_else(embedded):
    x, y = embedded.x_train[:3000], embedded.y_train[:3000]
    out = restyle(x, y, seed=4)
    assert out.dtype == np.uint8 and out.shape == x.shape
    changed = np.any(out != x, axis=(1, 2))
    assert not changed[~np.isin(y, [1, 7, 9])].any()
    for digit in (1, 7, 9):
        share = changed[y == digit].mean()
        assert 0.3 < share < 0.7, (digit, share)
    np.testing.assert_array_equal(out, restyle(x, y, seed=4))            # a seed gives the same digits
    assert np.any(out != restyle(x, y, seed=5))
    floats = restyle(x[:200].astype(np.float32) / 255, y[:200], seed=4)   # floats in [0, 1] work the same
    np.testing.assert_allclose(floats * 255, restyle(x[:200], y[:200], seed=4), atol=0.51)


def test_the_exported_styles_run_alone_and_draw_the_same(embedded):
    namespace = {"np": np}
    exec(training_source(), namespace)          # numpy only: what the exported script carries
    x, y = embedded.x_train[:500], embedded.y_train[:500]
    np.testing.assert_array_equal(namespace["restyle"](x, y, seed=3), restyle(x, y, seed=3))


def test_style_sets_are_built_from_the_digits_given(embedded):
    sets = style_sets(embedded.x_test[:400], embedded.y_test[:400])
    assert set(sets) >= {"flagged 1s", "crossed 7s", "open 9s", "closed 4s"}
    assert set(np.unique(sets["crossed 7s"][1])) == {7}
    assert len(sets["slanted (shear 0.3–0.5)"][1]) == 400
    for x, _ in sets.values():
        assert x.dtype == np.float32 and x.shape[1:] == (28, 28) and 0 <= x.min() and x.max() <= 1


def test_elastic_distortion_moves_strokes_keeps_the_ink_and_is_off_outside_training(embedded):
    x = tf.constant(embedded.x_test[:64, :, :, None].astype(np.float32) / 255)
    layer = RandomElastic(34.0, 4.0, share=1.0, seed=0)
    out = np.asarray(layer(x, training=True))
    assert out.shape == x.shape
    before, after = np.asarray(x).reshape(64, -1), out.reshape(64, -1)
    assert np.all(np.abs(after - before).mean(1) > 0.01)                  # every image moved
    ratio = after.sum(1) / before.sum(1)
    assert np.all((ratio > 0.5) & (ratio < 1.8)) and 0.9 < np.median(ratio) < 1.2   # warped, not torn or smeared
    np.testing.assert_array_equal(np.asarray(layer(x, training=False)), np.asarray(x))
    half = np.asarray(RandomElastic(34.0, 4.0, share=0.5, seed=1)(x, training=True)).reshape(64, -1)
    untouched = np.all(half == before, axis=1).mean()
    assert 0.25 < untouched < 0.75


def test_elastic_distortion_is_smooth_not_noise():
    # a field smoothed over 4 px moves neighbouring pixels together: a straight bar stays one connected bar
    bar = np.zeros((16, 28, 28, 1), np.float32)
    bar[:, 6:22, 13:15, 0] = 1.0
    out = np.asarray(RandomElastic(34.0, 4.0, share=1.0, seed=2)(tf.constant(bar), training=True))[..., 0]
    from scipy.ndimage import label
    pieces = [label(o > 0.3)[1] for o in out]
    assert max(pieces) <= 2 and np.mean(pieces) < 1.3


@pytest.mark.parametrize("name, styled", [("mnist-embedded", True), ("fashion", False)])
def test_training_writes_continental_digits_only_for_mnist(embedded, name, styled):
    from tensordesk.engine.models.architectures import default_spec
    from tensordesk.engine.training.config import default_config
    from tensordesk.engine.training.trainer import Trainer
    data = dataclasses.replace(embedded, name=name, x_train=embedded.x_train[:600], y_train=embedded.y_train[:600])
    trainer = Trainer(default_spec("softmax"), default_config("softmax", epochs=1, augment=True, seed=0), data)
    seen = trainer.training_images
    assert np.any(seen != data.x_train) == styled
    changed = np.any(seen != data.x_train, axis=(1, 2))
    assert not changed[~np.isin(data.y_train, [1, 7, 9])].any()
    plain = Trainer(default_spec("softmax"), default_config("softmax", epochs=1, seed=0), data)
    assert np.array_equal(plain.training_images, data.x_train)           # without --augment: as they are

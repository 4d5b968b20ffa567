import numpy as np
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image

from tensordesk.engine.preprocess import load_image, preprocess_digit


def place(digit28, canvas=280, scale=6.0, top=20, left=30, paper_white=False):
    """Blow a 28×28 digit up and put it anywhere on a big canvas, as a user would draw it."""
    size = int(28 * scale)
    big = np.asarray(Image.fromarray(digit28).resize((size, size), Image.Resampling.BILINEAR), np.float32) / 255
    out = np.zeros((canvas, canvas), np.float32)
    out[top: top + size, left: left + size] = big[: canvas - top, : canvas - left]
    return 1 - out if paper_white else out


def corr(a, b):
    return float(np.corrcoef(a.ravel(), b.ravel())[0, 1])


def test_position_and_size_do_not_matter(embedded):
    scores = []
    for digit in embedded.x_test[:20]:
        ref = preprocess_digit(digit)
        assert ref.shape == (28, 28) and ref.dtype == np.float32 and 0 <= ref.min() and ref.max() <= 1
        # the same drawing anywhere on the canvas gives the same network input
        same = [preprocess_digit(place(digit, scale=4.0, top=t, left=l)) for t, l in ((0, 0), (150, 160), (70, 10))]
        assert min(corr(same[0], s) for s in same[1:]) > 0.99
        # and small or large drawings stay close to MNIST's own version
        scores += [corr(ref, preprocess_digit(place(digit, scale=sc, top=20, left=30))) for sc in (2.0, 5.0, 9.0)]
    assert np.mean(scores) > 0.9 and np.min(scores) > 0.65


def test_box_is_20px_and_centre_of_mass_is_central(embedded):
    got = preprocess_digit(place(embedded.x_test[0], top=100, left=0))
    rows = np.flatnonzero(got.max(axis=1) > 0.1)
    cols = np.flatnonzero(got.max(axis=0) > 0.1)
    assert max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1 in (19, 20, 21)
    ys, xs = np.indices(got.shape)
    assert abs((ys * got).sum() / got.sum() - 13.5) < 1.0 and abs((xs * got).sum() / got.sum() - 13.5) < 1.0


def test_dark_ink_on_white_paper_is_inverted(embedded):
    digit = embedded.x_test[3]
    assert corr(preprocess_digit(place(digit)), preprocess_digit(place(digit, paper_white=True))) > 0.99


def test_empty_images_are_nothing_drawn():
    assert preprocess_digit(np.zeros((300, 300))) is None
    assert preprocess_digit(np.ones((50, 80), np.float32)) is None  # blank white paper
    assert preprocess_digit(np.zeros((0, 0))) is None


def test_colour_and_alpha_files(tmp_path, embedded):
    digit = embedded.x_test[5]
    rgba = np.zeros((100, 100, 4), np.uint8)
    rgba[20:48, 30:58, 3] = digit  # black ink, drawn with alpha on a transparent background
    path = tmp_path / "d.png"
    Image.fromarray(rgba, "RGBA").save(path)
    got = preprocess_digit(load_image(path))
    assert corr(got, preprocess_digit(digit)) > 0.95


@settings(max_examples=60, deadline=None)
@given(arrays(np.float32, st.tuples(st.integers(1, 120), st.integers(1, 120)),
              elements=st.floats(-5, 300, allow_nan=False, width=32)))
def test_random_gray_images_never_raise(img):
    out = preprocess_digit(img)
    assert out is None or (out.shape == (28, 28) and np.isfinite(out).all())


@settings(max_examples=30, deadline=None)
@given(arrays(np.uint8, st.tuples(st.integers(1, 64), st.integers(1, 64), st.sampled_from([1, 3, 4]))))
def test_random_colour_images_never_raise(img):
    out = preprocess_digit(img)
    assert out is None or out.shape == (28, 28)

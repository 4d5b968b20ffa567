import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image

from tensordesk.engine.data.preprocess import load_image, preprocess_digit


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
        same = [preprocess_digit(place(digit, scale=4.0, top=top, left=left)) for top, left in ((0, 0), (150, 160), (70, 10))]
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


# --------------------------------------------------------------------------- photos of digits on paper

def test_photos_of_digits_on_paper_read_like_mnist(embedded):
    """Generated photos (tinted paper, uneven light, grain, ruled lines, clutter, JPEG) come out close to the
    digit's own MNIST image: the paper is gone, the ink is full scale and centred."""
    from tensordesk.engine.data.photos import photo_set
    photos, labels = photo_set(embedded.x_test, embedded.y_test, 40, seed=3)
    scores, backgrounds = [], []
    for photo, digit in zip(photos, embedded.x_test[:40]):
        assert photo.ndim == 3 and photo.shape[2] == 3 and photo.dtype == np.uint8
        got = preprocess_digit(photo)
        assert got is not None and got.shape == (28, 28)
        scores.append(corr(got, preprocess_digit(digit)))
        backgrounds.append(np.median(got))   # the paper does not survive as a grey field
    assert np.median(scores) > 0.8 and np.mean(np.array(scores) > 0.6) >= 0.9
    assert max(backgrounds) == 0.0


def test_uneven_light_and_grey_paper(embedded):
    """A dark digit on grey paper lit from one side, darker than the paper's far side: still the digit."""
    digit = embedded.x_test[7]
    ink = place(digit, canvas=200, scale=5.0, top=40, left=50) > 0.4
    ys, xs = np.mgrid[0:200, 0:200]
    paper = 0.35 + 0.4 * xs / 200          # 0.35 (dark side) .. 0.75 (lit side)
    photo = np.where(ink, 0.12 + 0.1 * xs / 200, paper) + np.random.default_rng(0).normal(0, 0.02, (200, 200))
    got = preprocess_digit(np.clip(photo, 0, 1))
    assert corr(got, preprocess_digit(digit)) > 0.75
    assert np.median(got) == 0.0


def test_clutter_at_the_edges_is_dropped(embedded):
    digit = embedded.x_test[11]
    clean = 1 - place(digit, canvas=240, scale=5.0, top=50, left=60) * 0.85
    cluttered = clean.copy()
    cluttered[:, :6] = 0.2          # the dark edge of a desk beside the page
    cluttered[236:, 150:235] = 0.1      # a pen mark along the bottom edge
    scan = np.clip(cluttered + np.random.default_rng(1).normal(0, 0.01, cluttered.shape), 0, 1)
    photo = np.clip(cluttered * 0.85 + np.random.default_rng(2).normal(0, 0.04, cluttered.shape), 0, 1)
    without = preprocess_digit(clean)
    assert corr(preprocess_digit(scan), without) > 0.98      # a clean scan: the same as without the clutter
    assert corr(preprocess_digit(photo), without) > 0.85     # grainy paper: cleaned, the clutter still gone
    assert corr(preprocess_digit(np.clip(cluttered, 0, 1)[:, 8:]), without) > 0.98


def test_canvas_drawings_take_the_unchanged_path(embedded):
    """Light ink on a clean black canvas is not 'cleaned': the MNIST recipe sees exactly the drawing."""
    from tensordesk.engine.data.preprocess import flat_background
    drawing = place(embedded.x_test[2])
    assert flat_background(drawing)
    grainy = drawing * 0.8 + 0.1 + np.random.default_rng(0).normal(0, 0.03, drawing.shape)
    assert not flat_background(np.clip(grainy, 0, 1))   # the same on grainy grey paper is a photo
    # a digital image on a flat grey background: the grey is background, not ink
    grey = 0.4 + 0.6 * place(embedded.x_test[2])
    assert corr(preprocess_digit(grey), preprocess_digit(embedded.x_test[2])) > 0.95

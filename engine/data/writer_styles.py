"""Ways of writing digits that MNIST's writers (American census staff and students) seldom use, drawn onto
MNIST digits: the flag and foot of a continental 1, the bar across a 7's stem, a 4 whose top is closed, a slant,
the blur of an 8 × 8 scan.

Training uses the first two (`restyle`, with `--augment` on a digit data set): without them the shipped model read
half of other people's crossed 7s as 3s or 2s. The benchmark `bench/writer_styles.py` builds a test set of each
style from the test split (`style_sets`), so each can be measured apart from the training images.

Images are (28, 28) floats in [0, 1], light ink on dark, as MNIST's. A stroke is drawn as a segment of the
digit's own pen width (twice its ink's area over its outline's) and ink level. The training styles need only
numpy, so the exported script carries them (`training_source`).
"""
from __future__ import annotations

import numpy as np

INK = 0.35                  # a pixel above this is ink
SIDE = 28
STYLE_SHARE = 0.5           # the share of training 1s and 7s given the other style, anew for each run
_GRID = np.mgrid[0:SIDE, 0:SIDE].astype(np.float32)


def _segment(r0: float, c0: float, r1: float, c1: float, width: float) -> np.ndarray:
    """A pen stroke from (r0, c0) to (r1, c1), `width` px wide, edges anti-aliased: (28, 28) in [0, 1]."""
    pr, pc = _GRID
    dr, dc = r1 - r0, c1 - c0
    t = np.clip(((pr - r0) * dr + (pc - c0) * dc) / max(dr * dr + dc * dc, 1e-6), 0.0, 1.0)
    distance = np.hypot(pr - (r0 + t * dr), pc - (c0 + t * dc))
    return np.clip(width / 2 + 0.5 - distance, 0.0, 1.0)


class _Pen:
    """What a stroke added to `image` should look like: the ink's rows and the pen's width and level."""

    def __init__(self, image: np.ndarray):
        self.ink = ink = image > INK
        rows = np.flatnonzero(ink.any(1))
        self.ok = len(rows) >= 4
        if self.ok:
            self.top, self.bottom = int(rows[0]), int(rows[-1])
            self.height = self.bottom - self.top
            inside = ink.copy()   # ink whose four neighbours are ink too; the rest is the outline
            inside[1:] &= ink[:-1]
            inside[:-1] &= ink[1:]
            inside[:, 1:] &= ink[:, :-1]
            inside[:, :-1] &= ink[:, 1:]
            outline = max(int((ink & ~inside).sum()), 1)
            self.width = float(np.clip(2.0 * ink.sum() / outline, 1.5, 4.0))   # a stroke w px wide: 2/w of it
            self.level = float(image[ink].mean())

    def centre(self, row: int, cols: slice = slice(None)) -> float:
        """The mean column of the ink in `row` (within `cols`); NaN where the row has none."""
        found = np.flatnonzero(self.ink[row, cols])
        return float("nan") if len(found) == 0 else float(found.mean()) + (cols.start or 0)

    def draw(self, image: np.ndarray, r0: float, c0: float, r1: float, c1: float) -> np.ndarray:
        return np.maximum(image, self.level * _segment(r0, c0, r1, c1, self.width))


def flag_one(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A continental 1: a flag from its top, 35–65° from the stem towards the left; a foot on 40% of them."""
    pen = _Pen(image)
    if not pen.ok:
        return image
    top_c, bottom_c = pen.centre(pen.top), pen.centre(pen.bottom)
    angle = np.arctan2(bottom_c - top_c, pen.height) - np.radians(rng.uniform(35, 65))
    length = pen.height * rng.uniform(0.25, 0.42)
    out = pen.draw(image, pen.top, top_c, pen.top + length * np.cos(angle), top_c + length * np.sin(angle))
    if rng.random() < 0.4:
        half = pen.height * rng.uniform(0.15, 0.3)
        out = pen.draw(out, pen.bottom, bottom_c - half, pen.bottom, bottom_c + half)
    return out


def cross_seven(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A crossed 7: a short bar, slightly tilted, across the stem a little below the middle."""
    pen = _Pen(image)
    if not pen.ok:
        return image
    row = int(round(pen.top + pen.height * rng.uniform(0.45, 0.62)))
    c = pen.centre(row)
    if np.isnan(c):
        return image
    half, tilt = pen.height * rng.uniform(0.15, 0.28), pen.height * rng.uniform(-0.06, 0.06)
    return pen.draw(image, row + tilt, c - half, row - tilt, c + half)


def open_nine(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A 9 whose loop is left open at its lower left: a piece of the stroke there is lifted."""
    pen = _Pen(image)
    if not pen.ok:
        return image
    rows = []   # the loop's rows: two strokes or more across, in the upper two thirds
    for row in range(pen.top, pen.top + int(pen.height * 0.66) + 1):
        ink = pen.ink[row]
        if np.count_nonzero(ink & ~np.concatenate([[False], ink[:-1]])) >= 2:
            rows.append(row)
    if len(rows) < 3:
        return image
    bottom = rows[-1]
    first = max(rows[0], bottom - int(rng.integers(0, 2)))
    left = min(int(np.flatnonzero(pen.ink[r])[0]) for r in range(first, bottom + 1))
    out = image.copy()
    out[first:bottom + 2, max(left - 1, 0):left + int(round(pen.width)) + 1] = 0.0
    return out


def close_four(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A closed 4: the tops of its left arm and of its stem joined by a stroke."""
    pen = _Pen(image)
    if not pen.ok:
        return image
    cols = np.flatnonzero(pen.ink.any(0))
    mid = int((cols[0] + cols[-1]) // 2)
    left, right = pen.ink[:, :mid], pen.ink[:, mid:]
    if not left.any() or not right.any():
        return image
    r_left, r_right = int(np.flatnonzero(left.any(1))[0]), int(np.flatnonzero(right.any(1))[0])
    return pen.draw(image, r_left, pen.centre(r_left, slice(0, mid)), r_right, pen.centre(r_right, slice(mid, None)))


def slant(image: np.ndarray, rng: np.random.Generator, shear: tuple[float, float] = (0.3, 0.5)) -> np.ndarray:
    """Slanted by a shear of `shear` (either way), about the image's centre."""
    from skimage.transform import AffineTransform, warp
    s = rng.choice([-1.0, 1.0]) * rng.uniform(*shear)
    centre = AffineTransform(translation=(-SIDE / 2, -SIDE / 2))
    tilt = AffineTransform(matrix=np.array([[1.0, s, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]))
    back = AffineTransform(translation=(SIDE / 2, SIDE / 2))
    return warp(image, (centre + tilt + back).inverse, order=1, mode="constant").astype(np.float32)


def low_resolution(image: np.ndarray, rng: np.random.Generator, side: tuple[int, int] = (9, 11)) -> np.ndarray:
    """Scanned at `side` px (the digit's box then about 8 px, as an 8 × 8 scan) and enlarged again."""
    from PIL import Image
    s = int(rng.integers(side[0], side[1] + 1))
    small = Image.fromarray(image.astype(np.float32), "F").resize((s, s), Image.Resampling.BOX)
    return np.asarray(small.resize((SIDE, SIDE), Image.Resampling.BILINEAR), np.float32)


TRAINING_STYLES = {1: flag_one, 7: cross_seven, 9: open_nine}
_TRAINING_PARTS = ("INK", "SIDE", "STYLE_SHARE", "_GRID", "_segment", "_Pen", "flag_one", "cross_seven",
                   "open_nine", "TRAINING_STYLES", "restyle")


def restyle(images: np.ndarray, labels: np.ndarray, share: float = STYLE_SHARE, seed: int = 0) -> np.ndarray:
    """A copy of training `images` (uint8, or floats in [0, 1]) where `share` of the 1s and 7s are written the
    continental way."""
    rng = np.random.default_rng(seed)
    out = np.array(images, copy=True)
    scale = 255.0 if out.dtype == np.uint8 else 1.0
    for digit, style in TRAINING_STYLES.items():
        for i in np.flatnonzero(np.asarray(labels) == digit):
            if rng.random() < share:
                drawn = style(out[i].astype(np.float32) / scale, rng) * scale
                out[i] = np.round(drawn) if scale > 1 else drawn
    return out


def style_sets(images: np.ndarray, labels: np.ndarray, seed: int = 1) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Test sets, one per style, from (test) uint8 images: name → ((N, 28, 28) floats in [0, 1], labels)."""
    rng = np.random.default_rng(seed)
    x = np.asarray(images, np.float32) / 255.0
    y = np.asarray(labels)

    def each(style, digits=None):
        pick = np.flatnonzero(np.isin(y, digits)) if digits is not None else np.arange(len(y))
        return np.stack([np.clip(style(x[i], rng), 0, 1) for i in pick]).astype(np.float32), y[pick]

    return {"flagged 1s": each(flag_one, [1]), "crossed 7s": each(cross_seven, [7]), "open 9s": each(open_nine, [9]),
            "closed 4s": each(close_four, [4]), "slanted (shear 0.3–0.5)": each(slant),
            "low resolution (8 px scan)": each(low_resolution)}


def training_source() -> str:
    """The training styles as standalone Python (numpy only), for the exported script."""
    import inspect
    import sys
    module = sys.modules[__name__]
    lines = inspect.getsource(module).splitlines()
    pieces: list[list[str]] = []   # in order; neighbouring constants share a piece
    for name in _TRAINING_PARTS:
        obj = getattr(module, name)
        if callable(obj):
            pieces.append([inspect.getsource(obj).rstrip()])
        else:
            line = next(text for text in lines if text.startswith(f"{name} ="))
            if pieces and not callable(getattr(module, _TRAINING_PARTS[_TRAINING_PARTS.index(name) - 1])):
                pieces[-1].append(line)
            else:
                pieces.append([line])
    return "\n\n\n".join("\n".join(piece) for piece in pieces) + "\n"

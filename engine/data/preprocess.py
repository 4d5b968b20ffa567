"""MNIST's own recipe for turning a drawn or photographed digit into the 28×28 image the network sees.

Grayscale → light ink on dark → (photos and scans: the paper removed, see `clean_paper`) → crop to the ink →
longer side to 20 px (aspect kept, anti-aliased) → pasted in 28×28 with the centre of mass at the centre.
This is what makes a digit drawn small, large or off-centre, or written on paper and photographed, look like
the training data.
"""
from __future__ import annotations

import os
import threading

import numpy as np
from PIL import Image

from tensordesk.engine.core.errors import DataError

INK_THRESHOLD = 0.1   # pixels above this (of full scale) count as ink
MIN_INK = 0.02        # a canvas whose brightest pixel is below this is empty
CLEAN_LEVEL = 0.02    # a background that varies less than this is one level (a canvas, a digital image), not paper
WORK_SIDE = 256       # photos are cleaned at this size (longer side); the digit needs far fewer pixels
MIN_CONTRAST = 0.12   # ink must be at least this much darker than its paper (relative), else it is grain


_SKIMAGE: tuple | None = None
_SKIMAGE_LOCK = threading.Lock()


def _skimage() -> tuple:
    """scikit-image's filters, measure, morphology and transform, imported once under a lock: its lazy loader
    resolves a function on first use, which is not safe when two threads (the window, a folder being read) do
    it at once."""
    global _SKIMAGE
    with _SKIMAGE_LOCK:
        if _SKIMAGE is None:
            from skimage import filters, measure, morphology, transform
            for module, names in ((filters, ("gaussian", "median", "threshold_otsu")),
                                  (measure, ("label", "regionprops")),
                                  (morphology, ("disk", "opening", "dilation")), (transform, ("resize",))):
                for name in names:
                    getattr(module, name)
            _SKIMAGE = (filters, measure, morphology, transform)
    return _SKIMAGE


def warm_up() -> None:
    """Import scikit-image's pieces now (in a worker thread at startup), not on the window's first drawing: the
    import takes about half a second."""
    _skimage()


def to_gray(image: np.ndarray) -> np.ndarray:
    """Any (H, W), (H, W, 3) or (H, W, 4) array, uint8 or float, → (H, W) float32 in [0, 1].

    Transparent pixels become white paper, so dark ink on a transparent background reads as ink; light ink on a
    transparent background (a canvas drawn in white, its background never painted) gets dark paper instead.
    """
    a = np.asarray(image)
    scale = 255.0 if a.dtype == np.uint8 or (a.size and np.nanmax(a) > 1.0) else 1.0
    a = np.nan_to_num(a.astype(np.float32) / scale, nan=0.0, posinf=1.0, neginf=0.0)
    if a.ndim == 3 and a.shape[2] in (3, 4):
        gray = a[..., :3] @ np.array([0.299, 0.587, 0.114], np.float32)
        if a.shape[2] == 4:
            alpha = np.clip(a[..., 3], 0, 1)
            opaque = alpha > 0.5
            light_strokes = 0 < opaque.mean() < 0.5 and float(gray[opaque].mean()) > 0.5
            paper = 0.0 if light_strokes else 1.0
            gray = gray * alpha + paper * (1.0 - alpha)
        a = gray
    elif a.ndim == 3 and a.shape[2] == 1:
        a = a[..., 0]
    if a.ndim != 2:
        raise DataError(f"an image must be 2-D (gray) or 3-D (colour); got shape {a.shape}.")
    return np.clip(a, 0.0, 1.0)


def _work_size(gray: np.ndarray) -> np.ndarray:
    """Photos are judged and cleaned at `WORK_SIDE` (longer side): full camera resolution costs seconds and
    gains nothing for a 20-pixel digit."""
    h, w = gray.shape
    if max(h, w) <= WORK_SIDE:
        return gray
    filters, measure, morphology, transform = _skimage()
    f = WORK_SIDE / max(h, w)
    return transform.resize(gray, (max(1, round(h * f)), max(1, round(w * f))), anti_aliasing=True).astype(np.float32)


def _stroke_radius(gray: np.ndarray) -> int:
    """Wider than any stroke: a digit filling the photo has strokes ~1/10 of it wide."""
    return max(2, max(gray.shape) // 12)


def _ink_on_dark(gray: np.ndarray) -> np.ndarray:
    """Light ink on dark, whichever way round it came.

    A clean border (a canvas) says which side is the background. Otherwise the background is the side whose
    values are flat: a digital image's background is one level, its ink is not (anti-aliasing, pressure).
    Paper in a photo is not flat either (light, grain), and its light varies more over the page than the ink
    covers it; there the image is compared with its local median (the paper's level, whichever way round: the
    ink is a minority in any window much wider than a stroke), and the ink is on the side the differences
    reach far: skewed dark for ink on paper, light for chalk on a board."""
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    low, high = np.percentile(border, (5, 95))
    if high - low <= CLEAN_LEVEL or min(gray.shape) < 8:
        return 1.0 - gray if float(np.median(border)) > 0.5 else gray
    p1, p20, p50, p80, p99 = np.percentile(gray, (1, 20, 50, 80, 99))
    flat_low, flat_high = p20 - p1 <= CLEAN_LEVEL, p99 - p80 <= CLEAN_LEVEL
    if flat_low and flat_high:   # two levels: the background is the one most pixels have
        return 1.0 - gray if p50 > (p20 + p80) / 2 else gray
    if flat_low != flat_high:
        return 1.0 - gray if flat_high else gray
    filters, measure, morphology, transform = _skimage()
    small = _work_size(gray)
    coarse = transform.resize(small, (max(8, small.shape[0] // 4), max(8, small.shape[1] // 4)), anti_aliasing=True)
    level = filters.median(coarse, morphology.disk(max(2, max(coarse.shape) // 6)))
    residual = small - transform.resize(level, small.shape, order=1)
    return 1.0 - gray if float(np.mean(residual ** 3)) < 0 else gray


def flat_background(ink: np.ndarray) -> bool:
    """True when light ink lies on a background of one level (the canvas, MNIST, a digital image), which the
    MNIST recipe takes as it is; False for paper in a photo or scan, whose grain and shading vary."""
    p1, p20 = np.percentile(ink, (1, 20))
    return bool(p20 - p1 <= CLEAN_LEVEL)


def digit_pieces(mask: np.ndarray, only_with_edge_clutter: bool = False) -> np.ndarray:
    """The pixels of `mask` (H, W bool: ink) that belong to the digit: the largest piece away from the image's
    edges and the pieces big and near enough to it (a 5's separate bar, a 4 written in two strokes); clutter at
    the edges and specks are dropped. Pieces are judged after joining strokes a pen broke.

    With `only_with_edge_clutter`, the mask comes back as it is unless some ink touches the edges (a drawing
    whose strokes are all its own keeps every stroke)."""
    filters, measure, morphology, transform = _skimage()
    side = max(mask.shape)
    joined = morphology.dilation(mask, morphology.disk(max(1, side // 64)))
    labels = measure.label(joined, connectivity=2)
    regions = measure.regionprops(labels)
    if not regions:
        return mask
    height, width = labels.shape

    def touches_edge(r):
        top, left, bottom, right = r.bbox
        return top == 0 or left == 0 or bottom == height or right == width

    inner = [r for r in regions if not touches_edge(r)]
    if only_with_edge_clutter and (len(inner) == len(regions) or not inner):
        return mask
    inner = inner or regions
    main = max(inner, key=lambda r: r.area)
    top, left, bottom, right = main.bbox
    reach = 0.3 * max(bottom - top, right - left)
    keep = np.zeros(len(regions) + 1, bool)
    for r in inner:
        rt, rl, rb, rr = r.bbox
        gap = max(rt - bottom, top - rb, rl - right, left - rr, 0)
        if r is main or (r.area >= 0.15 * main.area and gap <= reach):
            keep[r.label] = True
    return keep[labels] & mask


def clean_paper(ink: np.ndarray) -> np.ndarray:
    """A photo or scan, inverted to light ink on dark paper (H, W) → the ink alone on black, full scale.

    The paper's own level (uneven light, shadow, tint, grain) is estimated by a grey opening wider than a
    stroke and taken away; the ink is judged against its local paper, thresholded (Otsu's method, and at
    least a share of the strongest ink, so faint ruled lines and grain drop out), and only the digit's
    connected pieces are kept: the largest one away from the edges and those big and near enough to it
    (clutter at the edges and specks go). Ruled lines and margins, which cross the whole page, are taken
    away with the paper."""
    filters, measure, morphology, transform = _skimage()
    ink = _work_size(ink).astype(np.float32)
    side = max(ink.shape)
    radius = 3 * _stroke_radius(ink) // 2   # a digit filling the frame has strokes up to ~1/6 of it wide
    paper = morphology.opening(ink, morphology.disk(radius, decomposition="sequence"))
    paper = filters.gaussian(paper, sigma=radius / 4, preserve_range=True)
    # relative darkness of the ink against its own patch of paper: 1 − gray / paper_gray
    paper_gray = np.clip(1.0 - paper, 0.05, 1.0)
    rel = np.clip((ink - paper) / paper_gray, 0.0, 1.0)
    # ruled lines and margins run across the whole page; a digit leaves more than a third of each row and column
    # free
    rel = np.clip(rel - np.percentile(rel, 35, axis=1, keepdims=True), 0.0, None)
    rel = np.clip(rel - np.percentile(rel, 35, axis=0, keepdims=True), 0.0, None)
    rel = filters.gaussian(rel, sigma=max(0.5, side / 400), preserve_range=True)  # grain, JPEG blocks
    peak = float(np.percentile(rel, 99.9))
    if peak < MIN_CONTRAST:
        return np.zeros_like(rel)
    level = max(float(filters.threshold_otsu(rel)), MIN_CONTRAST, 0.4 * peak)
    mask = rel > level
    kept = digit_pieces(mask)
    digit = morphology.dilation(kept, morphology.disk(1))    # the strokes' anti-aliased edges
    ink_level = float(np.percentile(rel[kept & mask], 90)) if np.any(kept & mask) else 1.0
    return np.clip(rel / max(ink_level, 1e-3), 0.0, 1.0).astype(np.float32) * digit


def preprocess_digit(image: np.ndarray) -> np.ndarray | None:
    """(H, W[, C]) image → (28, 28) float32 in [0, 1] as MNIST would have it, or None when nothing is drawn.

    A drawing on a clean dark or white background goes straight to the MNIST recipe; a photo or scan of
    paper has its paper removed first (`clean_paper`)."""
    gray = to_gray(image)
    if gray.size == 0:
        return None
    gray = _ink_on_dark(gray)
    if not flat_background(gray):
        gray = clean_paper(gray)
    else:
        floor = float(np.percentile(gray, 20))   # a grey digital background is not ink
        if floor > CLEAN_LEVEL:
            gray = np.clip((gray - floor) / (1.0 - floor), 0.0, 1.0) if floor < 1.0 else np.zeros_like(gray)
        small = _work_size(gray)
        ink = small > INK_THRESHOLD * float(small.max(initial=0.0))
        if ink.any() and min(gray.shape) >= 8:   # a clean scan with a mark at its edge
            kept = digit_pieces(ink, only_with_edge_clutter=True)
            if kept is not ink:
                filters, measure, morphology, transform = _skimage()
                kept = morphology.dilation(kept, morphology.disk(1))
                if kept.shape != gray.shape:
                    kept = transform.resize(kept, gray.shape, order=0) > 0
                gray = gray * kept
    return mnist_recipe(gray)


def mnist_recipe(ink: np.ndarray) -> np.ndarray | None:
    """Light ink on black (H, W) → MNIST's 28×28: full-scale ink, cropped, the longer side 20 px, the centre of
    mass at the centre of the field; None when there is no ink."""
    gray = ink
    peak = float(gray.max(initial=0.0))
    if peak < MIN_INK:
        return None
    gray = gray / peak  # full-scale ink regardless of pen pressure or photo exposure
    rows = np.flatnonzero(gray.max(axis=1) > INK_THRESHOLD)
    cols = np.flatnonzero(gray.max(axis=0) > INK_THRESHOLD)
    if len(rows) == 0 or len(cols) == 0:
        return None
    crop = gray[rows[0]: rows[-1] + 1, cols[0]: cols[-1] + 1]
    h, w = crop.shape
    scale = 20.0 / max(h, w)
    new_h, new_w = max(1, int(round(h * scale))), max(1, int(round(w * scale)))
    pil = Image.fromarray((crop * 255).astype(np.uint8), mode="L")
    small = np.asarray(pil.resize((new_w, new_h), Image.Resampling.LANCZOS if max(h, w) > 20 else
                                  Image.Resampling.BILINEAR), dtype=np.float32) / 255.0
    # centre of mass of the 20-px box goes to the centre of the 28×28 field
    total = small.sum()
    if total <= 0:
        return None
    ys, xs = np.indices(small.shape)
    cy, cx = (ys * small).sum() / total, (xs * small).sum() / total
    top = int(round(13.5 - cy))  # pixel centres: the field's centre lies at index 13.5
    left = int(round(13.5 - cx))
    top = min(max(top, 0), 28 - new_h)
    left = min(max(left, 0), 28 - new_w)
    out = np.zeros((28, 28), np.float32)
    out[top: top + new_h, left: left + new_w] = small
    return np.clip(out, 0.0, 1.0)


def load_image(path: str | os.PathLike) -> np.ndarray:
    """Read an image file as (H, W) float32 gray in [0, 1]; a clear DataError for unreadable files."""
    try:
        with Image.open(path) as img:
            img.load()
            if img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info:
                return to_gray(np.asarray(img.convert("RGBA")))
            return to_gray(np.asarray(img.convert("L")))
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise DataError(f"{path}: cannot read the image ({exc}).") from exc

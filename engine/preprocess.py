"""MNIST's own recipe for turning a drawn or photographed digit into the 28×28 image the network sees.

Grayscale → light ink on dark → crop to the ink → longer side to 20 px (aspect kept, anti-aliased) →
pasted in 28×28 with the centre of mass at the centre. This is what makes a digit drawn small, large
or off-centre look like the training data.
"""
from __future__ import annotations

import os

import numpy as np
from PIL import Image

from tensordesk.engine.errors import DataError

INK_THRESHOLD = 0.1   # pixels above this (of full scale) count as ink
MIN_INK = 0.02        # a canvas whose brightest pixel is below this is empty


def to_gray(image: np.ndarray) -> np.ndarray:
    """Any (H, W), (H, W, 3) or (H, W, 4) array, uint8 or float, → (H, W) float32 in [0, 1].

    Transparent pixels become white paper, so dark ink on a transparent background reads as ink.
    """
    a = np.asarray(image)
    scale = 255.0 if a.dtype == np.uint8 or (a.size and np.nanmax(a) > 1.0) else 1.0
    a = np.nan_to_num(a.astype(np.float32) / scale, nan=0.0, posinf=1.0, neginf=0.0)
    if a.ndim == 3 and a.shape[2] in (3, 4):
        gray = a[..., :3] @ np.array([0.299, 0.587, 0.114], np.float32)
        if a.shape[2] == 4:
            alpha = np.clip(a[..., 3], 0, 1)
            gray = gray * alpha + (1.0 - alpha)
        a = gray
    elif a.ndim == 3 and a.shape[2] == 1:
        a = a[..., 0]
    if a.ndim != 2:
        raise DataError(f"an image must be 2-D (gray) or 3-D (colour); got shape {a.shape}.")
    return np.clip(a, 0.0, 1.0)


def _ink_on_dark(gray: np.ndarray) -> np.ndarray:
    """Invert dark ink on light paper, judging the paper by the image's border."""
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    return 1.0 - gray if float(np.median(border)) > 0.5 else gray


def preprocess_digit(image: np.ndarray) -> np.ndarray | None:
    """(H, W[, C]) image → (28, 28) float32 in [0, 1] as MNIST would have it, or None when nothing is drawn."""
    gray = to_gray(image)
    if gray.size == 0:
        return None
    gray = _ink_on_dark(gray)
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

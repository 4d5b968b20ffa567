"""Photo-like digits: handwritten digits put on synthetic paper and "photographed", to measure how TensorDesk reads
the images users bring (phone photos and scans of digits on paper) and to test its preprocessing on them.

Each photo varies what real ones vary: paper tint (white, cream, grey, blue, sticky-note yellow), uneven light
and shadow, exposure, paper grain, pen or pencil colour and width, a slight rotation, the digit's size and place,
faint ruled lines, clutter at the edges, camera blur, any size and aspect, and JPEG compression.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

PAPERS = {"white": (0.96, 0.96, 0.94), "cream": (0.96, 0.92, 0.80), "grey": (0.78, 0.78, 0.76),
          "blue": (0.84, 0.89, 0.96), "yellow": (0.99, 0.93, 0.58)}
INKS = {"black pen": (0.08, 0.08, 0.10), "blue pen": (0.10, 0.18, 0.55), "pencil": (0.36, 0.36, 0.40),
        "red pen": (0.60, 0.10, 0.12)}


def _smooth_field(rng: np.random.Generator, h: int, w: int, cells: int) -> np.ndarray:
    """Low-frequency noise in [−1, 1]: a few random values blown up smoothly (paper fibre, light blotches)."""
    small = rng.uniform(-1, 1, (cells, cells)).astype(np.float32)
    return np.asarray(Image.fromarray(small, mode="F").resize((w, h), Image.Resampling.BICUBIC), np.float32)


def photo_of(digit: np.ndarray, rng: np.random.Generator, jpeg: bool = True,
             scale: tuple[float, float] = (0.35, 0.75)) -> np.ndarray:
    """A (28, 28) uint8 digit (light on dark, as in MNIST) → a photo of it written on paper: (H, W, 3) uint8.

    `scale`: the range of the digit's box as a share of the photo's shorter side."""
    h = int(rng.integers(140, 480))
    w = int(h * rng.uniform(0.75, 1.4))
    side = min(h, w)
    box = max(24, int(side * rng.uniform(*scale)))
    # the pen: the digit blown up smoothly, then given crisp edges at a chosen width
    up = np.asarray(Image.fromarray(np.asarray(digit, np.uint8)).resize((box, box), Image.Resampling.BICUBIC),
                    np.float32) / 255.0
    level = rng.uniform(0.2, 0.55)                 # lower: a wider pen
    ink = np.clip((up - (level - 0.12)) / 0.24, 0.0, 1.0)
    ink = np.asarray(Image.fromarray((ink * 255).astype(np.uint8)).rotate(rng.uniform(-10, 10),
                                                                          Image.Resampling.BILINEAR), np.float32)
    alpha = np.zeros((h, w), np.float32)
    top = int(rng.integers(0, max(1, h - box)))
    left = int(rng.integers(0, max(1, w - box)))
    alpha[top:top + box, left:left + box] = ink[: h - top, : w - left] / 255.0

    # the paper under the light: a gradient, a vignette, maybe a shadow, blotches and grain
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = ((xs / w - 0.5) * np.cos(angle) + (ys / h - 0.5) * np.sin(angle)) + 0.5
    light = 1.0 - rng.uniform(0.0, 0.45) * ramp
    light *= 1.0 - rng.uniform(0.0, 0.25) * (((xs / w - 0.5) ** 2 + (ys / h - 0.5) ** 2) * 2)
    if rng.random() < 0.4:   # the shadow of a hand or a phone over one side
        edge = rng.uniform(0.1, 0.6)
        soft = 1 / (1 + np.exp(-(((xs / w) if rng.random() < 0.5 else (ys / h)) - edge) / 0.05))
        light *= 1.0 - rng.uniform(0.15, 0.4) * (soft if rng.random() < 0.5 else 1 - soft)
    light *= rng.uniform(0.7, 1.1)                 # exposure
    paper = np.array(list(PAPERS.values())[rng.integers(len(PAPERS))], np.float32)
    fibre = 1 + rng.uniform(0.01, 0.05) * _smooth_field(rng, h, w, int(rng.integers(6, 30)))
    base = paper[None, None, :] * (light * fibre)[..., None]
    pen = np.array(list(INKS.values())[rng.integers(len(INKS))], np.float32)
    img = base * (1 - alpha[..., None]) + (pen[None, None, :] * light[..., None]) * alpha[..., None]

    pil = Image.fromarray((np.clip(img, 0, 1) * 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(pil)
    if rng.random() < 0.3:   # ruled paper: faint lines across the page
        gap = int(rng.integers(max(12, side // 8), max(13, side // 3)))
        shade = tuple(int(c * 255 * light.mean()) for c in (0.62, 0.72, 0.88))
        for y in range(int(rng.integers(0, gap)), h, gap):
            draw.line([(0, y), (w, y)], fill=shade, width=1)
    for _ in range(int(rng.integers(0, 3))):   # clutter at the edges: a pen mark, the paper's edge, a dot
        x0 = int(rng.choice([rng.integers(0, max(1, w // 10)), rng.integers(w - w // 10 - 1, w)]))
        y0 = int(rng.integers(0, h))
        x1, y1 = x0 + int(rng.integers(-w // 8, w // 8 + 1)), y0 + int(rng.integers(-h // 6, h // 6 + 1))
        shade = tuple(int(c * 255 * 0.9) for c in pen)
        draw.line([(x0, y0), (x1, y1)], fill=shade, width=int(rng.integers(1, max(2, side // 60))))
    pil = pil.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 1.2)))
    arr = np.asarray(pil, np.float32)
    arr = arr + rng.normal(0, rng.uniform(2, 8), arr.shape).astype(np.float32)   # sensor noise
    pil = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    if jpeg:
        buffer = io.BytesIO()
        pil.save(buffer, "JPEG", quality=int(rng.integers(30, 90)))
        buffer.seek(0)
        pil = Image.open(buffer)
        pil.load()
    return np.asarray(pil.convert("RGB"))


def photo_set(images: np.ndarray, labels: np.ndarray, count: int, seed: int = 0,
              scale: tuple[float, float] = (0.35, 0.75)):
    """`count` photos of the first `count` digits of `images`: (list of (H, W, 3) uint8 arrays, labels (count,))."""
    rng = np.random.default_rng(seed)
    count = min(count, len(images))
    return [photo_of(images[i], rng, scale=scale) for i in range(count)], np.asarray(labels[:count], np.uint8)


def write_photo_set(folder: str | os.PathLike, images: np.ndarray, labels: np.ndarray, count: int,
                    seed: int = 0) -> list[Path]:
    """The photo set as JPEG files in the image-folder layout (`FOLDER/<label>/photo_NNNN.jpg`)."""
    rng = np.random.default_rng(seed)
    paths = []
    for i in range(min(count, len(images))):
        target = Path(folder) / str(int(labels[i]))
        target.mkdir(parents=True, exist_ok=True)
        path = target / f"photo_{i:04d}.jpg"
        Image.fromarray(photo_of(images[i], rng, jpeg=False)).save(path, quality=int(rng.integers(30, 90)))
        paths.append(path)
    return paths

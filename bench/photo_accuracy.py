"""Accuracy on the images users bring: photos of digits on paper, other writers' handwriting, with and without
augmentation, and the shipped model; everything trained and measured side by side in one process.

    python bench/photo_accuracy.py [--photos 300] [--epochs 5] [--seeds 0 1]

Sets (none of them trained on):
- **MNIST test**: the embedded test split (2,000 digits) through the drawing's preprocessing.
- **photos**: the same test digits written on synthetic paper and photographed (engine/data/photos.py: tinted paper,
  uneven light and shadow, grain, ruled lines, clutter at the edges, pen or pencil, blur, any size, JPEG 30–90),
  read as `predict` reads a file; "before" is the preprocessing TensorDesk had until now (the MNIST recipe with
  the paper inverted but kept), "after" the current one.
- **other writers**: scikit-learn's 1,797 digits by 43 writers (UCI, scanned at 8×8, shown at 64×64), when
  scikit-learn is installed.
- **slanted & thick**: MNIST test digits rotated ±20–30° with a thicker pen (a style MNIST has few of).
"""
import argparse
import os
import sys
import time

import numpy as np
from PIL import Image

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def old_preprocess(image):
    """TensorDesk's preprocessing before photos were cleaned: invert by the border, then the MNIST recipe."""
    from tensordesk.engine.data.preprocess import mnist_recipe, to_gray
    gray = to_gray(image)
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    return mnist_recipe(1.0 - gray if float(np.median(border)) > 0.5 else gray)


def as_inputs(images, preprocess):
    out = []
    for img in images:
        p = preprocess(img)
        out.append(np.zeros((28, 28), np.float32) if p is None else p)
    return np.stack(out)


def other_writers():
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        return None
    digits = load_digits()
    images = [np.asarray(Image.fromarray((np.clip(im / 16, 0, 1) * 255).astype(np.uint8)).resize(
        (64, 64), Image.Resampling.BILINEAR)) for im in digits.images]
    return images, digits.target


def slanted_thick(x, y, seed=0):
    from scipy.ndimage import grey_dilation
    rng = np.random.default_rng(seed)
    out = []
    for d in x:
        angle = rng.choice([-1, 1]) * rng.uniform(20, 30)
        big = Image.fromarray(d).resize((112, 112), Image.Resampling.BILINEAR).rotate(angle, Image.Resampling.BILINEAR)
        out.append(grey_dilation(np.asarray(big), size=(5, 5)))
    return out, y


def accuracy(model, x, y):
    from tensordesk.engine.models.inference import probabilities
    return float(np.mean(probabilities(model, x).argmax(1) == y))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", type=int, default=300)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--seeds", type=int, nargs="+", default=[0])
    args = ap.parse_args()
    from tensordesk.engine.data.datasets import load_embedded
    from tensordesk.engine.data.photos import photo_set
    from tensordesk.engine.data.preprocess import preprocess_digit
    from tensordesk.engine.models.architectures import default_spec
    from tensordesk.engine.models.checkpoints import load_shipped_model
    from tensordesk.engine.training.config import default_config
    from tensordesk.engine.training.trainer import Trainer

    data = load_embedded()
    t0 = time.perf_counter()
    photos, photo_labels = photo_set(data.x_test, data.y_test, args.photos, seed=1)
    sets = {"MNIST test": (as_inputs(data.x_test, preprocess_digit), data.y_test)}
    t1 = time.perf_counter()
    sets["photos (after)"] = (as_inputs(photos, preprocess_digit), photo_labels)
    per_photo = (time.perf_counter() - t1) / len(photos) * 1000
    sets["photos (before)"] = (as_inputs(photos, old_preprocess), photo_labels)
    writers = other_writers()
    if writers is not None:
        sets["other writers (UCI)"] = (as_inputs(writers[0], preprocess_digit), writers[1])
    styled = slanted_thick(data.x_test[:1000], data.y_test[:1000])
    sets["slanted & thick"] = (as_inputs(styled[0], preprocess_digit), styled[1])
    print(f"sets ready in {time.perf_counter() - t0:.0f} s; cleaning a photo takes {per_photo:.0f} ms", file=sys.stderr)

    rows = {}
    for seed in args.seeds:
        for augment in (False, True):
            name = f"CNN (classic), {args.epochs} epochs" + (", augmented" if augment else "")
            trainer = Trainer(default_spec("cnn"), default_config("cnn", epochs=args.epochs, augment=augment,
                                                                  seed=seed, evaluate_test=False), data)
            trainer.run()
            rows.setdefault(name, []).append({k: accuracy(trainer.model, *v) for k, v in sets.items()})
            print(f"trained {name}, seed {seed}", file=sys.stderr)
    shipped = load_shipped_model()
    rows["shipped model (compact CNN, augmented)"] = [{k: accuracy(shipped.model, *v) for k, v in sets.items()}]

    header = ["model"] + list(sets)
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, runs in rows.items():
        cells = []
        for key in sets:
            values = [r[key] for r in runs]
            cells.append(f"{np.mean(values):.1%}" + (f" ({min(values):.1%}–{max(values):.1%})" if len(values) > 1
                                                     else ""))
        print(f"| {name} | " + " | ".join(cells) + " |")
    sizes = ", ".join(f"{k}: {len(v[1]):,}" for k, v in sets.items())
    print(f"\nimages per set: {sizes}; seeds {args.seeds}")


if __name__ == "__main__":
    main()

"""How well a model reads handwriting that is not MNIST's: other writers (the UCI scans), and one test set per
writing style built from the embedded test split (engine/data/writer_styles.py: flagged 1s, crossed 7s, open 9s,
closed 4s, slanted, an 8-px scan), plus MNIST's own test digits, 300 photos of digits on paper
(engine/data/photos.py) and the slanted & thick set.

    python bench/writer_styles.py                          the shipped model
    python bench/writer_styles.py --model A.tdm B.keras    other models side by side
    python bench/writer_styles.py --check                  exit 1 if the shipped model lost more than 1.5 points
                                                           on any set against bench/writer_styles_shipped.json
    python bench/writer_styles.py --record                 write that file from the shipped model (after a rebuild)

Every image goes through the drawing's preprocessing, as a user's image would.
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
RECORD = ROOT / "bench" / "writer_styles_shipped.json"
TOLERANCE = 0.015


def test_sets():
    from photo_accuracy import as_inputs, other_writers, slanted_thick

    from tensordesk.engine.data.datasets import load_embedded
    from tensordesk.engine.data.photos import photo_set
    from tensordesk.engine.data.preprocess import preprocess_digit
    from tensordesk.engine.data.writer_styles import style_sets
    data = load_embedded(validation_size=0)
    sets = {"MNIST test": (as_inputs(data.x_test, preprocess_digit), data.y_test)}
    photos, photo_labels = photo_set(data.x_test, data.y_test, 300, seed=1)   # as bench/photo_accuracy.py's
    sets["photos of digits on paper"] = (as_inputs(photos, preprocess_digit), photo_labels)
    writers = other_writers()
    if writers is not None:
        sets["other writers (UCI)"] = (as_inputs(writers[0], preprocess_digit), np.asarray(writers[1]))
    st = slanted_thick(data.x_test[:1000], data.y_test[:1000])
    sets["slanted & thick"] = (as_inputs(st[0], preprocess_digit), st[1])
    for name, (x, y) in style_sets(data.x_test, data.y_test).items():
        images = [(np.clip(im, 0, 1) * 255).astype(np.uint8) for im in x]
        sets[name] = (as_inputs(images, preprocess_digit), y)
    return sets


def figures(model, sets) -> dict:
    from tensordesk.engine.models.inference import probabilities
    out = {}
    for name, (x, y) in sets.items():
        pred = probabilities(model, x).argmax(1)
        out[name] = round(float(np.mean(pred == y)), 4)
        if name == "other writers (UCI)":
            for d in range(10):
                out[f"UCI digit {d}"] = round(float(np.mean(pred[y == d] == d)), 4)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", nargs="+", default=["shipped"])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--record", action="store_true")
    args = ap.parse_args()
    from tensordesk.engine.models.checkpoints import load_model_file, load_shipped_model
    sets = test_sets()
    table = {}
    for name in args.model:
        checkpoint = load_shipped_model() if name == "shipped" else load_model_file(name)
        table[name] = figures(checkpoint.model, sets)
    rows = list(next(iter(table.values())))
    print(f"{'set':32s} {'images':>6s} " + " ".join(f"{Path(m).name[:16]:>16s}" for m in table))
    for row in rows:
        n = len(sets[row][1]) if row in sets else ""
        print(f"{row:32s} {n!s:>6s} " + " ".join(f"{table[m][row]:16.1%}" for m in table))
    shipped = table.get("shipped")
    if args.record and shipped is not None:
        RECORD.write_text(json.dumps(shipped, indent=1) + "\n")
        print(f"wrote {RECORD}")
    if args.check and shipped is not None:
        recorded = json.loads(RECORD.read_text())
        lost = {k: (v, shipped.get(k, 0.0)) for k, v in recorded.items()
                if not k.startswith("UCI digit") and shipped.get(k, 0.0) < v - TOLERANCE}
        for k, (before, now) in lost.items():
            print(f"REGRESSED: {k}: {before:.1%} recorded, {now:.1%} now")
        print("no set lost more than 1.5 points" if not lost else f"{len(lost)} set(s) regressed")
        return 1 if lost else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

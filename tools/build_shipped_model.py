"""Rebuild the pre-trained model that ships in assets/ (what the Draw view uses before anything is trained).

    python tools/build_shipped_model.py          (about 30–60 s on two CPU cores)

It is TensorDesk's own `train` command on the embedded digits, with augmentation; the script checks the
result on the embedded test split (≥ 98% required), writes assets/pretrained_digits.tdm and records the command
and the accuracy in assets/pretrained_digits.txt.
"""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "assets" / "pretrained_digits.tdm"
ARGS = ["train", "--arch", "cnn-compact", "--dataset", "mnist-embedded", "--augment", "--epochs", "30",
        "--lr", "0.002", "--schedule", "exponential", "--decay-rate", "0.9", "--validation", "0", "--seed", "0",
        "--quiet"]
REQUIRED = 0.98


def main() -> int:
    work = TARGET.with_name(TARGET.stem + ".new.tdm")
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *ARGS, "--save", str(work)], capture_output=True,
                          text=True)
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
        return 1
    summary = json.loads(proc.stdout)
    accuracy = summary["test_accuracy"]
    print(f"test accuracy on the embedded test split: {accuracy:.2%} ({summary['wall_s']:.0f} s)")
    if accuracy < REQUIRED:
        work.unlink(missing_ok=True)
        print(f"below the required {REQUIRED:.0%}; the shipped model is unchanged", file=sys.stderr)
        return 1
    work.replace(TARGET)
    TARGET.with_suffix(".txt").write_text(
        "The model TensorDesk ships (pretrained_digits.tdm): the compact CNN trained by TensorDesk's own engine on\n"
        "the embedded MNIST digits (8,000 training images, random rotation, shift, zoom, stroke width and elastic\n"
        "distortion; half the 1s, 7s and 9s written the continental way: flagged, crossed, open).\n"
        f"Test accuracy on the embedded test split (2,000 digits): {accuracy:.2%}.\n"
        f"Size: {TARGET.stat().st_size / 1e6:.1f} MB. Rebuild it with:  python tools/build_shipped_model.py\n"
        f"which runs:  python main.py {' '.join(ARGS)} --save assets/pretrained_digits.tdm\n",
        encoding="utf-8")
    print(f"wrote {TARGET} ({TARGET.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

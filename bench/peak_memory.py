"""Peak memory while training each architecture on the full Fashion-MNIST IDX set (55,000 training images).

    python bench/peak_memory.py [--archs cnn lstm] [--epochs 1]

Each architecture trains in a fresh process (`python main.py train --dataset fashion …`, the engine as the
window runs it); the process's peak resident set size (ru_maxrss) is read when it exits. A baseline process
that only imports TensorFlow and loads the data set is measured the same way, so the difference is what
training itself costs.
"""
import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHS = ("softmax", "mlp", "dnn", "cnn", "cnn-compact", "lstm", "autoencoder")

BASELINE = r"""
import sys

from tensordesk.engine.data.datasets import load_dataset
import tensorflow as tf
ds = load_dataset("fashion")
"""


def peak_of(cmd: list[str]) -> tuple[float, float]:
    """(peak RSS in MiB, seconds) of one child process."""
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child becomes the command, with output kept quiet
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
            os.dup2(null.fileno(), 2)
        os.execvp(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed")
    return usage.ru_maxrss / 1024.0, time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--archs", nargs="+", default=list(ARCHS))
    ap.add_argument("--epochs", type=int, default=1)
    args = ap.parse_args()
    if not Path("/usr/share/datasets/fashion-mnist").exists():
        raise SystemExit("needs the full Fashion-MNIST IDX files (Debian package dataset-fashion-mnist)")
    base, secs = peak_of([sys.executable, "-c", BASELINE, str(ROOT)])
    print(f"peak resident memory, full Fashion-MNIST, {args.epochs} epoch(s), batch = each architecture's default")
    print(f"  {'baseline (TF + data)':<22} {base:7.0f} MiB   ({secs:.0f} s)", flush=True)
    for arch in args.archs:
        peak, secs = peak_of([sys.executable, str(ROOT / "main.py"), "train", "--arch", arch, "--dataset",
                                 "fashion", "--epochs", str(args.epochs), "--quiet"])
        print(f"  {arch:<22} {peak:7.0f} MiB   training adds {peak - base:6.0f} MiB   ({secs:.0f} s)", flush=True)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()

"""A run's snapshot files (`RUNS/<id>/snapshots/step-00001234.npz`): which steps, writing, listing, reading and
deleting them. engine/runs/snapshots.py says what they are for and opens them as models; the run store uses this
module to write them and to count their size.
"""
from __future__ import annotations

import math
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tensordesk.engine.core.files import atomic_write

FOLDER = "snapshots"
DEFAULT_BUDGET_MB = 64
_NAME = re.compile(r"^step-(\d{8})\.npz$")
_F16_MAX = float(np.finfo(np.float16).max)


@dataclass(frozen=True)
class Snapshot:
    step: int
    epoch: int
    bytes: int
    path: Path

    def to_dict(self) -> dict:
        return {"step": self.step, "epoch": self.epoch, "bytes": self.bytes}


def plan_steps(steps_per_epoch: int, total_steps: int, bytes_each: int, budget_bytes: int) -> list[int]:
    """The steps whose weights a run keeps: 0, powers of two, each epoch's end, the last — thinned evenly over
    log(step) to what `budget_bytes` holds at `bytes_each` a snapshot (nothing when not even two fit)."""
    if total_steps <= 0 or bytes_each <= 0:
        return []
    wanted = {0, total_steps}
    wanted.update(2 ** k for k in range(int(math.log2(total_steps)) + 1))
    wanted.update(range(steps_per_epoch, total_steps + 1, max(steps_per_epoch, 1)))
    steps = sorted(s for s in wanted if 0 <= s <= total_steps)
    room = budget_bytes // bytes_each
    if room < 2:
        return []
    if len(steps) <= room:
        return steps
    where = np.log1p(np.asarray(steps, float))
    targets = np.linspace(where[0], where[-1], int(room))   # the ends are the first and the last step
    return sorted({steps[int(np.argmin(np.abs(where - t)))] for t in targets})


def bytes_per_snapshot(weights) -> int:
    """About what one snapshot of these weights takes on disk (float16, plus the file's headers)."""
    return int(sum(np.asarray(w).size for w in weights) * 2 + 256 * (len(weights) + 2))


def write(folder: str | os.PathLike, step: int, epoch: int, weights) -> Path:
    """One snapshot, atomically (a temporary file renamed into place)."""
    folder = Path(folder)
    folder.mkdir(exist_ok=True)
    arrays = {"step": np.int64(step), "epoch": np.int64(epoch)}
    for i, w in enumerate(weights):
        w = np.asarray(w)
        fits = w.dtype.kind != "f" or not np.any(np.abs(w[np.isfinite(w)]) > _F16_MAX)
        arrays[f"w{i:04d}"] = w.astype(np.float16) if fits and w.dtype.kind == "f" else w
    return atomic_write(folder / f"step-{step:08d}.npz", lambda fh: np.savez(fh, **arrays))


def listing(run_path: str | os.PathLike) -> list[Snapshot]:
    """The run's snapshots by step; a file that cannot be read (cut short by a kill) is left out."""
    folder = Path(run_path) / FOLDER
    if not folder.is_dir():
        return []
    out = []
    for p in sorted(folder.iterdir()):
        m = _NAME.match(p.name)
        if not m:
            continue
        try:
            with np.load(p, allow_pickle=False) as npz:
                epoch = int(npz["epoch"])
            out.append(Snapshot(int(m.group(1)), epoch, p.stat().st_size, p))
        except (OSError, ValueError, KeyError, EOFError):
            continue
    return out


def weights_of(snapshot: Snapshot) -> list[np.ndarray]:
    with np.load(snapshot.path, allow_pickle=False) as npz:
        names = sorted(k for k in npz.files if k.startswith("w"))
        return [np.asarray(npz[k], np.float32) if npz[k].dtype == np.float16 else np.asarray(npz[k]) for k in names]


def total_bytes(run_path: str | os.PathLike) -> int:
    return sum(s.bytes for s in listing(run_path))


def delete(run_path: str | os.PathLike) -> int:
    """Drop a run's snapshots (its curves and final model stay); returns the bytes freed. OSError when it cannot."""
    freed = total_bytes(run_path)
    folder = Path(run_path) / FOLDER
    if folder.exists():
        shutil.rmtree(folder)
    return freed

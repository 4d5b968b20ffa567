"""A recorded run's weights along training, for looking back: `RUNS/<id>/snapshots/step-00001234.npz`.

Which steps: the start, early steps densely (1, 2, 4, 8, … — the first steps change a network most), every
epoch's end and the last step (`plan_steps`). Within a disk budget per run (`DEFAULT_BUDGET_MB`, `--snapshot-mb`):
when the plan would not fit, steps are left out evenly over log(step), the first and the last kept.

Each snapshot is one `.npz` written atomically as it comes (a run killed mid-training keeps those it had): every
weight array of `model.get_weights()` (moving averages of batch norm too) in float16 — half the bytes, and the
look of the network at that moment is what it is for — except an array float16 cannot hold (beyond ±65,504),
kept in float32. The model "as it was at step s" is the architecture rebuilt with those weights (`load`).

`RUN@STEP`, `RUN@first` and `RUN@last` name a snapshot wherever a model path is accepted (`open_model`).
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
from tensordesk.engine.runs.store import RunsError, RunStore

FOLDER = "snapshots"
DEFAULT_BUDGET_MB = 64
_NAME = re.compile(r"^step-(\d{8})\.npz$")
_SPEC = re.compile(r"^(?P<run>[^@/\\]+)@(?P<at>first|last|\d+)$")
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
    """Drop a run's snapshots (its curves and final model stay); returns the bytes freed."""
    freed = total_bytes(run_path)
    folder = Path(run_path) / FOLDER
    try:
        shutil.rmtree(folder, ignore_errors=False) if folder.exists() else None
    except OSError as exc:
        raise RunsError(f"{folder}: the snapshots cannot be deleted ({exc.strerror or exc}).") from exc
    return freed


def choose(snapshots: list[Snapshot], at: str | int) -> Snapshot:
    """The snapshot `at` names: "first", "last", or the one nearest to a step (the earlier one on a tie)."""
    if not snapshots:
        raise RunsError("this run kept no snapshots.")
    if at == "first":
        return snapshots[0]
    if at == "last":
        return snapshots[-1]
    step = int(at)
    return min(snapshots, key=lambda s: (abs(s.step - step), s.step))


def load(store: RunStore, run_id: str, at: str | int):
    """The model as it was at a snapshot: a Checkpoint (engine/models/checkpoints.py) whose meta says which."""
    from tensordesk.engine.models.architectures import ModelSpec, build_model
    from tensordesk.engine.models.checkpoints import Checkpoint
    info = store.info(run_id)
    path = store.run_path(run_id)
    if not info.spec:
        raise RunsError(f"run '{run_id}' does not say which network it trained, so its snapshots cannot be opened.")
    snap = choose(listing(path), at)
    spec = ModelSpec.from_dict(info.spec)
    model = build_model(spec, seed=None)
    weights = weights_of(snap)
    try:
        model.set_weights(weights)
    except ValueError as exc:
        raise RunsError(f"run '{run_id}': the snapshot at step {snap.step} does not fit its network ({exc}).") \
            from exc
    meta = {"dataset": info.dataset, "run": run_id, "snapshot_step": snap.step, "snapshot_epoch": snap.epoch}
    if info.class_names:
        meta["class_names"] = list(info.class_names)
    return Checkpoint(model, spec, dict(info.config), [], meta)


def parse(text: str) -> tuple[str, str] | None:
    """("RUN", "STEP" | "first" | "last") when `text` is written RUN@…, else None."""
    m = _SPEC.match(str(text))
    return (m.group("run"), m.group("at")) if m else None


def open_model(text: str, runs_dir: str | os.PathLike | None = None):
    """A model path as the command line takes it: a .tdm or .keras file, or RUN@STEP / RUN@first / RUN@last (a
    run's id from `runs list`, in `runs_dir` or the default runs folder). A file by that name wins."""
    from tensordesk.engine.models.checkpoints import load_model_file
    named = parse(text)
    if named is None or Path(text).exists():
        return load_model_file(text)
    return load(RunStore(runs_dir), *named)

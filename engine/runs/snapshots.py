"""A recorded run's weights along training, for looking back: `RUNS/<id>/snapshots/step-00001234.npz`.

Which steps: the start, early steps densely (1, 2, 4, 8, … — the first steps change a network most), every
epoch's end and the last step (`plan_steps`). Within a disk budget per run (`DEFAULT_BUDGET_MB`, `--snapshot-mb`):
when the plan would not fit, steps are left out evenly over log(step), the first and the last kept.

Each snapshot is one `.npz` written atomically as it comes (a run killed mid-training keeps those it had): every
weight array of `model.get_weights()` (moving averages of batch norm too) in float16 — half the bytes, and the
look of the network at that moment is what it is for — except an array float16 cannot hold (beyond ±65,504),
kept in float32. The model "as it was at step s" is the architecture rebuilt with those weights (`load`).

`RUN@STEP`, `RUN@first` and `RUN@last` name a snapshot wherever a model path is accepted (`open_model`). A model
opened from a run's folder, or a snapshot, says so in `meta["run_folder"]`: the window's timeline plays that run.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from tensordesk.engine.runs.snapshot_files import (  # noqa: F401  (the snapshots' names, in one place)
    DEFAULT_BUDGET_MB,
    FOLDER,
    Snapshot,
    bytes_per_snapshot,
    listing,
    plan_steps,
    total_bytes,
    weights_of,
    write,
)
from tensordesk.engine.runs.store import RUN_FILE, RunsError, RunStore

_SPEC = re.compile(r"^(?P<run>[^@/\\]+)@(?P<at>first|last|\d+)$")


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
    meta = {"dataset": info.dataset, "run": run_id, "snapshot_step": snap.step, "snapshot_epoch": snap.epoch,
            "run_folder": str(path)}
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
        checkpoint = load_model_file(text)
        folder = Path(text).resolve().parent
        if (folder / RUN_FILE).is_file():    # a run's kept model: its snapshots are the timeline's film
            checkpoint.meta["run_folder"] = str(folder)
        return checkpoint
    return load(RunStore(runs_dir), *named)

"""Runs that last: every training run recorded as it trains, in a runs folder that outlives the window.

One folder per run, `RUNS/<id>/`:
- `run.json`: what the run was (label, settings, data set, seed, repeat group) and how it ended (state, figures),
  written atomically when it starts and when it ends. A run whose `run.json` still says "running" while no
  process writes it any more was interrupted (a crash, `kill -9`, a power cut).
- `steps.csv`, `epochs.csv`: every step's loss, accuracy and learning rate, every epoch's figures, appended as
  they come and flushed to disk at least every `FLUSH_SECONDS`, so an interrupted run keeps what it had.
- TensorBoard's event files (`tensorboard --logdir RUNS` lists every run) and `model.tdm`, the final model.

`RunRecorder` is a listener the trainer calls on its thread; a folder that cannot be written turns recording off
with a reason (`RunRecorder.error`), never the training. `RunStore` lists, reads, renames, deletes (with restore)
and exports runs; a damaged run is listed as damaged and the others load.
"""
from __future__ import annotations

import csv
import datetime
import json
import math
import os
import socket
import tempfile
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tensordesk.engine import __version__
from tensordesk.engine.core import events as ev
from tensordesk.engine.core import jsonable
from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.engine.core.files import atomic_write
from tensordesk.engine.core.undo import Trash
from tensordesk.engine.runs import snapshot_files

FORMAT = "tensordesk-run"
FORMAT_VERSION = 1
RUN_FILE = "run.json"
STEPS_FILE = "steps.csv"
EPOCHS_FILE = "epochs.csv"
MODEL_FILE = "model.tdm"
SNAPSHOTS = snapshot_files.FOLDER   # the weights along training: engine/runs/snapshots.py
FLUSH_SECONDS = 1.0           # the most a kill loses
STALE_SECONDS = 60.0          # a "running" run nobody has written for this long was interrupted
STEP_COLUMNS = ("step", "epoch", "loss", "accuracy", "learning_rate")
EPOCH_COLUMNS = ("epoch", "step", "loss", "accuracy", "val_loss", "val_accuracy", "learning_rate")


class RunsError(TensorDeskError):
    """The runs folder or a run in it could not be read or written; the message says which and why."""


def data_folder() -> Path:
    """The user's data folder for TensorDesk (platformdirs: ~/.local/share/TensorDesk on Linux)."""
    import platformdirs
    return platformdirs.user_data_path("TensorDesk", appauthor=False)


def default_runs_dir() -> Path:
    return data_folder() / "runs"


def _atomic_json(path: Path, doc: dict) -> None:
    text = jsonable.dumps(doc, indent=1).encode("utf-8")
    atomic_write(path, lambda fh: fh.write(text))


def _alive(pid: int, host: str) -> bool:
    if host != socket.gethostname():
        return True   # another machine's process: only the heartbeat can tell
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


@dataclass
class RunInfo:
    """One run as the history lists it."""

    id: str
    path: Path
    state: str                       # RunState's value: finished, stopped, diverged, errored, running, interrupted,
    label: str = ""                  # damaged
    created: str = ""                # ISO time it started
    arch: str = ""
    dataset: str = ""
    steps: int = 0
    epochs: int = 0
    test_accuracy: float | None = None
    val_accuracy: float | None = None
    group: str = ""                  # repeats of the same settings share a group
    seed: int = 0
    message: str = ""
    has_model: bool = False
    size_bytes: int = 0
    spec: dict = field(default_factory=dict)
    config: dict = field(default_factory=dict)
    class_names: tuple = ()
    snapshot_bytes: int = 0          # its weights along training (engine/runs/snapshots.py)
    snapshot_count: int = 0

    def to_dict(self) -> dict:
        return {"id": self.id, "state": self.state, "label": self.label, "created": self.created,
                "arch": self.arch, "dataset": self.dataset, "steps": self.steps, "epochs": self.epochs,
                "test_accuracy": self.test_accuracy, "val_accuracy": self.val_accuracy, "group": self.group,
                "seed": self.seed, "message": self.message, "has_model": self.has_model,
                "size_bytes": self.size_bytes, "snapshot_bytes": self.snapshot_bytes,
                "snapshot_count": self.snapshot_count, "path": str(self.path)}


class RunStore:
    """The runs folder."""

    def __init__(self, folder: str | os.PathLike | None = None):
        self.folder = Path(folder) if folder else default_runs_dir()

    # ------------------------------------------------------------------ writing
    def check_writable(self) -> None:
        """RunsError with the reason when runs cannot be recorded here (read-only, full, not a folder)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, probe = tempfile.mkstemp(prefix=".probe.", dir=self.folder)
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            raise RunsError(f"{self.folder}: runs cannot be recorded there ({exc.strerror or exc}).") from exc

    def recorder(self, label: str, spec: dict, config: dict, dataset: str, group: str = "",
                 keep_model: bool = True, snapshot_mb: float | None = None) -> RunRecorder:
        """`snapshot_mb`: the most the run's weights along training may take (None: the default; 0: none)."""
        self.check_writable()
        return RunRecorder(self, label, spec, config, dataset, group, keep_model, snapshot_mb)

    def new_id(self, arch: str) -> str:
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        return f"{stamp}-{arch}-{uuid.uuid4().hex[:6]}"

    # ------------------------------------------------------------------ reading
    def ids(self) -> list[str]:
        """The run folders: those holding a run.json or a steps.csv (other folders are not runs)."""
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if p.is_dir() and not p.name.startswith(".")
                      and ((p / RUN_FILE).exists() or (p / STEPS_FILE).exists()))

    def list(self) -> list[RunInfo]:
        """Every run, newest first; damaged ones included (state "damaged", the reason as message)."""
        return sorted((self.info(i) for i in self.ids()), key=lambda r: (r.created, r.id), reverse=True)

    def run_path(self, run_id: str) -> Path:
        path = self.folder / run_id
        if not run_id or "/" in run_id or run_id.startswith(".") or not path.is_dir():
            raise RunsError(f"no run '{run_id}' in {self.folder}.")
        return path

    def info(self, run_id: str) -> RunInfo:
        path = self.folder / run_id
        try:
            with open(path / RUN_FILE, encoding="utf-8") as fh:
                doc = json.load(fh)
            if not isinstance(doc, dict) or doc.get("format") != FORMAT:
                raise ValueError("not a TensorDesk run")
        except (OSError, ValueError) as exc:
            return RunInfo(run_id, path, ev.RunState.DAMAGED.value, message=f"run.json cannot be read ({exc}).")
        if int(doc.get("format_version", 0)) > FORMAT_VERSION:
            return RunInfo(run_id, path, ev.RunState.DAMAGED.value, label=str(doc.get("label", "")),
                           message=f"written by a newer TensorDesk ({doc.get('tensordesk', '?')}, run format "
                                   f"{doc.get('format_version')}); update TensorDesk to open it.")
        state = str(doc.get("state", ""))
        steps = int(doc.get("steps") or 0)
        if state == ev.RunState.RUNNING.value:
            beat = max((p.stat().st_mtime for p in (path / STEPS_FILE, path / RUN_FILE) if p.exists()), default=0)
            if not _alive(int(doc.get("pid", -1)), str(doc.get("host", ""))) or time.time() - beat > STALE_SECONDS:
                state = ev.RunState.INTERRUPTED.value
            steps = self._count_steps(path)
        model = path / MODEL_FILE
        snapshots = _snapshot_files(path)
        return RunInfo(
            run_id, path, state, str(doc.get("label", "")), str(doc.get("created", "")), str(doc.get("arch", "")),
            str(doc.get("dataset", "")), steps, int(doc.get("epochs") or 0), doc.get("test_accuracy"),
            doc.get("val_accuracy"), str(doc.get("group", "")), int(doc.get("seed") or 0),
            str(doc.get("message", "")), model.exists(), model.stat().st_size if model.exists() else 0,
            doc.get("spec") or {}, doc.get("config") or {}, tuple(doc.get("class_names") or ()),
            sum(size for size in snapshots), len(snapshots))

    @staticmethod
    def _count_steps(path: Path) -> int:
        try:
            with open(path / STEPS_FILE, encoding="utf-8") as fh:
                rows = [line for line in fh if line.strip() and line[0].isdigit() and line.endswith("\n")]
            return int(rows[-1].split(",")[0]) if rows else 0
        except (OSError, ValueError):
            return 0

    def read_steps(self, run_id: str) -> dict[str, np.ndarray]:
        """Per-step figures: step, epoch, loss, accuracy (NaN for the autoencoder), learning_rate."""
        return self._read_csv(self.run_path(run_id) / STEPS_FILE, STEP_COLUMNS)

    def read_epochs(self, run_id: str) -> dict[str, np.ndarray]:
        return self._read_csv(self.run_path(run_id) / EPOCHS_FILE, EPOCH_COLUMNS)

    @staticmethod
    def _read_csv(path: Path, columns) -> dict[str, np.ndarray]:
        out: dict[str, Any] = {c: [] for c in columns}
        try:
            with open(path, encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    try:   # a line cut short by a kill is skipped
                        values = [float(row[c]) if row.get(c) not in (None, "") else float("nan") for c in columns]
                    except (TypeError, ValueError):
                        continue
                    for c, v in zip(columns, values):
                        out[c].append(v)
        except OSError:
            pass
        return {c: np.asarray(v, float) for c, v in out.items()}

    def model_path(self, run_id: str) -> Path:
        path = self.run_path(run_id) / MODEL_FILE
        if not path.is_file():
            raise RunsError(f"run '{run_id}' kept no model.")
        return path

    # ------------------------------------------------------------------ changing
    def rename(self, run_id: str, label: str) -> None:
        path = self.run_path(run_id) / RUN_FILE
        try:
            with open(path, encoding="utf-8") as fh:
                doc = json.load(fh)
            doc["label"] = str(label)
            _atomic_json(path, doc)
        except (OSError, ValueError) as exc:
            raise RunsError(f"run '{run_id}' cannot be renamed ({exc}).") from exc

    def delete(self, run_id: str) -> Path:
        """Move a run aside (RUNS/.deleted/…); `restore` brings it back."""
        path = self.run_path(run_id)
        try:
            return Trash(self.folder).put(path)
        except (OSError, ValueError) as exc:
            raise RunsError(f"run '{run_id}' cannot be deleted ({getattr(exc, 'strerror', None) or exc}).") from exc

    def restore(self, kept: str | os.PathLike) -> str:
        """Bring a deleted run back; returns its id."""
        kept = Path(kept)
        try:
            return Trash(self.folder).take_back(kept).name
        except (OSError, ValueError) as exc:
            raise RunsError(f"run '{kept.name}' cannot be restored ({getattr(exc, 'strerror', None) or exc}).") \
                from exc

    def purge_deleted(self) -> None:
        Trash(self.folder).empty()

    def delete_model(self, run_id: str) -> int:
        """Drop a run's model file (its curves stay); returns the bytes freed."""
        path = self.run_path(run_id) / MODEL_FILE
        size = path.stat().st_size if path.exists() else 0
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise RunsError(f"run '{run_id}': the model cannot be deleted ({exc.strerror or exc}).") from exc
        return size

    def delete_snapshots(self, run_id: str) -> int:
        """Drop a run's weights along training (its curves and final model stay); returns the bytes freed."""
        try:
            return snapshot_files.delete(self.run_path(run_id))
        except OSError as exc:
            raise RunsError(f"run '{run_id}': the snapshots cannot be deleted ({exc.strerror or exc}).") from exc

    def export_csv(self, run_id: str, target: str | os.PathLike) -> Path:
        """The run's figures as one CSV: a row a step, the epoch's figures on the step that ended it."""
        steps, epochs = self.read_steps(run_id), self.read_epochs(run_id)
        by_step = {int(s): i for i, s in enumerate(epochs["step"])}
        target = Path(target)
        try:
            with open(target, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(list(STEP_COLUMNS) + ["val_loss", "val_accuracy"])
                for i in range(len(steps["step"])):
                    row = [steps[c][i] for c in STEP_COLUMNS]
                    j = by_step.get(int(row[0]))
                    extra = [epochs["val_loss"][j], epochs["val_accuracy"][j]] if j is not None else ["", ""]
                    w.writerow([_cell(v) for v in row + extra])
        except OSError as exc:
            raise RunsError(f"{target}: cannot write the CSV ({exc.strerror or exc}).") from exc
        return target


def _snapshot_files(path: Path) -> list[int]:
    """The sizes of a run's snapshot files (engine/runs/snapshots.py), without opening them."""
    folder = path / SNAPSHOTS
    try:
        return [p.stat().st_size for p in folder.iterdir() if p.name.startswith("step-") and p.suffix == ".npz"]
    except OSError:
        return []


def _cell(v) -> str:
    if v == "" or v is None:
        return ""
    v = float(v)
    if not np.isfinite(v):
        return ""
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else f"{v:.6g}"


class RunRecorder:
    """Records one run as the trainer reports it. Call it with every event (it is a listener); `attach(trainer)`
    lets it keep the final model. Any write failure turns it off with `error` set; training goes on."""

    def __init__(self, store: RunStore, label: str, spec: dict, config: dict, dataset: str, group: str = "",
                 keep_model: bool = True, snapshot_mb: float | None = None):
        self.store = store
        self.id = store.new_id(str(spec.get("arch", "run")))
        self.path = store.folder / self.id
        self.doc = {"format": FORMAT, "format_version": FORMAT_VERSION, "tensordesk": __version__,
                    "id": self.id, "label": label, "created": datetime.datetime.now().isoformat(timespec="seconds"),
                    "arch": spec.get("arch", ""), "dataset": dataset, "spec": spec, "config": config,
                    "seed": config.get("seed", 0), "group": group, "state": ev.RunState.RUNNING.value,
                    "pid": os.getpid(), "host": socket.gethostname(), "steps": 0, "epochs": 0}
        self.keep_model = keep_model
        self.snapshot_mb = snapshot_mb
        self.error: str | None = None
        self.trainer = None
        self._steps = self._epochs = None
        self._writer = None
        self._last_flush = 0.0
        try:
            self.path.mkdir(parents=True)
            _atomic_json(self.path / RUN_FILE, self.doc)
            self._steps = open(self.path / STEPS_FILE, "w", encoding="utf-8", newline="")
            self._steps.write(",".join(STEP_COLUMNS) + "\n")
            self._epochs = open(self.path / EPOCHS_FILE, "w", encoding="utf-8", newline="")
            self._epochs.write(",".join(EPOCH_COLUMNS) + "\n")
            self._flush(force=True)
        except OSError as exc:
            self._fail(exc)

    def attach(self, trainer) -> RunRecorder:
        """Keep the final model and the weights along training (within the snapshot budget) of `trainer`."""
        self.trainer = trainer
        self.doc["class_names"] = list(trainer.dataset.class_names)
        budget = snapshot_files.DEFAULT_BUDGET_MB if self.snapshot_mb is None else self.snapshot_mb
        steps = snapshot_files.plan_steps(trainer.steps_per_epoch, trainer.total_steps,
                                          snapshot_files.bytes_per_snapshot(trainer.model.weights),
                                          int(budget * 2 ** 20))
        trainer.keep_weights_at(steps)
        self.doc["snapshot_mb"] = budget
        return self

    def _fail(self, exc) -> None:
        self.error = f"{self.store.folder}: the run is no longer recorded ({getattr(exc, 'strerror', None) or exc})."
        for fh in (self._steps, self._epochs):
            try:
                if fh is not None:
                    fh.close()
            except OSError:
                pass
        self._steps = self._epochs = None

    def _flush(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_flush < FLUSH_SECONDS:
            return
        self._last_flush = now
        for fh in (self._steps, self._epochs):
            if fh is not None:
                fh.flush()
                os.fsync(fh.fileno())
        if self._writer is not None:
            self._writer.flush()

    def _tensorboard(self):
        if self._writer is None:
            import tensorflow as tf
            self._writer = tf.summary.create_file_writer(str(self.path), flush_millis=int(FLUSH_SECONDS * 1000))
        return self._writer

    def __call__(self, event) -> None:
        if self.error is not None:
            return
        try:
            self._record(event)
        except OSError as exc:
            self._fail(exc)

    def _record(self, event) -> None:
        if isinstance(event, ev.BatchesEnded):
            acc = event.accuracies if event.accuracies is not None else np.full(len(event.losses), np.nan)
            rows = [f"{s},{event.epoch},{_cell(loss)},{_cell(a)},{_cell(r)}\n"
                    for s, loss, a, r in zip(event.steps.tolist(), event.losses.tolist(), acc.tolist(),
                                          event.learning_rates.tolist())]
            assert self._steps is not None   # opened when the run started
            self._steps.write("".join(rows))
            self.doc["steps"] = event.step
            import tensorflow as tf
            with self._tensorboard().as_default():
                finite = event.losses[np.isfinite(event.losses)]
                if len(finite):
                    tf.summary.scalar("loss", float(finite.mean()), step=event.step)
                tf.summary.scalar("learning_rate", float(event.learning_rates[-1]), step=event.step)
            self._flush()
        elif isinstance(event, ev.EpochEnded):
            assert self._epochs is not None
            self._epochs.write(",".join(_cell(v) for v in (event.epoch, event.step, event.loss, event.accuracy,
                                                           event.val_loss, event.val_accuracy,
                                                           event.learning_rate)) + "\n")
            self.doc["epochs"] = event.epoch
            if event.val_accuracy is not None:
                self.doc["val_accuracy"] = event.val_accuracy
            import tensorflow as tf
            with self._tensorboard().as_default():
                for name, value in (("epoch_accuracy", event.accuracy), ("epoch_val_loss", event.val_loss),
                                    ("epoch_val_accuracy", event.val_accuracy), ("epoch_loss", event.loss)):
                    if value is not None and np.isfinite(value):
                        tf.summary.scalar(name, float(value), step=event.step)
            self._flush(force=True)
        elif isinstance(event, ev.WeightsKept):
            snapshot_files.write(self.path / SNAPSHOTS, event.step, event.epoch, event.weights)
        elif isinstance(event, ev.TrainingEnded):
            self._finish(event)

    def _finish(self, event) -> None:
        result = event.result
        history = result.history if result is not None else []
        test_accuracy = result.test_accuracy if result is not None else None
        self.doc.update(state=str(event.state), message=event.message, steps=event.step,
                        epochs=len(history) or self.doc.get("epochs", 0),
                        test_accuracy=test_accuracy, test_loss=result.test_loss if result is not None else None,
                        wall_s=round(event.wall_s, 3), ended=datetime.datetime.now().isoformat(timespec="seconds"))
        self._flush(force=True)
        for fh in (self._steps, self._epochs):
            if fh is not None:
                fh.close()
        if self._writer is not None:
            self._writer.close()
        if self.keep_model and self.trainer is not None and ev.RunState(event.state).kept:
            from tensordesk.engine.models.architectures import build_model
            from tensordesk.engine.models.checkpoints import save_checkpoint
            try:
                # the weights alone: a compiled model's file also holds the optimizer's slots (Adam: 2× more)
                plain = build_model(self.trainer.spec, seed=None)
                plain.set_weights(self.trainer.model.get_weights())
                save_checkpoint(self.path / MODEL_FILE, plain, self.trainer.spec,
                                self.trainer.config.to_dict(), history,
                                {"dataset": self.doc["dataset"],
                                 "class_names": list(self.trainer.dataset.class_names),
                                 "test_accuracy": test_accuracy, "run": self.id})
                # (without the weight trajectory: it would multiply a kept model's size by ten or more)
            except TensorDeskError as exc:
                self.doc["message"] += f" (the model was not kept: {exc})"
        _atomic_json(self.path / RUN_FILE, self.doc)


def accuracy_summary(accuracies: Iterable[float | None]) -> tuple[float, float] | None:
    """(mean, standard deviation) of the accuracies that exist (population σ, as numpy's std); None if none. Every
    "± over seeds" TensorDesk shows (Repeat ×N in the window and on the command line, History's groups) is this."""
    values = [float(a) for a in accuracies if a is not None and math.isfinite(a)]
    if not values:
        return None
    mean = sum(values) / len(values)
    return mean, math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def group_summary(runs: list[RunInfo]) -> tuple[float, float] | None:
    """Mean and standard deviation of the final test accuracy of a group's runs (None without figures)."""
    return accuracy_summary(r.test_accuracy for r in runs)


def new_group_id() -> str:
    return uuid.uuid4().hex[:8]

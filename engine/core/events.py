"""Plain-data events the engine reports while training; a listener is any callable taking one event.

Events carry floats, tuples and numpy arrays only (never tensors or widgets), so they can cross threads.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tensordesk.engine.core.reasons import Reason

Listener = Callable[[object], None]



class RunState(str, Enum):
    """How a run (or a lab) ended. A str, so JSON summaries and comparisons with its value keep working."""

    FINISHED = "finished"
    STOPPED = "stopped"
    DIVERGED = "diverged"
    ERRORED = "errored"
    # the states of a recorded run (engine/runs/store.py) beyond how a training ended
    RUNNING = "running"            # still being recorded
    INTERRUPTED = "interrupted"    # its process ended without finishing it (a crash, kill -9, a power cut)
    DAMAGED = "damaged"            # its record cannot be read (or comes from a newer TensorDesk)

    def __str__(self) -> str:
        return self.value

    @property
    def kept(self) -> bool:
        """Its weights are worth keeping (saving, drawing with)."""
        return self in (RunState.FINISHED, RunState.STOPPED)

    @property
    def failed(self) -> bool:
        return self in (RunState.DIVERGED, RunState.ERRORED)


@dataclass(frozen=True)
class TrainingStarted:
    epochs: int
    steps_per_epoch: int
    total_steps: int
    batch_size: int
    train_size: int
    device: str
    param_count: int


@dataclass(frozen=True, eq=False)
class BatchesEnded:
    """The steps of one compiled chunk, reported at once: the trainer's per-step figures as (k,) arrays.

    One event per chunk (about ten a second) instead of one per step keeps the seam between the training
    thread and the window cheap; the window still draws every step.
    """

    first_step: int            # 1-based global step of the chunk's first batch
    epoch: int                 # 1-based; a chunk never spans two epochs
    losses: np.ndarray         # (k,) each batch's loss
    accuracies: np.ndarray | None   # (k,) each batch's accuracy (None for the autoencoder)
    learning_rates: np.ndarray  # (k,) the rate each batch used
    samples_per_s: float       # smoothed training throughput
    elapsed_s: float

    @property
    def steps(self) -> np.ndarray:
        return np.arange(self.first_step, self.first_step + len(self.losses))

    @property
    def step(self) -> int:
        """The chunk's last step."""
        return self.first_step + len(self.losses) - 1

    def per_step(self) -> list[BatchEnded]:
        """One BatchEnded per step of the chunk."""
        accs = [None] * len(self.losses) if self.accuracies is None else self.accuracies.tolist()
        return [BatchEnded(int(s), self.epoch, loss, acc, lr, self.samples_per_s, self.elapsed_s)
                for s, loss, acc, lr in zip(self.steps.tolist(), self.losses.tolist(), accs,
                                            self.learning_rates.tolist())]


def each_step(events) -> list[BatchEnded]:
    """Every step reported in `events`, in order (BatchesEnded expanded)."""
    return [b for e in events if isinstance(e, BatchesEnded) for b in e.per_step()]


@dataclass(frozen=True)
class BatchEnded:
    """One step's figures (a view of a BatchesEnded chunk)."""

    step: int                 # 1-based global step
    epoch: int                # 1-based
    loss: float               # this batch's loss
    accuracy: float | None  # this batch's accuracy (None for the autoencoder)
    learning_rate: float      # the rate this batch used
    samples_per_s: float      # smoothed training throughput
    elapsed_s: float


@dataclass(frozen=True)
class EpochEnded:
    epoch: int
    step: int
    loss: float
    accuracy: float | None
    val_loss: float | None
    val_accuracy: float | None
    learning_rate: float


@dataclass(frozen=True, eq=False)
class WeightsKept:
    """The model's weights (`model.get_weights()`, copies) after `step` steps, at a step asked for with
    `Trainer.keep_weights_at` (a run's snapshots: engine/runs/snapshots.py). Step 0 is before training."""

    step: int
    epoch: int                # the epoch the step belongs to (0 before training)
    weights: list


@dataclass(frozen=True)
class LayerHistogram:
    layer: str
    kind: str            # "weights" or "activations"
    edges: np.ndarray    # (bins + 1,) fixed for the layer for the whole run
    counts: np.ndarray   # (bins,) int64; values outside the edges are counted in the end bins
    mean: float
    std: float

    def percentiles(self, qs) -> np.ndarray:
        """The values below which `qs` percent of the counted values lie, read off the histogram (linear within
        a bin), as TensorBoard's distributions are."""
        counts = np.asarray(self.counts, dtype=np.float64)
        total = counts.sum()
        if total <= 0:
            return np.full(len(qs), np.nan)
        cdf = np.concatenate([[0.0], np.cumsum(counts) / total])
        return np.interp(np.asarray(qs, dtype=np.float64) / 100.0, cdf, self.edges)


@dataclass(frozen=True)
class HistogramsReady:
    step: int
    layers: tuple[LayerHistogram, ...]


@dataclass(frozen=True)
class PauseChanged:
    """A run or a lab paused or went on, at `step` (both report the same event)."""

    paused: bool
    step: int


@dataclass(frozen=True)
class Evaluated:
    loss: float
    accuracy: float | None
    samples: int


@dataclass(frozen=True)
class RunResult(Mapping):
    """What a training run gave (Trainer.run(), TrainingEnded.result). Read its fields; it also reads as the plain
    mapping it was before (`result["state"]`, `dict(result)`), so scripts and JSON summaries keep working — the
    optional `trajectory` and `log_dir` appear there only when the run has them."""

    state: RunState
    message: str
    test_accuracy: float | None
    test_loss: float | None
    epochs: int
    steps: int
    wall_s: float
    train_samples_per_s: float | None
    device: str
    arch: str
    dataset: str
    history: list = field(default_factory=list)        # one dict per epoch: loss, accuracy, val_loss, …
    trajectory: np.ndarray | None = None               # (snapshots, parameters) for the loss landscape; not JSON
    log_dir: str | None = None                         # the run's TensorBoard folder

    def _keys(self) -> list[str]:
        return [f for f in self.__dataclass_fields__ if f not in ("trajectory", "log_dir")
                or getattr(self, f) is not None]

    def __getitem__(self, key: str):
        if key not in self._keys():
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())


@dataclass(frozen=True)
class TrainingEnded:
    state: RunState
    message: str         # a sentence for the user, in English
    step: int
    epoch: int
    wall_s: float
    result: RunResult | None = field(default=None)
    reason: Reason | None = None   # the message as structured data (engine.reasons), for other languages

    def sentence(self, translate=lambda text: text) -> str:
        """The message, in the language `translate` gives."""
        return self.reason.text(translate) if self.reason is not None else self.message

"""A recorded run as a film: the model as it was at any of its snapshots, fast enough to scrub.

The network is built once (twice: two copies used in turn, so that a view holding the last position's model sees
a new one and a job still reading it is not rewritten by the very next move) and each position only sets the
snapshot's weights, read from disk once and kept while they fit `CACHE_BYTES`. The weights' histograms along the
run (`weight_histograms`) are counted over edges fixed per layer from the first and the last snapshot, as the
Trainer counts them while training."""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from tensordesk.engine.core import events as ev
from tensordesk.engine.runs.snapshot_files import Snapshot, listing, weights_of
from tensordesk.engine.runs.store import RunsError, RunStore
from tensordesk.engine.training.steps import fixed_edges, histogram

CACHE_BYTES = 256 * 2**20     # snapshots' weights kept in memory (float32) while scrubbing
HISTOGRAM_BINS = 30


@dataclass(frozen=True)
class Position:
    """Where a timeline stands: the snapshot's index, its training step and epoch."""

    index: int
    step: int
    epoch: int


class RunTimeline:
    """The snapshots of run `run_id` in the runs folder `folder` (None: the default one)."""

    def __init__(self, folder: str | os.PathLike | None, run_id: str):
        from tensordesk.engine.models.architectures import ModelSpec
        store = RunStore(folder)
        self.info = store.info(run_id)
        self.run_id = run_id
        self.snapshots: list[Snapshot] = listing(store.run_path(run_id))
        if not self.snapshots:
            raise RunsError(f"run '{run_id}' kept no snapshots.")
        if not self.info.spec:
            raise RunsError(f"run '{run_id}' does not say which network it trained, so its snapshots cannot be "
                            "opened.")
        self.spec = ModelSpec.from_dict(self.info.spec)
        self._models: list = []
        self._models_lock = threading.RLock()   # `prepare` may build them in another thread
        self._turn = 0
        self._cache: OrderedDict[int, list[np.ndarray]] = OrderedDict()
        self._cached_bytes = 0
        self._histograms: list[ev.HistogramsReady] | None = None
        self.prepared = False    # `prepare` has built and traced both copies of the network

    # ------------------------------------------------------------------ positions
    def __len__(self) -> int:
        return len(self.snapshots)

    @property
    def steps(self) -> list[int]:
        return [s.step for s in self.snapshots]

    def position(self, index: int) -> Position:
        index = int(np.clip(index, 0, len(self.snapshots) - 1))
        s = self.snapshots[index]
        return Position(index, s.step, s.epoch)

    def index_near(self, step: int) -> int:
        """The snapshot nearest to `step` (the earlier one on a tie)."""
        return min(range(len(self.snapshots)), key=lambda i: (abs(self.snapshots[i].step - step), i))

    # ------------------------------------------------------------------ weights and models
    def weights(self, index: int) -> list[np.ndarray]:
        """The snapshot's weights (float32, as `model.get_weights()` lists them), read once and kept while they
        fit the cache."""
        index = self.position(index).index
        cached = self._cache.get(index)
        if cached is not None:
            self._cache.move_to_end(index)
            return cached
        try:
            weights = weights_of(self.snapshots[index])
        except (OSError, ValueError, KeyError, EOFError) as exc:   # deleted or damaged meanwhile
            raise RunsError(f"run '{self.run_id}': the snapshot at step {self.snapshots[index].step} cannot be "
                            f"read ({exc}).") from exc
        size = sum(w.nbytes for w in weights)
        self._cache[index] = weights
        self._cached_bytes += size
        while self._cached_bytes > CACHE_BYTES and len(self._cache) > 1:
            _, old = self._cache.popitem(last=False)
            self._cached_bytes -= sum(w.nbytes for w in old)
        return weights

    def _next_model(self):
        self._build_models(2)
        model = self._models[self._turn % len(self._models)]
        self._turn += 1
        return model

    def _build_models(self, n: int) -> None:
        from tensordesk.engine.models.architectures import build_model
        with self._models_lock:
            while len(self._models) < n:
                self._models.append(build_model(self.spec, seed=None))

    def prepare(self) -> None:
        """Build the two copies and trace their forward pass now (any thread), so the first move is as quick as
        the others; a move meanwhile waits for them."""
        from tensordesk.engine.models.inference import warm_up
        with self._models_lock:
            self._build_models(2)
            for model in self._models:
                warm_up(model)
            self.prepared = True

    def checkpoint(self, index: int):
        """The model as it was at snapshot `index`: a Checkpoint whose meta names the run, step and epoch."""
        from tensordesk.engine.models.checkpoints import Checkpoint
        pos = self.position(index)
        model = self._next_model()
        try:
            model.set_weights(self.weights(pos.index))
        except ValueError as exc:
            raise RunsError(f"run '{self.run_id}': the snapshot at step {pos.step} does not fit its network "
                            f"({exc}).") from exc
        meta = {"dataset": self.info.dataset, "run": self.run_id, "snapshot_step": pos.step,
                "snapshot_epoch": pos.epoch}
        if self.info.class_names:
            meta["class_names"] = list(self.info.class_names)
        return Checkpoint(model, self.spec, dict(self.info.config), [], meta)

    # ------------------------------------------------------------------ histograms
    def _weighted(self) -> list[tuple[str, int]]:
        """(layer name, index of its kernel in `get_weights()`) of the layers the Trainer draws histograms of."""
        self._build_models(1)
        model = self._models[0]
        out, at = [], 0
        for layer in model.layers:
            n = len(layer.weights)
            if n and (getattr(layer, "kernel", None) is not None or layer.name == "lstm"):
                out.append((layer.name, at))
            at += n
        return out

    def weight_histograms(self) -> list[ev.HistogramsReady]:
        """Each snapshot's weight histograms, one `HistogramsReady` per snapshot (reads every snapshot once)."""
        if self._histograms is None:
            weighted = self._weighted()
            first, last = self.weights(0), self.weights(len(self) - 1)
            edges = {name: fixed_edges(np.concatenate([first[i].ravel(), last[i].ravel()]), "weights", None,
                                       HISTOGRAM_BINS) for name, i in weighted}
            out = []
            for k, snap in enumerate(self.snapshots):
                w = self.weights(k)
                out.append(ev.HistogramsReady(snap.step, tuple(
                    ev.LayerHistogram(name, "weights", edges[name], histogram(w[i], edges[name]),
                                      float(np.mean(w[i])), float(np.std(w[i]))) for name, i in weighted)))
            self._histograms = out
        return self._histograms

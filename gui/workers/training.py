"""The one place where the trainer's events become Qt signals: the training run's thread and its controller.

The worker runs `engine.training.Trainer.run()` in its thread; the engine's listener turns each event into
a signal of the controller, queued to the GUI thread. Stop, pause, resume and learning-rate changes go
straight to the trainer, which is thread-safe for them. Weight snapshots for the drawing canvas are requested
with a flag and sent from the training thread between chunks, so the GUI's inference copy never touches the
training model.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import Signal, Slot

from tensordesk.engine.core import events as ev
from tensordesk.engine.core.reasons import Reason
from tensordesk.engine.data.datasets import Dataset
from tensordesk.engine.runs.store import RunInfo
from tensordesk.gui.workers.threads import ThreadOwner, Worker


@dataclass(frozen=True)
class RunRequest:
    """Everything a run needs, frozen before the thread starts."""

    spec: object            # engine.models.ModelSpec
    config: object          # engine.training.TrainConfig
    dataset_source: str
    validation_size: int | None = None
    base_model_path: str | None = None   # transfer learning: reuse layers of this saved model
    keep_layers: int = 0
    freeze: bool = True
    runs_dir: str | None = None          # record the run here (engine/runs/store.py); None: not recorded
    label: str = ""                         # the run's name in the history
    group: str = ""                         # repeats of the same settings share a group
    keep_model: bool = True                 # keep the run's final model in its record
    foreign: bool = False                   # built from a .keras file's layers: no spec rebuilds it

    def fact(self, event, dataset):
        """The run that ended with `event`, as the missions' checks see it (engine/missions/facts.py)."""
        from tensordesk.engine.missions.facts import run_fact
        available = len(dataset.x_train) if dataset is not None else 0
        limit = self.config.max_train_samples
        images = min(available, limit) if available and limit else (available or limit or 0)
        return run_fact(event.state.value, self.spec.to_dict(), self.config.to_dict(), event.result,
                        train_images=images, transfer_layers=self.keep_layers if self.base_model_path else 0,
                        freeze=self.freeze, group=self.group, label=self.label)


class TrainingController(ThreadOwner):
    """Owns the training thread; one run at a time. Its signals carry plain engine events."""

    dataset_loaded = Signal(Dataset)
    model_ready = Signal(object)         # an inference copy (keras.Model) built in the training thread
    started = Signal(ev.TrainingStarted)
    batches_finished = Signal(ev.BatchesEnded)   # one compiled chunk's steps
    epoch_finished = Signal(ev.EpochEnded)
    histograms_ready = Signal(ev.HistogramsReady)
    pause_changed = Signal(bool)
    evaluated = Signal(ev.Evaluated)
    weights_ready = Signal(object)       # list of numpy arrays (object: Qt must not convert it)
    paused_in_thread = Signal(bool)     # PauseChanged, from the worker
    recorded = Signal(RunInfo)           # the run just recorded (at its end)
    record_failed = Signal(str)          # why the run is not (or no longer) recorded

    def __init__(self, parent=None):
        super().__init__("TrainingThread", parent)
        self.paused_in_thread.connect(self._on_pause_changed)

    @property
    def trainer(self):
        return self._worker.trainer if self._worker is not None else None

    def start(self, request: RunRequest) -> None:
        self._launch(_TrainingWorker(self, request))

    def pause(self) -> None:
        if self._worker is not None:
            self._worker.pause()

    def resume(self) -> None:
        if self._worker is not None:
            self._worker.resume()

    def set_learning_rate(self, lr: float) -> None:
        if self._worker is not None:
            self._worker.set_learning_rate(lr)

    def request_weights(self) -> None:
        if self._worker is not None:
            self._worker.weights_wanted.set()

    @Slot(bool)
    def _on_pause_changed(self, paused: bool) -> None:
        self.paused = paused
        self.pause_changed.emit(paused)


class _TrainingWorker(Worker):
    def __init__(self, owner: TrainingController, request: RunRequest):
        super().__init__(owner)
        self.request = request
        self.trainer = None
        self.recorder = None                 # engine.runs.RunRecorder, when the run is recorded
        self.weights_wanted = threading.Event()
        self._stop_before_start = threading.Event()
        self._pause_before_start = threading.Event()
        self._end = None

    # ------------------------------------------------------------------ requests (GUI thread)
    def stop(self) -> None:
        self._stop_before_start.set()
        self._pause_before_start.clear()
        if self.trainer is not None:
            self.trainer.stop()

    def pause(self) -> None:
        self._pause_before_start.set()
        if self.trainer is not None:
            self.trainer.pause()

    def resume(self) -> None:
        self._pause_before_start.clear()
        if self.trainer is not None:
            self.trainer.resume()

    def set_learning_rate(self, lr: float) -> None:
        if self.trainer is not None:
            self.trainer.set_learning_rate(lr)

    # ------------------------------------------------------------------ training thread
    def body(self):
        from tensordesk.engine.data.datasets import load_dataset
        from tensordesk.engine.models.architectures import build_model
        from tensordesk.engine.models.inference import warm_up
        from tensordesk.engine.training.trainer import Trainer
        req, owner = self.request, self.owner
        dataset = load_dataset(req.dataset_source, validation_size=req.validation_size, seed=req.config.seed)
        owner.dataset_loaded.emit(dataset)
        model = None
        if req.base_model_path:
            from tensordesk.engine.models.checkpoints import load_model_file, transfer_model
            model = transfer_model(load_model_file(req.base_model_path), req.keep_layers, req.freeze,
                                   req.spec, seed=req.config.seed)
        if model is None:
            copy = build_model(req.spec, seed=None)
        else:   # a transfer model (perhaps of a Keras file's layers, which no spec rebuilds), cloned uncompiled
            import keras
            copy = keras.models.clone_model(model)
        self.recorder = None
        if req.runs_dir is not None:
            from tensordesk.engine.runs.store import RunsError, RunStore
            try:
                self.recorder = RunStore(req.runs_dir).recorder(req.label, req.spec.to_dict(), req.config.to_dict(),
                                                                dataset.name, req.group, req.keep_model)
            except RunsError as exc:
                owner.record_failed.emit(str(exc))
        self.trainer = Trainer(req.spec, req.config, dataset, self._on_event, model=model)
        if self.recorder is not None:
            self.recorder.attach(self.trainer)
        if self._pause_before_start.is_set():
            self.trainer.pause()
        if self._stop_before_start.is_set():
            self.trainer.stop()
        warm_up(copy)  # traced here, so the first drawing's prediction does not wait for it
        owner.model_ready.emit(copy)
        self.trainer.run()
        return self._end

    def failure(self, message: str):
        reason = Reason("run-failed", (message,))
        return ev.TrainingEnded(ev.RunState.ERRORED, reason.text(), 0, 0, 0.0, None, reason)

    def cleanup(self) -> None:
        self.trainer = None
        self.recorder = None

    def _on_event(self, event) -> None:
        owner = self.owner
        recorder = self.recorder
        if recorder is not None:
            recorder(event)   # on this thread, before the window hears of it
            if isinstance(event, ev.TrainingEnded):
                if recorder.error:
                    owner.record_failed.emit(recorder.error)
                else:
                    owner.recorded.emit(recorder.store.info(recorder.id))
        if isinstance(event, ev.BatchesEnded):
            owner.batches_finished.emit(event)
            if self.weights_wanted.is_set():
                self.weights_wanted.clear()
                owner.weights_ready.emit(self.trainer.model.get_weights())
        elif isinstance(event, ev.EpochEnded):
            owner.epoch_finished.emit(event)
            owner.weights_ready.emit(self.trainer.model.get_weights())
        elif isinstance(event, ev.HistogramsReady):
            owner.histograms_ready.emit(event)
        elif isinstance(event, ev.PauseChanged):
            owner.paused_in_thread.emit(event.paused)
        elif isinstance(event, ev.TrainingStarted):
            owner.started.emit(event)
        elif isinstance(event, ev.Evaluated):
            owner.evaluated.emit(event)
        elif isinstance(event, ev.TrainingEnded):
            if event.state != ev.RunState.DIVERGED:
                owner.weights_ready.emit(self.trainer.model.get_weights())
            if event.state == ev.RunState.ERRORED:
                owner.errored.emit(event.message)
            self._end = event

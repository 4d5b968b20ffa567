"""What the views share, in one object: the engine, the current model and the copy Draw classifies with, the data
set in memory, the learner's own digits, and what is running. Each view gets the session when it is built,
subscribes to the signals it needs and calls its methods; no view reaches into another, and the window only shows
what the session says (status bar, actions, which view is on screen)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.engine.core.events import HistogramsReady
from tensordesk.engine.data.datasets import Dataset
from tensordesk.engine.models.checkpoints import Checkpoint


class Predictor:
    """The window's inference copy of the model Draw classifies with: a kept model, or the copy that follows a
    training run (its weights arrive from the training thread and are copied in when next used)."""

    def __init__(self):
        self.model = None
        self._pending = None
        self.class_names = tuple(str(i) for i in range(10))
        self.source = ""          # how Draw names the model (a file's name, a run's label)
        self.classifier = True
        self.edited = None        # Draw's Neurons page: an edited copy of the model, while it has edits
        self.early = None         # the shipped model's NumPy forward pass (engine NumpyModel), until TensorFlow's is in

    @property
    def active(self):
        """What Draw classifies with: the edited copy when there are edits, else the model."""
        return self.edited if self.edited is not None else self.model

    @property
    def can_classify(self) -> bool:
        """A drawing can be read now: by the model, or before TensorFlow has loaded by the early NumPy copy."""
        return self.model is not None or self.early is not None

    def set_model(self, model, class_names, source: str, classifier: bool = True) -> None:
        self.model, self.class_names, self.source, self.classifier = model, tuple(class_names), source, classifier
        self._pending = None
        self.edited = None
        self.early = None

    def set_early(self, numpy_model, source: str) -> None:
        """Read drawings with `numpy_model` (no TensorFlow) until a real model is set."""
        if self.model is None:
            self.early, self.source, self.classifier = numpy_model, source, True
            self.class_names = tuple(numpy_model.class_names)

    @Slot(object)
    def set_weights(self, weights) -> None:
        """Keep the newest weights; they are copied into the model when it is next used (`sync`), so epochs
        that end while nobody draws cost the window nothing."""
        if self.model is not None:
            self._pending = weights

    def sync(self) -> None:
        """Copy the newest weights into the model now."""
        weights, self._pending = self._pending, None
        if weights is not None and self.model is not None:
            self.model.set_weights(weights)

    def classify(self, image: np.ndarray):
        if self.model is None and self.early is not None:    # TensorFlow still loading
            from tensordesk.engine.models.inference import classify_with
            return classify_with(self.early.probabilities, image)
        from tensordesk.engine.models.inference import classify_drawing
        self.sync()
        return classify_drawing(self.active, image)


class Session(QObject):
    # the engine
    engine_ready = Signal(object)                 # engine.core.device.DeviceInfo: TensorFlow has loaded
    # the model
    model_changed = Signal()                      # what Draw classifies with changed (`predictor`): redraw, re-predict
    weights_changed = Signal()                    # the live training copy got newer weights
    weights_wanted = Signal()                     # a view wants the training run's newest weights
    current_model_changed = Signal(object)        # the kept model (engine Checkpoint) or None: Evaluate, Save, …
    # data
    dataset_changed = Signal(Dataset)             # the data set the last run loaded
    train_limit_changed = Signal(object)          # runs train on at most this many images (None: all)
    collection_changed = Signal()                 # the learner's own digits changed (added, deleted, other folder)
    # what runs
    training_changed = Signal(bool)               # a training run holds TensorFlow
    jobs_changed = Signal(bool)                   # a background job (evaluation, landscape, …) runs
    run_started = Signal(int, str, bool)          # run id, label, batch norm on
    histograms_ready = Signal(HistogramsReady)    # a training run's layer histograms
    work_reported = Signal(object)                # a piece of the learner's work ended: an engine mission fact
    #                                               (engine/missions/facts.py) for the missions' checks
    # asking the window
    message_shown = Signal(str)                   # a sentence for the status bar
    view_wanted = Signal(str)                     # a view key (gui/views.py) to bring on screen
    canvas_image_wanted = Signal(object, str)     # (28×28 image, caption): put it on Draw's canvas
    open_model_wanted = Signal(str, str)          # (a model file to open, "" : ask with the Open dialog; its name
    #                                               for Draw, "" : the file's)
    save_edited_wanted = Signal(object, object)   # (engine EditedNetwork, its test accuracy or None): Save as…

    def __init__(self, parent=None):
        super().__init__(parent)
        self.device = None                       # DeviceInfo once TensorFlow has loaded
        self.predictor = Predictor()
        self.checkpoint: Checkpoint | None = None   # the current, kept model: Evaluate, Landscape, Save, My digits
        self.model_label = ""                    # how Draw names the current model
        self.dataset: Dataset | None = None
        self.train_limit: int | None = None   # a preset's (or script's) smaller training set
        self.collection = None                   # engine DigitCollection: the learner's own digits
        self.runs_folder: str | None = None      # where runs are recorded (the History's folder): RUN@STEP's runs
        self.training = False
        self.jobs_running = False
        self._experiment: Callable[[], Any] | None = None
        from tensordesk.gui.analysis.jobs import AnalysisJobs
        from tensordesk.gui.timeline import Timeline
        self.jobs = AnalysisJobs(self)           # evaluation, robustness and landscape jobs on the current model
        self.timeline = Timeline(self)           # the current model's run as a film: the model at any snapshot

    def set_runs_folder(self, folder: str) -> None:
        """Where runs are recorded (the History's folder): opening RUN@STEP finds the run there."""
        self.runs_folder = folder

    # ------------------------------------------------------------------ the engine
    @property
    def engine_is_ready(self) -> bool:
        return self.device is not None

    def set_engine_ready(self, device) -> None:
        self.device = device
        self.engine_ready.emit(device)

    # ------------------------------------------------------------------ the model
    def show_model(self, model, class_names, source: str, classifier: bool = True) -> None:
        """Draw classifies with `model` from now on (a training run's live copy, or the kept model)."""
        self.predictor.set_model(model, class_names, source, classifier)
        self.model_changed.emit()

    def show_early_model(self, numpy_model, source: str) -> None:
        """Before TensorFlow has loaded: Draw reads drawings with the shipped model's NumPy forward pass."""
        if self.predictor.model is None:
            self.predictor.set_early(numpy_model, source)
            self.model_changed.emit()

    def set_weights(self, weights) -> None:
        """Newer weights for the live training copy (from the training thread)."""
        self.predictor.set_weights(weights)
        self.weights_changed.emit()

    def use_model(self, checkpoint: Checkpoint | None, label: str = "") -> None:
        """`checkpoint` becomes the current model: Draw classifies with it; Evaluate, Landscape, Save and My digits
        use it. None: there is no current model."""
        self.checkpoint, self.model_label = checkpoint, label if checkpoint is not None else ""
        if checkpoint is not None:
            self.show_model(checkpoint.model, checkpoint.class_names, label, checkpoint.is_classifier)
        self.current_model_changed.emit(checkpoint)

    def keep_trained_model(self, checkpoint: Checkpoint) -> None:
        """A run's model (already what Draw shows) becomes the current model."""
        self.checkpoint, self.model_label = checkpoint, self.predictor.source
        self.current_model_changed.emit(checkpoint)

    def back_to_current_model(self) -> None:
        """A run's model is not kept: Draw goes back to the current model (or to none)."""
        if self.checkpoint is not None:
            self.show_model(self.checkpoint.model, self.checkpoint.class_names, self.model_label,
                            self.checkpoint.is_classifier)
        else:
            self.show_model(None, self.predictor.class_names, "")

    def has_unsaved_model(self) -> bool:
        return self.checkpoint is not None and not self.checkpoint.meta.get("shipped")

    # ------------------------------------------------------------------ data
    @Slot(object)
    def set_dataset(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.dataset_changed.emit(dataset)

    def set_train_limit(self, images: int | None) -> None:
        self.train_limit = images
        self.train_limit_changed.emit(images)

    def set_collection(self, collection) -> None:
        self.collection = collection
        self.collection_changed.emit()

    def keep_example(self, image: np.ndarray, label: int) -> bool:
        """Keep a drawing as an example of `label` in the learner's digits; a sentence in the status bar either
        way. True when it was kept."""
        if self.collection is None:
            return False
        try:
            self.collection.add(image, label)
        except TensorDeskError as exc:
            self.message_shown.emit(QCoreApplication.translate("MyDigitsView", "The drawing was not saved: %1")
                                    .replace("%1", str(exc)))
            return False
        counts = self.collection.counts()
        self.message_shown.emit(QCoreApplication.translate(
            "MyDigitsView", "Saved as a %1 in your digits (%2 of them, %3 in all).")
            .replace("%1", str(label)).replace("%2", str(counts[label])).replace("%3", str(sum(counts))))
        self.collection_changed.emit()
        return True

    # ------------------------------------------------------------------ what runs
    @Slot(bool)
    def set_training(self, running: bool) -> None:
        if running != self.training:
            self.training = running
            self.training_changed.emit(running)

    @Slot(bool)
    def set_jobs_running(self, running: bool) -> None:
        if running != self.jobs_running:
            self.jobs_running = running
            self.jobs_changed.emit(running)

    @property
    def busy(self) -> bool:
        """A run or a job is in progress."""
        return self.training or self.jobs_running

    def set_experiment(self, experiment: Callable[[], Any]) -> None:
        """Who knows the experiment to export: () → (spec, TrainConfig, data source, label) (the Train view)."""
        self._experiment = experiment

    def experiment(self):
        if self._experiment is None:
            raise TensorDeskError("there is no experiment to export.")
        return self._experiment()

    def report(self, fact) -> None:
        """A piece of work ended (a run, a lab, an evaluation, …): the missions panel judges its step on it."""
        self.work_reported.emit(fact)

    # ------------------------------------------------------------------ asking the window
    @Slot(str)
    def show_message(self, text: str) -> None:
        self.message_shown.emit(text)

    @Slot(str)
    def show_view(self, key: str) -> None:
        self.view_wanted.emit(key)

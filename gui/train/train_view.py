"""The Train view: the experiment panel and the run controls on the left, the live curves, progress and the
run's last sentence on the right. It owns the training thread's controller and hands each kept model on as
a `Checkpoint` (`model_trained`)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tensordesk.engine.core import events as ev
from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.engine.core.events import RunState
from tensordesk.engine.models.architectures import param_count
from tensordesk.gui.names import tr_engine
from tensordesk.gui.presentation import set_tone
from tensordesk.gui.timeline import TimelineBar
from tensordesk.gui.train.experiment_panel import ExperimentPanel
from tensordesk.gui.train.history import HistoryPanel
from tensordesk.gui.train.run_buttons import RunButtons
from tensordesk.gui.train.run_progress import RunProgress
from tensordesk.gui.widgets.plots import TrainingPlots
from tensordesk.gui.widgets.scroll_column import scroll_column
from tensordesk.gui.widgets.view_base import ViewBase
from tensordesk.gui.workers.training import RunRequest, TrainingController

TRAJECTORY_LIMIT = 2_000_000   # weights kept along a run for the landscape only below this many (~8 MB a copy)


class TrainView(ViewBase, QWidget):
    message_shown = Signal(str)             # a sentence for the status bar
    run_finished = Signal(ev.TrainingEnded)  # a run of this view ended (how, and what it gave)
    can_play_changed = Signal(bool)          # Start/pause would act (a run goes, or one can start)
    running_changed = Signal(bool)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session              # the run's model goes there: Draw follows it with an inference copy
        self.setFocusPolicy(Qt.ClickFocus)   # takes the keys back from a box after Start (Space pauses)
        self.controller = TrainingController(self)
        self.engine_ready = False
        self.run_id = None
        self.run_request = None
        self.dataset = None
        self.max_train_samples = None       # set_limit: train on at most this many images
        self.histogram_every = 25           # batches between layer histograms (the batch-norm lab's MNIST page)

        self.panel = ExperimentPanel()
        self.plots = TrainingPlots()
        self.history = HistoryPanel()
        session.set_runs_folder(self.history.folder)   # where opening RUN@STEP finds the run
        self.history.folder_changed.connect(session.set_runs_folder)
        self._repeat = None                 # engine Repeat while a Repeat ×N runs
        self._repeat_label = ""
        self._could_play = False
        self._closed = False
        self._recorded_folder = ""          # the run being trained, once recorded (its snapshots: the timeline)
        self._history_pending = True        # the history is read after the first paint
        # progress and curves change on the same frame tick: one repaint of the window a frame, not two
        self.run_progress = RunProgress()
        self.progress, self.progress_label = self.run_progress.bar, self.run_progress.label
        self.plots.timer.timeout.connect(self.run_progress.refresh)
        self.buttons = RunButtons()
        self.start_button, self.repeat_spin = self.buttons.start, self.buttons.repeat
        self.pause_button, self.stop_button, self.reset_button = self.buttons.pause, self.buttons.stop, self.buttons.reset
        for button, slot in ((self.start_button, self.start_training), (self.pause_button, self.toggle_pause),
                             (self.stop_button, self.stop_training), (self.reset_button, self.reset_settings)):
            button.clicked.connect(slot)
        self.message_label = QLabel("")
        self.message_label.setObjectName("runMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self._lay_out()
        self._wire()

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        # the settings scroll when the window is small or lecture mode scales them up; the buttons stay in sight
        left.addWidget(scroll_column(self.panel), 1)
        left.addWidget(self.buttons)
        self.left_panel = QWidget()
        self.left_panel.setLayout(left)
        right = QVBoxLayout()
        right.addWidget(self.plots, 1)
        right.addWidget(TimelineBar(self.session.timeline))   # a marker on the loss curve shows where it stands
        self.session.timeline.moved.connect(lambda pos: self.plots.set_marker(None if pos is None else pos.step))
        right.addWidget(self.run_progress)
        right.addWidget(self.message_label)
        right_w = QWidget()
        right_w.setLayout(right)
        self.pages = QTabWidget()
        self.pages.setObjectName("trainPages")
        self.pages.addTab(right_w, self.tr("Curves"))
        self.pages.addTab(self.history, self.tr("History"))
        self.pages.setTabToolTip(1, self.tr("Every run recorded, also those of earlier sessions"))
        # runs recorded meanwhile by the command line or another window appear when the page is opened
        self.pages.currentChanged.connect(lambda i: self.history.reload() if self.pages.widget(i) is self.history
                                          and self.history.loaded else None)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.left_panel)
        split.addWidget(self.pages)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)

    def _wire(self) -> None:
        self.panel.changed.connect(self.update_param_count)
        self.panel.validity_changed.connect(lambda ok: self.update_buttons())
        self.panel.learning_rate_edited.connect(self._on_lr_edited)
        c = self.controller
        c.dataset_loaded.connect(self._on_dataset_loaded)
        c.model_ready.connect(self._on_model_ready)
        c.started.connect(self._on_started)
        c.batches_finished.connect(self._on_batches)
        c.epoch_finished.connect(self._on_epoch)
        c.weights_ready.connect(self.session.set_weights)
        c.pause_changed.connect(self._on_pause_changed)
        c.errored.connect(lambda message: self.show_message(message, error=True))
        c.finished.connect(self._on_finished)
        c.running_changed.connect(lambda running: self.update_buttons())
        self.session.weights_wanted.connect(c.request_weights)
        c.running_changed.connect(self.session.set_training)
        c.running_changed.connect(self.running_changed)
        c.finished.connect(self.run_finished)
        c.histograms_ready.connect(self.session.histograms_ready)
        self.session.set_experiment(self.experiment)
        c.recorded.connect(self.history.run_recorded)
        c.recorded.connect(lambda info: setattr(self, "_recorded_folder", str(info.path)))
        c.record_failed.connect(lambda reason: self.history.set_recording(False, reason))
        self.history.show_requested.connect(self.show_recorded_run)
        self.history.rerun_requested.connect(self.rerun)
        self.history.message_shown.connect(self.message_shown)
        self.plots.cleared.connect(self._on_plots_cleared)
        self.history.open_requested.connect(
            lambda path, name: self.session.open_model_wanted.emit(path, self.tr("%1 (recorded run)").replace("%1", name)))

    # ------------------------------------------------------------------ the window's hooks (ViewBase)
    def on_engine_ready(self) -> None:
        self.engine_ready = True
        self._read_history_soon()   # the window may have opened on another view: the history is read anyway
        self.update_buttons()
        self.update_param_count()
        from tensordesk.engine.core.errors import DataError
        from tensordesk.engine.data.datasets import load_embedded
        try:   # a few training digits (one of each) for the augmentation preview
            digits = load_embedded()
            picks = [int(np.flatnonzero(digits.y_train == c)[0]) for c in (7, 2, 4, 1, 9, 3, 5, 0, 8, 6)]
            self.panel.augment_preview.set_digits(digits.x_train[picks])
        except DataError as exc:
            self.panel.augment_preview.setToolTip(str(exc))

    def set_limit(self, images: int | None) -> None:
        """Train on at most this many images (tests, scripted demos); the batch-size check follows it."""
        self.max_train_samples = images
        self.panel.set_limit(images)
        self.session.set_train_limit(images)   # the status bar says how many images the runs use

    def update_param_count(self) -> None:
        try:
            spec = self.panel.spec()
        except TensorDeskError as exc:
            self.panel.params_label.setText(str(exc))
            return
        if not self.engine_ready:
            self.panel.params_label.setText(self.tr("Parameter count: available once TensorFlow has loaded."))
            return
        self.panel.params_label.setText(self.tr("%1 trainable parameters").replace("%1", f"{param_count(spec):,}"))

    def update_buttons(self) -> None:
        running = self.controller.running
        self.start_button.setEnabled(self.engine_ready and not running and self.panel.is_valid())
        self.pause_button.setEnabled(running)
        self.pause_button.setText(self.tr("Resume") if self.controller.paused else self.tr("Pause"))
        self.stop_button.setEnabled(running)
        self.reset_button.setEnabled(not running)
        self.panel.set_training(running)
        if self.can_play() != self._could_play:
            self._could_play = self.can_play()
            self.can_play_changed.emit(self._could_play)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message_label.setText(text)
        set_tone(self.message_label, "alert" if error else "")

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self._read_history_soon()

    def _read_history_soon(self) -> None:
        """The runs folder is read once, in a thread, after the first paint (of this view or of the window)."""
        if self._history_pending:
            self._history_pending = False
            QTimer.singleShot(0, self._reload_history)

    def _reload_history(self) -> None:
        if not self._closed:   # the window may have closed meanwhile: no thread starts after shutdown
            self.history.reload()

    def has_work(self) -> bool:
        return self.plots.run_list.count() > 0

    def close_refusal(self) -> str:
        if not self.controller.running:
            return ""
        return self.tr("A training run is in progress (run #%1): closing stops it.").replace("%1", str(self.run_id))

    def shutdown(self) -> bool:
        self._closed = True
        self._repeat = None
        history = self.history.shutdown()
        return self.controller.shutdown(2000) and history

    def load_settings(self, settings, key: str) -> None:
        self.panel.load_settings(settings, key)
        self.history.load_settings(settings, f"{key}History")

    def save_settings(self, settings, key: str) -> None:
        self.panel.save_settings(settings, key)
        self.history.save_settings(settings, f"{key}History")

    def apply_preset(self, values: dict, play: bool) -> None:
        self.panel.apply_state(values)

    def set_transfer(self, path: str | None, keep_layers: int = 1, freeze: bool = True) -> bool:
        """Start the next run from `keep_layers` layers of the model at `path` (None: from scratch)."""
        return self.panel.set_transfer(path, keep_layers, freeze)

    def preset_state(self) -> dict:
        return self.panel.state()

    def can_play(self) -> bool:
        return self.controller.running or self.start_button.isEnabled()

    def play_pause(self) -> bool:
        """Space: pause or resume the run, or start one."""
        if self.controller.running:
            self.toggle_pause()
        elif self.start_button.isEnabled():
            self.start_training()
        return True

    def run_label(self) -> str:
        """The panel's settings and, when a preset trains on fewer images, how many (runs can be told apart)."""
        limit = self.max_train_samples
        images = self.tr("%1 images").replace("%1", f"{limit:,}") if limit else ""
        return ", ".join(p for p in (self.panel.run_label(), images) if p)

    def experiment(self):
        """(spec, TrainConfig, data source, label) of the panel, for File → Export as Python script."""
        from tensordesk.engine.training.config import TrainConfig
        settings = self.panel.train_settings()
        if settings["learning_rate"] is None:
            raise TensorDeskError(self.tr("The learning rate must be a positive number."))
        return self.panel.spec(), TrainConfig(**settings), self.panel.dataset_source, self.panel.run_label()

    # ------------------------------------------------------------------ control

    @Slot()
    def start_training(self) -> None:
        """Start a run with the panel's settings (Repeat ×N: N runs, seeds 0 … N−1, one after another)."""
        if self.controller.running or not self.engine_ready:
            return
        self.repeat_spin.interpretText()       # what the box shows is what runs (a half-typed count is fixed first)
        n = self.repeat_spin.value()
        # keys go back to the view: Space then pauses (in the ×N box it would type over the count)
        if self.isVisible():
            self.setFocus(Qt.OtherFocusReason)
        if n > 1:
            from tensordesk.engine.runs.repeat import Repeat
            self._repeat, self._repeat_label = Repeat(n), self.run_label()
            self._start_next_repeat()
        else:
            self._repeat = None
            self._start_run()

    def _start_next_repeat(self) -> None:
        repeat = self._repeat
        seed = repeat.next_seed() if repeat is not None else None
        if seed is None:
            return
        self._start_run(seed=seed, group=repeat.group,
                        label=self.tr("%1, seed %2 (×%3)").replace("%1", self._repeat_label)
                        .replace("%2", str(seed)).replace("%3", str(repeat.times)))
        if self.run_id is not None and self._repeat is not None:
            repeat.started(self.run_id)

    def _start_run(self, seed: int = 0, group: str = "", label: str = "") -> None:
        from tensordesk.engine.training.config import TrainConfig
        spec = None
        try:
            spec = self.panel.spec()
            settings = self.panel.train_settings()
            if settings["learning_rate"] is None:
                raise TensorDeskError(self.tr("The learning rate must be a positive number."))
            if self.panel.batch_problem():
                raise TensorDeskError(self.panel.batch_problem())
            config = TrainConfig(**settings, max_train_samples=self.max_train_samples, seed=seed,
                                 histogram_every=self.histogram_every,
                                 trajectory_per_epoch=4 if param_count(spec) <= TRAJECTORY_LIMIT else 0,
                                 log_dir=self.panel.tensorboard_dir()).validate()
        except TensorDeskError as exc:
            self.show_message(str(exc), error=True)
            self._repeat = None
            self.run_id = None
            return
        transfer = self.panel.transfer()
        foreign = transfer is not None and self.panel.transfer_box.foreign
        label = label or self.run_label()
        self.run_request = RunRequest(spec, config, self.panel.dataset_source,
                                      runs_dir=self.history.folder if self.history.recording else None,
                                      label=label, group=group,
                                      # a model from a Keras file's layers is not rebuilt by a spec: the run's
                                      # record keeps its curves, and File → Save writes it as .keras
                                      keep_model=self.history.keep_models.isChecked() and not foreign,
                                      foreign=foreign,
                                      **({} if transfer is None else dict(base_model_path=transfer[0],
                                                                          keep_layers=transfer[1],
                                                                          freeze=transfer[2])))
        self.run_id, self._recorded_folder = self.plots.add_run(label), ""
        self.session.run_started.emit(self.run_id, label, spec.batch_norm)
        self.progress.setValue(0)
        self.progress_label.setText(self.tr("Loading data…"))
        self.show_message("")
        self.controller.start(self.run_request)
        self.update_buttons()

    @Slot()
    def toggle_pause(self) -> None:
        if self.controller.running:
            (self.controller.resume if self.controller.paused else self.controller.pause)()

    @Slot()
    def stop_training(self) -> None:
        if self.controller.running:
            self.progress_label.setText(self.tr("Stopping…"))
            self.controller.stop()

    @Slot()
    def _on_plots_cleared(self) -> None:
        """Remove all: the last run's sentences went with its curves."""
        if not self.controller.running:
            self.show_message("")
            self.progress.setValue(0)
            self.progress_label.setText(self.tr("Ready."))

    @Slot()
    def reset_settings(self) -> None:
        if not self.controller.running:
            self.panel.reset_to_defaults()
            self.progress.setValue(0)
            self.progress_label.setText(self.tr("Ready."))

    @Slot(float)
    def _on_lr_edited(self, lr: float) -> None:
        if self.controller.running:
            self.controller.set_learning_rate(lr)
            self.message_shown.emit(self.tr("Learning rate set to %1 within a tenth of a second.")
                                    .replace("%1", f"{lr:g}"))

    # ------------------------------------------------------------------ the run's events
    @Slot(object)
    def _on_dataset_loaded(self, dataset) -> None:
        self.dataset = dataset
        self.session.set_dataset(dataset)
        for note in dataset.notes:
            self.show_message(note)

    @Slot(object)
    def _on_model_ready(self, model) -> None:
        names = self.dataset.class_names if self.dataset is not None else tuple(map(str, range(10)))
        self.session.show_model(model, names, self.tr("%1 (training)").replace("%1", self.panel.run_label()),
                            self.run_request.spec.is_classifier)

    @Slot(object)
    def _on_started(self, event) -> None:
        self.run_progress.plan(event, self.run_request.config.batch_size)
        self.plots.plan_run(self.run_id, event.total_steps)

    @Slot(object)
    def _on_batches(self, event) -> None:
        # per chunk only cheap bookkeeping; widgets follow on the frame tick
        self.plots.add_batches(self.run_id, event.steps, event.losses, event.learning_rates)
        self.run_progress.add(event)

    @Slot(object)
    def _on_epoch(self, event) -> None:
        self.plots.add_epoch(self.run_id, event.epoch, event.loss, event.accuracy, event.val_loss, event.val_accuracy)

    @Slot(bool)
    def _on_pause_changed(self, paused: bool) -> None:
        self.update_buttons()
        if paused:
            self.progress_label.setText(self.tr("Paused at step %1.").replace("%1", str(self.progress.value())))

    @Slot(object)
    def _on_finished(self, event) -> None:
        self.run_progress.refresh()
        state = event.state
        word = {RunState.FINISHED: self.tr("finished"), RunState.STOPPED: self.tr("stopped"),
                RunState.DIVERGED: self.tr("diverged"), RunState.ERRORED: self.tr("failed")}[state]
        result = event.result            # engine RunResult, or None when the run ended before it began
        accuracy = result.test_accuracy if result is not None else None
        self.plots.set_final_accuracy(self.run_id, accuracy)
        self.plots.relabel(self.run_id, f"{accuracy:.1%}" if state == RunState.FINISHED and accuracy is not None
                           else word)
        self.progress_label.setText(self.tr("Run %1 %2.").replace("%1", f"#{self.run_id}").replace("%2", word))
        message = event.sentence(tr_engine)   # in the window's language
        if result is not None and result.log_dir:
            message += " " + self.tr("TensorBoard log: %1 (open it with: tensorboard --logdir %2)").replace(
                "%1", result.log_dir).replace("%2", self.panel.log_dir)
        self.show_message(message, error=state.failed)
        predictor = self.session.predictor
        if state.kept and predictor.model is not None and result is not None:
            from tensordesk.engine.models.checkpoints import Checkpoint
            predictor.sync()  # the final weights, before the model is kept, saved or evaluated
            req = self.run_request
            meta = {"dataset": getattr(self.dataset, "name", ""), "class_names": list(predictor.class_names),
                    "test_accuracy": accuracy, "test_loss": result.test_loss,
                    **({"run_folder": self._recorded_folder} if self._recorded_folder else {})}   # its film
            if req.foreign:   # how the window names a model no spec describes
                meta["keras_file"] = self.tr("%1 + new output").replace("%1", Path(req.base_model_path).name)
            self.session.show_model(predictor.model, predictor.class_names,
                                    self.tr("%1 (trained, run #%2)").replace("%1", self.panel.run_label())
                                    .replace("%2", str(self.run_id)), req.spec.is_classifier)
            self.session.keep_trained_model(Checkpoint(predictor.model, None if req.foreign else req.spec,
                                                       req.config.to_dict(), result.history,
                                                       meta, result.trajectory))
        elif state.failed:   # its model is not kept: Draw goes back to the current model
            self.session.back_to_current_model()
        self.update_buttons()
        self._report(event)
        self._continue_repeat(state, accuracy)

    def _report(self, event) -> None:
        """The run, as the missions' checks see it (engine/missions/facts.py)."""
        if self.run_request is not None:
            self.session.report(self.run_request.fact(event, self.dataset))

    def _continue_repeat(self, state, accuracy) -> None:
        """The next seed of a Repeat ×N, or, after the last, the group's mean and band."""
        repeat = self._repeat
        if repeat is None:
            return
        if repeat.finished(state, accuracy):
            self.controller.when_idle(self._start_next_repeat)   # its thread may still be winding down
            return
        self._repeat = None
        run_ids = repeat.run_ids
        # named by its settings: two groups on the plots differ in what their names say
        self.plots.add_band(run_ids, self.tr("mean of ×%1: %2").replace("%1", str(len(run_ids)))
                            .replace("%2", self._repeat_label))
        summary = repeat.summary()
        if summary is not None and len(run_ids) > 1:
            mean, std = summary
            self.show_message(self.tr("%1 runs of %2: test accuracy %3 ± %4 (mean ± standard deviation).")
                              .replace("%1", str(len(run_ids))).replace("%2", self._repeat_label)
                              .replace("%3", f"{mean:.2%}").replace("%4", f"{std:.2%}"))

    # ------------------------------------------------------------------ the history
    @Slot(object)
    def show_recorded_run(self, info) -> None:
        """Draw a recorded run (this session's or an earlier one's) on the plots, beside the others."""
        self.pages.setCurrentIndex(0)
        if self.plots.show_record(info.id):   # already on the plots: shown, not added again
            self.message_shown.emit(self.tr("%1 is on the plots already.").replace("%1", info.label or info.id))
            return
        store = self.history.store
        try:
            steps, epochs = store.read_steps(info.id), store.read_epochs(info.id)
        except TensorDeskError as exc:
            self.message_shown.emit(str(exc))
            return
        from tensordesk.gui.names import run_state_text
        self.plots.add_record(info.id, info.label or info.id, steps, epochs, info.test_accuracy,
                              run_state_text(info.state))

    @Slot(object)
    def rerun(self, info) -> None:
        """Put a recorded run's settings in the panel and train them again."""
        if self.controller.running:
            return
        self.panel.apply_recorded(info.spec, info.config)
        if info.dataset and not self.panel.set_source(info.dataset):
            self.message_shown.emit(self.tr("The data set %1 is not available; the panel's is used.")
                                    .replace("%1", info.dataset))
        self.repeat_spin.setValue(1)
        self.pages.setCurrentIndex(0)
        self.start_training()

"""The analysis jobs on the current model: evaluating it on its test split and computing its loss landscape.
Each runs in the background on its own JobController (workers/jobs.py) with progress and cancel, and starts
only when a model is there and no run is training; the view says why otherwise."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from tensordesk.engine.data.datasets import DEFAULT_SOURCE
from tensordesk.gui.names import model_title
from tensordesk.gui.workers.jobs import JobController


class AnalysisJobs(QObject):
    view_wanted = Signal(object)       # the view a job shows its result in
    busy_changed = Signal()

    def __init__(self, evaluation_view, landscape_view, parent=None):
        super().__init__(parent)
        self.evaluation_view, self.landscape_view = evaluation_view, landscape_view
        self.evaluation = JobController("EvaluationThread", self)
        self.landscape = JobController("LandscapeThread", self)
        self.robustness = JobController("RobustnessThread", self)   # damage sweeps, shown in the Evaluate view
        self.model = None                  # the window's current Checkpoint
        self.dataset = None                # the data set in memory (the last run's), reused when it is the model's
        self.training = False
        self.engine_ready = False
        for jobs, view, fail in ((self.evaluation, evaluation_view, self.tr("Evaluation failed: %1")),
                                 (self.robustness, evaluation_view, self.tr("Evaluation failed: %1")),
                                 (self.landscape, landscape_view,
                                  self.tr("The landscape could not be computed: %1"))):
            jobs.progressed.connect(view.set_progress)
            jobs.errored.connect(lambda text, v=view, f=fail: v.show_message(f.replace("%1", text)))
            jobs.running_changed.connect(self._on_running_changed)
            view.cancel_requested.connect(jobs.stop)
        evaluation_view.evaluate_requested.connect(self.evaluate)
        evaluation_view.damage_requested.connect(self.damage_curve)
        self.robustness.result_ready.connect(lambda payload: evaluation_view.robustness.show_damage_curve(*payload))
        self.evaluation.result_ready.connect(lambda payload: evaluation_view.show_evaluation(*payload))
        landscape_view.compute_requested.connect(self.compute_landscape)
        self.landscape.result_ready.connect(lambda payload: landscape_view.show_landscape(*payload))

    # ------------------------------------------------------------------ state
    @property
    def running(self) -> bool:
        return self.evaluation.running or self.landscape.running or self.robustness.running

    @property
    def can_evaluate(self) -> bool:
        return (self._has_model and self.model.is_classifier and not self.evaluation.running
                and not self.robustness.running)

    @property
    def can_compute_landscape(self) -> bool:
        return self._has_model and not self.landscape.running

    @property
    def _has_model(self) -> bool:
        return self.engine_ready and not self.training and self.model is not None

    def set_context(self, model, training: bool, engine_ready: bool) -> None:
        self.model, self.training, self.engine_ready = model, training, engine_ready
        self._update_views()

    def _update_views(self) -> None:
        has = self._has_model
        self.evaluation_view.set_busy(self.evaluation.running or self.robustness.running,
                                      has and self.model.is_classifier)
        self.landscape_view.set_busy(self.landscape.running, has)

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        self._update_views()
        self.busy_changed.emit()

    def shutdown(self) -> None:
        self.evaluation.shutdown(2000)
        self.robustness.shutdown(2000)
        self.landscape.shutdown(2000)

    # ------------------------------------------------------------------ jobs
    def _can_start(self, jobs, view, busy_text: str, missing_text: str, classifier: bool = False) -> bool:
        """Show the view, and say why not when training runs or there is no (classifier) model."""
        if jobs.running:
            return False
        self.view_wanted.emit(view)
        if self.training:
            view.show_message(busy_text)
            return False
        if self.model is None or (classifier and not self.model.is_classifier):
            view.show_message(missing_text)
            return False
        return True

    def _test_data(self):
        """A function (for the job's thread) giving the data set the model was trained on: the one in memory
        when it is that one, else loaded by name (the embedded digits when the name is unknown)."""
        source = self.model.meta.get("dataset") or DEFAULT_SOURCE
        loaded = self.dataset if self.dataset is not None and self.dataset.name == source else None

        def get():
            from tensordesk.engine.data.datasets import known_source, load_dataset
            if loaded is not None:
                return loaded
            return load_dataset(source if known_source(source) else DEFAULT_SOURCE)
        return get

    @Slot()
    def evaluate(self) -> None:
        """Classify the test split with the current model; the Evaluate view shows the result."""
        if not self._can_start(self.evaluation, self.evaluation_view,
                               self.tr("Training is running: evaluate when it has finished."),
                               self.tr("There is no classifier to evaluate: train one or open a saved model first "
                                       "(an autoencoder has no classes)."), classifier=True):
            return
        model, names, test_data = self.model.model, self.model.class_names, self._test_data()
        title = model_title(self.model)
        on = self.tr("%1 on %2")

        def job(progress, cancelled):
            from tensordesk.engine.inspection.evaluation import evaluate_model
            ds = test_data()
            result = evaluate_model(model, ds.x_test, ds.y_test, ds.class_names or names, progress=progress,
                                    cancelled=cancelled)
            return result, ds.x_test, on.replace("%1", title).replace("%2", ds.title)

        self.evaluation_view.show_message(self.tr("Evaluating %1…").replace("%1", title))
        self.evaluation.start(job)
        self._update_views()

    @Slot(str)
    def damage_curve(self, kind: str) -> None:
        """Accuracy of the current model on 1,000 test images damaged more and more (the Robustness page)."""
        if self.robustness.running or self.evaluation.running or not self._can_start(
                self.robustness, self.evaluation_view,
                self.tr("Training is running: evaluate when it has finished."),
                self.tr("There is no classifier to evaluate: train one or open a saved model first "
                        "(an autoencoder has no classes)."), classifier=True):
            return
        from PySide6.QtCore import QCoreApplication

        from tensordesk.gui.analysis.robustness_panel import DAMAGE_TITLES, damage_values
        model, test_data, values = self.model.model, self._test_data(), damage_values(kind)
        title = QCoreApplication.translate("RobustnessPanel", DAMAGE_TITLES[kind])

        def job(progress, cancelled):
            from tensordesk.engine.inspection.robustness import damage_curve
            ds = test_data()
            return kind, damage_curve(model, ds.x_test[:1000], ds.y_test[:1000], kind, values, progress=progress)

        self.evaluation_view.robustness.damage_label.setText(self.tr("Evaluating %1…").replace("%1", title))
        self.robustness.start(job)
        self._update_views()

    @Slot()
    def compute_landscape(self) -> None:
        """The loss around the current model's weights, on a copy of the model (the canvas keeps the real one)."""
        if not self._can_start(self.landscape, self.landscape_view,
                               self.tr("Training is running: compute when it has finished."),
                               self.tr("There is no model yet: train one or open a saved model.")):
            return
        source, weights, trajectory = self.model.model, self.model.model.get_weights(), self.model.trajectory
        spec, classifier = self.model.spec, self.model.is_classifier
        settings, test_data = self.landscape_view.settings(), self._test_data()
        caption = self.tr("%1 on %2 %3 test images").replace("%1", model_title(self.model))

        def job(progress, cancelled):
            from tensordesk.engine.inspection.landscape import loss_landscape
            from tensordesk.engine.inspection.surgery import copy_model
            from tensordesk.engine.models.architectures import build_model
            ds = test_data()
            copy = build_model(spec, seed=None) if spec is not None else copy_model(source)
            copy.set_weights(weights)
            n = min(settings["images"], len(ds.x_test))
            land = loss_landscape(copy, ds.x_test[:n], ds.y_test[:n] if classifier else None,
                                  grid=settings["grid"], directions=settings["directions"], trajectory=trajectory,
                                  progress=progress, cancelled=cancelled)
            return (land, caption.replace("%2", f"{n:,}").replace("%3", ds.title)) if land is not None else None

        self.landscape_view.show_message(self.tr("Computing the loss on a %1 × %1 grid…").replace(
            "%1", str(settings["grid"])))
        self.landscape.start(job)
        self._update_views()

"""The analysis jobs on the current model: evaluating it on its test split and computing its loss landscape.
Each runs in the background on its own JobController (workers/jobs.py) with progress and cancel, and starts
only when a model is there and no run is training; the view says why otherwise."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from tensordesk.engine.data.datasets import DEFAULT_SOURCE
from tensordesk.gui.names import model_title, tr_engine
from tensordesk.gui.workers.jobs import JobController


class AnalysisJobs(QObject):
    """Owned by the session (gui/session.py): the current model and what runs come from it; the Evaluate and
    Landscape views subscribe to these signals and to the controllers' progress themselves."""

    state_changed = Signal()            # a job started or ended, or what can start changed
    said = Signal(str, str)             # (view key, sentence): what that view's summary line should say
    evaluated = Signal(object)          # (Evaluation, test images, title)
    damage_swept = Signal(object)       # (damage kind, [(value, accuracy), …])
    landscape_ready = Signal(object)    # (Landscape, title), or None when cancelled

    def __init__(self, session):
        super().__init__(session)
        self.session = session
        self.evaluation = JobController("EvaluationThread", self)
        self.landscape = JobController("LandscapeThread", self)
        self.robustness = JobController("RobustnessThread", self)   # damage sweeps, shown in the Evaluate view
        for jobs, key, fail in ((self.evaluation, "evaluate", self.tr("Evaluation failed: %1")),
                                (self.robustness, "evaluate", self.tr("Evaluation failed: %1")),
                                (self.landscape, "landscape", self.tr("The landscape could not be computed: %1"))):
            jobs.errored.connect(lambda text, k=key, f=fail: self.said.emit(k, f.replace("%1", text)))
            jobs.running_changed.connect(self._on_running_changed)
        self.robustness.result_ready.connect(self.damage_swept)
        self.evaluation.result_ready.connect(self.evaluated)
        self.evaluation.result_ready.connect(self._report_evaluation)
        self.landscape.result_ready.connect(self.landscape_ready)
        for changed in (session.current_model_changed, session.training_changed, session.engine_ready):
            changed.connect(lambda *_: self.state_changed.emit())

    def _report_evaluation(self, result) -> None:
        from tensordesk.engine.missions.facts import EvaluationFact
        evaluation = result[0]
        per_class = tuple(-1.0 if v is None else v for v in evaluation.per_class_accuracy)
        self.session.report(EvaluationFact(evaluation.accuracy, per_class, evaluation.n))

    # ------------------------------------------------------------------ state
    @property
    def model(self):
        return self.session.checkpoint

    @property
    def running(self) -> bool:
        return self.evaluation.running or self.landscape.running or self.robustness.running

    @property
    def evaluating(self) -> bool:
        return self.evaluation.running or self.robustness.running

    @property
    def can_evaluate(self) -> bool:
        return self._has_model and self.model.is_classifier and not self.evaluating

    @property
    def can_compute_landscape(self) -> bool:
        return self._has_model and not self.landscape.running

    @property
    def has_classifier(self) -> bool:
        return self._has_model and self.model.is_classifier

    @property
    def has_model(self) -> bool:
        """A model is there to compute on (TensorFlow loaded, nothing training)."""
        return self._has_model

    @property
    def _has_model(self) -> bool:
        return self.session.engine_is_ready and not self.session.training and self.model is not None

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        self.session.set_jobs_running(self.running)
        self.state_changed.emit()

    def shutdown(self) -> bool:
        ended = [self.evaluation.shutdown(2000), self.robustness.shutdown(2000), self.landscape.shutdown(2000)]
        return all(ended)

    # ------------------------------------------------------------------ jobs
    def _can_start(self, jobs, view: str, busy_text: str, missing_text: str, classifier: bool = False) -> bool:
        """Show the view, and say why not when training runs or there is no (classifier) model."""
        if jobs.running:
            return False
        self.session.show_view(view)
        if self.session.training:
            self.said.emit(view, busy_text)
            return False
        if self.model is None or (classifier and not self.model.is_classifier):
            self.said.emit(view, missing_text)
            return False
        return True

    def _test_data(self):
        """A function (for the job's thread) giving the data set the model was trained on: the one in memory
        when it is that one, else loaded by name (the embedded digits when the name is unknown)."""
        source = self.model.meta.get("dataset") or DEFAULT_SOURCE
        dataset = self.session.dataset
        loaded = dataset if dataset is not None and dataset.name == source else None

        def get():
            from tensordesk.engine.data.datasets import known_source, load_dataset
            if loaded is not None:
                return loaded
            return load_dataset(source if known_source(source) else DEFAULT_SOURCE)
        return get

    @Slot()
    def evaluate(self) -> None:
        """Classify the test split with the current model; the Evaluate view shows the result."""
        if not self._can_start(self.evaluation, "evaluate",
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
            return result, ds.x_test, on.replace("%1", title).replace("%2", tr_engine(ds.title))

        self.said.emit("evaluate", self.tr("Evaluating %1…").replace("%1", title))
        self.evaluation.start(job)

    @Slot(str)
    def damage_curve(self, kind: str) -> None:
        """Accuracy of the current model on 1,000 test images damaged more and more (the Robustness page)."""
        if self.robustness.running or self.evaluation.running or not self._can_start(
                self.robustness, "evaluate",
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

        self.said.emit("robustness", self.tr("Evaluating %1…").replace("%1", title))
        self.robustness.start(job)

    @Slot(dict)
    def compute_landscape(self, settings: dict) -> None:
        """The loss around the current model's weights, on a copy of the model (the canvas keeps the real one)."""
        if not self._can_start(self.landscape, "landscape",
                               self.tr("Training is running: compute when it has finished."),
                               self.tr("There is no model yet: train one or open a saved model.")):
            return
        source, weights, trajectory = self.model.model, self.model.model.get_weights(), self.model.trajectory
        spec, classifier = self.model.spec, self.model.is_classifier
        test_data = self._test_data()
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
            return (land, caption.replace("%2", f"{n:,}").replace("%3", tr_engine(ds.title))) if land is not None else None

        self.said.emit("landscape", self.tr("Computing the loss on a %1 × %1 grid…").replace(
            "%1", str(settings["grid"])))
        self.landscape.start(job)

"""My digits' fine-tuning: a copy of the current model trained on the learner's digits mixed with MNIST, in the
background, with the accuracy on held-out digits before, after each epoch and after (engine/data/own_digits.py)."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from tensordesk.engine.models.checkpoints import Checkpoint
from tensordesk.gui.presentation import theme
from tensordesk.gui.train.augment_preview import digit_pixmap
from tensordesk.gui.widgets.axes import plot_widget
from tensordesk.gui.widgets.data_text import set_text_with_data
from tensordesk.gui.workers.jobs import JobController


class FineTunePanel(QGroupBox):
    model_tuned = Signal(Checkpoint, str)  # the fine-tuned model, and how Draw should name it
    running_changed = Signal(bool)
    tuned = Signal(object)                 # engine FineTuneFact: before and after (missions)

    def apply_theme(self) -> None:
        """The theme changed: right and wrong held-out digits take its colours (gui/presentation.py)."""
        for row in range(self.held_model.rowCount()):
            item = self.held_model.item(row)
            item.setForeground(QColor(theme().ok if item.data(Qt.UserRole + 1) else theme().error))

    def __init__(self, collection, parent=None):
        super().__init__(parent)
        from tensordesk.engine.data.own_digits import DEFAULT_HOLDOUT, DEFAULT_OWN_SHARE
        self.setTitle(self.tr("Teach the network your handwriting"))
        self.collection = collection    # engine.own_digits.DigitCollection
        self.checkpoint = None          # the current model (engine Checkpoint), which fine-tuning starts from
        self.model_name = ""
        self.busy_elsewhere = False     # a training run holds TensorFlow
        self.engine_ready = False
        self.share_spin = QSpinBox()
        self.share_spin.setObjectName("ownShareSpin")
        self.share_spin.setRange(10, 100)
        self.share_spin.setSingleStep(10)
        self.share_spin.setSuffix(" %")
        self.share_spin.setValue(int(DEFAULT_OWN_SHARE * 100))
        self.share_spin.setToolTip(self.tr("How much of each training batch is your digits; the rest is MNIST, so "
                                           "the network keeps reading everyone else's handwriting"))
        self.holdout_spin = QSpinBox()
        self.holdout_spin.setObjectName("holdoutSpin")
        self.holdout_spin.setRange(10, 60)
        self.holdout_spin.setSingleStep(5)
        self.holdout_spin.setSuffix(" %")
        self.holdout_spin.setValue(int(DEFAULT_HOLDOUT * 100))
        self.holdout_spin.setToolTip(self.tr("Your digits kept aside, never trained on: the accuracy before and "
                                             "after is measured on them"))
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setObjectName("tuneEpochsSpin")
        self.epochs_spin.setRange(1, 50)
        self.epochs_spin.setValue(5)
        self.lr_spin = QDoubleSpinBox()
        self.lr_spin.setObjectName("tuneLrSpin")
        self.lr_spin.setDecimals(5)
        self.lr_spin.setRange(0.00001, 0.01)
        self.lr_spin.setSingleStep(0.0001)
        self.lr_spin.setValue(0.0005)
        self.lr_spin.setToolTip(self.tr("Small: the network adjusts what it knows instead of starting over"))
        self.model_label = QLabel()
        self.model_label.setObjectName("tuneModelLabel")
        self.model_label.setWordWrap(True)
        self.tune_button = QPushButton(self.tr("Fine-tune on my digits"))
        self.tune_button.setObjectName("fineTuneButton")
        self.tune_button.clicked.connect(self.fine_tune)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("fineTuneStop")
        self.stop_button.clicked.connect(self._stop)
        self.progress = QProgressBar()
        self.progress.setObjectName("fineTuneProgress")
        self.hint = QLabel()
        self.hint.setObjectName("fineTuneHint")
        self.hint.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setObjectName("fineTuneResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.RichText)
        self.plot = plot_widget()
        self.plot.setObjectName("fineTunePlot")
        self.plot.setLabel("bottom", self.tr("epoch (0: before)"))
        self.plot.setLabel("left", self.tr("accuracy on your held-out digits"))
        self.plot.setYRange(0, 1)
        self.plot.setMinimumHeight(120)   # a curve a class can read, also at lecture scale
        self.plot.showGrid(x=True, y=True, alpha=0.3)
        self.plot.setMouseEnabled(False, False)
        self.plot.getAxis("bottom").setTickSpacing(1, 1)
        self.curve = self.plot.plot([], [], pen=pg.mkPen("#e45756", width=2), symbol="o", symbolSize=7,
                                    symbolBrush="#e45756")
        self.held_model = QStandardItemModel(self)
        self.held_view = QListView()
        self.held_view.setObjectName("heldOutDigits")
        self.held_view.setModel(self.held_model)
        self.held_view.setViewMode(QListView.IconMode)
        self.held_view.setIconSize(QSize(40, 40))
        self.held_view.setGridSize(QSize(64, 66))
        self.held_view.setResizeMode(QListView.Adjust)
        self.held_view.setMovement(QListView.Static)
        self.held_view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.held_view.setToolTip(self.tr("Your held-out digits: true value, then what the model said before → after"))

        form = QFormLayout()
        form.addRow(self.tr("Your digits in each batch"), self.share_spin)
        form.addRow(self.tr("Held out to measure"), self.holdout_spin)
        form.addRow(self.tr("Epochs"), self.epochs_spin)
        form.addRow(self.tr("Learning rate (Adam)"), self.lr_spin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.tune_button)
        buttons.addWidget(self.stop_button)
        t = QVBoxLayout(self)
        t.addWidget(self.model_label)
        t.addLayout(form)
        t.addLayout(buttons)
        t.addWidget(self.progress)
        t.addWidget(self.hint)
        t.addWidget(self.result_label)
        t.addWidget(self.plot, 2)
        t.addWidget(self.held_view, 1)

        self.job = JobController("FineTuneThread", self)
        self.job.reported.connect(self._on_epoch)
        self.job.result_ready.connect(self._on_tuned)
        self.job.errored.connect(self._on_failed)
        self.job.running_changed.connect(self._on_running_changed)
        self.job.finished.connect(self._on_job_finished)
        self._tuned = self._failed = False
        self._hint_is_why = False
        self.update_buttons()

    # ------------------------------------------------------------------ the model and the digits
    def set_collection(self, collection) -> None:
        """The digits fine-tuning trains on (the gallery's collection)."""
        self.collection = collection
        self.update_buttons()

    def set_engine_ready(self) -> None:
        self.engine_ready = True
        self.update_buttons()

    def set_model(self, checkpoint, name: str) -> None:
        """The window's current model: what fine-tuning starts from."""
        self.checkpoint, self.model_name = checkpoint, name
        if checkpoint is not None:
            set_text_with_data(self.model_label, self.tr("Starts from: %1"), name)
        else:
            set_text_with_data(self.model_label, self.tr("No model yet: train one or open a saved model."))
        self.update_buttons()

    def set_busy(self, busy: bool) -> None:
        """A training run holds TensorFlow: fine-tuning waits for it."""
        self.busy_elsewhere = busy
        self.update_buttons()

    def _why_not(self) -> str:
        counts = self.collection.counts()
        if not self.engine_ready:
            return self.tr("Waiting for TensorFlow to load.")
        if self.checkpoint is None:
            return self.tr("No model yet: train one or open a saved model.")
        if self.checkpoint.foreign:
            return self.tr("This model came from a Keras file: fine-tuning works on TensorDesk's own models.")
        if not self.checkpoint.is_classifier:
            return self.tr("The current model is an autoencoder; fine-tuning needs a classifier.")
        if self.busy_elsewhere:
            return self.tr("Training is running: fine-tune when it has finished.")
        if max(counts) < 2:
            return self.tr("Collect at least two examples of a digit (ideally ten of each) in the Draw view.")
        return ""

    @property
    def running(self) -> bool:
        return self.job.running

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        self.update_buttons()
        self.running_changed.emit(running)

    def update_buttons(self) -> None:
        """Fine-tune when it can act (else a sentence says why); the settings are fixed while it runs."""
        running = self.job.running
        why = self._why_not()
        self.tune_button.setEnabled(not running and not why)
        self.stop_button.setEnabled(running)
        for w in (self.share_spin, self.holdout_spin, self.epochs_spin, self.lr_spin):
            w.setEnabled(not running)
        if not running and why:
            self.hint.setText(why)
            self._hint_is_why = True
        elif not running and self._hint_is_why:   # a reason that no longer holds; a job's outcome stays
            self.hint.setText("")
            self._hint_is_why = False

    # ------------------------------------------------------------------ fine-tuning
    @Slot()
    def fine_tune(self) -> None:
        if not self.tune_button.isEnabled():
            return
        checkpoint, collection = self.checkpoint, self.collection
        share, holdout = self.share_spin.value() / 100, self.holdout_spin.value() / 100
        epochs, lr = self.epochs_spin.value(), self.lr_spin.value()

        def job(progress, cancelled):
            from tensordesk.engine.data.datasets import load_embedded
            from tensordesk.engine.training.fine_tune import fine_tune
            images, labels, notes = collection.read()
            return fine_tune(checkpoint.model, checkpoint.spec, images, labels, load_embedded(), share, holdout,
                             epochs, lr, progress=lambda e, n, acc: progress(e, n, (e, acc)), stop=cancelled)

        self.progress.setRange(0, epochs)
        self.progress.setValue(0)
        self.result_label.setText("")
        self.held_model.clear()
        self.curve.setData([], [])
        self._points: list[tuple[int, float]] = []
        self.hint.setText(self.tr("Fine-tuning a copy of the model on your digits…"))
        self._hint_is_why = False
        self._tuned = self._failed = False
        self.job.start(job)

    @Slot()
    def _stop(self) -> None:
        self.job.stop()

    @Slot(object)
    def _on_epoch(self, detail) -> None:
        epoch, accuracy = detail
        self._points.append((epoch, accuracy))
        self.progress.setValue(epoch)
        self.curve.setData([p[0] for p in self._points], [p[1] for p in self._points])

    @Slot(object)
    def _on_job_finished(self, end) -> None:
        if not self._tuned and not self._failed:
            self.hint.setText(self.tr("Fine-tuning stopped; the current model is unchanged."))

    @Slot(object)
    def _on_tuned(self, result) -> None:
        from tensordesk.engine.models.checkpoints import Checkpoint
        self._tuned = True
        points = [(0, result.before), *[(i + 1, a) for i, a in enumerate(result.per_epoch)]]
        self.curve.setData([p[0] for p in points], [p[1] for p in points])
        self.progress.setValue(self.progress.maximum())
        self.result_label.setText(
            self.tr("On your %1 held-out digits: <b>%2</b> before → <b>%3</b> after. MNIST test digits: %4 → %5.")
            .replace("%1", str(result.held_out)).replace("%2", f"{result.before:.0%}")
            .replace("%3", f"{result.after:.0%}").replace("%4", f"{result.mnist_before:.1%}")
            .replace("%5", f"{result.mnist_after:.1%}"))
        self.hint.setText(self.tr("Draw now uses the fine-tuned model; File → Save model keeps it."))
        ratio = self.devicePixelRatioF()
        for image, label, b, a in zip(result.held_out_images, result.held_out_labels, result.before_predictions,
                                      result.after_predictions):
            item = QStandardItem(QIcon(digit_pixmap(image, 40, ratio)), f"{label}: {b}→{a}")
            item.setForeground(QColor(theme().ok if a == label else theme().error))
            item.setData(a == label, Qt.UserRole + 1)
            self.held_model.appendRow(item)
        spec = self.checkpoint.spec
        meta = {"dataset": f"folder:{self.collection.folder}", "class_names": list(self.checkpoint.class_names),
                "fine_tuned_from": self.model_name, "own_digits_before": result.before,
                "own_digits_after": result.after, "test_accuracy": result.mnist_after}
        suffix = self.tr("%1, fine-tuned on your digits")
        name = self.model_name if self.model_name.endswith(suffix.replace("%1", "")) else \
            suffix.replace("%1", self.model_name)
        self.model_tuned.emit(Checkpoint(result.model, spec, result.config, result.history, meta), name)
        from tensordesk.engine.missions.facts import FineTuneFact
        self.tuned.emit(FineTuneFact(result.held_out + result.trained_on, result.before,
                                     result.after, result.mnist_before, result.mnist_after))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._failed = True
        self.hint.setText(self.tr("Fine-tuning failed: %1").replace("%1", message))

    # ------------------------------------------------------------------ settings and shutdown
    def load_settings(self, settings, key: str) -> None:
        for name, spin in (("share", self.share_spin), ("holdout", self.holdout_spin),
                           ("epochs", self.epochs_spin)):
            try:
                value = settings.value(f"{key}/{name}")
                if value is not None:
                    spin.setValue(int(value))
            except (TypeError, ValueError):
                pass

    def save_settings(self, settings, key: str) -> None:
        settings.setValue(f"{key}/share", self.share_spin.value())
        settings.setValue(f"{key}/holdout", self.holdout_spin.value())
        settings.setValue(f"{key}/epochs", self.epochs_spin.value())

    def shutdown(self) -> bool:
        return self.job.shutdown(5000)

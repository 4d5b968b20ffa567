"""The Evaluate view's Robustness page: accuracy against a damage of the test images (noise, rotation, thicker or
thinner strokes, shift), and an "I don't know" threshold with its coverage and accuracy curves."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tensordesk.gui.widgets.axes import plot_widget
from tensordesk.gui.widgets.data_text import set_text_with_data

DAMAGE_TITLES = {   # engine/inspection/robustness.py's DAMAGES, as the list shows them
    "noise": QT_TRANSLATE_NOOP("RobustnessPanel", "Gaussian noise (σ)"),
    "rotate": QT_TRANSLATE_NOOP("RobustnessPanel", "rotation (degrees)"),
    "thicken": QT_TRANSLATE_NOOP("RobustnessPanel", "thicker / thinner strokes (pixels)"),
    "shift": QT_TRANSLATE_NOOP("RobustnessPanel", "shift (pixels)"),
}


def damage_values(kind: str) -> np.ndarray:
    """The damage levels a curve visits: 7 to 9 points over the kind's range."""
    from tensordesk.engine.inspection.robustness import DAMAGES
    lo, hi = DAMAGES[kind][1]
    return np.arange(lo, hi + 1, 1.0) if kind == "thicken" else np.linspace(lo, hi, 7)



def _plain_numbers(axis) -> None:
    """The axis shows its values themselves: σ 0–0.8 reads 0–0.8, not 0–800 "(x0.001)" (pyqtgraph scales a unitless
    axis below 1 by an SI prefix; since 0.14 only an empty set of enabled ranges turns that off)."""
    axis.enableAutoSIPrefix(False)
    if hasattr(axis, "setSIPrefixEnableRanges"):
        axis.setSIPrefixEnableRanges(())

class RobustnessPanel(QWidget):
    damage_requested = Signal(str)      # a damage kind (engine/inspection/robustness.py DAMAGES) to sweep
    threshold_set = Signal(object)      # engine ThresholdFact: the learner set the threshold (missions)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("robustnessPanel")
        self.confidence = None          # the last evaluation's top probabilities and correctness
        self.correct = None
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("damageCombo")
        for key, title in DAMAGE_TITLES.items():
            self.kind_combo.addItem(QCoreApplication.translate("RobustnessPanel", title), key)
        self.damage_button = QPushButton(self.tr("Accuracy under damage"))
        self.damage_button.setObjectName("damageButton")
        self.damage_button.setToolTip(self.tr("Classify 1,000 test images damaged more and more (in the background)"))
        self.damage_button.clicked.connect(lambda: self.damage_requested.emit(self.kind_combo.currentData()))
        self.damage_plot = plot_widget()
        self.damage_plot.setObjectName("damagePlot")
        self.damage_plot.setLabel("left", self.tr("accuracy"))
        self.damage_plot.setYRange(0, 1)
        for side in ("bottom", "left"):
            _plain_numbers(self.damage_plot.getAxis(side))
        self.damage_plot.showGrid(x=True, y=True, alpha=0.3)
        self.damage_curve = self.damage_plot.plot([], [], pen=pg.mkPen("#e45756", width=2), symbol="o",
                                                  symbolSize=6, symbolBrush="#e45756")
        self.damage_label = QLabel(self.tr("Evaluate the model, then see how it copes with damaged images."))
        self.damage_label.setWordWrap(True)

        self.threshold_spin = QDoubleSpinBox()
        self.threshold_spin.setObjectName("thresholdSpin")
        self.threshold_spin.setRange(0.0, 1.0)
        self.threshold_spin.setSingleStep(0.05)
        self.threshold_spin.setValue(0.9)
        self.threshold_spin.setToolTip(self.tr("Below this confidence the network answers “I don't know”"))
        self.threshold_spin.valueChanged.connect(self._on_threshold_changed)
        self.coverage_plot = plot_widget()
        self.coverage_plot.setObjectName("coveragePlot")
        self.coverage_plot.setLabel("bottom", self.tr("confidence threshold"))
        self.coverage_plot.setYRange(0, 1)
        self.coverage_plot.showGrid(x=True, y=True, alpha=0.3)
        self.coverage_plot.addLegend(offset=(10, 10))
        self.coverage_curve = self.coverage_plot.plot([], [], pen=pg.mkPen("#4c78a8", width=2),
                                                      name=self.tr("answered"))
        self.answered_curve = self.coverage_plot.plot([], [], pen=pg.mkPen("#54a24b", width=2),
                                                      name=self.tr("right among answered"))
        self.threshold_line = pg.InfiniteLine(0.9, angle=90, pen=pg.mkPen("#888", style=Qt.DashLine))
        self.coverage_plot.addItem(self.threshold_line)
        self.threshold_label = QLabel()
        self.threshold_label.setObjectName("thresholdLabel")
        self.threshold_label.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(self.kind_combo, 1)
        row.addWidget(self.damage_button)
        trow = QHBoxLayout()
        trow.addWidget(QLabel(self.tr("Answer only above")))
        trow.addWidget(self.threshold_spin)
        trow.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.damage_plot, 1)
        lay.addWidget(self.damage_label)
        lay.addLayout(trow)
        lay.addWidget(self.coverage_plot, 1)
        lay.addWidget(self.threshold_label)

    def shown_widgets(self) -> list:
        return [self.damage_plot, self.coverage_plot]

    def mark_stale(self) -> None:
        """The model changed after this evaluation: its sentences say whose numbers they are."""
        from tensordesk.gui.analysis.job_view import stale_note
        for label in (self.damage_label, self.threshold_label):
            if label.text() and not label.text().startswith(stale_note()):
                label.setText(stale_note() + " " + label.text())

    def set_evaluation(self, evaluation) -> None:
        """The curves of coverage and accuracy against the threshold, from an evaluation's confidences."""
        from tensordesk.engine.inspection.robustness import coverage_curve
        self.confidence = evaluation.confidence
        self.correct = evaluation.predicted == evaluation.labels
        curve = coverage_curve(self.confidence, self.correct)
        xs = [c.threshold for c in curve]
        self.coverage_curve.setData(xs, [c.coverage for c in curve])
        ys = [c.accuracy if c.accuracy is not None else np.nan for c in curve]
        self.answered_curve.setData(xs, ys, connect="finite")
        self._show_threshold(self.threshold_spin.value())

    def _show_threshold(self, value: float):
        """The line and the sentence for `value`; its coverage (None before an evaluation)."""
        self.threshold_line.setValue(value)
        if self.confidence is None:
            return None
        from tensordesk.engine.inspection.robustness import coverage_at
        c = coverage_at(self.confidence, self.correct, value)
        right = "—" if c.accuracy is None else f"{c.accuracy:.1%}"
        set_text_with_data(self.threshold_label, self.tr("Above %1 the network answers %2 of the images, and %3 of "
                                                         "those answers are right; it says “I don't know” to the "
                                                         "rest."), f"{value:.2f}", f"{c.coverage:.1%}", right)
        return c

    def set_threshold(self, value: float) -> None:
        """The learner's threshold (the spin box's value), reported even when it is the one shown."""
        if abs(self.threshold_spin.value() - value) < 1e-12:
            self._on_threshold_changed(value)
        else:
            self.threshold_spin.setValue(value)

    @Slot(float)
    def _on_threshold_changed(self, value: float) -> None:
        """The learner moved the threshold: shown, and reported (an evaluation's own redraw is not reported)."""
        c = self._show_threshold(value)
        if c is None:
            return
        from tensordesk.engine.missions.facts import ThresholdFact
        self.threshold_set.emit(ThresholdFact(float(value), float(c.coverage),
                                              float("nan") if c.accuracy is None else float(c.accuracy),
                                              float(np.mean(self.correct))))

    def show_damage_curve(self, kind: str, curve) -> None:
        xs, ys = [v for v, _ in curve], [a for _, a in curve]
        self.damage_curve.setData(xs, ys)
        title = QCoreApplication.translate("RobustnessPanel", DAMAGE_TITLES[kind])
        self.damage_plot.setLabel("bottom", title)
        _plain_numbers(self.damage_plot.getAxis("bottom"))   # (setLabel sets the axis's scaling anew)
        set_text_with_data(self.damage_label, self.tr("%1: accuracy %2 undamaged, %3 at %4."), title,
                           f"{ys[0]:.1%}", f"{ys[-1]:.1%}", f"{xs[-1]:g}")

    def set_busy(self, busy: bool, can: bool) -> None:
        self.damage_button.setEnabled(can and not busy)

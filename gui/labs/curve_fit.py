"""Seed 000's curve-fitting demo: a 1-H-1 network fits y = x² + noise, step by step (a page of the
gradient-descent lab's tab)."""
from __future__ import annotations

import functools

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QFormLayout, QGroupBox

from tensordesk.gui.labs.lab_pane import LabPane
from tensordesk.gui.widgets.plots import labelled_plot, settle_ranges
from tensordesk.gui.widgets.setting_controls import setting_combo, setting_spin


def _make_fit_lab(settings):
    from tensordesk.engine.labs.curvefit import CurveFitLab
    return CurveFitLab(settings)


class CurveFitPane(LabPane):
    """Seed 000: a 1-H-1 network fits y = x² + noise; its prediction is drawn red as it bends into shape."""

    def __init__(self, parent=None):
        super().__init__("CurveFitLabThread", "fit", default_speed_index=8, fps=20, parent=parent)
        from tensordesk.engine.labs.curvefit import FitSettings
        self.defaults = FitSettings()
        self.hidden_spin = setting_spin(FitSettings, "hidden", "fitHidden")
        self.activation = setting_combo(FitSettings, "activation", "fitActivation")
        self.lr_spin = setting_spin(FitSettings, "learning_rate", "fitLearningRate", decimals=4, step=0.05,
                                    within=(0.0001, 10.0))
        self.steps_spin = setting_spin(FitSettings, "steps", "fitSteps")
        self.seed_spin = setting_spin(FitSettings, "seed", "fitSeed")
        self.seed_spin.setToolTip(self.tr("The data's noise and the starting weights. From some starts (try 0 or 2) "
                                          "the error falls, jumps about twentyfold and recovers: plain SGD at 0.1 "
                                          "overshooting while the output unit saturates."))
        form = QFormLayout()
        form.addRow(self.tr("Hidden units"), self.hidden_spin)
        form.addRow(self.tr("Activation"), self.activation)
        form.addRow(self.tr("Learning rate (SGD)"), self.lr_spin)
        form.addRow(self.tr("Steps"), self.steps_spin)
        form.addRow(self.tr("Random seed"), self.seed_spin)
        box = QGroupBox(self.tr("Network 1 → hidden → 1 (seed 000)"))
        box.setLayout(form)
        self.fit_plot = labelled_plot("fitPlot", "x", "y")
        self.scatter = self.fit_plot.plot([], [], pen=None, symbol="o", symbolSize=5,
                                          symbolBrush=(31, 119, 180, 150), symbolPen=None, name=self.tr("data"))
        self.curve = self.fit_plot.plot([], [], pen=pg.mkPen((220, 20, 20), width=4))
        self.loss_plot = labelled_plot("fitLossPlot", self.tr("step"), self.tr("MSE (log)"),
                                        log_y=True)
        self.loss_curve = self.loss_plot.plot([], [], pen=pg.mkPen((220, 20, 20), width=2))
        self.arrange(box, self.stack(self.fit_plot, [self.loss_plot], stretch=(3, 1)), self.tr(
            "Blue: 200 points of y = x² with a little noise. Red: what the network predicts after each step of "
            "gradient descent on all points; it starts as a random curve and bends into the parabola."),
            "fitCaption")
        self.restart_on(self.hidden_spin.valueChanged, self.activation.currentIndexChanged,
                        self.lr_spin.valueChanged, self.steps_spin.valueChanged, self.seed_spin.valueChanged)
        self.steps, self.losses, self.prediction, self.step = [], [], None, 0
        self._update_buttons()
        self.remember_defaults()

    def settings_state(self) -> dict:
        return {"hidden": self.hidden_spin.value(), "activation": self.activation.currentData(),
                "learning_rate": self.lr_spin.value(), "steps": self.steps_spin.value(), "seed": self.seed_spin.value()}

    def apply_state(self, state: dict) -> None:
        self.hidden_spin.setValue(int(state.get("hidden", self.defaults.hidden)))
        self.activation.setCurrentIndex(max(0, self.activation.findData(state.get("activation", "tanh"))))
        self.lr_spin.setValue(float(state.get("learning_rate", self.defaults.learning_rate)))
        self.steps_spin.setValue(int(state.get("steps", self.defaults.steps)))
        self.seed_spin.setValue(int(state.get("seed", self.defaults.seed)))
        self.settings_changed()

    def settings(self):
        return self.defaults.replace(hidden=self.hidden_spin.value(), activation=self.activation.currentData(),
                                     learning_rate=self.lr_spin.value(), steps=self.steps_spin.value(),
                                     seed=self.seed_spin.value())

    def lab_factory(self):
        return functools.partial(_make_fit_lab, self.settings().validate())

    def clear_views(self) -> None:
        self.steps, self.losses, self.prediction, self.step = [], [], None, 0
        self.curve.setData([], [])

    def on_lab_event(self, event) -> None:
        from tensordesk.engine.labs import curvefit as cf
        if isinstance(event, cf.FitData):
            self.x = event.x
            self.scatter.setData(event.x, event.y)
        elif isinstance(event, cf.FitStep):
            self.step = event.step
            self.steps.append(event.step)
            self.losses.append(event.loss)
            if event.prediction is not None:
                self.prediction = event.prediction

    def render(self) -> None:
        if self.prediction is not None:
            self.curve.setData(self.x, self.prediction)
        if self.steps:
            self.loss_curve.setData(np.asarray(self.steps, float), np.maximum(np.asarray(self.losses), 1e-12))
        settle_ranges(self.fit_plot, self.loss_plot)
        text = self.tr("Step %1 of %2").replace("%1", str(self.step)).replace("%2", str(self.steps_spin.value()))
        if self.losses:
            text += " · " + self.tr("loss %1").replace("%1", f"{self.losses[-1]:.5f}")
        if self.finished_run:
            text += " · " + self.tr("finished")
        self.status.setText(text)

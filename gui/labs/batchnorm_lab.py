"""The batch-norm lab tab: the seed 002 §20 experiment live (histograms of every layer's input without
and with BN, both cost curves, the fit), and a panel comparing MNIST runs' activations with BN off and on."""
from __future__ import annotations

import functools

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tensordesk.engine.core.events import RunState
from tensordesk.gui.labs.lab_pane import LabPane
from tensordesk.gui.names import tr_engine
from tensordesk.gui.widgets.histogram_grid import HistogramGrid
from tensordesk.gui.widgets.plots import labelled_plot, settle_ranges
from tensordesk.gui.widgets.setting_controls import setting_combo, setting_spin
from tensordesk.gui.widgets.view_base import ViewBase

NET_TITLES = {"without_bn": QT_TRANSLATE_NOOP("BatchNormLab", "without BN"),
              "with_bn": QT_TRANSLATE_NOOP("BatchNormLab", "with BN")}


def net_title(net: str) -> str:
    return QCoreApplication.translate("BatchNormLab", NET_TITLES[net])
NET_COLORS = {"without_bn": (214, 39, 40), "with_bn": (31, 119, 180)}


def _make_lab(settings):
    """Runs in the lab thread (TensorFlow is imported there)."""
    from tensordesk.engine.labs.batchnorm import BatchNormLab
    return BatchNormLab(settings)


class BatchNormExperiment(LabPane):
    """Seed experiment: controls on the left, histogram grid on top, costs and the fit below."""

    def __init__(self, parent=None):
        super().__init__("BatchNormLabThread", "bn", default_speed_index=5, fps=20, parent=parent)
        from tensordesk.engine.labs.batchnorm import BNSettings
        self.defaults = BNSettings()
        self.step = 0
        self.total_steps = self.defaults.steps
        self.costs = {"without_bn": ([], []), "with_bn": ([], [])}
        self.predictions = None
        self.layers = None
        self.diverged = {}
        self._pending: set[str] = set()        # views with news not drawn yet: "costs", "fit"
        self._turns = ["costs", "fit"]         # whose turn it is to repaint, first first

        # ---------------------------------------------------------------- controls
        d = self.defaults
        S = type(d)   # the lab's declared settings: ranges and defaults
        self.activation = setting_combo(S, "activation", "bnActivation", {"relu": "ReLU"})
        self.layers_spin = setting_spin(S, "layers", "bnLayers")
        self.units_spin = setting_spin(S, "units", "bnUnits")
        self.sigma_spin = setting_spin(S, "weight_std", "bnSigma", decimals=2, step=0.1, within=(0.01, 10.0))
        self.lr_spin = setting_spin(S, "learning_rate", "bnLearningRate", decimals=5, step=0.0005,
                                    within=(0.00001, 1.0))
        self.batch_spin = setting_spin(S, "batch_size", "bnBatch")
        self.batch_spin.setMaximum(min(self.batch_spin.maximum(), d.samples))
        self.steps_spin = setting_spin(S, "steps", "bnSteps")
        self.record_spin = setting_spin(S, "record_every", "bnRecordEvery", within=(1, 10_000))
        self.seed_spin = setting_spin(S, "seed", "bnSeed", within=(0, 1_000_000))
        form = QFormLayout()
        form.addRow(self.tr("Activation"), self.activation)
        form.addRow(self.tr("Hidden layers"), self.layers_spin)
        form.addRow(self.tr("Units per layer"), self.units_spin)
        form.addRow(self.tr("Initial weight σ"), self.sigma_spin)
        form.addRow(self.tr("Learning rate (SGD)"), self.lr_spin)
        form.addRow(self.tr("Batch size"), self.batch_spin)
        form.addRow(self.tr("Steps"), self.steps_spin)
        form.addRow(self.tr("Histogram every … steps"), self.record_spin)
        form.addRow(self.tr("Random seed"), self.seed_spin)
        box = QGroupBox(self.tr("Experiment (seed defaults)"))
        box.setLayout(form)
        # ---------------------------------------------------------------- views
        self.grid = HistogramGrid()
        self.grid.setObjectName("bnHistograms")
        self.grid.setMinimumHeight(220)
        self.cost_plot = labelled_plot("bnCostPlot", self.tr("step"), self.tr("cost (log)"), log_y=True)
        self.cost_plot.addLegend(offset=(10, -10))   # bottom left: the costs fall from the top left
        self.cost_curves = {net: self.cost_plot.plot([], [], pen=pg.mkPen(NET_COLORS[net], width=2), symbol="o",
                                                     symbolSize=4, symbolBrush=NET_COLORS[net], symbolPen=None,
                                                     name=net_title(net)) for net in NET_TITLES}
        self.fit_plot = labelled_plot("bnFitPlot", "x", "y")
        self.fit_plot.addLegend(offset=(10, 10))
        self.scatter = self.fit_plot.plot([], [], pen=None, symbol="o", symbolSize=3,
                                          symbolBrush=(120, 120, 120, 90), symbolPen=None, name=self.tr("data"))
        self.fit_curves = {net: self.fit_plot.plot([], [], pen=pg.mkPen(NET_COLORS[net], width=2.5),
                                                   name=net_title(net)) for net in NET_TITLES}
        self.arrange(box, self.stack(self.grid, [self.cost_plot, self.fit_plot]), self.tr(
            "Each column is the input of one layer over the whole data set: red without batch normalisation, "
            "blue with it, on the same bins. Without BN the tanh layers pile up at ±1, where the gradient "
            "vanishes, and the cost falls slowly; with BN the values stay spread out and the cost falls "
            "several-fold (with ReLU, the network without BN diverges at once)."), "bnCaption")

        # ---------------------------------------------------------------- wiring
        self.restart_on(self.activation.currentIndexChanged, *(
            w.valueChanged for w in (self.layers_spin, self.units_spin, self.sigma_spin, self.lr_spin,
                                     self.batch_spin, self.steps_spin, self.record_spin, self.seed_spin)))
        self._update_buttons()
        self.remember_defaults()

    # ---------------------------------------------------------------- settings
    def settings(self):
        return self.defaults.replace(
            activation=self.activation.currentData(), layers=self.layers_spin.value(),
            units=self.units_spin.value(), weight_std=self.sigma_spin.value(),
            learning_rate=self.lr_spin.value(), batch_size=self.batch_spin.value(),
            steps=self.steps_spin.value(), record_every=self.record_spin.value(), seed=self.seed_spin.value())

    def set_settings(self, **values) -> None:
        """Set controls by BNSettings field name (presets, tests); restarts like a user edit."""
        widgets = {"layers": self.layers_spin, "units": self.units_spin, "weight_std": self.sigma_spin,
                   "learning_rate": self.lr_spin, "batch_size": self.batch_spin, "steps": self.steps_spin,
                   "record_every": self.record_spin, "seed": self.seed_spin}
        for key, value in values.items():
            if key == "activation":
                self.activation.setCurrentIndex(self.activation.findData(value))
            else:
                widgets[key].setValue(value)
        self.settings_changed()

    def settings_state(self) -> dict:
        s = self.settings()
        return {k: getattr(s, k) for k in ("activation", "layers", "units", "weight_std", "learning_rate",
                                           "batch_size", "steps", "record_every", "seed")}

    def apply_state(self, state: dict) -> None:
        self.set_settings(**{k: v for k, v in state.items() if k in self.settings_state()})

    # ---------------------------------------------------------------- LabPane hooks
    def lab_factory(self):
        settings = self.settings().validate()
        from tensordesk.engine.labs.batchnorm import make_data
        self._settings = settings
        x, y = make_data(settings)
        self.scatter.setData(x[:, 0], y[:, 0])
        return functools.partial(_make_lab, settings)

    def clear_views(self) -> None:
        settings = self._settings
        self.step = 0
        self.total_steps = settings.steps
        self.costs = {net: ([], []) for net in NET_TITLES}
        self.predictions = None
        self.layers = None
        self.diverged = {}
        self._pending = {"costs", "fit"}
        self.message.setText("")
        titles = [self.tr("input")] + [self.tr("layer %1").replace("%1", str(i + 1)) for i in range(settings.layers)]
        self.grid.set_layout([net_title(n) for n in NET_TITLES], titles)
        for curve in list(self.cost_curves.values()) + list(self.fit_curves.values()):
            curve.setData([], [])

    def on_lab_finished(self, event) -> None:
        if event.state == RunState.ERRORED:
            self.message.setText(event.message)

    # ---------------------------------------------------------------- events
    def on_lab_event(self, event) -> None:
        from tensordesk.engine.labs import batchnorm as bn
        if isinstance(event, bn.Stepped):
            self.step = event.step
        elif isinstance(event, bn.CostRecorded):
            self.step = max(self.step, event.step)
            for net, cost in event.costs.items():
                if cost is not None and np.isfinite(cost):
                    self.costs[net][0].append(event.step)
                    self.costs[net][1].append(cost)
            self.predictions = (event.x, event.predictions)
            self._pending.update(("costs", "fit"))
        elif isinstance(event, bn.LayersRecorded):
            self.layers = event
        elif isinstance(event, bn.NetDiverged):
            self.diverged[event.net] = event.step
            self.message.setText(event.reason.text(tr_engine))
            self._pending.add("fit")

    def render(self) -> None:
        # While the lab plays, the views take turns: each frame one row of histograms and either the costs or
        # the fit, so no frame repaints all three (Qt repaints every changed view of a window in one go, and the
        # window answers nothing meanwhile). Paused or finished, everything is drawn at once.
        playing = self.is_playing and not self.finished_run
        parts = [p for p in self._turns if p in self._pending]
        for part in parts[:1] if playing else parts:
            self._pending.discard(part)
            self._turns.remove(part)
            self._turns.append(part)
            if part == "costs":
                for net, (steps, costs) in self.costs.items():
                    self.cost_curves[net].setData(np.asarray(steps, float), np.asarray(costs, float))
                settle_ranges(self.cost_plot)
            elif self.predictions is not None:
                x, preds = self.predictions
                for net, pred in preds.items():
                    if pred is not None:
                        self.fit_curves[net].setData(x, pred)
                    elif net in self.diverged:
                        self.fit_curves[net].setData([], [])
                settle_ranges(self.fit_plot)
        if self.layers is not None:
            lay = self.layers
            for row, net in enumerate(NET_TITLES):
                counts = lay.counts.get(net)
                if counts is not None:
                    for col, (edges, c) in enumerate(zip(lay.edges, counts)):
                        self.grid.queue_counts(row, col, edges, c)
            self.layers = None
        if self.grid.flush((self.grid.column_count() or None) if playing else None) or self._pending:
            self.mark_dirty()   # the rest at the next frame
        for row, net in enumerate(NET_TITLES):
            at = self.diverged.get(net)
            self.grid.set_row_note(row, "" if at is None else self.tr("diverged at step %1").replace("%1", str(at)))
        text = self.tr("Step %1 of %2").replace("%1", str(self.step)).replace("%2", str(self.total_steps))
        last = {net: c[1][-1] for net, c in self.costs.items() if c[1]}
        parts = [f"{net_title(n)}: {last[n]:,.1f}" for n in NET_TITLES if n in last and n not in self.diverged]
        if parts:
            text += " · " + self.tr("cost") + " " + ", ".join(parts)
        if self.finished_run:
            text += " · " + self.tr("finished")
        self.status.setText(text)


class BatchNormCompare(QWidget):
    """MNIST runs from the Train tab: activation histograms of the latest run without BN and with BN."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.runs = {}          # batch_norm (bool) → (run_id, label)
        self.current_run = None  # the run training now (its histograms arrive without an id)
        self.latest = {}        # row → the latest activation LayerHistograms drawn there
        self.grid = HistogramGrid()
        self.grid.setObjectName("bnCompareHistograms")
        self.info = QLabel(self.tr(
            "Train an MNIST model in the Train tab twice, with “Batch normalisation” off and then on (same "
            "architecture). The activations of each layer on 256 validation images appear here while they "
            "train, the run without BN above and the run with BN below, each on its layer's fixed bins."))
        self.info.setWordWrap(True)
        self.info.setObjectName("bnCompareInfo")
        lay = QVBoxLayout(self)
        lay.addWidget(self.info)
        lay.addWidget(self.grid, 1)
        self._columns: list[str] = []
        self._hidden_events: dict = {}
        self.grid.set_layout([self.tr("BN off: no run yet"), self.tr("BN on: no run yet")], [])

    @Slot(int, str, bool)
    def run_started(self, run_id: int, label: str, batch_norm: bool) -> None:
        self.runs[batch_norm] = (run_id, label)
        self.current_run = run_id
        self.latest.pop(1 if batch_norm else 0, None)
        self._columns = []

    @Slot(object)
    def add_current_histograms(self, event) -> None:
        """Histograms of the run training now."""
        if self.current_run is not None:
            self.add_histograms(self.current_run, event)

    @Slot(int, object)
    def add_histograms(self, run_id: int, event) -> None:
        """Draw a run's newest histograms; while this page is hidden only the newest event is kept, and it
        is drawn when the page is shown (a hidden page costs training nothing)."""
        if not self.isVisible():
            self._hidden_events[run_id] = event
            return
        self._draw(run_id, event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        pending, self._hidden_events = self._hidden_events, {}
        for run_id, hist in pending.items():
            self._draw(run_id, hist)

    def _draw(self, run_id: int, event) -> None:
        row = next((1 if bn else 0 for bn, (rid, _) in self.runs.items() if rid == run_id), None)
        if row is None:
            return
        self.latest[row] = [h for h in event.layers if h.kind == "activations"]
        names = [h.layer for h in self.latest[row]]
        if names != self._columns:
            self._columns = names
            titles = []
            for bn in (False, True):
                rid, label = self.runs.get(bn, (None, None))
                titles.append(f"#{rid} {label}" if rid is not None else
                              (self.tr("BN off: no run yet") if not bn else self.tr("BN on: no run yet")))
            self.grid.set_layout(titles, [n.replace("_act", "") for n in names])
            rows = self.latest.items()
        else:
            rows = [(row, self.latest[row])]
        for r, acts in rows:
            if [h.layer for h in acts] != names:
                continue    # a run of another architecture: its layers do not line up with these columns
            for col, h in enumerate(acts):
                self.grid.set_counts(r, col, h.edges, h.counts)


class BatchNormLabView(ViewBase, QTabWidget):
    """The tab: the seed experiment, and the MNIST comparison."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.experiment = BatchNormExperiment()
        self.compare = BatchNormCompare()
        session.run_started.connect(self.compare.run_started)          # MNIST runs of the Train view
        session.histograms_ready.connect(self.compare.add_current_histograms)
        self.addTab(self.experiment, self.tr("Seed experiment: y = x² − 5"))
        self.addTab(self.compare, self.tr("MNIST runs: BN off vs on"))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.experiment.ensure_started()

    def frame_rate(self) -> int:
        pane = self.currentWidget()
        return pane.frame_rate() if isinstance(pane, LabPane) else super().frame_rate()

    def can_play(self) -> bool:
        return self.currentWidget() is self.experiment

    def play_pause(self) -> bool:
        if self.currentWidget() is not self.experiment:
            return False      # the MNIST page: Space starts or pauses training, as elsewhere
        self.experiment.toggle_play()
        return True

    def load_settings(self, settings, key: str) -> None:
        self.experiment.load_settings(settings, key)

    def save_settings(self, settings, key: str) -> None:
        self.experiment.save_settings(settings, key)

    def apply_preset(self, values: dict, play: bool) -> None:
        self.experiment.apply_preset(values, play)

    def lab_panes(self) -> dict:
        return {"bn": (0, self.experiment)}

    def preset_state(self) -> dict:
        return self.experiment.preset_state()

    def shutdown(self) -> bool:
        return self.experiment.shutdown()

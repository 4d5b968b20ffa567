"""The data-parallel lab tab (seed 000): synchronous vs asynchronous training of one MNIST model by N workers
on tf.distribute (engine/labs/parallel.py), with one worker slowed by a slider. A timeline per mode (a row per
worker: computing in colour, waiting in grey), both modes' loss curves on one plot, and their throughput."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.engine.core.events import RunState
from tensordesk.engine.labs import parallel  # events and settings only: TensorFlow runs in the lab's child process
from tensordesk.gui.labs.lab_pane import LabPane
from tensordesk.gui.presentation import run_color
from tensordesk.gui.widgets.axes import readable_axes
from tensordesk.gui.widgets.plots import cache_axes, labelled_plot
from tensordesk.gui.widgets.setting_controls import setting_spin
from tensordesk.gui.widgets.view_base import ViewBase

MODE_COLORS = {"sync": run_color(0), "async": run_color(1)}
WAIT_COLOR = (190, 190, 190)
WINDOW_S = 3.0   # the timelines show the last three seconds


def _make_lab(settings: list):
    """Runs in the lab thread: each mode's cluster runs in a child process the lab starts."""
    return parallel.ParallelSequence(settings)


class Timeline(pg.PlotWidget):
    """One row per worker; a bar per step: computing (mode colour), then waiting (grey)."""

    def __init__(self, title: str, color, parent=None):
        super().__init__(parent, axisItems=readable_axes())
        self.setObjectName("timeline")
        self.setTitle(title)
        self.setLabel("bottom", self.tr("seconds"))
        self.setMouseEnabled(False, False)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.color = color
        self.compute = pg.BarGraphItem(x0=[], y0=[], width=[], height=[], brush=pg.mkBrush(color), pen=None)
        self.wait = pg.BarGraphItem(x0=[], y0=[], width=[], height=[], brush=pg.mkBrush(WAIT_COLOR), pen=None)
        self.addItem(self.wait)
        self.addItem(self.compute)
        self.spans = np.zeros((0, 5))
        self.workers = 0
        cache_axes(self)

    def export_table(self) -> tuple[list, list]:
        """Every step of every worker: when it computed and when it waited, in seconds."""
        header = [self.tr("worker"), self.tr("step"), self.tr("computing from (s)"), self.tr("computing to (s)"),
                  self.tr("waiting to (s)")]
        return header, [[int(w), int(step), a, b, c] for w, step, a, b, c in self.spans]

    def reset(self, workers: int) -> None:
        self.workers = workers
        self.spans = np.zeros((0, 5))
        ticks = [[(w + 0.5, self.tr("worker %1").replace("%1", str(w))) for w in range(workers)]]
        self.getAxis("left").setTicks(ticks)
        self.setYRange(0, max(workers, 1), padding=0.05)
        self.draw()

    def add(self, spans) -> None:
        if len(spans):
            self.spans = np.concatenate([self.spans, np.asarray(spans, dtype=float)])

    def draw(self) -> None:
        """The spans of the last WINDOW_S seconds (an empty (0, 5) array draws nothing)."""
        end = float(self.spans[:, 4].max()) if len(self.spans) else WINDOW_S
        lo = max(0.0, end - WINDOW_S)
        s = self.spans[self.spans[:, 4] >= lo]
        self.compute.setOpts(x0=s[:, 2], width=s[:, 3] - s[:, 2], y0=s[:, 0] + 0.1, height=0.8)
        self.wait.setOpts(x0=s[:, 3], width=s[:, 4] - s[:, 3], y0=s[:, 0] + 0.1, height=0.8)
        self.setXRange(lo, lo + WINDOW_S, padding=0)


class DataParallelLab(LabPane, ViewBase):
    """The tab, on the lab pane every lab shares. Start runs the chosen mode (or both, one after the other, on the
    same settings) as one lab; a running cluster neither pauses nor steps, so Start and Stop replace the pane's
    play, step and speed controls."""

    shutdown_ms = 8000   # each cluster's child process lets go of its servers and ports

    def __init__(self, session=None, parent=None):   # a lab shares nothing with the other views
        LabPane.__init__(self, "DataParallelLabThread", "parallel", fps=10, parent=parent)
        self.lab_controls.set_stepping(False)
        self.modes: list[str] = []
        self.current_mode = None
        self.results: dict[str, dict] = {}
        self.losses = {"sync": ([], []), "async": ([], [])}

        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("parallelMode")
        self.mode_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.mode_combo.setMinimumContentsLength(16)   # the window stays narrow; the full name is in the list
        for key, text in (("both", self.tr("Both, one after the other")),
                          ("sync", self.tr("Synchronous (mirrored, all-reduce)")),
                          ("async", self.tr("Asynchronous (parameter server)"))):
            self.mode_combo.addItem(text, key)
        self.mode_combo.setToolTip(self.tr("Synchronous: every worker computes a gradient on its own batch, the "
                                           "gradients are averaged and one update is applied, so each step waits "
                                           "for the slowest worker. Asynchronous: each worker updates the shared "
                                           "parameters on its own, as soon as it is done."))
        S = parallel.ParallelSettings   # the lab's declared settings: ranges and defaults
        self.workers_spin = setting_spin(S, "workers", "parallelWorkers")
        self.delay_slider = QSlider(Qt.Horizontal)
        self.delay_slider.setObjectName("slowWorkerDelay")
        self.delay_slider.setRange(0, 200)
        self.delay_slider.setValue(0)
        self.delay_slider.setToolTip(self.tr("Extra time added to every step of worker 0: a slower device, or a "
                                             "machine busy with something else."))
        self.delay_label = QLabel()
        self.delay_slider.valueChanged.connect(self._show_delay)
        self._show_delay(0)
        self.batch_spin = setting_spin(S, "batch_per_worker", "parallelBatch", within=(8, 1024))
        self.lr_spin = setting_spin(S, "learning_rate", "parallelLR", decimals=3, step=0.01, within=(0.001, 1.0))
        self.examples_spin = QSpinBox()
        self.examples_spin.setObjectName("parallelExamples")
        self.examples_spin.setRange(1000, 500_000)
        self.examples_spin.setSingleStep(1000)
        self.examples_spin.setValue(16_000)
        self.examples_spin.setToolTip(self.tr("How many training examples each mode goes through: the same work "
                                              "for both, so their times compare."))
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setObjectName("parallelStart")
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("parallelStop")
        self.stop_button.clicked.connect(self.stop)

        form = QFormLayout()
        form.addRow(self.tr("Mode"), self.mode_combo)
        form.addRow(self.tr("Workers"), self.workers_spin)
        delay_row = QHBoxLayout()
        delay_row.addWidget(self.delay_slider, 1)
        delay_row.addWidget(self.delay_label)
        form.addRow(self.tr("Slow worker"), delay_row)
        form.addRow(self.tr("Batch per worker"), self.batch_spin)
        form.addRow(self.tr("Learning rate (SGD)"), self.lr_spin)
        form.addRow(self.tr("Examples"), self.examples_spin)
        box = QGroupBox(self.tr("One MNIST model (MLP 784-500-10), N workers"))
        box.setLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        self.figures = QLabel()
        self.figures.setObjectName("parallelFigures")
        self.figures.setWordWrap(True)
        self.figures.setTextFormat(Qt.RichText)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(box)
        side.addLayout(buttons)
        side.addWidget(self.figures)
        side_w = QWidget()
        side_w.setLayout(side)
        self.status.setText(self.tr("Press Start: each mode starts its own TensorFlow cluster (a few seconds)."))

        self.timelines = {"sync": Timeline(self.tr("Synchronous: computing, then waiting for the others"),
                                           MODE_COLORS["sync"]),
                          "async": Timeline(self.tr("Asynchronous: each worker on its own"), MODE_COLORS["async"])}
        self.loss_plot = labelled_plot("parallelLoss", self.tr("training examples"),
                                       self.tr("loss of each step's batch"))
        self.loss_plot.addLegend(offset=(-10, 10))
        self.loss_plot.showGrid(x=True, y=True, alpha=0.3)
        self.loss_curves = {m: self.loss_plot.plot([], [], pen=pg.mkPen(MODE_COLORS[m], width=2), name=name)
                            for m, name in (("sync", self.tr("synchronous")), ("async", self.tr("asynchronous")))}
        plots = QSplitter(Qt.Vertical)
        plots.addWidget(self.timelines["sync"])
        plots.addWidget(self.timelines["async"])
        plots.addWidget(self.loss_plot)
        self.arrange(side_w, plots, self.tr(
            "Seed 000: synchronous training keeps one set of parameters and a stable loss, but every step waits for "
            "the slowest worker; asynchronous training keeps the fast workers busy, at the price of updates computed "
            "on stale parameters (a noisier loss). Drag the slow worker's delay and compare the examples per "
            "second."), "parallelCaption")
        for t in self.timelines.values():
            t.reset(self.workers_spin.value())
        self.remember_defaults()
        self._update_buttons()

    # ------------------------------------------------------------------ settings and control
    def _show_delay(self, value: int) -> None:
        self.delay_label.setText(self.tr("+%1 ms").replace("%1", str(value)))

    def settings(self, mode: str):
        workers, batch = self.workers_spin.value(), self.batch_spin.value()
        per_step = batch * (workers if mode == "sync" else 1)
        return parallel.ParallelSettings(mode=mode, workers=workers, delay_ms=float(self.delay_slider.value()),
                                         batch_per_worker=batch, learning_rate=self.lr_spin.value(),
                                         steps=max(1, self.examples_spin.value() // per_step)).validate()

    def lab_panes(self) -> dict:
        return {"parallel": (0, self)}

    def settings_state(self) -> dict:
        return {"mode": self.mode_combo.currentData(), "workers": self.workers_spin.value(),
                "delay_ms": self.delay_slider.value(), "batch": self.batch_spin.value(),
                "learning_rate": self.lr_spin.value(), "examples": self.examples_spin.value()}

    def apply_state(self, state: dict) -> None:
        self.set_settings(**state)

    def set_settings(self, mode=None, workers=None, delay_ms=None, batch=None, examples=None,
                     learning_rate=None) -> None:
        if mode is not None and self.mode_combo.findData(mode) >= 0:
            self.mode_combo.setCurrentIndex(self.mode_combo.findData(mode))
        if workers is not None:
            self.workers_spin.setValue(int(workers))
        if delay_ms is not None:
            self.delay_slider.setValue(int(delay_ms))
        if batch is not None:
            self.batch_spin.setValue(int(batch))
        if examples is not None:
            self.examples_spin.setValue(int(examples))
        if learning_rate is not None:
            self.lr_spin.setValue(float(learning_rate))

    def apply_preset(self, values: dict, play: bool) -> None:
        if self.controller.running:
            raise TensorDeskError("the data-parallel lab is running: stop it before loading a preset.")
        self.set_settings(**values)
        if play:
            self.start()

    def preset_state(self) -> dict:
        return self.settings_state()

    def lab_factory(self):
        mode = self.mode_combo.currentData()
        self.modes = ["sync", "async"] if mode == "both" else [mode]
        settings = [self.settings(m) for m in self.modes]
        return lambda: _make_lab(settings)

    @Slot()
    def start(self, play: bool = True, steps: int = 0) -> None:
        """Start the chosen mode(s); nothing while a run is on (a cluster cannot be restarted mid-way)."""
        if not self.controller.running:
            LabPane.start(self, play=True)

    @Slot()
    def stop(self) -> None:
        self.controller.stop()

    def reset(self) -> None:
        self.stop()

    def update_controls(self) -> None:
        running = self.controller.running
        self.start_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        for w in (self.mode_combo, self.workers_spin, self.batch_spin, self.lr_spin, self.examples_spin,
                  self.delay_slider):
            w.setEnabled(not running)

    # ------------------------------------------------------------------ events
    @property
    def queue(self) -> list[str]:
        """The modes still to run after the current one."""
        if not self.controller.running or self.current_mode not in self.modes:
            return []
        return self.modes[self.modes.index(self.current_mode) + 1:]

    def clear_views(self) -> None:
        self.current_mode = self.modes[0]   # the first mode's cluster is starting
        self.message.setText("")
        for m in self.modes:
            self.losses[m] = ([], [])
            self.results.pop(m, None)
            self.loss_curves[m].setData([], [])
        self.figures.setText("")
        self._say_starting(self.modes[0])

    def _say_starting(self, mode: str) -> None:
        self.status.setText(self.tr("Starting the %1 cluster…").replace(
            "%1", self.tr("synchronous") if mode == "sync" else self.tr("asynchronous")))

    def on_lab_event(self, event) -> None:
        if isinstance(event, parallel.ClusterReady):
            self.current_mode = event.mode
            self.timelines[event.mode].reset(event.workers)
            where = ", ".join(event.devices)
            ports = (" " + self.tr("on ports %1").replace("%1", ", ".join(map(str, event.ports)))) if event.ports \
                else ""
            self.status.setText(self.tr("Training: %1 workers (%2)%3.").replace("%1", str(event.workers))
                                .replace("%2", where).replace("%3", ports))
            return
        mode = self.current_mode
        if mode is None:
            return
        if isinstance(event, parallel.WorkerSpans):
            self.timelines[mode].add(event.spans)
        elif isinstance(event, parallel.LossPoints):
            xs, ys = self.losses[mode]
            for examples, _, loss in event.points:
                xs.append(examples)
                ys.append(loss)
        elif isinstance(event, parallel.ParallelFinished):
            self.results[mode] = event.__dict__.copy()
            self._show_figures()
            later = self.modes[self.modes.index(mode) + 1:] if mode in self.modes else []
            if later:
                self._say_starting(later[0])

    def on_lab_finished(self, event) -> None:
        if event.state == RunState.ERRORED:
            self.status.setText(event.message)
        elif event.state == RunState.STOPPED:
            self.status.setText(self.tr("Stopped."))
        else:
            self.status.setText(self.tr("Finished."))

    def render(self) -> None:
        for mode, (xs, ys) in self.losses.items():
            self.loss_curves[mode].setData(np.asarray(xs, float), np.asarray(ys, float))
        if self.current_mode is not None:
            self.timelines[self.current_mode].draw()

    def _show_figures(self) -> None:
        rows = []
        for mode in ("sync", "async"):
            r = self.results.get(mode)
            if r is None:
                continue
            name = self.tr("Synchronous") if mode == "sync" else self.tr("Asynchronous")
            busy = ", ".join(f"{b:.0%}" for b in r["busy"])
            steps = ", ".join(str(s) for s in r["worker_steps"])
            rows.append(self.tr("<b>%1</b>: %2 examples/s in %3 s; steps per worker %4; busy %5; loss %6; test "
                                "accuracy %7").replace("%1", name).replace("%2", f"{r['examples_per_s']:,.0f}")
                        .replace("%3", f"{r['seconds']:.1f}").replace("%4", steps).replace("%5", busy)
                        .replace("%6", f"{r['final_loss']:.3f}").replace("%7", f"{r['test_accuracy']:.1%}"))
        self.figures.setText("<br><br>".join(rows))

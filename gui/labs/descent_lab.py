"""The gradient-descent lab tab: the cost surface of a two-parameter fit in 3D and as a contour map, with
each optimizer's path drawn step by step (seed 002 §21); and the seed 000 curve-fitting demo (curve_fit.py)."""
from __future__ import annotations

import functools
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSlider,
    QSplitter,
    QTabWidget,
)

from tensordesk.engine.core.events import RunState
from tensordesk.gui.labs.curve_fit import CurveFitPane
from tensordesk.gui.labs.lab_pane import LabPane
from tensordesk.gui.names import tr_engine
from tensordesk.gui.presentation import run_color
from tensordesk.gui.widgets.contour_view import ContourView
from tensordesk.gui.widgets.gl_support import opengl_available
from tensordesk.gui.widgets.plots import cache_axes, labelled_plot, settle_ranges
from tensordesk.gui.widgets.setting_controls import setting_spin
from tensordesk.gui.widgets.surface_view import SurfaceView3D
from tensordesk.gui.widgets.view_base import ViewBase

LR_MIN_EXP, LR_MAX_EXP, LR_TICKS = -3.0, 1.0, 400      # the learning-rate slider spans 0.001 … 10, log scale
SURFACE_CMAP = "CET-R4"                                  # a rainbow, as the seed's matplotlib figure


def _make_descent_lab(settings):
    from tensordesk.engine.labs.descent import DescentLab
    return DescentLab(settings)


def lr_from_slider(value: int) -> float:
    return float(f"{10 ** (LR_MIN_EXP + (LR_MAX_EXP - LR_MIN_EXP) * value / LR_TICKS):.2g}")


def slider_from_lr(lr: float) -> int:
    return int(round((math.log10(lr) - LR_MIN_EXP) / (LR_MAX_EXP - LR_MIN_EXP) * LR_TICKS))


class DescentExperiment(LabPane):
    """Seed 002 §21: model, start, optimizers and learning rate on the left; surface views and plots."""

    def __init__(self, parent=None):
        super().__init__("DescentLabThread", "descent", default_speed_index=6, fps=20, parent=parent)
        from tensordesk.engine.labs.descent import MODELS, START_PRESETS, DescentSettings
        from tensordesk.engine.models.optimizers import OPTIMIZERS
        self.defaults = DescentSettings()
        self.cmap = pg.colormap.get(SURFACE_CMAP)
        self.paths: list[list] = []
        self.step = 0
        self.diverged: dict[int, int] = {}
        self.labels: tuple = ()
        self.fits: tuple = ()
        self.zigzag: tuple = ()
        self._last_surface = None
        self._surface_pending = None
        self._3d_turn = False       # with the 3D view: whether the last frame drew it (render)

        self.model_combo = QComboBox()
        self.model_combo.setObjectName("descentModel")
        for key, m in MODELS.items():
            self.model_combo.addItem(m.formula, key)
        self.start_combo = QComboBox()
        self.start_combo.setObjectName("descentStart")
        for a, b in START_PRESETS:
            self.start_combo.addItem(f"({a:g}, {b:g})", (a, b))
        self.start_combo.addItem(self.tr("custom: click the map"), None)
        self.start_combo.setCurrentIndex(START_PRESETS.index(tuple(self.defaults.start)))
        self.a_spin = self._coord("descentStartA", self.defaults.start[0])
        self.b_spin = self._coord("descentStartB", self.defaults.start[1])
        start_row = QHBoxLayout()
        start_row.addWidget(QLabel("a"))
        start_row.addWidget(self.a_spin)
        start_row.addWidget(QLabel("b"))
        start_row.addWidget(self.b_spin)
        self.steps_spin = setting_spin(type(self.defaults), "steps", "descentSteps")
        self.optimizer_list = QListWidget()
        self.optimizer_list.setObjectName("descentOptimizers")
        self.optimizer_list.setToolTip(self.tr("Tick several to compare them from the same start"))
        for key, kind in OPTIMIZERS.items():
            item = QListWidgetItem(tr_engine(kind.title))
            item.setData(Qt.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if key in {r.optimizer for r in self.defaults.runs} else Qt.Unchecked)
            self.optimizer_list.addItem(item)
        self.optimizer_list.setMaximumHeight(6 * 22)
        self.lr_slider = QSlider(Qt.Horizontal)
        self.lr_slider.setObjectName("descentLearningRate")
        self.lr_slider.setRange(0, LR_TICKS)
        self.lr_slider.setValue(slider_from_lr(self.defaults.runs[0].learning_rate))
        self.lr_slider.setToolTip(self.tr("Learning rate, log scale from 0.001 to 10"))
        self.lr_label = QLabel()
        self.lr_label.setMinimumWidth(48)
        lr_row = QHBoxLayout()
        lr_row.addWidget(self.lr_slider, 1)
        lr_row.addWidget(self.lr_label)
        self.compare_lr = QCheckBox(self.tr("also at ÷3 and ×3 this rate"))
        self.compare_lr.setObjectName("descentCompareRates")
        form = QFormLayout()
        form.addRow(self.tr("Model"), self.model_combo)
        form.addRow(self.tr("Start (a, b)"), self.start_combo)
        form.addRow("", start_row)
        form.addRow(self.tr("Steps"), self.steps_spin)
        form.addRow(self.tr("Optimizers"), self.optimizer_list)
        form.addRow(self.tr("Learning rate"), lr_row)
        form.addRow("", self.compare_lr)
        box = QGroupBox(self.tr("Fit y = f(a, b; x) to 200 noisy points"))
        box.setLayout(form)
        self.view3d = None      # attach_3d() adds it once TensorFlow is loaded and OpenGL is known to work
        self.contour = ContourView()
        self.contour.scene().sigMouseClicked.connect(self._on_contour_clicked)
        self.surface_split = top = QSplitter(Qt.Horizontal)
        top.addWidget(self.contour)
        self.fit_plot = labelled_plot("descentFitPlot", "x", "y")
        self.scatter = self.fit_plot.plot([], [], pen=None, symbol="o", symbolSize=4,
                                          symbolBrush=(100, 100, 100, 120), symbolPen=None)
        self.fit_curves = []
        self.cost_plot = labelled_plot("descentCostPlot", self.tr("step"), self.tr("cost (log)"), log_y=True)
        self.cost_curves = []
        self.arrange(box, self.stack(top, [self.fit_plot, self.cost_plot]), self.tr(
            "Each optimizer starts at the star and moves downhill on the cost surface of its two parameters; the "
            "× marks the lowest point of the grid. Drag the learning rate up until the path zig-zags across the "
            "valley and then runs away, and start sin(b·cos(a·x)) from (5, 1) or (5, 4) to see it settle in a "
            "local minimum instead."), "descentCaption")
        cache_axes(self.contour)
        self.restart_on(self.model_combo.currentIndexChanged, self.steps_spin.valueChanged,
                        self.optimizer_list.itemChanged, self.compare_lr.toggled)
        self.start_combo.currentIndexChanged.connect(self._on_start_preset)
        self.a_spin.valueChanged.connect(self._on_start_edited)
        self.b_spin.valueChanged.connect(self._on_start_edited)
        self.lr_slider.valueChanged.connect(self._on_lr)
        self._on_lr(self.lr_slider.value())
        self._update_buttons()
        self.remember_defaults()

    def attach_3d(self) -> bool:
        """Add the 3D view beside the contour map when OpenGL works here; True when it is there."""
        if self.view3d is None and opengl_available():
            self.view3d = SurfaceView3D()
            self.surface_split.insertWidget(0, self.view3d)
            self.surface_split.setSizes([1, 1])
            # a frame of the 3D view costs tens of ms under software OpenGL (llvmpipe): 10 frames a second,
            # the 2D views' frames in between (render)
            self.render_timer.setInterval(50)
            if self._last_surface is not None:
                self._install_surface(self._last_surface)
                self._dirty = True
        return self.view3d is not None

    @staticmethod
    def _coord(name: str, value: float) -> QDoubleSpinBox:
        s = QDoubleSpinBox()
        s.setObjectName(name)
        s.setRange(-2.0, 7.0)
        s.setDecimals(2)
        s.setSingleStep(0.25)
        s.setValue(value)
        return s

    # ---------------------------------------------------------------- settings
    def learning_rate(self) -> float:
        return lr_from_slider(self.lr_slider.value())

    def settings(self):
        from tensordesk.engine.labs.descent import RunSpec
        optimizers = [self.optimizer_list.item(i).data(Qt.UserRole) for i in range(self.optimizer_list.count())
                      if self.optimizer_list.item(i).checkState() == Qt.Checked]
        lr = self.learning_rate()
        rates = [lr / 3, lr, lr * 3] if self.compare_lr.isChecked() else [lr]
        runs = tuple(RunSpec(o, float(f"{r:.3g}")) for o in optimizers for r in rates)
        return self.defaults.replace(model=self.model_combo.currentData(), start=(self.a_spin.value(),
                                     self.b_spin.value()), runs=runs, steps=self.steps_spin.value())

    def set_settings(self, model=None, start=None, optimizers=None, learning_rate=None, compare_rates=None,
                     steps=None) -> None:
        """Presets and tests; restarts like a user edit."""
        widgets = [self.model_combo, self.start_combo, self.a_spin, self.b_spin, self.optimizer_list,
                   self.lr_slider, self.compare_lr, self.steps_spin]
        for w in widgets:
            w.blockSignals(True)
        try:
            if model is not None:
                self.model_combo.setCurrentIndex(self.model_combo.findData(model))
            if start is not None:
                self.a_spin.setValue(start[0])
                self.b_spin.setValue(start[1])
                self._sync_start_combo()
            if optimizers is not None:
                for i in range(self.optimizer_list.count()):
                    item = self.optimizer_list.item(i)
                    item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in optimizers else Qt.Unchecked)
            if learning_rate is not None:
                self.lr_slider.setValue(slider_from_lr(learning_rate))
            if compare_rates is not None:
                self.compare_lr.setChecked(compare_rates)
            if steps is not None:
                self.steps_spin.setValue(steps)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.lr_label.setText(f"{self.learning_rate():g}")
        self.settings_changed()

    def settings_state(self) -> dict:
        optimizers = [self.optimizer_list.item(i).data(Qt.UserRole) for i in range(self.optimizer_list.count())
                      if self.optimizer_list.item(i).checkState() == Qt.Checked]
        return {"model": self.model_combo.currentData(), "start": [self.a_spin.value(), self.b_spin.value()],
                "optimizers": optimizers, "learning_rate": self.learning_rate(),
                "compare_rates": self.compare_lr.isChecked(), "steps": self.steps_spin.value()}

    def apply_state(self, state: dict) -> None:
        self.set_settings(model=state.get("model"), start=state.get("start"), optimizers=state.get("optimizers"),
                          learning_rate=state.get("learning_rate"), compare_rates=state.get("compare_rates"),
                          steps=state.get("steps"))

    def _sync_start_combo(self) -> None:
        point = (self.a_spin.value(), self.b_spin.value())
        index = next((i for i in range(self.start_combo.count() - 1)
                      if tuple(self.start_combo.itemData(i)) == point), self.start_combo.count() - 1)
        self.start_combo.blockSignals(True)
        self.start_combo.setCurrentIndex(index)
        self.start_combo.blockSignals(False)

    @Slot(int)
    def _on_start_preset(self, index: int) -> None:
        point = self.start_combo.itemData(index)
        if point is None:
            self.message.setText(self.tr("Click on the contour map to choose where to start."))
            return
        for spin, v in ((self.a_spin, point[0]), (self.b_spin, point[1])):
            spin.blockSignals(True)
            spin.setValue(v)
            spin.blockSignals(False)
        self.debounce.start()

    @Slot()
    def _on_start_edited(self) -> None:
        self._sync_start_combo()
        self.debounce.start()

    @Slot(int)
    def _on_lr(self, value: int) -> None:
        self.lr_label.setText(f"{lr_from_slider(value):g}")
        self.debounce.start()

    def _on_contour_clicked(self, event) -> None:
        if event.button() != Qt.LeftButton:
            return
        vb = self.contour.getViewBox()
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        p = vb.mapSceneToView(event.scenePos())
        self.set_start(p.x(), p.y())

    def set_start(self, a: float, b: float) -> None:
        """Start from (a, b) (clamped to the map); keeps playing if it was."""
        for spin, v in ((self.a_spin, a), (self.b_spin, b)):
            spin.blockSignals(True)
            spin.setValue(round(min(max(v, -2.0), 7.0), 2))
            spin.blockSignals(False)
        self._sync_start_combo()
        self.settings_changed()

    # ---------------------------------------------------------------- LabPane hooks
    def lab_factory(self):
        from tensordesk.engine.core.errors import ConfigError
        settings = self.settings()
        if not settings.runs:
            raise ConfigError(self.tr("Tick at least one optimizer."))
        settings.validate()
        return functools.partial(_make_descent_lab, settings)

    def clear_views(self) -> None:
        self.paths, self.diverged, self.step, self.fits, self.zigzag = [], {}, 0, (), ()
        self.message.setText("")
        self._surface_pending = None

    def on_lab_event(self, event) -> None:
        from tensordesk.engine.labs import descent as d
        if isinstance(event, d.SurfaceReady):
            self._surface_pending = event
            self.labels = tuple(label.text(tr_engine) for label in event.labels)
            self.paths = [[] for _ in event.labels]
        elif isinstance(event, d.PathStep):
            self.step = event.step
            for i, p in enumerate(event.points):
                if p is not None and i < len(self.paths):
                    self.paths[i].append(p)
            self.fits = event.fits
            self.zigzag = event.zigzag
        elif isinstance(event, d.RunDiverged):
            self.diverged[event.run] = event.step
            text = event.reason.text(tr_engine)
            self.message.setText("\n".join(filter(None, [self.message.text(), text])))

    def on_lab_finished(self, event) -> None:
        if event.state == RunState.ERRORED:
            self.message.setText(event.message)

    def _colors(self):
        return [run_color(i) for i in range(len(self.labels))]

    def _install_surface(self, ev) -> None:
        self._last_surface = ev
        colors = self._colors()
        norm = (ev.cost - ev.cost.min()) / max(float(np.ptp(ev.cost)), 1e-12)
        rgba = self.cmap.map(np.sqrt(norm), mode="float")
        rgba[..., 3] = 0.75
        if self.view3d is not None:
            self.view3d.set_surface(ev.a, ev.b, ev.cost, rgba)
            self.view3d.set_runs(colors)
        self.contour.set_surface(ev.a, ev.b, ev.cost, self.cmap, ev.minimum)
        self.contour.set_runs(self.labels, colors)
        self.scatter.setData(ev.x, ev.y)
        for c in self.fit_curves:
            self.fit_plot.removeItem(c)
        for c in self.cost_curves:
            self.cost_plot.removeItem(c)
        self.fit_curves = [self.fit_plot.plot([], [], pen=pg.mkPen(col, width=2.5)) for col in colors]
        self.cost_curves = [self.cost_plot.plot([], [], pen=pg.mkPen(col, width=2)) for col in colors]
        self._x = ev.x

    def render(self) -> None:
        # With the 3D view, frames alternate between it and the 2D views, each at 10 a second: Qt repaints
        # every changed view in one go, and a 3D frame under software OpenGL plus the three plots held the
        # window for over 50 ms. Paused or finished, both are drawn at once.
        if self._surface_pending is not None:
            self._install_surface(self._surface_pending)
            self._surface_pending = None
        playing = self.is_playing and not self.finished_run
        if self.view3d is None:
            draw_3d, draw_2d = False, True
        elif playing:
            self._3d_turn = not self._3d_turn
            draw_3d, draw_2d = self._3d_turn, not self._3d_turn
            self.mark_dirty()   # the other half next frame
        else:
            draw_3d = draw_2d = True
        for i, path in enumerate(self.paths):
            if not path:
                continue
            pts = np.asarray(path, dtype=float)
            if draw_3d:
                self.view3d.set_path(i, pts)
            if not draw_2d:
                continue
            self.contour.set_path(i, pts)
            if i < len(self.cost_curves):
                self.cost_curves[i].setData(np.arange(len(pts)), np.maximum(pts[:, 2], 1e-12))
            if i < len(self.fits) and self.fits[i] is not None and i < len(self.fit_curves):
                self.fit_curves[i].setData(self._x, self.fits[i])
        if draw_2d:
            settle_ranges(self.cost_plot, self.fit_plot)
        parts = [self.tr("Step %1 of %2").replace("%1", str(self.step)).replace("%2", str(self.steps_spin.value()))]
        for i, path in enumerate(self.paths):
            if i in self.diverged:
                parts.append(f"{self.labels[i]}: " + self.tr("diverged at step %1").replace("%1",
                                                                                            str(self.diverged[i])))
            elif path:
                a, b, c = path[-1]
                line = f"{self.labels[i]}: a = {a:.4f}, b = {b:.4f}, " + self.tr("cost %1").replace("%1", f"{c:.5f}")
                if i < len(self.zigzag) and self.zigzag[i]:
                    line += " — " + self.tr("zig-zagging: each step overshoots the valley floor")
                parts.append(line)
        if self.finished_run:
            parts.append(self.tr("finished"))
        self.status.setText("\n".join(parts))


class DescentLabView(ViewBase, QTabWidget):
    """The tab: the cost-surface experiment and the curve-fitting demo. Call `engine_ready()` once
    TensorFlow has loaded: only then may OpenGL come into the process (see gui/widgets/gl_support.py)."""

    def __init__(self, session=None, parent=None):   # a lab shares nothing with the other views
        super().__init__(parent)
        self.experiment = DescentExperiment()
        self.curve_fit = CurveFitPane()
        self.addTab(self.experiment, self.tr("Cost surface: y = f(a, b; x)"))
        self.addTab(self.curve_fit, self.tr("Curve fitting: y = x²"))
        self._engine_ready = False
        self.currentChanged.connect(lambda i: self.widget(i).ensure_started())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._engine_ready:
            self.experiment.attach_3d()
        self.currentWidget().ensure_started()

    def frame_rate(self) -> int:
        pane = self.currentWidget()
        return pane.frame_rate() if isinstance(pane, LabPane) else super().frame_rate()

    def can_play(self) -> bool:
        return True

    def play_pause(self) -> bool:
        self.currentWidget().toggle_play()
        return True

    def on_engine_ready(self) -> None:
        """The 3D view comes when the tab is first shown: probing OpenGL and building the view hold the window
        for a fifth of a second, which the first seconds after launch should not spend on a tab not shown."""
        self._engine_ready = True
        if self.isVisible():
            self.experiment.attach_3d()

    def load_settings(self, settings, key: str) -> None:
        self.experiment.load_settings(settings, key)
        self.curve_fit.load_settings(settings, key + "CurveFit")

    def save_settings(self, settings, key: str) -> None:
        self.experiment.save_settings(settings, key)
        self.curve_fit.save_settings(settings, key + "CurveFit")

    def apply_preset(self, values: dict, play: bool) -> None:
        values = dict(values)
        if "start" in values:
            values["start"] = tuple(values["start"])
        self.experiment.apply_preset(values, play)

    def preset_state(self) -> dict:
        return self.experiment.preset_state()

    def lab_panes(self) -> dict:
        return {"descent": (0, self.experiment), "fit": (1, self.curve_fit)}

    def shutdown(self) -> bool:
        a = self.experiment.shutdown()
        b = self.curve_fit.shutdown()
        return a and b

"""Live training curves for several runs: loss per step (raw and smoothed), validation loss and
accuracy per epoch, learning rate. Items are built once per run and updated with setData from a
10 Hz frame timer, never per chunk of steps."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tensordesk.gui.presentation import run_color
from tensordesk.gui.widgets.axes import plot_widget


def swatch(color: tuple, size: int = 16) -> QIcon:
    """A run's colour as a short thick line: the run list's legend (text stays in the theme's text colour)."""
    pix = QPixmap(size, size)
    pix.fill(Qt.transparent)
    p = QPainter(pix)
    p.setPen(QPen(QColor(*color), max(3, size // 4)))
    p.drawLine(1, size // 2, size - 1, size // 2)
    p.end()
    return QIcon(pix)


def cache_axes(*plots) -> None:
    """Plain numbers on the axes (no ×0.001 prefixes), painted from a pixmap cache: a curve moving every
    frame then repaints only itself (replaying the axes' text costs ~3 ms per axis per frame in software)."""
    for plot in plots:
        for axis in plot.getPlotItem().axes.values():
            axis["item"].enableAutoSIPrefix(False)
            axis["item"].setCacheMode(QGraphicsItem.DeviceCoordinateCache)


def labelled_plot(name: str, bottom: str, left: str, log_y: bool = False) -> pg.PlotWidget:
    """A plot with an object name and labelled, cached axes; a log-scaled one (costs) gets a grid."""
    plot = plot_widget()
    plot.setObjectName(name)
    plot.setLabel("bottom", bottom)
    plot.setLabel("left", left)
    if log_y:
        plot.setLogMode(False, True)
        plot.showGrid(x=True, y=True, alpha=0.25)
    cache_axes(plot)
    return plot


def settle_ranges(*plots) -> None:
    """Auto-range these plots now, after new data and before their repaint. Left to the paint, pyqtgraph finds
    the new range while painting and paints the plot a second time (twice the cost of every live frame)."""
    for plot in plots:
        plot.getViewBox().prepareForPaint()   # the auto-range, then the view's transform (and so the axes)


@dataclass
class RunData:
    run_id: int
    label: str
    color: tuple
    steps: list = field(default_factory=list)
    losses: list = field(default_factory=list)
    lrs: list = field(default_factory=list)
    smoothed: list = field(default_factory=list)   # TensorBoard-style EMA (0.9) with bias correction
    ema_sum: float = 0.0       # the smoothed loss, an EMA corrected for its start: ema_sum / ema_weight
    ema_weight: float = 0.0
    lr_max: float = 0.0
    lr_min: float = float("inf")
    loss_max: float = 0.0
    planned_steps: int = 0        # the run's total steps, once it has started
    epochs: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_acc: list = field(default_factory=list)
    items: dict = field(default_factory=dict)
    steps_dirty: bool = False     # per-step curves (loss, learning rate) have new points
    epochs_dirty: bool = False    # per-epoch curves (accuracy, validation loss) have new points
    visible: bool = True
    final_accuracy: float | None = None   # the test accuracy it ended with


@dataclass
class Band:
    """Repeats of one setting: their mean curves and a band of ± one standard deviation."""

    band_id: int
    label: str
    run_ids: list
    items: dict = field(default_factory=dict)   # item key → (plot, item)


class TrainingPlots(QWidget):
    cleared = Signal()     # every run and band was removed ("Remove all")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.runs: dict[int, RunData] = {}
        self.bands: dict[int, Band] = {}
        self.loss_plot = self._plot("lossPlot", self.tr("training loss"), self.tr("step"))
        self.loss_plot.setLogMode(False, False)
        self.accuracy_plot = self._plot("accuracyPlot", self.tr("accuracy"), self.tr("epoch"))
        self.accuracy_plot.setYRange(0, 1)
        self.val_loss_plot = self._plot("valLossPlot", self.tr("validation loss"), self.tr("epoch"))
        self.lr_plot = self._plot("lrPlot", self.tr("learning rate"), self.tr("step"))
        # on a log axis Adam's 0.001 and SGD's 0.5 are both readable on one plot
        self.lr_plot.setLogMode(False, True)
        # Invisible frames that the per-step plots' auto-range always includes: the x axis spans the runs'
        # planned steps and the loss axis moves only when the curves outgrow it or shrink to half of it. So
        # the axes (ticks, labels, grid) are not redrawn on every frame as the curves grow: that was most of
        # the GUI's work while training. Zooming, panning and pyqtgraph's "A" button work as before.
        self._loss_frame = pg.PlotCurveItem([0.0, 1.0], [0.0, 1.0], pen=pg.mkPen(None))
        self._lr_frame = pg.PlotCurveItem([0.0, 1.0], [1e-3, 1e-3], pen=pg.mkPen(None))
        self.loss_plot.addItem(self._loss_frame)
        self.lr_plot.addItem(self._lr_frame)
        self._frame = (1.0, 1.0)        # (x end, loss top) the frames span now

        self.run_list = QListWidget()
        self.run_list.setWordWrap(True)
        self.run_list.setObjectName("runList")
        self.run_list.setToolTip(self.tr("Every run keeps its curves. Untick a run to hide it."))
        self.run_list.itemChanged.connect(self._on_item_changed)
        self.remove_button = QPushButton(self.tr("Remove run"))
        self.remove_button.setObjectName("removeRunButton")
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QPushButton(self.tr("Remove all"))
        self.clear_button.clicked.connect(self.remove_all)

        grid = QSplitter(Qt.Vertical)
        bottom = QSplitter(Qt.Horizontal)
        bottom.addWidget(self.accuracy_plot)
        bottom.addWidget(self.val_loss_plot)
        bottom.addWidget(self.lr_plot)
        grid.addWidget(self.loss_plot)
        grid.addWidget(bottom)
        grid.setStretchFactor(0, 3)
        grid.setStretchFactor(1, 2)
        # The runs' names and colours are this list beside the plots, and the line styles are told under it: a
        # legend inside a plot covered the curves from three runs on.
        self.key = QLabel(self.tr("Accuracy: solid line with dots = validation, dashed = training."))
        self.key.setObjectName("curveKey")
        self.key.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self.run_list, 1)
        side.addWidget(self.key)
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addWidget(self.clear_button)
        side.addLayout(row)
        side_w = QWidget()
        side_w.setLayout(side)
        side_w.setMaximumWidth(260)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(grid, 1)
        lay.addWidget(side_w)

        self.timer = QTimer(self)
        # Repaint from the latest data at 10 Hz: smooth to the eye, and on a 2-core laptop every repaint is
        # CPU taken from training (see bench/ui_responsiveness.py).
        self.timer.setInterval(100)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.repaints = 0
        self._lr_span = None   # the learning-rate plot's (lowest, highest) rate, set only when it changes
        self._records: dict[str, int] = {}   # recorded run id → its curves' id (History → Show)

    def _plot(self, name: str, left: str, bottom: str) -> pg.PlotWidget:
        p = plot_widget()
        p.setObjectName(name)
        p.showGrid(x=True, y=True, alpha=0.25)
        p.setLabel("left", left)
        p.setLabel("bottom", bottom)
        p.setClipToView(True)
        p.setDownsampling(auto=True, mode="peak")
        p.setMinimumSize(150, 110)   # small enough for a 1280×720 projector at lecture scale
        cache_axes(p)
        return p

    # ------------------------------------------------------------------ runs
    def add_run(self, label: str) -> int:
        run_id = max(self.runs, default=0) + 1
        color = run_color(run_id - 1)
        run = RunData(run_id, label, color)
        from tensordesk.gui.presentation import line_scale
        f = line_scale()  # lecture mode draws thicker curves
        pen = pg.mkPen(color, width=2 * f)
        faint = pg.mkPen(color + (70,), width=1 * f)
        run.items = {
            "raw": self.loss_plot.plot([], [], pen=faint, antialias=False),
            "smooth": self.loss_plot.plot([], [], pen=pen),
            "val_acc": self.accuracy_plot.plot([], [], pen=pen, symbol="o", symbolSize=6, symbolBrush=color),
            "train_acc": self.accuracy_plot.plot([], [], pen=pg.mkPen(color, width=1 * f, style=Qt.DashLine)),
            "val_loss": self.val_loss_plot.plot([], [], pen=pen, symbol="o", symbolSize=6, symbolBrush=color),
            "lr": self.lr_plot.plot([], [], pen=pen),
        }
        for key, plot_item in run.items.items():
            plot_item.setProperty("baseWidth", 1.0 if key in ("raw", "train_acc") else 2.0)
        self.runs[run_id] = run
        item = QListWidgetItem(f"#{run_id}  {label}")
        item.setData(Qt.UserRole, run_id)
        item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
        item.setCheckState(Qt.Checked)
        item.setIcon(swatch(color))
        self.run_list.addItem(item)
        return run_id

    def set_final_accuracy(self, run_id: int, accuracy: float | None) -> None:
        run = self.runs.get(run_id)
        if run is not None:
            run.final_accuracy = accuracy

    def add_band(self, run_ids, label: str) -> tuple[float, float] | None:
        """Draw the runs' mean smoothed loss and mean validation accuracy, each with a band of ± one standard
        deviation, over the steps and epochs all of them reached; the individual runs fade. Returns the mean and
        standard deviation of their final test accuracy (None when none has one)."""
        runs = [self.runs[i] for i in run_ids if i in self.runs]
        if len(runs) < 2:
            return None
        from tensordesk.gui.presentation import line_scale
        band_id = max(self.bands, default=0) + 1
        color = runs[0].color
        band = Band(band_id, label, [r.run_id for r in runs])
        n_steps = min(len(r.smoothed) for r in runs)
        n_epochs = min(len(r.val_acc) for r in runs)
        pen = pg.mkPen(color, width=3 * line_scale())
        fill = pg.mkBrush(color + (60,))

        def draw(plot, key, x, values):
            if len(x) == 0:
                return
            mean, std = np.nanmean(values, axis=0), np.nanstd(values, axis=0)
            upper = pg.PlotCurveItem(x, mean + std, pen=pg.mkPen(None))
            lower = pg.PlotCurveItem(x, mean - std, pen=pg.mkPen(None))
            between = pg.FillBetweenItem(upper, lower, brush=fill)
            line = plot.plot(x, mean, pen=pen)
            for name, item in ((f"{key}_upper", upper), (f"{key}_lower", lower), (f"{key}_fill", between)):
                plot.addItem(item)
                band.items[name] = (plot, item)
            band.items[f"{key}_mean"] = (plot, line)

        draw(self.loss_plot, "loss", np.asarray(runs[0].steps[:n_steps], float),
             np.array([r.smoothed[:n_steps] for r in runs], float))
        draw(self.accuracy_plot, "val_acc", np.asarray(runs[0].epochs[:n_epochs], float),
             np.array([r.val_acc[:n_epochs] for r in runs], float))
        for r in runs:   # the single runs step back behind their mean
            for key in ("raw", "smooth", "val_acc", "train_acc"):
                r.items[key].setOpacity(0.35)
        self.bands[band_id] = band
        from tensordesk.engine.runs.store import accuracy_summary
        summary = accuracy_summary(r.final_accuracy for r in runs)
        text = f"{label}" + (f"  — {summary[0]:.1%} ± {summary[1]:.1%}" if summary else "")
        item = QListWidgetItem(text)
        item.setData(Qt.UserRole, -band_id)   # bands are listed with negative ids
        item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
        item.setCheckState(Qt.Checked)
        item.setIcon(swatch(color))
        self.run_list.addItem(item)
        return summary

    def remove_band(self, band_id: int) -> None:
        band = self.bands.pop(band_id, None)
        if band is None:
            return
        for plot, item in band.items.values():
            plot.removeItem(item)
        for run_id in band.run_ids:
            run = self.runs.get(run_id)
            if run is not None:
                for it in run.items.values():
                    it.setOpacity(1.0)
        for i in range(self.run_list.count()):
            if self.run_list.item(i).data(Qt.UserRole) == -band_id:
                self.run_list.takeItem(i)
                break

    def plan_run(self, run_id: int, total_steps: int) -> None:
        """The run's length is known (it started): the step axes make room for all of it at once."""
        run = self.runs.get(run_id)
        if run is not None:
            run.planned_steps = int(total_steps)
            self._update_frames()

    def _update_frames(self) -> None:
        shown = [r for r in self.runs.values() if r.visible and (r.steps or r.planned_steps)]
        x_end = max([float(max(r.planned_steps, r.steps[-1] if r.steps else 0)) for r in shown] + [1.0])
        top = max([r.loss_max for r in shown] + [0.0])
        old_top = self._frame[1]
        if top > old_top or top < 0.5 * old_top or old_top == 0:
            top = 1.05 * top if top > 0 else 1.0
        else:
            top = old_top
        if (x_end, top) != self._frame:
            self._frame = (x_end, top)
            self._loss_frame.setData([0.0, x_end], [0.0, top])
            lr = self._lr_span[1] if self._lr_span is not None else 1e-3   # any positive rate: it spans the steps
            self._lr_frame.setData([0.0, x_end], [lr, lr])

    def relabel(self, run_id: int, suffix: str) -> None:
        for i in range(self.run_list.count()):
            item = self.run_list.item(i)
            if item.data(Qt.UserRole) == run_id:
                item.setText(f"#{run_id}  {self.runs[run_id].label}  — {suffix}")

    def add_batches(self, run_id: int, steps, losses, lrs) -> None:
        """One chunk's steps (arrays); every step is drawn, with the smoothed loss (EMA 0.9) beside it."""
        run = self.runs.get(run_id)
        if run is None:
            return
        losses = [float(v) for v in losses]
        run.steps.extend(int(v) for v in steps)
        run.losses.extend(losses)
        run.lrs.extend(float(v) for v in lrs)
        new_lrs = [v for v in run.lrs[-len(losses):] if v > 0 and np.isfinite(v)]
        if new_lrs:
            run.lr_max, run.lr_min = max(run.lr_max, *new_lrs), min(run.lr_min, *new_lrs)
        for loss in losses:
            if np.isfinite(loss):
                run.loss_max = max(run.loss_max, loss)
                run.ema_sum = 0.9 * run.ema_sum + 0.1 * loss
                run.ema_weight = 0.9 * run.ema_weight + 0.1
            run.smoothed.append(run.ema_sum / run.ema_weight if run.ema_weight else loss)
        run.steps_dirty = True

    def add_epoch(self, run_id: int, epoch: int, loss, acc, val_loss, val_acc) -> None:
        run = self.runs.get(run_id)
        if run is None:
            return
        nan = float("nan")
        run.epochs.append(epoch)
        run.train_acc.append(nan if acc is None else acc)
        run.val_loss.append(nan if val_loss is None else val_loss)
        run.val_acc.append(nan if val_acc is None else val_acc)
        run.epochs_dirty = True

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.UserRole)
        if key is not None and key < 0:
            band = self.bands.get(-key)
            if band is not None:
                for _, it in band.items.values():
                    it.setVisible(item.checkState() == Qt.Checked)
            return
        run = self.runs.get(key)
        if run is not None:
            run.visible = item.checkState() == Qt.Checked
            for it in run.items.values():
                it.setVisible(run.visible)
            self._update_frames()

    # ------------------------------------------------------------------ recorded runs (History → Show)
    def show_record(self, record_id: str) -> bool:
        """Tick the curves of recorded run `record_id` if they are on the plots; False when they are not."""
        run_id = self._records.get(record_id)
        if run_id is None or run_id not in self.runs:
            return False
        self.set_visible(run_id, True)
        return True

    def add_record(self, record_id: str, label: str, steps: dict, epochs: dict, test_accuracy, state_text: str) -> int:
        """A recorded run's curves (its steps.csv and epochs.csv columns) beside the others; its plot id."""
        run_id = self.add_run(label)
        self._records[record_id] = run_id
        self.plan_run(run_id, int(steps["step"][-1]) if len(steps["step"]) else 1)
        self.add_batches(run_id, steps["step"], steps["loss"], steps["learning_rate"])
        for i in range(len(epochs["epoch"])):
            self.add_epoch(run_id, int(epochs["epoch"][i]),
                           *(float(epochs[c][i]) for c in ("loss", "accuracy", "val_loss", "val_accuracy")))
        self.set_final_accuracy(run_id, test_accuracy)
        self.relabel(run_id, f"{test_accuracy:.1%}" if test_accuracy is not None else state_text)
        return run_id

    def set_visible(self, run_id: int, visible: bool) -> None:
        """Tick (or untick) a run in the list: its curves show (or hide)."""
        for i in range(self.run_list.count()):
            item = self.run_list.item(i)
            if item.data(Qt.UserRole) == run_id:
                item.setCheckState(Qt.Checked if visible else Qt.Unchecked)

    def remove_run(self, run_id: int) -> None:
        run = self.runs.pop(run_id, None)
        if run is None:
            return
        for key, it in run.items.items():
            plot = {"raw": self.loss_plot, "smooth": self.loss_plot, "val_acc": self.accuracy_plot,
                    "train_acc": self.accuracy_plot, "val_loss": self.val_loss_plot, "lr": self.lr_plot}[key]
            plot.removeItem(it)
        for i in range(self.run_list.count()):
            if self.run_list.item(i).data(Qt.UserRole) == run_id:
                self.run_list.takeItem(i)
                break
        self._update_frames()

    def remove_selected(self) -> None:
        for item in self.run_list.selectedItems():
            key = item.data(Qt.UserRole)
            self.remove_band(-key) if key < 0 else self.remove_run(key)

    def remove_all(self) -> None:
        for band_id in list(self.bands):
            self.remove_band(band_id)
        for run_id in list(self.runs):
            self.remove_run(run_id)
        self.cleared.emit()

    def set_marker(self, step: int | None) -> None:
        """A vertical line at training step `step` on the per-step plots (the timeline's position); None hides it."""
        from tensordesk.gui.presentation import ink
        for plot in (self.loss_plot, self.lr_plot):
            line = getattr(plot, "timeline_marker", None)
            if line is None:
                line = plot.timeline_marker = pg.InfiniteLine(angle=90, movable=False)
                line.setZValue(20)
                plot.addItem(line, ignoreBounds=True)
            line.setPen(pg.mkPen(ink(), width=2, style=Qt.DashLine))
            line.setVisible(step is not None)
            if step is not None:
                line.setValue(float(step))

    # ------------------------------------------------------------------ repaint
    def refresh(self) -> None:
        """Hand the new points to the curves. Only plots whose data changed repaint: between epochs the
        accuracy and validation-loss plots stay as they are (each repaint is CPU taken from training)."""
        if any(run.steps_dirty for run in self.runs.values()):   # new steps: frames, learning-rate top
            self._update_frames()
            shown = [run for run in self.runs.values() if run.lrs and run.visible and run.lr_max > 0]
            if shown:
                span = (min(run.lr_min for run in shown), max(run.lr_max for run in shown))
                if span != self._lr_span:
                    self._lr_span = span   # log10 units on the log axis, a third of a decade around the rates
                    self.lr_plot.setYRange(np.log10(span[0]) - 0.3, np.log10(span[1]) + 0.3, padding=0)
        changed = set()
        for run in self.runs.values():
            if not (run.steps_dirty or run.epochs_dirty):
                continue
            self.repaints += 1
            changed.update(("loss", "lr") if run.steps_dirty else ())
            changed.update(("accuracy", "val_loss") if run.epochs_dirty else ())
            if run.steps_dirty and run.steps:
                steps = np.asarray(run.steps, float)
                run.items["raw"].setData(steps, np.asarray(run.losses, float))
                run.items["smooth"].setData(steps, np.asarray(run.smoothed, float))
                run.items["lr"].setData(steps, np.asarray(run.lrs, float))
            if run.epochs_dirty and run.epochs:
                ep = np.asarray(run.epochs, float)
                for key, values in (("val_acc", run.val_acc), ("train_acc", run.train_acc),
                                    ("val_loss", run.val_loss)):
                    v = np.asarray(values, float)
                    finite = np.isfinite(v)    # a diverged epoch has no numbers: draw only those that exist
                    run.items[key].setData(ep[finite], v[finite])
            run.steps_dirty = run.epochs_dirty = False
        settle_ranges(*(getattr(self, f"{name}_plot") for name in sorted(changed)))

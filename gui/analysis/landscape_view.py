"""The Landscape tab: the loss of the model just trained (or loaded) on a 2-D slice of its weight space, with
the training path projected onto it. The numbers come from `engine.landscape`, computed in a background thread
by the window; this view draws them as a contour map and, where OpenGL works, as a 3D surface (the
gradient-descent lab's view)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tensordesk.gui.analysis.job_view import JobViewMixin
from tensordesk.gui.presentation import ink
from tensordesk.gui.timeline import TimelineBar
from tensordesk.gui.widgets.gl_support import opengl_available
from tensordesk.gui.widgets.plots import labelled_plot
from tensordesk.gui.widgets.scroll_column import scroll_column
from tensordesk.gui.widgets.view_base import ViewBase

PATH_COLOR = (220, 40, 40)


class LandscapeView(JobViewMixin, ViewBase, QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.landscape = None
        self.view3d = None
        self._sized = False
        self.directions_combo = QComboBox()
        self.directions_combo.setObjectName("directionsCombo")
        self.directions_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.directions_combo.setMinimumContentsLength(25)   # the names whole, and no wider
        self.directions_combo.addItem(self.tr("random, filter-normalised"), "random")
        self.directions_combo.setItemData(0, self.tr("Random directions scaled to each filter's norm (Li et al. "
                                                     "2018)"), Qt.ToolTipRole)
        self.directions_combo.addItem(self.tr("PCA of the training path"), "pca")
        self.directions_combo.setToolTip(self.tr(
            "Random: two random directions scaled unit by unit to the weights' own size, so the picture does not "
            "depend on how the weights are scaled. PCA: the plane in which training actually moved (needs a run "
            "trained in this window, or a model saved with its trajectory)."))
        self.grid_spin = QSpinBox()
        self.grid_spin.setObjectName("gridSpin")
        self.grid_spin.setRange(5, 61)
        self.grid_spin.setSingleStep(2)
        self.grid_spin.setValue(21)
        self.grid_spin.setToolTip(self.tr("Points a side: the loss is computed grid × grid times."))
        self.images_spin = QSpinBox()
        self.images_spin.setObjectName("imagesSpin")
        self.images_spin.setRange(100, 10000)
        self.images_spin.setSingleStep(100)
        self.images_spin.setValue(1000)
        self.images_spin.setToolTip(self.tr("Test images the loss is averaged over at every point."))
        self.compute_button = QPushButton(self.tr("Compute"))
        self.compute_button.setObjectName("computeLandscapeButton")
        self.compute_button.setToolTip(self.tr("Compute the loss around the current model's weights (Ctrl+L)"))
        self.start_button = self.compute_button
        self.compute_button.clicked.connect(self.compute)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelLandscapeButton")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(session.jobs.landscape.stop)
        self.progress = QProgressBar()
        self.progress.setObjectName("landscapeProgress")
        self.summary = QLabel(self.tr("Train or open a model, then compute the loss around its weights."))
        self.summary.setObjectName("landscapeSummary")
        self.summary.setWordWrap(True)

        self.contour = labelled_plot("landscapeContour", self.tr("α (direction 1)"), self.tr("β (direction 2)"))
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(pg.colormap.get("turbo"))
        self.contour.addItem(self.image)
        self.isocurves: list[pg.IsocurveItem] = []
        self.path = pg.PlotDataItem(pen=pg.mkPen(PATH_COLOR, width=3), symbol="o", symbolSize=6,
                                    symbolBrush=pg.mkBrush(*PATH_COLOR), name=self.tr("training path"))
        self.center = pg.ScatterPlotItem(symbol="star", size=18, brush=pg.mkBrush(255, 255, 255),
                                         pen=pg.mkPen(ink()))
        self.contour.addItem(self.path)
        self.contour.addItem(self.center)
        # where the timeline's model lies on the slice (its weights projected onto the plane)
        self.marker = pg.ScatterPlotItem(symbol="o", size=16, brush=None, pen=pg.mkPen(ink(), width=3))
        self.marker.setZValue(10)
        self.contour.addItem(self.marker)
        self.path.setZValue(10)
        self.center.setZValue(11)

        form = QFormLayout()
        form.addRow(self.tr("Directions"), self.directions_combo)
        form.addRow(self.tr("Grid"), self.grid_spin)
        form.addRow(self.tr("Test images"), self.images_spin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compute_button)
        buttons.addWidget(self.cancel_button)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addLayout(buttons)
        side.addWidget(self.progress)
        side.addWidget(self.summary)
        side.addStretch(1)
        side_w = QWidget()
        side_w.setLayout(side)
        side_w = scroll_column(side_w)   # scrolls on a short screen or at lecture scale
        self.busy_controls = (self.directions_combo, self.grid_spin, self.images_spin)
        self.views = QSplitter(Qt.Horizontal)
        self.views.addWidget(self.contour)
        lay = QHBoxLayout()
        lay.addWidget(side_w)
        lay.addWidget(self.views, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(lay, 1)
        outer.addWidget(TimelineBar(session.timeline))
        self.marker_at = None     # (α, β) of the timeline's model on the slice

        self._engine_ready = False
        jobs = session.jobs                 # the session's background jobs on the current model
        jobs.landscape.progressed.connect(self.set_progress)
        jobs.landscape_ready.connect(self._on_landscape)
        jobs.said.connect(self._on_said)
        jobs.state_changed.connect(self._on_jobs_changed)
        # the timeline moving is the same run at another moment: the slice stays, a marker shows where it is
        session.current_model_changed.connect(lambda checkpoint: None if session.timeline.moving
                                              else self.mark_stale())
        session.timeline.moved.connect(self._on_timeline_moved)
        self._session = session
        self._on_jobs_changed()

    # ------------------------------------------------------------------ state
    def on_engine_ready(self) -> None:
        """The 3D surface comes when the view is first shown (as the descent lab's: gui/labs/descent_lab.py)."""
        self._engine_ready = True
        if self.isVisible():
            self.attach_3d()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._engine_ready:
            self.attach_3d()

    def attach_3d(self) -> bool:
        """Add the 3D surface beside the contour map when OpenGL works (only once TensorFlow has loaded)."""
        if self.view3d is None and opengl_available():
            from tensordesk.gui.widgets.surface_view import SurfaceView3D
            self.view3d = SurfaceView3D()
            self.views.insertWidget(0, self.view3d)
            self.views.setStretchFactor(0, 1)
            self.views.setStretchFactor(1, 1)
            if self.landscape is not None:
                self._draw_3d(self.landscape)
        return self.view3d is not None

    @Slot()
    def compute(self) -> None:
        """Compute the loss around the current model's weights with this view's settings (Ctrl+L)."""
        self.session.jobs.compute_landscape(self.settings())

    @Slot(str, str)
    def _on_said(self, view: str, text: str) -> None:
        if view == "landscape":
            self.show_message(text)

    @Slot()
    def _on_jobs_changed(self) -> None:
        jobs = self.session.jobs
        self.set_busy(jobs.landscape.running, jobs.has_model)

    @Slot(object)
    def _on_timeline_moved(self, position) -> None:
        """The marker: the timeline's model projected onto the slice (hidden at "now" or for another network)."""
        checkpoint = self._session.checkpoint
        where = None
        if position is not None and self.landscape is not None and checkpoint is not None:
            where = self.landscape.locate(checkpoint.model)
        self.marker.setData([] if where is None else [where[0]], [] if where is None else [where[1]])
        self.marker_at = where

    def _on_landscape(self, payload) -> None:
        if payload is not None:
            self.show_landscape(*payload)

    def settings(self) -> dict:
        return {"directions": self.directions_combo.currentData(), "grid": self.grid_spin.value(),
                "images": self.images_spin.value()}

    # ------------------------------------------------------------------ drawing
    def has_result(self) -> bool:
        return self.landscape is not None

    def shown_widgets(self) -> list:
        return [self.contour] + ([self.view3d] if self.view3d is not None else [])

    def show_landscape(self, land, title: str) -> None:
        self.landscape = land
        self._on_timeline_moved(self._session.timeline.position)
        self.mark_fresh()
        a, b, loss = land.alphas, land.betas, land.loss
        self.image.setImage(loss.T, levels=(float(loss.min()), float(loss.max())))  # rows = β, columns = α
        da, db = a[1] - a[0], b[1] - b[0]
        self.image.setRect(float(a[0] - da / 2), float(b[0] - db / 2), float(a[-1] - a[0] + da),
                           float(b[-1] - b[0] + db))
        for c in self.isocurves:
            self.contour.removeItem(c)
        self.isocurves = []
        for level in np.quantile(loss, [0.05, 0.15, 0.3, 0.5, 0.7, 0.9]):
            c = pg.IsocurveItem(data=loss.T, level=float(level), pen=pg.mkPen((255, 255, 255, 150), width=1))
            c.setParentItem(self.image)  # in the image's pixel coordinates, scaled with it
            self.isocurves.append(c)
        if land.trajectory is not None:
            self.path.setData(land.trajectory[:, 0], land.trajectory[:, 1])
        else:
            self.path.setData([], [])
        self.center.setData([0.0], [0.0])
        self.contour.setRange(xRange=(a[0], a[-1]), yRange=(b[0], b[-1]), padding=0.02)
        text = self.tr("%1: loss %2 at the trained weights (star), %3–%4 over the slice.").replace("%1", title) \
            .replace("%2", f"{land.center_loss:.4f}").replace("%3", f"{loss.min():.4f}") \
            .replace("%4", f"{loss.max():.4f}")
        if land.trajectory is not None:
            text += " " + self.tr("Red: the training path, from the first weights to the star.")
        elif land.directions == "random":
            text += " " + self.tr("No training path: this model was not trained in this window with its path kept.")
        self.summary.setText(text)
        if self.view3d is not None:
            if not self._sized:  # the first surface: give the 3D view the larger share
                self._sized = True
                total = sum(self.views.sizes()) or 1000
                self.views.setSizes([int(total * 0.58), int(total * 0.42)])
            self._draw_3d(land)

    def _draw_3d(self, land) -> None:
        """The 3D view shows the slice with both axes scaled to ±1 and the loss from 0 at its lowest point."""
        sa, sb = float(np.max(np.abs(land.alphas))) or 1.0, float(np.max(np.abs(land.betas))) or 1.0
        z = land.loss - float(land.loss.min())
        cmap = pg.colormap.get("turbo")
        colors = cmap.map((z / (z.max() or 1.0)).ravel(), mode="float").reshape(z.shape + (4,))
        colors[..., 3] = 0.9
        self.view3d.set_surface(land.alphas / sa, land.betas / sb, z, colors, names=("α", "β", "loss"))
        if land.trajectory is not None:
            self.view3d.set_runs([PATH_COLOR])
            path_loss = self._loss_along(land, land.trajectory) - float(land.loss.min())
            pts = np.column_stack([land.trajectory[:, 0] / sa, land.trajectory[:, 1] / sb, path_loss])
            self.view3d.set_path(0, pts)
        else:
            self.view3d.set_runs([])

    @staticmethod
    def _loss_along(land, points: np.ndarray) -> np.ndarray:
        """The slice's loss at arbitrary (α, β), bilinearly interpolated (for drawing the path on the surface)."""
        a, b, loss = land.alphas, land.betas, land.loss
        i = np.clip(np.searchsorted(a, points[:, 0]) - 1, 0, len(a) - 2)
        j = np.clip(np.searchsorted(b, points[:, 1]) - 1, 0, len(b) - 2)
        ta = np.clip((points[:, 0] - a[i]) / (a[i + 1] - a[i]), 0, 1)
        tb = np.clip((points[:, 1] - b[j]) / (b[j + 1] - b[j]), 0, 1)
        return ((1 - ta) * (1 - tb) * loss[i, j] + ta * (1 - tb) * loss[i + 1, j] +
                (1 - ta) * tb * loss[i, j + 1] + ta * tb * loss[i + 1, j + 1])

"""The Draw view's Points-map page: the embedded test digits as points in 2-D at a chosen layer, by PCA or t-SNE,
coloured by class, computed in the background with progress. Hover a point to see its image and what the network
says; click it to put it on the canvas. Numbers: engine/inspection/points_map.py."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from tensordesk.gui.presentation import ink, run_color
from tensordesk.gui.widgets.data_text import mark_data, set_text_with_data
from tensordesk.gui.widgets.plots import labelled_plot
from tensordesk.gui.workers.jobs import JobController


class PointsPanel(QWidget):
    image_chosen = Signal(object, str)   # (28×28 uint8, caption): put it on the canvas
    mapped = Signal(object)              # engine PointsMapFact: a map was drawn (missions)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("pointsPanel")
        self.model = None
        self.class_names: tuple = ()
        self.test_digits = None           # callable → (images, labels)
        self.result = None                # engine.points_map.PointsMap
        self.images = None
        self.training = False
        self.job = JobController("PointsMapThread", self)
        self.job.result_ready.connect(self._on_result)
        self.job.progressed.connect(self._on_progress)
        self.job.errored.connect(self._on_error)
        self.job.running_changed.connect(lambda running: self._update_controls())
        self.job.running_changed.connect(self._on_job_ended)
        self._held = None                 # the map whose projection the timeline's moves keep (PointsMap)
        self._mapped_model = None         # the model the last map was computed for

        self.note = QLabel(self.tr("Choose a layer and a method, then Compute: each test digit becomes a point, "
                                   "placed by how that layer sees it."))
        self.note.setObjectName("pointsNote")
        self.note.setWordWrap(True)
        self.layer_combo = QComboBox()
        self.layer_combo.setObjectName("pointsLayerCombo")
        self.layer_combo.setToolTip(self.tr("Where to look: the raw pixels, a hidden layer, or the class scores"))
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("pointsMethodCombo")
        from tensordesk.engine.inspection.points_map import METHODS
        for key, name in METHODS.items():
            self.method_combo.addItem(name, key)
        self.method_combo.setToolTip(self.tr("PCA: the two directions of largest spread (fast). t-SNE: keeps "
                                             "neighbours together (a few seconds)"))
        self.compute_button = QPushButton(self.tr("Compute"))
        self.compute_button.setObjectName("pointsComputeButton")
        self.compute_button.clicked.connect(self.compute)
        self.progress = QProgressBar()
        self.progress.setObjectName("pointsProgress")
        self.progress.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Layer")))
        row.addWidget(self.layer_combo, 1)
        row.addWidget(self.method_combo)
        row.addWidget(self.compute_button)
        row.addWidget(self.progress)

        self.plot = labelled_plot("pointsMapPlot", "1", "2")
        self.plot.getPlotItem().hideAxis("bottom")
        self.plot.getPlotItem().hideAxis("left")
        self.legend = self.plot.addLegend(offset=(-5, 5), labelTextSize="8pt")
        self.scatters: list[pg.ScatterPlotItem] = []
        self.hover_mark = pg.ScatterPlotItem(symbol="o", size=14, pen=pg.mkPen(ink(), width=2), brush=None)
        self.hover_mark.setZValue(10)
        self.plot.addItem(self.hover_mark)
        self.plot.scene().sigMouseMoved.connect(self._on_move)
        self.plot.scene().sigMouseClicked.connect(self._on_click)
        self.preview = pg.GraphicsLayoutWidget()
        self.preview.setObjectName("pointsPreview")
        self.preview.setFixedSize(170, 170)
        box = self.preview.addViewBox(row=0, col=0, lockAspect=True, invertY=True, enableMouse=False)
        self.preview_item = pg.ImageItem(axisOrder="row-major")
        box.addItem(self.preview_item)
        self.preview_label = QLabel("")
        self.preview_label.setObjectName("pointsPreviewLabel")
        self.preview_label.setWordWrap(True)
        self.preview_label.setFixedWidth(170)
        side = QVBoxLayout()
        side.addWidget(self.preview)
        side.addWidget(self.preview_label)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.plot, 1)
        body.addLayout(side)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.note)
        lay.addLayout(row)
        lay.addLayout(body, 1)
        self.hovered: int | None = None
        self._update_controls()

    # ------------------------------------------------------------------ the model
    def set_model(self, model, class_names, classifier: bool = True, follow: bool = False) -> None:
        """A new model. `follow` (the timeline moved: the same network at another moment of training): a map on
        screen is computed again for it in the background, its projection held so the points move."""
        from tensordesk.engine.core.errors import TensorDeskError
        from tensordesk.engine.inspection.points_map import PIXELS, map_layers
        if model is self.model:
            return
        if follow and self.result is not None and self.model is not None and model is not None \
                and not self.training and self._same_layers(model):
            self.model = model
            self._held = self._held or self.result
            self.job.stop()
            if not self.job.running:
                self._remap()
            return
        self._held = None
        self.job.stop()
        self.model, self.class_names = model, tuple(class_names)
        self._clear_points()
        self.layer_combo.clear()
        if model is not None:
            try:
                layers = map_layers(model)
            except TensorDeskError as exc:
                self.note.setText(str(exc))
                layers = []
            for name in layers:
                self.layer_combo.addItem(self.tr("pixels (the input)") if name == PIXELS else name, name)
            mark_data(self.layer_combo, [n for n in layers if n != PIXELS])   # Keras's layer names
            self.layer_combo.setCurrentIndex(max(0, self.layer_combo.count() - 2))   # the last hidden layer
        self._update_controls()

    def _same_layers(self, model) -> bool:
        from tensordesk.engine.core.errors import TensorDeskError
        from tensordesk.engine.inspection.points_map import map_layers
        try:
            return map_layers(model) == [self.layer_combo.itemData(i) for i in range(self.layer_combo.count())]
        except TensorDeskError:
            return False

    def _remap(self) -> None:
        """The map on screen again, for the model now set, with the held projection (the timeline moved)."""
        from tensordesk.engine.inspection.points_map import points_map
        held, model, images = self._held, self.model, self.images
        if held is None or images is None:
            return
        self._mapped_model = model
        self.progress.setRange(0, 3)
        self.progress.setValue(0)
        self.job.start(lambda progress, cancelled: points_map(model, images, held.labels, held.layer, held.method,
                                                              progress=progress, cancelled=cancelled, hold=held))
        self._update_controls()

    def _on_job_ended(self, running: bool) -> None:
        """A map computed for a model the timeline has meanwhile moved past: compute the newest one."""
        if not running and self._held is not None and self._mapped_model is not self.model:
            self._remap()

    def set_training(self, training: bool) -> None:
        self.training = training
        self._update_controls()

    def _update_controls(self) -> None:
        ok = self.model is not None and self.layer_combo.count() > 0 and not self.training and not self.job.running
        for w in (self.layer_combo, self.method_combo, self.compute_button):
            w.setEnabled(ok)
        self.progress.setVisible(self.job.running)

    # ------------------------------------------------------------------ computing
    @Slot()
    def compute(self) -> bool:
        from tensordesk.engine.inspection.points_map import points_map
        if not self.compute_button.isEnabled() or self.test_digits is None:
            return False
        images, labels = self.test_digits()
        self.images = images
        model, layer, method = self.model, self.layer_combo.currentData(), self.method_combo.currentData()
        self._held, self._mapped_model = None, model
        self.progress.setRange(0, 3)
        self.progress.setValue(0)
        self.note.setText(self.tr("Computing the map of %1 test digits…").replace("%1", f"{len(images):,}"))
        self.job.start(lambda progress, cancelled: points_map(model, images, labels, layer, method,
                                                              progress=progress, cancelled=cancelled))
        self._update_controls()
        return True

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if done == 2:
            self.progress.setFormat(self.tr("projecting…"))
        else:
            self.progress.setFormat("%v / %m")

    @Slot(str)
    def _on_error(self, text: str) -> None:
        self.note.setText(text)

    @Slot(object)
    def _on_result(self, result) -> None:
        if result is None or self.images is None or self._mapped_model is not self.model:
            return   # cancelled, or computed for a model that is no longer the one shown
        self._clear_points()
        self.result = result
        for k, name in enumerate(self.class_names):
            chosen = np.flatnonzero(result.labels == k)
            if not len(chosen):
                continue
            r, g, b = run_color(k)
            s = pg.ScatterPlotItem(result.points[chosen, 0], result.points[chosen, 1], size=6, pen=None,
                                   brush=pg.mkBrush(r, g, b, 180), name=str(name), data=chosen)
            self.plot.addItem(s)
            self.scatters.append(s)
        (x0, x1), (y0, y1) = self.plot.getViewBox().viewRange()
        p = result.points
        if self._held is None or p[:, 0].min() < x0 or p[:, 0].max() > x1 or p[:, 1].min() < y0 or p[:, 1].max() > y1:
            self.plot.autoRange()   # a moving map keeps its frame while the points stay inside it
        from tensordesk.engine.missions.facts import PointsMapFact
        self.mapped.emit(PointsMapFact(str(result.method), str(result.layer), len(result.points)))
        wrong = int(np.sum(result.predictions != result.labels))
        layer = self.layer_combo.itemText(max(0, self.layer_combo.findData(result.layer)))
        self.note.setText(self.tr("%1 test digits at %2 by %3, coloured by their true class (%4 of them "
                                  "misclassified). Hover a point to see it; click to draw it on the canvas.")
                          .replace("%1", f"{len(result.points):,}").replace("%2", layer)
                          .replace("%3", self.method_combo.itemText(self.method_combo.findData(result.method)))
                          .replace("%4", f"{wrong:,}"))

    def _clear_points(self) -> None:
        for s in self.scatters:
            self.plot.removeItem(s)
        self.scatters = []
        self.legend.clear()
        self.result = None
        self.hovered = None
        self.hover_mark.clear()
        self.preview_item.clear()
        self.preview_label.setText("")

    # ------------------------------------------------------------------ hover and click
    def point_at(self, scene_pos) -> int | None:
        """The index (into the test digits) of the point under `scene_pos`, within a few pixels."""
        vb = self.plot.getViewBox()
        if self.result is None or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        # distances in screen pixels: view coordinates scaled by the view's pixel size
        px, py = vb.viewPixelSize()
        here = vb.mapSceneToView(scene_pos)
        d = ((self.result.points[:, 0] - here.x()) / px) ** 2 + ((self.result.points[:, 1] - here.y()) / py) ** 2
        i = int(np.argmin(d))
        return i if d[i] <= 8 ** 2 else None

    def show_point(self, i: int) -> None:
        r = self.result
        self.hovered = i
        self.hover_mark.setData([r.points[i, 0]], [r.points[i, 1]])
        self.preview_item.setImage(self.images[i], levels=(0, 255))
        set_text_with_data(self.preview_label, self.tr("test digit #%1\nlabelled %2\nthe network says %3 (%4)"),
                           str(i), str(self.class_names[int(r.labels[i])]),
                           str(self.class_names[int(r.predictions[i])]), f"{r.confidence[i]:.0%}")

    def _on_move(self, scene_pos) -> None:
        i = self.point_at(scene_pos)
        if i is not None and i != self.hovered:
            self.show_point(i)

    def _on_click(self, event) -> None:
        i = self.point_at(event.scenePos())
        if i is None:
            return
        self.show_point(i)
        self.image_chosen.emit(self.images[i], self.tr("Test digit #%1, labelled %2").replace("%1", str(i))
                               .replace("%2", str(self.class_names[int(self.result.labels[i])])))

    def shutdown(self) -> bool:
        return self.job.shutdown(10000)

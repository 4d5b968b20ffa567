"""The Evaluate tab: test accuracy, per-class accuracy, a clickable confusion matrix and image galleries.

The numbers come from `engine.evaluation` (computed in a background thread by the window); this view only draws
them. Clicking a confusion-matrix cell lists its test images; clicking an image sends it to the drawing canvas.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tensordesk.gui.analysis.job_view import JobViewMixin
from tensordesk.gui.analysis.robustness_panel import RobustnessPanel
from tensordesk.gui.timeline import TimelineBar
from tensordesk.gui.widgets.axes import plot_widget, readable_axes
from tensordesk.gui.widgets.plot_export import install_plot_export
from tensordesk.gui.widgets.plots import cache_axes
from tensordesk.gui.widgets.view_base import ViewBase

ICON = 56  # gallery thumbnails: 28×28 at 2×, nearest-neighbour so pixels stay crisp


def digit_pixmap(image: np.ndarray, size: int = ICON) -> QPixmap:
    """A uint8 (28, 28) image as a white-on-black pixmap of `size` pixels."""
    data = np.ascontiguousarray(image, dtype=np.uint8)
    qimage = QImage(data.data, data.shape[1], data.shape[0], data.strides[0], QImage.Format_Grayscale8).copy()
    return QPixmap.fromImage(qimage.scaled(size, size, Qt.IgnoreAspectRatio, Qt.FastTransformation))


def label_axes(plot: pg.PlotWidget, bottom: str, left: str) -> None:
    plot.setLabel("bottom", bottom)
    plot.setLabel("left", left)
    cache_axes(plot)


class ConfusionPlot(pg.PlotWidget):
    """10×10 confusion matrix: colour = share of the true class's images (row-normalised), text = counts."""

    cell_clicked = Signal(int, int)  # true class, predicted class

    def __init__(self, parent=None):
        super().__init__(parent, axisItems=readable_axes())
        self.setObjectName("confusionPlot")
        label_axes(self, self.tr("predicted class"), self.tr("true class"))
        self.setMenuEnabled(False)
        self.setMouseEnabled(False, False)
        self.hideButtons()
        self.getViewBox().invertY(True)
        self.getViewBox().setAspectLocked(True)
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.colormap.get("CET-L12"))  # white → blue: readable on a projector
        self.addItem(self.image)
        self.selection = pg.QtWidgets.QGraphicsRectItem(0, 0, 1, 1)
        self.selection.setPen(pg.mkPen("#e03030", width=3))
        self.selection.hide()
        self.addItem(self.selection)
        self._texts: list[pg.TextItem] = []
        self.counts = np.zeros((0, 0), dtype=int)
        self.names: list = []
        self.scene().sigMouseClicked.connect(self._on_click)

    def export_table(self) -> tuple[list, list]:
        """The counts as a table: one row per true class, one column per predicted class."""
        header = [self.tr("true \\ predicted")] + self.names
        return header, [[name] + [int(v) for v in row] for name, row in zip(self.names, self.counts)]

    def set_matrix(self, counts: np.ndarray, normalised: np.ndarray, names) -> None:
        k = len(counts)
        self.counts = np.asarray(counts)
        self.names = [str(n) for n in names]
        self.image.setImage(np.asarray(normalised, dtype=float).T, levels=(0.0, 1.0))  # image[x=pred, y=true]
        self.image.setRect(0, 0, k, k)
        used = 0        # the counts' texts: items reused from the last matrix (a live class redraws it often)
        for r in range(k):
            for c in range(k):
                if counts[r, c]:
                    color = "w" if normalised[r, c] > 0.5 else "k"
                    if used == len(self._texts):
                        t = pg.TextItem(anchor=(0.5, 0.5))
                        self.addItem(t)
                        self._texts.append(t)
                    t = self._texts[used]
                    t.setText(str(int(counts[r, c])), color=color)
                    t.setPos(c + 0.5, r + 0.5)
                    t.show()
                    used += 1
        for t in self._texts[used:]:
            t.hide()
        ticks = [[(i + 0.5, str(n)) for i, n in enumerate(names)]]
        self.getAxis("bottom").setTicks(ticks)
        self.getAxis("left").setTicks(ticks)
        self.setRange(xRange=(0, k), yRange=(0, k), padding=0.02)
        self.selection.hide()

    def select(self, true: int, predicted: int) -> None:
        self.selection.setRect(predicted, true, 1, 1)
        self.selection.show()

    def cell_at(self, scene_pos) -> tuple[int, int] | None:
        p = self.getViewBox().mapSceneToView(scene_pos)
        col, row = int(np.floor(p.x())), int(np.floor(p.y()))
        k = len(self.counts)
        return (row, col) if 0 <= row < k and 0 <= col < k else None

    def _on_click(self, event) -> None:
        cell = self.cell_at(event.scenePos())
        if cell is not None:
            self.select(*cell)
            self.cell_clicked.emit(*cell)


class Gallery(QListView):
    """Thumbnails of test images with 'true → predicted (confidence)' captions; a click chooses one."""

    image_clicked = Signal(int)  # index into the evaluated test set

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setViewMode(QListView.IconMode)
        self.setIconSize(QSize(ICON, ICON))
        self.setGridSize(QSize(ICON + 44, ICON + 34))
        self.setResizeMode(QListView.Adjust)
        self.setMovement(QListView.Static)
        self.setUniformItemSizes(True)
        self.setEditTriggers(QListView.NoEditTriggers)
        self.setWordWrap(True)
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self.clicked.connect(lambda index: self.image_clicked.emit(int(index.data(Qt.UserRole))))
        self.activated.connect(lambda index: self.image_clicked.emit(int(index.data(Qt.UserRole))))

    def show_images(self, indices, images: np.ndarray, evaluation, limit: int = 200) -> None:
        self.items.clear()
        names = evaluation.class_names
        for i in list(indices)[:limit]:
            i = int(i)
            true, pred = int(evaluation.labels[i]), int(evaluation.predicted[i])
            item = QStandardItem(f"{names[true]} → {names[pred]}\n{evaluation.confidence[i]:.0%}")
            item.setIcon(digit_pixmap(images[i]))
            item.setData(i, Qt.UserRole)
            item.setToolTip(self.tr("Test image #%1: labelled %2, predicted %3 with %4 confidence")
                            .replace("%1", str(i)).replace("%2", names[true]).replace("%3", names[pred])
                            .replace("%4", f"{evaluation.confidence[i]:.1%}"))
            self.items.appendRow(item)


class EvaluationView(JobViewMixin, ViewBase, QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.evaluation = None
        self.images = None
        self.evaluate_button = QPushButton(self.tr("Evaluate on the test set"))
        self.evaluate_button.setObjectName("evaluateButton")
        self.evaluate_button.setToolTip(self.tr("Classify every test image with the current model (Ctrl+E)"))
        self.start_button = self.evaluate_button
        self.evaluate_button.clicked.connect(session.jobs.evaluate)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelEvaluationButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("evaluationProgress")
        self.progress.setFormat("%p%")
        self.summary = QLabel(self.tr("Train or load a classifier, then evaluate it to see where it fails."))
        self.summary.setObjectName("evaluationSummary")
        self.summary.setWordWrap(True)

        self.confusion = ConfusionPlot()
        self.confusion.cell_clicked.connect(self.show_cell)
        self.per_class = plot_widget()
        self.per_class.setObjectName("perClassPlot")
        label_axes(self.per_class, self.tr("class"), self.tr("accuracy (%)"))
        self.per_class.setMouseEnabled(False, False)
        self.per_class.setMenuEnabled(False)
        self.per_class.hideButtons()
        self.per_class.setYRange(0, 100, padding=0.02)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush="#3b6fb6")
        self.per_class.addItem(self.bars)
        install_plot_export(self.per_class, table=self.per_class_table)

        self.cell_gallery = Gallery("cellGallery")
        self.unsure_gallery = Gallery("leastConfidentGallery")
        self.wrong_gallery = Gallery("confidentlyWrongGallery")
        self.cell_label = QLabel(self.tr("Click a cell of the matrix to see its images."))
        self.cell_label.setObjectName("cellLabel")
        self.cell_label.setWordWrap(True)
        cell_page = QWidget()
        cl = QVBoxLayout(cell_page)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.cell_label)
        cl.addWidget(self.cell_gallery, 1)
        self.gallery_tabs = QTabWidget()
        self.gallery_tabs.setObjectName("galleryTabs")
        self.gallery_tabs.addTab(cell_page, self.tr("Chosen cell"))
        self.gallery_tabs.addTab(self.unsure_gallery, self.tr("Least confident"))
        self.gallery_tabs.addTab(self.wrong_gallery, self.tr("Confidently wrong"))
        self.robustness = RobustnessPanel()
        self.robustness.damage_requested.connect(session.jobs.damage_curve)
        self.robustness.threshold_set.connect(session.report)
        self.gallery_tabs.addTab(self.robustness, self.tr("Robustness"))
        self.gallery_tabs.setTabToolTip(3, self.tr("Accuracy on damaged images, and an “I don't know” threshold"))
        for g in (self.cell_gallery, self.unsure_gallery, self.wrong_gallery):
            g.image_clicked.connect(self._on_image_clicked)

        top = QHBoxLayout()
        top.addWidget(self.evaluate_button)
        top.addWidget(self.cancel_button)
        top.addWidget(self.progress, 1)
        left = QSplitter(Qt.Vertical)
        left.addWidget(self.confusion)
        left.addWidget(self.per_class)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        body = QSplitter(Qt.Horizontal)
        body.addWidget(left)
        body.addWidget(self.gallery_tabs)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(body, 1)
        lay.addWidget(TimelineBar(session.timeline))   # the confusion matrix of the model at any moment

        jobs = session.jobs                 # the session's background jobs on the current model
        jobs.evaluation.progressed.connect(self.set_progress)
        jobs.robustness.progressed.connect(self.set_progress)
        jobs.evaluated.connect(lambda payload: self.show_evaluation(*payload))
        jobs.damage_swept.connect(lambda payload: self.robustness.show_damage_curve(*payload))
        jobs.said.connect(self._on_said)
        jobs.state_changed.connect(self._on_jobs_changed)
        session.current_model_changed.connect(lambda checkpoint: self.mark_stale())
        self._follow = False      # the timeline moved while this view was hidden: evaluate when shown
        self._again = False       # the timeline moved during an evaluation: evaluate the newest model after it
        session.timeline.moved.connect(self._on_timeline_moved)
        jobs.evaluation.running_changed.connect(self._on_evaluation_running)
        self._on_jobs_changed()

    # ------------------------------------------------------------------ the timeline
    @Slot(object)
    def _on_timeline_moved(self, position) -> None:
        """The current model is another moment of the run: evaluate it in the background (now if on screen)."""
        self._follow = True
        if self.isVisible():
            self._evaluate_newest()

    def _evaluate_newest(self) -> None:
        jobs = self.session.jobs
        self._follow = False
        if jobs.evaluating:
            self._again = True
            jobs.evaluation.stop()
            return
        self._again = False
        jobs.evaluate()

    @Slot(bool)
    def _on_evaluation_running(self, running: bool) -> None:
        if not running and self._again:
            self._evaluate_newest()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._follow:
            self._evaluate_newest()

    def show_robustness(self) -> None:
        """The Robustness page: damage curves and the "I don't know" threshold."""
        self.gallery_tabs.setCurrentWidget(self.robustness)

    @Slot(str, str)
    def _on_said(self, view: str, text: str) -> None:
        if view == "evaluate":
            self.show_message(text)
        elif view == "robustness":
            self.robustness.damage_label.setText(text)

    @Slot()
    def _on_jobs_changed(self) -> None:
        jobs = self.session.jobs
        self.set_busy(jobs.evaluating, jobs.has_classifier)

    @Slot()
    def cancel(self) -> None:
        self.session.jobs.evaluation.stop()
        self.session.jobs.robustness.stop()

    # ------------------------------------------------------------------ state
    def set_busy(self, busy: bool, can_start: bool) -> None:
        super().set_busy(busy, can_start)
        self.robustness.set_busy(busy, can_start)

    def per_class_table(self) -> tuple[list, list]:
        """The per-class bars as a table: class, accuracy (%), test images of that class."""
        header = [self.tr("class"), self.tr("accuracy (%)"), self.tr("images")]
        e = self.evaluation
        if e is None:
            return header, []
        counts = np.asarray(e.confusion).sum(axis=1)
        return header, [[n, "" if a is None else 100.0 * a, int(c)]
                        for n, a, c in zip(e.class_names, e.per_class_accuracy, counts)]

    def has_result(self) -> bool:
        return self.evaluation is not None

    def shown_widgets(self) -> list:
        return [self.confusion, self.per_class, *self.robustness.shown_widgets()]

    def mark_stale(self) -> None:
        super().mark_stale()
        if self.has_result():
            self.robustness.mark_stale()

    def show_evaluation(self, evaluation, images: np.ndarray, title: str) -> None:
        """Draw `evaluation` of the uint8 test `images` (same order)."""
        self.evaluation, self.images = evaluation, images
        self.mark_fresh()
        self.robustness.set_evaluation(evaluation)
        names = evaluation.class_names
        per_class = evaluation.per_class_accuracy
        worst = min(((a, n) for a, n in zip(per_class, names) if a is not None), default=None)
        text = self.tr("%1: test accuracy %2 on %3 images.").replace("%1", title) \
            .replace("%2", f"{evaluation.accuracy:.2%}").replace("%3", f"{evaluation.n:,}")
        if worst is not None:
            text += " " + self.tr("Hardest class: %1 (%2).").replace("%1", worst[1]).replace("%2", f"{worst[0]:.1%}")
        self.summary.setText(text)
        self.confusion.set_matrix(evaluation.confusion, evaluation.row_normalised(), names)
        heights = [0.0 if a is None else 100.0 * a for a in per_class]
        self.bars.setOpts(x=np.arange(len(names)), height=heights, width=0.7)
        self.per_class.getAxis("bottom").setTicks([[(i, str(n)) for i, n in enumerate(names)]])
        self.per_class.setXRange(-0.6, len(names) - 0.4, padding=0)
        # the axis starts just below the weakest class (in tens): 95% against 99% must look different
        valid = [h for h, a in zip(heights, per_class) if a is not None]
        low = max(0.0, 10.0 * np.floor((min(valid) - 5.0) / 10.0)) if valid else 0.0
        self.per_class.setYRange(low, 100, padding=0.02)
        self.unsure_gallery.show_images(evaluation.least_confident(60), images, evaluation)
        self.wrong_gallery.show_images(evaluation.confidently_wrong(60), images, evaluation)
        # start on the most frequent confusion, so the gallery is never empty when there are mistakes
        off = evaluation.confusion.copy()
        np.fill_diagonal(off, -1)
        r, c = np.unravel_index(int(np.argmax(off)), off.shape)
        if off[r, c] > 0:
            self.confusion.select(int(r), int(c))
            self.show_cell(int(r), int(c))
        else:
            self.cell_gallery.items.clear()

    def show_cell(self, true: int, predicted: int) -> None:
        if self.evaluation is None:
            return
        names = self.evaluation.class_names
        idx = self.evaluation.cell(true, predicted)
        self.cell_label.setText(self.tr("%1 images of %2 predicted as %3 (most confident first).")
                                .replace("%1", f"{len(idx):,}").replace("%2", names[true])
                                .replace("%3", names[predicted]))
        self.cell_gallery.show_images(idx, self.images, self.evaluation)
        self.gallery_tabs.setCurrentIndex(0)

    def _on_image_clicked(self, index: int) -> None:
        e = self.evaluation
        caption = self.tr("Test image #%1: labelled %2, predicted %3").replace("%1", str(index)) \
            .replace("%2", e.class_names[int(e.labels[index])]).replace("%3", e.class_names[int(e.predicted[index])])
        self.session.canvas_image_wanted.emit(self.images[index], caption)

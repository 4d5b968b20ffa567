"""The Draw view's One-step page: the digit's numbers through the last layer, z = x·W + b → z − max → exp → ÷ sum,
the cross-entropy for a chosen label and one SGD step's gradient. Cells are coloured by value; hovering a cell
selects the cells it comes from, and the images show the class it belongs to. Numbers: engine/inspection/step_maths.py."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tensordesk.gui.widgets.data_text import set_text_with_data

# the table's columns: (key, header); the headers are maths, the same in every language, but one
COLUMNS = (("bias", "b"), ("logits", "z = x·W + b"), ("shifted", "z − max z"), ("exps", "exp(z − max)"),
           ("probabilities", "p = exp ÷ Σ"), ("onehot", "y"), ("grad", "∂L/∂z = p − y"),
           ("new_probabilities", QT_TRANSLATE_NOOP("StepPanel", "p after the step")))
# which columns each column is computed from (on the same row unless "all": the whole column)
SOURCES = {"logits": ("bias",), "shifted": ("logits", "logits:all"), "exps": ("shifted",),
           "probabilities": ("exps", "exps:all"), "grad": ("probabilities", "onehot"),
           "new_probabilities": ("probabilities", "grad")}


def _colour(value: float, bound: float) -> QColor:
    """A diverging colour: blue below zero, red above, white at zero."""
    t = max(-1.0, min(1.0, value / bound)) if bound > 0 else 0.0
    if t >= 0:
        return QColor(255, int(255 * (1 - 0.6 * t)), int(255 * (1 - 0.6 * t)))
    return QColor(int(255 * (1 + 0.6 * t)), int(255 * (1 + 0.6 * t)), 255)



def _loss_text(loss: float) -> str:
    """A cross-entropy (≥ 0) to four places: rounding never shows "-0.0000"."""
    return f"{max(float(loss), 0.0):.4f}"

class StepPanel(QWidget):
    step_shown = Signal(object)      # engine StepFact: a step was worked through (missions)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("stepPanel")
        self.model = None
        self.class_names: tuple = ()
        self.image = None
        self.training = False            # while a model trains its numbers move on every batch
        self.step = None                 # engine.step_maths.SoftmaxStep
        self._reported = None            # the last StepFact reported
        self.hovered_class = 0
        self.note = QLabel("")
        self.note.setObjectName("stepNote")
        self.note.setWordWrap(True)
        self.label_combo = QComboBox()
        self.label_combo.setObjectName("stepLabelCombo")
        self.label_combo.setToolTip(self.tr("The true label: the loss and the step aim at it"))
        self.label_combo.currentIndexChanged.connect(self._on_label_chosen)
        self._label_chosen = False   # a label was picked for this drawing; else it follows the prediction
        self.lr_spin = QDoubleSpinBox()
        self.lr_spin.setObjectName("stepLearningRate")
        self.lr_spin.setDecimals(4)
        self.lr_spin.setRange(0.0001, 10.0)
        self.lr_spin.setValue(0.5)
        self.lr_spin.setStepType(QDoubleSpinBox.AdaptiveDecimalStepType)
        self.lr_spin.valueChanged.connect(lambda v: self.refresh())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Label")))
        top.addWidget(self.label_combo)
        top.addWidget(QLabel(self.tr("Learning rate")))
        top.addWidget(self.lr_spin)
        top.addStretch(1)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("stepTable")
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("StepPanel", h) for _, h in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.MultiSelection)
        self.table.setMouseTracking(True)
        self.table.cellEntered.connect(self.light_sources)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        selection = QPalette(self.table.palette())   # yellow with black text in both themes
        selection.setColor(QPalette.Highlight, QColor("#ffd400"))
        selection.setColor(QPalette.HighlightedText, QColor("black"))
        self.table.setPalette(selection)
        self.sums = QLabel("")
        self.sums.setObjectName("stepSums")
        self.sums.setWordWrap(True)
        self.sums.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.images = pg.GraphicsLayoutWidget()
        self.images.setObjectName("stepImages")
        self.images.setFixedHeight(170)
        self.image_items, self.image_titles = {}, {}
        for col, key in enumerate(("x", "w", "xw", "grad_w")):
            self.image_titles[key] = self.images.addLabel("", row=0, col=col, size="8pt")
            box = self.images.addViewBox(row=1, col=col, lockAspect=True, invertY=True, enableMouse=False)
            item = pg.ImageItem(axisOrder="row-major")
            if key != "x":
                item.setColorMap(pg.colormap.get("CET-D1"))
            box.addItem(item)
            self.image_items[key] = item
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.note)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.sums)
        lay.addWidget(self.images)

    # ------------------------------------------------------------------ inputs
    def set_model(self, model, class_names) -> None:
        self.model = model
        if tuple(class_names) != self.class_names:
            self.class_names = tuple(class_names)
            self.label_combo.blockSignals(True)
            self.label_combo.clear()
            self.label_combo.addItems([str(c) for c in self.class_names])
            self.label_combo.blockSignals(False)
            self.table.setRowCount(len(self.class_names))
            self.table.setVerticalHeaderLabels([str(c) for c in self.class_names])

    def show_digit(self, model, image: np.ndarray | None, class_names) -> None:
        self.set_model(model, class_names)
        if image is None or self.image is None or not np.array_equal(image, self.image):
            self._label_chosen = False   # a new drawing: the label starts as what the model predicts
        self.image = image
        self.refresh()

    def _on_label_chosen(self, index: int) -> None:
        self._label_chosen = True
        self.refresh()

    def refresh(self) -> None:
        from tensordesk.engine.core.errors import TensorDeskError
        from tensordesk.engine.inspection.step_maths import softmax_step
        self.step = None
        if self.model is None or self.image is None:
            self.note.setText(self.tr("Draw a digit to follow its numbers through the last layer.")
                              if self.model is not None else self.tr("No model yet: train one or load a saved model."))
            self.table.clearContents()
            self.sums.setText("")
            return
        try:
            self.step = softmax_step(self.model, self.image, max(0, self.label_combo.currentIndex()),
                                     self.lr_spin.value())
        except TensorDeskError as exc:
            self.note.setText(str(exc))
            self.table.clearContents()
            return
        s = self.step
        predicted = int(np.argmax(s.probabilities))
        if not self._label_chosen and s.label != predicted:
            self.label_combo.blockSignals(True)
            self.label_combo.setCurrentIndex(predicted)
            self.label_combo.blockSignals(False)
            self.refresh()
            return
        from tensordesk.engine.missions.facts import StepFact
        fact = StepFact(float(s.learning_rate), float(s.loss), float(s.new_loss))
        if fact != self._reported:     # a redraw of the same step (a hover, a repaint) is not news
            self._reported = fact
            self.step_shown.emit(fact)
        if s.source == "pixels":
            self.note.setText((self.tr("The model is training: these are its numbers at the last update.") + " "
                               if self.training else "") +
                              self.tr("x is your drawing's 784 pixels; W holds one 28×28 template per class. "
                                      "Hover a cell to select the cells it is computed from."))
        else:
            self.note.setText(self.tr("x is what layer %1 hands on (%2 numbers); this is the last layer's part of "
                                      "one SGD step. Hover a cell to select the cells it is computed from.")
                              .replace("%1", s.source).replace("%2", str(len(s.x))))
        columns = self._columns()
        for c, (key, _) in enumerate(COLUMNS):
            values = columns[key]
            bound = float(np.max(np.abs(values))) or 1.0
            for r, v in enumerate(values):
                item = QTableWidgetItem(f"{v:.4g}")
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                item.setBackground(QBrush(_colour(float(v), bound)))
                item.setForeground(QBrush(QColor("black")))
                self.table.setItem(r, c, item)
        label = str(self.class_names[s.label])
        set_text_with_data(self.sums, self.tr("Σ exp = %1   ·   loss L = −log p[%2] = %3   ·   after one step with "
                                              "learning rate %4: p[%2] = %5, L = %6"),
                           f"{s.total:.4g}", label, _loss_text(s.loss), f"{s.learning_rate:g}",
                           f"{s.new_probabilities[s.label]:.4f}", _loss_text(s.new_loss))
        self._show_class(self.hovered_class)

    def _columns(self) -> dict[str, np.ndarray]:
        s = self.step
        onehot = np.zeros_like(s.probabilities)
        onehot[s.label] = 1.0
        return {"bias": s.bias, "logits": s.logits, "shifted": s.shifted, "exps": s.exps,
                "probabilities": s.probabilities, "onehot": onehot, "grad": s.grad_logits,
                "new_probabilities": s.new_probabilities}

    # ------------------------------------------------------------------ hovering
    @Slot(int, int)
    def light_sources(self, row: int, column: int) -> list[tuple[int, int]]:
        """Select the cells (row, column) that cell comes from, and show its class in the images."""
        keys = [k for k, _ in COLUMNS]
        cells = []
        for source in SOURCES.get(keys[column], ()):
            key, _, whole = source.partition(":")
            c = keys.index(key)
            cells += [(r, c) for r in range(self.table.rowCount())] if whole else [(row, c)]
        self.table.clearSelection()
        for r, c in cells:
            item = self.table.item(r, c)
            if item is not None:
                item.setSelected(True)
        self._show_class(row)
        return cells

    def _show_class(self, k: int) -> None:
        """The images: x, W's column for class k, x ⊙ W[:, k] (what adds up to z_k) and ∂L/∂W[:, k]."""
        self.hovered_class = k
        s = self.step
        if s is None or not 0 <= k < len(s.probabilities):
            return
        name = str(self.class_names[k])
        parts = {"x": s.x, "w": s.weights[:, k], "xw": s.x * s.weights[:, k], "grad_w": s.grad_weights[:, k]}
        titles = {"x": "x", "w": f"W[:, {name}]", "xw": f"x ⊙ W[:, {name}]", "grad_w": f"∂L/∂W[:, {name}]"}
        pixels = len(s.x) == 784
        side = 28 if pixels else math.ceil(math.sqrt(len(s.x)))   # hidden values: a near-square grid
        for key, values in parts.items():
            image = np.zeros(side * side, np.float32)
            image[:len(values)] = values
            bound = float(np.max(np.abs(values))) or 1.0
            levels = ((0.0, 1.0) if pixels else (min(0.0, float(values.min())), max(float(values.max()), 1e-6))
                      ) if key == "x" else (-bound, bound)
            self.image_items[key].setImage(image.reshape(side, side), levels=levels)
            self.image_titles[key].setText(titles[key])

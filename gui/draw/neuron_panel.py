"""The Draw view's Neurons page: every dense unit lit by the digit on the canvas, what one unit computes, and edits
to a copy of the network (units off, scaled weights, shifted biases, pruning, softmax temperature) with the test
accuracy they leave, measured in the background. The numbers come from engine/inspection/surgery.py."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tensordesk.gui.draw.neuron_grid import UnitGrids
from tensordesk.gui.names import tr_engine
from tensordesk.gui.widgets.data_text import mark_data, set_text_with_data
from tensordesk.gui.workers.jobs import JobController


class NeuronPanel(QWidget):
    edits_changed = Signal()        # the edited network changed: predict again
    save_requested = Signal()       # "Save edited…"
    message_shown = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("neuronPanel")
        self.base = None                # the model the edits start from (Draw's current model)
        self.class_names: tuple = ()
        self.network = None             # engine.surgery.EditedNetwork, made when first needed
        self.training = False
        self.test_digits = None         # callable → (images, labels): the embedded test split
        self.values = None              # engine.surgery.unit_values for the canvas digit
        self.selected: tuple[str, int] | None = None
        self.accuracy: float | None = None          # of the edited network, on the test digits
        self.base_accuracy: float | None = None
        self._eval_model = None
        self._accuracy_stale = False
        self._closing = False
        self.job = JobController("NeuronAccuracyThread", self)
        self.job.result_ready.connect(self._on_accuracy)
        self.job.errored.connect(lambda text: self.accuracy_label.setText(text))
        self.job.running_changed.connect(lambda running: running or self._on_job_ended())
        self._version = 0               # counts the edits' changes: only the newest measurement is shown

        self.note = QLabel("")
        self.note.setObjectName("neuronNote")
        self.note.setWordWrap(True)
        self.grids = UnitGrids()
        self.grids.unit_clicked.connect(self.select_unit)

        # ---- one unit
        self.unit_title = QLabel(self.tr("Click a unit to see what it computes."))
        self.unit_title.setObjectName("unitTitle")
        self.unit_title.setWordWrap(True)
        self.weights_view = pg.GraphicsLayoutWidget()
        self.weights_view.setObjectName("unitWeightsView")
        self.weights_view.setFixedHeight(130)
        self.weights_caption = self.weights_view.addLabel(self.tr("what this neuron looks for"), row=0, col=0,
                                                          size="8pt")
        box = self.weights_view.addViewBox(row=1, col=0, lockAspect=True, invertY=True, enableMouse=False)
        self.weights_item = pg.ImageItem(axisOrder="row-major")
        self.weights_item.setColorMap(pg.colormap.get("CET-D1"))
        box.addItem(self.weights_item)
        self.unit_numbers = QLabel("")
        self.unit_numbers.setObjectName("unitNumbers")
        self.unit_numbers.setWordWrap(True)
        self.unit_numbers.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.off_button = QPushButton(self.tr("Switch off"))
        self.off_button.setObjectName("switchOffButton")
        self.off_button.setToolTip(self.tr("The unit's output no longer reaches the next layer"))
        self.off_button.clicked.connect(self.switch_off)
        self.scale_spin = QDoubleSpinBox()
        self.scale_spin.setObjectName("scaleSpin")
        self.scale_spin.setRange(-5.0, 5.0)
        self.scale_spin.setSingleStep(0.5)
        self.scale_spin.setValue(2.0)
        self.scale_spin.setPrefix("× ")
        self.scale_button = QPushButton(self.tr("Scale weights"))
        self.scale_button.setObjectName("scaleButton")
        self.scale_button.setToolTip(self.tr("Multiply the unit's incoming weights"))
        self.scale_button.clicked.connect(lambda: self.apply("scale", self.scale_spin.value()))
        self.bias_spin = QDoubleSpinBox()
        self.bias_spin.setObjectName("biasSpin")
        self.bias_spin.setRange(-20.0, 20.0)
        self.bias_spin.setSingleStep(0.5)
        self.bias_spin.setValue(1.0)
        self.bias_spin.setPrefix("+ ")
        self.bias_button = QPushButton(self.tr("Shift bias"))
        self.bias_button.setObjectName("biasButton")
        self.bias_button.setToolTip(self.tr("Add to the unit's bias"))
        self.bias_button.clicked.connect(lambda: self.apply("bias", self.bias_spin.value()))
        unit_edits = QGridLayout()
        unit_edits.addWidget(self.off_button, 0, 0, 1, 2)
        unit_edits.addWidget(self.scale_spin, 1, 0)
        unit_edits.addWidget(self.scale_button, 1, 1)
        unit_edits.addWidget(self.bias_spin, 2, 0)
        unit_edits.addWidget(self.bias_button, 2, 1)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.unit_title)
        dl.addWidget(self.weights_view)
        dl.addWidget(self.unit_numbers)
        dl.addLayout(unit_edits)
        dl.addStretch(1)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.grids)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        # ---- layers and the whole network
        self.prune_spin = QDoubleSpinBox()
        self.prune_spin.setObjectName("pruneSpin")
        self.prune_spin.setRange(0.0, 100.0)
        self.prune_spin.setDecimals(1)
        self.prune_spin.setSingleStep(10.0)
        self.prune_spin.setValue(50.0)
        self.prune_spin.setSuffix(" %")
        self.prune_target = QComboBox()
        self.prune_target.setObjectName("pruneTarget")
        self.prune_target.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.prune_button = QPushButton(self.tr("Prune"))
        self.prune_button.setObjectName("pruneButton")
        self.prune_button.setToolTip(self.tr("Set this share of the smallest weights to zero"))
        self.prune_button.clicked.connect(self.prune)
        self.temperature_spin = QDoubleSpinBox()
        self.temperature_spin.setObjectName("temperatureSpin")
        from tensordesk.engine.inspection.surgery import TEMPERATURE_RANGE
        self.temperature_spin.setRange(*TEMPERATURE_RANGE)
        self.temperature_spin.setDecimals(2)
        self.temperature_spin.setValue(1.0)
        self.temperature_spin.setStepType(QDoubleSpinBox.AdaptiveDecimalStepType)
        self.temperature_spin.setToolTip(self.tr("The logits are divided by T before the softmax: below 1 the network "
                                                 "is surer, above 1 less sure; the answer stays the same"))
        self.temperature_spin.valueChanged.connect(self.set_temperature)
        net = QGridLayout()   # two rows: the page fits a 1280-pixel screen at lecture scale
        net.addWidget(QLabel(self.tr("Prune the smallest")), 0, 0)
        net.addWidget(self.prune_spin, 0, 1)
        net.addWidget(self.prune_target, 0, 2)
        net.addWidget(self.prune_button, 0, 3)
        net.addWidget(QLabel(self.tr("Softmax temperature")), 1, 0)
        net.addWidget(self.temperature_spin, 1, 1)
        net.setColumnStretch(2, 1)   # the combo box takes the room: its names stay whole

        self.edit_list = QListWidget()
        self.edit_list.setObjectName("editList")
        self.edit_list.setMaximumHeight(72)
        self.undo_button = QPushButton(self.tr("Undo edit"))
        self.undo_button.setObjectName("undoEditButton")
        self.undo_button.setToolTip(self.tr("Undo the last edit (Ctrl+Shift+Z)"))
        self.undo_button.clicked.connect(self.undo)
        undo = QShortcut(QKeySequence("Ctrl+Shift+Z"), self, self.undo, context=Qt.WidgetWithChildrenShortcut)
        undo.setWhatsThis(self.tr("Undo the last edit to the network (Draw → Neurons)"))   # listed by F1
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setObjectName("resetEditsButton")
        self.reset_button.setToolTip(self.tr("Undo every edit: back to the model as it was"))
        self.reset_button.clicked.connect(self.reset)
        self.save_button = QPushButton(self.tr("Save edited…"))
        self.save_button.setObjectName("saveEditedButton")
        self.save_button.setToolTip(self.tr("Save the edited network as a new model; its description lists the edits"))
        self.save_button.clicked.connect(self.save_requested)
        self.accuracy_label = QLabel("")
        self.accuracy_label.setObjectName("editAccuracyLabel")
        self.accuracy_label.setWordWrap(True)
        buttons = QVBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.save_button)
        edits = QHBoxLayout()
        edits.addWidget(self.edit_list, 1)
        edits.addLayout(buttons)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.note)
        lay.addWidget(split, 1)
        lay.addLayout(net)
        lay.addLayout(edits)
        lay.addWidget(self.accuracy_label)
        self._update_controls()

    # ------------------------------------------------------------------ the model
    def set_model(self, model, class_names) -> None:
        """A new current model: edits made to the previous one are dropped (the status bar says so)."""
        if model is self.base:
            return
        if self.network is not None and self.network.edits:
            self.message_shown.emit(self.tr("The edits to the previous model were dropped: a new model arrived. "
                                            "Save edited networks before you train or open another."))
        self.base, self.class_names = model, tuple(class_names)
        self._drop_network()

    def set_training(self, training: bool) -> None:
        """While a model trains, Draw follows its weights: no edits (and none kept across)."""
        if training == self.training:
            return
        self.training = training
        if training:
            if self.network is not None and self.network.edits:
                self.message_shown.emit(self.tr("Training started: the edits were dropped."))
            self._drop_network()
        self._update_controls()

    def _drop_network(self) -> None:
        had_edits = self.network is not None and bool(self.network.edits)
        self._version += 1
        self.network = None
        self._eval_model = None
        self.selected = None
        self.values = None
        self.accuracy = self.base_accuracy = None
        self.accuracy_label.setText("")
        self.job.stop()
        self._refresh_list()
        self._update_controls()
        if had_edits:   # Draw was classifying with the edited copy: it goes back to the model
            self.edits_changed.emit()

    def ensure_network(self) -> bool:
        """Make the edited copy of the current model when first needed; False (and a note) when there is none."""
        from tensordesk.engine.core.errors import TensorDeskError
        from tensordesk.engine.inspection.surgery import EditedNetwork
        if self.network is not None:
            return True
        if self.base is None or self.training:
            return False
        try:
            self.network = EditedNetwork(self.base)
        except TensorDeskError as exc:
            self.note.setText(str(exc))
            return False
        self.grids.set_layers(list(self.network.layers.values()), self.class_names)
        self.prune_target.clear()
        # short names: the row fits the page at lecture scale ("Prune the smallest 50% | all weights | Prune")
        self.prune_target.addItem(self.tr("all weights"), "")
        for name in self.network.layers:
            self.prune_target.addItem(self.tr("in %1").replace("%1", name), name)
        mark_data(self.prune_target, self.network.layers)   # Keras's layer names
        self._update_controls()
        self._measure_accuracy()
        return True

    @property
    def edited_model(self):
        """The edited copy when it has edits (what Draw should classify with), else None."""
        return self.network.model if self.network is not None and self.network.edits else None

    # ------------------------------------------------------------------ the digit
    def show_digit(self, image: np.ndarray | None) -> None:
        """Light the units for `image` (preprocessed 28×28 in [0, 1]; None: nothing drawn)."""
        from tensordesk.engine.inspection.surgery import unit_values
        if not self.ensure_network():
            self.note.setText(self._why_empty())
            self.grids.show_values({})
            return
        if image is None:
            self.values = None
            self.note.setText(self.tr("Draw a digit to light up the units it makes fire."))
            self.grids.show_values({u: np.zeros(n.units) for u, n in self.network.layers.items()}, self._off())
        else:
            self.values = unit_values(self.network.model, image)
            self.note.setText(self.tr("Each square is a unit, brighter the more it fires for your drawing; the last "
                                      "row is the classes. Click a unit to see and change it."))
            self.grids.show_values({k: v.outputs for k, v in self.values.items()}, self._off())
        self._show_unit()

    def _why_empty(self) -> str:
        if self.training:
            return self.tr("A model is training: the neurons can be edited when it has finished.")
        if self.base is None:
            return self.tr("No model yet: train one or load a saved model.")
        return self.note.text()

    def _off(self):
        return [(e.layer, e.unit) for e in self.network.edits if e.kind == "off"] if self.network else []

    @Slot(str, int)
    def select_unit(self, layer: str, unit: int) -> None:
        self.selected = (layer, unit)
        self.grids.select(layer, unit)
        self._show_unit()
        self._update_controls()

    def _show_unit(self) -> None:
        from tensordesk.engine.inspection.surgery import unit_detail
        if self.selected is None or self.network is None or self.selected[0] not in self.network.layers:
            self.weights_view.setVisible(False)
            self.unit_numbers.setText("")
            return
        layer, unit = self.selected
        u = self.network.layers[layer]
        title = (self.tr("%1 · class %2").replace("%2", str(self.class_names[unit])) if u.is_logits
                 else self.tr("%1 · unit %2").replace("%2", str(unit))).replace("%1", layer)
        if self.network.is_off(layer, unit):
            title += " · " + self.tr("switched off")
        set_text_with_data(self.unit_title, title)
        kernel = np.asarray(self.network.model.get_layer(layer).kernel)[:, unit]
        pixels = u.source == "pixels"
        self.weights_view.setVisible(pixels)
        if pixels:
            bound = float(np.max(np.abs(kernel))) or 1.0
            self.weights_item.setImage(kernel.reshape(28, 28), levels=(-bound, bound))
        if self.values is None:
            self.unit_numbers.setText(self.tr("Draw a digit to see this unit's weighted sum and output."))
            return
        d = unit_detail(self.network.model, self.values, layer, unit, top=6)
        lines = [self.tr("bias b = %1").replace("%1", f"{d.bias:+.4f}"),
                 self.tr("weighted sum z = x · w + b = %1").replace("%1", f"{d.weighted_sum:+.4f}"),
                 (self.tr("probability = %1") if u.is_logits else
                  self.tr("output a = %1, switched off: the next layer gets 0") if self.network.is_off(layer, unit)
                  else self.tr("output a = %1")).replace("%1", f"{d.output:.4f}"),
                 self.tr("largest contributions x·w:")]
        for i, part in d.contributors:
            where = (self.tr("pixel (%1, %2)").replace("%1", str(i // 28)).replace("%2", str(i % 28)) if pixels
                     else self.tr("%1 #%2").replace("%1", u.source).replace("%2", str(i)))
            lines.append(f"  {where}: {part:+.4f}")
        set_text_with_data(self.unit_numbers, "\n".join(lines))

    # ------------------------------------------------------------------ edits
    def apply(self, kind: str, value: float = 0.0) -> bool:
        """Apply an edit to the chosen unit (off, scale, bias)."""
        from tensordesk.engine.inspection.surgery import Edit
        if self.selected is None:
            return False
        return self._apply(Edit(kind, self.selected[0], self.selected[1], float(value)))

    @Slot()
    def switch_off(self) -> bool:
        return self.apply("off")

    @Slot()
    def prune(self) -> bool:
        from tensordesk.engine.inspection.surgery import Edit
        return self._apply(Edit("prune", self.prune_target.currentData() or "", -1, self.prune_spin.value()))

    @Slot(float)
    def set_temperature(self, value: float) -> bool:
        """Temperature edits in a row count as one (the last value)."""
        from tensordesk.engine.inspection.surgery import Edit
        if not self.ensure_network():
            return False
        if self.network.edits and self.network.edits[-1].kind == "temperature":
            self.network.undo()
        if abs(value - 1.0) < 1e-9 and self.network.temperature == 1.0:
            self._changed()
            return True
        return self._apply(Edit("temperature", value=float(value)))

    def _apply(self, edit) -> bool:
        from tensordesk.engine.core.errors import TensorDeskError
        if self.training or not self.ensure_network():
            return False
        try:
            self.network.apply(edit)
        except TensorDeskError as exc:
            self.message_shown.emit(str(exc))
            return False
        self._changed()
        return True

    @Slot()
    def undo(self) -> None:
        if self.network is not None and self.network.undo() is not None:
            self._changed()

    @Slot()
    def reset(self) -> None:
        if self.network is not None and self.network.edits:
            self.network.reset()
            self._changed()

    def _changed(self) -> None:
        self._version += 1
        self._refresh_list()
        self.temperature_spin.blockSignals(True)
        self.temperature_spin.setValue(self.network.temperature)
        self.temperature_spin.blockSignals(False)
        self._update_controls()
        self.edits_changed.emit()          # Draw predicts again and calls show_digit
        self._measure_accuracy()

    def _refresh_list(self) -> None:
        self.edit_list.clear()
        if self.network is not None:
            for text in self.network.descriptions(tr_engine):
                self.edit_list.addItem(text)
            self.edit_list.scrollToBottom()

    def _update_controls(self) -> None:
        ready = self.network is not None and not self.training
        unit = ready and self.selected is not None
        u = self.network.layers.get(self.selected[0]) if unit else None
        self.off_button.setEnabled(bool(u) and bool(u.next_dense) and not self.network.is_off(*self.selected))
        self.off_button.setToolTip(self.tr("The output layer's units are the classes: scale or shift them instead")
                                   if u is not None and not u.next_dense else
                                   self.tr("The unit's output no longer reaches the next layer"))
        for w in (self.scale_spin, self.scale_button, self.bias_spin, self.bias_button):
            w.setEnabled(bool(u))
        for w in (self.prune_spin, self.prune_target, self.prune_button, self.temperature_spin):
            w.setEnabled(ready)
        edited = ready and bool(self.network.edits)
        self.undo_button.setEnabled(edited)
        self.reset_button.setEnabled(edited)
        self.save_button.setEnabled(edited)

    # ------------------------------------------------------------------ accuracy, in the background
    def _measure_accuracy(self) -> None:
        if self.network is None or self.test_digits is None or self._closing:
            return
        if self.job.running:
            self._accuracy_stale = True
            return
        from tensordesk.engine.inspection.surgery import accuracy_of, copy_model
        self._accuracy_stale = False
        if self._eval_model is None:
            self._eval_model = copy_model(self.network.model)
        model, weights, (x, y) = self._eval_model, self.network.weights(), self.test_digits()
        edited = bool(self.network.edits)
        self.accuracy_label.setText(self.tr("Measuring the test accuracy…"))
        version = self._version
        self.job.start(lambda progress, cancelled: (accuracy_of(model, weights, x, y, cancelled), edited, len(x),
                                                    version))

    @Slot(object)
    def _on_accuracy(self, result) -> None:
        accuracy, edited, count, version = result
        if self.network is None or version != self._version:
            return
        if not edited:
            self.base_accuracy = accuracy
        self.accuracy = accuracy
        text = self.tr("Test accuracy on %1 embedded test digits: %2").replace("%1", f"{count:,}").replace(
            "%2", f"{accuracy:.1%}")
        if edited and self.base_accuracy is not None:
            text += " " + self.tr("(before the edits: %1)").replace("%1", f"{self.base_accuracy:.1%}")
        self.accuracy_label.setText(text)

    def _on_job_ended(self) -> None:
        if self._accuracy_stale:
            self._measure_accuracy()

    def shutdown(self) -> bool:
        self._closing = True   # a measurement that was waiting must not start once the job ends
        return self.job.shutdown(3000)

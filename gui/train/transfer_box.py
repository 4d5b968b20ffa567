"""Train → "Reuse a saved model's layers" (seed 000's transfer learning): the saved model (.tdm, or a .keras from
elsewhere), how many of its layers to keep and whether to freeze them."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFileDialog, QFormLayout, QGroupBox, QLabel, QPushButton, QSpinBox

from tensordesk.gui.names import model_title, spec_label


class TransferBox(QGroupBox):
    """A checkable group: on, with a model chosen, `choice()` gives (path, layers kept, frozen).

    `source_chosen(spec)` tells the panel the chosen TensorDesk model's spec (its architecture follows it); a
    .keras model sends nothing: its own layers and a new output make the network. `changed` follows any edit."""

    source_chosen = Signal(object)
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(self.tr("Reuse a saved model's layers"), parent)
        self.setObjectName("transferBox")
        self.setCheckable(True)
        self.setChecked(False)
        self.setToolTip(self.tr("Start from the first layers of a model trained before (seed 000): "
                                "they keep what they learnt, and only the rest starts from scratch."))
        self.path = ""
        self.layers: list[str] = []
        self.foreign = False      # the chosen model came from a .keras file (no architecture to follow)
        self.label = QLabel(self.tr("No model chosen."))
        self.label.setObjectName("transferLabel")
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("Choose model…"))
        self.button.setObjectName("transferChooseButton")
        self.button.clicked.connect(self._choose)
        self.keep_spin = QSpinBox()
        self.keep_spin.setObjectName("keepLayersSpin")
        self.keep_spin.setRange(0, 0)
        self.keep_spin.setToolTip(self.tr("How many of the saved model's layers, from the input on, to reuse."))
        self.freeze_check = QCheckBox(self.tr("freeze them"))
        self.freeze_check.setToolTip(self.tr("Frozen layers keep the saved weights: only the new layers train."))
        self.freeze_check.setObjectName("freezeCheck")
        self.freeze_check.setChecked(True)
        form = QFormLayout(self)
        form.addRow(self.button, self.label)
        form.addRow(self.tr("Layers kept"), self.keep_spin)
        form.addRow("", self.freeze_check)
        self.toggled.connect(lambda on: self.changed.emit())

    def ready(self) -> bool:
        """Off, or on with a model chosen."""
        return not self.isChecked() or bool(self.path)

    def choice(self) -> tuple[str, int, bool] | None:
        """(saved model, layers kept, frozen) when transfer learning is on, else None."""
        if not self.isChecked() or not self.path:
            return None
        return self.path, self.keep_spin.value(), self.freeze_check.isChecked()

    def set_model(self, path: str) -> bool:
        """Take the saved model at `path` as the source of reused layers; False (and why, in the label) when it
        cannot be read."""
        from tensordesk.engine.core.errors import TensorDeskError
        from tensordesk.engine.models.checkpoints import load_model_file, transfer_layers
        try:
            ck = load_model_file(path)
        except TensorDeskError as exc:
            self.label.setText(str(exc))
            self.path, self.layers, self.foreign = "", [], False
            self.changed.emit()
            return False
        self.path, self.foreign, self.layers = path, ck.foreign, transfer_layers(ck)
        if ck.foreign:   # its own layers, then a new head: the architecture list does not apply
            title = self.tr("%1 (Keras file: its layers, then a new output layer)").replace("%1", model_title(ck))
        else:
            self.source_chosen.emit(ck.spec)   # the new model has the saved one's layers to receive
            title = spec_label(ck.spec)
        self.keep_spin.setRange(0, len(self.layers))
        self.keep_spin.setValue(len(self.layers) if ck.foreign else max(0, len(self.layers) - 1))
        self.label.setText(self.tr("%1 — layers: %2").replace("%1", title).replace("%2", ", ".join(self.layers) or "—"))
        self.setChecked(True)
        self.changed.emit()
        return True

    def set_choice(self, path: str | None, keep_layers: int = 1, freeze: bool = True) -> bool:
        """Reuse `keep_layers` layers of the saved model at `path` (None: no transfer learning)."""
        if path is None:
            self.setChecked(False)
            return True
        if not self.set_model(path):
            return False
        self.keep_spin.setValue(int(keep_layers))
        self.freeze_check.setChecked(bool(freeze))
        return True

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Saved model whose layers to reuse"), self.path,
                                              self.tr("Models (*.tdm *.keras);;All files (*)"))
        if path:
            self.set_model(path)

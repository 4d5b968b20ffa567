"""The experiment panel: data set, architecture and hyperparameters, each with a one-line explanation."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tensordesk.engine.core.settings import parse_learning_rate
from tensordesk.engine.data.datasets import DEFAULT_SOURCE, SOURCES, DataSource, known_train_size
from tensordesk.engine.models.architectures import ARCHITECTURES, ModelSpec, default_spec
from tensordesk.engine.models.optimizers import ADAM, OPTIMIZERS
from tensordesk.engine.training.config import TrainConfig
from tensordesk.gui.names import spec_label, tr_engine
from tensordesk.gui.presentation import set_invalid, set_tone
from tensordesk.gui.train.augment_preview import AugmentPreview
from tensordesk.gui.train.transfer_box import TransferBox
from tensordesk.gui.widgets.setting_controls import setting_combo, setting_spin


class ExperimentPanel(QWidget):
    changed = Signal()
    learning_rate_edited = Signal(float)
    validity_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._loading = False
        self.dataset_combo = QComboBox()
        self.dataset_combo.setObjectName("datasetCombo")
        self.dataset_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.dataset_combo.setMinimumContentsLength(14)   # long names are cut, not the window widened
        for kind in SOURCES.values():   # a source that reads a path is listed as "idx:" until one is chosen
            self.dataset_combo.addItem(tr_engine(kind.title), kind.spell())
        self.dataset_combo.setToolTip(self.tr("Which pictures to learn from. The embedded digits work offline."))
        self.dataset_combo.activated.connect(self._on_dataset_activated)
        self.dataset_path = ""

        self.arch_combo = QComboBox()
        self.arch_combo.setObjectName("archCombo")
        self.arch_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.arch_combo.setMinimumContentsLength(14)   # long names are cut, not the window widened
        for key, arch in ARCHITECTURES.items():
            self.arch_combo.addItem(tr_engine(arch.title), key)
            self.arch_combo.setItemData(self.arch_combo.count() - 1, tr_engine(arch.description), Qt.ToolTipRole)
        self.arch_combo.setToolTip(self.tr("The network's architecture: how its layers are arranged."))
        self.arch_combo.currentIndexChanged.connect(self._on_arch_changed)

        self.optimizer_combo = QComboBox()
        self.optimizer_combo.setObjectName("optimizerCombo")
        for key, kind in OPTIMIZERS.items():
            self.optimizer_combo.addItem(tr_engine(kind.title), key)
        self.optimizer_combo.setToolTip(self.tr("How the weights move downhill on the loss: plain gradient descent "
                                                "(SGD) or an adaptive variant."))

        self.lr_edit = QLineEdit("0.001")
        self.lr_edit.setObjectName("learningRateEdit")
        self.lr_edit.setToolTip(self.tr("Learning rate: the size of each step downhill. Too high diverges, too low "
                                        "crawls. Editable while training."))
        self.lr_edit.textChanged.connect(self._on_lr_text)
        self.lr_hint = QLabel("")
        self.lr_hint.setObjectName("learningRateHint")
        set_tone(self.lr_hint, "error")
        self.lr_hint.setWordWrap(True)
        self.lr_hint.hide()

        self.schedule_combo = setting_combo(TrainConfig, "lr_schedule", "scheduleCombo",
                                            {"constant": self.tr("constant"), "exponential": self.tr("exponential decay")})
        self.schedule_combo.setToolTip(self.tr("Exponential decay shrinks the learning rate every epoch: big steps "
                                               "early, fine steps near the minimum."))
        self.decay_spin = setting_spin(TrainConfig, "decay_rate", "decaySpin", decimals=3, step=0.01,
                                       within=(0.5, 1.0))
        self.decay_spin.setToolTip(self.tr("Decay rate: the learning rate is multiplied by this once per epoch."))
        self.schedule_combo.currentIndexChanged.connect(
            lambda: self.decay_spin.setEnabled(self.schedule_combo.currentData() == "exponential"))
        self.decay_spin.setEnabled(False)

        self.batch_spin = setting_spin(TrainConfig, "batch_size", "batchSpin", within=(1, 8192))
        self.batch_spin.setToolTip(self.tr("Batch size: how many images each step averages its gradient over."))
        self.batch_hint = QLabel("")
        self.batch_hint.setObjectName("batchHint")
        set_tone(self.batch_hint, "error")
        self.batch_hint.setWordWrap(True)
        self.batch_hint.hide()
        self.train_limit: int | None = None  # the window trains on at most this many images (tests, demos)
        self.epochs_spin = setting_spin(TrainConfig, "epochs", "epochsSpin", within=(1, 1000))
        self.epochs_spin.setToolTip(self.tr("Epochs: how many times training sweeps through all training images."))

        self.bn_check = QCheckBox(self.tr("batch normalisation"))
        self.bn_check.setObjectName("bnCheck")
        self.bn_check.setToolTip(self.tr("Batch normalisation: rescales each layer's inputs per batch so they stay "
                                         "in the activation's sensitive range."))
        self.dropout_spin = QDoubleSpinBox()
        self.dropout_spin.setObjectName("dropoutSpin")
        self.dropout_spin.setRange(0.0, 0.9)
        self.dropout_spin.setSingleStep(0.1)
        self.dropout_spin.setToolTip(self.tr("Dropout: randomly silences this fraction of units while training, "
                                             "so the network cannot rely on any single one."))
        self.l2_spin = QDoubleSpinBox()
        self.l2_spin.setObjectName("l2Spin")
        self.l2_spin.setDecimals(5)
        self.l2_spin.setRange(0.0, 0.1)
        self.l2_spin.setSingleStep(0.0001)
        self.l2_spin.setToolTip(self.tr("L2: penalises large weights to reduce over-fitting."))
        self.ema_check = QCheckBox(self.tr("moving average of weights (EMA)"))
        self.ema_check.setObjectName("emaCheck")
        self.ema_check.setToolTip(self.tr("EMA: evaluate with a running average of recent weights, which is "
                                          "smoother than the last step's."))

        self.augment_check = QCheckBox(self.tr("augment the images"))
        self.augment_check.setObjectName("augmentCheck")
        self.augment_check.setToolTip(self.tr("Augmentation: each batch is seen slightly rotated, shifted, zoomed, "
                                              "bent (elastic distortion) and with thicker or thinner strokes; on "
                                              "MNIST, half the 1s, 7s and 9s are also written the continental way "
                                              "(a flag, a bar, an open loop). The network then copes better with "
                                              "other people's handwriting and photos."))
        self.augment_preview = AugmentPreview()
        self.augment_preview.setVisible(False)
        self.augment_check.toggled.connect(self.augment_preview.setVisible)

        self.log_check = QCheckBox(self.tr("TensorBoard log"))
        self.log_check.setObjectName("tensorboardCheck")
        self.log_check.setToolTip(self.tr("Write the run's curves and weight/activation histograms for TensorBoard "
                                          "(seed 004's summaries): open them with  tensorboard --logdir FOLDER"))
        self.log_dir = str(Path.home() / "TensorDesk" / "logs")
        self.log_button = QPushButton(self.tr("Folder…"))
        self.log_button.setObjectName("tensorboardFolderButton")
        self.log_button.setToolTip(self.log_dir)
        self.log_button.clicked.connect(self._choose_log_dir)

        self.params_label = QLabel("")
        self.params_label.setObjectName("paramCountLabel")
        self.params_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Data set"), self.dataset_combo)
        form.addRow(self.tr("Architecture"), self.arch_combo)
        form.addRow(self.tr("Optimizer"), self.optimizer_combo)
        form.addRow(self.tr("Learning rate"), self.lr_edit)
        form.addRow("", self.lr_hint)
        form.addRow(self.tr("Schedule"), self.schedule_combo)
        form.addRow(self.tr("Decay per epoch"), self.decay_spin)
        form.addRow(self.tr("Batch size"), self.batch_spin)
        form.addRow("", self.batch_hint)
        form.addRow(self.tr("Epochs"), self.epochs_spin)
        form.addRow(self.tr("Dropout"), self.dropout_spin)
        form.addRow(self.tr("L2"), self.l2_spin)
        form.addRow(self.bn_check)   # the whole row: the window stays narrow
        form.addRow(self.ema_check)   # the whole row: the window stays narrow
        form.addRow(self.augment_check)   # the whole row: the window stays narrow
        form.addRow("", self.augment_preview)
        log_row = QHBoxLayout()
        log_row.addWidget(self.log_check, 1)
        log_row.addWidget(self.log_button)
        form.addRow("", log_row)
        box = QGroupBox(self.tr("Experiment"))
        box.setLayout(form)

        # transfer learning (seed 000): start from a saved model's first layers, frozen or not, with a new head
        self.transfer_box = TransferBox()
        self.transfer_box.changed.connect(lambda: self.validity_changed.emit(self.is_valid()))
        self.transfer_box.source_chosen.connect(self._follow_transfer_source)

        lay = QVBoxLayout(self)
        lay.addWidget(box)
        lay.addWidget(self.transfer_box)
        lay.addWidget(self.params_label)
        lay.addStretch(1)

        for w in (self.optimizer_combo, self.schedule_combo, self.arch_combo, self.dataset_combo):
            w.currentIndexChanged.connect(self._emit_changed)
        for w in (self.decay_spin, self.dropout_spin, self.l2_spin, self.batch_spin, self.epochs_spin):
            w.valueChanged.connect(self._emit_changed)
        for w in (self.bn_check, self.ema_check, self.augment_check):
            w.toggled.connect(self._emit_changed)
        self.batch_spin.valueChanged.connect(self._check_batch)
        self.dataset_combo.currentIndexChanged.connect(self._check_batch)
        self._apply_arch_defaults(self.arch)

    # ------------------------------------------------------------------ values
    @property
    def arch(self) -> str:
        return self.arch_combo.currentData()

    @property
    def dataset_source(self) -> str:
        key = self.dataset_combo.currentData()
        return key + self.dataset_path if self._path_source(key) else key

    @staticmethod
    def _path_source(key: str) -> DataSource | None:
        """The registry's source behind a list entry, when it reads a path the user chooses."""
        kind = SOURCES.get(key.partition(":")[0])
        return kind if kind is not None and kind.path else None

    def learning_rate(self) -> float | None:
        return parse_learning_rate(self.lr_edit.text())

    def train_size(self) -> int | None:
        """Training images the chosen data set gives (None until a custom file is loaded)."""
        size = known_train_size(self.dataset_combo.currentData())
        if size is not None and self.train_limit:
            size = min(size, self.train_limit)
        return size

    def batch_problem(self) -> str | None:
        size = self.train_size()
        if size is not None and self.batch_spin.value() > size:
            return self.tr("The batch is larger than the %1 training images: choose at most %1.").replace(
                "%1", f"{size:,}")
        return None

    def is_valid(self) -> bool:
        """Whether every typed value can start a run (each invalid one shows its hint)."""
        return (self.learning_rate() is not None and self.batch_problem() is None and
                self.transfer_box.ready())

    def tensorboard_dir(self) -> str | None:
        """Where runs write their TensorBoard logs, when that is on."""
        return self.log_dir if self.log_check.isChecked() else None

    def _choose_log_dir(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder for TensorBoard logs"), self.log_dir)
        if path:
            self.log_dir = path
            self.log_button.setToolTip(path)
            self.log_check.setChecked(True)

    def transfer(self) -> tuple[str, int, bool] | None:
        """(saved model, layers kept, frozen) when transfer learning is on, else None."""
        return self.transfer_box.choice()

    def set_transfer_model(self, path: str) -> bool:
        """Take the saved model at `path` as the source of reused layers (a TensorDesk model's architecture
        is followed)."""
        return self.transfer_box.set_model(path)

    def _follow_transfer_source(self, spec) -> None:
        self.select(self.arch_combo, spec.arch)
        self.bn_check.setChecked(spec.batch_norm)

    def spec(self) -> ModelSpec:
        return default_spec(self.arch, batch_norm=self.bn_check.isChecked(), dropout=round(self.dropout_spin.value(), 3),
                            l2=self.l2_spin.value())

    def train_settings(self) -> dict:
        """TrainConfig fields from the panel (validated by the engine when the run starts)."""
        return dict(optimizer=self.optimizer_combo.currentData(), learning_rate=self.learning_rate(),
                    lr_schedule=self.schedule_combo.currentData(), decay_rate=self.decay_spin.value(),
                    batch_size=self.batch_spin.value(), epochs=self.epochs_spin.value(),
                    ema=self.ema_check.isChecked(), augment=self.augment_check.isChecked())

    def run_label(self) -> str:
        """What distinguishes this run, e.g. 'CNN (classic), BN on, Adam 1e-3'."""
        transfer = self.transfer()
        if transfer is not None and self.transfer_box.foreign:
            from pathlib import Path
            first = self.tr("%1 + new output").replace("%1", Path(transfer[0]).name)
        else:
            first = spec_label(self.spec())
        parts = [first, f"{self.optimizer_combo.currentText()} {self.learning_rate() or 0:g}"]
        if self.schedule_combo.currentData() == "exponential":
            parts.append(f"decay {self.decay_spin.value():g}")
        if self.l2_spin.value():
            parts.append(f"L2 {self.l2_spin.value():g}")
        if self.ema_check.isChecked():
            parts.append("EMA")
        if self.augment_check.isChecked():
            parts.append(self.tr("augmented"))
        parts.append(self.tr("batch %1").replace("%1", str(self.batch_spin.value())))
        epochs = self.epochs_spin.value()
        parts.append(self.tr("1 epoch") if epochs == 1 else self.tr("%1 epochs").replace("%1", str(epochs)))
        if transfer is not None:
            parts.append((self.tr("reuses %1 layers (frozen)") if transfer[2] else self.tr("reuses %1 layers"))
                         .replace("%1", str(transfer[1])))
        return ", ".join(parts)

    def set_training(self, running: bool) -> None:
        """While a run is in progress only the learning rate stays editable."""
        for w in (self.dataset_combo, self.arch_combo, self.optimizer_combo, self.schedule_combo, self.decay_spin,
                  self.batch_spin, self.epochs_spin, self.bn_check, self.dropout_spin, self.l2_spin, self.ema_check,
                  self.augment_check, self.transfer_box, self.log_check, self.log_button):
            w.setEnabled(not running and (w is not self.decay_spin or
                                          self.schedule_combo.currentData() == "exponential"))

    # ------------------------------------------------------------------ slots
    def _emit_changed(self, *args) -> None:
        if not self._loading:
            self.changed.emit()

    def _on_arch_changed(self) -> None:
        if not self._loading:
            self._apply_arch_defaults(self.arch)

    def _apply_arch_defaults(self, arch: str) -> None:
        """Switching architecture loads its good teaching defaults (the seeds' settings are presets)."""
        a = ARCHITECTURES[arch]
        td = a.train_defaults
        self._loading = True
        try:
            self.select(self.optimizer_combo, td.get("optimizer", ADAM))
            self.lr_edit.setText(f"{td.get('learning_rate', 1e-3):g}")
            self.batch_spin.setValue(td.get("batch_size", 64))
            self.dropout_spin.setValue(a.defaults.get("dropout", 0.0))
            self.l2_spin.setValue(a.defaults.get("l2", 0.0))
        finally:
            self._loading = False
        self.changed.emit()

    @staticmethod
    def select(combo: QComboBox, data) -> None:
        """Choose the entry whose data is `data` (none: the combo stays as it is)."""
        i = combo.findData(data)
        if i >= 0:
            combo.setCurrentIndex(i)

    def _on_lr_text(self, text: str) -> None:
        lr = parse_learning_rate(text)
        ok = lr is not None
        self.lr_hint.setVisible(not ok)
        self.lr_hint.setText("" if ok else self.tr("Type a positive number such as 0.001 or 1e-3 (at most 100)."))
        set_invalid(self.lr_edit, not ok)
        self.validity_changed.emit(self.is_valid())
        if ok:
            self.learning_rate_edited.emit(lr)
            self._emit_changed()

    def _check_batch(self, *args) -> None:
        problem = self.batch_problem()
        self.batch_hint.setText(problem or "")
        self.batch_hint.setVisible(problem is not None)
        set_invalid(self.batch_spin, problem is not None)
        self.validity_changed.emit(self.is_valid())

    def set_source(self, source: str) -> bool:
        """Choose a data source by its string (`fashion`, `folder:/path`); False when none matches."""
        from tensordesk.engine.data.datasets import known_source
        kind = known_source(source)
        if kind is None:
            return False
        index = self.dataset_combo.findData(kind.spell())
        if index < 0:
            return False
        if kind.path:
            self.dataset_path = source.partition(":")[2]
            self.dataset_combo.setItemText(index, f"{kind.key.upper()}: {self.dataset_path}")
        self.dataset_combo.setCurrentIndex(index)
        self._emit_changed()
        return True

    def _on_dataset_activated(self, index: int) -> None:
        kind = self._path_source(self.dataset_combo.itemData(index))
        if kind is None:
            return
        title = tr_engine(kind.title).rstrip("…")
        if kind.path == "FOLDER":
            path = QFileDialog.getExistingDirectory(self, title, self.dataset_path)
        else:
            path, _ = QFileDialog.getOpenFileName(self, title, self.dataset_path, self.tr(
                "%1 files (*.%2);;All files (*)").replace("%1", kind.key.upper()).replace("%2", kind.key))
        if path:
            self.dataset_path = path
            self.dataset_combo.setItemText(index, f"{kind.key.upper()}: {path}")
        else:
            self.dataset_combo.setCurrentIndex(0)
        self._emit_changed()

    # ------------------------------------------------------------------ one state, three uses
    # QSettings (between sessions), presets (files) and "save setup as preset" all read and write `state()`.
    def state(self) -> dict:
        """The panel as plain data, in the presets' key names."""
        key = self.dataset_combo.currentData()
        return {"arch": self.arch, "optimizer": self.optimizer_combo.currentData(),
                "learning_rate": self.learning_rate() or 1e-3, "lr_schedule": self.schedule_combo.currentData(),
                "decay_rate": self.decay_spin.value(), "batch_size": self.batch_spin.value(),
                "epochs": self.epochs_spin.value(), "batch_norm": self.bn_check.isChecked(),
                "dropout": round(self.dropout_spin.value(), 3), "l2": self.l2_spin.value(),
                "ema": self.ema_check.isChecked(), "augment": self.augment_check.isChecked(),
                "dataset": DEFAULT_SOURCE if self._path_source(key) else key,
                "tensorboard": self.log_check.isChecked(), "tensorboard_dir": self.log_dir}

    def apply_recorded(self, spec: dict, config: dict) -> None:
        """A recorded run's model description and training settings (History → Run again)."""
        state = {k: spec[k] for k in ("arch", "batch_norm", "dropout", "l2") if k in spec}
        state.update({k: config[k] for k in ("optimizer", "learning_rate", "lr_schedule", "decay_rate", "batch_size",
                                             "epochs", "ema", "augment") if k in config})
        self.apply_state(state)

    def apply_state(self, state: dict) -> None:
        """Set the controls from (part of) `state()`'s output: the architecture's defaults first, then the
        values given. Unknown values of a list (an optimizer no longer offered, say) leave it as it is."""
        if "arch" in state:
            self.select(self.arch_combo, state["arch"])
        self._loading = True
        try:
            for key, combo in (("optimizer", self.optimizer_combo), ("lr_schedule", self.schedule_combo),
                               ("dataset", self.dataset_combo)):
                if key in state:
                    self.select(combo, state[key])
            if "learning_rate" in state:
                self.lr_edit.setText(f"{float(state['learning_rate']):g}")
            for key, spin in (("decay_rate", self.decay_spin), ("batch_size", self.batch_spin),
                              ("epochs", self.epochs_spin), ("dropout", self.dropout_spin), ("l2", self.l2_spin)):
                if key in state:
                    spin.setValue(type(spin.value())(state[key]))
            for key, check in (("batch_norm", self.bn_check), ("ema", self.ema_check),
                               ("augment", self.augment_check), ("tensorboard", self.log_check)):
                if key in state:
                    check.setChecked(bool(state[key]))
            if state.get("tensorboard_dir"):
                self.log_dir = str(state["tensorboard_dir"])
                self.log_button.setToolTip(self.log_dir)
        finally:
            self._loading = False
        self.changed.emit()

    def set_transfer(self, path: str | None, keep_layers: int = 1, freeze: bool = True) -> bool:
        """Reuse `keep_layers` layers of the saved model at `path` (None: no transfer learning)."""
        return self.transfer_box.set_choice(path, keep_layers, freeze)

    def set_limit(self, images: int | None) -> None:
        """Train on at most this many images (tests, presets' quick runs); the batch-size check follows it."""
        self.train_limit = images
        self._check_batch()

    def reset_to_defaults(self) -> None:
        """The architecture's teaching defaults (Reset)."""
        self._apply_arch_defaults(self.arch)

    def save_settings(self, s: QSettings, key: str) -> None:
        s.setValue(key, json.dumps(self.state()))

    def load_settings(self, s: QSettings, key: str) -> None:
        """Restore what `save_settings` stored; anything unreadable leaves the defaults."""
        try:
            state = json.loads(str(s.value(key) or "{}"))
            if isinstance(state, dict):
                self.apply_state(state)
        except (ValueError, TypeError):
            return

"""The playground's settings column: the data, the input features, the network (0–6 hidden layers of 1–8 neurons,
an activation each) and the training's settings, made from the declared settings (engine PlaygroundSettings).
`experiment()` reads them; `set_experiment()` sets them; `changed` says the user edited one; controls named in the
experiment's `hidden` are hidden (a lecturer's or a mission's lock)."""
from __future__ import annotations

from dataclasses import asdict

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tensordesk.engine.labs.playground_data import DATASETS, FEATURES
from tensordesk.engine.labs.playground_experiment import (
    ACTIVATIONS,
    MAX_CLASSES,
    MAX_LAYERS,
    MAX_NEURONS,
    Experiment,
    PlaygroundSettings,
)
from tensordesk.engine.models.optimizers import OPTIMIZERS
from tensordesk.gui.names import tr_engine
from tensordesk.gui.widgets.buttons import push_button
from tensordesk.gui.widgets.setting_controls import setting_combo, setting_spin

S = PlaygroundSettings


class PlaygroundControls(QWidget):
    changed = Signal()            # a setting the user edited (the lab restarts with it)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.own_points: tuple = ()
        self.hidden: tuple = ()
        self._setting = False
        # data
        self.data = setting_combo(S, "data", "playgroundData", {k: tr_engine(v[0]) for k, v in DATASETS.items()})
        self.noise = setting_spin(S, "noise", "playgroundNoise")
        self.noise.setSuffix(" %")
        self.train_share = setting_spin(S, "train_share", "playgroundTrainShare")
        self.train_share.setSuffix(" %")
        self.points = setting_spin(S, "points", "playgroundPoints")
        self.data_seed = setting_spin(S, "data_seed", "playgroundDataSeed")
        self.new_class = QComboBox()
        self.new_class.setObjectName("playgroundNewClass")
        for k in range(MAX_CLASSES):
            self.new_class.addItem(self.tr("class %1").replace("%1", str(k)), k)
        self.new_class.setToolTip(self.tr("The class of the points your clicks add"))
        self.clear_points = push_button("playgroundClearPoints", self.tr("Clear points"),
                                        self.tr("Remove every point you added"))
        data_form = QFormLayout()
        data_form.addRow(self.tr("Data"), self.data)
        data_form.addRow(self.tr("Noise"), self.noise)
        data_form.addRow(self.tr("Trained on"), self.train_share)
        data_form.addRow(self.tr("Points"), self.points)
        data_form.addRow(self.tr("Data seed"), self.data_seed)
        data_form.addRow(self.tr("New points"), self.new_class)
        data_form.addRow("", self.clear_points)
        self.data_form = data_form
        data_box = QGroupBox(self.tr("Data"))
        data_box.setLayout(data_form)
        # features
        self.feature_boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for i, (key, (title, _)) in enumerate(FEATURES.items()):
            box = QCheckBox(title)
            box.setObjectName(f"playgroundFeature_{key}")
            self.feature_boxes[key] = box
            grid.addWidget(box, i // 4, i % 4)
            box.toggled.connect(self._edited)
        self.features_box = QGroupBox(self.tr("Input features"))
        self.features_box.setLayout(grid)
        # network
        self.layer_count = QSpinBox()
        self.layer_count.setObjectName("playgroundLayers")
        self.layer_count.setRange(0, MAX_LAYERS)
        self.layer_count.setToolTip(self.tr("Hidden layers (0: the inputs feed the output directly)"))
        self.neuron_spins, self.activation_combos, self._layer_rows = [], [], []
        net = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Hidden layers")))
        row.addWidget(self.layer_count)
        net.addLayout(row)
        for i in range(MAX_LAYERS):
            spin = QSpinBox()
            spin.setRange(1, MAX_NEURONS)
            spin.setObjectName(f"playgroundNeurons{i + 1}")
            spin.setToolTip(self.tr("Neurons in this layer (1–%1)").replace("%1", str(MAX_NEURONS)))
            combo = QComboBox()
            combo.setObjectName(f"playgroundActivation{i + 1}")
            for a in ACTIVATIONS:
                combo.addItem(self.tr("linear") if a == "linear" else a, a)   # the others keep their names
            label = QLabel(self.tr("Layer %1").replace("%1", str(i + 1)))
            line = QHBoxLayout()
            line.addWidget(label)
            line.addWidget(spin)
            line.addWidget(combo, 1)
            w = QWidget()
            w.setLayout(line)
            net.addWidget(w)
            self.neuron_spins.append(spin)
            self.activation_combos.append(combo)
            self._layer_rows.append(w)
            spin.valueChanged.connect(self._edited)
            combo.currentIndexChanged.connect(self._edited)
        self.layer_count.valueChanged.connect(self._show_layer_rows)
        self.layer_count.valueChanged.connect(self._edited)
        self.network_box = QGroupBox(self.tr("Network"))
        self.network_box.setLayout(net)
        # training
        self.learning_rate = setting_spin(S, "learning_rate", "playgroundLearningRate", decimals=4, step=0.01,
                                          within=(0.0001, 10.0))
        self.optimizer = setting_combo(S, "optimizer", "playgroundOptimizer",
                                       {k: tr_engine(o.title) for k, o in OPTIMIZERS.items()})
        self.batch_size = setting_spin(S, "batch_size", "playgroundBatchSize")
        self.regularization = setting_combo(S, "regularization", "playgroundRegularization",
                                            {"none": self.tr("none"), "l1": "L1", "l2": "L2"})
        self.reg_rate = setting_spin(S, "reg_rate", "playgroundRegRate", decimals=4, step=0.001)
        self.dropout = setting_spin(S, "dropout", "playgroundDropout", decimals=2, step=0.05)
        self.seed = setting_spin(S, "seed", "playgroundSeed")
        self.epochs = setting_spin(S, "epochs", "playgroundEpochs")
        self.stop_loss = setting_spin(S, "stop_loss", "playgroundStopLoss", decimals=3, step=0.01)
        self.stop_loss.setSpecialValueText(self.tr("never"))
        train_form = QFormLayout()
        for text, w in ((self.tr("Learning rate"), self.learning_rate), (self.tr("Optimizer"), self.optimizer),
                        (self.tr("Batch size"), self.batch_size), (self.tr("Regularisation"), self.regularization),
                        (self.tr("Its rate"), self.reg_rate), (self.tr("Dropout"), self.dropout),
                        (self.tr("Weights seed"), self.seed), (self.tr("Stop after epochs"), self.epochs),
                        (self.tr("… or test loss below"), self.stop_loss)):
            train_form.addRow(text, w)
        self.train_form = train_form
        train_box = QGroupBox(self.tr("Training"))
        train_box.setLayout(train_form)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for w in (data_box, self.features_box, self.network_box, train_box):
            lay.addWidget(w)
        # where each setting's control is, to read, set and hide it
        self.controls = {"data": self.data, "noise": self.noise, "train_share": self.train_share,
                         "points": self.points, "data_seed": self.data_seed, "learning_rate": self.learning_rate,
                         "optimizer": self.optimizer, "batch_size": self.batch_size,
                         "regularization": self.regularization, "reg_rate": self.reg_rate, "dropout": self.dropout,
                         "seed": self.seed, "epochs": self.epochs, "stop_loss": self.stop_loss}
        for w in self.controls.values():
            (w.currentIndexChanged if isinstance(w, QComboBox) else w.valueChanged).connect(self._edited)
        self.data.currentIndexChanged.connect(lambda i: self._show_data_rows())
        self.set_experiment(Experiment())

    # ---------------------------------------------------------------- reading and setting
    def settings(self) -> PlaygroundSettings:
        values = {name: (w.currentData() if isinstance(w, QComboBox) else w.value())
                  for name, w in self.controls.items()}
        n = self.layer_count.value()
        values["features"] = ",".join(k for k, box in self.feature_boxes.items() if box.isChecked())
        values["layers"] = ",".join(str(self.neuron_spins[i].value()) for i in range(n)) or "none"
        acts = [self.activation_combos[i].currentData() for i in range(n)]
        values["activation"] = acts[0] if acts and len(set(acts)) == 1 else ",".join(acts) or "tanh"
        values["grid"] = S().grid
        return PlaygroundSettings(**values)

    def experiment(self) -> Experiment:
        return Experiment(self.settings(), self.own_points, self.hidden)

    def set_experiment(self, experiment: Experiment) -> None:
        s = experiment.settings
        self._setting = True
        try:
            for name, w in self.controls.items():
                value = getattr(s, name)
                if isinstance(w, QComboBox):
                    w.setCurrentIndex(max(0, w.findData(value)))
                else:
                    w.setValue(value)
            keys = set(s.feature_keys)
            for key, box in self.feature_boxes.items():
                box.setChecked(key in keys)
            sizes, acts = s.hidden_sizes, s.activations
            self.layer_count.setValue(len(sizes))
            for i, (n, a) in enumerate(zip(sizes, acts)):
                self.neuron_spins[i].setValue(n)
                self.activation_combos[i].setCurrentIndex(max(0, self.activation_combos[i].findData(a)))
            self.own_points, self.hidden = tuple(experiment.own_points), tuple(experiment.hidden)
        finally:
            self._setting = False
        self._show_layer_rows()
        self._show_data_rows()
        self.apply_hidden()

    def state(self) -> dict:
        """Plain data for saved settings, presets and the missions' facts."""
        e = self.experiment()
        return {**asdict(e.settings), "points": [list(p) for p in e.own_points], "hidden": list(e.hidden)}

    @staticmethod
    def experiment_from_state(state: dict) -> Experiment:
        state = dict(state)
        return Experiment.from_dict({"settings": {k: v for k, v in state.items() if k not in ("points", "hidden")},
                                     "points": state.get("points", []), "hidden": state.get("hidden", [])})

    # ---------------------------------------------------------------- showing
    def _edited(self, *_) -> None:
        if not self._setting:
            self.changed.emit()

    def _show_layer_rows(self) -> None:
        for i, row in enumerate(self._layer_rows):
            row.setVisible(i < self.layer_count.value())

    def _show_data_rows(self) -> None:
        own = self.data.currentData() == "own"
        for w in (self.new_class, self.clear_points):
            self.data_form.setRowVisible(w, own and "data" not in self.hidden)
        for w in (self.noise, self.points, self.data_seed):
            self.data_form.setRowVisible(w, not own and w not in self._hidden_widgets())

    def _hidden_widgets(self) -> list:
        return [self.controls[name] for name in self.hidden if name in self.controls]

    def apply_hidden(self) -> None:
        """Hide the controls the experiment names in `hidden` (features and layers: their whole boxes)."""
        for name, w in self.controls.items():
            form = self.data_form if self.data_form.indexOf(w) >= 0 else self.train_form
            form.setRowVisible(w, name not in self.hidden)
        self.features_box.setVisible("features" not in self.hidden)
        self.network_box.setVisible(not ({"layers", "activation"} & set(self.hidden)))
        self._show_data_rows()

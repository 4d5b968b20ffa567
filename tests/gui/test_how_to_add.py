"""docs/ARCHITECTURE.md's "How to add …", proved: a throwaway architecture, data source that reads a path, and view
that uses the current model, each added in the one place the document names, and seen everywhere it should be.
(The optimizer and a plain data source: tests/gui/test_registries.py.)"""
import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


@pytest.fixture
def wide_mlp(monkeypatch):
    """An architecture: one `Architecture(...)` entry with a recipe written against the blocks."""
    from tensordesk.engine.models.architectures import ADAM, ARCHITECTURES, Architecture

    def recipe(b):
        inp = b.inputs()
        x = b.dense_block(b.flatten(inp), 24, "fc1")
        x = b.dense_block(x, 12, "fc2")
        return b.model(inp, b.classes(x))

    arch = Architecture("wide-mlp", "Throwaway MLP 784-24-12-10", "Two small hidden layers.", "003", recipe,
                        train_defaults=dict(optimizer=ADAM, learning_rate=3e-3, batch_size=50))
    monkeypatch.setitem(ARCHITECTURES, arch.key, arch)
    return arch


def test_a_new_architecture_reaches_cli_builder_trainer_script_and_window(qtbot, wide_mlp, tiny):
    from tensordesk.engine.models.architectures import build_model, default_spec
    from tensordesk.engine.training.config import default_config
    from tensordesk.engine.training.export import export_script
    from tensordesk.engine.training.trainer import Trainer
    from tensordesk.gui.train.experiment_panel import ExperimentPanel
    from tensordesk.main import build_parser
    assert build_parser().parse_args(["train", "--arch", "wide-mlp"]).arch == "wide-mlp"
    spec = default_spec("wide-mlp")
    model = build_model(spec)
    assert [layer.name for layer in model.layers if layer.weights][:2] == ["fc1", "fc2"]
    assert model.count_params() == 784 * 24 + 24 + 24 * 12 + 12 + 12 * 10 + 10
    config = default_config("wide-mlp", epochs=1, evaluate_test=False)
    assert (config.optimizer, config.learning_rate, config.batch_size) == ("adam", 3e-3, 50)
    result = Trainer(spec, config, tiny).run()
    assert result["state"] == "finished" and result["history"][0]["val_accuracy"] > 0.3
    script = export_script(spec, config, "mnist-embedded").splitlines()
    start = next(i for i, line in enumerate(script) if line.startswith("inputs = keras.Input"))
    end = next(i for i, line in enumerate(script) if line.startswith("model = keras.Model"))
    import keras
    namespace: dict = {"keras": keras, "layers": keras.layers}
    exec("\n".join(script[start:end + 1]), namespace)     # the exported script builds the same network
    assert namespace["model"].count_params() == model.count_params()
    panel = ExperimentPanel()
    qtbot.addWidget(panel)
    index = panel.arch_combo.findData("wide-mlp")
    assert index >= 0 and panel.arch_combo.itemText(index).startswith("Throwaway MLP")
    panel.select(panel.arch_combo, "wide-mlp")
    assert panel.spec().arch == "wide-mlp" and panel.train_settings()["batch_size"] == 50


@pytest.fixture
def npz_source(monkeypatch, embedded):
    """A data source that reads a path: one `register(DataSource(...))` with `path="FILE"`."""
    from tensordesk.engine.data.datasets import SOURCES, DataSource

    def load(path, validation_size=100, seed=0):
        with np.load(path) as f:
            x, y = f["x"], f["y"]
        n = len(x) // 5
        return dataclasses.replace(embedded, name=f"npz:{path}", title=f"NPZ {path}", x_train=x[2 * n:],
                                   y_train=y[2 * n:], x_val=x[n:2 * n], y_val=y[n:2 * n], x_test=x[:n], y_test=y[:n])

    monkeypatch.setitem(SOURCES, "npz", DataSource("npz", "NumPy archive…", load, None, "load_npz({path!r})",
                                                   "the arrays in {path}", path="FILE"))
    return SOURCES["npz"]


def test_a_new_data_source_with_a_path_reaches_cli_loader_script_and_window(qtbot, npz_source, embedded, tmp_path,
                                                                            monkeypatch):
    from tensordesk.engine.data.datasets import load_dataset, parse_source
    from tensordesk.engine.models.architectures import default_spec
    from tensordesk.engine.training.config import default_config
    from tensordesk.engine.training.export import export_script
    from tensordesk.gui.train.experiment_panel import ExperimentPanel
    from tensordesk.main import build_parser
    path = tmp_path / "digits.npz"
    np.savez(path, x=embedded.x_train[:500], y=embedded.y_train[:500])
    spelled = f"npz:{path}"
    assert build_parser().parse_args(["train", "--dataset", spelled]).dataset == spelled
    assert parse_source(spelled)[0] is npz_source
    with pytest.raises(SystemExit):   # the command line says the path is missing
        build_parser().parse_args(["train", "--dataset", "npz"])
    ds = load_dataset(spelled)
    assert (len(ds.x_train), len(ds.x_val), len(ds.x_test)) == (300, 100, 100)
    assert f"load_npz({str(path)!r})" in export_script(default_spec("mlp"), default_config("mlp"), spelled)
    panel = ExperimentPanel()
    qtbot.addWidget(panel)
    index = next(i for i in range(panel.dataset_combo.count())
                 if str(panel.dataset_combo.itemData(i)).startswith("npz"))
    assert panel.dataset_combo.itemText(index).startswith("NumPy archive")
    from PySide6.QtWidgets import QFileDialog
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    panel.dataset_combo.setCurrentIndex(index)          # the user picks it from the list: the window asks for a file
    panel.dataset_combo.activated.emit(index)
    assert panel.dataset_source == spelled and str(path) in panel.dataset_combo.itemText(index)
    panel2 = ExperimentPanel()
    qtbot.addWidget(panel2)
    assert panel2.set_source(spelled) and panel2.dataset_source == spelled   # presets and saved settings


class CurrentModelView(QWidget):
    """A throwaway view: it only names the session's current model and the data set's size."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.label = QLabel("no model")
        QVBoxLayout(self).addWidget(self.label)
        self.models = []
        session.current_model_changed.connect(self._on_model)
        session.dataset_changed.connect(lambda ds: self.label.setText(f"{ds.sizes[0]} training images"))

    def _on_model(self, checkpoint):
        self.models.append(checkpoint)
        self.label.setText("none" if checkpoint is None else checkpoint.meta.get("dataset", "?"))


def test_a_new_view_that_uses_the_current_model_is_one_entry(qtbot, monkeypatch):
    from tensordesk.gui import main_window, menus
    from tensordesk.gui.views import VIEWS, View
    from tensordesk.gui.widgets.view_base import ViewBase

    class ModelNameView(ViewBase, CurrentModelView):
        pass

    entry = View("modelname", "Model name", "Model name view", "Ctrl+Shift+9", lambda session: ModelNameView(session))
    views = VIEWS + (entry,)
    monkeypatch.setattr(main_window, "VIEWS", views)
    monkeypatch.setattr(menus, "VIEWS", views)
    w = main_window.MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.starting, timeout=60000)
    view = w.view("modelname")
    assert w.tabs.tabText(w.tabs.indexOf(view)) == "Model name"
    menu_entry = next(a for a in w.actions() if a.text() == "Model name view")
    assert menu_entry.shortcut().toString() == "Ctrl+Shift+9"
    menu_entry.trigger()
    assert w.tabs.currentWidget() is view
    assert view.models and view.models[-1] is w.session.checkpoint            # the shipped model, at once
    assert view.models[-1].meta.get("shipped")
    w.files.open_shipped()                                                     # another current model
    assert len(view.models) >= 2 and view.models[-1] is w.session.checkpoint
    assert QCoreApplication.translate("views", entry.title) == "Model name"
    w.close()


def test_a_new_lab_with_a_setting_reaches_cli_validation_and_controls(qtbot, monkeypatch, tmp_path, capsys):
    """A lab: its module (settings declared with `setting(...)`, run_headless) and one `Lab(...)` entry."""
    import json
    import sys
    import types
    from dataclasses import dataclass

    from tensordesk.engine.core.errors import ConfigError
    from tensordesk.engine.core.settings import check, setting
    from tensordesk.engine.labs.registry import LABS, Lab
    from tensordesk.gui.widgets.setting_controls import setting_spin
    from tensordesk.main import build_parser, main

    @dataclass(frozen=True)
    class EchoSettings:
        steps: int = setting(3, low=1, high=10, help="how many numbers to count", cli="--steps")
        scale: float = setting(0.5, positive=True, high=2.0, help="each number's factor", cli="--scale",
                               label="the scale")

        def validate(self):
            check(self)
            return self

    module = types.ModuleType("tensordesk.engine.labs.echo")
    module.EchoSettings = EchoSettings
    module.run_headless = lambda settings, listener=None: {"values": [i * settings.scale
                                                                      for i in range(settings.steps)]}
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(LABS, "echo", Lab("echo", "Echo", "counts (a throwaway lab)", "echo", "EchoSettings", "bn"))

    with pytest.raises(SystemExit):
        main(["lab", "echo", "--help"])
    assert "how many numbers to count (1–10; default 3)" in " ".join(capsys.readouterr().out.split())
    assert build_parser().parse_args(["lab", "echo"]).steps == 3
    out = tmp_path / "echo.json"
    assert main(["lab", "echo", "--steps", "4", "--scale", "2", "--json", str(out)]) == 0
    assert json.loads(out.read_text()) == {"values": [0.0, 2.0, 4.0, 6.0]}
    capsys.readouterr()
    with pytest.raises(SystemExit) as bad:
        main(["lab", "echo", "--steps", "11"])
    assert bad.value.code == 2 and "steps must be a whole number from 1 to 10 (got 11)" in capsys.readouterr().err
    with pytest.raises(ConfigError, match="the scale must be a positive number, more than 0 and at most 2"):
        EchoSettings(scale=0.0).validate()
    spin = setting_spin(EchoSettings, "steps", "echoSteps")
    qtbot.addWidget(spin)
    assert (spin.minimum(), spin.maximum(), spin.value()) == (1, 10, 3)

"""One registry per vocabulary: an optimizer or data source added in one place reaches the command line, the
exported script, the trainer and the window's lists."""
import dataclasses

import pytest


@pytest.fixture
def lion(monkeypatch):
    from tensordesk.engine.models.optimizers import OPTIMIZERS, Optimizer
    monkeypatch.setitem(OPTIMIZERS, "lion", Optimizer("lion", "Lion", "Lion"))
    return OPTIMIZERS["lion"]


@pytest.fixture
def tiny_source(monkeypatch, tiny):
    from tensordesk.engine.data.datasets import SOURCES, DataSource

    def load(validation_size=200, seed=0):
        return dataclasses.replace(tiny, name="tiny")
    monkeypatch.setitem(SOURCES, "tiny", DataSource("tiny", "Tiny digits (1,000)", load, 1_000, "load_tiny()",
                                                    "a thousand digits"))
    return SOURCES["tiny"]


def test_a_new_optimizer_reaches_cli_script_trainer_and_window(qtbot, lion):
    from tensordesk.engine.models.architectures import default_spec
    from tensordesk.engine.training.config import default_config
    from tensordesk.engine.training.export import export_script
    from tensordesk.engine.training.steps import make_optimizer
    from tensordesk.gui.train.experiment_panel import ExperimentPanel
    from tensordesk.main import build_parser
    args = build_parser().parse_args(["train", "--arch", "mlp", "--optimizer", "lion"])
    assert args.optimizer == "lion"
    config = default_config("mlp", optimizer="lion", learning_rate=1e-4).validate()
    assert "optimizer = keras.optimizers.Lion(learning_rate)" in export_script(default_spec("mlp"), config,
                                                                                "mnist-embedded")
    import keras
    assert isinstance(make_optimizer(config, 1e-4), keras.optimizers.Lion)
    panel = ExperimentPanel()
    qtbot.addWidget(panel)
    index = panel.optimizer_combo.findData("lion")
    assert index >= 0 and panel.optimizer_combo.itemText(index) == "Lion"


def test_a_new_data_source_reaches_cli_script_loader_and_window(qtbot, tiny_source):
    from tensordesk.engine.data.datasets import known_train_size, load_dataset
    from tensordesk.engine.models.architectures import default_spec
    from tensordesk.engine.training.config import default_config
    from tensordesk.engine.training.export import export_script
    from tensordesk.gui.train.experiment_panel import ExperimentPanel
    from tensordesk.main import build_parser
    assert build_parser().parse_args(["train", "--dataset", "tiny"]).dataset == "tiny"
    script = export_script(default_spec("mlp"), default_config("mlp"), "tiny")
    assert "= load_tiny()" in script and "a thousand digits" in script
    assert load_dataset("tiny").name == "tiny" and known_train_size("tiny") == 1_000
    panel = ExperimentPanel()
    qtbot.addWidget(panel)
    index = panel.dataset_combo.findData("tiny")
    assert index >= 0 and panel.dataset_combo.itemText(index) == "Tiny digits (1,000)"
    panel.dataset_combo.setCurrentIndex(index)
    assert panel.dataset_source == "tiny" and panel.train_size() == 1_000


def test_every_run_state_has_a_word():
    from tensordesk.engine.core.events import RunState
    from tensordesk.gui.names import RUN_STATE_TEXTS
    assert set(RUN_STATE_TEXTS) == {s.value for s in RunState}


def test_every_recordable_names_a_view_and_a_page_it_has(window):
    from tensordesk.gui.recordable import RECORDABLE
    from tensordesk.gui.views import VIEW_KEYS
    from tensordesk.main import build_parser
    for r in RECORDABLE:
        assert r.view in VIEW_KEYS
        view = window.view(r.view)
        view.show_page(r.page)
        assert r.page == 0 or view.currentIndex() == r.page
        args = build_parser().parse_args(["record", "--view", r.name, "--seconds", "1", "--out", "x.gif"])
        assert args.view == r.name

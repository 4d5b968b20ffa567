"""Presets on stage: each shows its page and a banner with its description and data size, starts every run from
the architecture's defaults, and produces the effect it promises (checked on the numbers its runs produce)."""
from tensordesk.engine.core.events import RunState


def preset(name):
    from tensordesk.gui.presets import preset_named
    return preset_named(name)


def run_preset(window, qtbot, name, runs, timeout=240000):
    train = window.view("train")
    ended = []
    train.run_finished.connect(ended.append)
    before = len(train.plots.runs)
    assert window.presets.load(preset(name))
    qtbot.waitUntil(lambda: len(ended) == runs and not train.controller.running and not window.presets.runner.queue,
                    timeout=timeout)
    return [train.plots.runs[i] for i in sorted(train.plots.runs)[before:]], ended


def test_a_lab_preset_shows_its_page_and_a_banner(window, qtbot):
    bn = window.view("bn")
    bn.setCurrentIndex(1)   # the learner was on the MNIST page
    assert window.presets.load(preset("01"))
    assert window.tabs.currentWidget() is bn and bn.currentIndex() == 0
    banner = window.presets.banner
    assert banner.isVisible() and "BN off vs on" in banner.title.text() and "±1" in banner.text.text()
    banner.close_button.click()
    assert not banner.isVisible()
    qtbot.waitUntil(lambda: bn.experiment.controller.running, timeout=30000)
    bn.experiment.toggle_play()


def test_runs_start_from_the_architectures_defaults_and_say_their_data(window, qtbot):
    train = window.view("train")
    train.apply_preset({"arch": "mlp", "optimizer": "sgd", "learning_rate": 0.1, "l2": 0.01, "epochs": 9}, play=False)
    assert window.presets.load(preset("05"))    # MLP vs CNN
    qtbot.waitUntil(lambda: train.controller.running, timeout=20000)
    state = train.panel.state()
    assert (state["optimizer"], state["learning_rate"], state["l2"], state["epochs"]) == ("adam", 0.001, 0.0, 2)
    assert "4,000 images" in train.plots.runs[max(train.plots.runs)].label and "2 epochs" in \
        train.plots.runs[max(train.plots.runs)].label
    assert "4,000" in window.presets.banner.text.text()
    qtbot.waitUntil(lambda: "4,000 of" in window.data_label.text(), timeout=30000)
    with qtbot.waitSignal(train.controller.finished, timeout=60000):
        train.stop_training()
    qtbot.waitUntil(lambda: not train.controller.running, timeout=10000)
    assert "4,000 of" not in window.data_label.text()   # the user's next runs get the whole data set back


def test_learning_rate_too_high_diverges(window, qtbot):
    _, ended = run_preset(window, qtbot, "02", 1)
    assert ended[0].state == RunState.DIVERGED


def test_overfitting_shows_a_gap_that_regularisation_narrows(window, qtbot):
    (plain, regular), ended = run_preset(window, qtbot, "06", 2)
    assert [e.state for e in ended] == [RunState.FINISHED] * 2
    gap = plain.train_acc[-1] - plain.val_acc[-1]
    assert plain.train_acc[-1] > 0.97 and gap > 0.06, (plain.train_acc[-1], plain.val_acc[-1])
    assert regular.train_acc[-1] - regular.val_acc[-1] < gap - 0.05   # augmentation keeps them together
    assert "augmented" in regular.label and "augmented" not in plain.label


def test_transfer_beats_scratch_at_equal_epochs(window, qtbot):
    (base, transfer, scratch), ended = run_preset(window, qtbot, "07", 3)
    assert len(transfer.epochs) == len(scratch.epochs) == 1 and len(base.epochs) == 3
    assert transfer.label != scratch.label != base.label
    assert transfer.val_acc[-1] > scratch.val_acc[-1], (transfer.val_acc, scratch.val_acc)

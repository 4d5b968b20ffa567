"""The pre-trained model that ships with TensorDesk: ready to draw on the first launch."""
import numpy as np
import pytest

from tensordesk.engine.models import checkpoints
from tensordesk.engine.models.checkpoints import SHIPPED_MODEL, load_checkpoint, load_shipped_model
from tensordesk.engine.models.inference import probabilities

# strokes in a unit box, as a student draws them
SEVEN = [(0.25, 0.2), (0.75, 0.2), (0.45, 0.85)]
ZERO = [(0.5, 0.15), (0.3, 0.25), (0.25, 0.5), (0.32, 0.78), (0.5, 0.85), (0.68, 0.78), (0.75, 0.5), (0.68, 0.25),
        (0.5, 0.15)]


def draw(canvas, points):
    from tests.gui.helpers import draw_stroke
    draw_stroke(canvas, points)


def test_the_shipped_model_is_small_accurate_and_an_ordinary_checkpoint(embedded):
    assert SHIPPED_MODEL.is_file() and SHIPPED_MODEL.stat().st_size <= 5_000_000
    plain = load_checkpoint(SHIPPED_MODEL)            # the normal checkpoint path reads it
    shipped = load_shipped_model()
    assert shipped.meta["shipped"] and not plain.meta.get("shipped")
    assert shipped.spec.is_classifier and shipped.class_names == tuple(str(i) for i in range(10))
    accuracy = float(np.mean(probabilities(shipped.model, embedded.x_test.astype(np.float32) / 255).argmax(1)
                             == embedded.y_test))
    assert accuracy >= 0.98
    assert abs(accuracy - shipped.meta["test_accuracy"]) < 0.002   # the accuracy it states is the one it has


def test_first_launch_draws_without_training(qtbot, tmp_path, monkeypatch):
    """An empty home folder, a new window: draw a 7 and a 0 with the mouse and get them classified."""
    monkeypatch.setenv("HOME", str(tmp_path))
    from tensordesk.gui.main_window import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.view("draw").predictor.model is not None, timeout=60000)
    w.show_view("draw")
    assert w.view("train").plots.run_list.count() == 0 and not w.view("train").controller.running
    for points, digit in ((SEVEN, "7"), (ZERO, "0")):
        w.view("draw").canvas.clear()
        draw(w.view("draw").canvas, points)
        qtbot.waitUntil(lambda: w.view("draw").panel.digit.text() != "", timeout=5000)
        assert w.view("draw").panel.digit.text() == digit
    assert "shipped" in w.view("draw").model_label.text() and "98" in w.view("draw").model_label.text()
    # Evaluate works on it like on any model
    assert w.menus.evaluate.isEnabled()
    w.close()


def test_training_replaces_it_and_file_menu_goes_back(window, qtbot):
    assert window.session.checkpoint.meta.get("shipped")
    p = window.view("train").panel
    p.select(p.arch_combo, "softmax")
    p.epochs_spin.setValue(1)
    window.view("train").set_limit(500)
    with qtbot.waitSignal(window.view("train").controller.finished, timeout=120000):
        window.view("train").start_training()
    assert not window.session.checkpoint.meta.get("shipped") and "trained" in window.view("draw").model_label.text()
    qtbot.waitUntil(window.files.shipped_action.isEnabled, timeout=5000)   # once the run has handed back
    window.files.shipped_action.trigger()
    assert window.session.checkpoint.meta.get("shipped") and "shipped" in window.view("draw").model_label.text()


def test_a_failed_run_gives_drawing_back_to_the_shipped_model(window, qtbot):
    p = window.view("train").panel
    p.select(p.arch_combo, "dnn")
    p.select(p.optimizer_combo, "sgd")
    p.epochs_spin.setValue(2)
    p.lr_edit.setText("100")   # diverges
    window.view("train").set_limit(1000)
    with qtbot.waitSignal(window.view("train").controller.finished, timeout=60000) as blocker:
        window.view("train").start_training()
    assert blocker.args[0].state == "diverged"
    assert window.session.checkpoint.meta.get("shipped") and "shipped" in window.view("draw").model_label.text()
    assert window.view("draw").predictor.model is window.session.checkpoint.model


@pytest.mark.parametrize("damage", ["missing", "damaged"])
def test_a_missing_or_damaged_file_starts_as_before_and_says_why(qtbot, tmp_path, monkeypatch, damage):
    bad = tmp_path / "pretrained_digits.tdm"
    if damage == "damaged":
        bad.write_bytes(SHIPPED_MODEL.read_bytes()[:5000])
    monkeypatch.setattr(checkpoints, "SHIPPED_MODEL", bad)
    from tensordesk.gui.main_window import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.starting, timeout=60000)
    qtbot.wait(50)
    assert w.session.checkpoint is None and w.view("draw").no_model.isVisibleTo(w.view("draw"))
    message = w.statusBar().currentMessage()
    assert "shipped model could not be loaded" in message and str(bad) in message
    assert ("is missing from this installation" in message) == (damage == "missing")
    assert w.view("train").start_button.isEnabled()
    w.close()

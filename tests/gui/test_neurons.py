"""Hands inside the network through the real window: the Neurons page's edits, the One-step page and the points
map, on the shipped model (a CNN whose dense layers are fc1 and the output)."""
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


@pytest.fixture
def draw(window, qtbot):
    from tensordesk.engine.data.datasets import load_embedded
    d = load_embedded()
    view = window.view("draw")
    window.show_view("draw")
    i = int(np.flatnonzero(d.y_test == 7)[0])
    view.show_image(d.x_test[i], "a test 7")
    return view


def hover(widget, pos):
    """A mouse move to `pos` (widget coordinates), delivered to the widget itself (QTest.mouseMove goes through the
    cursor's global position, which the offscreen platform maps a few pixels off)."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication
    event = QMouseEvent(QEvent.MouseMove, QPointF(pos), QPointF(widget.mapToGlobal(pos)), Qt.NoButton, Qt.NoButton,
                        Qt.NoModifier)
    QApplication.sendEvent(widget, event)


def _shown(view):
    return np.asarray(view.panel.bars.opts["height"], dtype=np.float64)


def test_neuron_edits_change_the_prediction_and_the_accuracy(window, draw, qtbot, tmp_path):
    from tensordesk.engine.models.checkpoints import load_checkpoint
    from tensordesk.engine.models.inference import probabilities
    panel = draw.neurons
    original = _shown(draw).copy()
    assert original.argmax() == 7
    draw.pages.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.network is not None and panel.base_accuracy is not None, timeout=30000)
    base = window.session.checkpoint.meta["test_accuracy"]
    assert panel.base_accuracy == pytest.approx(base, abs=1e-9)      # the same 2,000 test digits
    assert [u.name for u in panel.grids.layers] == ["fc1", "output"]
    assert not panel.undo_button.isEnabled() and not panel.off_button.isEnabled()

    # click the most active fc1 unit on the grid, as a user would
    active = panel.values["fc1"].outputs
    top = int(np.argmax(active))
    QTest.mouseClick(panel.grids.viewport(), Qt.LeftButton, Qt.NoModifier, panel.grids.unit_position("fc1", top))
    assert panel.selected == ("fc1", top)
    assert f"unit {top}" in panel.unit_title.text()
    assert f"{active[top]:+.4f}".lstrip("+") in panel.unit_numbers.text().replace("+", "")

    # switch off the ten most active units: Draw's probabilities are those of the model with their rows zeroed
    for unit in np.argsort(-active)[:10]:
        panel.select_unit("fc1", int(unit))
        QTest.mouseClick(panel.off_button, Qt.LeftButton)
    assert len(panel.network.edits) == 10 and panel.edit_list.count() == 10
    from tensordesk.engine.inspection.surgery import copy_model
    by_hand = copy_model(window.session.checkpoint.model)
    kernel = by_hand.get_layer("output").kernel.numpy()
    kernel[np.argsort(-active)[:10], :] = 0.0
    by_hand.get_layer("output").kernel.assign(kernel)
    expected = probabilities(by_hand, draw._processed[None])[0]
    np.testing.assert_allclose(_shown(draw), expected, atol=1e-5)
    assert not np.allclose(_shown(draw), original, atol=1e-3)
    assert "edited (10)" in draw.model_label.text()
    # the current model itself is untouched
    np.testing.assert_allclose(probabilities(window.session.checkpoint.model, draw._processed[None])[0], original,
                               atol=1e-6)

    # temperature 10 flattens the probabilities; undo brings them back
    before_t = _shown(draw).copy()
    panel.temperature_spin.setValue(10.0)
    assert _shown(draw).max() < before_t.max()
    QTest.mouseClick(panel.undo_button, Qt.LeftButton)
    np.testing.assert_allclose(_shown(draw), before_t, atol=1e-6)
    assert panel.temperature_spin.value() == 1.0

    # prune 90% of the whole network: the accuracy is measured again in the background, and falls
    panel.prune_spin.setValue(95.0)
    QTest.mouseClick(panel.prune_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "before the edits" in panel.accuracy_label.text() and not panel.job.running,
                    timeout=30000)
    assert panel.accuracy < base
    assert f"{panel.accuracy:.1%}" in panel.accuracy_label.text()

    # save the edited network: a new model that says what was edited
    assert panel.save_button.isEnabled()
    assert window.files.save_edited(str(tmp_path / "edited.tdm"), panel.network, panel.accuracy)
    saved = load_checkpoint(tmp_path / "edited.tdm")
    assert len(saved.meta["edits"]) == 11 and saved.meta["edits"][-1].startswith("Pruned the 95%")
    np.testing.assert_allclose(probabilities(saved.model, draw._processed[None])[0], _shown(draw), atol=1e-5)

    # reset: back to the model as it was
    QTest.mouseClick(panel.reset_button, Qt.LeftButton)
    np.testing.assert_allclose(_shown(draw), original, atol=1e-6)
    assert panel.edit_list.count() == 0 and not panel.reset_button.isEnabled()
    assert "edited" not in draw.model_label.text()


def test_edits_wait_while_a_model_trains(window, draw, qtbot):
    panel = draw.neurons
    draw.pages.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.network is not None, timeout=30000)
    panel.select_unit("fc1", 3)
    QTest.mouseClick(panel.off_button, Qt.LeftButton)
    assert panel.edited_model is not None
    draw.training_live = True                      # what the Train view sets while a run goes
    assert panel.network is None and draw.predictor.edited is None
    assert not panel.prune_button.isEnabled() and not panel.temperature_spin.isEnabled()
    assert not panel.apply("off")
    draw.training_live = False


def test_one_step_page_numbers_and_hover(window, draw, qtbot):
    from tensordesk.gui.draw.step_panel import COLUMNS
    page = draw.step
    draw.pages.setCurrentWidget(page)
    keys = [k for k, _ in COLUMNS]
    col = keys.index("probabilities")
    qtbot.waitUntil(lambda: page.table.item(7, col) is not None)
    shown = np.array([float(page.table.item(r, col).text()) for r in range(10)])
    np.testing.assert_allclose(shown, _shown(draw), rtol=1e-3, atol=1e-4)
    page.label_combo.setCurrentIndex(3)           # the loss for the label 3
    assert page.step.label == 3 and page.step.loss == pytest.approx(-np.log(page.step.probabilities[3]))
    assert "p[3]" in page.sums.text()
    # hovering p[5] selects exp[5] and every exp (the sum)
    rect = page.table.visualItemRect(page.table.item(5, col))
    hover(page.table.viewport(), rect.center())
    qtbot.waitUntil(lambda: len(page.table.selectedItems()) > 0)
    selected = {(i.row(), i.column()) for i in page.table.selectedItems()}
    assert selected == {(r, keys.index("exps")) for r in range(10)}
    assert page.image_titles["w"].text == "W[:, 5]" and page.hovered_class == 5


def test_points_map_hover_and_click(window, draw, qtbot):
    page = draw.points
    draw.pages.setCurrentWidget(page)
    assert page.layer_combo.currentData() == "fc1_act"
    page.method_combo.setCurrentIndex(page.method_combo.findData("pca"))
    QTest.mouseClick(page.compute_button, Qt.LeftButton)
    assert not page.compute_button.isEnabled()
    qtbot.waitUntil(lambda: page.result is not None and not page.job.running, timeout=60000)
    r = page.result
    assert r.points.shape == (2000, 2) and page.compute_button.isEnabled()
    assert len(page.scatters) == 10
    # hover the point of test digit 42, then click it: it goes on the canvas
    page.plot.resize(600, 500)
    qtbot.wait(50)
    vb = page.plot.getViewBox()
    pos = page.plot.mapFromScene(vb.mapViewToScene(__import__("pyqtgraph").Point(*map(float, r.points[42]))))
    hover(page.plot.viewport(), pos)
    qtbot.waitUntil(lambda: page.hovered is not None)
    i = page.hovered
    assert i == 42 or np.allclose(r.points[i], r.points[42], atol=1e-3)    # (or a digit on the same spot)
    assert f"#{i}" in page.preview_label.text()
    draw.canvas.clear()
    QTest.mouseClick(page.plot.viewport(), Qt.LeftButton, Qt.NoModifier, pos)
    qtbot.waitUntil(lambda: not draw.canvas.is_empty())


def test_a_keras_file_from_elsewhere_draws_evaluates_and_exports(window, qtbot, tmp_path):
    """File → Open on a .keras built with plain Keras: Draw classifies with it, Neurons shows its units, Evaluate
    runs; File → Export model writes .keras and .tflite; My digits says why it cannot fine-tune it."""
    import keras

    from tensordesk.engine.data.datasets import load_embedded
    d = load_embedded()
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(10, activation="softmax")])
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(d.x_train[:3000, :, :, None] / 255.0, d.y_train[:3000], epochs=3, verbose=0)
    model.save(tmp_path / "theirs.keras")
    assert window.files.open_model(str(tmp_path / "theirs.keras"))
    assert window.session.checkpoint.foreign and window.view("draw").model_label.text().endswith("theirs.keras")
    i = int(np.flatnonzero(d.y_test == 3)[0])
    window.view("draw").show_image(d.x_test[i], "a 3")
    assert _shown(window.view("draw")).argmax() == 3
    window.view("draw").pages.setCurrentWidget(window.view("draw").neurons)
    qtbot.waitUntil(lambda: window.view("draw").neurons.base_accuracy is not None, timeout=30000)
    assert [u.units for u in window.view("draw").neurons.grids.layers] == [32, 10]
    window.session.jobs.evaluate()
    view = window.view("evaluate")
    qtbot.waitUntil(lambda: view.evaluation is not None and not window.session.jobs.running, timeout=60000)
    assert view.evaluation.accuracy == pytest.approx(window.view("draw").neurons.base_accuracy, abs=1e-9)
    assert window.files.export_model_action.isEnabled()
    assert window.files.export_model(str(tmp_path / "back.keras"))
    assert window.files.export_model(str(tmp_path / "phone.tflite"))
    assert (tmp_path / "phone.tflite").stat().st_size > 10_000
    again = keras.saving.load_model(tmp_path / "back.keras")
    assert again.input_shape == (None, 28, 28)
    tuning = window.view("mydigits").tuning
    assert "Keras file" in tuning.hint.text() and not tuning.tune_button.isEnabled()


def test_a_keras_file_lends_its_layers_to_transfer_learning(window, qtbot, tmp_path):
    """Train → Reuse layers of a saved model, given a .keras from elsewhere: its hidden layer is kept frozen, a
    new output is trained, and the result is named after the file and saved as .keras."""
    import keras

    from tensordesk.engine.data.datasets import load_embedded
    d = load_embedded()
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(48, activation="relu", name="features"),
                              keras.layers.Dense(10, name="scores")])
    model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(d.x_train[:2000].reshape(-1, 784) / 255.0, d.y_train[:2000], epochs=2, verbose=0)
    model.save(tmp_path / "features.keras")
    train, panel = window.view("train"), window.view("train").panel
    assert panel.set_transfer_model(str(tmp_path / "features.keras"))
    assert panel.transfer_box.layers == ["features"] and "features.keras" in panel.transfer_box.label.text()
    assert panel.transfer() == (str(tmp_path / "features.keras"), 1, True)
    assert "features.keras + new output" in panel.run_label()
    train.set_limit(1000)
    panel.apply_state({"epochs": 1, "batch_size": 100, "optimizer": "adam", "learning_rate": 0.01})
    trained = []
    window.session.current_model_changed.connect(trained.append)
    train.start_training()
    qtbot.waitUntil(lambda: bool(trained) and not train.controller.running, timeout=120000)
    ck = trained[0]
    assert ck.foreign and "features.keras" in ck.meta["keras_file"] and ck.meta["test_accuracy"] > 0.5
    kept = ck.model.get_layer("features").get_weights()[0]
    np.testing.assert_allclose(kept, model.get_layer("features").get_weights()[0], atol=1e-6)   # frozen
    assert window.files.save_model(str(tmp_path / "mine.tdm"))
    assert (tmp_path / "mine.keras").exists()      # no spec describes it: it is kept as a Keras file


def test_numbers_a_class_reads_right(window, draw, qtbot):
    """One step starts at the predicted digit and never shows L = -0.0000; a switched-off unit says it is off."""
    from tensordesk.gui.draw.step_panel import _loss_text
    assert _loss_text(-1e-12) == "0.0000" and _loss_text(0.5) == "0.5000"
    page = draw.step
    draw.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.step is not None)
    assert page.step.label == 7 and page.label_combo.currentIndex() == 7 and "-0.0000" not in page.sums.text()
    page.label_combo.setCurrentIndex(2)                       # a label chosen by hand stays for this drawing
    assert page.step.label == 2
    from tensordesk.engine.data.datasets import load_embedded
    d = load_embedded()
    draw.show_image(d.x_test[int(np.flatnonzero(d.y_test == 1)[0])], "a test 1")   # a new drawing follows again
    qtbot.waitUntil(lambda: page.step is not None and page.step.label == 1)
    panel = draw.neurons
    draw.pages.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.network is not None and panel.values is not None, timeout=30000)
    panel.select_unit("fc1", 0)
    assert "switched off" not in panel.unit_numbers.text()
    QTest.mouseClick(panel.off_button, Qt.LeftButton)
    panel.select_unit("fc1", 0)
    assert "switched off: the next layer gets 0" in panel.unit_numbers.text()

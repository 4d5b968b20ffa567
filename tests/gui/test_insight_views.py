import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest


def test_evaluate_a_loaded_model_click_a_cell_and_send_an_image_to_the_canvas(window, qtbot, tmp_path, tiny):
    from tensordesk.engine.models.architectures import default_spec
    from tensordesk.engine.models.checkpoints import save_checkpoint
    from tensordesk.engine.training.config import default_config
    from tensordesk.engine.training.trainer import Trainer
    view = window.view("evaluate")
    assert view.evaluate_button.isEnabled()      # the shipped model can be evaluated at once
    window.session.use_model(None)
    assert not view.evaluate_button.isEnabled()  # nothing to evaluate
    window.session.jobs.evaluate()
    assert "no classifier" in view.summary.text()
    spec = default_spec("softmax")
    trainer = Trainer(spec, default_config("softmax", epochs=1), tiny)
    trainer.run()
    path = save_checkpoint(tmp_path / "s.tdm", trainer.model, spec,
                           meta={"dataset": "mnist-embedded", "class_names": list("0123456789")})
    assert window.files.open_model(str(path))
    assert view.evaluate_button.isEnabled()
    QTest.keyClick(window, Qt.Key_E, Qt.ControlModifier)  # the shortcut starts it
    qtbot.waitUntil(lambda: view.evaluation is not None, timeout=60000)
    qtbot.waitUntil(lambda: not window.session.jobs.evaluation.running, timeout=10000)
    assert window.tabs.currentWidget() is view
    e = view.evaluation
    assert e.n == 2000 and e.confusion.sum() == 2000  # the embedded test split
    assert view.progress.value() == view.progress.maximum()
    assert f"{e.accuracy:.2%}" in view.summary.text()
    assert view.confusion.image.image.shape == (10, 10)
    assert len(view.confusion._texts) == int((e.confusion > 0).sum())
    np.testing.assert_allclose(view.bars.opts["height"], [100 * a for a in e.per_class_accuracy])
    assert view.wrong_gallery.items.rowCount() == min(60, int((e.predicted != e.labels).sum()))
    # click the cell (true 4, predicted 9) in the plot
    off = e.confusion.copy()
    np.fill_diagonal(off, 0)
    r, c = np.unravel_index(int(np.argmax(off)), off.shape)
    vb = view.confusion.getViewBox()
    scene = vb.mapViewToScene(QPointF(c + 0.5, r + 0.5))
    assert view.confusion.cell_at(scene) == (r, c)
    viewport = view.confusion.viewport()
    QTest.mouseClick(viewport, Qt.LeftButton, Qt.NoModifier, view.confusion.mapFromScene(scene))  # a real click
    qtbot.waitUntil(lambda: view.cell_gallery.items.rowCount() == off[r, c], timeout=3000)
    assert view.cell_gallery.items.rowCount() == off[r, c]
    first = view.cell_gallery.items.item(0)
    i = first.data(Qt.UserRole)
    assert e.labels[i] == r and e.predicted[i] == c
    # a click on a thumbnail puts that test image on the canvas and shows the Draw tab
    view.cell_gallery.clicked.emit(view.cell_gallery.items.index(0, 0))
    assert window.tabs.currentWidget() is window.view("draw")
    assert not window.view("draw").canvas.is_empty()
    assert str(i) in window.statusBar().currentMessage()


def test_inside_the_network_follows_the_drawing(window, qtbot, tmp_path, tiny):
    from tensordesk.engine.models.architectures import build_model, default_spec
    from tensordesk.engine.models.checkpoints import save_checkpoint
    from tensordesk.gui.draw.insight_panel import mosaic
    draw = window.view("draw")
    spec = default_spec("cnn-compact")
    path = save_checkpoint(tmp_path / "c.tdm", build_model(spec, seed=0), spec)
    assert window.files.open_model(str(path))
    window.tabs.setCurrentWidget(draw)
    QTest.keyClick(window, Qt.Key_I, Qt.ControlModifier)
    assert draw.pages.currentWidget() is draw.insight
    draw.canvas.set_array(tiny.x_test[0])
    qtbot.waitUntil(lambda: draw.insight.input_item.image is not None, timeout=5000)
    ins = draw.insight
    assert ins.sal_item.image.shape == (28, 28) and np.abs(ins.sal_item.image).max() > 0
    assert set(ins.maps_items) == {"conv1", "conv2"}
    conv1 = ins.maps_items["conv1"].image
    assert conv1.shape == (6 * 29 - 1, 6 * 29 - 1)  # 32 maps of 28×28 in a 6×6 grid, 1 px apart
    assert ins.filters_item.image.shape == (6 * 4 - 1, 6 * 4 - 1)
    before = conv1.copy()
    draw.canvas.set_array(tiny.x_test[1])  # another digit: the maps follow
    qtbot.waitUntil(lambda: not np.array_equal(ins.maps_items["conv1"].image, before), timeout=5000)
    draw.canvas.clear()
    qtbot.waitUntil(lambda: ins.input_item.image is None, timeout=5000)
    # a dense model: saliency still, no maps, and a sentence saying why
    spec = default_spec("mlp")
    assert window.files.open_model(str(save_checkpoint(tmp_path / "m.tdm", build_model(spec, seed=0), spec)))
    draw.canvas.set_array(tiny.x_test[0])
    qtbot.waitUntil(lambda: "no convolution layers" in ins.note.text(), timeout=5000)
    assert ins.maps_items == {} and ins.sal_item.image.shape == (28, 28)
    QTest.keyClick(window, Qt.Key_I, Qt.ControlModifier)  # again: back to the probabilities
    assert draw.pages.currentWidget() is draw.panel
    tiles = mosaic(np.stack([np.zeros((2, 2)), np.ones((2, 2)), np.arange(4.0).reshape(2, 2)]))
    assert tiles.shape == (5, 5)
    np.testing.assert_allclose(tiles[3:, :2], [[0, 1 / 3], [2 / 3, 1]], rtol=1e-6)


def test_code_space_places_digits_decodes_clicks_and_follows_training(window, qtbot, tmp_path, tiny):
    from PySide6.QtCore import QPointF

    from tensordesk.engine.models.architectures import build_model, default_spec
    from tensordesk.engine.models.checkpoints import save_checkpoint
    from tests.gui.helpers import choose
    draw = window.view("draw")
    space = draw.code_space
    spec = default_spec("mlp")
    assert window.files.open_model(str(save_checkpoint(tmp_path / "m.tdm", build_model(spec, seed=0), spec)))
    window.tabs.setCurrentWidget(draw)
    draw.pages.setCurrentWidget(space)
    assert "classifier" in space.note.text() and space.codes is None
    # train the autoencoder from the Train tab while its code space is on screen
    choose(window, "autoencoder", epochs=3, limit=600)
    window.tabs.setCurrentWidget(draw)
    seen = []
    with qtbot.waitSignal(window.view("train").controller.finished, timeout=120000):
        window.view("train").start_training()
        while window.view("train").controller.running:
            qtbot.wait(200)
            if space.codes is not None:
                seen.append(space.codes.copy())
    qtbot.waitUntil(lambda: not window.view("train").controller.running, timeout=10000)
    assert len(seen) >= 2 and not np.allclose(seen[0], seen[-1])  # the codes moved while it trained
    assert space.codes.shape == (2000, 2)  # the run's test split (the limit applies to training only)
    points = sum(len(s.data) for s in space.scatters)
    assert points == len(space.codes) and len(space.scatters) == len(set(space.labels.tolist()))
    # a click in the plane decodes that point
    vb = space.plot.getViewBox()
    cx, cy = space.codes[:, 0].mean(), space.codes[:, 1].mean()
    # the last codes may have just arrived: click once the plane shows them, as a user would
    qtbot.waitUntil(lambda: vb.viewRect().contains(QPointF(cx, cy)), timeout=5000)
    qtbot.wait(50)
    got = []
    space.decoded.connect(got.append)
    QTest.mouseClick(space.plot.viewport(), Qt.LeftButton, Qt.NoModifier,
                     space.plot.mapFromScene(vb.mapViewToScene(QPointF(cx, cy))))  # a real click on the plane
    qtbot.waitUntil(lambda: len(got) == 1, timeout=3000)
    assert got[0].shape == (28, 28) and space.decoded_item.image is not None
    assert space.click_mark.data["x"][0] == pytest.approx(cx, abs=0.05 * float(np.ptp(space.codes[:, 0])))
    assert vb.mapSceneToView(vb.mapViewToScene(QPointF(cx, cy))).x() == pytest.approx(cx, rel=1e-3)
    # the drawn digit's code is marked with a star
    draw.canvas.set_array(tiny.x_test[0])
    qtbot.waitUntil(lambda: len(space.canvas_mark.data) == 1, timeout=5000)


def test_loss_landscape_of_the_run_just_trained(window, qtbot, tmp_path):
    from tests.gui.helpers import choose
    view = window.view("landscape")
    assert view.compute_button.isEnabled()   # the shipped model has a landscape too
    choose(window, "mlp", epochs=2, limit=640)
    with qtbot.waitSignal(window.view("train").controller.finished, timeout=120000) as done:
        window.view("train").start_training()
    assert done.args[0].state == "finished"
    qtbot.waitUntil(lambda: not window.view("train").controller.running, timeout=10000)
    assert window.session.checkpoint.trajectory.shape[0] == 9  # the start and 4 points an epoch
    view.grid_spin.setValue(5)
    view.images_spin.setValue(200)
    view.directions_combo.setCurrentIndex(view.directions_combo.findData("pca"))
    QTest.keyClick(window, Qt.Key_L, Qt.ControlModifier)
    qtbot.waitUntil(lambda: view.landscape is not None, timeout=60000)
    qtbot.waitUntil(lambda: not window.session.jobs.landscape.running, timeout=10000)
    assert window.tabs.currentWidget() is view
    land = view.landscape
    assert view.image.image.shape == (5, 5) and land.directions == "pca"
    np.testing.assert_allclose(view.image.image, land.loss.T)
    x, y = view.path.getData()
    assert len(x) == 9 and abs(x[-1]) < 1e-5 and abs(y[-1]) < 1e-5  # the path ends at the centre star
    assert len(view.isocurves) == 6 and "training path" in view.summary.text()
    assert view.compute_button.isEnabled() and view.progress.value() == view.progress.maximum()
    # the path travels with the saved model
    assert window.files.save_model(str(tmp_path / "m.tdm"))
    from tensordesk.engine.models.checkpoints import load_checkpoint
    np.testing.assert_array_equal(load_checkpoint(tmp_path / "m.tdm").trajectory, window.session.checkpoint.trajectory)


def test_transfer_learning_from_the_panel_reuses_and_freezes_layers(window, qtbot, tmp_path, tiny):
    from tensordesk.engine.models.architectures import default_spec
    from tensordesk.engine.models.checkpoints import load_checkpoint, save_checkpoint
    from tensordesk.engine.training.config import default_config
    from tensordesk.engine.training.trainer import Trainer
    from tests.gui.helpers import choose
    spec = default_spec("dnn")
    base = Trainer(spec, default_config("dnn", epochs=1, batch_size=50), tiny)
    base.run()
    path = save_checkpoint(tmp_path / "base.tdm", base.model, spec)
    p = window.view("train").panel
    p.transfer_box.setChecked(True)
    assert not window.view("train").start_button.isEnabled()  # transfer on, but no model chosen yet
    assert not p.set_transfer_model(str(tmp_path / "missing.tdm")) and "missing" in p.transfer_box.label.text()
    assert p.set_transfer_model(str(path))
    assert p.arch == "dnn" and p.transfer_box.layers == ["hidden1", "hidden2", "hidden3", "hidden4"]
    p.transfer_box.keep_spin.setValue(3)
    choose(window, "dnn", epochs=1, limit=500)
    assert window.view("train").start_button.isEnabled() and "reuses 3 layers (frozen)" in p.run_label()
    with qtbot.waitSignal(window.view("train").controller.finished, timeout=120000) as done:
        window.view("train").start_training()
    assert done.args[0].state == "finished"
    qtbot.waitUntil(lambda: not window.view("train").controller.running, timeout=10000)
    trained = window.session.checkpoint.model
    saved = load_checkpoint(path).model
    for name in ("hidden1", "hidden2", "hidden3"):  # reused and frozen: exactly the saved weights
        np.testing.assert_array_equal(trained.get_layer(name).get_weights()[0], saved.get_layer(name).get_weights()[0])
    assert not np.array_equal(trained.get_layer("hidden4").get_weights()[0],
                              saved.get_layer("hidden4").get_weights()[0])
    assert "reuses 3 layers" in window.view("train").plots.run_list.item(window.view("train").plots.run_list.count() - 1).text()


def test_a_run_can_write_a_tensorboard_log(window, qtbot, tmp_path):
    from tests.gui.helpers import choose
    p = window.view("train").panel
    p.log_dir = str(tmp_path / "tb")
    p.log_check.setChecked(True)
    choose(window, "softmax", epochs=1, limit=300)
    with qtbot.waitSignal(window.view("train").controller.finished, timeout=120000) as done:
        window.view("train").start_training()
    assert done.args[0].state == "finished"
    qtbot.waitUntil(lambda: not window.view("train").controller.running, timeout=10000)
    logs = list((tmp_path / "tb").glob("*-softmax/events.out.tfevents.*"))
    assert len(logs) == 1 and logs[0].stat().st_size > 0
    assert "tensorboard --logdir" in window.view("train").message_label.text() and str(tmp_path / "tb") in window.view("train").message_label.text()


def test_histograms_over_time_follow_the_run(window, qtbot):
    from tests.gui.helpers import choose
    view = window.view("histograms")
    window.view("train").histogram_every = 4
    window.tabs.setCurrentWidget(view)
    choose(window, "mlp", epochs=2, limit=640)  # batch 32: 20 steps an epoch → events at steps 4, 8, …, 40
    with qtbot.waitSignal(window.view("train").controller.finished, timeout=120000):
        window.view("train").start_training()
    qtbot.waitUntil(lambda: not window.view("train").controller.running, timeout=10000)
    keys = [view.layer_list.item(i).data(Qt.UserRole) for i in range(view.layer_list.count())]
    assert set(keys) == {("hidden1", "weights"), ("output", "weights"), ("hidden1_act", "activations")}
    entry = view.history[("hidden1", "weights")]
    assert entry["steps"] == list(range(4, 41, 4))
    view.layer_list.setCurrentRow(keys.index(("hidden1_act", "activations")))
    latest = view.history[("hidden1_act", "activations")]["latest"]
    qtbot.waitUntil(lambda: view.current_curve.getData()[1] is not None and
                    np.array_equal(view.current_curve.getData()[1], latest.counts), timeout=3000)
    steps, median = view.median.getData()
    low, high = view._edges[0][0].getData()[1], view._edges[0][1].getData()[1]
    assert list(steps) == list(range(4, 41, 4)) and (low <= median).all() and (median <= high).all()
    assert latest.counts.sum() == 256 * 500
    assert latest.percentiles([0])[0] >= 0  # ReLU activations: nothing below zero


def test_export_the_experiment_as_a_script(window, tmp_path):
    from tests.gui.helpers import choose
    choose(window, "cnn-compact", epochs=7, lr=0.002)
    window.view("train").panel.bn_check.setChecked(True)
    path = tmp_path / "exp.py"
    assert window.files.export_script(str(path))
    text = path.read_text()
    compile(text, str(path), "exec")
    assert "batch_size, epochs = 64, 7" in text and "keras.optimizers.Adam(learning_rate)" in text
    assert "learning_rate = 0.002" in text and 'BatchNormalization(name="conv1_bn")' in text
    assert str(path) in window.statusBar().currentMessage()


def test_presentation_mode_scales_text_and_lines_and_themes_the_plots(window, qtbot):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from tests.gui.helpers import choose
    app = QApplication.instance()
    base = app.font().pointSizeF()
    choose(window, "softmax", epochs=1, limit=200)
    with qtbot.waitSignal(window.view("train").controller.finished, timeout=60000):
        window.view("train").start_training()
    qtbot.waitUntil(lambda: not window.view("train").controller.running, timeout=10000)
    curve = window.view("train").plots.runs[1].items["smooth"]
    assert curve.opts["pen"].widthF() == 2
    QTest.keyClick(window, Qt.Key_F11)          # presentation mode: full screen, 150%
    assert window.lecture.presentation_action.isChecked() and window.lecture.presentation.scale == 150
    assert app.font().pointSizeF() == base * 1.5 and curve.opts["pen"].widthF() == 3
    window.lecture.scale_actions[250].trigger()
    assert app.font().pointSizeF() == base * 2.5 and curve.opts["pen"].widthF() == 5
    assert window.view("train").plots.loss_plot.getAxis("left").style["tickFont"].pointSizeF() == base * 2.5
    window.lecture.theme_actions["dark"].trigger()
    assert app.palette().color(QPalette.Window).lightness() < 40
    assert window.view("train").plots.loss_plot.backgroundBrush().color().lightness() < 40
    QTest.keyClick(window, Qt.Key_F11)          # and back, with the normal scale
    assert not window.lecture.presentation_action.isChecked() and app.font().pointSizeF() == base
    assert window.settings.value("view/presentationScale") in (250, "250")
    window.lecture.theme_actions["light"].trigger()


def test_the_code_space_says_when_the_digits_still_lie_together(qtbot):
    from tensordesk.gui.draw.code_space import CodeSpacePanel
    space = CodeSpacePanel()
    qtbot.addWidget(space)
    rng = np.random.default_rng(0)
    space.labels, space.class_names = np.repeat(np.arange(10), 50), tuple("0123456789")
    space.codes = rng.normal(0, 0.01, (500, 2))                                  # one dot
    assert not space.spread_out()
    space.codes = rng.normal(0, 0.3, (500, 2)) + np.repeat(rng.normal(0, 3, (10, 2)), 50, axis=0)   # apart
    assert space.spread_out()


def test_click_a_feature_map_pixel_to_see_its_convolution_worked_out(window, qtbot, tmp_path, tiny):
    from PySide6.QtCore import QPointF

    from tensordesk.engine.inspection.insight import feature_maps
    draw = window.view("draw")
    window.tabs.setCurrentWidget(draw)   # the shipped model (compact CNN: conv1 28×28×32, conv2 14×14×64, pool3)
    QTest.keyClick(window, Qt.Key_I, Qt.ControlModifier)
    draw.canvas.set_array(tiny.x_test[0])
    ins = draw.insight
    qtbot.waitUntil(lambda: "conv2" in ins.maps_items and ins.maps_items["conv2"].image is not None, timeout=10000)
    assert not ins.conv_step.products.isVisible() and "Click a pixel" in ins.conv_step.title.text()
    # map 9 of conv2 sits in tile row 1, column 1 of an 8-wide mosaic; its pixel (row 5, column 6)
    item = ins.maps_items["conv2"]
    x, y = 1 * 15 + 6 + 0.5, 1 * 15 + 5 + 0.5
    view = ins.maps_view
    at = view.mapFromScene(item.mapToScene(QPointF(x, y)))
    landed = item.mapFromScene(view.mapToScene(at))      # a screen pixel may cover more than one map pixel
    row, col = int(landed.y()) - 15, int(landed.x()) - 15
    assert abs(row - 5) <= 1 and abs(col - 6) <= 1
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, at)
    qtbot.waitUntil(lambda: ins.conv_step.step is not None, timeout=5000)
    step = ins.conv_step.step
    assert (step.layer, step.channel, step.row, step.col) == ("conv2", 9, row, col)
    shown = feature_maps(window.session.checkpoint.model, ins.input_item.image)[1].maps[row, col, 9]
    assert abs(step.value - float(shown)) < 1e-5 and abs(step.value - step.keras_value) < 1e-5
    panel = ins.conv_step
    assert panel.products.rowCount() == 3 and panel.products.columnCount() == 3
    assert panel.channel_spin.maximum() == 31                    # conv1's 32 maps are its input channels
    assert "conv2, map 9" in panel.title.text() and "Keras computes" in panel.sums.text()
    assert "pool3" in panel.pool_note.text() and panel.pool.rowCount() == 2
    # the products of one channel are that channel's patch times its kernel, as the tables show them
    ch = panel.channel_spin.value()
    np.testing.assert_allclose(step.products[:, :, ch], step.patch[:, :, ch] * step.kernel[:, :, ch], rtol=1e-6)
    assert panel.products.item(1, 2).text() == f"{float(step.products[1, 2, ch]) + 0.0:.2g}"
    # hovering a product selects the input pixel and the weight it comes from
    panel.products.cellEntered.emit(2, 0)
    assert panel.patch.currentRow() == 2 and panel.patch.currentColumn() == 0
    assert panel.kernel.currentRow() == 2 and panel.kernel.currentColumn() == 0
    panel.channel_spin.setValue((ch + 1) % 32)
    assert panel.kernel.item(0, 0).text() == f"{float(step.kernel[0, 0, (ch + 1) % 32]) + 0.0:.2g}"
    # another digit: the same pixel, worked out again for it
    draw.canvas.set_array(tiny.x_test[1])
    qtbot.waitUntil(lambda: ins.conv_step.step is not step, timeout=5000)
    assert (ins.conv_step.step.layer, ins.conv_step.step.row, ins.conv_step.step.col) == ("conv2", row, col)

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton


def curve_points(plot: pg.PlotWidget) -> int:
    return max((len(item.xData) for item in plot.listDataItems() if item.xData is not None), default=0)


def choose(window, arch, epochs=1, limit=1000, lr=None, optimizer=None):
    p = window.train.panel
    p.select(p.arch_combo, arch)
    p.epochs_spin.setValue(epochs)
    if lr is not None:
        p.lr_edit.setText(str(lr))
    if optimizer is not None:
        p.select(p.optimizer_combo, optimizer)
    window.train.set_limit(limit)


def draw_stroke(canvas, points):
    r = canvas.rect()
    pts = [QPoint(int(r.width() * x), int(r.height() * y)) for x, y in points]
    QTest.mousePress(canvas, Qt.LeftButton, Qt.NoModifier, pts[0])
    for a, b in zip(pts, pts[1:]):
        for t in np.linspace(0, 1, 8)[1:]:
            QTest.mouseMove(canvas, QPoint(int(a.x() + (b.x() - a.x()) * t), int(a.y() + (b.y() - a.y()) * t)))
    QTest.mouseRelease(canvas, Qt.LeftButton, Qt.NoModifier, pts[-1])


def test_object_names_and_initial_state(window):
    for name, cls in (("digitCanvas", None), ("clearButton", QPushButton), ("predictedDigit", QLabel),
                      ("probabilityBars", pg.PlotWidget), ("processedDigit", QLabel), ("archCombo", None),
                      ("startButton", QPushButton), ("stopButton", QPushButton), ("lossPlot", pg.PlotWidget),
                      ("accuracyPlot", pg.PlotWidget)):
        w = window.findChild(cls or object, name)
        assert w is not None, name
    assert window.train.start_button.isEnabled() and not window.train.stop_button.isEnabled()
    assert not window.train.pause_button.isEnabled()
    assert "parameters" in window.train.panel.params_label.text()
    assert window.device_label.text().startswith(("CPU", "GPU"))
    # nothing trained or opened yet: Draw has the shipped model, and the Train tab has no runs
    assert not window.draw.no_model.isVisibleTo(window.draw) and window.draw.panel.digit.text() == ""
    assert "shipped model" in window.draw.model_label.text()
    assert window.current_model.meta["shipped"] and window.train.plots.run_list.count() == 0


def test_train_from_the_ui_curves_arrive_then_draw(window, qtbot):
    choose(window, "mlp", epochs=2, limit=3000)
    window.train.panel.batch_spin.setValue(64)
    with qtbot.waitSignal(window.train.controller.finished, timeout=120000) as blocker:
        qtbot.mouseClick(window.train.start_button, Qt.LeftButton)
        assert not window.train.start_button.isEnabled() and window.train.stop_button.isEnabled()
        assert not window.train.panel.arch_combo.isEnabled() and window.train.panel.lr_edit.isEnabled()
    assert blocker.args[0].state == "finished"
    qtbot.wait(100)  # one repaint tick
    assert curve_points(window.train.plots.loss_plot) == 2 * 47
    assert curve_points(window.train.plots.accuracy_plot) == 2
    assert window.train.progress.value() == window.train.progress.maximum() == 94
    assert "Test accuracy" in window.train.message_label.text()
    assert window.train.start_button.isEnabled() and window.files.save_action.isEnabled()
    # draw a "1" with the mouse: a vertical stroke, off-centre and small
    window.tabs.setCurrentIndex(1)
    canvas = window.draw.canvas
    draw_stroke(canvas, [(0.75, 0.15), (0.73, 0.55)])
    qtbot.waitUntil(lambda: window.draw.panel.digit.text() != "", timeout=5000)
    assert window.draw.panel.digit.text() == "1"
    assert window.draw.panel.processed.pixmap() is not None and not window.draw.panel.processed.pixmap().isNull()
    heights = window.draw.panel.bars.opts["height"]
    assert abs(float(np.sum(heights)) - 1) < 1e-3 and int(np.argmax(heights)) == 1
    qtbot.mouseClick(window.findChild(QPushButton, "clearButton"), Qt.LeftButton)
    assert window.draw.panel.digit.text() == "" and canvas.is_empty()
    canvas.undo()
    assert window.draw.panel.digit.text() == "1"


def test_pause_resume_and_stop(window, qtbot):
    choose(window, "mlp", epochs=30, limit=2000)
    window.train.panel.batch_spin.setValue(32)
    steps = []
    window.train.controller.batches_finished.connect(lambda e: steps.append(e.step))
    with qtbot.waitSignal(window.train.controller.batches_finished, timeout=60000):
        window.train.start_training()
    with qtbot.waitSignal(window.train.controller.pause_changed, timeout=10000) as paused:
        qtbot.mouseClick(window.train.pause_button, Qt.LeftButton)
    assert paused.args == [True] and window.train.pause_button.text() == "Resume"
    seen = len(steps)
    qtbot.wait(600)
    assert len(steps) == seen  # nothing trains while paused
    assert window.train.progress.value() == steps[-1]  # the progress bar caught up with the last step
    with qtbot.waitSignal(window.train.controller.pause_changed, timeout=10000) as resumed:
        qtbot.keyClick(window, Qt.Key_Space)  # the shortcut resumes
    assert resumed.args == [False]
    qtbot.waitUntil(lambda: len(steps) > seen + 5, timeout=20000)
    with qtbot.waitSignal(window.train.controller.finished, timeout=20000) as done:
        qtbot.mouseClick(window.train.stop_button, Qt.LeftButton)
    assert done.args[0].state == "stopped"
    qtbot.waitUntil(lambda: not window.train.controller.running, timeout=5000)
    assert window.train.start_button.isEnabled() and not window.train.stop_button.isEnabled()


def test_close_during_training_is_quick(qtbot):
    from tensordesk.gui.main_window import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.engine_is_ready, timeout=60000)
    choose(w, "cnn", epochs=20, limit=4000)
    with qtbot.waitSignal(w.train.controller.batches_finished, timeout=60000):
        w.train.start_training()
    w.train.controller.pause()
    qtbot.wait(200)
    t = time.perf_counter()
    w.close()
    assert time.perf_counter() - t < 2.0
    assert not w.train.controller.running


def test_divergence_keeps_the_curves_and_says_why(window, qtbot):
    choose(window, "dnn", epochs=2, limit=1000, lr=100, optimizer="sgd")
    with qtbot.waitSignal(window.train.controller.finished, timeout=60000) as done:
        window.train.start_training()
    assert done.args[0].state == "diverged"
    assert "too high" in window.train.message_label.text()
    assert window.train.plots.run_list.count() == 1
    qtbot.waitUntil(window.train.start_button.isEnabled, timeout=10000)   # usable for the next run


def test_bad_learning_rate_is_refused_at_the_input(window):
    window.train.panel.lr_edit.setText("abc")
    assert not window.train.start_button.isEnabled() and window.train.panel.lr_hint.isVisibleTo(window.train.panel)
    window.train.panel.lr_edit.setText("-1")
    assert not window.train.start_button.isEnabled()
    window.train.panel.lr_edit.setText("0")
    assert not window.train.start_button.isEnabled()
    window.train.panel.lr_edit.setText("1e-3")
    assert window.train.start_button.isEnabled() and not window.train.panel.lr_hint.isVisibleTo(window.train.panel)


def test_batch_larger_than_the_data_is_refused_at_the_input(window):
    p = window.train.panel
    p.select(p.dataset_combo, "mnist-embedded")
    p.batch_spin.setValue(8000)  # the embedded set trains on 7,500 images
    assert not window.train.start_button.isEnabled() and p.batch_hint.isVisibleTo(p)
    assert "7,500" in p.batch_hint.text()
    window.train.start_training()  # a shortcut cannot get round it either
    assert not window.train.controller.running
    p.batch_spin.setValue(7500)
    assert window.train.start_button.isEnabled() and not p.batch_hint.isVisibleTo(p)
    window.train.set_limit(1000)  # a smaller training subset tightens the bound
    assert not window.train.start_button.isEnabled() and "1,000" in p.batch_hint.text()
    p.batch_spin.setValue(0)  # the spin box itself refuses 0
    assert p.batch_spin.value() == 1 and window.train.start_button.isEnabled()
    assert p.epochs_spin.minimum() == 1


def test_load_saved_model_and_classify(window, qtbot, tmp_path, embedded, tiny):
    from tensordesk.engine.models.architectures import default_spec
    from tensordesk.engine.models.checkpoints import save_checkpoint
    from tensordesk.engine.training.config import default_config
    from tensordesk.engine.training.trainer import Trainer
    spec = default_spec("mlp")
    trainer = Trainer(spec, default_config("mlp", epochs=2), embedded)
    trainer.run()
    path = save_checkpoint(tmp_path / "mlp.tdm", trainer.model, spec, meta={"class_names": list("0123456789")})
    assert window.files.open_model(str(path))
    assert not window.draw.no_model.isVisibleTo(window.draw)
    hits = 0
    for i in range(10):
        window.draw.canvas.set_array(embedded.x_test[i])
        hits += window.draw.panel.digit.text() == str(embedded.y_test[i])
    assert hits >= 8
    assert window.settings.value("recent/models")[0] == str(path)
    bad = tmp_path / "bad.tdm"
    bad.write_bytes(b"junk")
    shown = []
    import tensordesk.gui.main_window as mw
    orig = mw.QMessageBox.warning
    mw.QMessageBox.warning = lambda *a, **k: shown.append(a[2])
    try:
        assert not window.files.open_model(str(bad))
    finally:
        mw.QMessageBox.warning = orig
    assert shown and "not a TensorDesk model" in shown[0]


def test_open_window_with_model_argument(qtbot, tmp_path, tiny):
    from tensordesk.engine.models.architectures import default_spec
    from tensordesk.engine.models.checkpoints import save_checkpoint
    from tensordesk.engine.training.config import default_config
    from tensordesk.engine.training.trainer import Trainer
    from tensordesk.gui.main_window import MainWindow
    spec = default_spec("softmax")
    trainer = Trainer(spec, default_config("softmax", epochs=1), tiny)
    trainer.run()
    path = save_checkpoint(tmp_path / "soft.tdm", trainer.model, spec)
    w = MainWindow(model_path=str(path))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.draw.predictor.model is not None, timeout=60000)
    assert w.tabs.currentIndex() == 1 and "soft.tdm" in w.draw.model_label.text()
    w.draw.canvas.set_array(tiny.x_test[0])
    assert w.draw.panel.digit.text() != ""
    w.close()

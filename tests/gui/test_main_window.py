
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from tests.gui.helpers import choose, curve_points, draw_stroke


def test_object_names_and_initial_state(window):
    for name, cls in (("digitCanvas", None), ("clearButton", QPushButton), ("predictedDigit", QLabel),
                      ("probabilityBars", pg.PlotWidget), ("processedDigit", QLabel), ("archCombo", None),
                      ("startButton", QPushButton), ("stopButton", QPushButton), ("lossPlot", pg.PlotWidget),
                      ("accuracyPlot", pg.PlotWidget)):
        w = window.findChild(cls or object, name)
        assert w is not None, name
    assert window.view("train").start_button.isEnabled() and not window.view("train").stop_button.isEnabled()
    assert not window.view("train").pause_button.isEnabled()
    assert "parameters" in window.view("train").panel.params_label.text()
    assert window.device_label.text().startswith(("CPU", "GPU"))
    # nothing trained or opened yet: Draw has the shipped model, and the Train tab has no runs
    assert not window.view("draw").no_model.isVisibleTo(window.view("draw")) and window.view("draw").panel.digit.text() == ""
    assert "shipped model" in window.view("draw").model_label.text()
    assert window.session.checkpoint.meta["shipped"] and window.view("train").plots.run_list.count() == 0


def test_train_from_the_ui_curves_arrive_then_draw(window, qtbot):
    choose(window, "mlp", epochs=2, limit=3000)
    window.view("train").panel.batch_spin.setValue(64)
    with qtbot.waitSignal(window.view("train").controller.finished, timeout=120000) as blocker:
        qtbot.mouseClick(window.view("train").start_button, Qt.LeftButton)
        assert not window.view("train").start_button.isEnabled() and window.view("train").stop_button.isEnabled()
        assert not window.view("train").panel.arch_combo.isEnabled() and window.view("train").panel.lr_edit.isEnabled()
    assert blocker.args[0].state == "finished"
    qtbot.wait(100)  # one repaint tick
    assert curve_points(window.view("train").plots.loss_plot) == 2 * 47
    assert curve_points(window.view("train").plots.accuracy_plot) == 2
    assert window.view("train").progress.value() == window.view("train").progress.maximum() == 94
    assert "Test accuracy" in window.view("train").message_label.text()
    assert window.view("train").start_button.isEnabled() and window.files.save_action.isEnabled()
    # draw a "1" with the mouse: a vertical stroke, off-centre and small
    window.tabs.setCurrentIndex(1)
    canvas = window.view("draw").canvas
    draw_stroke(canvas, [(0.75, 0.15), (0.73, 0.55)])
    qtbot.waitUntil(lambda: window.view("draw").panel.digit.text() != "", timeout=5000)
    assert window.view("draw").panel.digit.text() == "1"
    assert window.view("draw").panel.processed.pixmap() is not None and not window.view("draw").panel.processed.pixmap().isNull()
    heights = window.view("draw").panel.bars.opts["height"]
    assert abs(float(np.sum(heights)) - 1) < 1e-3 and int(np.argmax(heights)) == 1
    qtbot.mouseClick(window.findChild(QPushButton, "clearButton"), Qt.LeftButton)
    assert window.view("draw").panel.digit.text() == "" and canvas.is_empty()
    canvas.undo()
    assert window.view("draw").panel.digit.text() == "1"


def test_pause_resume_and_stop(window, qtbot):
    choose(window, "mlp", epochs=30, limit=2000)
    window.view("train").panel.batch_spin.setValue(32)
    steps = []
    window.view("train").controller.batches_finished.connect(lambda e: steps.append(e.step))
    with qtbot.waitSignal(window.view("train").controller.batches_finished, timeout=60000):
        window.view("train").start_training()
    with qtbot.waitSignal(window.view("train").controller.pause_changed, timeout=10000) as paused:
        qtbot.mouseClick(window.view("train").pause_button, Qt.LeftButton)
    assert paused.args == [True] and window.view("train").pause_button.text() == "Resume"
    seen = len(steps)
    qtbot.wait(600)
    assert len(steps) == seen  # nothing trains while paused
    assert window.view("train").progress.value() == steps[-1]  # the progress bar caught up with the last step
    with qtbot.waitSignal(window.view("train").controller.pause_changed, timeout=10000) as resumed:
        qtbot.keyClick(window, Qt.Key_Space)  # the shortcut resumes
    assert resumed.args == [False]
    qtbot.waitUntil(lambda: len(steps) > seen + 5, timeout=20000)
    with qtbot.waitSignal(window.view("train").controller.finished, timeout=20000) as done:
        qtbot.mouseClick(window.view("train").stop_button, Qt.LeftButton)
    assert done.args[0].state == "stopped"
    qtbot.waitUntil(lambda: not window.view("train").controller.running, timeout=5000)
    assert window.view("train").start_button.isEnabled() and not window.view("train").stop_button.isEnabled()


def test_close_during_training_from_code_stops_the_run(qtbot):
    from tensordesk.gui.main_window import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.engine_is_ready, timeout=60000)
    choose(w, "cnn", epochs=20, limit=4000)
    with qtbot.waitSignal(w.view("train").controller.batches_finished, timeout=60000):
        w.view("train").start_training()
    w.view("train").controller.pause()
    qtbot.wait(200)
    w.close()                                             # from code: no question asked, the run is stopped
    assert not w.view("train").controller.running and not w.isVisible()


def test_divergence_keeps_the_curves_and_says_why(window, qtbot):
    choose(window, "dnn", epochs=2, limit=1000, lr=100, optimizer="sgd")
    with qtbot.waitSignal(window.view("train").controller.finished, timeout=60000) as done:
        window.view("train").start_training()
    assert done.args[0].state == "diverged"
    assert "too high" in window.view("train").message_label.text()
    assert window.view("train").plots.run_list.count() == 1
    qtbot.waitUntil(window.view("train").start_button.isEnabled, timeout=10000)   # usable for the next run


def test_bad_learning_rate_is_refused_at_the_input(window):
    window.view("train").panel.lr_edit.setText("abc")
    assert not window.view("train").start_button.isEnabled() and window.view("train").panel.lr_hint.isVisibleTo(window.view("train").panel)
    window.view("train").panel.lr_edit.setText("-1")
    assert not window.view("train").start_button.isEnabled()
    window.view("train").panel.lr_edit.setText("0")
    assert not window.view("train").start_button.isEnabled()
    window.view("train").panel.lr_edit.setText("1e-3")
    assert window.view("train").start_button.isEnabled() and not window.view("train").panel.lr_hint.isVisibleTo(window.view("train").panel)


def test_batch_larger_than_the_data_is_refused_at_the_input(window):
    p = window.view("train").panel
    p.select(p.dataset_combo, "mnist-embedded")
    p.batch_spin.setValue(8000)  # the embedded set trains on 7,500 images
    assert not window.view("train").start_button.isEnabled() and p.batch_hint.isVisibleTo(p)
    assert "7,500" in p.batch_hint.text()
    window.view("train").start_training()  # a shortcut cannot get round it either
    assert not window.view("train").controller.running
    p.batch_spin.setValue(7500)
    assert window.view("train").start_button.isEnabled() and not p.batch_hint.isVisibleTo(p)
    window.view("train").set_limit(1000)  # a smaller training subset tightens the bound
    assert not window.view("train").start_button.isEnabled() and "1,000" in p.batch_hint.text()
    p.batch_spin.setValue(0)  # the spin box itself refuses 0
    assert p.batch_spin.value() == 1 and window.view("train").start_button.isEnabled()
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
    assert not window.view("draw").no_model.isVisibleTo(window.view("draw"))
    hits = 0
    for i in range(10):
        window.view("draw").canvas.set_array(embedded.x_test[i])
        hits += window.view("draw").panel.digit.text() == str(embedded.y_test[i])
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
    qtbot.waitUntil(lambda: w.view("draw").predictor.model is not None, timeout=60000)
    assert w.tabs.currentIndex() == 1 and "soft.tdm" in w.view("draw").model_label.text()
    w.view("draw").canvas.set_array(tiny.x_test[0])
    assert w.view("draw").panel.digit.text() != ""
    w.close()


def test_remove_all_takes_the_last_runs_sentences_with_it(window, qtbot):
    choose(window, "softmax", epochs=1, limit=500)
    train = window.view("train")
    with qtbot.waitSignal(train.controller.finished, timeout=60000):
        train.start_training()
    qtbot.waitUntil(lambda: not train.controller.running, timeout=10000)
    assert "Finished" in train.message_label.text() and "#1" in train.progress_label.text()
    train.plots.clear_button.click()
    assert train.plots.run_list.count() == 0
    assert train.message_label.text() == "" and train.progress_label.text() == "Ready." and train.progress.value() == 0

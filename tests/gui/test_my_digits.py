"""My digits through the real window: collect drawings from the Draw view, manage them, fine-tune on them."""
import numpy as np
from PIL import Image
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest


def mirrored(digit):
    """An MNIST digit as a child who writes mirror-wise would draw it on the canvas (light ink on black)."""
    img = Image.fromarray(digit).resize((280, 280), Image.Resampling.BILINEAR).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return np.asarray(img, np.float32) / 255


def collect(window, digits, labels):
    for digit, label in zip(digits, labels):
        window.view("draw").canvas.set_array(mirrored(digit))
        assert window.view("draw").label_buttons[int(label)].isEnabled()
        QTest.mouseClick(window.view("draw").label_buttons[int(label)], Qt.LeftButton)
        assert window.view("draw").canvas.is_empty()   # kept, and the canvas is ready for the next one


def test_collect_from_the_draw_view_into_the_gallery(window, qtbot, tmp_path, embedded):
    mine = window.view("mydigits")
    mine.set_folder(str(tmp_path / "mine"))
    window.show_view("draw")
    assert not any(b.isEnabled() for b in window.view("draw").label_buttons)   # nothing drawn: nothing to keep
    collect(window, embedded.x_test[:12], embedded.y_test[:12])
    assert "in your digits" in window.statusBar().currentMessage()
    counts = list(np.bincount(embedded.y_test[:12], minlength=10))
    assert mine.collection.counts() == counts and mine.model.rowCount() == 12
    assert sorted(p.parent.name for _, p in mine.collection.items()) == sorted(str(int(y)) for y in embedded.y_test[:12])
    # the keyboard works too: Alt+digit
    window.view("draw").canvas.set_array(mirrored(embedded.x_test[20]))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    QTest.keyClick(window, Qt.Key_3, Qt.AltModifier)
    assert mine.collection.counts()[3] == counts[3] + 1
    # filter by digit
    window.show_view("mydigits")
    mine.filter_combo.setCurrentIndex(mine.filter_combo.findData(int(embedded.y_test[0])))
    assert mine.model.rowCount() == counts[int(embedded.y_test[0])]
    mine.filter_combo.setCurrentIndex(0)
    assert mine.model.rowCount() == 13


def test_delete_with_undo_and_relabel(window, tmp_path, embedded):
    mine = window.view("mydigits")
    mine.set_folder(str(tmp_path))
    collect(window, embedded.x_test[:6], embedded.y_test[:6])
    window.show_view("mydigits")
    sel = mine.gallery.selectionModel()
    assert not mine.delete_button.isEnabled()
    sel.select(mine.model.index(0, 0), QItemSelectionModel.Select)
    assert mine.delete_button.isEnabled() and mine.relabel_combo.isEnabled()
    first = mine.selected_paths()[0]
    QTest.mouseClick(mine.delete_button, Qt.LeftButton)
    assert not first.exists() and mine.model.rowCount() == 5 and mine.undo_button.isEnabled()
    QTest.mouseClick(mine.undo_button, Qt.LeftButton)
    assert first.exists() and mine.model.rowCount() == 6
    # relabel the first one as another digit
    sel.select(mine.model.index(0, 0), QItemSelectionModel.ClearAndSelect)
    old = int(first.parent.name)
    new = (old + 1) % 10
    mine.relabel_combo.setCurrentIndex(new + 1)
    mine.relabel_combo.activated.emit(new + 1)
    assert not first.exists() and (tmp_path / str(new) / first.name).exists()
    assert mine.collection.counts()[new] == list(np.bincount(embedded.y_test[:6], minlength=10))[new] + 1


def test_fine_tune_learns_your_handwriting_and_draw_uses_it(window, qtbot, tmp_path, embedded):
    """Collect → fine-tune → before/after, through the real window: the lecture moment."""
    mine = window.view("mydigits")
    mine.set_folder(str(tmp_path))
    window.show_view("draw")
    collect(window, embedded.x_test[:90], embedded.y_test[:90])
    window.show_view("mydigits")
    assert mine.tuning.tune_button.isEnabled(), mine.tuning.hint.text()
    assert "shipped model" in mine.tuning.model_label.text()
    mine.tuning.epochs_spin.setValue(4)
    with qtbot.waitSignal(mine.tuning.model_tuned, timeout=120000) as tuned:
        QTest.mouseClick(mine.tuning.tune_button, Qt.LeftButton)
        assert not mine.tuning.tune_button.isEnabled() and mine.tuning.stop_button.isEnabled()
    checkpoint, name = tuned.args
    before, after = checkpoint.meta["own_digits_before"], checkpoint.meta["own_digits_after"]
    assert after >= before + 0.15, (before, after)
    assert f"{before:.0%}" in mine.tuning.result_label.text() and f"{after:.0%}" in mine.tuning.result_label.text()
    xs, ys = mine.tuning.curve.getData()
    assert list(xs) == [0, 1, 2, 3, 4] and ys[0] == before and ys[-1] == after
    assert mine.tuning.held_model.rowCount() >= 20
    # Draw now uses the fine-tuned model; the shipped one is untouched
    assert window.session.checkpoint is checkpoint and "fine-tuned" in window.view("draw").model_label.text()
    assert not window.session.checkpoint.meta.get("shipped")
    qtbot.waitUntil(mine.tuning.tune_button.isEnabled, timeout=5000)


def test_fine_tune_waits_for_digits_and_for_training(window, tmp_path, embedded):
    mine = window.view("mydigits")
    mine.set_folder(str(tmp_path))
    assert not mine.tuning.tune_button.isEnabled() and "at least two examples" in mine.tuning.hint.text()
    collect(window, embedded.x_test[:30], embedded.y_test[:30])
    assert mine.tuning.tune_button.isEnabled()
    mine.set_busy(True)
    assert not mine.tuning.tune_button.isEnabled() and "Training is running" in mine.tuning.hint.text()
    mine.set_busy(False)
    mine.set_model(None, "")
    assert not mine.tuning.tune_button.isEnabled() and "No model" in mine.tuning.hint.text()


def test_the_folder_is_remembered(qtbot, tmp_path, embedded):
    from tensordesk.gui.main_window import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    w.view("mydigits").set_folder(str(tmp_path / "kept"))
    w.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.view("mydigits").folder == str(tmp_path / "kept")
    again.close()


def test_an_unwritable_folder_is_a_sentence(window, tmp_path):
    blocker = tmp_path / "not a folder"
    blocker.write_text("x")
    window.view("mydigits").set_folder(str(blocker))
    window.view("draw").canvas.set_array(np.eye(200, dtype=np.float32))
    window.view("draw").label_drawing(1)
    assert "not saved" in window.statusBar().currentMessage()
    assert not window.view("draw").canvas.is_empty()    # nothing lost: the drawing stays on the canvas


def test_image_folder_is_in_the_train_tabs_list(window):
    combo = window.view("train").panel.dataset_combo
    assert combo.findData("folder:") >= 0 and combo.itemText(combo.findData("folder:")) == "Image folder…"


def test_stopping_a_fine_tune_leaves_the_model_as_it_was(window, qtbot, tmp_path, embedded):
    mine = window.view("mydigits")
    mine.set_folder(str(tmp_path))
    collect(window, embedded.x_test[:40], embedded.y_test[:40])
    before = window.session.checkpoint
    mine.tuning.epochs_spin.setValue(50)
    QTest.mouseClick(mine.tuning.tune_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: mine.tuning.progress.value() >= 1, timeout=60000)
    QTest.mouseClick(mine.tuning.stop_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not mine.tuning.job.running, timeout=30000)
    assert window.session.checkpoint is before and "stopped" in mine.tuning.hint.text()
    assert mine.tuning.tune_button.isEnabled()

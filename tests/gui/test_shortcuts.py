"""Keys that act: no key is bound twice where both could fire (each view and each of its pages on screen), Delete
and Ctrl+Z act on the list on screen, and after Start the keys go back to the view so Space pauses."""
from collections import Counter

import numpy as np
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTabWidget


def _live_keys(window) -> Counter:
    """Every key that can fire now: the window's enabled actions and the enabled shortcuts of visible widgets."""
    keys = Counter()
    for action in window.actions():
        if action.isEnabled():
            for seq in action.shortcuts():
                keys[seq.toString()] += 1
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.isEnabled() and parent is not None and parent.isVisible():
            for seq in shortcut.keys():
                keys[seq.toString()] += 1
    keys.pop("", None)
    return keys


def _pages(widget):
    """Each page of every tab widget inside `widget`, shown in turn (yields once per state)."""
    tabs = [t for t in widget.findChildren(QTabWidget) if t.isVisible()]
    yield
    for t in tabs:
        for i in range(t.count()):
            t.setCurrentIndex(i)
            yield
        t.setCurrentIndex(0)


def test_no_key_is_bound_twice_on_any_view_or_page(window, qtbot):
    checked = 0
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        for _ in _pages(window.tabs.widget(i)):
            qtbot.wait(1)
            twice = {k: n for k, n in _live_keys(window).items() if n > 1}
            assert twice == {}, (window.tabs.tabText(i), twice)
            checked += 1
    assert checked > window.tabs.count()       # the pages were visited too
    window.show_view("draw")
    keys = _live_keys(window)
    assert keys["Del"] == 1 and keys["Ctrl+Z"] == 1 and keys["Space"] == 1 and keys["E"] == 1


def test_delete_and_undo_act_on_my_digits_not_on_the_canvas(window, qtbot, tmp_path, embedded, qtlog):
    mine = window.view("mydigits")
    mine.set_folder(str(tmp_path))
    for image, label in zip(embedded.x_test[:3], embedded.y_test[:3]):
        big = np.kron(image.astype(np.float32) / 255.0, np.ones((10, 10), np.float32))
        assert window.session.keep_example(big, int(label))
    window.show_view("mydigits")
    mine.gallery.setFocus()
    mine.gallery.selectionModel().select(mine.model.index(0, 0), QItemSelectionModel.Select)
    first = mine.selected_paths()[0]
    QTest.keyClick(mine.gallery, Qt.Key_Delete)
    assert not first.exists() and mine.model.rowCount() == 2
    QTest.keyClick(mine.gallery, Qt.Key_Z, Qt.ControlModifier)
    assert first.exists() and mine.model.rowCount() == 3
    assert not [r for r in qtlog.records if "Ambiguous" in r.message]


def test_after_start_space_pauses_and_the_repeat_box_is_never_blank(window, qtbot):
    from tests.gui.helpers import choose
    train = window.view("train")
    choose(window, "mlp", epochs=30, limit=1000)
    train.repeat_spin.setFocus()
    train.repeat_spin.lineEdit().clear()              # emptied by hand …
    QTest.mouseClick(train.start_button, Qt.LeftButton)
    assert train.controller.running
    assert train.repeat_spin.text() == "×1" and train._repeat is None   # … it runs once and says so
    assert not train.repeat_spin.hasFocus()
    with qtbot.waitSignal(train.controller.pause_changed, timeout=30000) as paused:
        QTest.keyClick(window.focusWidget() or window, Qt.Key_Space)
    assert paused.args == [True] and train.repeat_spin.text() == "×1"
    train.stop_training()
    qtbot.waitUntil(lambda: not train.controller.running, timeout=30000)


def test_the_toolbars_start_is_enabled_only_when_it_would_act(window):
    start = window.menus.start_pause
    panel = window.view("train").panel
    window.show_view("train")
    assert start.isEnabled()
    panel.lr_edit.setText("abc")                      # an invalid field: Start would do nothing
    assert not start.isEnabled()
    window.show_view("descent")                       # a lab plays whatever the Train view says
    assert start.isEnabled()
    window.show_view("evaluate")
    assert not start.isEnabled()
    panel.lr_edit.setText("0.01")
    assert start.isEnabled()

import json

import pytest


def test_every_shipped_preset_loads_and_starts(window, qtbot):
    from tensordesk.gui.presets import shipped_presets
    presets = shipped_presets()
    assert len(presets) == 8
    titles = [a.text() for a in window.menuBar().actions() if a.text() == "&Presets"]
    assert titles
    for preset in presets:
        assert window.presets.load(preset), preset.title
        if preset.data.get("runs"):
            qtbot.waitUntil(lambda: window.view("train").controller.running, timeout=10000)
            assert window.tabs.currentWidget() is window.view("train")
            first = preset.data["runs"][0]
            assert window.view("train").panel.arch == first["arch"]
            assert window.view("train").max_train_samples == preset.data["train_limit"]
            with qtbot.waitSignal(window.view("train").controller.finished, timeout=60000):
                window.view("train").stop_training()
            qtbot.waitUntil(lambda: not window.view("train").controller.running, timeout=10000)
            assert window.presets.runner.queue == []  # stopping ends the scenario
            assert window.view("train").max_train_samples is None  # and the user's next runs get the whole data set back
        elif preset.view == "parallel":
            lab = window.view("parallel")
            assert window.tabs.currentWidget() is lab
            assert lab.controller.running and lab.current_mode == "sync" and lab.queue == ["async"]
            s = lab.settings("sync")
            assert (s.workers, s.delay_ms, s.batch_per_worker) == (3, 60.0, 64)
            lab.stop()
            qtbot.waitUntil(lambda: not lab.controller.running, timeout=20000)
        else:
            lab = {"bn": window.view("bn").experiment, "descent": window.view("descent").experiment}[preset.view]
            assert window.tabs.currentWidget() is {"bn": window.view("bn"), "descent": window.view("descent")}[preset.view]
            qtbot.waitUntil(lambda: lab.controller.running and lab.is_playing, timeout=30000)
            if preset.view == "descent":
                s = lab.settings()
                assert s.start == tuple(preset.data["descent"]["start"])
                assert [r.optimizer for r in s.runs] == preset.data["descent"]["optimizers"]
            lab.toggle_play()


def test_the_transfer_preset_trains_saves_reuses_and_compares(window, qtbot):
    from tensordesk.gui.presets import shipped_presets
    preset = next(p for p in shipped_presets() if "Transfer" in p.title)
    runs_before = window.view("train").plots.run_list.count()
    assert window.presets.load(preset)
    qtbot.waitUntil(lambda: window.view("train").plots.run_list.count() == runs_before + 3 and not window.view("train").controller.running
                    and not window.presets.runner.queue, timeout=180000)
    labels = [window.view("train").plots.run_list.item(i).text() for i in range(runs_before, runs_before + 3)]
    assert "reuses 3 layers (frozen)" in labels[1] and "reuses" not in labels[0] + labels[2]
    assert "base" in window.presets.runner.saved


def test_save_the_current_setup_and_open_it_again(window, qtbot, tmp_path, monkeypatch):
    import tensordesk.gui.main_window
    warnings = []
    monkeypatch.setattr(tensordesk.gui.main_window.QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    from tensordesk.gui.presets import PresetError, read_preset
    window.tabs.setCurrentWidget(window.view("descent"))
    window.view("descent").experiment.set_settings(model="cubic", start=(5.0, 1.0), optimizers=["adam"], learning_rate=0.5)
    path = tmp_path / "mine.json"
    assert window.presets.save(str(path), "Mine")
    data = json.loads(path.read_text())
    assert data["view"] == "descent" and data["descent"]["model"] == "cubic" and data["title"] == "Mine"
    window.view("descent").experiment.set_settings(model="linear")
    window.tabs.setCurrentWidget(window.view("train"))
    assert window.presets.load(read_preset(path))
    assert window.tabs.currentWidget() is window.view("descent")
    assert window.view("descent").experiment.settings().model == "cubic"
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x", "view": "nowhere"}')
    with pytest.raises(PresetError, match="unknown view"):
        read_preset(bad)
    bad.write_text("not json")
    with pytest.raises(PresetError, match="not a readable preset"):
        read_preset(bad)
    for run, message in (({"arch": "resnet"}, "arch"), ({"learning_rate": "fast"}, "learning_rate"),
                         ({"epochs": 0}, "epochs"), ({"dropout": 1.5}, "dropout"), ({"batch_norm": "yes"}, "batch_norm")):
        bad.write_text(json.dumps({"title": "x", "runs": [run]}))
        with pytest.raises(PresetError, match=message):
            read_preset(bad)
    bad.write_text(json.dumps({"title": "x", "view": "descent", "descent": {"steps": "many"}}))
    assert not window.presets.load(read_preset(bad))   # refused with a message, no traceback
    assert "not valid" in warnings[-1]


def test_f1_overlay_lists_every_shortcut_and_a_key_closes_it_without_acting(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest
    QTest.keyClick(window, Qt.Key_F1)
    overlay = window.shortcut_overlay
    assert overlay.isVisible() and overlay.geometry() == window.rect()
    listed = dict(overlay.labels)
    for a in window.actions():
        if not a.shortcut().isEmpty():
            assert a.shortcut().toString(QKeySequence.NativeText) in listed, a.text()
    assert listed[QKeySequence("Ctrl+Alt+4").toString(QKeySequence.NativeText)] == "Local minima"
    assert "One step (lab)" in listed.values()
    assert "This is a 0–9: keep the drawing in My digits" in listed.values() and "Right button" in listed
    QTest.keyClick(overlay, Qt.Key_Space)        # closes the overlay; does not start training
    assert not overlay.isVisible() and not window.view("train").controller.running


def test_preset_and_scale_shortcuts_act(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    window.lecture.set_presentation(scale=100)
    QTest.keyClick(window, Qt.Key_Plus, Qt.ControlModifier)
    assert window.lecture.presentation.scale == 125
    QTest.keyClick(window, Qt.Key_0, Qt.ControlModifier)
    assert window.lecture.presentation.scale == 100
    theme = window.lecture.presentation.theme
    QTest.keyClick(window, Qt.Key_D, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.lecture.presentation.theme != theme
    QTest.keyClick(window, Qt.Key_4, Qt.ControlModifier | Qt.AltModifier)   # "Local minima"
    lab = window.view("descent").experiment
    assert window.tabs.currentWidget() is window.view("descent")
    assert lab.settings().start == (5.0, 1.0)
    qtbot.waitUntil(lambda: lab.is_playing, timeout=30000)
    lab.toggle_play()

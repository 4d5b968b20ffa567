"""The Missions panel through the real window: a prediction locked in, a failed check with its hint, a passed
check with its why built from the learner's own numbers, progress that survives a new window, and a lecturer's
mission file opened (and a broken one refused with one sentence)."""
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def play(window, qtbot, actions, timeout=120000):
    from tensordesk.gui.missions.player import ActionPlayer
    panel = window.missions.panel
    player = ActionPlayer(window, panel.answer)
    with qtbot.waitSignal(player.finished, timeout=timeout) as blocker:
        player.play(actions)
    assert blocker.args[0], blocker.args[1]


def bn_settings(steps):
    return {"activation": "tanh", "layers": 7, "units": 30, "learning_rate": 0.001, "batch_size": 10,
            "steps": steps}


def test_prediction_failed_check_hint_then_pass_with_why(data_home, window, qtbot):
    window.missions.show()
    panel = window.missions.panel
    panel.choose("batch-norm")
    assert panel.step_title.text() == "Step 1 of 2"
    assert not panel.predict_box.isHidden()
    assert not panel.check_button.isEnabled() and not panel.lock_button.isEnabled()
    panel.check_now()
    assert "prediction first" in panel.verdict.text()
    # a wrong guess (a click on its words), locked in
    from PySide6.QtWidgets import QLabel
    words = [w for w in panel.findChildren(QLabel, "missionChoiceText0") if w.isVisibleTo(panel)]
    QTest.mouseClick(words[0], Qt.LeftButton)
    assert panel.choices.checkedId() == 0
    assert panel.lock_button.isEnabled()
    QTest.mouseClick(panel.lock_button, Qt.LeftButton)
    assert panel.play.prediction == 0 and not panel.choices.button(1).isEnabled()
    assert not panel.next_button.isEnabled()          # the step is not passed yet
    # too short a run: the check fails with its hint
    play(window, qtbot, [{"do": "lab", "lab": "bn", "settings": bn_settings(40)}])
    assert "Not yet" in panel.verdict.text()
    assert "at least 200 steps" in panel.feedback.text()
    assert not panel.next_button.isEnabled()
    # the seed's run: passed, with the learner's numbers and their prediction set against what happened
    play(window, qtbot, [{"do": "lab", "lab": "bn", "settings": bn_settings(250)}])
    assert "Passed" in panel.verdict.text()
    why = panel.feedback.text()
    assert "You predicted “Spread evenly between −1 and +1”; what happened: “Piled up near −1 and +1" in why
    fact = panel.journal.of("lab")[-1]
    off = fact.summary["without_bn"]["layers"][2]["saturated"]
    on = fact.summary["with_bn"]["layers"][2]["saturated"]
    assert off > on + 0.3
    assert f"{off:.0%} of its inputs" in why and f"{on:.0%} with BN" in why and "after 250 steps" in why
    assert panel.next_button.isEnabled() and panel.progress_bar.value() == 1
    # kept in the user's data folder
    saved = json.loads((data_home / "TensorDesk" / "missions.json").read_text())
    assert saved["missions"]["batch-norm"]["passed"] == ["predict-saturation"]
    assert saved["missions"]["batch-norm"]["predictions"] == {"predict-saturation": 0}
    QTest.mouseClick(panel.next_button, Qt.LeftButton)
    assert panel.step_title.text() == "Step 2 of 2" and panel.predict_box.isHidden()
    # the last step skipped: the mission is done, one step passed, and the list says so
    assert panel.skip_button.isEnabled() and not panel.next_button.isEnabled()
    QTest.mouseClick(panel.skip_button, Qt.LeftButton)
    assert panel.progress_bar.text() == "Mission complete: 1 of 2 steps passed"
    assert panel.mission_combo.currentText().startswith("✔ Batch normalisation")
    assert not panel.skip_button.isEnabled()


def test_progress_survives_a_new_window_and_can_be_reset(data_home, qtbot):
    from tensordesk.engine.missions.progress import ProgressStore
    store = ProgressStore()
    p = store.of("batch-norm")
    p.passed, p.predictions, p.step = ["predict-saturation"], {"predict-saturation": 1}, 1
    store.save()
    from tensordesk.gui.main_window import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    panel = w.missions.panel
    panel.choose("batch-norm")
    assert panel.step_title.text() == "Step 2 of 2" and panel.progress_bar.value() == 1
    panel.go_to(0)
    assert "Passed" in panel.verdict.text() and not panel.choices.button(0).isEnabled()
    panel.reset_mission()
    assert panel.step_title.text() == "Step 1 of 2" and panel.progress_bar.value() == 0
    assert panel.choices.button(1).isEnabled() and not panel.choices.button(1).isChecked()
    assert ProgressStore().of("batch-norm").passed == []
    w.close()


def test_a_lecturers_mission_file_opens_and_a_broken_one_is_one_sentence(data_home, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tensordesk.gui.main_window import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    panel = w.missions.panel
    mission = {"format": "tensordesk-mission", "id": "my-lesson", "seeds": ["003"],
               "title": {"en": "My lesson", "zh_CN": "我的课"}, "summary": {"en": "Mine.", "zh_CN": "我的。"},
               "steps": [{"id": "read", "text": {"en": "Read this.", "zh_CN": "读这个。"}}]}
    good = tmp_path / "mine.json"
    good.write_text(json.dumps(mission))
    assert panel.open_mission(str(good))
    assert panel.mission_combo.currentText() == "My lesson" and panel.step_text.text() == "Read this."
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    mission["steps"][0]["scene"] = {"view": "nowhere"}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(mission))
    assert not panel.open_mission(str(bad))
    from tensordesk.gui.views import VIEW_KEYS
    assert warnings == [f"bad.json: steps[0].scene: unknown view 'nowhere'; use one of {', '.join(VIEW_KEYS)}."]
    w.close()


def test_the_panel_never_pushes_the_window_off_the_screen_in_lecture_mode(data_home, window, qtbot):
    room = window.screen().availableGeometry()
    base = window.missions.panel.step_text.font().pointSizeF()
    window.lecture.set_presentation(scale=150, theme="dark")
    window.resize(room.width(), room.height())
    qtbot.wait(50)
    widest = max(room.width(), window.minimumSizeHint().width())   # the views alone (a small test screen)
    window.missions.show()
    window.missions.panel.choose("local-minima")
    window.missions.panel.go_to(1)
    qtbot.waitUntil(lambda: window.width() <= widest, timeout=5000)
    if window.missions.isFloating():   # side by side they would not fit: it floats over the window's right edge
        geometry = window.missions.geometry()
        assert geometry.right() <= max(room.right(), window.geometry().right()) + 1
    else:
        assert window.minimumSizeHint().width() <= room.width()
    panel = window.missions.panel
    assert panel.step_text.font().pointSizeF() >= base * 1.4      # it reads at the lecture scale
    assert panel.minimumSizeHint().width() < room.width() / 2      # long choices wrap instead of widening it

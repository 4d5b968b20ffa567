"""The session (gui/session.py) holds what the views share; the window is a shell that names no view, and closing
asks every view and the recording what it would end."""
from pathlib import Path

import numpy as np
import pytest


@pytest.fixture
def session(qapp):
    from tensordesk.gui.session import Session
    s = Session()
    yield s
    s.jobs.shutdown()


class FakeCheckpoint:
    def __init__(self, name, classifier=True, shipped=False):
        self.model, self.class_names, self.is_classifier = object(), tuple("0123456789"), classifier
        self.meta = {"shipped": shipped, "name": name}


def test_the_current_model_reaches_its_subscribers_and_comes_back_after_a_failed_run(session, qtbot):
    current, redraws = [], []
    session.current_model_changed.connect(current.append)
    session.model_changed.connect(lambda: redraws.append(session.predictor.source))
    kept = FakeCheckpoint("a")
    session.use_model(kept, "a.tdm")
    assert current == [kept] and session.checkpoint is kept and redraws == ["a.tdm"]
    assert session.predictor.model is kept.model and session.has_unsaved_model()
    live = object()
    session.show_model(live, kept.class_names, "mlp (training)")          # a run's live copy: Draw follows it
    assert session.predictor.model is live and session.checkpoint is kept and current == [kept]
    session.back_to_current_model()                                      # the run failed: back to the kept one
    assert session.predictor.model is kept.model and redraws[-1] == "a.tdm"
    trained = FakeCheckpoint("b")
    session.show_model(trained.model, trained.class_names, "mlp (trained, run #2)")
    session.keep_trained_model(trained)
    assert session.checkpoint is trained and session.model_label == "mlp (trained, run #2)" and current[-1] is trained
    session.use_model(None)
    assert session.checkpoint is None and current[-1] is None and not session.has_unsaved_model()
    session.back_to_current_model()
    assert session.predictor.model is None


def test_what_runs_is_announced_once_per_change(session):
    changes = []
    session.training_changed.connect(changes.append)
    session.set_training(True)
    session.set_training(True)
    assert changes == [True] and session.busy
    session.set_training(False)
    assert changes == [True, False] and not session.busy
    session.set_jobs_running(True)
    assert session.busy


def test_a_kept_drawing_goes_to_the_learners_digits_with_a_sentence(session, tmp_path):
    from tensordesk.engine.data.own_digits import DigitCollection
    said, changed = [], []
    session.message_shown.connect(said.append)
    session.collection_changed.connect(lambda: changed.append(1))
    image = np.zeros((280, 280), np.float32)
    assert not session.keep_example(image, 3)            # no collection yet: nothing kept, nothing said
    session.set_collection(DigitCollection(tmp_path / "mine"))
    image[100:200, 130:150] = 1.0
    assert session.keep_example(image, 3)
    assert session.collection.counts()[3] == 1 and "3" in said[-1] and len(changed) == 2
    (tmp_path / "ro").write_text("a file where the folder should be")
    session.set_collection(DigitCollection(tmp_path / "ro"))
    assert not session.keep_example(image, 4) and "not saved" in said[-1]


def test_the_window_names_no_view_and_touches_no_views_widgets():
    from tensordesk.gui.views import VIEW_KEYS
    source = (Path(__file__).resolve().parents[2] / "gui" / "main_window.py").read_text(encoding="utf-8")
    assert [key for key in VIEW_KEYS if f'"{key}"' in source] == []
    assert ".view(" not in source.replace("self.view(view.key)", "").replace("self.view(v.key)", "") \
        .replace("self.view(PLAYS_BY_DEFAULT)", "").replace("self.view(key)", "")


def test_closing_asks_what_would_end_and_respects_a_no(window, qtbot):
    from tests.gui.helpers import choose
    assert window.close_refusals() == []
    choose(window, "mlp", epochs=50, limit=1000)
    train = window.view("train")
    with qtbot.waitSignal(train.controller.batches_finished, timeout=60000):
        train.start_training()
    reasons = window.close_refusals()
    assert len(reasons) == 1 and "training run" in reasons[0]
    asked = []
    window.ask_before_closing = lambda why: asked.append(why) or False      # the user says Cancel
    window.quit_requested()
    assert asked == [reasons] and window.isVisible() and train.controller.running
    window.ask_before_closing = lambda why: asked.append(why) or True       # … then Close anyway
    window.quit_requested()
    assert len(asked) == 2 and not window.isVisible() and not train.controller.running


def test_dont_ask_again_is_kept(window, qtbot):
    from tests.gui.helpers import choose
    choose(window, "mlp", epochs=50, limit=1000)
    train = window.view("train")
    with qtbot.waitSignal(train.controller.batches_finished, timeout=60000):
        train.start_training()
    window.settings.setValue("window/askBeforeClosing", "false")
    window.ask_before_closing = lambda why: pytest.fail("asked although told not to")
    window.quit_requested()
    assert not window.isVisible() and not train.controller.running


def test_the_first_launch_opens_on_draw_and_the_next_on_the_view_left(qtbot):
    from tensordesk.gui.main_window import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.current_view_key() == "draw"
    w.show_view("bn")
    w.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.current_view_key() == "bn"
    again.close()


def test_file_dialogs_open_in_the_users_folders(tmp_path, monkeypatch):
    import os

    from PySide6.QtCore import QSettings

    from tensordesk.gui.model_files import remembered_folder
    monkeypatch.chdir(tmp_path)                      # wherever TensorDesk was started …
    settings = QSettings()
    first = remembered_folder(settings, "paths/models")
    assert Path(first).is_dir() and Path(first) != tmp_path   # … a first dialog opens in the user's folders
    kept = tmp_path / "models"
    kept.mkdir()
    settings.setValue("paths/models", str(kept))
    assert remembered_folder(settings, "paths/models") == str(kept)
    os.rmdir(kept)                                   # a remembered folder that is gone: back to the user's
    assert remembered_folder(settings, "paths/models") == first

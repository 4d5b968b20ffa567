"""The Class view with simulated phones on 127.0.0.1: the wall, the class's confusion matrix, moderation, pausing,
a poll, My digits, fine-tuning on the class's digits, ending and reopening a class."""
import base64
import io
import json
import urllib.error
import urllib.request

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tensordesk.engine.classroom.store import ClassFolder, confusion


def _post(url: str, path: str, body, student: str):
    req = urllib.request.Request(url.replace("/?", f"{path}?"), json.dumps(body).encode(),
                                 {"Content-Type": "application/json", "X-Student": student})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def _phone_png(image28: np.ndarray) -> str:
    """A digit as a phone sends it: dark ink on white, 240 px, RGBA."""
    big = Image.fromarray(255 - image28).resize((240, 240), Image.Resampling.BILINEAR).convert("RGBA")
    buf = io.BytesIO()
    big.save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()


@pytest.fixture
def open_class(window, qtbot, tmp_path):
    view = window.view("class")
    window.show_view("class")
    view.set_host("127.0.0.1")
    assert view.open_folder(str(tmp_path / "lecture"))
    assert view.start_class(port=0), view.status.text()
    yield view
    view.end_class()


def test_a_class_fills_the_wall_and_its_confusion_matrix(window, qtbot, open_class, embedded, tmp_path):
    view = open_class
    url = view.join_url
    assert url.startswith("http://127.0.0.1:") and len(url.split("?t=")[1]) >= 22
    assert view.big_qr.text == url and view.small_qr.text == url
    shot = view.big_qr.grab().toImage()       # a QR code: black modules on white
    grey = np.array([shot.pixelColor(x, y).value() for x in range(0, shot.width(), 7)
                     for y in range(0, shot.height(), 7)])
    black, white = (grey < 64).sum(), (grey > 250).sum()       # the code's modules and its white square
    assert black > 500 and 0.3 < black / (black + white) < 0.7
    assert any("class is running" in r for r in window.close_refusals())
    labels = []
    nicknames = ["Ann", "<img src=x onerror=f()>", "李雷", ""]
    for i in range(12):
        label = int(embedded.y_test[i]) if i % 5 else int((embedded.y_test[i] + 1) % 10)   # some mislabelled
        labels.append(label)
        status, answer = _post(url, "/api/digit", {"label": label, "png": _phone_png(embedded.x_test[i]),
                                                   "nickname": nicknames[i % 4]}, f"phone-{i % 6:05d}")
        assert status == 200, answer
    qtbot.waitUntil(lambda: view.model.rowCount() == 12, timeout=10000)
    digits = view.model.digits()
    kept = ClassFolder(tmp_path / "lecture").read()
    assert sorted(d.id for d in digits) == sorted(d.id for d in kept)
    view.pages.setCurrentIndex(1)             # the wall and the matrix (drawn when on screen)
    np.testing.assert_array_equal(view.wall_page.confusion.counts, confusion(kept))
    right = sum(not d.wrong for d in kept)
    assert f"{100 * right / 12:.0f}%" in view.figures.text() and "12 digits" in view.figures.text()
    assert sum(d.wrong for d in kept) >= 3           # the mislabelled ones at least
    evil = next(d for d in digits if d.nickname.startswith("<img"))
    row = [view.model.item(r).data(Qt.UserRole + 1).id for r in range(12)].index(evil.id)
    assert view.model.item(row).toolTip() == "<qt>&lt;img src=x onerror=f()&gt;</qt>"
    # a cell of the confusion matrix filters the wall
    wrong = next(d for d in kept if d.wrong)
    view.wall_page.confusion.cell_clicked.emit(wrong.label, wrong.digit)
    shown = [view.wall_page.wall.filter.index(r, 0).data(Qt.UserRole + 1) for r in range(view.wall_page.wall.filter.rowCount())]
    assert shown and all((d.label, d.digit) == (wrong.label, wrong.digit) for d in shown)
    assert view.pages.currentIndex() == 1 and view.wall_page.all_button.isEnabled()
    QTest.mouseClick(view.wall_page.all_button, Qt.LeftButton)
    assert view.wall_page.wall.filter.rowCount() == 12
    # moderation: remove one; the folder forgets it too
    view.wall_page.wall.setCurrentIndex(view.wall_page.wall.filter.index(0, 0))
    gone = view.wall_page.wall.selected_digits()[0]
    assert view.wall_page.remove_button.isEnabled()
    QTest.mouseClick(view.wall_page.remove_button, Qt.LeftButton)
    assert view.model.rowCount() == 11 and not gone.path.exists()
    assert gone.id not in {d.id for d in ClassFolder(tmp_path / "lecture").read()}
    # paused: the phones hear why; nothing is kept
    QTest.mouseClick(view.pause_button, Qt.LeftButton)
    status, answer = _post(url, "/api/digit", {"label": 1, "png": _phone_png(embedded.x_test[20])}, "phone-late1")
    assert status == 503 and "paused" in answer["error"]
    QTest.mouseClick(view.pause_button, Qt.LeftButton)
    assert _post(url, "/api/digit", {"label": None, "png": _phone_png(embedded.x_test[20])}, "phone-late1")[0] == 200
    qtbot.waitUntil(lambda: view.model.rowCount() == 12, timeout=10000)
    # My digits gets the labelled ones
    before = sum(window.session.collection.counts())
    assert view.learn.add_to_my_digits() == 11
    assert sum(window.session.collection.counts()) == before + 11
    # the class ends: the server stops, the folder keeps the wall
    view.end_class()
    assert not view.running and view.start_button.isEnabled() and not view.end_button.isEnabled()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url, timeout=5)
    assert view.open_folder(str(tmp_path / "lecture"))
    assert sorted(d.id for d in view.model.digits()) == sorted(d.id for d in ClassFolder(tmp_path / "lecture").read())
    assert view.model.rowCount() == 12


def test_a_poll_shows_the_votes_as_they_arrive(window, qtbot, open_class):
    view = open_class
    assert not view.poll_controls.close_button.isEnabled()
    assert not view.ask("Which optimizer reaches the minimum first?", ["only one"])
    assert "2 to 6" in view.status.text()
    assert view.ask("Which optimizer reaches the minimum first?", ["SGD", "Momentum", "Adam"])
    assert view.pages.currentIndex() == 2 and view.poll_controls.close_button.isEnabled()
    for student, choice in (("s-000001", 2), ("s-000002", 2), ("s-000003", 1), ("s-000001", 0)):
        assert _post(view.join_url, "/api/vote", {"choice": choice}, student)[0] == 200
    qtbot.waitUntil(lambda: view.poll_chart.counts == (1, 1, 1), timeout=5000)
    heights = view.poll_chart.bars.opts["height"]
    assert list(heights) == [1, 1, 1]
    QTest.mouseClick(view.poll_controls.close_button, Qt.LeftButton)
    assert _post(view.join_url, "/api/vote", {"choice": 0}, "s-000004")[0] == 409


def test_fine_tuning_on_the_class_s_digits(window, qtbot, open_class, embedded):
    view = open_class
    for i in range(40):
        status, _ = _post(view.join_url, "/api/digit", {"label": int(embedded.y_test[i]),
                                                         "png": _phone_png(embedded.x_test[i])}, f"p-{i % 8:06d}")
        assert status == 200
    qtbot.waitUntil(lambda: view.model.rowCount() == 40, timeout=20000)
    tuning = view.learn.tuning
    assert str(tuning.collection.folder) == view.folder_label.text()
    assert tuning.tune_button.isEnabled(), tuning.hint.text()
    tuning.epochs_spin.setValue(1)
    with qtbot.waitSignal(tuning.model_tuned, timeout=120000) as tuned:
        QTest.mouseClick(tuning.tune_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: not tuning.running, timeout=120000)
        assert "→" in tuning.result_label.text(), tuning.hint.text()
    checkpoint, _ = tuned.args
    assert window.session.checkpoint is checkpoint
    assert "→" in tuning.result_label.text()
    # the class now hears the tuned model
    assert _post(view.join_url, "/api/digit", {"label": 3, "png": _phone_png(embedded.x_test[50])}, "p-late")[0] == 200


def test_a_taken_port_is_a_sentence(window, qtbot, tmp_path):
    import socket
    view = window.view("class")
    view.set_host("127.0.0.1")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        assert not view.start_class(port=s.getsockname()[1])
        assert "cannot listen" in view.status.text() and not view.running
        assert view.start_button.isEnabled() and not view.end_button.isEnabled()

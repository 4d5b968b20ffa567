"""The README's Class screenshots from the real window and a real browser, on 127.0.0.1:
python docs/make_class_screenshots.py          (offscreen; Debian's chromium and chromium-driver for the phone)

A simulated class: forty students send other people's handwriting (MNIST's test digits, drawn as a phone's page
sends them, at the sizes phones give), a few with the wrong label; then a poll; then one phone, in chromium."""
import base64
import io
import json
import os
import shutil
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _post(url, path, body, student):
    req = urllib.request.Request(url.replace("/?", f"{path}?"), json.dumps(body).encode(),
                                 {"Content-Type": "application/json", "X-Student": student})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def _phone(image28, side):
    img = Image.fromarray(255 - image28).resize((side, side), Image.Resampling.BILINEAR).convert("RGBA")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()


def main():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="tensordesk-docs-data-")
    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer

    from tensordesk.gui.app import create_app
    app = create_app([sys.argv[0]])
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp(prefix="tensordesk-docs-"))
    QCoreApplication.setApplicationName("TensorDeskScreenshots")
    from tensordesk.engine.data.datasets import load_embedded
    from tensordesk.gui.main_window import MainWindow

    def wait(seconds):
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    w = MainWindow()
    w.resize(1280, 800)
    w.show()
    while w.starting:
        wait(0.2)
    w.show_view("class")
    view = w.view("class")
    view.set_host("127.0.0.1")
    view.open_folder(tempfile.mkdtemp(prefix="tensordesk-class-"))
    assert view.start_class(port=0), view.status.text()
    wait(0.5)
    w.grab().save(str(DOCS / "class_join.png"))

    data = load_embedded()
    rng = np.random.default_rng(3)
    names = ["Ann", "Bo", "Chen", "Dara", "Eli", "Fei", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea", "李雷", "王芳",
             "Max", "Noa", "Omar", "Pia", "Quinn", "Rui"]
    for i in range(120):
        k = int(rng.integers(0, len(data.x_test)))
        label = int(data.y_test[k]) if rng.random() > 0.04 else int(rng.integers(0, 10))
        _post(view.join_url, "/api/digit", {"label": label, "png": _phone(data.x_test[k], int(rng.integers(150, 600))),
                                            "nickname": names[i % len(names)]}, f"student-{i % 40:04d}")
    wait(0.8)
    view.pages.setCurrentIndex(1)
    wait(0.3)
    kept = view.model.digits()
    wrong = [d for d in kept if d.wrong]
    if wrong:
        view.show_cell(wrong[0].label, wrong[0].digit)
        view.show_cell(None)
    w.grab().save(str(DOCS / "class_wall.png"))

    view.ask("Which optimizer reaches the minimum first?", ["SGD", "Momentum", "Adam", "They tie"])
    for s, choice in enumerate([2] * 17 + [1] * 11 + [0] * 4 + [3] * 3):
        _post(view.join_url, "/api/vote", {"choice": choice}, f"student-{s:04d}")
    wait(0.5)
    w.grab().save(str(DOCS / "class_poll.png"))

    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium and driver_path:
        sys.path.insert(0, str(ROOT / "tests" / "gui"))
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
        from test_class_browser import _browser, _draw_a_seven, _tap
        view.close_poll()
        driver = _browser()
        try:
            driver.get(view.join_url)
            driver.find_element(By.ID, "nickname").send_keys("Mei")
            _draw_a_seven(driver, driver.find_element(By.ID, "pad"))
            time.sleep(0.5)   # a finger lifts before it taps again (sooner, chromium takes it for a double tap)
            _tap(driver, driver.find_element(By.ID, "label-7"))
            shot = Image.open(io.BytesIO(driver.get_screenshot_as_png()))
            _tap(driver, driver.find_element(By.ID, "send"))
            WebDriverWait(driver, 30).until(lambda d: d.find_element(By.ID, "said").text)
            _draw_a_seven(driver, driver.find_element(By.ID, "pad"))
            driver.execute_script("document.getElementById('answer').scrollIntoView()")
            after = Image.open(io.BytesIO(driver.get_screenshot_as_png()))
            width = shot.width // 2
            both = Image.new("RGB", (width * 2 + 40, shot.height // 2), "white")
            both.paste(shot.convert("RGB").resize((width, shot.height // 2)), (0, 0))
            both.paste(after.convert("RGB").resize((width, after.height // 2)), (width + 40, 0))
            both.save(DOCS / "class_phone.png")
        finally:
            driver.quit()
    else:
        print("no chromium: the phone's screenshot is left as it was")
    view.end_class()
    w.close()
    app.processEvents()


if __name__ == "__main__":
    main()

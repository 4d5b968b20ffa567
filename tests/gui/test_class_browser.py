"""The student page in a real browser: Debian's headless chromium, driven by selenium, on a phone-sized viewport,
opens the QR code's address on 127.0.0.1, draws with pointer events, sends, sees the answer; the digit appears
on the window's wall. Skipped only where chromium and its driver are not installed (CI installs them)."""
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="Debian's chromium and chromium-driver are needed")


def _browser(language: str = "en-US"):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                f"--lang={language}", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--metrics-recording-only"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    options.add_experimental_option("mobileEmulation", {     # a phone: 390 × 844 CSS pixels at 3×, touch
        "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3.0, "touch": True}})
    return webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)


def _draw_a_seven(driver, pad) -> None:
    """A finger's stroke (W3C touch pointer actions): the bar, then the stem down to the left."""
    from selenium.webdriver.common.actions import interaction
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.actions.pointer_input import PointerInput
    box = driver.execute_script("var r = document.getElementById('pad').getBoundingClientRect();"
                                "return [r.left, r.top, r.width];")
    left, top, width = box
    s = width / 280           # the pad's own coordinates are 280 × 280
    finger = PointerInput(interaction.POINTER_TOUCH, "finger")
    actions = ActionBuilder(driver, mouse=finger, duration=15)
    points = [(60, 50), (100, 50), (140, 50), (180, 50), (220, 50), (205, 90), (190, 130), (175, 170), (160, 210),
              (150, 240)]
    x, y = points[0]
    actions.pointer_action.move_to_location(int(left + x * s), int(top + y * s)).pointer_down()
    for x, y in points[1:]:
        actions.pointer_action.move_to_location(int(left + x * s), int(top + y * s))
    actions.pointer_action.pointer_up()
    actions.perform()


def _tap(driver, element) -> None:
    """A finger's tap on an element (down, 80 ms, up), as a phone's user taps."""
    from selenium.webdriver.common.actions import interaction
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.actions.pointer_input import PointerInput
    x, y = driver.execute_script("arguments[0].scrollIntoView({block: 'center'});"
                                 "var r = arguments[0].getBoundingClientRect();"
                                 "return [r.left + r.width / 2, r.top + r.height / 2];", element)
    actions = ActionBuilder(driver, mouse=PointerInput(interaction.POINTER_TOUCH, "finger"))
    actions.pointer_action.move_to_location(int(x), int(y)).pointer_down().pause(0.08).pointer_up()
    actions.perform()


def test_a_phone_draws_sends_and_the_wall_shows_it(window, qtbot, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait
    view = window.view("class")
    window.show_view("class")
    view.set_host("127.0.0.1")
    assert view.open_folder(str(tmp_path / "lecture"))
    assert view.start_class(port=0)
    url = view.big_qr.text                # what the QR code carries
    assert url == view.join_url and url.startswith("http://127.0.0.1:")
    driver = _browser()
    try:
        driver.get(url)
        assert driver.title == "TensorDesk class"
        assert driver.execute_script("return window.innerWidth") <= 400      # a phone's viewport
        pad = driver.find_element(By.ID, "pad")
        send = driver.find_element(By.ID, "send")
        assert not send.is_enabled()                 # nothing drawn yet
        _draw_a_seven(driver, pad)
        assert send.is_enabled()
        ink = driver.execute_script(
            "var c = document.getElementById('pad'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height)"
            ".data, n = 0; for (var i = 0; i < d.length; i += 4) { if (d[i] < 128) n++; } return n;")
        assert ink > 1500                          # the strokes are on the pad
        driver.find_element(By.ID, "nickname").send_keys("<b>Mei</b>")
        _tap(driver, driver.find_element(By.ID, "label-7"))
        assert driver.find_element(By.ID, "label-7").get_attribute("aria-pressed") == "true"
        _tap(driver, send)
        said = WebDriverWait(driver, 30).until(ec.visibility_of_element_located((By.ID, "said")))
        WebDriverWait(driver, 30).until(lambda d: said.text.startswith("The network says "))
        bars = driver.find_elements(By.CSS_SELECTOR, "#bars .bar")
        assert len(bars) == 10
        digit = int(said.text.split("The network says ")[1][0])
        qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10000)
        kept = view.model.digits()[0]
        assert kept.label == 7 and kept.digit == digit and kept.nickname == "<b>Mei</b>"
        assert kept.path.is_file() and kept.path.parent.name == "7"
        assert digit == 7, f"the shipped model read the browser's 7 as {digit}"
        assert driver.find_element(By.ID, "status").text == ""
        assert not driver.find_element(By.ID, "send").is_enabled()        # the pad is cleared for the next one
        assert driver.find_element(By.ID, "label-7").get_attribute("aria-pressed") == "false"   # and the label
        # the lecturer asks; the page shows the question within a few seconds and the vote arrives
        assert view.ask("Which optimizer reaches the minimum first?", ["SGD", "Adam"])
        WebDriverWait(driver, 15).until(lambda d: d.find_element(By.ID, "pollQuestion").text.startswith("Which"))
        _tap(driver, driver.find_element(By.CSS_SELECTOR, "#choices button[data-choice='1']"))
        qtbot.waitUntil(lambda: view.poll_chart.counts == (0, 1), timeout=10000)
        # a page without the token is refused, and says how to join
        driver.get(url.split("?")[0])
        assert "QR code" in driver.find_element(By.TAG_NAME, "body").text
    finally:
        driver.quit()
        view.end_class()


def test_the_page_speaks_chinese_to_a_chinese_browser(window, tmp_path):
    from selenium.webdriver.common.by import By
    view = window.view("class")
    view.set_host("127.0.0.1")
    assert view.open_folder(str(tmp_path / "lecture"))
    assert view.start_class(port=0)
    driver = _browser("zh-CN")
    try:
        driver.get(view.join_url)
        assert driver.title == "TensorDesk 课堂"
        assert driver.find_element(By.ID, "send").text == "发送"
    finally:
        driver.quit()
        view.end_class()

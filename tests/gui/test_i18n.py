"""English and Simplified Chinese: the catalogue covers every text in the code, and switching the language
rebuilds the window with no English left in its main views (bar names that stay as they are)."""
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

# Names and notation kept in Chinese texts too: products, data sets, optimizers, layers, maths
KEPT = {"TensorFlow", "TensorBoard", "TensorDesk", "MNIST", "Fashion", "IDX", "CSV", "SGD", "Adam", "Nesterov",
        "RMSProp", "Adagrad", "ReLU", "relu", "sigmoid", "tanh", "softmax", "Softmax", "LSTM", "MLP", "PCA", "EMA",
        "L2", "Dropout", "dropout", "CPU", "GPU", "LR", "cos", "sin", "conv",
        "Ctrl", "Shift", "Alt", "Esc", "Del", "Home", "Right", "Space", "F1", "F11", "Li", "al", "tdm", "json", "py",
        "Python", "BN", "ETA", "Fashion-MNIST", "English", "t-SNE", "Keras", "keras", "tflite", "Lite",
        "PNG", "SVG", "GIF", "MP", "MB"}   # file formats and units keep their names


def visible_texts(root) -> list[tuple[str, str]]:
    """Every text a user can read in `root` and its children: labels, buttons, group titles, tab titles,
    combo-box items, menus and their actions, line-edit placeholders, plot titles and axis labels.
    [(where, text), …], for the translation coverage check."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QMenu, QTabWidget, QWidget

    from tensordesk.gui.widgets.data_text import data_parts
    out = []

    def add(where, text, data=()):
        for part in sorted(data, key=len, reverse=True):  # hardware names, paths, numbers: data, not words
            # (longest first: "5" must not cut into "2.5 MB" before that is taken out whole)
            text = (text or "").replace(part, " ")
        text = re.sub(r"<[^>]+>", " ", text or "").replace("&nbsp;", " ").replace("&", "").strip()
        if text:
            out.append((where, text))

    widgets = [root] + root.findChildren(QWidget)
    for w in widgets:
        name = f"{type(w).__name__}:{w.objectName()}"
        if isinstance(w, QLabel):
            add(name, w.text(), data_parts(w))
        elif isinstance(w, QAbstractButton):
            add(name, w.text())
        elif isinstance(w, QGroupBox):
            add(name, w.title())
        elif isinstance(w, QLineEdit):
            add(name, w.placeholderText())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(name, w.itemText(i), data_parts(w))
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(name, w.tabText(i))
        elif isinstance(w, QMenu):
            add(name, w.title())
            for a in w.actions():
                add(name, a.text())
    try:
        import pyqtgraph as pg
        for pw in root.findChildren(pg.GraphicsView):
            for item in pw.items():
                if isinstance(item, pg.AxisItem) and item.isVisible():
                    add("axis", item.labelText)
                elif isinstance(item, pg.LabelItem) and item.isVisible():
                    add("plot title", item.text)
    except ImportError:
        pass
    return out


def _messages(ts_path):
    out = {}
    for ctx in ET.parse(ts_path).getroot().iter("context"):
        for m in ctx.iter("message"):
            t = m.find("translation")
            out[(ctx.find("name").text, m.find("source").text)] = (t.text, t.get("type"))
    return out


def test_the_catalogue_covers_every_text_in_the_code(tmp_path):
    from tensordesk.gui.i18n import I18N_DIR, qt_tool, sources
    fresh = tmp_path / "fresh.ts"
    subprocess.run([qt_tool("lupdate"), *sources(), "-ts", str(fresh)], check=True, capture_output=True)
    in_code = set(_messages(fresh))
    shipped = _messages(I18N_DIR / "tensordesk_zh_CN.ts")
    missing = sorted(in_code - set(shipped))
    assert not missing, f"texts not in the catalogue (run python -m tensordesk.gui.i18n update): {missing[:5]}"
    unfinished = [k for k, (text, kind) in shipped.items() if k in in_code and (kind or not text)]
    assert not unfinished, f"untranslated: {unfinished[:5]}"
    for (_ctx, source), (text, _) in shipped.items():
        assert sorted(set(re.findall(r"%\d", source))) == sorted(set(re.findall(r"%\d", text))), source
    assert len(in_code) > 300


def test_engine_names_are_all_marked_for_translation():
    from tensordesk.engine.models.architectures import ARCHITECTURES
    from tensordesk.engine.models.optimizers import OPTIMIZERS
    from tensordesk.gui.names import ENGINE_TEXTS
    for arch in ARCHITECTURES.values():
        assert arch.title in ENGINE_TEXTS and arch.description in ENGINE_TEXTS, arch.key
    assert {o.title for o in OPTIMIZERS.values()} - set(ENGINE_TEXTS) <= KEPT
    from tensordesk.engine.core.reasons import TEMPLATES
    from tensordesk.engine.data.datasets import SOURCES
    assert {s.title for s in SOURCES.values()} <= set(ENGINE_TEXTS)
    assert set(TEMPLATES.values()) <= set(ENGINE_TEXTS)   # end and divergence sentences


def _english_words(texts):
    bad = []
    for where, text in texts:
        words = re.findall(r"[A-Za-z][A-Za-z'’-]+", text)
        left = [w for w in words if w not in KEPT and not re.fullmatch(r"[a-z]\d?|\d+[a-z]+", w)]
        if left:
            bad.append((where, text))
    return bad


@pytest.fixture
def english_afterwards():
    yield
    from tensordesk.gui.i18n import install_language
    install_language("en")


def test_switching_to_chinese_rebuilds_the_window_with_no_english_left(window, qtbot, english_afterwards):
    import tensordesk.gui.app
    from tensordesk.gui.i18n import current_language
    assert window.view("train").start_button.text() == "Start"
    tensordesk.gui.app._windows[:] = [window]
    window.lecture.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: tensordesk.gui.app._windows[0] is not window, timeout=10000)
    zh = tensordesk.gui.app._windows[0]
    try:
        qtbot.waitUntil(lambda: zh.engine_is_ready, timeout=60000)
        assert current_language() == "zh_CN" and not window.isVisible()
        assert zh.lecture.language_actions["zh_CN"].isChecked()
        # key widgets, in the seeds' terms
        assert zh.view("train").start_button.text() == "开始"
        assert zh.view("train").panel.bn_check.text() == "批标准化"
        tabs = [zh.tabs.tabText(i) for i in range(zh.tabs.count())]
        assert "批标准化实验室" in tabs and "梯度下降实验室" in tabs
        assert zh.view("train").panel.arch_combo.itemText(zh.view("train").panel.arch_combo.findData("cnn")) == "卷积神经网络（经典）"
        menus = [a.text() for a in zh.menuBar().actions()]
        assert "预设(&P)" in menus and "帮助(&H)" in menus
        preset_titles = [a.text() for m in zh.menuBar().actions() if m.menu() for a in m.menu().actions()]
        assert "局部最小值" in preset_titles
        # every main view: nothing left in English
        for i in range(zh.tabs.count()):
            zh.tabs.setCurrentIndex(i)
            qtbot.wait(50)
        assert _english_words(visible_texts(zh)) == []
        assert QCoreApplication.translate("TrainView", "Start") == "开始"
        zh.show_shortcuts()                                   # F1's title and the embedded data's name, in Chinese
        assert "键盘快捷键" in " ".join(label.text() for label in zh.shortcut_overlay.findChildren(QLabel))
        zh.shortcut_overlay.hide()
        assert QCoreApplication.translate("engine", "MNIST (embedded subset)") == "MNIST（内置子集）"
        # and back to English
        zh.lecture.set_language("en")
        qtbot.waitUntil(lambda: tensordesk.gui.app._windows[0] is not zh, timeout=10000)
        en = tensordesk.gui.app._windows[0]
        qtbot.waitUntil(lambda: en.engine_is_ready, timeout=60000)
        assert en.view("train").start_button.text() == "Start" and current_language() == "en"
        assert len(_english_words(visible_texts(en))) > 50   # the check does see English when it is there
        en.close()
    finally:
        zh.close()
        tensordesk.gui.app._windows[:] = []


def test_the_language_follows_the_system_unless_chosen(monkeypatch):
    from PySide6.QtCore import QLocale, QSettings

    from tensordesk.gui import i18n
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("zh_CN")))
    s = QSettings()
    s.setValue(i18n.SETTING, "")
    assert i18n.chosen_language(s) == "zh_CN"
    s.setValue(i18n.SETTING, "en")
    assert i18n.chosen_language(s) == "en"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    s.setValue(i18n.SETTING, "")
    assert i18n.chosen_language(s) == "en"


def test_hardware_names_and_versions_are_data_not_untranslated_words(qtbot):
    """A CPU model such as "Intel(R) Xeon(R) Processor @ 2.50GHz" is shown as it is in every language; only
    the template around it is the program's text, so the check passes on any machine."""
    from PySide6.QtWidgets import QLabel

    from tensordesk.gui.widgets.data_text import data_parts, set_text_with_data
    label = QLabel()
    qtbot.addWidget(label)
    name = "Intel(R) Xeon(R) Processor @ 2.50GHz"
    set_text_with_data(label, "%1  ·  TensorFlow %2", f"CPU: {name}", "2.21.0")
    assert label.text() == f"CPU: {name}  ·  TensorFlow 2.21.0"
    assert data_parts(label) == [f"CPU: {name}", "2.21.0"]
    assert _english_words(visible_texts(label)) == []
    set_text_with_data(label, "%1 loaded from %2", "model", "/home/student/Models/mine.tdm")
    assert _english_words(visible_texts(label)) == [("QLabel:", "loaded from")]   # the template still counts


def test_one_word_for_epochs_in_chinese():
    """轮次 everywhere (a page said 轮数)."""
    from tensordesk.gui.i18n import I18N_DIR
    text = (I18N_DIR / "tensordesk_zh_CN.ts").read_text(encoding="utf-8")
    assert "轮数" not in text and text.count("轮次") >= 5

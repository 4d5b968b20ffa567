"""Languages: English (the source texts) and Simplified Chinese, through Qt's translation system.

The translations live in assets/i18n/: `tensordesk_<lang>.ts` is the source (edit it with Qt Linguist, or
refresh it from the code with `python -m tensordesk.gui.i18n update`), `tensordesk_<lang>.qm` its compiled form, which
`python -m tensordesk.gui.i18n release` writes. The language is the one chosen in View → Language, or the system's.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from tensordesk.engine.core.files import ASSETS

I18N_DIR = ASSETS / "i18n"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}   # each in its own language, as language menus show them
SETTING = "view/language"                            # "" (or absent): follow the system

_installed: list[QTranslator] = []


def system_language() -> str:
    """zh_CN for any Chinese system locale, English otherwise (the only two shipped)."""
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def chosen_language(settings: QSettings | None = None) -> str:
    """The language the user picked, or the system's when they picked none."""
    value = str((settings or QSettings()).value(SETTING, "") or "")
    return value if value in LANGUAGES else system_language()


def current_language() -> str:
    return "zh_CN" if _installed else "en"


def install_language(language: str) -> bool:
    """Replace the application's translators with `language`'s (TensorDesk's and Qt's own, for standard
    dialogs). English removes them. Returns False when the compiled translation is missing."""
    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if language == "en":
        return True
    ours = QTranslator(app)
    if not ours.load(str(I18N_DIR / f"tensordesk_{language}.qm")):
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    qt = QTranslator(app)   # "OK", "Cancel", file dialogs: Qt ships these when the wheel includes them
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return True


def sources() -> list[str]:
    return sorted(str(p) for p in (Path(__file__).resolve().parent).rglob("*.py"))


def qt_tool(name: str) -> str:
    """Qt's lupdate / lrelease as the PySide6 wheel ships them (what the pyside6-lupdate script runs)."""
    import PySide6
    return str(Path(PySide6.__file__).resolve().parent / name)


def main(argv: list[str]) -> int:
    """`update`: refresh the .ts files from the code; `release`: compile them to .qm."""
    what = argv[0] if argv else "release"
    for language in LANGUAGES:
        if language == "en":
            continue
        ts = I18N_DIR / f"tensordesk_{language}.ts"
        if what == "update":
            cmd = [qt_tool("lupdate"), *sources(), "-no-obsolete", "-ts", str(ts)]
        else:
            cmd = [qt_tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))]
        subprocess.run(cmd, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

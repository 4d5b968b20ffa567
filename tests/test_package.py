"""The installed package: one top-level name, every module importable under it, every asset shipped."""
import fnmatch
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_every_module_imports_under_the_one_package_name(tmp_path):
    """No module reaches for the old top-level names (`engine`, `gui`, `main`): run from an unrelated folder,
    importing all of tensordesk leaves none of them in sys.modules."""
    code = ("import importlib, pkgutil, sys\n"
            "import tensordesk\n"
            "names = [m.name for m in pkgutil.walk_packages(tensordesk.__path__, 'tensordesk.')\n"
            "         if m.name.split('.')[1] in ('engine', 'gui', 'main')]\n"
            "for name in names: importlib.import_module(name)\n"
            "stray = sorted(m for m in sys.modules if m.split('.')[0] in ('engine', 'gui', 'main'))\n"
            "assert not stray, stray\n"
            "print(len(names))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=180,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert int(proc.stdout.split()[-1]) > 50


def test_every_asset_is_package_data():
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert config["package-dir"] == {"tensordesk": "."}
    # every package folder of the code is listed (a new sub-package left out would be missing from the wheel)
    folders = {"tensordesk." + ".".join(p.parent.relative_to(ROOT).parts)
               for top in ("engine", "gui") for p in (ROOT / top).rglob("__init__.py")}
    assert folders <= set(config["packages"]), folders - set(config["packages"])
    patterns = config["package-data"]["tensordesk.assets"]
    tracked = subprocess.run(["git", "ls-files", "assets"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    files = tracked or [str(p.relative_to(ROOT)) for p in (ROOT / "assets").rglob("*") if p.is_file()]
    left_out = [f for f in files if not any(fnmatch.fnmatch(f.removeprefix("assets/"), p) for p in patterns)]
    assert len(files) > 10 and not left_out, left_out
    # and the code finds them where the package puts them
    from tensordesk.engine.core.files import ASSETS
    from tensordesk.gui.i18n import I18N_DIR
    from tensordesk.gui.presets import PRESET_DIR
    assert ASSETS.is_dir() and I18N_DIR.parent == ASSETS and PRESET_DIR.parent == ASSETS

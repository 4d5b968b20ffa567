import subprocess
import sys


def test_no_engine_module_imports_qt():
    """Every module under tensordesk.engine, sub-packages included, imports without PySide6 or pyqtgraph."""
    code = ("import importlib, pkgutil, sys\n"
            "import tensordesk.engine as engine\n"
            "names = [m.name for m in pkgutil.walk_packages(engine.__path__, 'tensordesk.engine.')]\n"
            "for name in names: importlib.import_module(name)\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'PyQt5', 'PyQt6', 'qtpy')]\n"
            "assert not bad, bad\n"
            "print(' '.join(names)); print(len(sys.modules))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    names, loaded = proc.stdout.strip().splitlines()[-2:]
    assert {"tensordesk.engine.training.trainer", "tensordesk.engine.labs.parallel"} <= set(names.split())  # labs/ too
    assert int(loaded) > 100  # the modules really were imported (TensorFlow among them)

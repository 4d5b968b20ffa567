"""Smoke check of an installed wheel, run from a folder that is not the clone (.ci/run does this).

What it installs sits under one top-level name; `tensordesk --help`, a one-epoch softmax run on the embedded
digits and `predict` on a PNG work; the window opens with its presets and its Chinese translation.
"""
from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path


def check(ok: bool, what: str) -> None:
    print(("ok    " if ok else "FAIL  ") + what, flush=True)
    if not ok:
        sys.exit(1)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(["tensordesk", *args], capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        print(proc.stdout[-3000:], proc.stderr[-3000:], sep="\n")
    return proc


def main() -> None:
    here = Path.cwd()
    files = metadata.files("tensordesk")
    tops = sorted({f.parts[0] for f in files if not f.parts[0].endswith(".dist-info") and f.parts[0] != ".."})
    check(tops == ["tensordesk"], f"one top-level name in site-packages: {tops}")
    import tensordesk
    location = Path(tensordesk.__file__).resolve().parent
    check(here not in location.parents and "site-packages" in str(location), f"imported from {location}")
    for asset in ("assets/mnist_embedded.npz", "assets/i18n/tensordesk_zh_CN.qm", "assets/presets/06_overfitting.json",
                  "assets/pretrained_digits.tdm"):
        check((location / asset).is_file(), f"ships {asset}")

    proc = run_cli("--help")
    check(proc.returncode == 0 and "train" in proc.stdout, "tensordesk --help")

    proc = run_cli("train", "--arch", "softmax", "--epochs", "1", "--quiet", "--save", "softmax.tdm",
                      "--json", "summary.json")
    summary = json.loads(Path("summary.json").read_text()) if proc.returncode == 0 else {}
    check(proc.returncode == 0 and Path("softmax.tdm").is_file(), "tensordesk train --arch softmax --epochs 1")
    print("      summary:", {k: summary[k] for k in list(summary)[:8]})

    from PIL import Image

    from tensordesk.engine.data.datasets import load_embedded
    data = load_embedded()
    images = []
    for i in range(10):   # dark ink on white paper, three times MNIST's size
        Image.fromarray(255 - data.x_test[i]).resize((84, 84)).save(f"digit{i}.png")
        images.append(f"digit{i}.png")
    proc = run_cli("predict", "--model", "softmax.tdm", "--json", *images)
    rows = json.loads(proc.stdout) if proc.returncode == 0 else []
    right = sum(row["digit"] == int(y) for row, y in zip(rows, data.y_test[:10]))
    check(len(rows) == 10 and right >= 7, f"tensordesk predict on 10 PNG digits: {right} right")
    from tensordesk.engine.models.checkpoints import SHIPPED_MODEL
    proc = run_cli("predict", "--model", str(SHIPPED_MODEL), "--json", *images)
    rows = json.loads(proc.stdout) if proc.returncode == 0 else []
    right = sum(row["digit"] == int(y) for row, y in zip(rows, data.y_test[:10]))
    check(len(rows) == 10 and right >= 8, f"the shipped model on the same 10 digits: {right} right")

    from PySide6.QtCore import QCoreApplication, QSettings, QTimer

    from tensordesk.gui.app import create_app
    app = create_app(["tensordesk"])
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(here / "settings"))
    from tensordesk.gui.i18n import install_language
    from tensordesk.gui.presets import shipped_presets
    check(len(shipped_presets()) >= 8, f"{len(shipped_presets())} presets")
    check(install_language("zh_CN") and QCoreApplication.translate("TrainView", "Start") == "开始",
          "the Chinese translation loads")
    install_language("en")
    from tensordesk.gui.main_window import MainWindow
    window = MainWindow()
    window.show()
    window.engine_ready.connect(lambda: QTimer.singleShot(0, wait_for_model))

    def wait_for_model():
        if window.starting:
            QTimer.singleShot(100, wait_for_model)
        else:
            app.quit()
    QTimer.singleShot(120000, app.quit)
    app.exec()
    check(window.engine_is_ready, "the window opens and loads TensorFlow")
    check(window.session.checkpoint is not None and window.session.checkpoint.meta.get("shipped"),
          "Draw has the shipped model on a first launch")
    window.close()
    print("wheel smoke check passed")


if __name__ == "__main__":
    main()

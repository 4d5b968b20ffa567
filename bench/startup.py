"""Startup: process start → main window shown (first paint), and → TensorFlow ready (the Train button enabled).

    xvfb-run -a -s "-screen 0 1600x1000x24" python bench/startup.py [--repeats 5]

Each repeat starts a fresh Python process that builds the real window exactly as `python main.py` does and
prints wall-clock stamps; this script takes them relative to the moment it launched the process (so interpreter
start-up and imports count). Medians and ranges are printed. `--offscreen` runs without an X server.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys, time
stamps = {}
from PySide6.QtCore import QEvent, QObject, QTimer
from tensordesk.gui.app import create_app
app = create_app(["tensordesk"])
from tensordesk.gui.main_window import MainWindow
stamps["gui_imported"] = time.time()

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and "shown" not in stamps:
            stamps["shown"] = time.time()
        return False

window = MainWindow()
spy = FirstPaint()
window.installEventFilter(spy)
window.show()

def ready():
    stamps["tf_ready"] = time.time()
    QTimer.singleShot(0, app.quit)

window.engine_ready.connect(ready)
if window.engine_is_ready:
    ready()
QTimer.singleShot(60000, app.quit)
app.exec()
for k, v in stamps.items():
    print(k, repr(v))
window.close()
"""


def one_run(env) -> dict:
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT)], capture_output=True, text=True, env=env,
                         timeout=120)
    stamps = {}
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("gui_imported", "shown", "tf_ready"):
            stamps[parts[0]] = float(parts[1]) - t0
    if "shown" not in stamps:
        raise SystemExit(f"the window did not paint:\n{out.stdout}\n{out.stderr[-2000:]}")
    return stamps


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--offscreen", action="store_true", help="QT_QPA_PLATFORM=offscreen (no X server needed)")
    args = ap.parse_args()
    env = dict(os.environ)
    if args.offscreen:
        env["QT_QPA_PLATFORM"] = "offscreen"
    runs = [one_run(env) for _ in range(args.repeats)]
    print(f"startup over {args.repeats} fresh processes ({os.cpu_count()} CPUs), seconds after launch:")
    for key, label in (("gui_imported", "Qt + GUI imported"), ("shown", "window shown (first paint)"),
                       ("tf_ready", "TensorFlow ready")):
        values = [r[key] for r in runs if key in r]
        if values:
            print(f"  {label:<28} median {statistics.median(values):5.2f}   range {min(values):.2f}–{max(values):.2f}")


if __name__ == "__main__":
    main()

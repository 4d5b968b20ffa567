"""Startup: process start → main window shown (first paint), → the first answer to a digit put on Draw's canvas at
the first paint, and → TensorFlow ready (the Train button enabled); how late a 20 ms timer fires from the first
paint until a second after TensorFlow is ready (worst and p99: the window's responsiveness while it loads).

    xvfb-run -a -s "-screen 0 1600x1000x24" python bench/startup.py [--repeats 5] [--runs 500]

Each repeat starts a fresh Python process that builds the real window exactly as `python main.py` does and
prints wall-clock stamps; this script takes them relative to the moment it launched the process (so interpreter
start-up and imports count). Medians and ranges are printed. `--offscreen` runs without an X server.
`--runs N` measures, interleaved, a user with no recorded runs and one with N runs in the history (engine/runs/store.py),
each with a fresh data and settings folder; "history listed" is when the Train tab's history table is filled.
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

import numpy as np
late = []          # the 20 ms timer's lateness after the first paint, until TensorFlow is ready (+1 s)
ticks = [0.0]
digit = np.zeros((28, 28), np.uint8)
digit[4:24, 12:16] = 255              # a "1", put on Draw's canvas at the first paint, as if drawn at once


def tick():
    now = time.perf_counter()
    if ticks[0]:
        late.append(max(0.0, now - ticks[0] - 0.020))
    ticks[0] = now
    if "answer" not in stamps and draw.panel.probabilities is not None:
        stamps["answer"] = time.time()
    if "tf_ready" in stamps and time.time() - stamps["tf_ready"] > 1.0:
        timer.stop()


timer = QTimer()
timer.setInterval(20)
timer.timeout.connect(tick)


def first_paint():
    stamps["shown"] = time.time()
    draw.show_image(digit, "")
    if draw.panel.probabilities is not None:
        stamps["answer"] = time.time()
    timer.start()


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and "shown" not in stamps:
            stamps["shown"] = -1.0
            QTimer.singleShot(0, first_paint)
        return False

window = MainWindow()
draw = window.view("draw")
spy = FirstPaint()
window.installEventFilter(spy)
window.show()

def ready():
    stamps["tf_ready"] = time.time()
    QTimer.singleShot(1100, app.quit)

def history():
    if window.view("train").history.loaded:
        stamps["history"] = time.time()
    else:
        QTimer.singleShot(5, history)

QTimer.singleShot(0, history)
window.engine_ready.connect(ready)
if window.engine_is_ready:
    ready()
QTimer.singleShot(60000, app.quit)
app.exec()
for k, v in stamps.items():
    print(k, repr(v))
if late:
    print("late_max", repr(max(late)))
    print("late_p99", repr(float(np.percentile(late, 99))))
window.close()
"""


def one_run(env) -> dict:
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT)], capture_output=True, text=True, env=env,
                         timeout=120)
    stamps = {}
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("gui_imported", "shown", "tf_ready", "history", "answer"):
            stamps[parts[0]] = float(parts[1]) - t0
        elif len(parts) == 2 and parts[0] in ("late_max", "late_p99"):
            stamps[parts[0]] = float(parts[1])
    if "answer" in stamps and "shown" in stamps:
        stamps["answer_after_paint"] = stamps["answer"] - stamps["shown"]
    if "shown" not in stamps:
        raise SystemExit(f"the window did not paint:\n{out.stdout}\n{out.stderr[-2000:]}")
    return stamps


def fake_history(data_home: Path, n: int) -> None:
    """`n` recorded runs as TensorDesk writes them (a 3-epoch MLP's figures each) in the default runs folder."""
    import json
    runs = data_home / "TensorDesk" / "runs"
    steps = "step,epoch,loss,accuracy,learning_rate\n" + "".join(
        f"{i},{1 + (i - 1) // 100},{2.3 / i ** 0.5:.5f},{min(0.99, 0.1 + i / 330):.4f},0.001\n" for i in range(1, 301))
    epochs = "epoch,step,loss,accuracy,val_loss,val_accuracy,learning_rate\n" + "".join(
        f"{e},{100 * e},{0.5 / e:.4f},{0.8 + e / 20:.4f},{0.4 / e:.4f},{0.85 + e / 25:.4f},0.001\n" for e in (1, 2, 3))
    for i in range(n):
        folder = runs / f"20261101-{i:06d}-mlp-{i:06x}"
        folder.mkdir(parents=True)
        (folder / "run.json").write_text(json.dumps({
            "format": "tensordesk-run", "format_version": 1, "id": folder.name, "label": f"MLP run {i}",
            "created": f"2026-11-01T{(i // 3600) % 24:02d}:{(i // 60) % 60:02d}:{i % 60:02d}", "arch": "mlp",
            "dataset": "mnist-embedded", "spec": {"arch": "mlp"}, "config": {"epochs": 3, "seed": i % 5},
            "seed": i % 5, "group": "", "state": "finished", "steps": 300, "epochs": 3,
            "test_accuracy": 0.95 + (i % 7) / 1000, "message": "Finished 3 epochs (300 steps)."}))
        (folder / "steps.csv").write_text(steps)
        (folder / "epochs.csv").write_text(epochs)


def report(runs, title) -> None:
    print(title)
    for key, label in (("gui_imported", "Qt + GUI imported"), ("shown", "window shown (first paint)"),
                       ("answer", "first answer (drawn at paint)"), ("answer_after_paint", "  … after the paint"),
                       ("history", "history listed"), ("tf_ready", "TensorFlow ready"),
                       ("late_max", "20 ms timer: worst lateness"), ("late_p99", "20 ms timer: p99 lateness")):
        values = [r[key] for r in runs if key in r]
        if values:
            print(f"  {label:<28} median {statistics.median(values):5.2f}   range {min(values):.2f}–{max(values):.2f}")


def main():
    import tempfile
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--runs", type=int, default=0, help="also measure with this many recorded runs in the history")
    ap.add_argument("--offscreen", action="store_true", help="QT_QPA_PLATFORM=offscreen (no X server needed)")
    args = ap.parse_args()
    env = dict(os.environ)
    if args.offscreen:
        env["QT_QPA_PLATFORM"] = "offscreen"
    if not args.runs:
        runs = [one_run(env) for _ in range(args.repeats)]
        report(runs, f"startup over {args.repeats} fresh processes ({os.cpu_count()} CPUs), seconds after launch:")
        return
    homes = {}
    for n in (0, args.runs):   # a fresh data and settings folder each: no history, and N runs
        home = Path(tempfile.mkdtemp(prefix=f"tensordesk-startup-{n}-"))
        fake_history(home / "data", n)
        homes[n] = {**env, "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    results = {0: [], args.runs: []}
    for _ in range(args.repeats):   # interleaved, so the machine's drift hits both alike
        for n in results:
            results[n].append(one_run(homes[n]))
    for n, runs in results.items():
        report(runs, f"{n} recorded runs, {args.repeats} fresh processes ({os.cpu_count()} CPUs), seconds after launch:")
    delta = [b["shown"] - a["shown"] for a, b in zip(results[0], results[args.runs])]
    print(f"first paint with {args.runs} runs minus without, pair by pair: median {statistics.median(delta):+.3f} s, "
          f"range {min(delta):+.3f}–{max(delta):+.3f}")


if __name__ == "__main__":
    main()

"""How smooth the labs stay at full animation speed: lateness of a 10 ms QTimer on the GUI thread while
each lab runs flat out, and steps per second reached. Run: xvfb-run -a python bench/lab_responsiveness.py
(add --offscreen to skip the 3D view)."""
import argparse
import os
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--offscreen", action="store_true")
    args = ap.parse_args()
    if args.offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer

    from tensordesk.gui.app import create_app
    app = create_app([])
    from tensordesk.gui.labs.batchnorm_lab import BatchNormExperiment
    from tensordesk.gui.labs.curve_fit import CurveFitPane
    from tensordesk.gui.labs.descent_lab import DescentExperiment

    def measure(pane, configure, name):
        pane.resize(1400, 900)
        pane.show()
        configure(pane)
        pane.lab_controls.speed.setValue(pane.lab_controls.speed.maximum())
        pane.ensure_started()
        t0 = time.time()
        while not (pane.controller.running and pane._pending_start is None) and time.time() - t0 < 60:
            app.processEvents()
            time.sleep(0.005)
        for _ in range(50):
            app.processEvents()
            time.sleep(0.01)
        late, last = [], [None]

        def tick():
            now = time.perf_counter()
            if last[0] is not None:
                late.append((now - last[0] - 0.010) * 1000)
            last[0] = now
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        timer.start()
        start = time.perf_counter()
        pane.toggle_play()
        while not pane.finished_run and time.perf_counter() - start < 300:
            app.processEvents()
            time.sleep(0.001)
        wall = time.perf_counter() - start
        timer.stop()
        steps = pane.step
        late = np.maximum(np.array(late), 0)
        print(f"{name:38s} {steps:6d} steps in {wall:5.1f} s = {steps / wall:7.0f} steps/s; 10 ms timer lateness "
              f"p50 {np.percentile(late, 50):5.1f} ms, p99 {np.percentile(late, 99):5.1f} ms, max {late.max():5.1f} ms")
        pane.shutdown()
        pane.close()

    exp = DescentExperiment()
    if not args.offscreen:
        exp.attach_3d()
    measure(exp, lambda p: p.set_settings(model="sincos", optimizers=["sgd", "momentum", "adam", "rmsprop"],
                                          steps=2000),
            f"descent, 4 optimizers, {'3D + ' if exp.view3d else ''}contour")
    measure(BatchNormExperiment(), lambda p: p.set_settings(steps=1000, record_every=10), "batch norm, tanh")
    measure(CurveFitPane(), lambda p: p.steps_spin.setValue(5000), "curve fitting")


if __name__ == "__main__":
    main()

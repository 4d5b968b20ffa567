"""The Playground, measured. Two parts (both by default):

  window: the real window at 1280×720 runs the lab with 6 hidden layers of 8 neurons, a 100×100 grid, batch 10, at
          full speed for 10 s: boundary frames drawn per second, training steps per second, and the window's 10 ms
          timer's lateness (p99, max).
  claims: headless, the statements docs/PERFORMANCE.md makes: the spiral from x₁ and x₂ alone (the smallest of a
          list of networks reaching ≥ 95% test accuracy, and the steps it took), the circle from x₁² and x₂² with no
          hidden layer, XOR from x₁x₂.

    python bench/playground.py [--offscreen] [--part window|claims]
"""
import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def steps_to(settings, target=0.95, max_epochs=1000):
    """(first step with test accuracy ≥ target or None, final test accuracy, parameters) of a headless lab."""
    from tensordesk.engine.labs.playground import Experiment, PlaygroundLab
    lab = PlaygroundLab(Experiment(settings.replace(epochs=max_epochs, grid=10)))
    lab.begin()
    frame = None
    while not lab.done:
        frame = lab.advance()[-1]
        if frame.test_accuracy is not None and frame.test_accuracy >= target:
            return frame.step, frame.test_accuracy, lab.model.count_params()
    return None, frame.test_accuracy, lab.model.count_params()


def claims():
    from tensordesk.engine.labs.playground import PlaygroundSettings
    base = PlaygroundSettings()
    print("circle, x1sq,x2sq, no hidden layer (SGD 0.03, batch 10):", steps_to(base.replace(
        data="circle", features="x1sq,x2sq", layers="none")))
    print("xor, x1x2, no hidden layer:", steps_to(base.replace(data="xor", features="x1x2", layers="none")))
    print("spiral from x1, x2 alone (Adam 0.01, batch 10, at most 2,000 epochs), smallest first:")
    nets = [(layers, act) for layers in ("4,4", "8", "6,6", "4,4,4", "8,8", "6,6,6", "4,4,4,4", "6,6,6,6",
                                         "8,8,8") for act in ("relu", "tanh")]
    for layers, act in nets:
        t = time.perf_counter()
        step, acc, params = steps_to(base.replace(data="spiral", features="x1,x2", layers=layers, activation=act,
                                                  optimizer="adam", learning_rate=0.01), max_epochs=2000)
        print(f"  {layers:<8} {act:<5} {params:>4} parameters: "
              f"{'≥ 95% at step ' + format(step, ',') if step else 'not 95% in 2,000 epochs'} "
              f"(test accuracy {acc:.1%}; {time.perf_counter() - t:.0f} s)", flush=True)


def window():
    import numpy as np
    from bench_window import ready_window
    from PySide6.QtCore import QTimer

    from tensordesk.engine.labs.playground import Experiment, PlaygroundSettings
    app, w, _ = ready_window((1280, 720), view="playground")
    pane = w.view("playground")
    pane.set_experiment(Experiment(PlaygroundSettings(data="spiral", layers="8,8,8,8,8,8", batch_size=10,
                                                      epochs=100_000, grid=100)))
    t = time.perf_counter()
    while pane.editor is None or pane.frame is None:
        app.processEvents()
        time.sleep(0.001)
        if time.perf_counter() - t > 120:
            sys.exit("the lab did not start")
    late, last = [], [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        late.append(now - last[0] - 0.010)
        last[0] = now
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    pane.toggle_play()
    t0, drawn0, step0 = time.perf_counter(), pane.frames_drawn, pane.frame.step
    timer.start()
    while time.perf_counter() - t0 < 10:
        app.processEvents()
        time.sleep(0.001)
    dt = time.perf_counter() - t0
    frames, steps = pane.frames_drawn - drawn0, pane.frame.step - step0
    timer.stop()
    pane.toggle_play()
    lateness = np.asarray(late[5:]) * 1000
    print(f"6×8 tanh, grid 100, batch 10, full speed, {dt:.1f} s: {frames / dt:.1f} boundary frames/s, "
          f"{steps / dt:,.0f} training steps/s; 10 ms timer lateness p99 {np.percentile(lateness, 99):.1f} ms, "
          f"max {lateness.max():.1f} ms", flush=True)
    w.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--offscreen", action="store_true")
    ap.add_argument("--part", choices=("window", "claims", "both"), default="both")
    args = ap.parse_args()
    if args.offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if args.part in ("window", "both"):
        window()
    if args.part in ("claims", "both"):
        claims()


if __name__ == "__main__":
    main()

"""UI responsiveness while a CNN trains in the real window, and training throughput window vs headless.

    xvfb-run -a -s "-screen 0 1280x1024x24" python bench/ui_responsiveness.py [--arch cnn] [--limit 4000]

Prints: lateness of a 10 ms QTimer (p50/p99) during training; plot repaints per second; draw → prediction
latency (p50/p99) idle and while training; samples/s headless vs in the window (same process, interleaved).
"""
import argparse
import statistics
import time

import numpy as np  # noqa: E402


def pct(values, q):
    return float(np.percentile(np.asarray(values), q)) if values else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", default="cnn")
    ap.add_argument("--limit", type=int, default=4000)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--profile", action="store_true", help="print the GUI thread's profile of the first run")
    ap.add_argument("--sort", default="tottime", help="profile order (tottime, cumulative)")
    ap.add_argument("--top", type=int, default=12, help="profile lines printed")
    ap.add_argument("--keep-runs", action="store_true",
                    help="leave earlier runs' curves on the plot (default: each window run starts with an empty "
                         "plot, so repeats measure the same window)")
    ap.add_argument("--histograms", type=int, default=None,
                    help="batches between histogram events in the window (default: the window's own)")
    args = ap.parse_args()

    from bench_window import ready_window
    app, w, load_s = ready_window()
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QPoint, Qt, QTimer
    from PySide6.QtTest import QTest

    from tensordesk.engine.data.datasets import load_embedded
    from tensordesk.engine.models.architectures import default_spec
    from tensordesk.engine.training.config import default_config
    from tensordesk.engine.training.trainer import Trainer

    print(f"TensorFlow ready after {load_s:.1f} s ({w.session.device.describe()})")
    ds = load_embedded()
    p = w.view("train").panel
    p.select(p.arch_combo, args.arch)
    p.epochs_spin.setValue(args.epochs)
    w.view("train").set_limit(args.limit)
    if args.histograms is not None:
        w.view("train").histogram_every = args.histograms

    def headless():
        cfg = default_config(args.arch, epochs=args.epochs, max_train_samples=args.limit, evaluate_test=False)
        return Trainer(default_spec(args.arch), cfg, ds).run()["train_samples_per_s"]

    def stroke(canvas, k):
        r = canvas.rect()
        x = 0.3 + 0.05 * (k % 5)
        pts = [QPoint(int(r.width() * x), int(r.height() * (0.2 + 0.6 * i / 10))) for i in range(11)]
        QTest.mousePress(canvas, Qt.LeftButton, Qt.NoModifier, pts[0])
        for q in pts[1:]:
            QTest.mouseMove(canvas, q)
        QTest.mouseRelease(canvas, Qt.LeftButton, Qt.NoModifier, pts[-1])

    lateness, idle_lat, busy_lat, fps, gui_cpu = [], [], [], [], []
    quiet = []  # ticks of the runs without strokes (only the last run has a user drawing on the canvas)
    window_rates, headless_rates = [], []
    for rep in range(args.repeats):
        headless_rates.append(headless())
        # ---- in the window
        timer = QTimer()
        timer.setInterval(10)
        clock = QElapsedTimer()
        last = {"t": None}

        def tick():
            now = clock.nsecsElapsed() / 1e6
            if last["t"] is not None:
                lateness.append(max(0.0, now - last["t"] - 10.0))
                if not strokes.isActive():
                    quiet.append(lateness[-1])
            last["t"] = now

        timer.timeout.connect(tick)
        result = {}
        w.view("train").controller.finished.connect(lambda e: result.setdefault("r", e.result))
        if not args.keep_runs:
            w.view("train").plots.remove_all()
        repaints0 = w.view("train").plots.repaints
        w.tabs.setCurrentIndex(0)
        w.view("train").start_training()
        while w.view("train").progress.value() < 3:
            app.processEvents()
            time.sleep(0.002)
        clock.start()
        timer.start()
        t_start = time.perf_counter()
        # the real event loop (not a polling loop): strokes come from a timer, as a user's would
        loop = QEventLoop()
        w.view("train").controller.running_changed.connect(lambda running: None if running else loop.quit())
        strokes = QTimer()
        strokes.setInterval(500)
        state = {"k": 0}

        def do_stroke():
            w.tabs.setCurrentIndex(1)
            w.view("draw").last_latency_ms = None
            stroke(w.view("draw").canvas, state["k"])
            state["k"] += 1
            if w.view("draw").last_latency_ms is not None:
                busy_lat.append(w.view("draw").last_latency_ms)

        strokes.timeout.connect(do_stroke)
        if rep == args.repeats - 1:
            strokes.start()
        cpu0 = time.thread_time()
        if w.view("train").controller.running:
            if args.profile and rep == 0:
                import cProfile
                import pstats
                prof = cProfile.Profile()
                prof.runcall(loop.exec)
                pstats.Stats(prof).sort_stats(args.sort).print_stats(args.top)
            else:
                loop.exec()
        gui_cpu.append((time.thread_time() - cpu0) / (time.perf_counter() - t_start))
        strokes.stop()
        timer.stop()
        fps.append((w.view("train").plots.repaints - repaints0) / (time.perf_counter() - t_start))
        while "r" not in result:
            app.processEvents()
        window_rates.append(result["r"]["train_samples_per_s"])
    w.tabs.setCurrentIndex(1)
    for k in range(30):
        w.view("draw").last_latency_ms = None
        stroke(w.view("draw").canvas, k)
        app.processEvents()
        if w.view("draw").last_latency_ms is not None:
            idle_lat.append(w.view("draw").last_latency_ms)
    print(f"{args.arch}, {args.limit} images × {args.epochs} epochs, {args.repeats} interleaved repeats")
    print(f"  10 ms timer lateness while training: p50 {pct(lateness, 50):.1f} ms, p99 {pct(lateness, 99):.1f} ms "
          f"({len(lateness)} ticks)")
    print(f"  … in the runs without strokes: p50 {pct(quiet, 50):.1f} ms, p99 {pct(quiet, 99):.1f} ms "
          f"({len(quiet)} ticks)")
    quiet_cpu = gui_cpu[:-1] or gui_cpu
    print(f"  GUI thread CPU while training: {statistics.median(quiet_cpu):.1%} of one core without strokes, "
          f"{gui_cpu[-1]:.1%} with  (runs: {', '.join(f'{c:.1%}' for c in gui_cpu)})")
    print(f"  curve repaints per second (per run, dirty only): {statistics.median(fps):.1f}")
    print(f"  draw → prediction idle: p50 {pct(idle_lat, 50):.1f} ms, p99 {pct(idle_lat, 99):.1f} ms "
          f"({len(idle_lat)} strokes)")
    print(f"  draw → prediction while training: p50 {pct(busy_lat, 50):.1f} ms, p99 {pct(busy_lat, 99):.1f} ms "
          f"({len(busy_lat)} strokes)")
    print(f"  samples/s headless {statistics.median(headless_rates):,.0f}  runs {headless_rates}")
    print(f"  samples/s window   {statistics.median(window_rates):,.0f}  runs {window_rates}")
    pairs = [wr / hr for wr, hr in zip(window_rates, headless_rates)]
    print(f"  ratio window / headless = {statistics.median(window_rates) / statistics.median(headless_rates):.3f} "
          f"(medians); per interleaved pair: median {statistics.median(pairs):.3f}, "
          f"runs {', '.join(f'{r:.3f}' for r in pairs)}")
    w.close()


if __name__ == "__main__":
    main()

"""How fast the timeline scrubs: from the slider's move to the view redrawn, per view, for the MLP and the classic
CNN. Each is a recorded run trained 2 epochs on 2,000 embedded digits, its snapshots kept; the window opens its
last snapshot (`RUN@last`) and the slider then jumps between snapshots in a fixed random order.

Draw (the answer and bars), Inside the network (saliency, feature maps), Neurons and Histograms redraw on the
window's thread: timed from `slider.setValue` to the end of the view's repaint. The points map (PCA of 2,000
digits) and Evaluate (the embedded test split) compute in the background: timed to their result drawn, and the
window's longest stall meanwhile (a 10 ms timer's worst lateness) says whether the slider stayed free. The first
move of each view (the first of all reads a snapshot from disk; the network's two copies are built and
traced in the background when the run is opened, before the first move); the median is over the others (their weights cached).

    python bench/timeline.py [--offscreen] [--moves 8] [--arch mlp cnn]
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def record_run(folder, arch, data, epochs=2):
    from tensordesk.engine.models.architectures import default_spec
    from tensordesk.engine.runs.store import RunStore
    from tensordesk.engine.training.config import default_config
    from tensordesk.engine.training.trainer import Trainer
    store = RunStore(folder)
    spec, cfg = default_spec(arch), default_config(arch, epochs=epochs)
    recorder = store.recorder(f"{arch} film", spec.to_dict(), cfg.to_dict(), data.name)
    trainer = Trainer(spec, cfg, data, recorder)
    recorder.attach(trainer)
    trainer.run()
    return recorder.id


class Stalls:
    """The worst lateness of a 10 ms timer on the window's thread between `reset` and `worst`."""

    def __init__(self):
        from PySide6.QtCore import QTimer
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last, self.max = time.perf_counter(), 0.0
        self.timer.start()

    def _tick(self):
        now = time.perf_counter()
        self.max = max(self.max, now - self.last - 0.010)
        self.last = now

    def reset(self):
        self.last, self.max = time.perf_counter(), 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--offscreen", action="store_true", help="no display needed (QT_QPA_PLATFORM=offscreen)")
    ap.add_argument("--moves", type=int, default=8)
    ap.add_argument("--arch", nargs="+", default=["mlp", "cnn"])
    args = ap.parse_args()
    if args.offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import dataclasses

    import numpy as np
    from bench_window import ready_window

    from tensordesk.engine.data.datasets import load_embedded
    from tensordesk.gui.timeline import TimelineBar
    app, w, _ = ready_window((1280, 720), view="draw")
    embedded = load_embedded()
    data = dataclasses.replace(embedded, x_train=embedded.x_train[:2000], y_train=embedded.y_train[:2000])
    folder = tempfile.mkdtemp(prefix="tensordesk-film-")
    stalls = Stalls()

    def wait(done, limit=120.0):
        t = time.perf_counter()
        while not done():
            app.processEvents()
            if time.perf_counter() - t > limit:
                raise TimeoutError
            time.sleep(0.001)

    print(f"{'model':<6} {'view':<12} {'first (ms)':>10} {'median (ms)':>12} {'max (ms)':>9} {'stall (ms)':>11}")
    for arch in args.arch:
        run_id = record_run(folder, arch, data)
        w.view("train").history.set_folder(folder)
        assert w.files.open_model(f"{run_id}@last")
        tl = w.session.timeline
        t = time.perf_counter()
        wait(lambda: not tl.preparing)     # as a user would, a moment after opening the run
        print(f"{arch}: the film's networks built in the background in {time.perf_counter() - t:.2f} s", flush=True)
        n = len(tl.film)
        rng = np.random.default_rng(0)
        draw = w.view("draw")
        draw.show_image(embedded.x_test[7], "a test digit")

        def views():
            yield "draw", lambda: (w.show_view("draw"), draw.pages.setCurrentWidget(draw.panel)), draw, None
            yield "inside", lambda: (w.show_view("draw"), draw.pages.setCurrentWidget(draw.insight)), draw, None
            yield "neurons", lambda: (w.show_view("draw"), draw.pages.setCurrentWidget(draw.neurons)), draw, None
            yield "histograms", lambda: w.show_view("histograms"), w.view("histograms"), None
            points = draw.points

            def points_ready(before):
                return points.result is not before and not points.job.running
            yield "points map", lambda: (w.show_view("draw"), draw.pages.setCurrentWidget(points),
                                         points.compute(), wait(lambda: points.result is not None
                                                                and not points.job.running)), \
                draw, (lambda: points.result, points_ready)
            ev = w.view("evaluate")
            jobs = w.session.jobs

            def evaluated(before):
                return ev.evaluation is not before and not jobs.evaluating
            yield "evaluate", lambda: (w.show_view("evaluate"), jobs.evaluate(),
                                       wait(lambda: ev.evaluation is not None and not jobs.evaluating)), \
                ev, (lambda: ev.evaluation, evaluated)

        for name, prepare, view, background in views():
            tl.now()
            prepare()
            bar = view.findChild(TimelineBar)
            times, stall = [], 0.0
            order = [int(i) for i in rng.permutation(n)][:args.moves + 1]
            for index in order:
                if tl.position is not None and tl.position.index == index:
                    continue
                before = background[0]() if background else None
                applied = tl.applied
                stalls.reset()
                t = time.perf_counter()
                bar.slider.setValue(index)
                wait(lambda: tl.applied > applied)
                if background:
                    try:
                        wait(lambda: background[1](before))
                    except TimeoutError:
                        sys.exit(f"{name}: no result after 120 s ({draw.points.note.text()!r}, "
                                 f"{w.view('evaluate').summary.text()!r})")
                    stall = max(stall, stalls.max)
                else:
                    app.processEvents()
                view.repaint()
                times.append((time.perf_counter() - t) * 1000)
            first, warm = times[0], times[1:]
            print(f"{arch:<6} {name:<12} {first:>10.0f} {statistics.median(warm):>12.0f} {max(warm):>9.0f} "
                  f"{stall * 1000 if background else float('nan'):>11.0f}", flush=True)
        tl.now()
        wait(lambda: not draw.points.job.running and not w.session.jobs.running)
    w.close()


if __name__ == "__main__":
    main()

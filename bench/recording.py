"""Training throughput in the window while it records, against the same window not recording (same process,
interleaved), and what one recorded frame costs the GUI thread.

    python bench/recording.py [--arch cnn] [--limit 4000] [--epochs 2] [--repeats 2] [--fps 10]
    (offscreen: QT_QPA_PLATFORM=offscreen; or under xvfb-run as bench/ui_responsiveness.py)

Prints samples/s for: not recording; recording the Train view to a GIF; recording the whole window to an MP4;
each as a ratio to not recording; the mean grab time per frame and the frames written.
"""
import argparse
import statistics
import tempfile
import time
from pathlib import Path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", default="cnn")
    ap.add_argument("--limit", type=int, default=4000)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--fps", type=int, default=10)
    args = ap.parse_args()

    from bench_window import ready_window
    app, w, _ = ready_window()
    from tensordesk.engine.core.recording import read_frames
    print(f"{w.session.device.describe()}; {args.arch}, {args.limit} images × {args.epochs} epochs; {args.fps} fps; "
          f"Qt platform {app.platformName()}")
    p = w.view("train").panel
    p.select(p.arch_combo, args.arch)
    p.epochs_spin.setValue(args.epochs)
    w.view("train").set_limit(args.limit)
    out = Path(tempfile.mkdtemp(prefix="tensordesk-bench-rec-"))

    def run(mode: str, rep: int) -> float:
        result = {}
        w.view("train").controller.finished.connect(lambda e: result.setdefault("r", e.result))
        w.view("train").plots.remove_all()
        w.tabs.setCurrentIndex(0)
        if mode != "off":
            path = out / f"{mode}-{rep}{'.gif' if mode == 'view-gif' else '.mp4'}"
            assert w.recording.start(str(path), "view" if mode == "view-gif" else "window", args.fps)
        w.view("train").start_training()
        while "r" not in result or w.view("train").controller.running:
            app.processEvents()
            time.sleep(0.002)
        if mode != "off":
            grab = w.recording.recorder.grab_ms
            w.recording.stop()
            while w.recording.recorder.writing:
                app.processEvents()
                time.sleep(0.01)
            frames = len(read_frames(path))
            stats[mode]["grab"].append(grab)
            stats[mode]["frames"].append(frames)
            stats[mode]["bytes"].append(path.stat().st_size)
        return result["r"]["train_samples_per_s"]

    modes = ("off", "view-gif", "window-mp4")
    stats = {m: {"rate": [], "grab": [], "frames": [], "bytes": []} for m in modes}
    for rep in range(args.repeats):
        for mode in modes if rep % 2 == 0 else modes[::-1]:
            stats[mode]["rate"].append(run(mode, rep))
    base = statistics.median(stats["off"]["rate"])
    for mode in modes:
        s = stats[mode]
        rate = statistics.median(s["rate"])
        line = f"  {mode:<11} samples/s {rate:8,.0f}  (runs {[round(r) for r in s['rate']]})  ratio {rate / base:.3f}"
        if s["grab"]:
            line += (f"  grab {statistics.mean(s['grab']):.1f} ms/frame  frames {s['frames']}  "
                     f"{statistics.mean(s['bytes']) / 1e6:.1f} MB")
        print(line)
    w.close()


if __name__ == "__main__":
    main()

"""Engine training throughput versus plain `keras.Model.fit` on the same model and data, in one process.

    python bench/engine_vs_fit.py [--arch mlp] [--batch 128] [--epochs 4] [--repeats 3] [--dataset fashion]

Both sides train from the same initial weights; samples/s is measured from the end of epoch 1 to the
end of the last epoch (tracing excluded), runs interleaved, medians printed, ratio engine / fit.
"""
import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine import events as ev  # noqa: E402
from engine.datasets import load_dataset  # noqa: E402
from engine.models import build_model, default_spec  # noqa: E402
from engine.training import Trainer, TrainConfig, as_float_images, make_optimizer, AdjustableSchedule  # noqa: E402


def engine_rate(spec, cfg, ds):
    marks = []

    def listener(e):
        if isinstance(e, ev.EpochEnded):
            marks.append(time.perf_counter())

    Trainer(spec, cfg, ds, listener).run()
    return len(ds.x_train) * (len(marks) - 1) / (marks[-1] - marks[0])


def fit_rate(spec, cfg, ds, numpy_input):
    import keras
    marks = []

    class Mark(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            marks.append(time.perf_counter())

    model = build_model(spec, seed=cfg.seed)
    model.compile(optimizer=make_optimizer(cfg, AdjustableSchedule(cfg.learning_rate)),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    x, y = as_float_images(ds.x_train), ds.y_train.astype("int32")
    if numpy_input:
        model.fit(x, y, batch_size=cfg.batch_size, epochs=cfg.epochs, verbose=0, callbacks=[Mark()])
    else:
        from engine.training import make_pipeline
        model.fit(make_pipeline(x, y, cfg.batch_size, True, 0), epochs=cfg.epochs, verbose=0, shuffle=False,
                  callbacks=[Mark()])
    return len(x) * (len(marks) - 1) / (marks[-1] - marks[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", default="mlp")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--dataset", default="fashion")
    ap.add_argument("--limit", type=int, default=20000)
    args = ap.parse_args()
    ds = load_dataset(args.dataset, validation_size=0 if args.dataset != "mnist-embedded" else 1)
    ds = dataclasses.replace(ds, x_train=ds.x_train[: args.limit], y_train=ds.y_train[: args.limit],
                             x_val=ds.x_val[:0], y_val=ds.y_val[:0])
    spec = default_spec(args.arch)
    cfg = TrainConfig(epochs=args.epochs, batch_size=args.batch, optimizer="adam", learning_rate=1e-3,
                      evaluate_test=False)
    rows = {"engine": [], "fit(tf.data)": [], "fit(numpy)": []}
    for _ in range(args.repeats):
        rows["fit(tf.data)"].append(fit_rate(spec, cfg, ds, False))
        rows["engine"].append(engine_rate(spec, cfg, ds))
        rows["fit(numpy)"].append(fit_rate(spec, cfg, ds, True))
    med = {k: statistics.median(v) for k, v in rows.items()}
    print(f"{args.arch}, batch {args.batch}, {len(ds.x_train):,} samples × {args.epochs} epochs, "
          f"{args.repeats} interleaved repeats (median samples/s)")
    for k, v in med.items():
        print(f"  {k:<14} {v:>10,.0f}   runs: {', '.join(f'{r:,.0f}' for r in rows[k])}")
    print(f"  ratio engine / fit(tf.data) = {med['engine'] / med['fit(tf.data)']:.3f}")
    print(f"  ratio engine / fit(numpy)   = {med['engine'] / med['fit(numpy)']:.3f}")


if __name__ == "__main__":
    main()

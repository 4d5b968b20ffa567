"""Engine training speed versus plain Keras `fit` and versus the seeds' own TF1 loop, in one process.

    python bench/engine_speed.py                       # every seed model at batch 128, and the MLP at 32
    python bench/engine_speed.py --models mlp:32 cnn:128 --limit 12800 --epochs 3 --repeats 2

Per model and batch size, three ways of training the same network on the same data, interleaved:
- engine: `Trainer.run()` with the GUI's live events on (every batch reported, histograms every 25 batches);
- fit:    `keras.Model.fit` on the same Keras model, compiled with the same optimizer;
- tf1:    a `tf.compat.v1` graph of the same layers, a Session and `feed_dict` per batch, fetching the loss
          every step: the loop the seed tutorials use (`sess.run([train_step, loss], feed_dict=...)`).
All use Adam (learning rate 1e-3) and reshuffle every epoch. samples/s is timed from the end of epoch 1 to the
end of the last epoch (tracing and warm-up excluded); medians over the repeats are printed with the ratios.
The data are the first `--limit` training images of full Fashion-MNIST (the Debian IDX files) when present,
else the embedded MNIST subset.
"""
import argparse
import dataclasses
import os
import statistics
import time
from pathlib import Path

import numpy as np  # noqa: E402

from tensordesk.engine.core import events as ev  # noqa: E402
from tensordesk.engine.data.datasets import load_dataset  # noqa: E402
from tensordesk.engine.models.architectures import build_model, default_spec  # noqa: E402
from tensordesk.engine.training.config import TrainConfig
from tensordesk.engine.training.steps import as_float_images, make_pipeline
from tensordesk.engine.training.trainer import Trainer

DEFAULT_MODELS = ("softmax:128", "mlp:128", "mlp:32", "dnn:128", "cnn:128", "cnn-compact:128", "lstm:128")


def _rate(n: int, marks: list) -> float:
    return n * (len(marks) - 1) / (marks[-1] - marks[0])


def engine_rate(spec, cfg, ds) -> float:
    marks, events = [], []

    def listener(e):
        events.append(e)  # what the GUI adapter does: keep (queue) every event
        if isinstance(e, ev.EpochEnded):
            marks.append(time.perf_counter())

    Trainer(spec, dataclasses.replace(cfg, histogram_every=25), ds, listener).run()
    return _rate(len(ds.x_train), marks)


def fit_rate(spec, cfg, ds) -> float:
    import keras
    marks = []

    class Mark(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            marks.append(time.perf_counter())

    model = build_model(spec, seed=cfg.seed)
    model.compile(optimizer=keras.optimizers.Adam(cfg.learning_rate), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    x, y = as_float_images(ds.x_train), ds.y_train.astype("int32")
    model.fit(make_pipeline(x, y, cfg.batch_size, True, cfg.seed), epochs=cfg.epochs, verbose=0, shuffle=False,
              callbacks=[Mark()])
    return _rate(len(x), marks)


# --------------------------------------------------------------------------- the seeds' TF1 graphs

def _tf1_graph(arch: str, v1, tf):
    """Placeholders, logits and the keep-probability feed of `arch`, built as the seeds build them."""
    glorot = v1.glorot_uniform_initializer()

    def dense(x, n, name, act=None):
        w = v1.get_variable(f"{name}_w", [int(x.shape[-1]), n], initializer=glorot)
        b = v1.get_variable(f"{name}_b", [n], initializer=v1.zeros_initializer())
        y = tf.matmul(x, w) + b
        return act(y) if act else y

    def conv(x, k, n, stride, name):
        w = v1.get_variable(f"{name}_w", [k, k, int(x.shape[-1]), n], initializer=glorot)
        b = v1.get_variable(f"{name}_b", [n], initializer=v1.zeros_initializer())
        return tf.nn.relu(tf.nn.conv2d(x, w, strides=[1, stride, stride, 1], padding="SAME") + b)

    def pool(x):
        return tf.nn.max_pool2d(x, ksize=2, strides=2, padding="VALID")

    x = v1.placeholder(tf.float32, [None, 28, 28], name="x")
    y = v1.placeholder(tf.int32, [None], name="y")
    keep = v1.placeholder_with_default(1.0, [], name="keep_prob")
    feeds = {}
    if arch in ("softmax", "mlp", "dnn"):
        h = tf.reshape(x, [-1, 784])
        for i, n in enumerate({"softmax": (), "mlp": (500,), "dnn": (300, 50, 50, 20)}[arch]):
            h = dense(h, n, f"h{i}", tf.nn.relu)
    elif arch == "cnn":
        h = tf.reshape(x, [-1, 28, 28, 1])
        h = pool(conv(h, 5, 32, 1, "conv1"))
        h = pool(conv(h, 5, 64, 1, "conv2"))
        h = tf.nn.dropout(dense(tf.reshape(h, [-1, 7 * 7 * 64]), 1024, "fc1", tf.nn.relu), rate=1 - keep)
        feeds = {keep: 0.5}
    elif arch == "cnn-compact":
        h = tf.reshape(x, [-1, 28, 28, 1])
        h = conv(h, 3, 32, 1, "conv1")
        h = pool(conv(h, 3, 64, 2, "conv2"))
        h = dense(tf.reshape(h, [-1, 7 * 7 * 64]), 64, "fc1", tf.nn.relu)
    elif arch == "lstm":  # seed 002: rows → dense 128 → static_rnn(BasicLSTMCell(128)) over the 28 rows → 10
        rows = tf.nn.relu(tf.reshape(dense(tf.reshape(x, [-1, 28]), 128, "rows_in"), [-1, 28, 128]))
        w = v1.get_variable("lstm_w", [256, 512], initializer=glorot)
        b = v1.get_variable("lstm_b", [512], initializer=v1.zeros_initializer())
        c = h = tf.zeros_like(rows[:, 0, :])
        for t in range(28):
            i, j, f, o = tf.split(tf.matmul(tf.concat([rows[:, t, :], h], 1), w) + b, 4, axis=1)
            c = c * tf.sigmoid(f + 1.0) + tf.sigmoid(i) * tf.tanh(j)
            h = tf.tanh(c) * tf.sigmoid(o)
    else:
        raise SystemExit(f"no TF1 graph for '{arch}'")
    logits = dense(h, 10, "out")
    return x, y, logits, feeds


def tf1_rate(arch, cfg, ds) -> float:
    import tensorflow as tf
    v1 = tf.compat.v1
    graph = tf.Graph()
    with graph.as_default():
        v1.set_random_seed(cfg.seed)
        x, y, logits, feeds = _tf1_graph(arch, v1, tf)
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
        train_op = v1.train.AdamOptimizer(cfg.learning_rate).minimize(loss)
        init = v1.global_variables_initializer()
    xs, ys = as_float_images(ds.x_train), ds.y_train.astype(np.int32)
    rng = np.random.default_rng(cfg.seed)
    marks = []
    with v1.Session(graph=graph) as sess:
        sess.run(init)
        for _ in range(cfg.epochs):
            order = rng.permutation(len(xs))
            for start in range(0, len(xs), cfg.batch_size):
                idx = order[start:start + cfg.batch_size]
                sess.run([train_op, loss], feed_dict={x: xs[idx], y: ys[idx], **feeds})
            marks.append(time.perf_counter())
    return _rate(len(xs), marks)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", nargs="+", default=list(DEFAULT_MODELS), help="arch:batch pairs")
    ap.add_argument("--limit", type=int, default=12800, help="training images used")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--only", nargs="+", choices=("engine", "fit", "tf1"), default=("engine", "fit", "tf1"))
    args = ap.parse_args()
    name = "fashion" if Path("/usr/share/datasets/fashion-mnist").exists() else "mnist-embedded"
    ds = load_dataset(name, validation_size=0)
    ds = dataclasses.replace(ds, x_train=ds.x_train[: args.limit], y_train=ds.y_train[: args.limit],
                             x_val=ds.x_val[:0], y_val=ds.y_val[:0])
    print(f"{ds.title}: {len(ds.x_train):,} images × {args.epochs} epochs, {args.repeats} interleaved repeats, "
          f"{os.cpu_count()} CPUs; median samples/s (epochs 2–{args.epochs})", flush=True)
    print(f"{'model':<16}{'engine':>10}{'fit':>10}{'tf1':>10}{'eng/fit':>9}{'eng/tf1':>9}", flush=True)
    for item in args.models:
        arch, batch = item.split(":")
        spec = default_spec(arch)
        cfg = TrainConfig(epochs=args.epochs, batch_size=int(batch), optimizer="adam", learning_rate=1e-3,
                          evaluate_test=False)
        runs = {k: [] for k in args.only}
        for _ in range(args.repeats):
            for kind in args.only:
                rate = {"engine": lambda: engine_rate(spec, cfg, ds), "fit": lambda: fit_rate(spec, cfg, ds),
                        "tf1": lambda: tf1_rate(arch, cfg, ds)}[kind]()
                runs[kind].append(rate)
        med = {k: statistics.median(v) for k, v in runs.items()}

        def cell(k):
            return f"{med[k]:>10,.0f}" if k in med else f"{'—':>10}"

        def ratio(a, b):
            return f"{med[a] / med[b]:>9.2f}" if a in med and b in med else f"{'—':>9}"

        print(f"{item:<16}{cell('engine')}{cell('fit')}{cell('tf1')}{ratio('engine', 'fit')}"
              f"{ratio('engine', 'tf1')}   runs: " + "; ".join(
                  f"{k} {', '.join(f'{r:,.0f}' for r in v)}" for k, v in runs.items()), flush=True)


if __name__ == "__main__":
    main()

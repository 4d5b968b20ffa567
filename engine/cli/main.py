"""Headless command line: `train` and `predict` (more subcommands join as labs land).

Bad arguments exit with code 2 and a usage message naming the problem; engine errors (bad files,
bad settings) likewise end in one sentence, never a traceback.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from tensordesk.engine.cli.args import (
    data_source,
    fraction,
    fraction_or_zero,
    non_negative_float,
    positive_int,
    write_json,
)
from tensordesk.engine.cli.labs import add_lab_parser, run_lab
from tensordesk.engine.cli.runs import add_runs_parser, run_runs
from tensordesk.engine.core import jsonable
from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.engine.core.events import RunState
from tensordesk.engine.core.settings import add_option
from tensordesk.engine.data.datasets import DEFAULT_SOURCE, parse_source, source_names
from tensordesk.engine.models.architectures import ARCHITECTURES
from tensordesk.engine.models.optimizers import OPTIMIZERS
from tensordesk.engine.training.config import TrainConfig

MODEL_HELP = ("a saved .tdm model, a Keras .keras model, or a recorded run's weights at a step: RUN@STEP, RUN@first, "
              "RUN@last (RUN: an id from `runs list`)")


def add_subcommands(sub) -> None:
    """Register the engine's subcommands on an argparse subparsers object."""
    t = sub.add_parser("train", help="train a model without a window and print a JSON summary")
    t.add_argument("--arch", choices=tuple(ARCHITECTURES), default="cnn", help="architecture (default: cnn)")
    t.add_argument("--dataset", type=data_source, default=DEFAULT_SOURCE,
                   help=f"{', '.join(source_names())} (default: {DEFAULT_SOURCE})")
    # the training settings' declarations (engine/training/config.py) check these and write their help
    add_option(t, TrainConfig, "epochs")
    add_option(t, TrainConfig, "batch_size", default=None, default_text="the architecture's")
    add_option(t, TrainConfig, "learning_rate", "--lr", default=None, default_text="the architecture's", dest="lr")
    t.add_argument("--optimizer", choices=tuple(OPTIMIZERS), help="default: the architecture's")
    add_option(t, TrainConfig, "lr_schedule", "--schedule", default=None, default_text="the architecture's",
               dest="schedule")
    add_option(t, TrainConfig, "decay_rate", default=None, default_text="the architecture's")
    t.add_argument("--bn", action="store_true", help="batch normalisation after each hidden layer")
    t.add_argument("--dropout", type=fraction)
    t.add_argument("--l2", type=non_negative_float)
    t.add_argument("--activation", choices=("relu", "tanh", "sigmoid", "elu"))
    t.add_argument("--ema", action="store_true", help="evaluate with an exponential moving average of the weights")
    t.add_argument("--augment", action="store_true",
                   help="train on randomly rotated, shifted, zoomed, elastically bent, thicker or thinner digits, "
                        "and on MNIST with half the 1s, 7s and 9s written the continental way (robust to other "
                        "people's handwriting)")
    t.add_argument("--logdir", metavar="DIR", help="write TensorBoard logs (scalars, weight and activation "
                   "histograms) to a new sub-folder of DIR")
    t.add_argument("--trajectory", action="store_true",
                   help="keep the weights 4 times an epoch in the saved model (for `landscape --directions pca`)")
    t.add_argument("--seed-settings", action="store_true",
                   help="use the seed tutorial's own optimizer, rate, batch and regularisation")
    add_option(t, TrainConfig, "seed")
    t.add_argument("--limit", type=positive_int, help="train on the first N training images only")
    t.add_argument("--validation", type=int, help="validation images carved from the training split")
    t.add_argument("--save", metavar="PATH", help="save the trained model (.tdm)")
    t.add_argument("--json", metavar="PATH", help="write the summary as JSON")
    t.add_argument("--quiet", action="store_true", help="no progress bar")
    t.add_argument("--runs-dir", metavar="DIR", help="record the run in this runs folder (default: the user's "
                                                     "data folder, TensorDesk/runs)")
    t.add_argument("--no-record", action="store_true", help="do not record the run in the runs folder")
    t.add_argument("--snapshot-mb", type=non_negative_float, default=None, metavar="MB",
                   help="the most disk the run's weights along training may take (default 64; 0: keep none); "
                        "RUN@STEP opens them")
    t.add_argument("--label", help="the run's name in the history (default: the architecture and settings)")
    t.add_argument("--repeat", type=positive_int, default=1, metavar="N",
                   help="train N times with seeds SEED, SEED+1, …; prints the mean ± std of the test accuracy")
    t.add_argument("--strategy", choices=("auto", "one", "mirrored", "multi-worker"), default="auto",
                   help="tf.distribute: auto mirrors over all local GPUs when there are two or more (default); "
                        "one device; mirrored; multi-worker (configured by TF_CONFIG)")
    t.add_argument("--cpu-replicas", type=positive_int, default=None, metavar="N",
                   help="split the CPU into N logical devices, so --strategy mirrored runs N replicas without GPUs")

    add_lab_parser(sub)
    from tensordesk.engine.cli.missions import add_missions_parser
    add_missions_parser(sub)
    from tensordesk.engine.cli.classroom import add_class_parser
    add_class_parser(sub)

    add_runs_parser(sub)

    e = sub.add_parser("evaluate", help="test accuracy, per-class accuracy and confusion matrix of a saved model")
    e.add_argument("--model", required=True, metavar="PATH", help=MODEL_HELP)
    e.add_argument("--dataset", type=data_source, default=None,
                   help="the data set whose test split is used (default: the one the model was trained on)")
    e.add_argument("--json", metavar="PATH", help="also write the numbers to this JSON file")
    e.add_argument("--noise", type=non_negative_float, default=0.0, metavar="SIGMA",
                   help="damage the test images with Gaussian noise of this σ (pixels in [0, 1])")
    e.add_argument("--rotate", type=float, default=0.0, metavar="DEGREES", help="rotate the test images")
    e.add_argument("--thicken", type=int, default=0, metavar="PIXELS",
                   help="thicker strokes by this many pixels (negative: thinner)")
    e.add_argument("--shift", type=float, default=0.0, metavar="PIXELS", help="shift the test images right and down")
    e.add_argument("--threshold", type=fraction_or_zero, default=None, metavar="P",
                   help="answer only when the top probability is at least P (else \"I don't know\"); adds coverage "
                        "and the accuracy on the answered images")

    ls = sub.add_parser("landscape", help="the loss of a saved model on a 2-D slice of weight space around it")
    ls.add_argument("--model", required=True, metavar="PATH", help=MODEL_HELP)
    ls.add_argument("--grid", type=positive_int, default=21, help="points a side (default 21)")
    ls.add_argument("--directions", choices=("random", "pca"), default="random",
                    help="filter-normalised random directions, or the top 2 PCA directions of the saved trajectory")
    ls.add_argument("--dataset", type=data_source, default=None,
                    help="whose test images the loss is computed on (default: the model's own data set)")
    ls.add_argument("--images", type=positive_int, default=1000, help="test images used (default 1,000)")
    ls.add_argument("--seed", type=int, default=0, help="seed of the random directions")
    ls.add_argument("--json", metavar="PATH", help="also write the grid to this JSON file")

    p = sub.add_parser("predict", help="classify image files with a saved model")
    p.add_argument("--model", required=True, metavar="PATH", help=MODEL_HELP)
    p.add_argument("images", nargs="+", metavar="IMAGE")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")

    x = sub.add_parser("export-model", help="write a saved model as a standard Keras file (.keras) or as TensorFlow "
                                            "Lite (.tflite)")
    x.add_argument("model", metavar="MODEL", help=MODEL_HELP)
    for sp in (e, ls, p, x):
        sp.add_argument("--runs-dir", metavar="DIR", help="where RUN@STEP's run is (default: the user's runs folder)")
    x.add_argument("out", metavar="OUT", help="the file to write; its ending says the format: .keras or .tflite")


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.command not in ("runs", "missions"):   # the runs folder and the mission files need no TensorFlow
        from tensordesk.engine.core.device import configure_keras
        configure_keras()
    command = _COMMANDS.get(args.command)
    if command is None:
        parser.error(f"unknown command {args.command}")
    try:
        return command(args)
    except TensorDeskError as exc:
        parser.exit(2, f"{parser.prog} {args.command}: error: {exc}\n")
    return 2


class _ProgressPrinter:
    """Listener that drives keras.utils.Progbar and prints epoch lines."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar = None

    def __call__(self, event) -> None:
        from tensordesk.engine.core import events as ev
        if self.quiet:
            return
        if isinstance(event, ev.TrainingStarted):
            import keras
            print(f"training on {event.device}: {event.train_size:,} images, {event.epochs} epochs × "
                  f"{event.steps_per_epoch} steps, {event.param_count:,} parameters", file=sys.stderr)
            self.bar = keras.utils.Progbar(event.total_steps, unit_name="step")
        elif isinstance(event, ev.BatchesEnded) and self.bar is not None:
            values = [("loss", float(event.losses.mean()))]
            if event.accuracies is not None:
                values.append(("acc", float(event.accuracies.mean())))
            self.bar.update(event.step, values=values + [("samples/s", event.samples_per_s)])
        elif isinstance(event, ev.EpochEnded):
            va = "" if event.val_accuracy is None else f", validation accuracy {event.val_accuracy:.4f}"
            vl = "" if event.val_loss is None else f", validation loss {event.val_loss:.4f}"
            print(f"\nepoch {event.epoch}: loss {event.loss:.4f}{vl}{va}", file=sys.stderr)
        elif isinstance(event, ev.TrainingEnded):
            print(f"\n{event.state}: {event.message}", file=sys.stderr)


def _train(args) -> int:
    from tensordesk.engine.data.datasets import load_dataset
    from tensordesk.engine.training.distribute import is_multi_device, make_strategy, split_cpu
    if args.cpu_replicas:
        split_cpu(args.cpu_replicas)   # before anything starts TensorFlow's runtime
    strategy = make_strategy(args.strategy)
    from tensordesk.engine.models.architectures import default_spec
    from tensordesk.engine.training.config import default_config, seed_settings

    spec_kw, cfg_kw = seed_settings(args.arch) if args.seed_settings else ({}, {})
    for key, value in (("dropout", args.dropout), ("l2", args.l2), ("activation", args.activation)):
        if value is not None:
            spec_kw[key] = value
    if args.bn:
        spec_kw["batch_norm"] = True
    for key, value in (("batch_size", args.batch_size), ("learning_rate", args.lr), ("optimizer", args.optimizer),
                       ("lr_schedule", args.schedule), ("decay_rate", args.decay_rate)):
        if value is not None:
            cfg_kw[key] = value
    if args.ema:
        cfg_kw["ema"] = True
    if args.augment:
        cfg_kw["augment"] = True
    if args.trajectory:
        cfg_kw["trajectory_per_epoch"] = 4
    if args.logdir:
        cfg_kw.update(log_dir=args.logdir, histogram_every=cfg_kw.get("histogram_every", 50))
    cfg_kw.update(epochs=args.epochs, seed=args.seed, max_train_samples=args.limit)
    spec = default_spec(args.arch, **spec_kw)
    config = default_config(args.arch, **cfg_kw)
    dataset = load_dataset(args.dataset, validation_size=args.validation, seed=args.seed)
    for note in dataset.notes:
        print(f"note: {note}", file=sys.stderr)
    if args.batch_size is None:
        from tensordesk.engine.training.config import fitting_batch_size
        n = len(dataset.x_train) if args.limit is None else min(args.limit, len(dataset.x_train))
        batch = fitting_batch_size(config.batch_size, n)
        if batch != config.batch_size:
            print(f"note: batch size {batch} (the usual {config.batch_size} is more than the {n:,} training "
                  f"images)", file=sys.stderr)
            config = dataclasses.replace(config, batch_size=batch)

    if is_multi_device(strategy):
        if args.repeat > 1:
            raise TensorDeskError("--repeat trains on one device; leave out --strategy or use --strategy one.")
        return _train_distributed(args, strategy, spec, config, dataset)
    from tensordesk.engine.runs.repeat import Repeat
    from tensordesk.engine.runs.store import RunStore
    store = None if args.no_record else RunStore(args.runs_dir)
    repeat = Repeat(args.repeat, args.seed)
    summaries = []
    seed = repeat.next_seed()
    while seed is not None:
        summary, _ = _train_one(args, spec, dataclasses.replace(config, seed=seed), dataset, store, repeat.group)
        summaries.append(summary)
        repeat.finished(summary["state"], summary.get("test_accuracy"))
        seed = repeat.next_seed()
    if not repeat.repeating:
        summary = summaries[0]
    else:
        mean_std = repeat.summary()
        summary = {"repeats": summaries, "group": repeat.group or None,
                   "test_accuracy_mean": mean_std[0] if mean_std else None,
                   "test_accuracy_std": mean_std[1] if mean_std else None}
        if mean_std:
            print(f"test accuracy over {sum(a is not None for a in repeat.accuracies)} seeds: {mean_std[0]:.2%} ± "
                  f"{mean_std[1]:.2%}", file=sys.stderr)
    text = jsonable.dumps(summary, indent=2)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0 if all(RunState(s["state"]).kept for s in summaries) else 1


def _train_one(args, spec, config, dataset, store, group):
    """One run of `train`, recorded in `store` (when given); returns (summary, the recorded RunInfo or None)."""
    from tensordesk.engine.runs.store import RunsError
    from tensordesk.engine.training.trainer import Trainer
    printer = _ProgressPrinter(args.quiet)
    recorder = None
    if store is not None:
        label = args.label or f"{spec.label()}, seed {config.seed}"
        try:
            recorder = store.recorder(label, spec.to_dict(), config.to_dict(), dataset.name, group,
                                      snapshot_mb=args.snapshot_mb)
        except RunsError as exc:
            print(f"note: {exc} Training goes on without a record.", file=sys.stderr)

    def listen(event):
        if recorder is not None:
            recorder(event)
        printer(event)
    trainer = Trainer(spec, config, dataset, listen)
    if recorder is not None:
        recorder.attach(trainer)
    result = trainer.run()
    summary = {k: v for k, v in result.items() if k not in ("history", "trajectory")}
    summary["seed"] = config.seed
    if recorder is not None:
        if recorder.error:
            print(f"note: {recorder.error}", file=sys.stderr)
        else:
            summary["run_id"] = recorder.id
    if args.save and result.state.kept:
        from tensordesk.engine.models.checkpoints import save_checkpoint
        target = args.save if args.repeat == 1 else _numbered(args.save, config.seed)
        saved = save_checkpoint(target, trainer.model, spec, config.to_dict(), result.history,
                                {"dataset": dataset.name, "class_names": list(dataset.class_names),
                                 "test_accuracy": result.test_accuracy, "test_loss": result.test_loss},
                                result.trajectory)
        summary["saved"] = str(saved)
    info = store.info(recorder.id) if recorder is not None and not recorder.error else None
    return summary, info


def _numbered(path: str, seed: int) -> str:
    p = Path(path)
    return str(p.with_name(f"{p.stem}-seed{seed}{p.suffix}"))


def _train_distributed(args, strategy, spec, config, dataset) -> int:
    """`train --strategy mirrored|multi-worker`: the engine's synchronous data-parallel step (engine/training/distribute.py)
    under the strategy, the same summary."""
    from tensordesk.engine.models.architectures import build_model
    from tensordesk.engine.training.distribute import fit_distributed
    if not spec.is_classifier:
        raise TensorDeskError("multi-device training covers the classifiers; train the autoencoder on one device.")
    if config.augment:
        raise TensorDeskError("--augment trains on one device; leave out --strategy or use --strategy one.")
    result = fit_distributed(strategy, lambda: build_model(spec, seed=config.seed), config, dataset,
                             _ProgressPrinter(args.quiet))
    model = result.pop("model")
    summary = {**result, "arch": spec.arch, "dataset": dataset.name}
    if args.save:
        from tensordesk.engine.models.checkpoints import save_checkpoint
        summary["saved"] = str(save_checkpoint(args.save, model, spec, config.to_dict(), [],
                                               {"dataset": dataset.name, "class_names": list(dataset.class_names),
                                                "test_accuracy": result["test_accuracy"],
                                                "test_loss": result["test_loss"]}))
    text = jsonable.dumps(summary, indent=2)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0 if RunState(result["state"]).kept else 1


def _model_dataset(ckpt, requested: str | None):
    """The data set a saved model was trained on (or the one asked for), falling back to the embedded digits."""
    from tensordesk.engine.data.datasets import known_source, load_dataset
    source = requested or ckpt.meta.get("dataset") or DEFAULT_SOURCE
    if known_source(source) is None:
        source = DEFAULT_SOURCE
    return load_dataset(source)


def _landscape(args) -> int:
    from tensordesk.engine.inspection.landscape import loss_landscape
    from tensordesk.engine.runs.snapshots import open_model

    ckpt = open_model(args.model, args.runs_dir)
    dataset = _model_dataset(ckpt, args.dataset)
    n = min(args.images, len(dataset.x_test))
    labels = dataset.y_test[:n] if ckpt.is_classifier else None

    def progress(done, total):
        print(f"\rrow {done}/{total}", end="", file=sys.stderr, flush=True)

    land = loss_landscape(ckpt.model, dataset.x_test[:n], labels, grid=args.grid, directions=args.directions,
                          trajectory=ckpt.trajectory, seed=args.seed, progress=progress)
    print(f"\n{args.directions} directions, {args.grid}×{args.grid} grid on {n:,} test images: loss "
          f"{land.loss.min():.4f}–{land.loss.max():.4f}, {land.center_loss:.4f} at the trained weights", file=sys.stderr)
    write_json({**land.to_dict(), "model": str(args.model), "dataset": dataset.name, "images": n}, args.json)
    return 0


def _export_model(args) -> int:
    from tensordesk.engine.models.keras_io import export_model
    from tensordesk.engine.runs.snapshots import open_model
    ckpt = open_model(args.model, args.runs_dir)
    written = export_model(ckpt.model, args.out)
    print(f"wrote {written} ({written.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


def _evaluate(args) -> int:
    from tensordesk.engine.inspection.evaluation import evaluate_model
    from tensordesk.engine.runs.snapshots import open_model

    ckpt = open_model(args.model, args.runs_dir)
    if not ckpt.is_classifier:
        raise TensorDeskError(f"{args.model}: this model is an autoencoder; it has no classes to evaluate.")
    kind, path = parse_source(args.dataset) if args.dataset else (None, "")
    if kind is not None and kind.key == "folder" and ckpt.meta.get("dataset") != args.dataset:
        # a folder the model never trained on: every image in it is a test image
        from tensordesk.engine.data.datasets import read_image_folder
        x_test, y_test, notes = read_image_folder(path)
        name, title, what = args.dataset, f"Image folder ({Path(path).name})", "images (all of the folder)"
        class_names = ckpt.class_names
    else:
        dataset = _model_dataset(ckpt, args.dataset)
        x_test, y_test, notes = dataset.x_test, dataset.y_test, dataset.notes
        name, title, what, class_names = dataset.name, dataset.title, "test images", dataset.class_names
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    from tensordesk.engine.inspection.robustness import Damage, coverage_at, damaged
    damage = Damage(args.noise, args.rotate, args.thicken, args.shift).validate()
    if not damage.none:
        x_test = damaged(x_test, damage)
        what += ", damaged (" + ", ".join(f"{k} {v:g}" for k, v in damage.to_dict().items() if v) + ")"
    result = evaluate_model(ckpt.model, x_test, y_test, class_names)
    width = max(len(n) for n in result.class_names)
    print(f"{title}: {result.n:,} {what}, accuracy {result.accuracy:.2%}", file=sys.stderr)
    for cls, acc in zip(result.class_names, result.per_class_accuracy):
        print(f"  {cls:<{width}}  {'—' if acc is None else f'{acc:.2%}'}", file=sys.stderr)
    print("confusion (rows: true class, columns: predicted):", file=sys.stderr)
    for cls, row in zip(result.class_names, result.confusion):
        print(f"  {cls:<{width}} " + " ".join(f"{int(c):5d}" for c in row), file=sys.stderr)
    extra = {"damage": damage.to_dict()}
    if args.threshold is not None:
        cov = coverage_at(result.confidence, result.predicted == result.labels, args.threshold)
        extra.update(threshold=cov.threshold, coverage=cov.coverage, answered_accuracy=cov.accuracy)
        answered = "—" if cov.accuracy is None else f"{cov.accuracy:.2%}"
        print(f"threshold {cov.threshold:g}: answers {cov.coverage:.1%} of the images, {answered} of those right",
              file=sys.stderr)
    write_json({**result.to_dict(), "model": str(args.model), "dataset": name, **extra}, args.json)
    return 0


def _predict(args) -> int:
    from tensordesk.engine.data.preprocess import load_image
    from tensordesk.engine.models.inference import classify_drawing
    from tensordesk.engine.runs.snapshots import open_model

    ckpt = open_model(args.model, args.runs_dir)
    if not ckpt.is_classifier:
        raise TensorDeskError(f"{args.model}: this model is an autoencoder; it does not classify images.")
    rows = []
    for path in args.images:
        _, probs = classify_drawing(ckpt.model, load_image(path))
        if probs is None:
            rows.append({"image": path, "digit": None, "label": None, "probabilities": None,
                         "note": "nothing drawn (the image is empty)"})
            continue
        best = int(probs.argmax())
        rows.append({"image": path, "digit": best, "label": ckpt.class_names[best],
                     "probabilities": [round(float(p), 6) for p in probs]})
    if args.json:
        print(jsonable.dumps(rows, indent=2))
    else:
        for row in rows:
            if row["probabilities"] is None:
                print(f"{row['image']}: {row['note']}")
            else:
                probs = " ".join(f"{p:.3f}" for p in row["probabilities"])
                print(f"{row['image']}: {row['label']}  [{probs}]")
    return 0


def _missions(args) -> int:
    from tensordesk.engine.cli.missions import list_missions
    return list_missions(args)


# each subcommand's function (the parser's `dest="command"` values)
def _class(args) -> int:
    from tensordesk.engine.cli.classroom import run_class
    return run_class(args)


_COMMANDS = {"missions": _missions, "class": _class, "train": _train, "predict": _predict, "evaluate": _evaluate, "landscape": _landscape,
             "export-model": _export_model, "lab": run_lab, "runs": run_runs}

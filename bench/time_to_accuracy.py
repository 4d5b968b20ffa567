"""Time to reach a test accuracy with the engine: the classic CNN to 99% on full MNIST by default.

    python bench/time_to_accuracy.py                                   # MNIST (downloads once), target 0.99
    python bench/time_to_accuracy.py --dataset fashion --target 0.91   # offline here: Debian's Fashion-MNIST
    python bench/time_to_accuracy.py --dataset mnist-embedded --target 0.98

Trains `--arch` with its teaching defaults, evaluates the test split at the end of every epoch (evaluation time
is not counted), and prints the training time and epochs at which the test accuracy first reached `--target`,
with the device the engine trained on (the GPU when TensorFlow sees one).
"""
import argparse
import time

from tensordesk.engine.core import events as ev  # noqa: E402
from tensordesk.engine.core.errors import TensorDeskError  # noqa: E402
from tensordesk.engine.data.datasets import load_dataset  # noqa: E402
from tensordesk.engine.models.architectures import default_spec  # noqa: E402
from tensordesk.engine.training.config import default_config  # noqa: E402
from tensordesk.engine.training.trainer import Trainer  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--arch", default="cnn")
    ap.add_argument("--dataset", default="mnist")
    ap.add_argument("--target", type=float, default=0.99)
    ap.add_argument("--max-epochs", type=int, default=20)
    ap.add_argument("--batch-size", type=int, default=None)
    args = ap.parse_args()
    try:
        ds = load_dataset(args.dataset)
    except TensorDeskError as exc:
        raise SystemExit(f"cannot load {args.dataset}: {exc}") from None
    overrides = dict(epochs=args.max_epochs, evaluate_test=False)
    if args.batch_size:
        overrides["batch_size"] = args.batch_size
    cfg = default_config(args.arch, **overrides)
    state = {"train_s": 0.0, "since": None, "reached": None}
    holder = {}

    def listener(e):
        now = time.perf_counter()
        if isinstance(e, ev.TrainingStarted):
            state["since"] = now
            print(f"{args.arch} on {ds.title}: {e.train_size:,} training images, batch {e.batch_size}, {e.device}",
                  flush=True)
        elif isinstance(e, ev.EpochEnded):
            state["train_s"] += now - state["since"]
            _, acc = holder["t"].evaluate(ds.x_test, ds.y_test)
            print(f"  epoch {e.epoch:>2}: {state['train_s']:7.1f} s of training, test accuracy {acc:.4f}", flush=True)
            if acc >= args.target and state["reached"] is None:
                state["reached"] = (e.epoch, state["train_s"], acc)
                holder["t"].stop()
            state["since"] = time.perf_counter()

    holder["t"] = Trainer(default_spec(args.arch), cfg, ds, listener)
    result = holder["t"].run()
    if state["reached"]:
        epoch, secs, acc = state["reached"]
        print(f"reached {args.target:.2%} after {epoch} epochs, {secs:.1f} s of training "
              f"({result['train_samples_per_s']:,.0f} samples/s); test accuracy {acc:.4f}")
    else:
        print(f"did not reach {args.target:.2%} in {args.max_epochs} epochs ({result['message']})")


if __name__ == "__main__":
    main()

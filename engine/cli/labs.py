"""`main.py lab …`: each lab's experiment run headless, its numbers written as JSON."""
from __future__ import annotations

import sys

from tensordesk.engine.cli.args import point, positive_float, positive_int, write_json
from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.engine.models.optimizers import OPTIMIZERS, SGD


def add_lab_parser(sub) -> None:
    lab = sub.add_parser("lab", help="run a lab's experiment without a window and write its numbers as JSON")
    labs = lab.add_subparsers(dest="lab", metavar="LAB", required=True)
    b = labs.add_parser("bn", help="batch norm (seed 002 §20): the same deep net without and with BN")
    b.add_argument("--activation", choices=("tanh", "relu", "sigmoid"), default="tanh")
    b.add_argument("--steps", type=positive_int, default=250)
    b.add_argument("--layers", type=positive_int, default=7, help="hidden layers (default 7)")
    b.add_argument("--units", type=positive_int, default=30, help="units per hidden layer (default 30)")
    b.add_argument("--lr", type=positive_float, default=0.001, help="SGD learning rate (default 0.001)")
    b.add_argument("--batch-size", type=positive_int, default=10)
    b.add_argument("--weight-std", type=positive_float, default=1.0, help="σ of the initial weights (default 1)")
    b.add_argument("--seed", type=int, default=1)
    b.add_argument("--json", metavar="PATH", help="write the result here (it is printed either way)")

    d = labs.add_parser("descent", help="gradient descent (seed 002 §21): fit (a, b) and print the path")
    d.add_argument("--model", choices=("linear", "cubic", "sincos"), default="linear",
                   help="a·x+b (default), a·x³+b·x² or sin(b·cos(a·x))")
    d.add_argument("--start", type=point, default=(2.0, 4.5), metavar="A,B", help="start point (default 2,4.5)")
    d.add_argument("--optimizer", choices=tuple(OPTIMIZERS), action="append",
                   help="repeat to compare several (default sgd)")
    d.add_argument("--lr", type=positive_float, action="append",
                   help="learning rate (default 0.1); repeat to compare several, or give one per optimizer")
    d.add_argument("--steps", type=positive_int, default=400)
    d.add_argument("--seed", type=int, default=0, help="seed of the data's noise (default 0)")
    d.add_argument("--json", metavar="PATH", help="write the result here (it is printed either way)")

    f = labs.add_parser("fit", help="curve fitting (seed 000): a 1-H-1 network learns y = x² + noise")
    f.add_argument("--hidden", type=positive_int, default=10)
    f.add_argument("--activation", choices=("tanh", "relu", "sigmoid"), default="tanh")
    f.add_argument("--lr", type=positive_float, default=0.1)
    f.add_argument("--steps", type=positive_int, default=2000)
    f.add_argument("--seed", type=int, default=0)
    f.add_argument("--json", metavar="PATH", help="write the result here (it is printed either way)")

    pl = labs.add_parser("parallel", help="data parallelism (seed 000): synchronous (mirrored) vs asynchronous "
                                          "(parameter server) training of one MNIST model by N workers")
    pl.add_argument("--mode", choices=("sync", "async", "both"), default="both")
    pl.add_argument("--workers", type=positive_int, default=2, help="2–4 (default 2)")
    pl.add_argument("--delay-ms", type=float, default=0.0, help="added to every step of the slow worker")
    pl.add_argument("--slow-worker", type=int, default=0, help="which worker is slowed (default 0)")
    pl.add_argument("--batch-size", type=positive_int, default=64, help="per worker (default 64)")
    pl.add_argument("--lr", type=positive_float, default=0.05, help="SGD learning rate (default 0.05)")
    pl.add_argument("--steps", type=positive_int, default=300,
                    help="sync: updates; async: worker steps (default 300)")
    pl.add_argument("--json", metavar="PATH", help="write the result here (it is printed either way)")


def run_lab(args) -> int:
    if args.lab == "bn":
        from tensordesk.engine.labs.batchnorm import BNSettings, run_headless
        settings = BNSettings(activation=args.activation, steps=args.steps, layers=args.layers, units=args.units,
                              learning_rate=args.lr, batch_size=args.batch_size, weight_std=args.weight_std,
                              seed=args.seed)
        result = run_headless(settings)
        for net, run in result.items():
            costs = [c for _, c in run["costs"] if c is not None]
            end = f"cost {costs[0]:.1f} → {costs[-1]:.1f}" if costs else "no finite cost"
            div = f", diverged at step {run['diverged_at']}" if run["diverged_at"] is not None else ""
            print(f"{net}: {end}{div}", file=sys.stderr)
        write_json(result, args.json)
        return 0
    if args.lab == "descent":
        from tensordesk.engine.labs.descent import DescentSettings, RunSpec
        from tensordesk.engine.labs.descent import run_headless as run_descent
        optimizers, rates = args.optimizer or [SGD], args.lr or [0.1]
        if len(rates) == 1:
            runs = [RunSpec(o, rates[0]) for o in optimizers]
        elif len(optimizers) == 1:
            runs = [RunSpec(optimizers[0], lr) for lr in rates]
        elif len(optimizers) == len(rates):
            runs = [RunSpec(o, lr) for o, lr in zip(optimizers, rates)]
        else:
            raise TensorDeskError(f"give one --lr, one --optimizer, or as many of each "
                                  f"(got {len(optimizers)} optimizers and {len(rates)} rates).")
        result = run_descent(DescentSettings(model=args.model, start=args.start, runs=tuple(runs),
                                             steps=args.steps, seed=args.seed))
        for run in result["runs"]:
            a, b, cost = run["end"]
            end = f"diverged at step {run['diverged_at']}" if run["diverged"] else \
                f"a = {a:.5f}, b = {b:.5f}, cost {cost:.6f}"
            print(f"{run['optimizer']} (LR {run['lr']:g}): {end}", file=sys.stderr)
        write_json(result, args.json)
        return 0
    if args.lab == "fit":
        from tensordesk.engine.labs.curvefit import FitSettings
        from tensordesk.engine.labs.curvefit import run_headless as run_fit
        result = run_fit(FitSettings(hidden=args.hidden, activation=args.activation, learning_rate=args.lr,
                                     steps=args.steps, seed=args.seed))
        print(f"loss {result['losses'][0][1]:.5f} → {result['final_loss']:.5f}", file=sys.stderr)
        write_json(result, args.json)
        return 0
    if args.lab == "parallel":
        from tensordesk.engine.labs.parallel import ParallelSettings
        from tensordesk.engine.labs.parallel import run_headless as run_parallel
        result = {}
        for mode in (("sync", "async") if args.mode == "both" else (args.mode,)):
            r = run_parallel(ParallelSettings(mode=mode, workers=args.workers, delay_ms=args.delay_ms,
                                              slow_worker=args.slow_worker, batch_per_worker=args.batch_size,
                                              learning_rate=args.lr, steps=args.steps))
            print(f"{mode}: {r['examples_per_s']:,.0f} examples/s, worker steps {list(r['worker_steps'])}, "
                  f"final loss {r['final_loss']:.3f}, test accuracy {r['test_accuracy']:.1%}", file=sys.stderr)
            result[mode] = {k: v for k, v in r.items() if k != "spans"}
        write_json(result, args.json)
        return 0
    raise TensorDeskError(f"unknown lab '{args.lab}'.")

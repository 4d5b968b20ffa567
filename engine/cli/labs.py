"""`main.py lab …`: each lab of the registry (engine/labs/registry.py) run headless, its numbers written as JSON.
A lab's options come from its declared settings (engine/core/settings.py); a lab needs code here only for options
beyond them (the descent lab's runs) or for the line it prints."""
from __future__ import annotations

import sys
from collections.abc import Callable

from tensordesk.engine.cli.args import point, positive_float, write_json
from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.engine.core.settings import add_options, from_options
from tensordesk.engine.labs.registry import LABS, Lab
from tensordesk.engine.models.optimizers import OPTIMIZERS, SGD


def add_lab_parser(sub) -> None:
    lab = sub.add_parser("lab", help="run a lab's experiment without a window and write its numbers as JSON")
    labs = lab.add_subparsers(dest="lab", metavar="LAB", required=True)
    for entry in LABS.values():
        p = labs.add_parser(entry.key, help=entry.help, description=entry.help)
        add_options(p, entry.settings_class())
        extra = _EXTRA_OPTIONS.get(entry.key)
        if extra is not None:
            extra(p)
        p.add_argument("--json", metavar="PATH", help="write the result here (it is printed either way)")


def run_lab(args) -> int:
    entry = LABS.get(args.lab)
    if entry is None:
        raise TensorDeskError(f"unknown lab '{args.lab}'; choose one of {', '.join(LABS)}.")
    result = _RUNS.get(entry.key, _run)(entry, args)
    write_json(result, args.json)
    return 0


def _run(entry: Lab, args, **extra) -> dict:
    """The lab with the settings its options give, to the end; its summary."""
    return entry.run_headless()(from_options(entry.settings_class(), args, **extra))


# ------------------------------------------------------------------ what some labs add
def _descent_options(p) -> None:
    p.add_argument("--start", type=point, default=(2.0, 4.5), metavar="A,B", help="start point (default 2,4.5)")
    p.add_argument("--optimizer", choices=tuple(OPTIMIZERS), action="append",
                   help="repeat to compare several (default sgd)")
    p.add_argument("--lr", type=positive_float, action="append",
                   help="learning rate (default 0.1); repeat to compare several, or give one per optimizer")


def _playground_options(p) -> None:
    p.add_argument("--code", metavar="CODE", help="the experiment as the window's Share gives it (pg1-…); setting "
                   "options given beside it change it")
    p.add_argument("--file", metavar="PATH", help="the experiment from a .json file the window saved")


def _run_playground(entry: Lab, args) -> dict:
    from tensordesk.engine.core.settings import declared
    from tensordesk.engine.labs.playground import Experiment, run_headless
    if args.code and args.file:
        raise TensorDeskError("give the experiment as --code or as --file, not both.")
    if args.code or args.file:
        base = Experiment.from_code(args.code) if args.code else Experiment.load(args.file)
        changed = {name: getattr(args, name) for name, s in declared(entry.settings_class()).items()
                   if s.cli is not None and getattr(args, name) != s.default}
        experiment = Experiment(base.settings.replace(**changed), base.own_points, base.hidden).validate()
    else:
        experiment = Experiment(from_options(entry.settings_class(), args)).validate()
    result = run_headless(experiment=experiment)
    acc = result["test_accuracy"]
    print(f"{experiment.settings.data}: test loss {result['test_loss']:.4f}"
          + (f", test accuracy {acc:.1%}" if acc is not None else "")
          + f" after {result['epochs']:g} epochs ({result['steps']:,} steps)", file=sys.stderr)
    return result


def _parallel_options(p) -> None:
    p.add_argument("--mode", choices=("sync", "async", "both"), default="both")


def _run_bn(entry: Lab, args) -> dict:
    result = _run(entry, args)
    for net, run in result.items():
        costs = [c for _, c in run["costs"] if c is not None]
        end = f"cost {costs[0]:.1f} → {costs[-1]:.1f}" if costs else "no finite cost"
        div = f", diverged at step {run['diverged_at']}" if run["diverged_at"] is not None else ""
        print(f"{net}: {end}{div}", file=sys.stderr)
    return result


def _run_descent(entry: Lab, args) -> dict:
    from tensordesk.engine.labs.descent import RunSpec
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
    result = _run(entry, args, start=args.start, runs=tuple(runs))
    for run in result["runs"]:
        a, b, cost = run["end"]
        end = f"diverged at step {run['diverged_at']}" if run["diverged"] else \
            f"a = {a:.5f}, b = {b:.5f}, cost {cost:.6f}"
        print(f"{run['optimizer']} (LR {run['lr']:g}): {end}", file=sys.stderr)
    return result


def _run_fit(entry: Lab, args) -> dict:
    result = _run(entry, args)
    print(f"loss {result['losses'][0][1]:.5f} → {result['final_loss']:.5f}", file=sys.stderr)
    return result


def _run_parallel(entry: Lab, args) -> dict:
    result = {}
    for mode in (("sync", "async") if args.mode == "both" else (args.mode,)):
        r = _run(entry, args, mode=mode)
        print(f"{mode}: {r['examples_per_s']:,.0f} examples/s, worker steps {list(r['worker_steps'])}, "
              f"final loss {r['final_loss']:.3f}, test accuracy {r['test_accuracy']:.1%}", file=sys.stderr)
        result[mode] = {k: v for k, v in r.items() if k != "spans"}
    return result


_EXTRA_OPTIONS: dict[str, Callable] = {"descent": _descent_options, "parallel": _parallel_options,
                                        "playground": _playground_options}
_RUNS: dict[str, Callable[[Lab, object], dict]] = {"bn": _run_bn, "descent": _run_descent, "fit": _run_fit,
                                                   "parallel": _run_parallel, "playground": _run_playground}

"""`main.py runs …`: the recorded runs (engine/runs/) — list, show, export, delete, compare two Repeat ×N
groups, and the weights each run kept along training (snapshots). Reading the runs folder needs no TensorFlow."""
from __future__ import annotations

import sys

from tensordesk.engine.core import jsonable


def add_runs_parser(sub) -> None:
    r = sub.add_parser("runs", help="the recorded runs: list, show, export, delete")
    rs = r.add_subparsers(dest="runs_command", metavar="ACTION", required=True)
    rl = rs.add_parser("list", help="every recorded run, newest first")
    rl.add_argument("--json", action="store_true", help="one JSON object per run (id, state, steps, …)")
    rsh = rs.add_parser("show", help="one run's settings and figures")
    rsh.add_argument("id")
    rex = rs.add_parser("export", help="a run's per-step figures (with each epoch's) as CSV")
    rex.add_argument("id")
    rex.add_argument("--csv", required=True, metavar="FILE")
    rdel = rs.add_parser("delete", help="delete a run (its folder goes to RUNS/.deleted)")
    rdel.add_argument("id")
    rcmp = rs.add_parser("compare", help="is A really better than B? two Repeat ×N groups' test accuracies: the "
                                         "difference with its 95%% confidence interval, effect size, seeds needed")
    rcmp.add_argument("a", metavar="A", help="a group: the --label it was trained with, or any of its runs' ids")
    rcmp.add_argument("b", metavar="B", help="the other group, named the same way")
    rcmp.add_argument("--json", action="store_true", help="print the verdict as JSON")
    rsn = rs.add_parser("snapshots", help="the weights a run kept along training: step, epoch and bytes of each "
                                          "(open one as RUN@STEP, RUN@first, RUN@last)")
    rsn.add_argument("id")
    rsn.add_argument("--json", action="store_true", help="print them as JSON")
    rds = rs.add_parser("delete-snapshots", help="free a run's snapshots (its curves and final model stay)")
    rds.add_argument("id")
    for sp in (rl, rsh, rex, rdel, rcmp, rsn, rds):
        sp.add_argument("--runs-dir", metavar="DIR", help="the runs folder (default: the user's data folder)")


def run_runs(args) -> int:
    from tensordesk.engine.runs.store import RunStore
    store = RunStore(args.runs_dir)
    if args.runs_command == "list":
        runs = store.list()
        if args.json:
            print(jsonable.dumps([r.to_dict() for r in runs], indent=1))
            return 0
        if not runs:
            print(f"no recorded runs in {store.folder}", file=sys.stderr)
            return 0
        print(f"{'id':<36} {'state':<12} {'steps':>7} {'test acc':>8}  label")
        for r in runs:
            acc = "" if r.test_accuracy is None else f"{r.test_accuracy:.2%}"
            print(f"{r.id:<36} {r.state:<12} {r.steps:>7} {acc:>8}  {r.label or r.message}")
        return 0
    if args.runs_command == "show":
        store.run_path(args.id)   # a clear error for an unknown id
        info = store.info(args.id)
        print(jsonable.dumps({**info.to_dict(), "spec": info.spec, "config": info.config}, indent=1))
        return 0
    if args.runs_command == "export":
        print(store.export_csv(args.id, args.csv))
        return 0
    if args.runs_command == "compare":
        return _compare(store, args)
    if args.runs_command == "delete":
        kept = store.delete(args.id)
        print(f"deleted {args.id} (kept in {kept.parent} until that folder is emptied)", file=sys.stderr)
        return 0
    if args.runs_command == "delete-snapshots":
        print(f"freed {store.delete_snapshots(args.id):,} bytes of {args.id}'s snapshots", file=sys.stderr)
        return 0
    if args.runs_command == "snapshots":
        return _snapshots(store, args)
    return 2


def _snapshots(store, args) -> int:
    from tensordesk.engine.runs import snapshots
    kept = snapshots.listing(store.run_path(args.id))   # an unknown id: a clear error
    if args.json:
        print(jsonable.dumps([k.to_dict() for k in kept], indent=1))
    elif not kept:
        print(f"run {args.id} kept no snapshots", file=sys.stderr)
    else:
        print(f"{'step':>8} {'epoch':>6} {'bytes':>12}")
        for k in kept:
            print(f"{k.step:>8} {k.epoch:>6} {k.bytes:>12,}")
        print(f"{len(kept)} snapshots, {sum(k.bytes for k in kept):,} bytes", file=sys.stderr)
    return 0


def _compare(store, args) -> int:
    from tensordesk.engine.runs.compare import compare_accuracies, group_runs
    runs = store.list()
    a, b = group_runs(runs, args.a), group_runs(runs, args.b)
    verdict = compare_accuracies([r.test_accuracy for r in a], [r.test_accuracy for r in b])
    if args.json:
        print(jsonable.dumps({**verdict.to_dict(), "a": {"name": args.a, "runs": [r.id for r in a]},
                              "b": {"name": args.b, "runs": [r.id for r in b]}}, indent=1))
    else:
        print(f"A: {args.a}: {verdict.mean_a:.2%} over {verdict.n_a} runs")
        print(f"B: {args.b}: {verdict.mean_b:.2%} over {verdict.n_b} runs")
        print(verdict.sentence())
    return 0

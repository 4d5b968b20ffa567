"""`main.py missions list` (headless) and the arguments of `main.py missions verify` (which replays each mission's
reference solution and wrong attempt through the window off screen: gui/missions/verify.py)."""
from __future__ import annotations

import sys

from tensordesk.engine.core import jsonable


def add_missions_parser(sub) -> None:
    m = sub.add_parser("missions", help="the missions: list them, or verify them through the window off screen")
    ms = m.add_subparsers(dest="missions_command", metavar="ACTION", required=True)
    ml = ms.add_parser("list", help="every shipped mission: id, title, steps, the checks it asks for")
    ml.add_argument("--json", action="store_true", help="print JSON")
    ml.add_argument("--file", action="append", default=[], metavar="FILE", help="also a mission file (repeatable)")
    mv = ms.add_parser("verify", help="replay each mission's reference solution (every check must pass) and its "
                                      "wrong attempt (every check must fail) in the window, off screen")
    mv.add_argument("ids", nargs="*", metavar="ID", help="the missions to verify (default: all shipped); a mission "
                                                          "file's path works too")
    mv.add_argument("--json", action="store_true", help="print the report as JSON")


def list_missions(args) -> int:
    from tensordesk.engine.missions.missions import read_mission, shipped_missions
    missions = shipped_missions() + [read_mission(f) for f in args.file]
    rows = [{"id": m.id, "title": m.title["en"], "title_zh_CN": m.title["zh_CN"], "seeds": list(m.seeds),
             "steps": len(m.steps), "checks": m.checks, "predictions": sum(s.predict is not None for s in m.steps),
             "path": m.path} for m in missions]
    if args.json:
        print(jsonable.dumps(rows, indent=1))
        return 0
    for r in rows:
        steps = f"{r['steps']} step" + ("s" if r["steps"] != 1 else "")
        print(f"{r['id']:<24} {steps:<8} seeds {', '.join(r['seeds']):<10} {r['title']}")
    print(f"{len(rows)} missions", file=sys.stderr)
    return 0

"""`main.py missions verify [ID…] [--json]`: every mission replayed through the real window, off screen. For each
step with a check, its wrong attempt is played first (from the state the steps before it left) and the check
must fail; then its reference solution, and the check must pass, with its why filled from the numbers. Settings
and the learner's data folder are temporary ones: the user's own are left alone."""
from __future__ import annotations

import os
import sys
import tempfile
import time

from tensordesk.engine.core import jsonable


def run_verify(args, parser) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from tensordesk.engine.missions.missions import MissionError, mission_named, shipped_missions
    from tensordesk.gui.missions.scenes import check_scenes
    try:
        missions = [mission_named(i) for i in args.ids] if args.ids else shipped_missions()
        for m in missions:
            check_scenes(m)
    except MissionError as exc:
        parser.exit(2, f"{parser.prog} missions verify: error: {exc}\n")
    data = tempfile.TemporaryDirectory(prefix="tensordesk-verify-")
    os.environ["XDG_DATA_HOME"] = data.name          # progress and My digits: a fresh learner's
    try:
        report = _verify(missions, data.name)
    finally:
        data.cleanup()
    if args.json:
        print(jsonable.dumps(report, indent=1))
    else:
        for m in report["missions"]:
            print(f"{m['id']}: {'ok' if m['ok'] else 'FAILED'} ({m['seconds']:.0f} s)")
            for s in m["steps"]:
                if not s["ok"]:
                    print(f"  step {s['id']}: {s['problem']}")
        print(f"{sum(m['ok'] for m in report['missions'])} of {len(report['missions'])} missions verified in "
              f"{report['seconds']:.0f} s", file=sys.stderr)
    return 0 if report["ok"] else 1


def _verify(missions, folder: str) -> dict:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer

    from tensordesk.gui.app import create_app
    create_app([sys.argv[0]])
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, folder)
    QCoreApplication.setApplicationName("TensorDeskVerify")
    from tensordesk.gui.main_window import MainWindow
    from tensordesk.gui.missions.player import ActionPlayer
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    loop = QEventLoop()
    started = time.perf_counter()
    deadline = QTimer()
    deadline.timeout.connect(loop.quit)
    deadline.start(200)
    for _ in range(900):          # TensorFlow and the shipped model load (three minutes at most)
        if not window.starting:
            break
        loop.exec()
    deadline.stop()
    panel = window.missions.panel
    window.missions.show()
    for m in missions:
        if m.id not in panel.mission_ids():
            panel.missions.append(m)
            panel.mission_combo.addItem(m.title["en"], m.id)
    player = ActionPlayer(window, panel.answer, fast=True)
    outcome: dict = {}

    def finished(ok: bool, message: str) -> None:
        outcome.update(ok=ok, message=message)
        loop.quit()
    player.finished.connect(finished)

    def play(actions) -> str:
        outcome.clear()
        player.play(actions)
        if not outcome:
            loop.exec()
        return "" if outcome.get("ok") else outcome.get("message", "did not finish")

    report = {"missions": [], "ok": True}
    for mission in missions:
        t0 = time.perf_counter()
        panel.choose(mission.id)
        panel.reset_mission()
        steps = []
        for i, step in enumerate(mission.steps):
            panel.go_to(i)
            row = {"id": step.id, "check": step.check.name if step.check else None, "ok": True, "problem": ""}
            steps.append(row)
            if step.predict is not None:
                panel.choose_prediction(step.predict.answer)
                panel.lock_prediction()
            if step.check is None:
                panel.next_step()
                continue
            t = time.perf_counter()
            panel.play.begin_step()
            problem = play(step.wrong)
            wrong = step.check(step.params, panel.play.work())
            if problem:
                row.update(ok=False, problem=f"its wrong attempt did not play: {problem}")
            elif wrong.passed:
                row.update(ok=False, problem="its wrong attempt passes the check")
            panel.play.begin_step()
            problem = play(step.solution)
            panel.check_now()
            passed = panel.play.last is not None and panel.play.last.passed
            if problem:
                row.update(ok=False, problem=f"its solution did not play: {problem}")
            elif not passed:
                row.update(ok=False, problem=f"its solution fails the check ({panel.play.last.missing})")
            row["values"] = dict(panel.play.last.values) if panel.play.last else {}
            row["why"] = panel.feedback.text() if passed else ""
            row["seconds"] = round(time.perf_counter() - t, 1)
            print(f"{mission.id} / {step.id}: {'ok' if row['ok'] else row['problem']} ({row['seconds']:.0f} s)",
                  file=sys.stderr, flush=True)
        ok = all(s["ok"] for s in steps)
        report["missions"].append({"id": mission.id, "ok": ok, "steps": steps,
                                   "seconds": round(time.perf_counter() - t0, 1)})
        report["ok"] = report["ok"] and ok
    report["seconds"] = round(time.perf_counter() - started, 1)
    window.close()
    return report

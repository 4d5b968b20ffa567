"""Every shipped mission, replayed through the real window off screen (`main.py missions verify`): each step's
wrong attempt fails its check and its reference solution passes it, with the why filled from the numbers."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_shipped_mission_verifies():
    from tensordesk.engine.missions.missions import shipped_missions
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "missions", "verify", "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    assert proc.stdout, proc.stderr[-3000:]
    report = json.loads(proc.stdout)
    problems = [(m["id"], s["id"], s["problem"]) for m in report["missions"] for s in m["steps"] if not s["ok"]]
    assert not problems and report["ok"] and proc.returncode == 0, problems
    assert [m["id"] for m in report["missions"]] == [m.id for m in shipped_missions()]
    checked = [s for m in report["missions"] for s in m["steps"] if s["check"]]
    assert len(checked) >= 16 and all(s["why"] and "?" not in s["why"].replace("?”", "") for s in checked), \
        [s["why"] for s in checked]
    print(f"\nmissions verify: {len(report['missions'])} missions, {len(checked)} checked steps, "
          f"{report['seconds']:.0f} s")

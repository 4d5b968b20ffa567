"""A class under load: 40 simulated students send 20 digits each, all at once, to the window's class server on
127.0.0.1, while a 10 ms QTimer on the window's thread measures how late it fires. The students are another
process (aiohttp's client), as phones are other machines. Prints how many were answered and stored, the answer
times and the timer's lateness. Run: python bench/class_load.py [--students 40 --digits 20] (offscreen)."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

STUDENTS = r'''
import asyncio, base64, io, json, sys, time
import aiohttp, numpy as np
from PIL import Image
from tensordesk.engine.data.datasets import load_embedded

url, students, digits = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = load_embedded()

def phone(i):
    """A digit as a phone's page sends it: dark ink on white, 280 px RGBA PNG, base64."""
    img = Image.fromarray(255 - data.x_test[i]).resize((280, 280), Image.Resampling.BILINEAR).convert("RGBA")
    buf = io.BytesIO(); img.save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()

bodies = [[json.dumps({"label": int(data.y_test[s * digits + k]), "png": phone(s * digits + k),
                       "nickname": f"student {s}"}) for k in range(digits)] for s in range(students)]
api = url.replace("/?", "/api/digit?")

async def student(session, s, out):
    for body in bodies[s]:
        t = time.perf_counter()
        async with session.post(api, data=body, headers={"Content-Type": "application/json",
                                                          "X-Student": f"bench-student-{s:04d}"}) as r:
            answer = await r.json()
        out.append((r.status, time.perf_counter() - t, answer.get("digit"), int(json.loads(body)["label"])))

async def main():
    out = []
    conn = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=conn, timeout=aiohttp.ClientTimeout(total=300)) as session:
        t = time.perf_counter()
        await asyncio.gather(*(student(session, s, out) for s in range(students)))
        wall = time.perf_counter() - t
    print(json.dumps({"results": out, "seconds": wall}))

asyncio.run(main())
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--students", type=int, default=40)
    ap.add_argument("--digits", type=int, default=20)
    ap.add_argument("--page", choices=("join", "wall", "poll"), default="wall",
                    help="the Class view's page on screen meanwhile (the wall redraws its matrix as digits arrive)")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="tensordesk-bench-data-")
    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer

    from tensordesk.gui.app import create_app
    app = create_app([sys.argv[0]])  # noqa: F841  (kept alive for the run)
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp(prefix="tensordesk-bench-"))
    QCoreApplication.setApplicationName("TensorDeskBench")
    from tensordesk.engine.classroom.store import ClassFolder
    from tensordesk.gui.main_window import MainWindow
    w = MainWindow()
    w.resize(1280, 800)
    w.show()

    def wait(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    while w.starting:
        wait(0.2)
    w.show_view("class")
    view = w.view("class")
    view.set_host("127.0.0.1")
    folder = Path(tempfile.mkdtemp(prefix="tensordesk-class-")) / "bench"
    view.open_folder(str(folder))
    assert view.start_class(port=0), view.status.text()
    view.pages.setCurrentIndex(("join", "wall", "poll").index(args.page))
    wait(1.0)

    late: list[float] = []
    last = [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        late.append(max(0.0, (now - last[0]) - 0.010))
        last[0] = now
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)

    proc = subprocess.Popen([sys.executable, "-c", STUDENTS, view.join_url, str(args.students), str(args.digits)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # the students' process loads its digits first; the timer measures from its first request to its last
    n = args.students * args.digits
    while view.model.rowCount() == 0 and proc.poll() is None:
        wait(0.05)
    last[0] = time.perf_counter()
    timer.start()
    while proc.poll() is None:
        wait(0.05)
    timer.stop()
    out, err = proc.communicate()
    if proc.returncode != 0:
        print(err[-3000:])
        return 1
    report = json.loads(out)
    wait(1.0)    # the last digits' signals reach the wall
    results = report["results"]
    times = np.array([r[1] for r in results]) * 1000
    ok = [r for r in results if r[0] == 200]
    stored = len(ClassFolder(folder).read())
    right = sum(r[2] == r[3] for r in ok)
    lateness = np.array(late) * 1000
    print(f"page on screen: {args.page}")
    print(f"students {args.students} × digits {args.digits} = {n} requests in {report['seconds']:.1f} s "
          f"({n / report['seconds']:.0f} digits/s)")
    print(f"answered 200: {len(ok)}/{n} ({100 * len(ok) / n:.0f}%), stored in the folder: {stored}, "
          f"on the wall: {view.model.rowCount()}; read right by the shipped model: {right}/{len(ok)}")
    print(f"answer time ms: p50 {np.percentile(times, 50):.0f}, p95 {np.percentile(times, 95):.0f}, "
          f"max {times.max():.0f}")
    print(f"10 ms timer lateness ms over {len(lateness)} ticks: p50 {np.percentile(lateness, 50):.1f}, "
          f"p99 {np.percentile(lateness, 99):.1f}, max {lateness.max():.1f}")
    view.end_class()
    w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

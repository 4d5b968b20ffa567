"""`main.py class`: the class's server without a window, in its own process; SIGTERM ends it cleanly."""
import base64
import io
import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import numpy as np
from helpers import main_py
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "lecture-token-0123456789abcdef"


def _seven() -> str:
    """A 7 as a phone draws it: dark ink, 300 px, RGBA with a white background."""
    a = np.full((300, 300, 4), 255, np.uint8)
    a[60:90, 60:240, :3] = 0           # the bar
    for y in range(90, 260):           # the stem, slanting left
        x = int(240 - (y - 90) * 0.55)
        a[y, x - 16: x + 16, :3] = 0
    buf = io.BytesIO()
    Image.fromarray(a, mode="RGBA").save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()


def test_the_headless_class_answers_keeps_and_ends_on_sigterm(tmp_path):
    folder = tmp_path / "class"
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "class", "--model", "shipped", "--folder",
                             str(folder), "--port", "0", "--token", TOKEN, "--host", "127.0.0.1"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = proc.stdout.readline()
        assert first.startswith("The class is open: http://127.0.0.1:"), first + proc.stderr.read()
        url = first.split(": ", 1)[1].strip()
        assert url.endswith(f"/?t={TOKEN}")
        base = url.split("/?")[0]
        req = urllib.request.Request(f"{base}/api/digit?t={TOKEN}", method="POST",
                                     data=json.dumps({"label": 7, "png": _seven(), "nickname": "Li"}).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            answer = json.loads(r.read())
        assert answer["digit"] == 7 and max(answer["probabilities"]) == answer["probabilities"][7]
        assert (folder / "7" / f"{answer['id']}.png").is_file()
        assert proc.stdout.readline().strip() == f"digit {answer['id']}: the model says 7 (right)"
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert "The class has ended: 1 digits" in out
    finally:
        if proc.poll() is None:
            proc.kill()


def test_bad_class_arguments_are_sentences(tmp_path):
    got = main_py("class", "--model", "shipped", "--folder", tmp_path, "--token", "short", "--port", "0")
    assert got.returncode == 2 and "128 bits" in got.stderr
    got = main_py("class", "--model", tmp_path / "none.tdm", "--folder", tmp_path)
    assert got.returncode == 2 and "none.tdm" in got.stderr and "Traceback" not in got.stderr
    got = main_py("class", "--model", "shipped", "--folder", tmp_path, "--port", "99999")
    assert got.returncode == 2 and "65,535" in got.stderr

"""`main.py record`: a view run off screen and recorded, and clear errors before anything starts."""
import os
import subprocess
import sys

import numpy as np
import pytest

from tensordesk.engine.core.recording import read_frames


def _run(tmp_path, *args, timeout=180):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"),   # not the runs the other tests recorded: a new user's window
               HOME=str(tmp_path), TENSORDESK_NO_GL="1")
    return subprocess.run([sys.executable, "-m", "tensordesk.main", "record", *args], capture_output=True,
                          text=True, timeout=timeout, env=env)


@pytest.mark.parametrize("view, suffix, extra", [("curve-fit", ".gif", []),
                                                 ("bn-lab", ".mp4", ["--preset", "01_bn_off_vs_on", "--fps", "8"])])
def test_record_writes_a_moving_recording(tmp_path, view, suffix, extra):
    out = tmp_path / f"{view}{suffix}"
    proc = _run(tmp_path, "--view", view, "--seconds", "3", "--out", str(out), "--size", "1024x700", *extra)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Recording saved" in proc.stdout and str(out) in proc.stdout
    frames = read_frames(out)
    assert len(frames) >= 5
    changed = sum(np.abs(a.astype(int) - b.astype(int)).mean() > 0.05 for a, b in zip(frames, frames[1:]))
    assert changed >= 2      # a moving picture (a loaded machine may start the lab late in the 3 s)
    assert len({f.shape for f in frames}) == 1 and frames[0].shape[1] >= 640   # every frame the view's size


@pytest.mark.parametrize("args, said", [
    (["--view", "bn-lab", "--seconds", "2", "--out", "x.avi"], ".gif or .mp4"),
    (["--view", "bn-lab", "--seconds", "0", "--out", "x.gif"], "more than 0"),
    (["--view", "curve-fit", "--preset", "1", "--seconds", "2", "--out", "x.gif"], "sets up the bn view"),
    (["--preset", "nonesuch", "--seconds", "2", "--out", "x.gif"], "01_bn_off_vs_on"),
    (["--seconds", "2", "--out", "x.gif"], "--view or --preset"),
    (["--view", "bn-lab", "--seconds", "2", "--out", "missing/x.gif"], "does not exist"),
])
def test_record_refuses_bad_arguments_in_a_sentence(tmp_path, args, said):
    os.chdir(tmp_path)
    proc = _run(tmp_path, *args, timeout=60)
    assert proc.returncode == 2
    assert said in proc.stderr and "Traceback" not in proc.stderr

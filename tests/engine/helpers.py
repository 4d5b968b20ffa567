"""The command line run in this process (as `python main.py ARGS…` would run it, without a new interpreter and its
TensorFlow import: seconds a call). Tests of what only a separate process shows (the environment, a killed
process, the installed entry point) start one."""
from __future__ import annotations

import contextlib
import io
import subprocess


def main_py(*args, **_ignored) -> subprocess.CompletedProcess:
    """`main.py ARGS…` here: its exit code, standard output and standard error."""
    from tensordesk.main import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())

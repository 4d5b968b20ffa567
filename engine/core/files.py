"""Files written so that a crash never leaves half of one: models, run records, collected drawings."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

# what ships with TensorDesk (embedded digits, the shipped model, translations, presets): the package's assets/
ASSETS = Path(__file__).resolve().parents[2] / "assets"


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> Path:
    """Write `path` through `write(file)`: into a temporary file in the same folder, flushed to disk, given an
    ordinary file's permissions, then renamed into place. A crash leaves the old file or the new one.
    OSError from any step propagates (the temporary file is removed)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)   # mkstemp makes it private
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path

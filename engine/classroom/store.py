"""The class folder: every digit a student sent, kept before the student is answered.

    CLASS/<label>/<id>.png        a labelled digit: the image-folder layout (a data source, My digits, fine-tuning)
    CLASS/unlabelled/<id>.png     a digit sent without saying what it is (image folders skip this folder)
    CLASS/class.jsonl             one JSON line per digit (id, time, nickname, label, what the model said, its
                                  probabilities, the file) and one per removal; a broken last line (a crash while
                                  writing it) is skipped when the folder is read again

The PNG is written atomically, then its line is appended and flushed to disk; only then does the server answer, so
a crash never loses an answered digit. Reopening the folder gives the wall back."""
from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from tensordesk.engine.core.errors import DataError
from tensordesk.engine.core.files import atomic_write
from tensordesk.engine.core.undo import Trash
from tensordesk.engine.data.datasets import UNLABELLED

JOURNAL = "class.jsonl"


@dataclass(frozen=True)
class ClassDigit:
    """One digit a student sent, as kept: the 28×28 image the model read (uint8), what it said."""
    id: str
    time: float                       # seconds since the epoch
    nickname: str
    label: int | None                 # what the student says it is (None: not said)
    digit: int                        # what the model said
    probabilities: tuple[float, ...]
    path: Path
    image: np.ndarray = field(compare=False, repr=False)

    @property
    def wrong(self) -> bool:
        return self.label is not None and self.label != self.digit


class ClassFolder:
    """The digits of one class, in one folder. Safe to call from the server's threads and the window's at once."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self._lock = threading.Lock()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataError(f"{self.folder}: cannot make the class folder ({exc.strerror or exc}).") from exc
        if not os.access(self.folder, os.W_OK):
            raise DataError(f"{self.folder}: the class folder cannot be written to.")

    @property
    def journal(self) -> Path:
        return self.folder / JOURNAL

    def _append(self, record: dict) -> None:
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with open(self.journal, "a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())

    def add(self, digit_id: str, image: np.ndarray, nickname: str, label: int | None, digit: int,
            probabilities) -> ClassDigit:
        """Keep a digit: its 28×28 image (float in [0, 1] or uint8) as a PNG, then its journal line."""
        a = np.asarray(image)
        if a.dtype != np.uint8:
            a = np.clip(np.rint(a.astype(np.float32) * 255), 0, 255).astype(np.uint8)
        sub = self.folder / (str(label) if label is not None else UNLABELLED)
        path = sub / f"{digit_id}.png"
        now = time.time()
        probs = tuple(round(float(p), 6) for p in probabilities)
        with self._lock:
            try:
                sub.mkdir(exist_ok=True)
                atomic_write(path, lambda fh: Image.fromarray(a, mode="L").save(fh, format="PNG"))
                self._append({"id": digit_id, "time": round(now, 3), "nickname": nickname, "label": label,
                              "digit": int(digit), "probabilities": list(probs),
                              "file": path.relative_to(self.folder).as_posix()})
            except OSError as exc:
                raise DataError(f"{self.folder}: cannot keep the digit ({exc.strerror or exc}).") from exc
        return ClassDigit(digit_id, now, nickname, label, int(digit), probs, path, a)

    def remove(self, digit: ClassDigit) -> None:
        """Take a digit off the wall (moderation): its file goes to the folder's hidden trash, a line says so."""
        with self._lock:
            try:
                if digit.path.exists():
                    Trash(self.folder).put(digit.path)
                self._append({"id": digit.id, "removed": True, "time": round(time.time(), 3)})
            except (OSError, ValueError) as exc:
                raise DataError(f"{digit.path}: cannot remove it ({getattr(exc, 'strerror', None) or exc}).") from exc

    def read(self) -> list[ClassDigit]:
        """Every digit still in the class, oldest first (what reopening the class shows on the wall)."""
        if not self.journal.is_file():
            return []
        records: dict[str, dict] = {}
        with open(self.journal, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue        # a line cut short by a crash
                if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                    continue
                if record.get("removed"):
                    records.pop(record["id"], None)
                else:
                    records[record["id"]] = record
        out = []
        for r in records.values():
            try:
                path = (self.folder / str(r["file"])).resolve()
                if path.parent.parent != self.folder.resolve() or not path.is_file():
                    continue        # only the class's own files
                with Image.open(path) as img:
                    image = np.asarray(img.convert("L"), dtype=np.uint8)
                label = r.get("label")
                out.append(ClassDigit(r["id"], float(r.get("time", 0.0)), str(r.get("nickname", "")),
                                      int(label) if label is not None else None, int(r["digit"]),
                                      tuple(float(p) for p in r.get("probabilities", ())), path, image))
            except (OSError, KeyError, TypeError, ValueError):
                continue
        return sorted(out, key=lambda d: d.time)


def confusion(digits, classes: int = 10) -> np.ndarray:
    """(classes, classes) counts over the labelled digits: rows the students' labels, columns the model's answers."""
    counts = np.zeros((classes, classes), dtype=int)
    for d in digits:
        if d.label is not None and 0 <= d.label < classes and 0 <= d.digit < classes:
            counts[d.label, d.digit] += 1
    return counts

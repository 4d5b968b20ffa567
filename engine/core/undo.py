"""Delete with undo, once for every store: deleted things wait in a hidden folder (`ROOT/.deleted/…`, which data
sets and run lists skip) so Undo can put them back, and deletes are undone a batch at a time."""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from tensordesk.engine.core.errors import TensorDeskError

TRASH = ".deleted"


class Trash:
    """Moves files or folders under `root` aside and back, keeping their place relative to `root`."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.folder = self.root / TRASH

    def put(self, path: str | os.PathLike) -> Path:
        """Move `path` (inside root) aside; returns where it waits. Raises OSError or ValueError."""
        path = Path(path)
        kept = self.folder / path.relative_to(self.root)
        kept.parent.mkdir(parents=True, exist_ok=True)
        if kept.is_dir():
            shutil.rmtree(kept)      # an older deletion of the same name: the newer one wins
        os.replace(path, kept)
        return kept

    def take_back(self, kept: str | os.PathLike) -> Path:
        """Put a deleted thing back where it was; returns its path. Raises OSError or ValueError."""
        kept = Path(kept)
        back = self.root / kept.relative_to(self.folder)
        back.parent.mkdir(parents=True, exist_ok=True)
        os.replace(kept, back)
        return back

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class DeleteBatches:
    """Undo for a list of things: `delete(items)` removes them with `remove(item) → token` and remembers the batch;
    `undo()` gives the newest batch back with `restore(token) → restored`. Errors are collected as sentences, so
    one file that cannot move does not stop the rest."""

    def __init__(self, remove: Callable[[Any], Any], restore: Callable[[Any], Any]):
        self._remove, self._restore = remove, restore
        self._batches: list[list] = []

    def __bool__(self) -> bool:
        return bool(self._batches)

    def delete(self, items: Iterable) -> tuple[list, list[str]]:
        """(tokens of what was deleted, errors)."""
        tokens, errors = [], []
        for item in items:
            try:
                tokens.append(self._remove(item))
            except TensorDeskError as exc:
                errors.append(str(exc))
        if tokens:
            self._batches.append(tokens)
        return tokens, errors

    def undo(self) -> tuple[list, list[str]]:
        """(what came back, errors); nothing when there is nothing to undo."""
        if not self._batches:
            return [], []
        restored, errors = [], []
        for token in reversed(self._batches.pop()):
            try:
                restored.append(self._restore(token))
            except TensorDeskError as exc:
                errors.append(str(exc))
        return restored[::-1], errors

    def clear(self) -> None:
        self._batches.clear()

"""Why a run or a lab ended as it did, as structured data: a key into `TEMPLATES` and the values for its %1, %2, …

The engine's English sentence (command line, JSON summaries) and the window's translated one are both made
from it: `Reason.text()` in English, `Reason.text(translate)` in the window's language. The templates are
marked for Qt's translation in gui/names.py (a test keeps the two lists equal).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

TEMPLATES = {
    "run-finished": "Finished %1 epochs (%2 steps).",
    "run-finished-one": "Finished 1 epoch (%1 steps).",
    "run-stopped": "Stopped by the user at step %1.",
    "run-diverged": "The loss became NaN or infinite at step %1: the learning rate %2 is too high for this model; "
                    "try %3 or lower.",
    "run-failed": "Training failed: %1",
    "test-accuracy": "Test accuracy %1.",
    "test-error": "Test reconstruction error %1.",
    "bn-diverged": "The network %1 diverged at step %2: its cost became infinite or NaN (%3).",
    "bn-without": "without batch norm",
    "bn-with": "with batch norm",
    "bn-relu-explodes": "ReLU passes large values on unchanged, so with N(0, σ) weights each layer multiplies them "
                        "and the output explodes",
    "bn-unbounded": "the updates grew without bound",
    "descent-diverged": "%1 diverged at step %2: each step overshoots the valley by more than the last, so a, b and "
                        "the cost run off to infinity. Try a learning rate below %3.",
    "descent-run": "%1, LR %2",
    "edit-off": "Switched off unit %1 of %2.",
    "edit-scale": "Scaled the incoming weights of unit %2 of %3 by %1.",
    "edit-bias": "Shifted the bias of unit %2 of %3 by %1.",
    "edit-prune-layer": "Pruned the %1% smallest weights of %2.",
    "edit-prune-net": "Pruned the %1% smallest weights of the whole network.",
    "edit-temperature": "Set the softmax temperature to %1.",
}


@dataclass(frozen=True)
class Word:
    """An engine name inside a reason (an optimizer's title): translated as it stands."""

    text: str


@dataclass(frozen=True)
class Reason:
    key: str
    args: tuple[str | Word | Reason, ...] = ()

    def text(self, translate: Callable[[str], str] = lambda s: s) -> str:
        """The sentence, its template and every Word and nested Reason passed through `translate`."""
        out = translate(TEMPLATES[self.key])
        for i in range(len(self.args), 0, -1):   # %10 before %1
            arg = self.args[i - 1]
            value = (arg.text(translate) if isinstance(arg, Reason) else translate(arg.text) if isinstance(arg, Word)
                     else str(arg))
            out = out.replace(f"%{i}", value)
        return out

    def __add__(self, other: Reason) -> Sentences:
        return Sentences((self, other))


@dataclass(frozen=True)
class Sentences:
    """Reasons told one after another ("Finished 5 epochs (1,170 steps). Test accuracy 98.31%.")."""

    parts: tuple[Reason, ...]

    def text(self, translate: Callable[[str], str] = lambda s: s) -> str:
        return " ".join(p.text(translate) for p in self.parts)

    def __add__(self, other: Reason) -> Sentences:
        return Sentences(self.parts + (other,))

"""The window's sentence for "is it really better?" (engine/runs/compare.py's Verdict), translated, with its numbers
marked as data: the History page and the missions say it the same way."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from tensordesk.engine.runs.compare import MOST_SEEDS, Verdict


def verdict_text(verdict: Verdict, name_a: str, name_b: str) -> tuple[str, list[str]]:
    """(template with %1…%n, its data) for set_text_with_data."""
    diff, low, high, size = verdict.difference, verdict.ci_low, verdict.ci_high, verdict.effect_size
    if verdict.better == "B":     # say it the better one first: B − A, every figure positive
        name_a, name_b, diff, low, high = name_b, name_a, -diff, -high, -low
        size = None if size is None else -size
    gap = [f"{diff * 100:+.2f}", f"{low * 100:+.2f}", f"{high * 100:+.2f}"]
    if verdict.decided:
        return (QCoreApplication.translate("Verdict", "%1 is really better than %2: %1 − %2 = %3 points of test "
                                           "accuracy (95% interval %4 to %5; effect size %6)."), [name_a, name_b, *gap, "—" if size is None else f"{size:+.2f}"])
    need = verdict.seeds_needed
    if need is not None and need <= MOST_SEEDS:
        return (QCoreApplication.translate("Verdict", "Cannot tell %1 and %2 apart yet: %3 − %4 = %5 points (95% "
                                           "interval %6 to %7, which holds 0). About %8 seeds each would tell a gap "
                                           "this size apart."),
                [name_a, name_b, name_a, name_b, *gap, str(need)])
    return (QCoreApplication.translate("Verdict", "Cannot tell %1 and %2 apart: %3 − %4 = %5 points (95% interval %6 "
                                       "to %7, which holds 0); no practical number of seeds would tell a gap this "
                                       "small apart."),
            [name_a, name_b, name_a, name_b, *gap])

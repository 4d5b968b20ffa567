"""Is it really better? Two groups of runs (Repeat ×N: the same settings over several seeds) compared by their final
test accuracies: the difference of the means with a 95% confidence interval (Welch's t, which does not assume the
two spreads are equal), the effect size (Hedges' g) and how many seeds a side would tell a difference of that size
apart (a two-sided t-test at α = 0.05 with 80% power). Missions, the History page and `main.py runs compare` all
read `compare_accuracies`."""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tensordesk.engine.core.errors import TensorDeskError

CONFIDENCE = 0.95
POWER = 0.80
MOST_SEEDS = 10_000        # "more than this many" is as good as "never" for a lecture


class CompareError(TensorDeskError):
    pass


@dataclass(frozen=True)
class Verdict:
    """A − B, where A and B are the two groups' test accuracies (fractions)."""
    n_a: int
    n_b: int
    mean_a: float
    mean_b: float
    difference: float              # mean(A) − mean(B)
    ci_low: float
    ci_high: float
    effect_size: float | None      # Hedges' g; None when neither group varies
    seeds_needed: int | None       # per group, for 80% power; None when the means are equal (no size to find)
    p_value: float | None          # Welch's two-sided p; None when neither group varies

    @property
    def decided(self) -> bool:
        """The interval leaves out zero: one is better, at 95% confidence."""
        return self.ci_low > 0 or self.ci_high < 0

    @property
    def better(self) -> str:
        """"A", "B" or "" (cannot tell them apart)."""
        if not self.decided:
            return ""
        return "A" if self.difference > 0 else "B"

    def to_dict(self) -> dict:
        return {"n_a": self.n_a, "n_b": self.n_b, "mean_a": self.mean_a, "mean_b": self.mean_b,
                "difference": self.difference, "ci_low": self.ci_low, "ci_high": self.ci_high,
                "confidence": CONFIDENCE, "effect_size": self.effect_size, "seeds_needed": self.seeds_needed,
                "p_value": self.p_value, "better": self.better}

    def sentence(self, name_a: str = "A", name_b: str = "B") -> str:
        """The verdict in one English sentence (the window translates its own)."""
        gap = (f"{name_a} − {name_b} = {self.difference * 100:+.2f} points "
               f"(95% CI {self.ci_low * 100:+.2f} to {self.ci_high * 100:+.2f})")
        if self.decided:
            best = name_a if self.better == "A" else name_b
            return f"{best} is better: {gap}."
        need = (f"about {self.seeds_needed} seeds a side would tell a gap this size apart"
                if self.seeds_needed and self.seeds_needed <= MOST_SEEDS else "no number of seeds would")
        return f"Cannot tell them apart yet: {gap}; {need}."


def _finite(values: Iterable[float | None]) -> list[float]:
    return [float(v) for v in values if v is not None and math.isfinite(float(v))]


def compare_accuracies(a: Iterable[float | None], b: Iterable[float | None]) -> Verdict:
    """The verdict on two groups' accuracies (missing or non-finite values are left out). Each group needs at least
    two runs: one run says nothing about how much a seed moves the figure."""
    from scipy import stats
    xa, xb = _finite(a), _finite(b)
    if len(xa) < 2 or len(xb) < 2:
        raise CompareError(f"each side needs at least two finished runs with a test accuracy (got {len(xa)} and "
                           f"{len(xb)}); train them with Repeat ×N.")
    na, nb = len(xa), len(xb)
    ma, mb = sum(xa) / na, sum(xb) / nb
    va = sum((v - ma) ** 2 for v in xa) / (na - 1)
    vb = sum((v - mb) ** 2 for v in xb) / (nb - 1)
    diff = ma - mb
    se2 = va / na + vb / nb
    if se2 <= 0:     # neither group varies: the difference is what it is
        return Verdict(na, nb, ma, mb, diff, diff, diff, None, None if diff == 0 else 2, None)
    se = math.sqrt(se2)
    df = se2 ** 2 / ((va / na) ** 2 / (na - 1) + (vb / nb) ** 2 / (nb - 1))
    t = float(stats.t.ppf(0.5 + CONFIDENCE / 2, df))
    p = float(2 * stats.t.sf(abs(diff) / se, df))
    pooled = math.sqrt(((na - 1) * va + (nb - 1) * vb) / (na + nb - 2))
    g = None
    if pooled > 0:
        g = diff / pooled * (1 - 3 / (4 * (na + nb) - 9))      # Hedges' small-sample correction
    return Verdict(na, nb, ma, mb, diff, diff - t * se, diff + t * se, g, seeds_needed(g), p)


def seeds_needed(effect_size: float | None, power: float = POWER, alpha: float = 1 - CONFIDENCE) -> int | None:
    """The fewest runs per group for which a two-sided two-sample t-test finds a standardised difference of
    `effect_size` with the given power (the noncentral t); None for no difference, MOST_SEEDS + 1 past the cap."""
    from scipy import stats
    if effect_size is None or effect_size == 0 or not math.isfinite(effect_size):
        return None
    d = abs(effect_size)

    def reached(n: int) -> bool:
        df = 2 * n - 2
        crit = stats.t.ppf(1 - alpha / 2, df)
        nc = d * math.sqrt(n / 2)
        far = stats.nct.cdf(-crit, df, nc)       # the wrong tail: tiny, and nan where it underflows
        return float(stats.nct.sf(crit, df, nc) + (far if math.isfinite(far) else 0.0)) >= power

    # the normal approximation lands within a seed or two of the answer; the exact power walks the rest
    z = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)
    n = max(2, int(2 * (z / d) ** 2) - 1)
    if n > MOST_SEEDS:
        return MOST_SEEDS + 1
    while n > 2 and reached(n - 1):
        n -= 1
    while not reached(n):
        n += 1
        if n > MOST_SEEDS:
            return MOST_SEEDS + 1
    return n


def group_runs(runs: Sequence, name: str) -> list:
    """The runs that `name` stands for: the group of the run with that id, or the newest group (Repeat ×N)
    trained under that label (runs trained one by one under one label count as one group). Raises CompareError."""
    by_id = {r.id: r for r in runs}
    if name in by_id:
        run = by_id[name]
        return [r for r in runs if r.group == run.group] if run.group else [run]
    labelled = [r for r in runs if r.label == name]
    if not labelled:
        raise CompareError(f"no run has the id or label '{name}' (see `main.py runs list`).")
    groups: dict[str, list] = {}
    for r in labelled:
        groups.setdefault(r.group, []).append(r)
    newest = max(groups.values(), key=lambda rs: max(r.created for r in rs))
    return newest

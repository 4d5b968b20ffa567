"""The gradient-descent lab (seed 002 §21): fit two parameters (a, b) of a small model to noisy data with a
Keras optimizer on TensorFlow variables, recording the path (a, b, cost) step by step; several optimizers
or learning rates can run from the same start in lockstep. Also the cost surface they move on.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass

import numpy as np

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.core.jsonable import finite_or_none
from tensordesk.engine.core.reasons import Reason, Word
from tensordesk.engine.core.settings import check, check_learning_rate, setting
from tensordesk.engine.models.optimizers import OPTIMIZERS, SGD

TRUE_PARAMS = (1.2, 2.5)
START_PRESETS = ((5.0, 4.0), (5.0, 1.0), (2.0, 4.5))
ZIGZAG_WINDOW, ZIGZAG_MIN_STEP = 6, 1e-3
DIVERGE_LIMIT = 1e6      # |a|, |b| or cost beyond this (or non-finite) counts as diverged


@dataclass(frozen=True)
class FitModel:
    key: str
    formula: str
    f: Callable     # f(a, b, x, ops) with ops = numpy or tensorflow.math


def _linear(a, b, x, ops):
    return a * x + b


def _cubic(a, b, x, ops):
    return a * x ** 3 + b * x ** 2


def _sincos(a, b, x, ops):
    return ops.sin(b * ops.cos(a * x))


MODELS = {m.key: m for m in (FitModel("linear", "a·x + b", _linear),
                             FitModel("cubic", "a·x³ + b·x²", _cubic),
                             FitModel("sincos", "sin(b·cos(a·x))", _sincos))}


@dataclass(frozen=True)
class RunSpec:
    optimizer: str = SGD
    learning_rate: float = 0.1

    def reason(self) -> Reason:
        """The run's name ("Momentum, LR 0.1") as a phrase the window translates."""
        kind = OPTIMIZERS.get(self.optimizer)
        return Reason("descent-run", (Word(kind.title if kind else self.optimizer), f"{self.learning_rate:g}"))

    def label(self) -> str:
        return self.reason().text()


@dataclass(frozen=True)
class DescentSettings:
    """The experiment; defaults are the seed's (linear model, start (2, 4.5), SGD, LR 0.1, 400 steps)."""

    model: str = setting("linear", choices=tuple(MODELS), help="a·x+b (linear), a·x³+b·x² (cubic) or "
                         "sin(b·cos(a·x)) (sincos)", cli="--model", label="the model")
    start: tuple = (2.0, 4.5)
    runs: tuple = (RunSpec(),)
    steps: int = setting(400, low=1, high=100_000, help="steps of every run", cli="--steps")
    samples: int = 200
    noise: float = 0.1          # y = f(1.2, 2.5; x) + U(0, noise)
    seed: int = setting(0, low=0, high=2**31 - 1, help="seed of the data's noise", cli="--seed")
    grid: int = 91              # surface resolution per axis over [lo, hi]²
    lo: float = -2.0
    hi: float = 7.0

    def validate(self) -> DescentSettings:
        check(self)
        if len(self.start) != 2 or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in self.start):
            raise ConfigError(f"the start point must be two numbers a, b (got {self.start}).")
        if not self.runs:
            raise ConfigError("choose at least one optimizer.")
        if len(self.runs) > 8:
            raise ConfigError("compare at most 8 runs at once.")
        for run in self.runs:
            if run.optimizer not in OPTIMIZERS:
                raise ConfigError(f"unknown optimizer '{run.optimizer}'; choose one of {', '.join(OPTIMIZERS)}.")
            check_learning_rate(run.learning_rate)
        if not isinstance(self.samples, int) or self.samples < 2:
            raise ConfigError("at least 2 data points are needed.")
        if not 2 <= self.grid <= 400 or not self.lo < self.hi:
            raise ConfigError("the surface grid needs 2 to 400 points per axis over a non-empty range.")
        return self

    def replace(self, **changes) -> DescentSettings:
        return DescentSettings(**{**asdict(self), "runs": self.runs, **changes})


# ------------------------------------------------------------------------- events
@dataclass(frozen=True)
class SurfaceReady:
    """The cost surface and the data, sent once when a lab begins."""

    model: str
    a: np.ndarray          # (grid,) float64
    b: np.ndarray          # (grid,)
    cost: np.ndarray       # (grid, grid) float64, cost[i, j] at (a[i], b[j])
    x: np.ndarray          # (samples,) float32 sorted
    y: np.ndarray          # (samples,) float32
    labels: tuple          # run names in run order, as Reasons ("Momentum, LR 0.1")
    minimum: tuple         # (a, b, cost) of the lowest grid point


@dataclass(frozen=True)
class PathStep:
    """Where every run is after `step` steps: points[i] = (a, b, cost), or None once run i diverged."""

    step: int
    points: tuple
    fits: tuple            # per run: (samples,) float32 model output at x, or None
    zigzag: tuple = ()     # per run: True while most recent steps reverse direction (overshooting the valley)


@dataclass(frozen=True)
class RunDiverged:
    run: int
    step: int
    reason: Reason

    @property
    def message(self) -> str:
        return self.reason.text()


# ------------------------------------------------------------------------- numbers
def make_data(settings: DescentSettings) -> tuple[np.ndarray, np.ndarray]:
    """x evenly spaced in [−1, 1] (float32), y = f(1.2, 2.5; x) + U(0, noise)."""
    rng = np.random.default_rng(settings.seed)
    x = np.linspace(-1, 1, settings.samples, dtype=np.float32)
    noise = rng.random(settings.samples).astype(np.float32) * np.float32(settings.noise)
    y = MODELS[settings.model].f(np.float32(TRUE_PARAMS[0]), np.float32(TRUE_PARAMS[1]), x, np) + noise
    return x, y.astype(np.float32)


def cost_at(model: str, a, b, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Mean squared error for arrays of a and b (broadcast), in float64."""
    a = np.asarray(a, np.float64)[..., None]
    b = np.asarray(b, np.float64)[..., None]
    pred = MODELS[model].f(a, b, x.astype(np.float64), np)
    return np.mean(np.square(pred - y.astype(np.float64)), axis=-1)


def cost_surface(model: str, x, y, lo=-2.0, hi=7.0, n=91):
    """(a, b, cost) with cost[i, j] = MSE at (a[i], b[j]) over the square [lo, hi]²."""
    a = np.linspace(lo, hi, n)
    b = np.linspace(lo, hi, n)
    return a, b, cost_at(model, a[:, None], b[None, :], x, y)


def least_squares(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(a, b) minimising mean (a·x + b − y)²: the linear model's exact answer."""
    a, b = np.polyfit(x.astype(np.float64), y.astype(np.float64), 1)
    return float(a), float(b)


# ------------------------------------------------------------------------- the lab
class DescentLab:
    """The stepper: `begin()` sends the surface and the start; each `advance()` is one optimizer step per run."""

    def __init__(self, settings: DescentSettings = DescentSettings()):
        import tensorflow as tf

        from tensordesk.engine.training.config import TrainConfig
        from tensordesk.engine.training.steps import make_optimizer

        self.settings = s = settings.validate()
        self.x, self.y = make_data(s)
        self.model = MODELS[s.model]
        self.step = 0
        self.paths: list[list] = [[] for _ in s.runs]
        self.diverged_at: list[int | None] = [None] * len(s.runs)
        self._moves: list[list] = [[] for _ in s.runs]     # recent (Δa, Δb) per run
        self._x = tf.constant(self.x)
        self._y = tf.constant(self.y)
        self._vars, self._steps = [], []
        for run in s.runs:
            a = tf.Variable(float(s.start[0]), dtype=tf.float32, name="a")
            b = tf.Variable(float(s.start[1]), dtype=tf.float32, name="b")
            opt = make_optimizer(TrainConfig(optimizer=run.optimizer, learning_rate=run.learning_rate),
                                 run.learning_rate)
            self._vars.append((a, b))
            self._steps.append(self._make_step(tf, a, b, opt))

    def _make_step(self, tf, a, b, opt):
        f, x, y = self.model.f, self._x, self._y

        @tf.function
        def step():
            """Record (a, b, cost) before the update, as the seed does, then apply one update."""
            with tf.GradientTape() as tape:
                cost = tf.reduce_mean(tf.square(y - f(a, b, x, tf.math)))
            before = tf.stack([a, b, cost])
            grads = tape.gradient(cost, [a, b])
            opt.apply_gradients(zip(grads, [a, b]))
            return before
        return step

    def _current(self, i: int) -> tuple[float, float, float]:
        a, b = (float(v.numpy()) for v in self._vars[i])
        return a, b, float(cost_at(self.settings.model, a, b, self.x, self.y))

    def _fit(self, a: float, b: float) -> np.ndarray | None:
        with np.errstate(all="ignore"):
            out = self.model.f(np.float32(a), np.float32(b), self.x, np).astype(np.float32)
        return out if np.all(np.isfinite(out)) else None

    @property
    def done(self) -> bool:
        return self.step >= self.settings.steps or all(d is not None for d in self.diverged_at)

    def begin(self) -> list:
        s = self.settings
        a, b, cost = cost_surface(s.model, self.x, self.y, s.lo, s.hi, s.grid)
        i, j = np.unravel_index(np.argmin(cost), cost.shape)
        points = tuple(self._current(k) for k in range(len(s.runs)))
        return [SurfaceReady(s.model, a, b, cost, self.x, self.y, tuple(r.reason() for r in s.runs),
                             (float(a[i]), float(b[j]), float(cost[i, j]))),
                PathStep(0, points, tuple(self._fit(p[0], p[1]) for p in points), (False,) * len(points))]

    def advance(self) -> list:
        events: list = []
        points: list = []
        fits: list = []
        self.step += 1
        for k, step in enumerate(self._steps):
            if self.diverged_at[k] is not None:
                points.append(None)
                fits.append(None)
                continue
            with np.errstate(all="ignore"):
                before = step().numpy().astype(float)
            self.paths[k].append(tuple(before))
            now = self._current(k)
            if not all(math.isfinite(v) and abs(v) < DIVERGE_LIMIT for v in now):
                self.diverged_at[k] = self.step
                lr = self.settings.runs[k].learning_rate
                events.append(RunDiverged(k, self.step, Reason(
                    "descent-diverged", (self.settings.runs[k].reason(), str(self.step), f"{lr / 2:g}"))))
                points.append(None)
                fits.append(None)
                continue
            points.append(now)
            fits.append(self._fit(now[0], now[1]))
            moves = self._moves[k]
            moves.append((now[0] - before[0], now[1] - before[1]))
            del moves[:-ZIGZAG_WINDOW - 1]
        zigzag = tuple(self._zigzag(k) for k in range(len(self._steps)))
        events.insert(0, PathStep(self.step, tuple(points), tuple(fits), zigzag))
        return events

    def _zigzag(self, k: int) -> bool:
        """Most of the last steps went against the one before (and were not negligibly small)."""
        if self.diverged_at[k] is not None:
            return False
        m = np.asarray(self._moves[k])
        if len(m) <= ZIGZAG_WINDOW:
            return False
        dots = np.sum(m[1:] * m[:-1], axis=1)
        big = np.linalg.norm(m[1:], axis=1) > ZIGZAG_MIN_STEP
        return int(np.sum((dots < 0) & big)) > ZIGZAG_WINDOW // 2

    def summary(self) -> dict:
        """{"runs": [{"optimizer", "lr", "path", "end", "diverged"}, ...]} (the headless JSON)."""
        runs = []
        for k, spec in enumerate(self.settings.runs):
            with np.errstate(all="ignore"):
                end = [finite_or_none(v, 7) for v in self._current(k)]   # null where a diverged run overflowed
            runs.append({"optimizer": spec.optimizer, "lr": spec.learning_rate,
                         "path": [[finite_or_none(v, 7) for v in p] for p in self.paths[k]],
                         "end": end, "diverged": self.diverged_at[k] is not None,
                         "diverged_at": self.diverged_at[k]})
        return {"model": self.settings.model, "start": list(self.settings.start), "runs": runs}


def run_headless(settings: DescentSettings = DescentSettings(), listener=None) -> dict:
    from tensordesk.engine.labs.runner import LabRunner
    return LabRunner(DescentLab(settings), listener or (lambda event: None)).run()

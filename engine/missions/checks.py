"""The checks a mission step can ask for: named predicates over the journal of the learner's work (facts.py), each
with typed parameters declared once (a frozen settings class: type, default, bounds, choices) and the names of the
numbers it gives back, which a step's hint and "why" put into their sentences ("{off:.0%}").

Adding a check is one `@check(...)` function here; a mission file names it and gives its parameters, and the loader
checks both against this registry before the mission is ever shown."""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tensordesk.engine.core.settings import Setting, declared, setting
from tensordesk.engine.missions.facts import LOWER_IS_BETTER, METRICS, Journal, RunFact

# what a run can be picked by: its settings (facts.run_fact) and how it ended
RUN_KEYS = ("arch", "optimizer", "learning_rate", "batch_size", "epochs", "lr_schedule", "decay_rate", "ema",
            "augment", "seed", "batch_norm", "dropout", "l1", "l2", "activation", "train_images", "transfer",
            "freeze", "state")
LAB_KEYS = ("bn", "descent", "fit", "parallel")


@dataclass(frozen=True)
class Outcome:
    passed: bool
    values: dict = field(default_factory=dict)     # the numbers the why and the hint may quote
    missing: str = ""                              # in English: what is still missing (shown under the hint)


@dataclass(frozen=True)
class Check:
    name: str
    params: type                    # a frozen dataclass of setting(...) fields
    values: tuple                   # the names of the numbers Outcome.values carries
    fn: Callable[[Any, Journal], Outcome]
    help: str
    reads: tuple = ()               # the kinds of fact it looks at: a new one of these is worth judging the step on

    def parameters(self, given: dict) -> Any:
        """The check's parameters from a mission file's dict; raises ValueError naming the field."""
        fields = declared(self.params)
        unknown = set(given) - set(fields)
        if unknown:
            raise ValueError(f"params.{sorted(unknown)[0]}: {self.name} takes no such parameter "
                             f"(it takes {', '.join(fields) or 'none'}).")
        for name, value in given.items():
            why = _problem(fields[name], name, value)
            if why:
                raise ValueError(f"params.{name}: {why}")
        values = {k: (tuple(v) if isinstance(v, list) else v) for k, v in given.items()}
        return self.params(**values)

    def __call__(self, params: Any, journal: Journal) -> Outcome:
        return self.fn(params, journal)


CHECKS: dict[str, Check] = {}


def check(name: str, params: type, values: tuple, help: str, reads: tuple = ("run",)):
    def register(fn):
        CHECKS[name] = Check(name, params, tuple(values), fn, help, tuple(reads))
        return fn
    return register


def _problem(s: Setting, name: str, value: Any) -> str | None:
    if s.kind is dict:
        return filter_problem(value)
    if s.kind is tuple:
        items = value if isinstance(value, (list, tuple)) else [value]
        if not items or not all(isinstance(v, str) for v in items):
            return f"{name} must be a list of names (got {value!r})."
        return None
    if s.kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    return s.problem(name, value)


def filter_problem(where: Any) -> str | None:
    """What is wrong with a run filter ({"arch": "mlp", "l2": {"min": 1e-4}}), or None."""
    if not isinstance(where, dict):
        return f"a run filter is an object of settings (got {where!r})."
    for key, want in where.items():
        if key not in RUN_KEYS:
            return f"'{key}' is not a run setting; use {', '.join(RUN_KEYS)}."
        if isinstance(want, dict):
            if not want or set(want) - {"min", "max"} or not all(
                    isinstance(v, (int, float)) and not isinstance(v, bool) for v in want.values()):
                return f"'{key}': a range is {{\"min\": number, \"max\": number}} (got {want!r})."
        elif isinstance(want, list):
            if not want:
                return f"'{key}': a list of allowed values may not be empty."
        elif not isinstance(want, (str, int, float, bool)):
            return f"'{key}': {want!r} is not a value a run setting can have."
    return None


def matches(fact: RunFact, where: dict | None) -> bool:
    for key, want in (where or {}).items():
        have = fact.state if key == "state" else fact.settings.get(key)
        if isinstance(want, dict):
            if not isinstance(have, (int, float)) or isinstance(have, bool):
                return False
            if ("min" in want and have < want["min"]) or ("max" in want and have > want["max"]):
                return False
        elif isinstance(want, list):
            if have not in want:
                return False
        elif isinstance(want, float) or isinstance(have, float):
            if not isinstance(have, (int, float)) or not math.isclose(float(have), float(want), rel_tol=1e-6):
                return False
        elif have != want:
            return False
    return True


def _finished(journal: Journal, where: dict | None) -> list[RunFact]:
    where = where or {}
    states = where.get("state")
    runs = [f for f in journal.of("run") if matches(f, where)]
    return runs if states is not None else [f for f in runs if f.state == "finished"]


def _best(runs: list[RunFact], metric: str) -> RunFact | None:
    scored = [r for r in runs if r.value(metric) is not None]
    if not scored:
        return None
    pick = min if metric in LOWER_IS_BETTER else max
    return pick(scored, key=lambda r: r.value(metric))


def _pct(v: float | None) -> float:
    return float("nan") if v is None else float(v)


# ------------------------------------------------------------------ runs

@dataclass(frozen=True)
class RunParams:
    where: dict = setting(None, kind=dict, help="the run's settings (a filter)")
    metric: str = setting("test_accuracy", choices=METRICS, help="the figure to judge it by")
    at_least: float = setting(-1e9, help="the figure must reach this (accuracies as fractions)")
    at_most: float = setting(1e9, help="the figure must stay at or under this")
    count: int = setting(1, low=1, high=1000, help="how many such runs")


@check("run", RunParams, ("value", "runs", "first_lr", "last_lr", "first_loss", "final_loss", "learning_rate",
                          "train_accuracy", "val_accuracy"),
       "a run with these settings ended (finished, unless the filter names a state), its figure within bounds")
def _run(p: RunParams, journal: Journal) -> Outcome:
    runs = _finished(journal, p.where)
    good = [r for r in runs if r.value(p.metric) is not None and p.at_least <= r.value(p.metric) <= p.at_most] \
        if (p.where or {}).get("state") in (None, "finished") else runs
    best = _best(good, p.metric) or (good[-1] if good else None) or (runs[-1] if runs else None)
    values = {"value": _pct(best.value(p.metric)) if best else float("nan"), "runs": len(good),
              "first_lr": best.learning_rates[0] if best and best.learning_rates else float("nan"),
              "last_lr": best.learning_rates[-1] if best and best.learning_rates else float("nan"),
              "first_loss": _pct(best.first_loss) if best else float("nan"),
              "final_loss": _pct(best.final_loss) if best else float("nan"),
              "learning_rate": float(best.settings.get("learning_rate") or float("nan")) if best else float("nan"),
              "train_accuracy": _pct(best.train_accuracy) if best else float("nan"),
              "val_accuracy": _pct(best.val_accuracy) if best else float("nan")}
    if len(good) >= p.count:
        return Outcome(True, values)
    if not runs:
        return Outcome(False, values, "no run with those settings has ended yet.")
    return Outcome(False, values, f"{len(good)} of the {p.count} runs needed reached the figure asked for.")


@dataclass(frozen=True)
class BeatsParams:
    a: dict = setting(None, kind=dict, help="the run that should win (a filter)")
    b: dict = setting(None, kind=dict, help="the run it should beat (a filter)")
    metric: str = setting("test_accuracy", choices=METRICS, help="the figure compared")
    margin: float = setting(0.0, low=0.0, high=1e9, help="by at least this much")


@check("run_beats", BeatsParams, ("a", "b", "difference", "a_train", "a_val", "b_train", "b_val"),
       "the best run matching a beats the best run matching b on the metric by the margin")
def _run_beats(p: BeatsParams, journal: Journal) -> Outcome:
    a, b = _best(_finished(journal, p.a), p.metric), _best(_finished(journal, p.b), p.metric)
    figures = {"a_train": _pct(a and a.train_accuracy), "a_val": _pct(a and a.val_accuracy),
               "b_train": _pct(b and b.train_accuracy), "b_val": _pct(b and b.val_accuracy)}
    if a is None or b is None:
        which = "either run" if a is None and b is None else "the first run" if a is None else "the second run"
        return Outcome(False, {"a": _pct(a and a.value(p.metric)), "b": _pct(b and b.value(p.metric)),
                               "difference": float("nan"), **figures}, f"{which} has not finished yet.")
    va, vb = a.value(p.metric), b.value(p.metric)
    diff = (vb - va) if p.metric in LOWER_IS_BETTER else (va - vb)
    return Outcome(diff > p.margin, {"a": va, "b": vb, "difference": diff, **figures},
                   "" if diff > p.margin else "both ran, but the first did not come out ahead.")


@dataclass(frozen=True)
class GroupsParams:
    a: dict = setting(None, kind=dict, help="the runs of group A (a filter)")
    b: dict = setting(None, kind=dict, help="the runs of group B (a filter)")
    runs: int = setting(3, low=2, high=100, help="finished runs each group needs")
    expect: str = setting("decided", choices=("decided", "a_better", "any"),
                          help="what the verdict must say: one is better, A is better, or anything")


@check("groups_compared", GroupsParams,
       ("difference", "ci_low", "ci_high", "effect_size", "seeds_needed", "n_a", "n_b", "mean_a", "mean_b"),
       "two groups of runs over seeds compared: the difference of their mean test accuracies with its 95% interval")
def _groups(p: GroupsParams, journal: Journal) -> Outcome:
    from tensordesk.engine.runs.compare import compare_accuracies
    a = [r.test_accuracy for r in _finished(journal, p.a) if r.test_accuracy is not None]
    b = [r.test_accuracy for r in _finished(journal, p.b) if r.test_accuracy is not None]
    empty = dict.fromkeys(("difference", "ci_low", "ci_high", "effect_size", "seeds_needed", "mean_a", "mean_b"),
                          float("nan"))
    if len(a) < p.runs or len(b) < p.runs:
        return Outcome(False, {**empty, "n_a": len(a), "n_b": len(b)},
                       f"each side needs {p.runs} finished runs (now {len(a)} and {len(b)}).")
    v = compare_accuracies(a, b)
    values = {"difference": v.difference, "ci_low": v.ci_low, "ci_high": v.ci_high,
              "effect_size": float("nan") if v.effect_size is None else v.effect_size,
              "seeds_needed": float("nan") if v.seeds_needed is None else float(v.seeds_needed),
              "n_a": v.n_a, "n_b": v.n_b, "mean_a": v.mean_a, "mean_b": v.mean_b}
    passed = {"decided": v.decided, "a_better": v.better == "A", "any": True}[p.expect]
    return Outcome(passed, values, "" if passed else "the interval still holds zero: the verdict is not in.")


# ------------------------------------------------------------------ labs

def _labs(journal: Journal, lab: str, min_steps: int) -> list:
    return [f for f in journal.of("lab") if f.lab == lab and f.steps >= min_steps]


@dataclass(frozen=True)
class BNParams:
    activation: str = setting("tanh", choices=("tanh", "sigmoid", "relu"), help="the hidden layers' activation")
    min_steps: int = setting(200, low=1, high=100_000, help="steps the lab must have run")
    layer: int = setting(7, low=1, high=20, help="the hidden layer whose inputs the why quotes (1-based)")


@check("bn_lab", BNParams, ("off", "on", "steps", "layer", "diverged_at", "cost_off", "cost_on"),
       "the batch-norm lab ran at least min_steps with this activation, both networks side by side",
       reads=("lab",))
def _bn(p: BNParams, journal: Journal) -> Outcome:
    labs = [f for f in _labs(journal, "bn", p.min_steps) if f.settings.get("activation") == p.activation]
    if not labs:
        ran = journal.of("lab")
        return Outcome(False, {"off": float("nan"), "on": float("nan"), "steps": 0, "layer": p.layer,
                               "diverged_at": float("nan"), "cost_off": float("nan"), "cost_on": float("nan")},
                       f"no batch-norm run with {p.activation} of {p.min_steps} steps yet"
                       + (" (stopped too early?)." if ran else "."))
    fact = labs[-1]

    def saturated(net: str) -> float:
        layers = (fact.summary.get(net) or {}).get("layers") or []
        if not layers:
            return float("nan")
        return float(layers[min(p.layer, len(layers)) - 1].get("saturated", float("nan")))
    def cost(net: str) -> float:
        costs = [c for _, c in (fact.summary.get(net) or {}).get("costs") or [] if c is not None]
        return float(costs[-1]) if costs else float("nan")
    diverged = (fact.summary.get("without_bn") or {}).get("diverged_at")
    return Outcome(True, {"off": saturated("without_bn"), "on": saturated("with_bn"), "steps": fact.steps,
                          "layer": p.layer, "diverged_at": float("nan") if diverged is None else float(diverged),
                          "cost_off": cost("without_bn"), "cost_on": cost("with_bn")})


@dataclass(frozen=True)
class EscapeParams:
    plain: str = setting("sgd", help="the optimizer that gets stuck")
    stuck_above: float = setting(0.3, low=0.0, high=1e9, help="the plain run's final cost is at least this")
    escaped_below: float = setting(0.1, low=0.0, high=1e9, help="another run from the same start ends under this")


@check("descent_escape", EscapeParams, ("stuck", "escaped", "start_a", "start_b"),
       "on the cost surface, from one start, the plain optimizer stops in a local minimum that another escapes",
       reads=("lab",))
def _escape(p: EscapeParams, journal: Journal) -> Outcome:
    nan = float("nan")
    for fact in reversed(_labs(journal, "descent", 1)):
        runs = [r for r in fact.summary.get("runs", []) if r.get("end") and r["end"][2] is not None]
        stuck = [r for r in runs if r["optimizer"] == p.plain and r["end"][2] >= p.stuck_above]
        free = [r for r in runs if r["optimizer"] != p.plain and r["end"][2] <= p.escaped_below]
        if stuck and free:
            start = fact.summary.get("start", [nan, nan])
            return Outcome(True, {"stuck": stuck[0]["end"][2], "escaped": min(r["end"][2] for r in free),
                                  "start_a": float(start[0]), "start_b": float(start[1])})
    return Outcome(False, {"stuck": nan, "escaped": nan, "start_a": nan, "start_b": nan},
                   "no start yet where plain descent stalls and another optimizer gets out.")


@dataclass(frozen=True)
class FitParams:
    hidden: int = setting(10, low=1, high=1000, help="hidden units")
    activation: str = setting("tanh", choices=("tanh", "sigmoid", "relu"), help="the hidden layer's activation")
    max_loss: float = setting(0.01, positive=True, help="the fit's final loss at most")
    min_steps: int = setting(1, low=1, high=1_000_000, help="steps the lab must have run")


@check("curve_fit", FitParams, ("loss", "steps"), "the curve-fitting lab fitted its curve with this network",
       reads=("lab",))
def _fit(p: FitParams, journal: Journal) -> Outcome:
    labs = [f for f in _labs(journal, "fit", p.min_steps)
            if f.settings.get("hidden") == p.hidden and f.settings.get("activation") == p.activation]
    losses = [f.summary.get("final_loss") for f in labs if f.summary.get("final_loss") is not None]
    best = min(losses) if losses else float("nan")
    ok = bool(losses) and best <= p.max_loss
    return Outcome(ok, {"loss": best, "steps": labs[-1].steps if labs else 0},
                   "" if ok else "no fit with that network has come under the loss asked for yet.")


@dataclass(frozen=True)
class ParallelParams:
    modes: tuple = setting(("sync", "async"), kind=tuple, help="the modes that must have run")


@check("parallel_modes", ParallelParams, ("sync_loss", "async_loss", "sync_s", "async_s"),
       "the data-parallel lab ran each of these modes to its end",
       reads=("lab",))
def _parallel(p: ParallelParams, journal: Journal) -> Outcome:
    seen: dict[str, dict] = {}
    for fact in journal.of("lab"):
        if fact.lab == "parallel" and fact.state == "finished":
            summary = fact.summary
            if "mode" in summary:      # one mode's run; "both" gives {mode: its result}
                summary = {summary["mode"]: summary}
            seen.update({mode: result for mode, result in summary.items() if isinstance(result, dict)})

    def figure(mode: str, key: str) -> float:
        v = (seen.get(mode) or {}).get(key)
        return float(v) if isinstance(v, (int, float)) else float("nan")
    values = {"sync_loss": figure("sync", "final_loss"), "async_loss": figure("async", "final_loss"),
              "sync_s": figure("sync", "seconds"), "async_s": figure("async", "seconds")}
    missing = [m for m in p.modes if m not in seen]
    return Outcome(not missing, values, f"still to run: {', '.join(missing)}." if missing else "")


# ------------------------------------------------------------------ hands inside the network

@dataclass(frozen=True)
class SwitchOffParams:
    digit: int = setting(7, low=0, high=9, help="the digit whose reading must change")


@check("units_off_changes", SwitchOffParams, ("units", "now"),
       "with units switched off on the Neurons page, a drawing of the digit is read as something else",
       reads=("drawing",))
def _units_off(p: SwitchOffParams, journal: Journal) -> Outcome:
    for fact in reversed(journal.of("drawing")):
        if fact.units_off > 0 and fact.unedited_prediction == p.digit and fact.prediction != p.digit:
            return Outcome(True, {"units": fact.units_off, "now": fact.prediction})
    return Outcome(False, {"units": 0, "now": float("nan")},
                   f"no drawing of a {p.digit} is read differently with units switched off yet.")


@dataclass(frozen=True)
class AnswerParams:
    source: str = setting("units_off", choices=("units_off",), help="what the answer is compared with")
    tolerance: float = setting(0.0, low=0.0, high=1e9, help="how far the answer may be off")


@check("answer_matches", AnswerParams, ("answer", "actual"),
       "the number the learner typed matches what they did (how many units they switched off)",
       reads=("answer", "drawing"))
def _answer(p: AnswerParams, journal: Journal) -> Outcome:
    answers = journal.of("answer")
    changed = [f for f in journal.of("drawing") if f.units_off > 0 and f.unedited_prediction is not None
               and f.prediction != f.unedited_prediction]
    actual = float(changed[-1].units_off) if changed else float("nan")
    if not answers:
        return Outcome(False, {"answer": float("nan"), "actual": actual}, "type your answer first.")
    answer = float(answers[-1].value)
    ok = bool(changed) and abs(answer - actual) <= p.tolerance
    return Outcome(ok, {"answer": answer, "actual": actual}, "" if ok else "that is not what your edits show.")


@dataclass(frozen=True)
class ThresholdParams:
    max_coverage: float = setting(0.99, low=0.0, high=1.0, help="the threshold leaves at most this share answered")
    min_gain: float = setting(0.0, low=0.0, high=1.0, help="accuracy on the answered images beats all by this")


@check("threshold_set", ThresholdParams, ("threshold", "coverage", "answered", "all"),
       "an \"I don't know\" threshold that declines some images and is more accurate on the rest",
       reads=("threshold",))
def _threshold(p: ThresholdParams, journal: Journal) -> Outcome:
    for f in reversed(journal.of("threshold")):
        if f.coverage <= p.max_coverage and f.accuracy_answered - f.accuracy_all > p.min_gain:
            return Outcome(True, {"threshold": f.threshold, "coverage": f.coverage, "answered": f.accuracy_answered,
                                  "all": f.accuracy_all})
    return Outcome(False, dict.fromkeys(("threshold", "coverage", "answered", "all"), float("nan")),
                   "no threshold yet that says \"I don't know\" to some images.")


@dataclass(frozen=True)
class StepParams:
    lower: bool = setting(True, help="the step must lower the loss")


@check("step_taken", StepParams, ("before", "after", "lr"), "one SGD step worked through on the Maths page",
       reads=("step",))
def _step(p: StepParams, journal: Journal) -> Outcome:
    for f in reversed(journal.of("step")):
        if not p.lower or f.loss_after < f.loss_before:
            return Outcome(True, {"before": f.loss_before, "after": f.loss_after, "lr": f.learning_rate})
    return Outcome(False, {"before": float("nan"), "after": float("nan"), "lr": float("nan")},
                   "no step worked through yet" + (" that lowers the loss." if p.lower else "."))


@dataclass(frozen=True)
class MapParams:
    method: str = setting("any", choices=("any", "pca", "tsne"), help="how the points were placed")


@check("points_mapped", MapParams, ("points",), "the points map was drawn",
       reads=("points_map",))
def _map(p: MapParams, journal: Journal) -> Outcome:
    maps = [f for f in journal.of("points_map") if p.method in ("any", f.method)]
    return Outcome(bool(maps), {"points": maps[-1].points if maps else 0}, "" if maps else "no points map yet.")


@dataclass(frozen=True)
class FineTuneParams:
    min_digits: int = setting(10, low=1, high=100_000, help="own digits the fine-tuning used at least")


@check("fine_tuned", FineTuneParams, ("digits", "own_before", "own_after", "mnist_before", "mnist_after"),
       "the model was fine-tuned on the learner's digits and reads them at least as well as before",
       reads=("fine_tune",))
def _fine_tune(p: FineTuneParams, journal: Journal) -> Outcome:
    for f in reversed(journal.of("fine_tune")):
        if f.digits >= p.min_digits and f.own_after is not None and f.own_before is not None \
                and f.own_after >= f.own_before:
            return Outcome(True, {"digits": f.digits, "own_before": f.own_before, "own_after": f.own_after,
                                  "mnist_before": _pct(f.mnist_before), "mnist_after": _pct(f.mnist_after)})
    return Outcome(False, {"digits": 0, **dict.fromkeys(("own_before", "own_after", "mnist_before", "mnist_after"),
                                                        float("nan"))},
                   f"no fine-tuning on at least {p.min_digits} of your digits yet.")


@dataclass(frozen=True)
class SaveRestoreParams:
    tolerance: float = setting(0.0, low=0.0, high=1.0, help="how far the reopened model's accuracy may differ")


@check("saved_and_restored", SaveRestoreParams, ("saved", "opened"),
       "a model was saved to a file, the file opened again, and it is still as accurate",
       reads=("model_file", "evaluation"))
def _save_restore(p: SaveRestoreParams, journal: Journal) -> Outcome:
    saved = {f.path: f for f in journal.of("model_file") if f.action == "saved"}
    evals = journal.facts
    for i, f in enumerate(evals):
        if f.kind == "model_file" and f.action == "opened" and f.path in saved:
            after = [e for e in evals[i + 1:] if e.kind == "evaluation"]
            s_acc = saved[f.path].test_accuracy
            if after and s_acc is not None and abs(after[0].accuracy - s_acc) <= p.tolerance + 5e-4:
                return Outcome(True, {"saved": s_acc, "opened": after[0].accuracy})
            if after:
                return Outcome(False, {"saved": _pct(s_acc), "opened": after[0].accuracy},
                               "the reopened model does not give the saved accuracy.")
            return Outcome(False, {"saved": _pct(s_acc), "opened": float("nan")},
                           "evaluate the reopened model to see it kept everything.")
    return Outcome(False, {"saved": float("nan"), "opened": float("nan")},
                   "save a model, then open that file again." if not saved else "now open the file you saved.")


@dataclass(frozen=True)
class EvaluatedParams:
    at_least: float = setting(0.0, low=0.0, high=1.0, help="test accuracy at least")


@check("evaluated", EvaluatedParams, ("accuracy", "worst", "worst_digit"), "the current model was evaluated",
       reads=("evaluation",))
def _evaluated(p: EvaluatedParams, journal: Journal) -> Outcome:
    evals = [f for f in journal.of("evaluation") if f.accuracy >= p.at_least]
    if not evals:
        return Outcome(False, {"accuracy": float("nan"), "worst": float("nan"), "worst_digit": float("nan")},
                       "evaluate the model on the test images.")
    f = evals[-1]
    per = [v for v in f.per_class] or [f.accuracy]        # -1: a class with no test image
    worst = min((i for i in range(len(per)) if per[i] >= 0), key=lambda i: per[i], default=0)
    return Outcome(True, {"accuracy": f.accuracy, "worst": per[worst], "worst_digit": worst})


def check_params_types() -> None:
    """Every check's parameters are a settings class whose fields are all declared (a developer's slip shows at
    import in the tests)."""
    for c in CHECKS.values():
        fields = {f.name for f in dataclasses.fields(c.params)}
        if fields != set(declared(c.params)):
            raise TypeError(f"check {c.name}: every parameter must be declared with setting(...).")

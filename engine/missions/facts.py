"""What a mission's checks look at: facts about the learner's live work, as plain frozen data. The window reports
one fact when a piece of work ends (a training run, a lab, an evaluation, a drawing read with units switched off,
…); `Journal` keeps them in order, and a check reads the journal of the step it checks. Facts carry numbers, names
and plain dicts only, so a journal can be written to a file and a check can be tested without a window."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RunFact:
    """A training run ended."""
    state: str                      # RunState's value: finished, stopped, diverged, errored
    settings: dict                  # the run's settings by name: arch, optimizer, learning_rate, batch_size, epochs,
    #                                 batch_norm, dropout, l1, l2, lr_schedule, ema, augment, seed, train_images,
    #                                 transfer (keep_layers or 0), freeze
    test_accuracy: float | None = None
    val_accuracy: float | None = None       # the last epoch's
    train_accuracy: float | None = None     # the last epoch's (on the training images)
    first_loss: float | None = None         # the first epoch's training loss
    final_loss: float | None = None
    learning_rates: tuple = ()              # the rate each epoch ended with
    group: str = ""                         # Repeat ×N groups share one
    label: str = ""
    kind: str = "run"

    def value(self, metric: str) -> float | None:
        """A figure by name (the checks' `metric`): test_accuracy, val_accuracy, train_accuracy, overfit_gap
        (train − validation accuracy), final_loss."""
        if metric == "overfit_gap":
            if self.train_accuracy is None or self.val_accuracy is None:
                return None
            return self.train_accuracy - self.val_accuracy
        v = getattr(self, metric, None)
        return None if v is None or not math.isfinite(v) else float(v)


METRICS = ("test_accuracy", "val_accuracy", "train_accuracy", "overfit_gap", "final_loss")
LOWER_IS_BETTER = {"overfit_gap", "final_loss"}


@dataclass(frozen=True)
class LabFact:
    """A lab's experiment ended (ran to its end, or was stopped after some steps)."""
    lab: str                        # its key in the labs' registry: bn, descent, curvefit, parallel
    state: str
    steps: int
    settings: dict
    summary: dict = field(default_factory=dict)
    kind: str = "lab"


@dataclass(frozen=True)
class EvaluationFact:
    """The current model was evaluated on the test split."""
    accuracy: float
    per_class: tuple = ()
    samples: int = 0
    kind: str = "evaluation"


@dataclass(frozen=True)
class DrawingFact:
    """A drawing was read: what the (possibly edited) network says, and what the unedited one said."""
    prediction: int
    confidence: float
    units_off: int = 0              # units switched off on the Neurons page
    unedited_prediction: int | None = None
    kind: str = "drawing"


@dataclass(frozen=True)
class ThresholdFact:
    """The "I don't know" threshold was set on the Robustness page."""
    threshold: float
    coverage: float                 # the share of test images it still answers
    accuracy_answered: float        # its accuracy on those
    accuracy_all: float
    kind: str = "threshold"


@dataclass(frozen=True)
class StepFact:
    """One SGD step was worked through on the Maths page."""
    learning_rate: float
    loss_before: float
    loss_after: float
    kind: str = "step"


@dataclass(frozen=True)
class PointsMapFact:
    """The points map was drawn."""
    method: str                     # pca or tsne
    layer: str
    points: int
    kind: str = "points_map"


@dataclass(frozen=True)
class FineTuneFact:
    """The model was fine-tuned on the learner's digits."""
    digits: int
    own_before: float | None
    own_after: float | None
    mnist_before: float | None
    mnist_after: float | None
    kind: str = "fine_tune"


@dataclass(frozen=True)
class ModelFileFact:
    """A model was saved to a file or opened from one."""
    action: str                     # saved or opened
    path: str
    test_accuracy: float | None = None
    kind: str = "model_file"


@dataclass(frozen=True)
class AnswerFact:
    """The learner typed a number into a step that asks for one ("how many units did it take?")."""
    value: float
    kind: str = "answer"


FACT_KINDS = ("run", "lab", "evaluation", "drawing", "threshold", "step", "points_map", "fine_tune", "model_file",
              "answer")


class Journal:
    """The facts reported since a mark, in order. `since(mark)` is a step's own work; `mark()` starts a new one."""

    def __init__(self, facts: list | None = None):
        self.facts: list[Any] = list(facts or [])

    def add(self, fact) -> None:
        if getattr(fact, "kind", None) not in FACT_KINDS:
            raise TypeError(f"not a mission fact: {fact!r}")
        self.facts.append(fact)

    def mark(self) -> int:
        return len(self.facts)

    def since(self, mark: int) -> Journal:
        return Journal(self.facts[mark:])

    def of(self, kind: str) -> list:
        return [f for f in self.facts if f.kind == kind]

    def __len__(self) -> int:
        return len(self.facts)


def run_fact(state: str, spec: dict, config: dict, result, train_images: int | None = None,
             transfer_layers: int = 0, freeze: bool = False, group: str = "", label: str = "") -> RunFact:
    """The fact of a run from its spec and config (plain dicts) and its RunResult (or None if it never began)."""
    settings = {k: config.get(k) for k in ("optimizer", "learning_rate", "batch_size", "epochs", "lr_schedule",
                                           "decay_rate", "ema", "augment", "seed")}
    settings.update({k: spec.get(k) for k in ("arch", "batch_norm", "dropout", "l1", "l2", "activation")})
    settings.update(train_images=train_images or config.get("max_train_samples") or 0,
                    transfer=int(transfer_layers), freeze=bool(freeze and transfer_layers))
    history = list(getattr(result, "history", None) or [])

    def last(key):
        vals = [h.get(key) for h in history if h.get(key) is not None]
        return float(vals[-1]) if vals else None
    first_loss = history[0].get("loss") if history else None
    return RunFact(state=str(state), settings=settings,
                   test_accuracy=None if result is None else result.test_accuracy,
                   val_accuracy=last("val_accuracy"), train_accuracy=last("accuracy"),
                   first_loss=None if first_loss is None else float(first_loss), final_loss=last("loss"),
                   learning_rates=tuple(float(h["learning_rate"]) for h in history if "learning_rate" in h),
                   group=group, label=label)

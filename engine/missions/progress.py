"""A learner's way through a mission: which step they are on, the predictions they made, the steps passed or
skipped, kept in the user's data folder (missions.json) so it survives restarts. `MissionPlay` is one mission
being played: it reads the journal of the learner's work since the step began and judges the step's check."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tensordesk.engine.core.files import atomic_write
from tensordesk.engine.missions.checks import Outcome
from tensordesk.engine.missions.facts import AnswerFact, Journal
from tensordesk.engine.missions.missions import Mission

PROGRESS_FILE = "missions.json"


@dataclass
class MissionProgress:
    step: int = 0
    passed: list = field(default_factory=list)      # step ids
    skipped: list = field(default_factory=list)
    predictions: dict = field(default_factory=dict)  # step id → the choice made (0-based)

    @property
    def done_steps(self) -> set:
        return set(self.passed) | set(self.skipped)

    def to_dict(self) -> dict:
        return {"step": self.step, "passed": list(self.passed), "skipped": list(self.skipped),
                "predictions": dict(self.predictions)}

    @classmethod
    def from_dict(cls, d: dict) -> MissionProgress:
        def ids(v):
            return [str(x) for x in v] if isinstance(v, list) else []
        raw = d.get("predictions")
        preds: dict = raw if isinstance(raw, dict) else {}
        step = d.get("step", 0)
        return cls(step if isinstance(step, int) and step >= 0 else 0, ids(d.get("passed")), ids(d.get("skipped")),
                   {str(k): int(v) for k, v in preds.items() if isinstance(v, int) and not isinstance(v, bool)})


class ProgressStore:
    """Every mission's progress in one JSON file. A file that cannot be read starts afresh (and is not
    overwritten until the learner makes progress); writing is atomic."""

    def __init__(self, folder: str | Path | None = None):
        if folder is None:
            from tensordesk.engine.runs.store import data_folder
            folder = data_folder()
        self.path = Path(folder) / PROGRESS_FILE
        self.missions: dict[str, MissionProgress] = {}
        self.error = ""
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
            for key, value in (doc.get("missions") or {}).items():
                if isinstance(value, dict):
                    self.missions[str(key)] = MissionProgress.from_dict(value)
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError) as exc:
            self.error = f"the missions' progress in {self.path} could not be read ({exc}); it starts afresh."

    def of(self, mission_id: str) -> MissionProgress:
        return self.missions.setdefault(mission_id, MissionProgress())

    def reset(self, mission_id: str) -> None:
        self.missions[mission_id] = MissionProgress()
        self.save()

    def save(self) -> None:
        """Write the file (OSError propagates: the caller says so in a sentence)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        doc = {"format": "tensordesk-missions-progress", "version": 1,
               "missions": {k: v.to_dict() for k, v in self.missions.items()}}
        atomic_write(self.path, lambda fh: fh.write((json.dumps(doc, indent=1) + "\n").encode("utf-8")))


class MissionPlay:
    """One mission being played over a journal of facts. The step's check reads only the work reported since the
    step began (`begin_step`), so a run trained for another lesson never passes this one."""

    def __init__(self, mission: Mission, progress: MissionProgress, journal: Journal | None = None):
        self.mission, self.progress = mission, progress
        self.journal = journal if journal is not None else Journal()
        self.progress.step = min(self.progress.step, len(mission.steps) - 1)
        self._mark = self.journal.mark()
        self.last: Outcome | None = None

    @property
    def index(self) -> int:
        return self.progress.step

    @property
    def step(self):
        return self.mission.steps[self.index]

    @property
    def finished(self) -> bool:
        return all(s.id in self.progress.done_steps for s in self.mission.steps)

    def begin_step(self) -> None:
        """The learner's work from now on counts for this step."""
        self._mark = self.journal.mark()
        self.last = None

    def go_to(self, index: int) -> None:
        self.progress.step = max(0, min(index, len(self.mission.steps) - 1))
        self.begin_step()

    def predict(self, choice: int) -> None:
        if self.step.predict is None or not 0 <= choice < len(self.step.predict.choices):
            raise ValueError(f"no such choice: {choice}")
        self.progress.predictions[self.step.id] = int(choice)

    @property
    def prediction(self) -> int | None:
        return self.progress.predictions.get(self.step.id)

    @property
    def needs_prediction(self) -> bool:
        return self.step.predict is not None and self.prediction is None

    def answer(self, value: float) -> None:
        self.journal.add(AnswerFact(float(value)))

    def work(self) -> Journal:
        return self.journal.since(self._mark)

    def evaluate(self) -> Outcome | None:
        """Judge the step's check on the work since it began (None for a step without one). A passed step stays
        passed."""
        step = self.step
        if step.check is None:
            return None
        outcome = step.check(step.params, self.work())
        self.last = outcome
        if outcome.passed and step.id not in self.progress.passed:
            self.progress.passed.append(step.id)
        return outcome

    def complete_reading(self) -> None:
        """A step without a check is done when the learner goes on."""
        if self.step.check is None and self.step.id not in self.progress.passed:
            self.progress.passed.append(self.step.id)

    def skip(self) -> None:
        if self.step.id not in self.progress.done_steps:
            self.progress.skipped.append(self.step.id)

    def next(self) -> bool:
        """On to the next step; False at the last."""
        if self.index + 1 >= len(self.mission.steps):
            return False
        self.go_to(self.index + 1)
        return True

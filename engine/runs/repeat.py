"""Repeat ×N: the same settings trained N times with seeds first, first + 1, …, one after another, tied together
by one group id; after the last, the test accuracy's mean and standard deviation over the seeds. The command line
(`train --repeat N`) and the Train view (the ×N box) both run their repeats through `Repeat`."""
from __future__ import annotations

from tensordesk.engine.core.events import RunState
from tensordesk.engine.runs.store import accuracy_summary, new_group_id


class Repeat:
    """The plan of one Repeat ×N and what its runs gave. `next_seed()` until it is None; `finished(state,
    accuracy)` after each run. A stopped or failed run ends the repeat (the rest would only repeat the trouble)."""

    def __init__(self, times: int, first_seed: int = 0, group: str | None = None):
        if times < 1:
            raise ValueError(f"a repeat runs at least once (got {times}).")
        self.times = int(times)
        self.seeds = list(range(first_seed, first_seed + self.times))
        self.group = group if group is not None else (new_group_id() if self.times > 1 else "")
        self.accuracies: list[float | None] = []
        self.run_ids: list = []
        self._next = 0
        self._ended = False

    @property
    def repeating(self) -> bool:
        return self.times > 1

    def next_seed(self) -> int | None:
        """The seed of the next run, or None when the repeat is over."""
        if self._ended or self._next >= len(self.seeds):
            return None
        seed = self.seeds[self._next]
        self._next += 1
        return seed

    def started(self, run_id) -> None:
        """The run of the seed just given got this id (the window's plot id, a record's id)."""
        self.run_ids.append(run_id)

    def finished(self, state: RunState | str, test_accuracy: float | None) -> bool:
        """Record a run's end; True when another seed follows."""
        state = RunState(state)
        self.accuracies.append(test_accuracy)
        if state in (RunState.STOPPED, RunState.ERRORED):
            self._ended = True
        return not self._ended and self._next < len(self.seeds)

    def summary(self) -> tuple[float, float] | None:
        """Mean and standard deviation of the runs' test accuracy."""
        return accuracy_summary(self.accuracies)

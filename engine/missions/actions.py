"""What a learner does, as data: the steps of a mission's reference solution and of its wrong attempt. Each action
is {"do": NAME, …its fields}; this registry says which fields each takes (with their JSON types), the loader
checks mission files against it, and the window's mission player (gui/missions/player.py) carries each out
through the views' public methods, as a learner's clicks would."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Action:
    name: str
    help: str
    required: dict = field(default_factory=dict)    # field → JSON schema
    optional: dict = field(default_factory=dict)


_NUMBER = {"type": "number"}
_WHOLE = {"type": "integer", "minimum": 0}
_OBJECT = {"type": "object"}

ACTIONS = {a.name: a for a in (
    Action("preset", "set up a scene (a preset's fields) and start its runs or its lab; waits until they end",
           {"preset": _OBJECT}),
    Action("train", "train with these Train-view settings (missing ones: the architecture's defaults); waits",
           {"settings": _OBJECT}, {"train_limit": {"type": "integer", "minimum": 1},
                                   "repeat": {"type": "integer", "minimum": 1, "maximum": 20}}),
    Action("lab", "run a lab with these settings (its pane's fields) to its end; waits",
           {"lab": {"enum": ["bn", "descent", "fit", "parallel"]}, "settings": _OBJECT}),
    Action("answer", "type a number into the step's answer box", {"value": _NUMBER}),
    Action("evaluate", "evaluate the current model on the test images; waits"),
    Action("wait", "do nothing for a moment (lets a view settle)", {}, {"ms": _WHOLE}),
)}


def action_schema() -> dict:
    """A JSON schema that accepts exactly the actions above."""
    return {"type": "object", "required": ["do"],
            "properties": {"do": {"enum": list(ACTIONS)}},
            "allOf": [{"if": {"properties": {"do": {"const": a.name}}},
                       "then": {"type": "object", "required": ["do", *a.required],
                                "properties": {"do": {"const": a.name}, **a.required, **a.optional},
                                "additionalProperties": False}}
                      for a in ACTIONS.values()]}

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
    Action("answer", "type a number into the step's answer box (\"units_off\": how many units are switched off "
                     "on the Neurons page)", {"value": {"oneOf": [_NUMBER, {"const": "units_off"}]}}),
    Action("evaluate", "evaluate the current model on the test images; waits"),
    Action("draw", "put the first test image of this digit on Draw's canvas; waits for its reading",
           {"digit": {"type": "integer", "minimum": 0, "maximum": 9}}),
    Action("switch_off", "on the Neurons page, switch off the drawing's most active units of the last hidden layer "
                         "one at a time until it is read as another digit (or exactly `units` of them)",
           {}, {"units": {"type": "integer", "minimum": 1, "maximum": 1000}}),
    Action("threshold", "set the \"I don't know\" threshold on the Evaluate view's Robustness page (after an "
                        "evaluation)", {"value": {"type": "number", "minimum": 0, "maximum": 1}}),
    Action("step", "work one SGD step through on Draw's Maths page for the drawing",
           {}, {"learning_rate": {"type": "number", "exclusiveMinimum": 0}}),
    Action("points_map", "draw the points map of the test digits; waits", {},
           {"method": {"enum": ["pca", "tsne"]}}),
    Action("shipped_model", "go back to the model that ships with TensorDesk (File → Shipped model)"),
    Action("save_model", "save the current model to a file (a temporary one)"),
    Action("open_saved_model", "open the file the last save_model wrote"),
    Action("own_digits", "add test images to My digits as if the learner had drawn them (\"mirrored\": another "
                         "person's odd handwriting)", {"count": {"type": "integer", "minimum": 1, "maximum": 500}},
           {"style": {"enum": ["plain", "mirrored"]}}),
    Action("fine_tune", "fine-tune the current model on My digits; waits", {},
           {"epochs": {"type": "integer", "minimum": 1, "maximum": 50}}),
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

"""Missions as data: one JSON file each (assets/missions/ ships them; a lecturer opens their own), checked against
a JSON schema and the checks' and actions' registries before a mission is ever shown. Any error is one sentence
naming the file and the field ("bn.json: steps[1].check.params.min_steps: …").

A mission is a short sequence of steps. A step has its text in English and Chinese; optionally a scene (a
preset's fields: view, settings, data, runs), a prediction asked before the experiment, a number to type, and a
check — a named predicate from checks.py with its parameters — with a hint for a failed check and a "why" for a
passed one, both able to quote the check's numbers ("{off:.0%}"). Its reference solution and wrong attempt are
lists of actions (actions.py) that `main.py missions verify` replays through the window."""
from __future__ import annotations

import json
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.engine.core.files import ASSETS
from tensordesk.engine.missions.actions import action_schema
from tensordesk.engine.missions.checks import CHECKS, Check

MISSION_DIR = ASSETS / "missions"
FORMAT = "tensordesk-mission"
LANGUAGES = ("en", "zh_CN")


class MissionError(TensorDeskError):
    pass


_TEXT = {"type": "object", "required": list(LANGUAGES),
         "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES},
         "additionalProperties": False}

SCHEMA: dict = {
    "type": "object",
    "required": ["format", "id", "title", "summary", "seeds", "steps"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": FORMAT},
        "version": {"const": 1},
        "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{1,40}$",
               "description": "a name of 2 to 41 lower-case letters, digits and hyphens"},
        "title": _TEXT,
        "summary": _TEXT,
        "seeds": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": "^00[0-4]$",
                                                            "description": "a seed tutorial's number, 000 to 004"}},
        "order": {"type": "integer"},
        "steps": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "required": ["id", "text"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,40}$",
                       "description": "a name of lower-case letters, digits and hyphens"},
                "text": _TEXT,
                "scene": {"type": "object", "required": ["view"], "properties": {"view": {"type": "string"}}},
                "predict": {"type": "object", "required": ["question", "choices", "answer"],
                            "additionalProperties": False,
                            "properties": {"question": _TEXT,
                                           "choices": {"type": "array", "minItems": 2, "maxItems": 6,
                                                       "items": _TEXT},
                                           "answer": {"type": "integer", "minimum": 0}}},
                "ask_number": _TEXT,
                "check": {"type": "object", "required": ["name"], "additionalProperties": False,
                          "properties": {"name": {"enum": sorted(CHECKS)}, "params": {"type": "object"}}},
                "hint": _TEXT,
                "why": _TEXT,
                "solution": {"type": "array", "items": action_schema()},
                "wrong": {"type": "array", "items": action_schema()},
            },
        }},
    },
}


@dataclass(frozen=True)
class Prediction:
    question: dict
    choices: tuple
    answer: int


@dataclass(frozen=True)
class Step:
    id: str
    text: dict
    scene: dict | None = None
    predict: Prediction | None = None
    ask_number: dict | None = None
    check: Check | None = None
    params: Any = None
    hint: dict | None = None
    why: dict | None = None
    solution: tuple = ()
    wrong: tuple = ()


@dataclass(frozen=True)
class Mission:
    id: str
    title: dict
    summary: dict
    seeds: tuple
    steps: tuple
    path: str = ""
    order: int = 0
    data: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def checks(self) -> list[str]:
        return [s.check.name for s in self.steps if s.check is not None]


def text(texts: dict | None, lang: str) -> str:
    """A text in the language asked for (English when it has none)."""
    if not texts:
        return ""
    return texts.get(lang) or texts.get("en", "")


def _where(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def read_mission(path: str | Path) -> Mission:
    """Read and check one mission file; a bad one raises MissionError naming the file and the field."""
    import jsonschema
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise MissionError(f"{path.name}: cannot be read ({exc}).") from exc
    except json.JSONDecodeError as exc:
        raise MissionError(f"{path.name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).") \
            from exc
    validator = jsonschema.Draft202012Validator(SCHEMA)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise MissionError(f"{path.name}: {_where(error.absolute_path)}: {_schema_sentence(error)}")
    steps = []
    seen: set[str] = set()
    for i, raw in enumerate(data["steps"]):
        steps.append(_step(path, i, raw))
        if raw["id"] in seen:
            raise MissionError(f"{path.name}: steps[{i}].id: '{raw['id']}' names two steps.")
        seen.add(raw["id"])
    return Mission(data["id"], data["title"], data["summary"], tuple(data["seeds"]), tuple(steps), str(path),
                   int(data.get("order", 0)), data)


def _schema_sentence(error) -> str:
    if error.validator == "required":
        return error.message.replace("is a required property", "is missing") + "."
    if error.validator == "additionalProperties":
        return error.message.rstrip(".") + "."
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}."
    if error.validator == "pattern":
        return f"{error.instance!r} is not {error.schema.get('description', 'in the expected form')}."
    if error.validator == "const":
        return f"must be {error.validator_value!r} (got {error.instance!r})."
    return error.message.rstrip(".") + "."


def _step(path: Path, i: int, raw: dict) -> Step:
    at = f"{path.name}: steps[{i}]"
    check = params = None
    if "check" in raw:
        check = CHECKS[raw["check"]["name"]]
        try:
            params = check.parameters(raw["check"].get("params", {}))
        except (ValueError, TypeError) as exc:
            raise MissionError(f"{at}.check.{exc}") from exc
        for key in ("hint", "why"):
            if key not in raw:
                raise MissionError(f"{at}: a step with a check needs a \"{key}\".")
        for key in ("hint", "why"):
            for lang, sentence in raw[key].items():
                for name in _placeholders(sentence):
                    if name not in check.values:
                        raise MissionError(f"{at}.{key}.{lang}: {{{name}}} is not a number {check.name} gives "
                                           f"(it gives {', '.join(check.values)}).")
                _try_format(f"{at}.{key}.{lang}", sentence, check.values)
        if not raw.get("solution") or not raw.get("wrong"):
            raise MissionError(f"{at}: a step with a check needs a reference \"solution\" and a \"wrong\" attempt.")
    elif "hint" in raw or "why" in raw or "solution" in raw or "wrong" in raw:
        raise MissionError(f"{at}: hint, why, solution and wrong belong to a step with a check.")
    predict = None
    if "predict" in raw:
        p = raw["predict"]
        if p["answer"] >= len(p["choices"]):
            raise MissionError(f"{at}.predict.answer: {p['answer']} is not a choice (there are "
                               f"{len(p['choices'])}, counted from 0).")
        predict = Prediction(p["question"], tuple(p["choices"]), p["answer"])
        if check is None:
            raise MissionError(f"{at}.predict: a prediction is compared with an experiment: the step needs a check.")
    if "ask_number" in raw and (check is None or not any(a.get("do") == "answer" for a in raw["solution"])):
        raise MissionError(f"{at}.ask_number: a step that asks for a number needs a check and an \"answer\" in "
                           f"its solution.")
    return Step(raw["id"], raw["text"], raw.get("scene"), predict, raw.get("ask_number"), check, params,
                raw.get("hint"), raw.get("why"), tuple(raw.get("solution", ())), tuple(raw.get("wrong", ())))


def _placeholders(sentence: str) -> list[str]:
    try:
        return [name for _, name, _, _ in string.Formatter().parse(sentence) if name]
    except ValueError:
        return []


def _try_format(at: str, sentence: str, names) -> None:
    try:
        sentence.format(**dict.fromkeys(names, 0.5))
    except (ValueError, KeyError, IndexError) as exc:
        raise MissionError(f"{at}: cannot be filled in ({exc}); write numbers as {{name}} or {{name:.1%}}.") \
            from exc


def fill(sentence: str, values: dict) -> str:
    """A hint or a why with the check's numbers put in (a number it does not have stays as "?")."""
    class Missing(dict):
        def __missing__(self, key):
            return float("nan")
    try:
        out = string.Formatter().vformat(sentence, (), Missing(values))
    except (ValueError, TypeError):
        return sentence
    return out.replace("nan%", "?").replace("nan", "?")


def shipped_missions() -> list[Mission]:
    """The missions in assets/missions/, in their order (a shipped file that does not load is a bug: it raises)."""
    missions = [read_mission(p) for p in sorted(MISSION_DIR.glob("*.json"))]
    return sorted(missions, key=lambda m: (m.order, m.id))


def mission_named(name: str, extra: list[Mission] | None = None) -> Mission:
    """A shipped mission by id, or a mission file's path."""
    path = Path(name).expanduser()
    if path.suffix.lower() == ".json" and path.is_file():
        return read_mission(path)
    missions = shipped_missions() + list(extra or [])
    for m in missions:
        if m.id == name:
            return m
    raise MissionError(f"no mission is called '{name}'; the shipped ones are {', '.join(m.id for m in missions)}.")

"""A mission's scenes and preset actions are presets' fields: checked as presets are (gui/presets.py), with the
error naming the mission file and the step."""
from __future__ import annotations

from pathlib import Path

from tensordesk.engine.missions.missions import Mission, MissionError


def check_scenes(mission: Mission) -> None:
    from tensordesk.gui.presets import PresetError, preset_from_data
    name = Path(mission.path).name or mission.id
    for i, step in enumerate(mission.steps):
        places = [("scene", step.scene)] if step.scene is not None else []
        for kind in ("solution", "wrong"):
            places += [(f"{kind}[{k}].preset", a["preset"]) for k, a in enumerate(getattr(step, kind))
                       if a.get("do") == "preset"]
        for where, data in places:
            try:
                preset_from_data(data, "scene")
            except PresetError as exc:
                raise MissionError(f"{name}: steps[{i}].{where}: {str(exc).removeprefix('scene: ')}") from exc

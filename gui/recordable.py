"""What `main.py record --view NAME` can record: one entry per name, read by the command line's choices and by
gui/record_cli.py. Qt-free, so building the command line's parser loads no Qt; each entry names a view of
gui/views.py by its key (tests/gui/test_registries.py checks they exist)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Recordable:
    """What `main.py record --view NAME` can record: a view (and which of its pages) to show and start."""
    name: str
    view: str                    # a VIEWS key
    page: int = 0                # the view's page (tab) to show
    gl: bool = False             # draws in 3D: recorded under Xvfb when there is no display


RECORDABLE: tuple[Recordable, ...] = (
    Recordable("train", "train"),
    Recordable("bn-lab", "bn"),
    Recordable("descent-lab", "descent", gl=True),
    Recordable("curve-fit", "descent", page=1),
    Recordable("parallel-lab", "parallel"),
    Recordable("playground", "playground"),
)
RECORDABLE_NAMES = tuple(r.name for r in RECORDABLE)

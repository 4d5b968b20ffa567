"""The labs, one registry: `main.py lab KEY`'s subcommands, their options (from each lab's declared settings,
engine/core/settings.py) and the window's lab views all read `LABS`. Adding a lab is its module (the experiment and
its settings class) and one `Lab(...)` entry here, plus its title's translation; its pane in the window is a
`LabPane` (gui/labs/) and a `View` entry (gui/views.py)."""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Lab:
    key: str             # `main.py lab KEY`
    title: str           # as menus and lists show it (translated in the window)
    help: str            # the command line's one-line help
    module: str          # the module under tensordesk.engine.labs with the settings class and run_headless
    settings: str        # the settings class's name in that module (declared with `setting(...)`)
    view: str            # the window's view (gui/views.py key) that shows it …
    page: int = 0        # … and which of its pages

    def settings_class(self) -> type:
        return getattr(self._module(), self.settings)

    def run_headless(self) -> Callable[..., Any]:
        """run_headless(settings, listener=None) → the lab's summary (a JSON-able dict)."""
        return self._module().run_headless

    def _module(self):
        return importlib.import_module(f"tensordesk.engine.labs.{self.module}")


LABS: dict[str, Lab] = {lab.key: lab for lab in (
    Lab("bn", "Batch normalisation", "batch norm (seed 002 §20): the same deep net without and with BN",
        "batchnorm", "BNSettings", "bn"),
    Lab("descent", "Gradient descent on a cost surface",
        "gradient descent (seed 002 §21): fit (a, b) and print the path", "descent", "DescentSettings", "descent"),
    Lab("fit", "Curve fitting", "curve fitting (seed 000): a 1-H-1 network learns y = x² + noise", "curvefit",
        "FitSettings", "descent", page=1),
    Lab("parallel", "Data parallelism", "data parallelism (seed 000): synchronous (mirrored) vs asynchronous "
        "(parameter server) training of one MNIST model by N workers", "parallel", "ParallelSettings", "parallel"),
    Lab("playground", "Playground", "a small network learns 2-D points (after TensorFlow Playground): data, features, "
        "layers, the boundary", "playground", "PlaygroundSettings", "playground"),
)}


def register(lab: Lab) -> Lab:
    LABS[lab.key] = lab
    return lab

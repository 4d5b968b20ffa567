"""The window's views, in tab order: one registry that the tabs, the View menu and its shortcuts, the F1 overlay,
presets, saved settings and shutdown all read. Adding a view is one entry here (and its translations); the
view itself implements the hooks of gui/widgets/view_base.py it needs."""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class View:
    key: str                     # the name presets and code use
    title: str                   # the tab's title (translated in context "views")
    menu_text: str               # the View menu's entry
    shortcut: str
    factory: Callable            # factory(session) → the view's widget; the session (gui/session.py) is all it shares
    settings_key: str = ""       # QSettings key of the view's controls ("" : none kept)
    preset_section: str = ""     # the preset's section the view takes ("" : none)


def _widget(module: str, name: str) -> Callable:
    """A factory for the view class `name` of gui/`module`, built with the session; its module loads when the view
    is built."""
    def factory(session):
        return getattr(importlib.import_module(f"tensordesk.gui.{module}"), name)(session)
    return factory


VIEWS: tuple[View, ...] = (
    View("train", QT_TRANSLATE_NOOP("views", "Train"), QT_TRANSLATE_NOOP("views", "Train view"), "Ctrl+1",
         _widget("train.train_view", "TrainView"), "views/train", "train"),
    View("draw", QT_TRANSLATE_NOOP("views", "Draw"), QT_TRANSLATE_NOOP("views", "Draw view"), "Ctrl+2",
         _widget("draw.draw_view", "DrawView")),
    View("bn", QT_TRANSLATE_NOOP("views", "Batch-norm lab"), QT_TRANSLATE_NOOP("views", "Batch-norm lab"), "Ctrl+3",
         _widget("labs.batchnorm_lab", "BatchNormLabView"), "labs/batchNorm", "bn"),
    View("descent", QT_TRANSLATE_NOOP("views", "Gradient-descent lab"),
         QT_TRANSLATE_NOOP("views", "Gradient-descent lab"), "Ctrl+4", _widget("labs.descent_lab", "DescentLabView"),
         "labs/descent", "descent"),
    View("evaluate", QT_TRANSLATE_NOOP("views", "Evaluate"), QT_TRANSLATE_NOOP("views", "Evaluate view"), "Ctrl+5",
         _widget("analysis.evaluation_view", "EvaluationView")),
    View("histograms", QT_TRANSLATE_NOOP("views", "Histograms"), QT_TRANSLATE_NOOP("views", "Histograms"), "Ctrl+6",
         _widget("analysis.histograms_view", "HistogramsView")),
    View("landscape", QT_TRANSLATE_NOOP("views", "Landscape"), QT_TRANSLATE_NOOP("views", "Loss landscape"),
         "Ctrl+7", _widget("analysis.landscape_view", "LandscapeView")),
    View("parallel", QT_TRANSLATE_NOOP("views", "Data-parallel lab"), QT_TRANSLATE_NOOP("views", "Data-parallel lab"),
         "Ctrl+8", _widget("labs.parallel_lab", "DataParallelLab"), "labs/dataParallel", "parallel"),
    View("playground", QT_TRANSLATE_NOOP("views", "Playground"), QT_TRANSLATE_NOOP("views", "Playground lab"),
         "Ctrl+Shift+P", _widget("labs.playground_lab", "PlaygroundLab"), "labs/playground", "playground"),
    View("mydigits", QT_TRANSLATE_NOOP("views", "My digits"), QT_TRANSLATE_NOOP("views", "My digits"), "Ctrl+9",
         _widget("own.my_digits_view", "MyDigitsView"), "views/myDigits"),
    View("class", QT_TRANSLATE_NOOP("views", "Class"), QT_TRANSLATE_NOOP("views", "Class view"), "Ctrl+Shift+C",
         _widget("classroom.class_view", "ClassView"), "views/class"),
)

VIEW_KEYS = tuple(v.key for v in VIEWS)
# Space plays or pauses what the view on screen runs; a view that runs nothing hands it to this one (training)
PLAYS_BY_DEFAULT = "train"
# the view a first launch opens on: the shipped model reads a drawn digit at once
FIRST_VIEW = "draw"



def each_page(window, settle):
    """Show every view and every page of it in turn (a view made of tabs, or with tabs called `pages`), calling
    `settle()` once each is on screen; yields (view key, page index, the view's widget). For tours: screenshots,
    the theme and size checks."""
    from PySide6.QtWidgets import QTabWidget
    for view in VIEWS:
        window.show_view(view.key)
        widget = window.view(view.key)
        pages = widget if isinstance(widget, QTabWidget) else getattr(widget, "pages", None)
        count = pages.count() if isinstance(pages, QTabWidget) else 1
        for i in range(count):
            if count > 1 or isinstance(pages, QTabWidget):
                pages.setCurrentIndex(i)
            settle()
            yield view.key, i, widget

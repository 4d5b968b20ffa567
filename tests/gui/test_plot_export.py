"""Every plot exports PNG, SVG and CSV from its right-click menu, and copies its image; the tables hold the numbers
the plots draw."""
import csv
import xml.etree.ElementTree as ET

import numpy as np
import pyqtgraph as pg
from PIL import Image
from PySide6.QtGui import QGuiApplication

from tensordesk.gui.views import VIEWS
from tensordesk.gui.widgets.plot_export import exporter_of


def _csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def _check_files(exporter, folder, name):
    png, svg, table = (exporter.save(folder / f"{name}{s}") for s in (".png", ".svg", ".csv"))
    with Image.open(png) as im:
        assert im.width >= 2 * max(1, exporter.view.width()) - 2     # twice the size on screen
        assert im.format == "PNG"
    assert ET.parse(svg).getroot().tag.endswith("svg")
    rows = _csv(table)
    assert rows and rows[0]                                          # a header at least
    return rows


def test_every_plot_of_every_view_has_an_exporter_that_writes_png_svg_and_csv(window, tmp_path):
    count = 0
    for spec in VIEWS:
        view = window.view(spec.key)
        window.show_view(spec.key)
        for i, plot in enumerate(view.findChildren(pg.GraphicsView)):
            exporter = exporter_of(plot)
            assert exporter is not None, f"{spec.key}: {plot.objectName() or type(plot).__name__} has no export"
            names = [a.text() for a in exporter.actions]
            assert names == ["Save image (PNG)…", "Save vector image (SVG)…", "Save data (CSV)…", "Copy image"]
            if plot.isVisible():
                _check_files(exporter, tmp_path, f"{spec.key}-{i}")
                count += 1
    assert count >= 10


def test_the_menu_is_pyqtgraphs_where_it_has_one_and_ours_where_it_had_none(window, qtbot):
    window.show_view("train")
    loss = window.view("train").plots.loss_plot
    exporter = exporter_of(loss)
    assert all(a in loss.scene().contextMenu for a in exporter.actions)   # added to pyqtgraph's own menu
    centre = loss.rect().center()
    exporter._menu_requested(centre)
    assert not exporter.menu.isVisible()                                  # pyqtgraph shows its menu there
    window.show_view("evaluate")
    confusion = window.view("evaluate").confusion
    ours = exporter_of(confusion)
    ours._menu_requested(confusion.rect().center())
    qtbot.waitUntil(ours.menu.isVisible, timeout=3000)
    assert [a.text() for a in ours.menu.actions()][0] == "Save image (PNG)…"
    ours.menu.close()


def test_confusion_per_class_and_probability_tables_hold_the_numbers(window, qtbot, tmp_path):
    view = window.view("evaluate")
    window.session.jobs.evaluate()                    # the shipped model on the embedded test split
    qtbot.waitUntil(lambda: view.evaluation is not None, timeout=120000)
    e = view.evaluation
    rows = _check_files(exporter_of(view.confusion), tmp_path, "confusion")
    assert rows[0][1:] == list(e.class_names) and len(rows) == 1 + len(e.class_names)
    counts = np.array([[int(v) for v in r[1:]] for r in rows[1:]])
    assert (counts == e.confusion).all() and counts.sum() == e.n
    rows = _check_files(exporter_of(view.per_class), tmp_path, "per-class")
    assert [r[0] for r in rows[1:]] == list(e.class_names)
    for r, a in zip(rows[1:], e.per_class_accuracy):
        assert abs(float(r[1]) - 100 * a) < 1e-6

    window.menus.random_test_digit()
    panel = window.view("draw").panel
    qtbot.waitUntil(lambda: panel.probabilities is not None, timeout=30000)
    rows = _check_files(exporter_of(panel.bars_plot), tmp_path, "probabilities")
    probs = np.array([float(r[1]) for r in rows[1:]])
    assert len(probs) == 10 and abs(probs.sum() - 1) < 1e-4
    assert rows[1 + int(np.argmax(probs))][0] == panel.digit.text()


def test_the_histogram_grid_and_curves_export_every_bin_and_point(window, qtbot, tmp_path):
    window.show_view("bn")
    exp = window.view("bn").experiment
    exp.set_settings(layers=3, steps=20, record_every=10)
    qtbot.waitUntil(lambda: exp.controller.running and exp.grid.column_count() == 4
                    and sum(float(np.sum(c)) for c in exp.grid.row_data(0)) > 0, timeout=30000)
    exp.lab_controls.speed.setValue(exp.lab_controls.speed.maximum())
    exp.lab_controls.play_button.click()
    qtbot.waitUntil(lambda: exp.finished_run, timeout=30000)
    exp.refresh()
    rows = _check_files(exporter_of(exp.grid), tmp_path, "grid")
    assert rows[0] == ["row", "column", "bin from", "bin to", "count"]
    first_row = [r for r in rows[1:] if r[0] == exp.grid.row_titles[0]]
    assert sum(float(r[4]) for r in first_row) == sum(float(np.sum(c)) for c in exp.grid.row_data(0))
    rows = _check_files(exporter_of(exp.cost_plot), tmp_path, "cost")   # the generic table: one row per point
    assert rows[0] == ["plot", "series", "x", "y", "value"]
    drawn = sum(len(c.getData()[0]) for c in exp.cost_curves.values())
    assert len([r for r in rows[1:] if r[1] in ("without BN", "with BN")]) == drawn


def test_copy_image_puts_the_plot_on_the_clipboard(window):
    window.show_view("train")
    plot = window.view("train").plots.accuracy_plot
    exporter_of(plot).copy_image()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() >= 2 * plot.width() - 2

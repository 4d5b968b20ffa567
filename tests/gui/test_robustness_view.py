"""The Evaluate view's Robustness page through the real window."""
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def test_damage_curve_and_dont_know_threshold(window, qtbot):
    view = window.view("evaluate")
    panel = view.robustness
    assert not panel.damage_button.isEnabled() or window.session.checkpoint is not None
    window.session.jobs.evaluate()                                # the shipped model on the embedded test split
    qtbot.waitUntil(lambda: view.evaluation is not None and not window.session.jobs.running, timeout=60000)
    e = view.evaluation
    xs, cov = panel.coverage_curve.getData()
    assert xs[0] == 0 and cov[0] == 1.0 and np.all(np.diff(cov) <= 0)
    panel.threshold_spin.setValue(0.99)
    answered = float(np.mean(e.confidence >= 0.99))
    assert f"{answered:.1%}" in panel.threshold_label.text()
    view.gallery_tabs.setCurrentWidget(panel)
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData("rotate"))
    QTest.mouseClick(panel.damage_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: panel.damage_curve.getData()[0] is not None and len(panel.damage_curve.getData()[0]) == 7
                    and not window.session.jobs.running, timeout=120000)
    x, acc = panel.damage_curve.getData()
    assert x[0] == 0 and x[-1] == 90 and acc[0] > 0.95 and acc[-1] < 0.6
    assert f"{acc[0]:.1%}" in panel.damage_label.text()
    assert panel.damage_button.isEnabled()


def test_the_damage_axis_shows_the_values_themselves(qtbot):
    from tensordesk.gui.analysis.robustness_panel import RobustnessPanel
    panel = RobustnessPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    panel.show_damage_curve("noise", [(0.0, 0.98), (0.2, 0.9), (0.4, 0.6), (0.8, 0.2)])
    panel.damage_plot.setXRange(0.0, 0.8, padding=0)
    axis = panel.damage_plot.getAxis("bottom")
    axis.updateAutoSIPrefix()
    assert axis.autoSIPrefixScale == 1.0 and "x0.001" not in axis.labelString()
    assert "σ" in axis.labelString()


def test_per_class_bars_start_below_the_weakest_class(window, qtbot):
    view = window.view("evaluate")
    window.session.jobs.evaluate()                                # the shipped model: every class above 90%
    qtbot.waitUntil(lambda: view.evaluation is not None and not window.session.jobs.running, timeout=60000)
    weakest = 100 * min(a for a in view.evaluation.per_class_accuracy if a is not None)
    low, high = view.per_class.getViewBox().viewRange()[1]
    assert low < weakest - 4 and low > 50 and high >= 100     # not 0–100: the differences show


def test_results_of_an_earlier_model_say_so(window, qtbot):
    """Evaluate (and its Robustness page) and Landscape keep showing their result when the model changes, marked
    as the previous model's and faded, until computed again."""
    from tensordesk.gui.analysis.job_view import stale_note
    view, landscape = window.view("evaluate"), window.view("landscape")
    window.session.jobs.evaluate()
    qtbot.waitUntil(lambda: view.evaluation is not None and not window.session.jobs.running, timeout=60000)
    landscape.grid_spin.setValue(landscape.grid_spin.minimum())
    landscape.images_spin.setValue(landscape.images_spin.minimum())
    landscape.compute()
    qtbot.waitUntil(lambda: landscape.landscape is not None and not window.session.jobs.running, timeout=60000)
    assert not view.summary.text().startswith(stale_note()) and view.confusion.getPlotItem().opacity() == 1.0
    window.session.use_model(window.session.checkpoint, "the same model, opened again")
    for v in (view, landscape):
        assert v.summary.text().startswith(stale_note())
    assert view.confusion.getPlotItem().opacity() < 1 and landscape.contour.getPlotItem().opacity() < 1
    assert view.robustness.threshold_label.text().startswith(stale_note())
    window.session.jobs.evaluate()
    qtbot.waitUntil(lambda: not view.summary.text().startswith(stale_note()) and not window.session.jobs.running,
                    timeout=60000)
    assert view.confusion.getPlotItem().opacity() == 1.0
    assert landscape.summary.text().startswith(stale_note())   # not computed again yet

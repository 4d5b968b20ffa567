"""The batch-norm lab tab: play, single step, live histograms and costs, restart on a setting, clean close."""
import numpy as np


def grid_total(grid, row):
    return sum(float(np.sum(c)) for c in grid.row_data(row))


def test_lab_plays_steps_and_updates_both_rows(window, qtbot):
    window.tabs.setCurrentWidget(window.view("bn"))
    exp = window.view("bn").experiment
    exp.set_settings(layers=3, steps=40, record_every=10)
    qtbot.waitUntil(lambda: exp.controller.running and exp.step == 0 and exp.grid.column_count() == 4,
                    timeout=30000)
    # step 0 is drawn while paused: both rows hold every value of every layer
    qtbot.waitUntil(lambda: grid_total(exp.grid, 0) > 0 and grid_total(exp.grid, 1) > 0, timeout=30000)
    assert grid_total(exp.grid, 0) == 2500 * (1 + 3 * 30)
    assert not exp.is_playing
    exp.lab_controls.step_button.click()
    qtbot.waitUntil(lambda: exp.step == 1, timeout=10000)
    assert exp.controller.paused
    updates = exp.grid.updates
    exp.lab_controls.speed.setValue(exp.lab_controls.speed.maximum())
    exp.lab_controls.play_button.click()
    qtbot.waitUntil(lambda: exp.finished_run, timeout=30000)
    exp.refresh()
    assert exp.step == 40
    assert exp.grid.updates > updates                      # histograms redrawn while it ran
    for net, curve in exp.cost_curves.items():
        x, y = curve.getData()
        assert list(x) == list(range(0, 41, 5)), net        # both cost curves, every 5 steps
        assert np.all(np.isfinite(y))
    assert exp.fit_curves["with_bn"].getData()[0] is not None
    assert "Step 40 of 40" in exp.status.text()


def test_relu_shows_the_divergence_and_keeps_bn_running(window, qtbot):
    window.tabs.setCurrentWidget(window.view("bn"))
    exp = window.view("bn").experiment
    exp.lab_controls.speed.setValue(exp.lab_controls.speed.maximum())
    exp.set_settings(activation="relu", layers=7, steps=30)
    qtbot.waitUntil(lambda: exp.controller.running and not exp._pending_start and exp.step == 0, timeout=30000)
    exp.toggle_play()
    qtbot.waitUntil(lambda: exp.finished_run, timeout=30000)
    exp.refresh()
    assert "diverged" in exp.message.text() and "without batch norm" in exp.message.text()
    assert "diverged" in exp.grid.row_labels[0].text
    assert len(exp.cost_curves["with_bn"].getData()[0]) == 7


def test_space_plays_the_lab_and_closing_mid_run_stops(window, qtbot):
    window.tabs.setCurrentWidget(window.view("bn"))
    exp = window.view("bn").experiment
    exp.set_settings(steps=100_000)
    exp.lab_controls.speed.setValue(3)      # 10 steps/s: still running when we close
    qtbot.waitUntil(lambda: exp.controller.running and exp._pending_start is None, timeout=30000)
    window.menus.start_pause.trigger()     # Space
    qtbot.waitUntil(lambda: exp.step >= 3, timeout=30000)
    assert exp.is_playing
    window.close()                           # the dangling-thread fixture checks the thread ended
    assert not exp.controller.running


def test_mnist_runs_with_bn_off_and_on_appear_side_by_side(window, qtbot):
    from tests.gui.helpers import choose
    window.view("train").histogram_every = 5
    compare = window.view("bn").compare
    for bn in (False, True):
        choose(window, "mlp", epochs=1, limit=320)
        window.view("train").panel.bn_check.setChecked(bn)
        qtbot.waitUntil(window.view("train").start_button.isEnabled, timeout=10000)   # the last run's thread has ended
        with qtbot.waitSignal(window.view("train").controller.finished, timeout=120000) as done:
            window.view("train").start_button.click()
        assert done.args[0].state == "finished"
    assert not compare.isVisible() and compare.grid.column_count() == 0  # nothing drawn while hidden
    window.tabs.setCurrentWidget(window.view("bn"))
    window.view("bn").setCurrentWidget(compare)   # shown: each run's newest histograms are drawn
    grid = compare.grid
    assert grid.column_count() == 1                       # the MLP's one hidden activation layer
    off, on = grid.row_data(0)[0], grid.row_data(1)[0]
    assert off.sum() == on.sum() == 256 * 500             # 256 probe images × 500 units, every value counted
    assert "BN on" in grid.row_labels[1].text and "BN on" not in grid.row_labels[0].text
    assert not np.array_equal(off, on)


def test_a_typed_setting_restarts_the_lab_promptly(window, qtbot):
    window.tabs.setCurrentWidget(window.view("bn"))
    exp = window.view("bn").experiment
    qtbot.waitUntil(lambda: exp.controller.running, timeout=30000)
    exp.steps_spin.setValue(90_000)          # as typed: through the spin box's own signal
    qtbot.waitUntil(lambda: exp.total_steps == 90_000, timeout=3000)
    assert exp.controller.running and not exp.is_playing

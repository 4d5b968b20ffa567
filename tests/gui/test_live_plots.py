"""The Train tab's live curves while a run grows: the step axes hold still (their ticks, labels and grid are
not redrawn every frame), they still grow when the curves outgrow them, and a user's zoom is left alone.
The progress line changes without asking the window for a new layout."""
import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget


def view_range(plot):
    (x0, x1), (y0, y1) = plot.getViewBox().viewRange()
    return round(x0, 6), round(x1, 6), round(y0, 6), round(y1, 6)


def grow(plots, qtbot, run_id, steps, loss):
    ranges = []
    for s in steps:
        plots.add_batches(run_id, [s], [loss(s)], [0.01])
        if s % 5 == 0:
            plots.refresh()
            qtbot.wait(1)
            ranges.append((view_range(plots.loss_plot), view_range(plots.lr_plot)))
    return ranges


@pytest.fixture
def plots(qtbot):
    from tensordesk.gui.widgets.plots import TrainingPlots
    widget = TrainingPlots()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(20)
    return widget


def planned_run(plots, label, steps):
    run = plots.add_run(label)
    plots.plan_run(run, steps)
    return run


def test_step_axes_hold_still_while_a_planned_run_grows(plots, qtbot):
    run = planned_run(plots, "MLP", 400)
    rng = np.random.default_rng(0)
    ranges = grow(plots, qtbot, run, range(1, 301), lambda s: 2.3 * np.exp(-s / 40) + 0.1 * rng.random())
    # 60 frames, at most 3 with new axes (the first points bring their pens' padding, the noisy early
    # losses set the top, the curve reaching down to 0 adds its pen's padding there); with pyqtgraph's own
    # auto-range every frame had new axes
    changes = [k for k in range(1, len(ranges)) if ranges[k] != ranges[k - 1]]
    assert len(changes) <= 3
    x0, x1, y0, y1 = ranges[-1][0]
    assert x0 <= 0 and x1 >= 400                      # room for the whole run from the start
    assert y0 <= 0 and 2.4 <= y1 < 3.0                # from 0 to just above the highest loss
    assert ranges[-1][1][1] >= 400                     # the learning-rate plot spans the same steps
    # a loss far above the frame: the axis grows to show it
    plots.add_batches(run, [301], [9.0], [0.01])
    plots.refresh()
    qtbot.wait(1)
    assert view_range(plots.loss_plot)[3] >= 9.0
    # the run goes past its plan (more epochs): x follows
    grow(plots, qtbot, run, range(302, 521), lambda s: 0.2)
    assert view_range(plots.loss_plot)[1] >= 520


def test_a_zoomed_plot_stays_where_the_user_put_it(plots, qtbot):
    run = planned_run(plots, "CNN", 200)
    grow(plots, qtbot, run, range(1, 21), lambda s: 1.0)
    vb = plots.loss_plot.getViewBox()
    vb.setRange(xRange=(5, 15), yRange=(0.5, 1.5), padding=0)   # what a mouse zoom does: auto-range off
    assert vb.autoRangeEnabled() == [False, False]
    grow(plots, qtbot, run, range(21, 101), lambda s: 3.0)
    x0, x1, y0, y1 = view_range(plots.loss_plot)
    assert (x0, x1, y0, y1) == (5, 15, 0.5, 1.5)
    # pyqtgraph's "A" button gives the frame back: the whole planned run and the new losses
    vb.enableAutoRange()
    plots.refresh()
    qtbot.wait(1)
    x0, x1, y0, y1 = view_range(plots.loss_plot)
    assert x1 >= 200 and y1 >= 3.0


def test_hiding_or_removing_a_run_shrinks_the_frame(plots, qtbot):
    big = planned_run(plots, "lr too high", 1000)
    grow(plots, qtbot, big, range(1, 51), lambda s: 20.0)
    small = planned_run(plots, "sensible", 100)
    grow(plots, qtbot, small, range(1, 101), lambda s: 0.5)
    assert view_range(plots.loss_plot)[3] >= 20

    def frame_after(change):
        change()
        plots.refresh()
        qtbot.wait(1)
        return view_range(plots.loss_plot)

    item = next(plots.run_list.item(i) for i in range(plots.run_list.count())
                if plots.run_list.item(i).data(Qt.UserRole) == big)
    x0, x1, y0, y1 = frame_after(lambda: item.setCheckState(Qt.Unchecked))   # untick: the big run hides
    assert 100 <= x1 < 200 and 0.5 <= y1 < 1.0
    x0, x1, y0, y1 = frame_after(lambda: item.setCheckState(Qt.Checked))
    assert x1 >= 1000 and y1 >= 20
    x0, x1, y0, y1 = frame_after(lambda: plots.remove_run(big))
    assert 100 <= x1 < 200 and 0.5 <= y1 < 1.0


class LayoutRequests(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event):
        if event.type() == QEvent.LayoutRequest:
            self.count += 1
        return False


def test_progress_line_changes_without_a_new_layout(qtbot):
    from PySide6.QtWidgets import QLabel

    from tensordesk.gui.widgets.live_label import LiveLabel
    host = QWidget()
    qtbot.addWidget(host)
    live, plain = LiveLabel("Ready."), QLabel("Ready.")
    row = QHBoxLayout(host)
    row.addWidget(live)
    row.addWidget(plain)
    host.show()
    qtbot.wait(10)
    hint = live.sizeHint()
    counter = LayoutRequests()
    host.installEventFilter(counter)
    for k in range(20):
        live.setText(f"epoch 1/3 · step {k * 37}/900 · {1000 + 333 * k:,} samples/s · ETA {k}:0{k % 10}")
        qtbot.wait(1)
    assert counter.count == 0 and live.sizeHint() == hint
    assert live.text().startswith("epoch 1/3 · step 703/900") and live.toolTip() == live.text()
    for k in range(5):                           # what QLabel does: a layout request each time
        plain.setText("x" * (10 + 7 * k))
        qtbot.wait(1)
    assert counter.count >= 1


def test_learning_rates_decades_apart_are_both_readable(plots, qtbot):
    adam, sgd = planned_run(plots, "Adam", 10), planned_run(plots, "SGD", 10)
    plots.add_batches(adam, [1, 2], [1.0, 0.9], [0.001, 0.001])
    plots.add_batches(sgd, [1, 2], [1.0, 0.9], [0.5, 0.5])
    plots.refresh()
    assert plots.lr_plot.getAxis("left").logMode         # a log axis: 0.001 does not sit on zero
    y0, y1 = plots.lr_plot.getViewBox().viewRange()[1]
    assert y0 < np.log10(0.001) < np.log10(0.5) < y1 < np.log10(0.5) + 1

"""Training as a film through the real window: the timeline over a recorded run's snapshots moves Draw's answer,
the Neurons page, the points map (its projection held), the confusion matrix, the histograms, the loss curve's
marker and the landscape's marker; Now goes back; Play runs through every snapshot."""
import numpy as np
import pytest

from tensordesk.engine.core import events as ev
from tensordesk.engine.models.architectures import default_spec
from tensordesk.engine.models.inference import classify_drawing, probabilities
from tensordesk.engine.runs import snapshots
from tensordesk.engine.runs.store import RunStore
from tensordesk.engine.training.config import default_config
from tensordesk.engine.training.trainer import Trainer
from tensordesk.gui.timeline import TimelineBar


@pytest.fixture(scope="module")
def recorded(tmp_path_factory, tiny):
    """An MLP trained 2 epochs on the tiny split, recorded with its snapshots."""
    folder = tmp_path_factory.mktemp("runs")
    store = RunStore(folder)
    spec, cfg = default_spec("mlp"), default_config("mlp", epochs=2, batch_size=50)
    recorder = store.recorder("film test", spec.to_dict(), cfg.to_dict(), tiny.name)
    trainer = Trainer(spec, cfg, tiny, recorder)
    recorder.attach(trainer)
    assert trainer.run().state == ev.RunState.FINISHED
    return store, recorder.id


def open_film(window, qtbot, recorded):
    store, run_id = recorded
    window.view("train").history.set_folder(str(store.folder))
    assert window.files.open_model(f"{run_id}@last")
    timeline = window.session.timeline
    assert timeline.film is not None and timeline.film.run_id == run_id
    return timeline


def move(timeline, index):
    timeline.scrub_to(index)
    timeline.apply_now()
    assert timeline.position.index == index


def test_the_timeline_moves_draw_neurons_histograms_and_the_loss_marker(window, qtbot, recorded, tiny):
    store, run_id = recorded
    timeline = open_film(window, qtbot, recorded)
    latest = window.session.checkpoint
    draw = window.view("draw")
    bar = draw.findChild(TimelineBar)
    assert bar.slider.isEnabled() and bar.slider.maximum() == len(timeline.film) - 1
    assert not bar.now_button.isEnabled()           # at "now" already
    window.show_view("draw")
    digit = tiny.x_test[3]
    draw.show_image(digit, "test digit")
    qtbot.waitUntil(lambda: draw.panel.probabilities is not None)

    answers = {}
    for index in (0, 1, len(timeline.film) // 2):
        move(timeline, index)
        step = timeline.position.step
        assert window.session.checkpoint.meta["snapshot_step"] == step
        assert str(step) in window.session.model_label.replace(",", "")
        # the drawing's answer is the snapshot's: equal to the model restored from its file
        restored = snapshots.load(store, run_id, step).model
        expected = classify_drawing(restored, draw.canvas.to_array())[1]
        np.testing.assert_allclose(draw.panel.probabilities, expected, atol=1e-6)
        answers[index] = draw.panel.probabilities.copy()
        assert draw.neurons.base is window.session.checkpoint.model     # Neurons follows the moved model
        # the loss curve's marker stands at the step
        line = window.view("train").plots.loss_plot.timeline_marker
        assert line.isVisible() and line.value() == step
        assert bar.label.text().replace(",", "").startswith(f"step {step}")
    assert not np.allclose(answers[0], answers[len(timeline.film) // 2])   # training changed the answer

    # Inside the network: the saliency is the moved model's
    draw.pages.setCurrentWidget(draw.insight)
    saliency = {}
    for index in (0, len(timeline.film) - 1):
        move(timeline, index)
        saliency[index] = np.array(draw.insight.sal_item.image, copy=True)
    assert saliency[0].shape == (28, 28) and not np.allclose(saliency[0], saliency[len(timeline.film) - 1])

    # histograms: each layer's weights along the snapshots, the one at the timeline's step shown
    window.show_view("histograms")
    hist = window.view("histograms")
    hist.refresh()
    film = timeline.film.weight_histograms()
    assert hist.at_step == timeline.position.step and hist.marker.isVisible()
    key = hist.selected()
    at = [e for e in film if e.step == timeline.position.step][0]
    shown = [h for h in at.layers if (h.layer, h.kind) == key][0]
    np.testing.assert_array_equal(hist.current_curve.yData, shown.counts)
    assert len(hist.history[key]["steps"]) == len(timeline.film)

    # Now: the latest model again, markers hidden
    timeline.now()
    assert window.session.checkpoint is latest and timeline.position is None
    assert not window.view("train").plots.loss_plot.timeline_marker.isVisible()
    hist.refresh()
    assert hist.at_step is None


def test_points_map_and_confusion_follow_with_the_projection_held(window, qtbot, recorded, embedded):
    timeline = open_film(window, qtbot, recorded)
    draw = window.view("draw")
    window.show_view("draw")
    draw.pages.setCurrentWidget(draw.points)
    points = draw.points
    points.method_combo.setCurrentIndex(points.method_combo.findData("pca"))
    assert points.compute()
    qtbot.waitUntil(lambda: points.result is not None and not points.job.running, timeout=60000)
    held = points.result
    move(timeline, 1)
    qtbot.waitUntil(lambda: points.result is not held and not points.job.running, timeout=60000)
    early = points.result
    assert early.basis is held.basis                          # the same projection, not a new PCA
    assert early.layer == held.layer and len(early.points) == len(held.points)
    assert not np.allclose(early.points, held.points)         # the points moved
    # the moved points are the early model's features through the held basis
    from tensordesk.engine.inspection.points_map import layer_features
    feats = layer_features(window.session.checkpoint.model, points.images, held.layer)
    np.testing.assert_allclose(early.points, (feats - held.basis[0]) @ held.basis[1].T, rtol=1e-4, atol=1e-4)

    # Evaluate on screen: the confusion matrix is computed again in the background for each move
    window.show_view("evaluate")
    view = window.view("evaluate")
    jobs = window.session.jobs
    jobs.evaluate()
    qtbot.waitUntil(lambda: view.evaluation is not None and not jobs.evaluating, timeout=60000)
    first = view.evaluation
    move(timeline, len(timeline.film) - 1)
    qtbot.waitUntil(lambda: view.evaluation is not first and not jobs.evaluating, timeout=60000)
    model = window.session.checkpoint.model
    assert len(view.images) == len(embedded.x_test)          # the data set the run trained on: its test split
    predicted = probabilities(model, embedded.x_test.astype(np.float32) / 255.0).argmax(1)
    assert view.evaluation.accuracy == pytest.approx(float(np.mean(predicted == embedded.y_test)), abs=1e-9)
    confusion = np.asarray(view.evaluation.confusion)
    assert confusion.sum() == len(embedded.y_test)
    assert confusion[3, 3] == int(np.sum((predicted == 3) & (embedded.y_test == 3)))
    assert view.evaluation.accuracy > first.accuracy or first.accuracy > 0.5


def test_play_runs_the_film_and_training_leaves_it(window, qtbot, recorded):
    timeline = open_film(window, qtbot, recorded)
    timeline.set_speed(8)
    seen = []
    timeline.moved.connect(lambda pos: seen.append(None if pos is None else pos.index))
    ended = []
    timeline.film_ended.connect(lambda: ended.append(True))
    assert timeline.play()
    qtbot.waitUntil(lambda: bool(ended), timeout=30000)
    assert seen == list(range(len(timeline.film)))
    assert not timeline.playing
    # a run starting leaves the film where it was: its model is the run's
    window.session.set_training(True)
    assert timeline.position is None and not timeline.available
    window.session.set_training(False)


def test_the_landscape_marks_where_the_timeline_is(window, qtbot, recorded):
    timeline = open_film(window, qtbot, recorded)
    window.show_view("landscape")
    view = window.view("landscape")
    jobs = window.session.jobs
    jobs.compute_landscape({"directions": "random", "grid": 5, "images": 100})
    qtbot.waitUntil(lambda: view.landscape is not None and not jobs.landscape.running, timeout=60000)
    assert view.marker_at is None
    move(timeline, 0)
    start = view.marker_at
    move(timeline, len(timeline.film) - 1)
    end = view.marker_at
    assert start is not None and end is not None and start != end
    assert not view.summary.property("stale")       # the slice is the run's: a move does not make it stale
    # the last snapshot lies (within float16's rounding) at the slice's centre, the trained weights
    assert abs(end[0]) < 0.05 and abs(end[1]) < 0.05


def test_record_film_records_the_view_while_the_film_plays(window, qtbot, recorded, tmp_path):
    timeline = open_film(window, qtbot, recorded)
    window.show_view("draw")
    timeline.set_speed(8)
    path = tmp_path / "film.gif"
    assert window.recording.record_film(timeline, str(path))
    assert timeline.playing and timeline.position.index == 0
    qtbot.waitUntil(lambda: not window.recording.recorder.recording and not window.recording.recorder.writing,
                    timeout=60000)
    assert timeline.position.index == len(timeline.film) - 1     # it played to the end, then the recording ended
    import imageio.v3 as iio
    frames = iio.imread(path, index=None)
    assert frames.ndim == 4 and len(frames) >= 3
    assert not np.array_equal(frames[0], frames[-1])           # the answer's bars changed along the film


def _handle_at(slider, value):
    """The slider handle's centre when it shows `value` (the style's own geometry)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionSlider
    opt = QStyleOptionSlider()
    slider.initStyleOption(opt)
    opt.sliderPosition = opt.sliderValue = value
    return slider.style().subControlRect(QStyle.CC_Slider, opt, QStyle.SC_SliderHandle, slider).center()


def _drag(qtbot, slider, to_value):
    """Press on the handle, drag it to `to_value` with the mouse, and return the position shown mid-drag."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    start = _handle_at(slider, slider.value())
    QTest.mousePress(slider, Qt.LeftButton, Qt.NoModifier, start)
    target = _handle_at(slider, to_value)
    for x in np.linspace(start.x(), target.x(), 6)[1:]:
        QTest.mouseMove(slider, QPoint(int(x), start.y()))
    qtbot.waitUntil(lambda: slider.value() == to_value, timeout=3000)
    return slider


def test_letting_go_of_a_dragged_slider_returns_to_now_unless_hold_is_on(window, qtbot, recorded):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    timeline = open_film(window, qtbot, recorded)
    latest = window.session.checkpoint
    window.show_view("draw")
    bar = window.view("draw").findChild(TimelineBar)
    slider = bar.slider
    assert not bar.hold_button.isChecked() and not timeline.hold
    # dragging shows the past while the mouse is held…
    _drag(qtbot, slider, 1)
    qtbot.waitUntil(lambda: timeline.position is not None and timeline.position.index == 1, timeout=3000)
    assert window.session.checkpoint is not latest
    assert window.session.checkpoint.meta["snapshot_step"] == timeline.film.position(1).step
    # …and letting go returns to the latest model
    QTest.mouseRelease(slider, Qt.LeftButton, Qt.NoModifier, _handle_at(slider, 1))
    qtbot.waitUntil(lambda: timeline.position is None, timeout=3000)
    assert window.session.checkpoint is latest and slider.value() == slider.maximum()

    # Hold on (one timeline: every bar shows it): the film stays where it is let go of
    bar.hold_button.click()
    assert timeline.hold and window.view("train").findChild(TimelineBar).hold_button.isChecked()
    _drag(qtbot, slider, 2)
    QTest.mouseRelease(slider, Qt.LeftButton, Qt.NoModifier, _handle_at(slider, 2))
    qtbot.wait(50)
    assert timeline.position is not None and timeline.position.index == 2
    assert window.session.checkpoint.meta["snapshot_step"] == timeline.film.position(2).step
    # the keyboard moves without letting go of anything: it stays even with Hold off; so does a press on the
    # handle that does not drag it
    bar.hold_button.click()
    assert not timeline.hold
    QTest.mouseClick(slider, Qt.LeftButton, Qt.NoModifier, _handle_at(slider, 2))
    qtbot.wait(50)
    assert timeline.position.index == 2
    slider.setFocus()
    QTest.keyClick(slider, Qt.Key_Left)
    qtbot.waitUntil(lambda: timeline.position is not None and timeline.position.index == 1, timeout=3000)
    qtbot.wait(50)
    assert timeline.position.index == 1
    QTest.keyClick(slider, Qt.Key_Escape)
    assert timeline.position is None and window.session.checkpoint is latest


def test_a_film_opened_while_the_last_is_being_prepared_is_prepared_too(window, qtbot, tmp_path, tiny):
    """Opening a run makes its two networks be built and traced in the background; a second run opened while
    that runs gets its own preparation after it, not a slow first move."""
    store = RunStore(tmp_path / "runs")
    ids = []
    for seed in (1, 2):
        spec, cfg = default_spec("mlp"), default_config("mlp", epochs=1, batch_size=100, seed=seed)
        recorder = store.recorder(f"run {seed}", spec.to_dict(), cfg.to_dict(), tiny.name)
        trainer = Trainer(spec, cfg, tiny, recorder)
        recorder.attach(trainer)
        assert trainer.run().state == ev.RunState.FINISHED
        ids.append(recorder.id)
    window.view("train").history.set_folder(str(store.folder))
    timeline = window.session.timeline
    assert window.files.open_model(f"{ids[0]}@last")
    first = timeline.film
    assert timeline.preparing
    assert window.files.open_model(f"{ids[1]}@last")
    second = timeline.film
    assert second is not first and second.run_id == ids[1]
    qtbot.waitUntil(lambda: not timeline.preparing, timeout=30000)
    assert second.prepared


def test_hold_is_remembered_by_the_next_window(qtbot):
    from tensordesk.gui.main_window import MainWindow
    first = MainWindow()
    qtbot.addWidget(first)
    assert not first.session.timeline.hold
    first.view("train").findChild(TimelineBar).hold_button.click()
    assert first.session.timeline.hold
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.session.timeline.hold
    assert all(bar.hold_button.isChecked() for bar in second.findChildren(TimelineBar))
    second.close()

"""The Playground tab through the real window: it trains and draws the boundary and every neuron; own points by
clicks, drags and Shift+clicks; three classes with their confusion matrix; a typed weight moves the boundary;
codes, files, hidden controls and exports."""
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tensordesk.engine.labs.playground_experiment import Experiment, PlaygroundSettings


def pane_of(window, qtbot):
    window.show_view("playground")
    pane = window.view("playground")
    qtbot.waitUntil(lambda: pane.editor is not None, timeout=60000)
    return pane


def play_to_end(pane, qtbot, experiment):
    pane.set_experiment(experiment)
    qtbot.waitUntil(lambda: pane.editor is not None and pane.editor.experiment == experiment
                    and pane.frame is not None, timeout=60000)
    pane.toggle_play()
    qtbot.waitUntil(lambda: pane.finished_run, timeout=120000)
    pane.refresh()


def test_it_trains_and_draws_the_boundary_and_every_neuron(window, qtbot):
    pane = pane_of(window, qtbot)
    assert pane.frame.step == 0 and pane.network.sizes == (4, 2, 1)     # Playground's default network
    play_to_end(pane, qtbot, Experiment(PlaygroundSettings(data="circle", features="x1,x2,x1sq,x2sq",
                                                           layers="3", epochs=20, learning_rate=0.1)))
    f = pane.frame
    assert f.step == 20 * pane.editor.steps_per_epoch and f.test_accuracy > 0.9
    image = pane.plane.image.image
    assert image.shape == (100, 100, 3)
    # the inner disk is class 1, the ring class 0: the plane's centre and corner take their colours
    from tensordesk.gui.labs.playground_plane import class_color
    centre, corner = image[50, 50].astype(float), image[2, 2].astype(float)
    paper = np.array(window.palette().base().color().getRgb()[:3], float)
    assert np.linalg.norm(centre - paper) > 20 and np.linalg.norm(corner - paper) > 20
    assert np.dot(centre - corner, np.array(class_color(1), float) - np.array(class_color(0), float)) > 0
    assert len(pane.network.inputs) == 4 and [len(layer) for layer in pane.network.neurons] == [3, 1]
    assert pane.network.neurons[0][0].size().width() == 25
    c = np.asarray(pane.curve)
    assert c[-1, 2] < c[0, 2]                                # the test loss fell
    assert "Epoch 20.0" in pane.status.text() and "finished" in pane.status.text()


def test_own_points_by_click_drag_and_shift_click(window, qtbot):
    pane = pane_of(window, qtbot)
    controls = pane.controls
    controls.data.setCurrentIndex(controls.data.findData("own"))
    assert pane.plane.editing and controls.new_class.isVisible() and not controls.noise.isVisible()
    plot = pane.plane.plot
    qtbot.wait(50)

    def at(x, y):
        vb = plot.getViewBox()
        scene = vb.mapViewToScene(__import__("pyqtgraph").Point(x, y))
        return plot.mapFromScene(scene)
    for (x, y), cls in (((-3, -3), 0), ((-2, -4), 0), ((3, 3), 1), ((4, 2), 1), ((2, 4), 1)):
        controls.new_class.setCurrentIndex(cls)
        QTest.mouseClick(plot.viewport(), Qt.LeftButton, Qt.NoModifier, at(x, y))
    assert [p[2] for p in pane.plane.own] == [0, 0, 1, 1, 1]
    np.testing.assert_allclose(pane.plane.own[0][:2], (-3, -3), atol=0.15)
    # drag the first point elsewhere
    QTest.mousePress(plot.viewport(), Qt.LeftButton, Qt.NoModifier, at(-3, -3))
    QTest.mouseMove(plot.viewport(), at(-4, 1))
    QTest.mouseRelease(plot.viewport(), Qt.LeftButton, Qt.NoModifier, at(-4, 1))
    np.testing.assert_allclose(pane.plane.own[0][:2], (-4, 1), atol=0.15)
    # Shift+click removes the last one
    QTest.mouseClick(plot.viewport(), Qt.LeftButton, Qt.ShiftModifier, at(2, 4))
    assert len(pane.plane.own) == 4
    qtbot.waitUntil(lambda: pane.editor is not None and pane.data is not None
                    and len(pane.data.train_xy) + len(pane.data.test_xy) == 4, timeout=60000)
    assert len(controls.experiment().own_points) == 4
    # the points travel with the code
    assert Experiment.from_code(pane.share()).own_points == controls.experiment().own_points
    controls.clear_points.click()
    qtbot.waitUntil(lambda: "at least four" in pane.message.text(), timeout=10000)


def test_three_classes_show_their_confusion_matrix(window, qtbot):
    pane = pane_of(window, qtbot)
    play_to_end(pane, qtbot, Experiment(PlaygroundSettings(data="spiral3", layers="8", epochs=3)))
    f = pane.frame
    assert pane.confusion.isVisible() and pane.confusion.rowCount() == 3
    shown = np.array([[int(pane.confusion.item(i, j).text()) for j in range(3)] for i in range(3)])
    np.testing.assert_array_equal(shown, f.confusion)
    assert shown.sum() == len(pane.data.test_y)
    assert f"{f.test_accuracy:.1%}" in pane.score.text()


def test_a_typed_weight_moves_the_boundary(window, qtbot):
    pane = pane_of(window, qtbot)
    before = pane.plane.image.image.copy()
    weights = pane.frame.weights[0].copy()
    assert pane.edit_weight(0, 1, 0, float(weights[1, 0]) + 5.0)
    assert pane.frame.weights[0][1, 0] == np.float32(weights[1, 0] + 5.0)
    assert not np.array_equal(before, pane.plane.image.image)
    assert pane.edit_bias(1, 1, 3.0) and pane.frame.biases[1][1] == 3.0
    # where a click lands: the node's centre is that neuron, an edge's middle that weight
    net = pane.network
    assert net.node_at(net.node_rect(2, 1).center()) == (2, 1)
    from tensordesk.gui.labs.playground_network import _segment_distance
    layer, i, j, a, b = [e for e in net.edges() if e[:3] == (1, 2, 0)][0]
    middle = (a + b) / 2
    through = {e[:3] for e in net.edges() if _segment_distance(middle, e[3], e[4]) < 0.5}   # edges may cross there
    assert (1, 2, 0) in through and net.edge_at(middle) in through
    text = pane.network.formula(2, 1)                           # the second neuron of the second hidden layer
    assert text.startswith("h2,2 = tanh(") and "+ 3·" not in text and "+ 3\n" in text.replace(")", "")


def test_code_file_hidden_controls_and_exports(window, qtbot, tmp_path):
    pane = pane_of(window, qtbot)
    e = Experiment(PlaygroundSettings(data="xor", features="x1x2", layers="2", epochs=2, learning_rate=0.1),
                   hidden=("learning_rate", "features"))
    assert pane.paste_code(e.code())
    qtbot.waitUntil(lambda: pane.editor is not None and pane.editor.settings.data == "xor", timeout=60000)
    assert not pane.controls.learning_rate.isVisible() and not pane.controls.features_box.isVisible()
    assert pane.controls.batch_size.isVisible()
    assert pane.controls.experiment() == e
    assert pane.save_experiment(str(tmp_path / "e.json"))
    assert Experiment.load(tmp_path / "e.json") == e
    assert not pane.paste_code("pg1-broken")
    assert "damaged" in pane.message.text()
    pane.set_hidden([])
    assert pane.controls.learning_rate.isVisible()
    # the trained network leaves as .keras (the same answers) and as a script
    import keras
    assert pane.export_model(str(tmp_path / "net.keras"))
    net = keras.models.load_model(tmp_path / "net.keras")
    np.testing.assert_allclose(net(pane.editor.x_test), pane.editor.model(pane.editor.x_test), atol=1e-6)
    assert pane.write_script(str(tmp_path / "pg.py"))
    assert "make_points('xor'" in (tmp_path / "pg.py").read_text()
    assert pane.open_experiment(str(tmp_path / "e.json"))
    assert not pane.controls.learning_rate.isVisible()

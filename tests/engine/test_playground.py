"""The 2-D playground's engine: its data sets and features, own points, the confusion matrix, Rewind's same initial
weights, edited weights, the experiment's code and file, the determinism claim, the exported script and the
command line."""
import json
import subprocess
import sys

import numpy as np
import pytest

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.labs.playground import Experiment, PlaygroundLab, PlaygroundSettings, run_headless
from tensordesk.engine.labs.playground_data import DATASETS, FEATURES, RADIUS, features, grid_points, make_points
from tensordesk.engine.labs.playground_experiment import make_data
from tests.engine.helpers import main_py


def run(lab):
    lab.begin()
    frame = None
    while not lab.done:
        frame = lab.advance()[-1]
    return frame


@pytest.mark.parametrize("key", [k for k in DATASETS if k != "own"])
def test_each_data_set_is_seeded_inside_the_plane_with_its_classes(key):
    _, task, classes = DATASETS[key]
    xy, y = make_points(key, 300, 10, seed=3)
    again, _ = make_points(key, 300, 10, seed=3)
    other, _ = make_points(key, 300, 10, seed=4)
    assert xy.shape == (300, 2) and xy.dtype == np.float32 and np.abs(xy).max() <= RADIUS
    np.testing.assert_array_equal(xy, again)
    assert not np.array_equal(xy, other)
    if task == "classify":
        assert y.dtype == np.int64 and set(np.unique(y)) == set(range(classes))
    else:
        assert y.dtype == np.float32 and -1.01 <= y.min() < 0 < y.max() <= 1.01


def test_the_sets_are_what_their_names_say():
    xy, y = make_points("circle", 400, 0, 0)
    r = np.hypot(xy[:, 0], xy[:, 1])
    assert np.all((r < 2.5) == (y == 1))                      # the inner disk is class 1, without noise
    xy, y = make_points("xor", 400, 0, 0)
    assert np.all((xy[:, 0] * xy[:, 1] >= 0) == (y == 1))
    xy, y = make_points("plane", 400, 0, 0)
    np.testing.assert_allclose(y, (xy[:, 0] + xy[:, 1]) / 12, atol=1e-6)
    noisy = make_points("circle", 400, 50, 0)[1]
    assert 0 < np.sum(noisy != (np.hypot(*make_points("circle", 400, 50, 0)[0].T) < 2.5)) < 200   # labels flipped


@pytest.mark.parametrize("key", list(FEATURES))
def test_each_feature_is_its_formula(key):
    xy = np.array([[1.5, -2.0], [0.0, 3.0], [-6.0, 6.0]], np.float32)
    a, b = xy[:, 0].astype(float), xy[:, 1].astype(float)
    expected = {"x1": a, "x2": b, "x1sq": a * a, "x2sq": b * b, "x1x2": a * b, "sinx1": np.sin(a),
                "sinx2": np.sin(b)}[key]
    np.testing.assert_allclose(features(xy, [key])[:, 0], expected, rtol=1e-6)
    assert features(xy, ["x2", key]).shape == (3, 2)


def test_settings_say_what_is_wrong_in_one_sentence():
    for kwargs, words in (({"layers": "9"}, "1–8 neurons"), ({"layers": "1,1,1,1,1,1,1"}, "0–6 hidden layers"),
                          ({"features": "x1,x3"}, "unknown feature 'x3'"), ({"features": ""}, "at least one"),
                          ({"layers": "4", "activation": "relu,tanh"}, "one per hidden layer"), ({"activation": "gelu"}, "one of"),
                          ({"noise": 70}, "noise"), ({"data": "moons"}, "data must be one of")):
        with pytest.raises(ConfigError, match=words):
            PlaygroundSettings(**kwargs).validate()
    s = PlaygroundSettings(layers="none", activation="relu").validate()
    assert s.hidden_sizes == () and s.activations == ()
    assert PlaygroundSettings(layers="3,2", activation="relu,tanh").activations == ("relu", "tanh")


def test_own_points_are_the_data_and_too_few_say_so():
    pts = ((1, 1, 0), (2, 2, 1), (-1, -1, 0), (-2, 3, 1), (3, -2, 2), (0.5, 0.5, 2))
    data = make_data(Experiment(PlaygroundSettings(data="own", train_share=50), pts))
    assert data.classes == 3 and len(data.train_xy) + len(data.test_xy) == 6
    together = np.concatenate([np.column_stack([data.train_xy, data.train_y]),
                               np.column_stack([data.test_xy, data.test_y])])
    assert sorted(map(tuple, together.tolist())) == sorted(tuple(map(float, p)) for p in pts)
    with pytest.raises(ConfigError, match="at least four"):
        make_data(Experiment(PlaygroundSettings(data="own"), pts[:3]))
    with pytest.raises(ConfigError, match="own point"):
        Experiment(PlaygroundSettings(data="own"), ((9.0, 0.0, 0),)).validate()


def test_three_classes_confusion_matrix_is_the_predictions():
    lab = PlaygroundLab(Experiment(PlaygroundSettings(data="blobs", layers="4", epochs=3, points=240)))
    frame = run(lab)
    pred = np.asarray(lab.model(lab.x_test, training=False)).argmax(1)
    expected = np.zeros((4, 4), int)
    for t, p in zip(lab.data.test_y, pred):
        expected[t, p] += 1
    np.testing.assert_array_equal(frame.confusion, expected)
    assert frame.test_accuracy == pytest.approx(np.trace(expected) / expected.sum())
    assert frame.output.shape == (100, 100) and frame.confidence.shape == (100, 100)
    # the boundary's classes are the network's answers on the grid
    grid_pred = np.asarray(lab.model(lab.grid_x, training=False)).argmax(1).reshape(100, 100)
    np.testing.assert_array_equal(frame.output, grid_pred)


def test_rewind_starts_from_the_same_weights_and_new_weights_do_not():
    s = PlaygroundSettings(layers="5,3", epochs=1)
    a, b = PlaygroundLab(Experiment(s)), PlaygroundLab(Experiment(s))
    c = PlaygroundLab(Experiment(s.replace(seed=1)))
    for wa, wb in zip(a.initial_weights, b.initial_weights):
        np.testing.assert_array_equal(wa, wb)
    assert any(not np.array_equal(wa, wc) for wa, wc in zip(a.initial_weights, c.initial_weights))
    run(a)
    assert any(not np.array_equal(w, w0) for w, w0 in zip(a.model.get_weights(), a.initial_weights))


def test_an_edited_weight_changes_the_boundary():
    lab = PlaygroundLab(Experiment(PlaygroundSettings(layers="3", epochs=1)))
    lab.begin()
    before = lab.frame()
    lab.set_weight(0, 1, 2, 4.0)
    lab.set_bias(1, 0, -2.0)
    after = lab.frame()
    assert after.weights[0][1, 2] == 4.0 and after.biases[1][0] == -2.0
    assert not np.allclose(before.output, after.output)
    assert not np.allclose(before.neurons[0][2], after.neurons[0][2])   # the edited neuron's picture moved
    np.testing.assert_array_equal(before.neurons[0][0], after.neurons[0][0])   # the others did not


def test_the_code_and_the_file_round_trip(tmp_path):
    e = Experiment(PlaygroundSettings(data="own", layers="8,8", activation="relu,tanh", learning_rate=0.1,
                                      dropout=0.2, regularization="l2", reg_rate=0.003),
                   ((1.25, -2.5, 0), (3.0, 4.0, 1), (-1.0, -1.0, 2), (0.0, 5.5, 3)), ("learning_rate", "data"))
    code = e.code()
    assert code.startswith("pg1-") and len(code) < 300                      # 4 points, 8 settings, 2 hidden
    assert Experiment.from_code(code) == e
    assert Experiment.from_code(code[:20] + "\n" + code[20:]) == e       # pasted with a line break
    assert len(Experiment().code()) < 40                                    # the defaults: almost nothing
    e.save(tmp_path / "exp.json")
    assert Experiment.load(tmp_path / "exp.json") == e
    for bad, words in (("pg2-abc", "starts with"), ("pg1-@@@", "damaged"), (code[:-10], "damaged")):
        with pytest.raises(ConfigError, match=words):
            Experiment.from_code(bad)
    (tmp_path / "bad.json").write_text('{"settings": {"layers": "12"}}')
    with pytest.raises(ConfigError, match="1–8 neurons"):
        Experiment.load(tmp_path / "bad.json")
    with pytest.raises(ConfigError, match="not a playground setting"):
        Experiment.from_dict({"settings": {"colour": 1}})


def test_the_same_code_twice_gives_the_same_curves_bit_for_bit():
    e = Experiment(PlaygroundSettings(data="spiral", layers="6,6", dropout=0.1, regularization="l1",
                                      reg_rate=0.001, epochs=4, optimizer="adam", learning_rate=0.01))
    first = run_headless(experiment=Experiment.from_code(e.code()))
    second = run_headless(experiment=Experiment.from_code(e.code()))
    assert first["history"] == second["history"] and len(first["history"]) == 4
    assert first["code"] == e.code()


def test_circle_with_squares_and_xor_with_the_product_need_no_hidden_layer():
    circle = run_headless(PlaygroundSettings(data="circle", features="x1sq,x2sq", layers="none", epochs=40,
                                             learning_rate=0.1))
    xor = run_headless(PlaygroundSettings(data="xor", features="x1x2", layers="none", epochs=10))
    assert circle["test_accuracy"] >= 0.98 and xor["test_accuracy"] >= 0.98
    stopped = run_headless(PlaygroundSettings(data="xor", features="x1x2", layers="none", epochs=500,
                                              stop_loss=0.2))
    assert stopped["stopped_early"] and stopped["test_loss"] < 0.2 and stopped["epochs"] < 500


def test_regression_learns_the_plane():
    result = run_headless(PlaygroundSettings(data="plane", layers="none", epochs=20, learning_rate=0.01))
    assert result["test_accuracy"] is None and result["test_loss"] < 0.01


def test_the_exported_script_runs_and_keras_file_loads(tmp_path):
    from tensordesk.engine.labs.playground_export import script
    e = Experiment(PlaygroundSettings(data="xor", features="x1x2", layers="2", epochs=3))
    path = tmp_path / "pg.py"
    path.write_text(script(e))
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "test accuracy" in out.stdout
    lab = PlaygroundLab(e)
    run(lab)
    import keras
    saved = lab.save_keras(tmp_path / "net.keras")
    loaded = keras.models.load_model(saved)
    np.testing.assert_allclose(loaded(lab.x_test), lab.model(lab.x_test, training=False), atol=1e-6)
    with pytest.raises(ConfigError, match=".keras"):
        lab.save_keras(tmp_path / "net.h5")


def test_the_command_line_takes_flags_a_code_or_a_file(tmp_path):
    out = tmp_path / "r.json"
    r = main_py("lab", "playground", "--data", "xor", "--features", "x1x2", "--layers", "none", "--epochs", "3",
                "--json", str(out))
    assert r.returncode == 0, r.stderr
    result = json.loads(out.read_text())
    assert len(result["history"]) == 3 and set(result["history"][0]) >= {"train_loss", "test_loss",
                                                                         "train_accuracy", "test_accuracy"}
    code = result["code"]
    assert Experiment.from_code(code).settings.features == "x1x2"
    # the code again, with one more epoch given beside it
    r = main_py("lab", "playground", "--code", code, "--epochs", "4", "--json", str(out))
    assert r.returncode == 0 and len(json.loads(out.read_text())["history"]) == 4
    Experiment.from_code(code).save(tmp_path / "e.json")
    r = main_py("lab", "playground", "--file", str(tmp_path / "e.json"), "--json", str(out))
    assert r.returncode == 0 and json.loads(out.read_text())["history"] == result["history"]
    for args, words in ((["--code", "nonsense"], "starts with 'pg1-'"), (["--layers", "3,x"], "commas"),
                        (["--file", str(tmp_path / "missing.json")], "cannot read"),
                        (["--features", "x1,x1"], "named twice")):
        r = main_py("lab", "playground", *args)
        assert r.returncode == 2 and words in r.stderr and "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1


def test_grid_points_cover_the_plane_bottom_row_first():
    g = grid_points(5)
    assert g.shape == (25, 2) and tuple(g[0]) == (-RADIUS, -RADIUS) and tuple(g[-1]) == (RADIUS, RADIUS)
    assert g[1, 1] == -RADIUS and g[5, 1] > g[0, 1]

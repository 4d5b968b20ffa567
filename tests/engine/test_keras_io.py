"""Keras models in and out: .keras read back by plain Keras in another process, .tflite through TensorFlow Lite's
interpreter, .keras files from elsewhere opened with safe_mode (and refused with a sentence when unsafe or not a
digit classifier), and the command line's export-model, predict and evaluate on them."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tensordesk.engine.core.errors import CheckpointError, ConfigError
from tests.engine.helpers import main_py

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, timeout=300):
    return main_py(*args)


@pytest.fixture(scope="module")
def shipped():
    from tensordesk.engine.models.checkpoints import load_shipped_model
    return load_shipped_model()


@pytest.fixture(scope="module")
def plain_keras_file(tmp_path_factory, embedded):
    """A classifier built and trained with plain Keras (784 inputs, raw scores out), saved as .keras."""
    import keras
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(10)])
    model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    x = embedded.x_train[:3000].reshape(-1, 784) / 255.0
    model.fit(x, embedded.y_train[:3000], epochs=3, batch_size=64, verbose=0)
    path = tmp_path_factory.mktemp("keras") / "plain.keras"
    model.save(path)
    return path


def test_keras_export_is_read_by_plain_keras_in_another_process(shipped, embedded, tmp_path):
    from tensordesk.engine.models.inference import probabilities
    from tensordesk.engine.models.keras_io import export_model
    path = export_model(shipped.model, tmp_path / "digits.keras")
    x = embedded.x_test[:200].astype(np.float32) / 255.0
    np.save(tmp_path / "x.npy", x)
    script = ("import sys, numpy as np, keras\n"
              "m = keras.saving.load_model(sys.argv[1])\n"
              "np.save(sys.argv[3], np.asarray(m(np.load(sys.argv[2]), training=False)))\n"
              "assert not any(name.startswith('tensordesk') for name in sys.modules)\n")
    proc = subprocess.run([sys.executable, "-c", script, str(path), str(tmp_path / "x.npy"), str(tmp_path / "p.npy")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    theirs = np.load(tmp_path / "p.npy")
    assert np.abs(theirs - probabilities(shipped.model, x)).max() < 1e-5


def test_tflite_export_gives_the_same_classes(shipped, embedded, tmp_path):
    from tensordesk.engine.models.inference import probabilities
    from tensordesk.engine.models.keras_io import export_model, tflite_probabilities
    path = export_model(shipped.model, tmp_path / "digits.tflite")
    assert path.stat().st_size > 100_000          # the weights are in it
    x = embedded.x_test[:100].astype(np.float32) / 255.0
    lite = tflite_probabilities(path, x)
    assert np.array_equal(lite.argmax(1), probabilities(shipped.model, x).argmax(1))
    with pytest.raises(ConfigError, match=".keras or .tflite"):
        export_model(shipped.model, tmp_path / "digits.onnx")


def test_a_plain_keras_model_opens_classifies_and_shows_its_units(plain_keras_file, embedded):
    from tensordesk.engine.inspection.evaluation import evaluate_model
    from tensordesk.engine.inspection.surgery import unit_layers, unit_values
    from tensordesk.engine.models.checkpoints import load_model_file
    from tensordesk.engine.models.inference import classify_drawing
    ck = load_model_file(plain_keras_file)
    assert ck.foreign and ck.is_classifier and ck.class_names == tuple(str(i) for i in range(10))
    drawing = np.kron(embedded.x_test[0] / 255.0, np.ones((10, 10))).astype(np.float32)   # 280×280, as drawn
    _, probs = classify_drawing(ck.model, drawing)
    assert probs.sum() == pytest.approx(1.0, abs=1e-5) and probs.argmax() == embedded.y_test[0]
    result = evaluate_model(ck.model, embedded.x_test[:500], embedded.y_test[:500], ck.class_names)
    assert result.accuracy > 0.85
    units = unit_layers(ck.model)
    assert [(u.units, u.source, u.is_logits) for u in units] == [(64, "pixels", False), (10, units[0].name, True)]
    values = unit_values(ck.model, embedded.x_test[0] / 255.0)[units[0].name]
    assert np.all(values.outputs >= 0) and (values.sums < 0).any()      # z before its built-in ReLU, a after


def test_unsafe_and_unsuitable_keras_files_are_refused_with_a_sentence(tmp_path):
    import keras

    from tensordesk.engine.models.checkpoints import load_model_file
    lam = keras.Sequential([keras.Input((28, 28)), keras.layers.Lambda(lambda z: z * 2.0), keras.layers.Flatten(),
                            keras.layers.Dense(10, activation="softmax")])
    lam.save(tmp_path / "lambda.keras")
    with pytest.raises(CheckpointError, match="Lambda layer"):
        load_model_file(tmp_path / "lambda.keras")
    colour = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Flatten(), keras.layers.Dense(10)])
    colour.save(tmp_path / "colour.keras")
    with pytest.raises(CheckpointError, match=r"expects inputs of shape \(32, 32, 3\)"):
        load_model_file(tmp_path / "colour.keras")
    regressor = keras.Sequential([keras.Input((784,)), keras.layers.Dense(1)])
    regressor.save(tmp_path / "one.keras")
    with pytest.raises(CheckpointError, match="one score per class"):
        load_model_file(tmp_path / "one.keras")
    (tmp_path / "junk.keras").write_bytes(b"not a zip")
    with pytest.raises(CheckpointError, match="not a Keras model file"):
        load_model_file(tmp_path / "junk.keras")


def test_command_line_export_predict_and_evaluate(tmp_path, plain_keras_file, embedded):
    from tensordesk.engine.models.checkpoints import SHIPPED_MODEL
    proc = cli("export-model", str(SHIPPED_MODEL), str(tmp_path / "shipped.keras"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (tmp_path / "shipped.keras").stat().st_size > 100_000 and "wrote" in proc.stderr
    digit = tmp_path / "seven.png"
    i = int(np.flatnonzero(embedded.y_test == 7)[0])
    Image.fromarray(255 - embedded.x_test[i]).resize((112, 112)).save(digit)
    proc = cli("predict", "--model", str(tmp_path / "shipped.keras"), str(digit), "--json")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout)[0]["digit"] == 7
    proc = cli("evaluate", "--model", str(plain_keras_file), "--json", str(tmp_path / "e.json"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads((tmp_path / "e.json").read_text())["test_accuracy"] > 0.85
    proc = cli("export-model", str(SHIPPED_MODEL), str(tmp_path / "shipped.pt"))
    assert proc.returncode == 2 and "must end in .keras or .tflite" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_keras_files_layers_start_a_new_classifier(plain_keras_file, embedded):
    """Transfer learning from a .keras file: its hidden layer is copied (frozen or not), its output replaced."""
    from tensordesk.engine.models.architectures import default_spec
    from tensordesk.engine.models.checkpoints import load_model_file, transfer_layers, transfer_model
    source = load_model_file(plain_keras_file)
    names = transfer_layers(source)
    assert len(names) == 1                                      # Dense(64); its Dense(10) is the output
    model = transfer_model(source, 1, True, default_spec("mlp"), seed=0)
    hidden = model.get_layer(names[0])
    assert not hidden.trainable and model.get_layer("output").trainable
    np.testing.assert_array_equal(hidden.get_weights()[0], source.model.get_layer(names[0]).get_weights()[0])
    assert model.output_shape == (None, 10) and model.input_shape == (None, 28, 28)
    probs = model.predict(embedded.x_test[:5] / 255.0, verbose=0)
    np.testing.assert_allclose(probs.sum(axis=1), 1, atol=1e-5)
    assert transfer_model(source, 0, True, default_spec("mlp")).count_params() == 784 * 10 + 10
    with pytest.raises(Exception, match="reusable layers"):
        transfer_model(source, 2, True, default_spec("mlp"))

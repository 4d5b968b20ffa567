"""The NumPy forward pass the window answers with before TensorFlow has loaded: the same probabilities as
TensorFlow's (1e-5), for the shipped model and for other architectures saved by TensorDesk."""
import subprocess
import sys

import numpy as np
import pytest

from tensordesk.engine.core.errors import CheckpointError
from tensordesk.engine.models.checkpoints import SHIPPED_MODEL, load_shipped_model, save_checkpoint
from tensordesk.engine.models.inference import probabilities
from tensordesk.engine.models.numpy_forward import load_numpy_model


def test_the_shipped_model_without_tensorflow_gives_tensorflows_probabilities(embedded):
    x = embedded.x_test[:300].astype(np.float32) / 255.0
    early = load_numpy_model(SHIPPED_MODEL)
    assert early.meta["shipped"] and early.class_names == tuple(str(i) for i in range(10))
    np.testing.assert_allclose(early.probabilities(x), probabilities(load_shipped_model().model, x), atol=1e-5)


def test_loading_it_imports_no_tensorflow():
    code = ("import sys; from tensordesk.engine.models.numpy_forward import load_numpy_model;"
            "from tensordesk.engine.models.checkpoints import SHIPPED_MODEL; import numpy as np;"
            "m = load_numpy_model(SHIPPED_MODEL); p = m.probabilities(np.zeros((1, 28, 28)));"
            "print(p.shape, 'tensorflow' in sys.modules, 'keras' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "(1, 10) False False", out.stderr[-2000:]


@pytest.mark.parametrize("arch, extra", [("mlp", dict(batch_norm=True)), ("cnn", dict(activation="tanh")),
                                         ("softmax", {}), ("dnn", dict(activation="elu", batch_norm=True))])
def test_other_architectures_saved_by_tensordesk(tmp_path, embedded, arch, extra):
    import keras

    from tensordesk.engine.models.architectures import build_model, default_spec
    spec = default_spec(arch, **extra)
    model = build_model(spec, seed=3)
    for layer in model.layers:          # batch norm's moving statistics away from 0 and 1, as after training
        if isinstance(layer, keras.layers.BatchNormalization):
            layer.moving_mean.assign(np.random.default_rng(0).normal(0, 0.3, layer.moving_mean.shape))
            layer.moving_variance.assign(np.random.default_rng(1).uniform(0.5, 2, layer.moving_variance.shape))
    path = save_checkpoint(tmp_path / f"{arch}.tdm", model, spec)
    x = embedded.x_test[:40].astype(np.float32) / 255.0
    np.testing.assert_allclose(load_numpy_model(path).probabilities(x), probabilities(model, x), atol=1e-5)


def test_what_it_cannot_run_is_one_sentence(tmp_path):
    from tensordesk.engine.models.architectures import build_model, default_spec
    spec = default_spec("lstm")
    path = save_checkpoint(tmp_path / "lstm.tdm", build_model(spec), spec)
    with pytest.raises(CheckpointError, match="LSTM"):
        load_numpy_model(path)
    (tmp_path / "broken.tdm").write_bytes(b"not a zip")
    with pytest.raises(CheckpointError, match="broken.tdm"):
        load_numpy_model(tmp_path / "broken.tdm")

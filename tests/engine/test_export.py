import subprocess
import sys

import numpy as np
import pytest

from tensordesk.engine.models.architectures import ARCHITECTURES, build_model, default_spec
from tensordesk.engine.training.config import TrainConfig, default_config
from tensordesk.engine.training.export import export_script


@pytest.mark.parametrize("arch", list(ARCHITECTURES))
def test_every_architecture_exports_the_same_network(arch, tmp_path):
    """The exported code builds a model with the same layers, names and parameter count as the engine's."""
    import keras
    from keras import layers  # noqa: F401  (the exported code uses it)
    spec = default_spec(arch, batch_norm=arch == "dnn", l2=1e-4 if arch == "mlp" else 0.0)
    cfg = default_config(arch, lr_schedule="exponential", ema=arch == "mlp")
    text = export_script(spec, cfg, "fashion")
    compile(text, "exported.py", "exec")
    start, end = text.index("# 2. The network"), text.index("model.summary()")
    scope = {"keras": keras, "layers": keras.layers, "np": np}
    exec(text[start:end], scope)
    ours = build_model(spec, seed=0)
    assert [layer.name for layer in scope["model"].layers] == [layer.name for layer in ours.layers]
    assert scope["model"].count_params() == ours.count_params()
    assert "ExponentialDecay" in text and ("use_ema=True" in text) == (arch == "mlp")
    assert "fashion_mnist.load_data()" in text


def test_an_exported_script_runs_and_trains(tmp_path, embedded):
    csv = tmp_path / "digits.csv"
    rows = np.column_stack([embedded.y_train[:1500], embedded.x_train[:1500].reshape(1500, -1)])
    np.savetxt(csv, rows, fmt="%d", delimiter=",")
    cfg = TrainConfig(epochs=2, batch_size=50, optimizer="adam", learning_rate=1e-3)
    script = tmp_path / "experiment.py"
    script.write_text(export_script(default_spec("mlp"), cfg, f"csv:{csv}"))
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    accuracy = float(proc.stdout.strip().splitlines()[-1].split()[2].rstrip("%")) / 100
    assert accuracy > 0.7  # 1,200 training digits, two epochs: well above chance


def test_an_exported_script_with_augmentation_runs(tmp_path, embedded):
    csv = tmp_path / "digits.csv"
    rows = np.column_stack([embedded.y_train[:600], embedded.x_train[:600].reshape(600, -1)])
    np.savetxt(csv, rows, fmt="%d", delimiter=",")
    cfg = TrainConfig(epochs=2, batch_size=50, optimizer="adam", learning_rate=1e-3, augment=True)
    script = tmp_path / "experiment.py"
    text = export_script(default_spec("mlp"), cfg, f"csv:{csv}")
    assert "class RandomStrokeWidth" in text and "layers.RandomRotation" in text
    script.write_text(text)
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    accuracy = float(proc.stdout.strip().splitlines()[-1].split()[2].rstrip("%")) / 100
    assert accuracy > 0.5

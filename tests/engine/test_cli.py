import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from tests.engine.helpers import main_py

ROOT = Path(__file__).resolve().parents[2]


def process(*args, timeout=300):
    """`python main.py ARGS…` as its own process (the end-to-end test); the others run it here (main_py)."""
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


run = main_py


def test_train_save_predict_end_to_end(tmp_path, embedded):
    out, model = tmp_path / "r.json", tmp_path / "m.tdm"
    proc = process("train", "--arch", "mlp", "--epochs", "1", "--limit", "2000", "--json", str(out),
               "--save", str(model))
    assert proc.returncode == 0, proc.stderr[-3000:]
    summary = json.loads(out.read_text())
    for key in ("test_accuracy", "test_loss", "epochs", "steps", "wall_s", "train_samples_per_s", "device",
                "arch", "dataset"):
        assert key in summary
    assert summary["arch"] == "mlp" and summary["dataset"] == "mnist-embedded" and summary["epochs"] == 1
    assert summary["test_accuracy"] > 0.8 and summary["steps"] == 63  # 2,000 images in batches of 32
    assert "epoch 1" in proc.stderr  # progress went to stderr
    # three test digits as PNG files, one blank
    paths = []
    for i in range(3):
        p = tmp_path / f"d{i}.png"
        Image.fromarray(255 - embedded.x_test[i]).resize((140, 140)).save(p)  # dark ink on white, larger
        paths.append(str(p))
    blank = tmp_path / "blank.png"
    Image.fromarray(np.full((50, 50), 255, np.uint8)).save(blank)
    proc = run("predict", "--model", str(model), *paths, str(blank), "--json")
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = json.loads(proc.stdout)
    assert [r["digit"] for r in rows[:3]] == [int(v) for v in embedded.y_test[:3]]
    assert all(abs(sum(r["probabilities"]) - 1) < 1e-3 for r in rows[:3])
    assert rows[3]["digit"] is None and "nothing drawn" in rows[3]["note"]


def test_autoencoder_summary_has_null_accuracy(tmp_path):
    out = tmp_path / "ae.json"
    proc = run("train", "--arch", "autoencoder", "--epochs", "1", "--limit", "1000", "--json", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr[-3000:]
    summary = json.loads(out.read_text())
    assert summary["test_accuracy"] is None and 0 < summary["test_loss"] < 0.2


def test_bad_arguments_exit_2():
    for args, needle in ((["train", "--epochs", "0"], "at least 1"), (["train", "--lr", "abc"], "not a number"),
                         (["train", "--lr", "-1"], "positive"), (["train", "--arch", "resnet"], "invalid choice"),
                         (["train", "--dataset", "idx:/no/such/folder"], "no such folder"),
                         (["train", "--dataset", "cifar"], "not a data set"),
                         (["predict", "--model", "/no/model.tdm", "x.png"], "no such file")):
        proc = run(*args, timeout=120)
        assert proc.returncode == 2, (args, proc.stderr)
        assert needle in proc.stderr and "Traceback" not in proc.stderr


def test_evaluate_prints_and_writes_the_confusion_matrix(tmp_path):
    model, out = tmp_path / "m.tdm", tmp_path / "eval.json"
    proc = run("train", "--arch", "softmax", "--epochs", "1", "--limit", "1500", "--save", str(model), "--quiet")
    assert proc.returncode == 0, proc.stderr[-3000:]
    trained = json.loads(proc.stdout)
    proc = run("evaluate", "--model", str(model), "--json", str(out))
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads(out.read_text())
    assert data == json.loads(proc.stdout)
    confusion = np.array(data["confusion"])
    assert confusion.shape == (10, 10) and confusion.sum() == 2000  # the embedded test split
    assert data["test_accuracy"] == trained["test_accuracy"] or \
        abs(data["test_accuracy"] - trained["test_accuracy"]) < 1e-6
    assert len(data["per_class_accuracy"]) == 10
    rows = confusion.sum(axis=1)
    assert data["per_class_accuracy"][3] == confusion[3, 3] / rows[3]
    assert "confusion" in proc.stderr
    proc = run("evaluate", "--model", str(tmp_path / "missing.tdm"))
    assert proc.returncode == 2 and "error" in proc.stderr and "Traceback" not in proc.stderr


def test_landscape_with_the_saved_trajectory(tmp_path):
    model, out = tmp_path / "m.tdm", tmp_path / "land.json"
    proc = run("train", "--arch", "softmax", "--epochs", "2", "--limit", "1000", "--trajectory", "--save",
               str(model), "--quiet")
    assert proc.returncode == 0, proc.stderr[-3000:]
    proc = run("landscape", "--model", str(model), "--grid", "5", "--directions", "pca", "--images", "300",
               "--json", str(out))
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads(out.read_text())
    assert len(data["alphas"]) == len(data["betas"]) == 5
    loss = np.array(data["loss"])
    assert loss.shape == (5, 5) and np.isfinite(loss).all()
    traj = np.array(data["trajectory"])
    assert traj.shape == (9, 2) and np.allclose(traj[-1], 0, atol=1e-5)  # start + 4 per epoch, ends at the centre
    assert loss.max() > loss[2, 2]  # (in the PCA plane a corner ahead of the path may lie lower still)
    proc = run("landscape", "--model", str(model), "--grid", "3", "--images", "100")
    assert proc.returncode == 0 and json.loads(proc.stdout)["trajectory"] is not None
    plain = tmp_path / "plain.tdm"
    assert run("train", "--arch", "softmax", "--epochs", "1", "--limit", "500", "--save", str(plain),
               "--quiet").returncode == 0
    proc = run("landscape", "--model", str(plain), "--directions", "pca")
    assert proc.returncode == 2 and "trajectory" in proc.stderr and "Traceback" not in proc.stderr


def test_a_users_keras_config_and_shell_do_not_change_training(tmp_path):
    """~/.keras/keras.json written for other work (another backend, channels-first images, float16) and Keras's
    debugging limits in the shell must not reach TensorDesk's models."""
    import os
    home = tmp_path / "keras-home"
    home.mkdir()
    (home / "keras.json").write_text(json.dumps({"backend": "jax", "image_data_format": "channels_first",
                                                 "floatx": "float16", "epsilon": 0.1}))
    env = dict(os.environ, KERAS_HOME=str(home), KERAS_BACKEND="torch", KERAS_MAX_STEPS_PER_EPOCH="2")
    out = tmp_path / "r.json"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "train", "--arch", "cnn-compact", "--epochs", "1",
                           "--limit", "640", "--batch-size", "32", "--quiet", "--json", str(out)], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    summary = json.loads(out.read_text())
    assert summary["state"] == "finished" and summary["steps"] == 20   # all 640 images, not 2 steps
    assert summary["test_accuracy"] > 0.3

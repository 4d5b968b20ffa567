import zipfile

import numpy as np
import pytest

from tensordesk.engine.models.architectures import default_spec
from tensordesk.engine.models.checkpoints import CheckpointError, load_checkpoint, save_checkpoint, transfer_model
from tensordesk.engine.models.inference import probabilities
from tensordesk.engine.training.config import default_config
from tensordesk.engine.training.trainer import Trainer


@pytest.fixture(scope="module")
def trained(tiny, tmp_path_factory):
    spec = default_spec("dnn")
    trainer = Trainer(spec, default_config("dnn", epochs=1, batch_size=50), tiny)
    result = trainer.run()
    path = save_checkpoint(tmp_path_factory.mktemp("ck") / "dnn", trainer.model, spec,
                           trainer.config.to_dict(), result["history"], {"dataset": tiny.name,
                                                                         "class_names": list(tiny.class_names)})
    return trainer, path


def test_save_load_predict_same_probabilities(trained, tiny):
    trainer, path = trained
    assert path.suffix == ".tdm"
    ck = load_checkpoint(path)
    x = tiny.x_test[:50].astype(np.float32) / 255
    np.testing.assert_allclose(probabilities(ck.model, x), probabilities(trainer.model, x), atol=1e-6)
    assert ck.spec == trainer.spec and ck.history[0]["epoch"] == 1 and ck.class_names[3] == "3"


def test_corrupt_truncated_and_foreign_files_are_refused(trained, tmp_path):
    _, path = trained
    data = path.read_bytes()
    (tmp_path / "trunc.tdm").write_bytes(data[: len(data) // 2])
    with pytest.raises(CheckpointError, match="trunc.tdm"):
        load_checkpoint(tmp_path / "trunc.tdm")
    (tmp_path / "foreign.tdm").write_bytes(b"hello, not a model")
    with pytest.raises(CheckpointError, match="not a TensorDesk model"):
        load_checkpoint(tmp_path / "foreign.tdm")
    with zipfile.ZipFile(tmp_path / "other.tdm", "w") as zf:
        zf.writestr("tensordesk.json", '{"format": "something-else"}')
        zf.writestr("model.weights.h5", b"")
    with pytest.raises(CheckpointError, match="not a TensorDesk model"):
        load_checkpoint(tmp_path / "other.tdm")
    with pytest.raises(CheckpointError, match="no such file"):
        load_checkpoint(tmp_path / "missing.tdm")


def _crafted(path, folder, name, change):
    """A copy of the saved model `path` whose description `change(doc)` has altered."""
    import json
    with zipfile.ZipFile(path) as zf:
        doc = json.loads(zf.read("tensordesk.json"))
        weights = zf.read("model.weights.h5")
    change(doc)
    out = folder / name
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("tensordesk.json", json.dumps(doc))
        zf.writestr("model.weights.h5", weights)
    return out


@pytest.mark.parametrize("change, words", [
    (lambda d: d["spec"].update(num_classes=10 ** 9), "number of classes"),
    (lambda d: d["spec"].update(num_classes=1.5), "number of classes"),
    (lambda d: d["spec"].update(num_classes=True), "number of classes"),
    (lambda d: d["spec"].update(dropout="lots"), "dropout must be a number"),
    (lambda d: d["spec"].update(batch_norm="yes"), "batch_norm"),
    (lambda d: d["spec"].update(l2=1e30), "L1 and L2"),
    (lambda d: d["spec"].update(arch=["mlp"]), "arch must be a name"),
    (lambda d: d.update(spec=[1, 2]), "invalid"),
    (lambda d: d.update(history={"a": 1}), "history"),
    (lambda d: d.update(format_version="9"), "format version"),
])
def test_crafted_descriptions_are_refused_before_any_model_is_built(trained, tmp_path, monkeypatch, change, words):
    import tensordesk.engine.models.checkpoints as checkpoints
    built = []
    monkeypatch.setattr(checkpoints, "build_model", lambda *a, **k: built.append(a))
    crafted = _crafted(trained[1], tmp_path, "crafted.tdm", change)
    with pytest.raises(CheckpointError, match=words):
        load_checkpoint(crafted)
    assert built == []


def test_a_part_claiming_gigabytes_is_refused_unread(trained, tmp_path):
    import struct
    crafted = _crafted(trained[1], tmp_path, "bomb.tdm", lambda d: None)
    data = bytearray(crafted.read_bytes())
    # rewrite the central directory's "uncompressed size" of the description to 3 GB, as a zip bomb would claim
    at = data.rfind(b"PK\x01\x02", 0, data.find(b"tensordesk.json", data.find(b"PK\x01\x02")) + 1)
    data[at + 24:at + 28] = struct.pack("<I", 3 << 30)
    crafted.write_bytes(bytes(data))
    with pytest.raises(CheckpointError, match="damaged"):
        load_checkpoint(crafted)


def test_failed_save_keeps_the_previous_file(trained, tmp_path, monkeypatch):
    trainer, path = trained
    target = tmp_path / "keep.tdm"
    save_checkpoint(target, trainer.model, trainer.spec)
    before = target.read_bytes()

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(trainer.model, "save_weights", boom)
    with pytest.raises(CheckpointError, match="disk full"):
        save_checkpoint(target, trainer.model, trainer.spec)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep.tdm"]  # no temporary left behind
    load_checkpoint(target)


def test_transfer_reuses_and_freezes_layers(trained, tiny):
    _, path = trained
    ck = load_checkpoint(path)
    model = transfer_model(ck, keep=3, freeze=True)
    for name in ("hidden1", "hidden2", "hidden3"):
        layer = model.get_layer(name)
        assert not layer.trainable
        np.testing.assert_array_equal(layer.get_weights()[0], ck.model.get_layer(name).get_weights()[0])
    assert model.get_layer("hidden4").trainable
    assert not np.array_equal(model.get_layer("hidden4").get_weights()[0],
                              ck.model.get_layer("hidden4").get_weights()[0])
    frozen = [model.get_layer(n).get_weights()[0].copy() for n in ("hidden1", "hidden2", "hidden3")]
    result = Trainer(ck.spec, default_config("dnn", epochs=3, batch_size=50), tiny, model=model).run()
    assert result["test_accuracy"] > 0.5
    for n, w in zip(("hidden1", "hidden2", "hidden3"), frozen):
        np.testing.assert_array_equal(model.get_layer(n).get_weights()[0], w)


KILL_SCRIPT = r"""
import sys
from tensordesk.engine.models.checkpoints import save_checkpoint
from tensordesk.engine.models.architectures import build_model, default_spec
spec = default_spec("cnn")
model = build_model(spec, seed=0)
print("ready", flush=True)
i = 0
while True:
    save_checkpoint(sys.argv[2], model, spec, {}, [], {"i": i})
    i += 1
"""


def test_killing_the_process_while_it_saves_leaves_the_last_file_loadable(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from tensordesk.engine.models.checkpoints import load_checkpoint
    root = Path(__file__).resolve().parents[2]
    target = tmp_path / "model.tdm"
    script = tmp_path / "saver.py"
    script.write_text(KILL_SCRIPT)
    for delay in (0.3, 1.0):
        proc = subprocess.Popen([sys.executable, str(script), str(root), str(target)], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        assert proc.stdout.readline().strip() == "ready"
        deadline = time.time() + 60
        while not target.exists() and time.time() < deadline:
            time.sleep(0.01)
        time.sleep(delay)                      # somewhere in the middle of a later save
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        ck = load_checkpoint(target)           # the previous complete file, never a half-written one
        assert ck.spec.arch == "cnn" and ck.meta["i"] >= 0
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 2                  # a killed save can leave its temporary file, never the target

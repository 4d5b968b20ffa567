"""tf.distribute in the engine: a synchronous mirrored step on two logical CPU devices keeps the replicas
identical and equals one step on the combined batch; `train --strategy mirrored` trains. Each runs in a fresh
process, because the CPU can only be split into logical devices before TensorFlow starts."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

MIRRORED_VS_ONE = r"""
import json, numpy as np
from tensordesk.engine.training.distribute import SyncStep, make_strategy, split_cpu
split_cpu(2)
import keras, tensorflow as tf
from tensordesk.engine.data.datasets import load_embedded
from tensordesk.engine.models.architectures import build_model, default_spec
ds = load_embedded()
x, y = ds.x_train[:64], ds.y_train[:64].astype(np.int32)
spec = default_spec("mlp")
mirrored = make_strategy("mirrored")
with mirrored.scope():
    m_model = build_model(spec, seed=3)
    m_opt = keras.optimizers.SGD(0.1)
    m_opt.build(m_model.trainable_variables)
m_loss = SyncStep(mirrored, m_model, m_opt)([x[:32], x[32:]], [y[:32], y[32:]])
one = make_strategy("one")
o_model = build_model(spec, seed=3)
o_opt = keras.optimizers.SGD(0.1)
o_opt.build(o_model.trainable_variables)
before = [w.copy() for w in o_model.get_weights()]
o_loss = SyncStep(one, o_model, o_opt)([x], [y])
replicas_equal = all(
    all(np.array_equal(mirrored.experimental_local_results(v)[0].numpy(), r.numpy())
        for r in mirrored.experimental_local_results(v)[1:])
    for v in m_model.trainable_variables)
diff = max(float(np.max(np.abs(a - b))) for a, b in zip(m_model.get_weights(), o_model.get_weights()))
moved = max(float(np.max(np.abs(a - b))) for a, b in zip(before, o_model.get_weights()))
print(json.dumps({"replicas": mirrored.num_replicas_in_sync, "equal": replicas_equal, "diff": diff,
                  "moved": moved, "loss_m": m_loss, "loss_o": o_loss}))
"""


def _run(code: str, *args) -> dict:
    out = subprocess.run([sys.executable, *args] if args else [sys.executable, "-c", code], cwd=ROOT,
                         capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1] if not args else out.stdout[out.stdout.index("{"):])


def test_a_mirrored_step_on_two_devices_equals_one_step_on_the_whole_batch():
    r = _run(MIRRORED_VS_ONE)
    assert r["replicas"] == 2
    assert r["equal"]                       # every replica holds the same parameters after the step
    assert r["moved"] > 1e-4                # the step did change the weights
    assert r["diff"] < 1e-5                 # and the change is the single-device one (float tolerance)
    assert abs(r["loss_m"] - r["loss_o"]) < 1e-5


def test_train_with_a_mirrored_strategy_from_the_command_line(tmp_path):
    r = _run("", "main.py", "train", "--arch", "mlp", "--epochs", "1", "--limit", "1000", "--strategy", "mirrored",
             "--cpu-replicas", "2", "--quiet", "--save", str(tmp_path / "m.tdm"))
    assert r["replicas"] == 2 and r["strategy"] == "MirroredStrategy"
    assert r["test_accuracy"] > 0.5 and r["steps"] == 31   # 1,000 images, whole global batches of 32 (16 a replica)
    assert (tmp_path / "m.tdm").exists()


def test_multi_worker_without_tf_config_is_refused_with_a_message(monkeypatch):
    from tensordesk.engine.core.errors import ConfigError
    from tensordesk.engine.training.distribute import make_strategy
    monkeypatch.delenv("TF_CONFIG", raising=False)
    with pytest.raises(ConfigError, match="TF_CONFIG"):
        make_strategy("multi-worker")
    with pytest.raises(ConfigError, match="unknown strategy"):
        make_strategy("sideways")


def test_two_workers_on_one_machine_train_one_model_with_tf_config():
    """The README's example: two processes, TF_CONFIG naming both on loopback ports, --strategy multi-worker."""
    import os

    from tensordesk.engine.labs.parallel import free_ports
    ports = free_ports(2)
    cluster = {"worker": [f"localhost:{p}" for p in ports]}
    procs = []
    for index in range(2):
        env = {**os.environ, "TF_CONFIG": json.dumps({"cluster": cluster, "task": {"type": "worker", "index": index}})}
        procs.append(subprocess.Popen([sys.executable, "main.py", "train", "--arch", "mlp", "--epochs", "1", "--limit",
                                       "1000", "--strategy", "multi-worker", "--quiet"], cwd=ROOT, env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = []
    for p in procs:
        out, err = p.communicate(timeout=240)
        assert p.returncode == 0, err[-2000:]
        results.append(json.loads(out[out.index("{"):]))
    assert [r["worker_index"] for r in results] == [0, 1]
    assert all(r["workers"] == 2 and r["replicas"] == 2 for r in results)
    assert results[0]["steps"] == results[1]["steps"] == 31   # 500 images a worker, 16 of each global batch of 32
    assert results[0]["test_accuracy"] == results[1]["test_accuracy"] > 0.5   # one model, kept in sync

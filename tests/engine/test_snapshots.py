"""A recorded run's weights along training: which steps, the disk budget, opening RUN@STEP, a killed run."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from tensordesk.engine.core import events as ev
from tensordesk.engine.models.architectures import default_spec
from tensordesk.engine.models.inference import probabilities
from tensordesk.engine.runs import snapshots
from tensordesk.engine.runs.store import RunsError, RunStore
from tensordesk.engine.training.config import default_config
from tensordesk.engine.training.trainer import Trainer
from tests.engine.helpers import main_py

ROOT = Path(__file__).resolve().parents[2]


def record(store, data, arch="mlp", epochs=2, snapshot_mb=None, **config):
    spec = default_spec(arch)
    cfg = default_config(arch, epochs=epochs, **config)
    recorder = store.recorder("snapshots test", spec.to_dict(), cfg.to_dict(), data.name, snapshot_mb=snapshot_mb)
    kept = []

    def listen(event):
        recorder(event)
        if isinstance(event, ev.WeightsKept):
            kept.append(event)
    trainer = Trainer(spec, cfg, data, listen)
    recorder.attach(trainer)
    return trainer, trainer.run(), recorder, kept


def test_the_plan_keeps_the_start_the_early_steps_every_epoch_and_the_end():
    steps = snapshots.plan_steps(100, 500, 1000, 10 ** 9)
    assert steps[0] == 0 and steps[-1] == 500
    assert {1, 2, 4, 8, 16, 32, 64, 128, 256} <= set(steps)
    assert {100, 200, 300, 400} <= set(steps)
    tight = snapshots.plan_steps(100, 500, 1000, 6_500)   # room for 6
    assert len(tight) <= 6 and tight[0] == 0 and tight[-1] == 500
    assert np.all(np.diff(tight) > 0)
    assert snapshots.plan_steps(100, 500, 1000, 1_500) == []   # not even two: none


def test_a_run_keeps_its_planned_snapshots_and_a_snapshot_is_the_model_at_that_step(tmp_path, tiny):
    store = RunStore(tmp_path)
    trainer, result, recorder, kept = record(store, tiny)
    assert recorder.error is None and result.state == ev.RunState.FINISHED
    listed = snapshots.listing(store.run_path(recorder.id))
    per_epoch = trainer.steps_per_epoch
    assert [s.step for s in listed] == [k.step for k in kept]
    assert {0, 1, 2, 4, per_epoch, 2 * per_epoch} <= {s.step for s in listed}
    epochs = {s.step: s.epoch for s in listed}
    assert (epochs[0], epochs[1], epochs[per_epoch], epochs[2 * per_epoch]) == (0, 1, 1, 2)
    info = store.info(recorder.id)
    assert info.snapshot_count == len(listed) and info.snapshot_bytes == sum(s.bytes for s in listed)
    x = tiny.x_test[:200].astype(np.float32) / 255
    # the last snapshot is the trained model, to float16's precision
    last = snapshots.load(store, recorder.id, "last")
    np.testing.assert_allclose(probabilities(last.model, x), probabilities(trainer.model, x), atol=2e-2)
    # RUN@STEP opens the snapshot nearest that step; what it gives is the model restored from that file, exactly
    early = [k for k in kept if k.step == 4][0]
    opened = snapshots.open_model(f"{recorder.id}@5", tmp_path)
    assert opened.meta["snapshot_step"] == 4 and opened.meta["run"] == recorder.id
    restored = build_with(early.weights)
    np.testing.assert_allclose(probabilities(opened.model, x), probabilities(restored, x), atol=1e-6)
    # the start is not the end
    first = snapshots.open_model(f"{recorder.id}@first", tmp_path)
    assert first.meta["snapshot_step"] == 0
    assert np.mean(probabilities(first.model, x).argmax(1) == tiny.y_test[:200]) < 0.5
    assert np.mean(probabilities(last.model, x).argmax(1) == tiny.y_test[:200]) > 0.8


def build_with(weights):
    """The MLP with these weights as a snapshot stores them (float16, read back as float32)."""
    from tensordesk.engine.models.architectures import build_model
    model = build_model(default_spec("mlp"), seed=None)
    model.set_weights([np.asarray(np.asarray(w, np.float16), np.float32) for w in weights])
    return model


def test_the_disk_budget_is_kept_for_the_classic_cnn_over_five_epochs(tmp_path, tiny):
    store = RunStore(tmp_path)
    _, result, recorder, kept = record(store, tiny, arch="cnn", epochs=5, batch_size=100)
    assert result.state == ev.RunState.FINISHED
    listed = snapshots.listing(store.run_path(recorder.id))
    total = sum(s.bytes for s in listed)
    assert total <= snapshots.DEFAULT_BUDGET_MB * 2 ** 20
    assert len(listed) >= 5 and listed[0].step == 0 and listed[-1].step == 50   # 10 steps an epoch
    # a smaller budget keeps fewer; none keeps none
    from tensordesk.engine.models.architectures import build_model
    room_for_three = 3.5 * snapshots.bytes_per_snapshot(build_model(default_spec("mlp")).weights) / 2 ** 20
    _, _, small, _ = record(store, tiny, epochs=1, snapshot_mb=room_for_three)
    assert len(snapshots.listing(store.run_path(small.id))) == 3
    assert snapshots.total_bytes(store.run_path(small.id)) <= room_for_three * 2 ** 20
    _, _, off, _ = record(store, tiny, epochs=1, snapshot_mb=0)
    assert snapshots.listing(store.run_path(off.id)) == []


def test_a_run_killed_mid_training_keeps_its_snapshots_so_far(tmp_path):
    runs = tmp_path / "runs"
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "train", "--arch", "mlp", "--epochs", "200",
                             "--limit", "3000", "--runs-dir", str(runs), "--quiet"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 240
        while time.time() < deadline:
            folders = list(runs.glob("*/snapshots/step-*.npz")) if runs.exists() else []
            if len(folders) >= 12:   # 0, 1, 2, 4, … and a few epochs' ends
                break
            time.sleep(0.2)
        assert len(folders) >= 12, "the run did not get far enough"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    store = RunStore(runs)
    (run_id,) = store.ids()
    assert store.info(run_id).state == ev.RunState.INTERRUPTED.value
    listed = snapshots.listing(store.run_path(run_id))
    assert len(listed) >= 12
    # a file the kill cut short stays a hidden temporary file, never a snapshot
    assert all(s.path.name.startswith("step-") and s.path.suffix == ".npz" for s in listed)
    assert len(listed) == len(list((runs / run_id / "snapshots").glob("step-*.npz")))
    opened = snapshots.open_model(f"{run_id}@last", runs)
    assert opened.meta["snapshot_step"] == listed[-1].step > 0


def test_the_command_line_lists_opens_and_frees_snapshots(tmp_path, tiny, embedded):
    store = RunStore(tmp_path)
    _, _, recorder, kept = record(store, tiny, epochs=1)
    rid = recorder.id
    out = main_py("runs", "snapshots", rid, "--json", "--runs-dir", tmp_path)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [r["step"] for r in rows] == [k.step for k in kept] and all(r["bytes"] > 0 for r in rows)
    image = tmp_path / "seven.png"
    from PIL import Image
    Image.fromarray(255 - embedded.x_test[embedded.y_test == 7][0]).save(image)
    out = main_py("predict", "--model", f"{rid}@last", "--runs-dir", tmp_path, image, "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["digit"] == 7
    out = main_py("export-model", f"{rid}@first", tmp_path / "first.keras", "--runs-dir", tmp_path)
    assert out.returncode == 0 and (tmp_path / "first.keras").stat().st_size > 0
    for bad in ("no-such-run@3", f"{rid}@lastt"):
        out = main_py("evaluate", "--model", bad, "--runs-dir", tmp_path)
        assert out.returncode == 2
        assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr
    out = main_py("runs", "delete-snapshots", rid, "--runs-dir", tmp_path)
    assert out.returncode == 0 and "freed" in out.stderr
    info = store.info(rid)
    assert info.snapshot_count == 0 and info.steps > 0 and len(store.read_steps(rid)["step"]) == info.steps
    with pytest.raises(RunsError):
        snapshots.open_model(f"{rid}@last", tmp_path)

"""Runs that last: recorded as they train, found after a kill, listed, exported, deleted; broken folders."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from tensordesk.engine.models.architectures import default_spec
from tensordesk.engine.runs.store import FORMAT_VERSION, RunsError, RunStore
from tensordesk.engine.training.config import default_config
from tensordesk.engine.training.trainer import Trainer
from tests.engine.helpers import main_py

ROOT = Path(__file__).resolve().parents[2]


def record(store, tiny, arch="softmax", epochs=2, **cfg):
    spec = default_spec(arch)
    config = default_config(arch, epochs=epochs, **cfg)
    recorder = store.recorder(f"{arch} test", spec.to_dict(), config.to_dict(), tiny.name)
    trainer = Trainer(spec, config, tiny, recorder)
    recorder.attach(trainer)
    return trainer.run(), recorder


def test_a_run_is_recorded_as_it_trains(tmp_path, tiny):
    store = RunStore(tmp_path)
    result, recorder = record(store, tiny)
    assert recorder.error is None
    info = store.info(recorder.id)
    assert info.state == "finished" and info.steps == result["steps"] == 20 and info.epochs == 2
    assert info.test_accuracy == pytest.approx(result["test_accuracy"]) and info.has_model
    assert info.label == "softmax test" and info.arch == "softmax" and info.config["epochs"] == 2
    steps = store.read_steps(recorder.id)
    assert list(steps["step"]) == list(range(1, 21)) and np.all(np.isfinite(steps["loss"]))
    epochs = store.read_epochs(recorder.id)
    np.testing.assert_allclose(epochs["val_accuracy"], [h["val_accuracy"] for h in result["history"]], rtol=1e-5)
    # the kept model is an ordinary checkpoint
    from tensordesk.engine.models.checkpoints import load_checkpoint
    assert load_checkpoint(store.model_path(recorder.id)).meta["run"] == recorder.id
    # TensorBoard reads the folder: the run's loss and epoch figures are there
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
    acc = EventAccumulator(str(tmp_path / recorder.id))
    acc.Reload()
    assert {"loss", "epoch_val_accuracy"} <= set(acc.Tags()["tensors"]) | set(acc.Tags()["scalars"])


def test_export_rename_delete_restore(tmp_path, tiny):
    store = RunStore(tmp_path)
    _, recorder = record(store, tiny, epochs=1)
    out = store.export_csv(recorder.id, tmp_path / "run.csv")
    lines = out.read_text().splitlines()
    assert lines[0] == "step,epoch,loss,accuracy,learning_rate,val_loss,val_accuracy" and len(lines) == 11
    assert lines[-1].split(",")[-1] != "" and lines[1].split(",")[-1] == ""   # epoch figures on the epoch's step
    store.rename(recorder.id, "my favourite")
    assert store.info(recorder.id).label == "my favourite"
    freed = store.delete_model(recorder.id)
    assert freed > 0 and not store.info(recorder.id).has_model
    kept = store.delete(recorder.id)
    assert store.list() == [] and kept.exists()
    store.restore(kept)
    assert [r.id for r in store.list()] == [recorder.id]
    with pytest.raises(RunsError, match="no run"):
        store.read_steps("nope")


def test_damaged_and_newer_runs_are_listed_and_the_rest_load(tmp_path, tiny):
    store = RunStore(tmp_path)
    _, good = record(store, tiny, epochs=1)
    (tmp_path / "half-written").mkdir()
    (tmp_path / "half-written" / "run.json").write_text('{"format": "tensordesk-run", "lab')
    (tmp_path / "no-record").mkdir()
    (tmp_path / "no-record" / "steps.csv").write_text("step,epoch,loss,accuracy,learning_rate\n1,1,2.3,0.1,0.1\n")
    (tmp_path / "not-a-run").mkdir()
    newer = tmp_path / "from-the-future"
    newer.mkdir()
    (newer / "run.json").write_text(json.dumps({"format": "tensordesk-run", "format_version": FORMAT_VERSION + 1,
                                                "tensordesk": "9.0", "label": "new"}))
    runs = {r.id: r for r in store.list()}
    assert "not-a-run" not in runs and runs[good.id].state == "finished"
    assert runs["half-written"].state == runs["no-record"].state == runs["from-the-future"].state == "damaged"
    assert "newer TensorDesk" in runs["from-the-future"].message and "cannot be read" in runs["no-record"].message


def test_a_read_only_folder_turns_recording_off_not_training(tmp_path, tiny):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(RunsError, match="cannot be recorded"):
        RunStore(blocker / "runs").recorder("x", {"arch": "softmax"}, {}, "d")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(RunsError, match="cannot be recorded"):
            RunStore(folder).recorder("x", {"arch": "softmax"}, {}, "d")
    finally:
        folder.chmod(0o700)


def test_a_full_disk_mid_run_stops_the_record_not_the_run(tmp_path, tiny, monkeypatch):
    store = RunStore(tmp_path)
    spec, config = default_spec("softmax"), default_config("softmax", epochs=2)
    recorder = store.recorder("x", spec.to_dict(), config.to_dict(), tiny.name)
    real = recorder._steps.write
    calls = []

    def write(text):
        calls.append(1)
        if len(calls) > 3:
            raise OSError(28, "No space left on device")
        return real(text)
    monkeypatch.setattr(recorder._steps, "write", write)
    trainer = Trainer(spec, config, tiny, recorder)
    recorder.attach(trainer)
    result = trainer.run()
    assert result["state"] == "finished" and "No space left" in recorder.error


def test_killed_mid_run_is_found_interrupted_with_its_steps(tmp_path):
    """SIGKILL while training from the command line: the run is listed as interrupted, with its steps."""
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "train", "--arch", "mlp", "--epochs", "50",
                             "--runs-dir", str(tmp_path), "--quiet"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        steps_file = None
        while time.time() < deadline:
            found = list(tmp_path.glob("*/steps.csv"))
            if found and found[0].stat().st_size > 3000:   # some hundred steps on disk
                steps_file = found[0]
                break
            time.sleep(0.2)
        assert steps_file is not None, "the run did not start recording"
        time.sleep(1.5)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        on_disk = sum(1 for line in steps_file.read_text().splitlines()[1:] if line.count(",") == 4)
    finally:
        if proc.poll() is None:
            proc.kill()
    info = RunStore(tmp_path).list()[0]
    assert info.state == "interrupted" and info.steps >= on_disk - 1 and info.steps > 50
    steps = RunStore(tmp_path).read_steps(info.id)
    assert len(steps["step"]) >= info.steps - 1 and steps["step"][-1] == info.steps
    # the CLI lists it too, as JSON
    out = main_py("runs", "list", "--json", "--runs-dir",
                          str(tmp_path))
    rows = json.loads(out.stdout)
    assert rows[0]["id"] == info.id and rows[0]["state"] == "interrupted" and rows[0]["steps"] == info.steps


def test_cli_records_repeats_and_manages_runs(tmp_path):
    def main(*args):
        return main_py(*args)
    proc = main("train", "--arch", "softmax", "--epochs", "1", "--limit", "1000", "--repeat", "3",
                "--runs-dir", str(tmp_path), "--quiet")
    assert proc.returncode == 0, proc.stderr[-2000:]
    summary = json.loads(proc.stdout)
    assert len(summary["repeats"]) == 3 and [r["seed"] for r in summary["repeats"]] == [0, 1, 2]
    assert "±" in proc.stderr and summary["test_accuracy_std"] >= 0
    runs = RunStore(tmp_path).list()
    assert len(runs) == 3 and len({r.group for r in runs}) == 1 and runs[0].group == summary["group"]
    assert {r.seed for r in runs} == {0, 1, 2}
    one = runs[0].id
    shown = json.loads(main("runs", "show", one, "--runs-dir", str(tmp_path)).stdout)
    assert shown["id"] == one and shown["config"]["seed"] == runs[0].seed
    assert main("runs", "export", one, "--csv", str(tmp_path / "r.csv"), "--runs-dir", str(tmp_path)).returncode == 0
    assert (tmp_path / "r.csv").read_text().startswith("step,epoch,loss")
    assert main("runs", "delete", one, "--runs-dir", str(tmp_path)).returncode == 0
    assert len(RunStore(tmp_path).list()) == 2
    bad = main("runs", "show", "no-such-run", "--runs-dir", str(tmp_path))
    assert bad.returncode == 2 and "no run 'no-such-run'" in bad.stderr and "Traceback" not in bad.stderr
    listed = main("runs", "list", "--runs-dir", str(tmp_path))
    assert listed.returncode == 0 and "finished" in listed.stdout

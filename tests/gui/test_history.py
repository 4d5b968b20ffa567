"""The Train tab's history through the real window: runs recorded from the window, past runs after a restart,
repeat ×N with its band, and a runs folder that cannot be written."""

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tensordesk.engine.runs.store import RunStore


def history_ids(panel):
    return {panel.model.item(r, 0).data(Qt.UserRole + 1) for r in range(panel.model.rowCount())}


def train(window, qtbot, arch="softmax", epochs=1, limit=600, repeat=1):
    p = window.view("train").panel
    p.select(p.arch_combo, arch)
    p.epochs_spin.setValue(epochs)
    window.view("train").set_limit(limit)
    window.view("train").repeat_spin.setValue(repeat)
    window.view("train").start_training()
    qtbot.waitUntil(lambda: window.view("train")._repeat is None and not window.view("train").controller.running, timeout=180000)


def select(panel, run_id):
    panel.table.clearSelection()
    panel.select(run_id)
    assert panel.selected_ids() == [run_id]


def test_a_window_run_is_recorded_shown_opened_renamed_deleted(window, qtbot, tmp_path):
    panel = window.view("train").history
    panel.set_folder(str(tmp_path / "runs"))
    qtbot.waitUntil(lambda: panel.loaded and not panel.loader.running, timeout=10000)
    assert panel.model.rowCount() == 0
    train(window, qtbot, epochs=2)
    runs = RunStore(tmp_path / "runs").list()
    assert len(runs) == 1 and runs[0].state == "finished" and runs[0].steps == 2 * 6 and runs[0].has_model   # 600 images, batch 100
    qtbot.waitUntil(lambda: history_ids(panel) == {runs[0].id}, timeout=5000)
    run_id = runs[0].id
    # the trained model's run is the timeline's film, its snapshots at the steps it kept
    film = window.session.timeline.film
    assert film is not None and film.run_id == run_id and film.steps[0] == 0 and film.steps[-1] == 12
    # shown on the plots beside the current ones: the same steps
    select(panel, run_id)
    before = len(window.view("train").plots.runs)
    QTest.mouseClick(panel.show_button, Qt.LeftButton)
    assert len(window.view("train").plots.runs) == before + 1
    shown = window.view("train").plots.runs[max(window.view("train").plots.runs)]
    assert shown.steps == list(range(1, 13)) and len(shown.val_acc) == 2
    QTest.mouseClick(panel.show_button, Qt.LeftButton)          # shown again: not a second copy on the plots
    assert len(window.view("train").plots.runs) == before + 1
    # opened in Draw
    QTest.mouseClick(panel.open_button, Qt.LeftButton)
    assert window.session.checkpoint is not None and window.session.checkpoint.meta.get("run") == run_id
    assert window.session.timeline.film.run_id == run_id          # a model opened from its run's folder
    assert window.tabs.currentWidget() is window.view("draw")
    label = runs[0].label
    assert label in window.view("draw").model_label.text() and "model.tdm" not in window.view("draw").model_label.text()
    assert str(tmp_path / "runs") not in str(window.settings.value("paths/models", ""))   # not Save's next folder
    # renamed, on disk too
    panel.rename(run_id, "the first one")
    assert RunStore(tmp_path / "runs").info(run_id).label == "the first one"
    assert any(panel.model.item(r, 1).text() == "the first one" for r in range(panel.model.rowCount()))
    # deleted, then back with Undo
    select(panel, run_id)
    QTest.mouseClick(panel.delete_button, Qt.LeftButton)
    assert panel.model.rowCount() == 0 and RunStore(tmp_path / "runs").list() == []
    QTest.mouseClick(panel.undo_button, Qt.LeftButton)
    assert history_ids(panel) == {run_id} and len(RunStore(tmp_path / "runs").list()) == 1
    # the weights it kept along training: opened as RUN@STEP (as `main.py --model RUN@STEP` opens it) …
    assert window.session.runs_folder == str(tmp_path / "runs")
    assert window.files.open_model(f"{run_id}@4")
    ck = window.session.checkpoint
    assert ck.meta["snapshot_step"] == 4 and ck.meta["run"] == run_id
    assert window.session.model_label == f"run {run_id} at step 4"
    assert not any("@" in p for p in window.files.recent())   # not a file: not among the recent ones
    # … their size in the table, freed by Delete snapshots
    info = RunStore(tmp_path / "runs").info(run_id)
    assert info.snapshot_count >= 5          # steps 0, 1, 2, 4, 6 (an epoch), 8, 12
    snap_col = panel.COLUMNS.index("snapshots")
    row = next(r for r in range(panel.model.rowCount()) if panel.model.item(r, 0).data(Qt.UserRole + 1) == run_id)
    assert panel.model.item(row, snap_col).text().endswith(f"({info.snapshot_count})")
    assert "their snapshots" in panel.status.text()
    select(panel, run_id)
    assert panel.drop_snapshots_button.isEnabled()
    QTest.mouseClick(panel.drop_snapshots_button, Qt.LeftButton)
    after = RunStore(tmp_path / "runs").info(run_id)
    assert after.snapshot_count == 0 and after.has_model and after.steps == 12
    row = next(r for r in range(panel.model.rowCount()) if panel.model.item(r, 0).data(Qt.UserRole + 1) == run_id)
    assert panel.model.item(row, snap_col).text() == "—"
    select(panel, run_id)
    assert not panel.drop_snapshots_button.isEnabled() and panel.drop_model_button.isEnabled()


def test_past_runs_are_known_after_a_restart_filtered_and_sorted(qtbot, tmp_path, tiny):
    from tensordesk.engine.models.architectures import default_spec
    from tensordesk.engine.training.config import default_config
    from tensordesk.engine.training.trainer import Trainer
    store = RunStore(tmp_path / "runs")
    for arch, epochs in (("softmax", 1), ("mlp", 1)):
        spec, cfg = default_spec(arch), default_config(arch, epochs=epochs, max_train_samples=300)
        rec = store.recorder(f"{arch} yesterday", spec.to_dict(), cfg.to_dict(), tiny.name)
        rec.attach(Trainer(spec, cfg, tiny, rec)).trainer.run()
    damaged = tmp_path / "runs" / "broken-run"
    damaged.mkdir()
    (damaged / "run.json").write_text("{not json")
    from PySide6.QtCore import QSettings
    settings = QSettings()
    settings.setValue("views/trainHistory/folder", str(tmp_path / "runs"))
    settings.sync()
    from tensordesk.gui.main_window import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    panel = w.view("train").history
    qtbot.waitUntil(lambda: panel.loaded, timeout=20000)
    assert panel.model.rowCount() == 3 and panel.folder == str(tmp_path / "runs")
    states = sorted(panel.model.item(r, 4).text() for r in range(3))
    assert states == ["damaged", "finished", "finished"]
    panel.filter_edit.setText("mlp")
    assert panel.proxy.rowCount() == 1
    panel.filter_edit.setText("")
    panel.table.sortByColumn(3, Qt.DescendingOrder)   # by accuracy, the damaged run last
    assert panel.proxy.index(2, 4).data() == "damaged"
    # a damaged run cannot be shown or re-run, only deleted
    select(panel, "broken-run")
    assert not panel.show_button.isEnabled() and not panel.rerun_button.isEnabled() and panel.delete_button.isEnabled()
    w.close()


def test_repeat_three_times_draws_a_band_and_groups_the_runs(window, qtbot, tmp_path):
    window.view("train").history.set_folder(str(tmp_path / "runs"))
    train(window, qtbot, epochs=2, limit=600, repeat=3)
    plots = window.view("train").plots
    assert len(plots.runs) == 3 and len(plots.bands) == 1
    band = next(iter(plots.bands.values()))
    # the group is named by its settings (two groups on the plots differ in their names), with epochs and images
    assert band.label.startswith("mean of ×3: Softmax regression") and "2 epochs" in band.label \
        and "600 images" in band.label
    x, mean = band.items["loss_mean"][1].getData()
    upper = band.items["loss_upper"][1].getData()[1]
    lower = band.items["loss_lower"][1].getData()[1]
    smoothed = np.array([r.smoothed for r in plots.runs.values()])
    np.testing.assert_allclose(mean, smoothed.mean(0), rtol=1e-5)
    np.testing.assert_allclose(upper - lower, 2 * smoothed.std(0), rtol=1e-4, atol=1e-7)
    assert np.any(upper - lower > 0)          # three seeds do differ
    runs = RunStore(tmp_path / "runs").list()
    assert len(runs) == 3 and len({r.group for r in runs}) == 1 and {r.seed for r in runs} == {0, 1, 2}
    accs = [r.test_accuracy for r in runs]
    text = window.view("train").message_label.text()
    assert f"{np.mean(accs):.2%}" in text and f"{np.std(accs):.2%}" in text and "±" in text
    assert "±" in window.view("train").history.status.text()
    panel = window.view("train").history
    tips = {panel.model.item(r, 3).toolTip() for r in range(panel.model.rowCount())}
    assert len(tips) == 1 and "Repeat ×3" in tips.pop()


def test_run_again_trains_the_recorded_settings(window, qtbot, tmp_path):
    panel = window.view("train").history
    panel.set_folder(str(tmp_path / "runs"))
    train(window, qtbot, arch="mlp", epochs=1, limit=400)
    first = RunStore(tmp_path / "runs").list()[0]
    window.view("train").panel.select(window.view("train").panel.arch_combo, "softmax")   # the panel moves on
    qtbot.waitUntil(lambda: first.id in history_ids(panel), timeout=5000)
    select(panel, first.id)
    QTest.mouseClick(panel.rerun_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not window.view("train").controller.running and len(RunStore(tmp_path / "runs").list()) == 2,
                    timeout=120000)
    again = [r for r in RunStore(tmp_path / "runs").list() if r.id != first.id][0]
    assert again.arch == "mlp" and again.config["learning_rate"] == first.config["learning_rate"]
    assert again.config["batch_size"] == first.config["batch_size"] and again.steps == first.steps


def test_an_unwritable_runs_folder_turns_history_off_not_training(window, qtbot, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    window.view("train").history.set_folder(str(blocker / "runs"))
    with qtbot.waitSignal(window.view("train").controller.finished, timeout=120000) as done:
        p = window.view("train").panel
        p.select(p.arch_combo, "softmax")
        p.epochs_spin.setValue(1)
        window.view("train").set_limit(300)
        window.view("train").start_training()
    assert done.args[0].state == "finished"
    assert not window.view("train").history.recording
    assert "History is off" in window.statusBar().currentMessage() or "History is off" in \
        window.view("train").history.status.text()


def test_two_repeat_groups_selected_get_a_verdict(qtbot, tmp_path):
    import json

    from PySide6.QtCore import QItemSelectionModel

    from tensordesk.engine.runs.compare import compare_accuracies
    from tensordesk.gui.train.history import HistoryPanel
    groups = {"adam": ("g1", [0.95, 0.96, 0.955]), "sgd": ("g2", [0.90, 0.91, 0.905]),
              "sgd again": ("g3", [0.955, 0.95, 0.96])}
    for label, (group, accs) in groups.items():
        for i, acc in enumerate(accs):
            run = tmp_path / f"{group}-{i}"
            run.mkdir()
            run.joinpath("run.json").write_text(json.dumps({
                "format": "tensordesk-run", "format_version": 1, "state": "finished", "label": label,
                "created": f"2026-12-01T10:0{i}", "arch": "mlp", "test_accuracy": acc, "group": group, "seed": i}))
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.set_folder(str(tmp_path))
    qtbot.waitUntil(lambda: panel.loaded and panel.model.rowCount() == 9, timeout=10000)

    def pick(*ids):
        panel.table.clearSelection()
        for run_id in ids:
            for row in range(panel.proxy.rowCount()):
                if panel.proxy.index(row, 0).data(Qt.UserRole + 1) == run_id:
                    panel.table.selectionModel().select(panel.proxy.index(row, 0),
                                                        QItemSelectionModel.Select | QItemSelectionModel.Rows)
    pick("g1-0")
    assert panel.verdict.isHidden()
    pick("g1-0", "g2-2")        # one run of each group stands for its group
    assert not panel.verdict.isHidden()
    v = compare_accuracies([0.95, 0.96, 0.955], [0.90, 0.91, 0.905])
    text = panel.verdict.text()
    assert "adam is really better than sgd" in text and f"{v.difference * 100:+.2f}" in text
    assert f"{v.ci_low * 100:+.2f}" in text and f"{v.ci_high * 100:+.2f}" in text
    pick("g1-1", "g3-0")        # the same accuracies: no verdict either way, and how many seeds would tell
    text = panel.verdict.text()
    assert "Cannot tell" in text and "adam" in text and "sgd again" in text
    assert "seeds each would tell" in text or "no practical number" in text
    pick("g1-0", "g2-0", "g3-0")
    assert panel.verdict.isHidden()

"""The data-parallel lab tab: both modes run on real TensorFlow clusters (child processes), the timelines and
loss curves fill, the figures show sync following the slowed worker and async not; Stop ends a run."""
import numpy as np


def test_both_modes_with_a_slowed_worker(window, qtbot):
    lab = window.view("parallel")
    window.tabs.setCurrentWidget(lab)
    lab.set_settings(mode="both", workers=2, delay_ms=40, batch=32, examples=2000)
    lab.start_button.click()
    assert not lab.start_button.isEnabled() and not lab.workers_spin.isEnabled()
    qtbot.waitUntil(lambda: "sync" in lab.results and "async" in lab.results and not lab.controller.running,
                    timeout=120000)
    sync, asyn = lab.results["sync"], lab.results["async"]
    assert sync["worker_steps"][0] == sync["worker_steps"][1]          # lockstep
    assert asyn["worker_steps"][1] > asyn["worker_steps"][0]           # the fast worker did not wait
    assert asyn["examples_per_s"] > sync["examples_per_s"]             # so async got through more per second
    assert len(lab.losses["sync"][0]) == sync["steps"] and len(lab.losses["async"][0]) == asyn["steps"]
    lab.render()
    x, _ = lab.loss_curves["async"].getData()
    assert len(x) == asyn["steps"]
    t = lab.timelines["sync"]
    assert len(t.spans) == 2 * sync["steps"]
    waits = t.spans[t.spans[:, 0] == 1][:, 4] - t.spans[t.spans[:, 0] == 1][:, 3]
    assert np.median(waits) > 0.03                                      # worker 1 waits for worker 0's 40 ms
    from tensordesk.gui.widgets.plot_export import exporter_of
    header, rows = exporter_of(t).table()                               # the timeline's CSV: every span
    assert len(header) == 5 and len(rows) == len(t.spans)
    assert all(r[2] <= r[3] <= r[4] for r in rows)
    assert "examples/s" in lab.figures.text()
    assert lab.start_button.isEnabled()


def test_stop_ends_the_run_and_the_cluster(window, qtbot):
    lab = window.view("parallel")
    lab.set_settings(mode="async", workers=2, delay_ms=0, examples=400_000)
    lab.start()
    qtbot.waitUntil(lambda: len(lab.losses["async"][0]) > 20, timeout=60000)
    lab.stop_button.click()
    qtbot.waitUntil(lambda: not lab.controller.running, timeout=20000)
    assert lab.status.text() == "Stopped."
    assert len(lab.losses["async"][0]) < 400_000 // 64


def test_closing_the_window_mid_run_stops_the_cluster_process(window, qtbot):
    import multiprocessing
    lab = window.view("parallel")
    lab.set_settings(mode="sync", workers=2, delay_ms=20, examples=400_000)
    lab.start()
    qtbot.waitUntil(lambda: len(lab.losses["sync"][0]) > 5, timeout=60000)
    assert multiprocessing.active_children()          # the cluster's process
    window.close()
    assert not lab.controller.running
    assert not multiprocessing.active_children()      # gone with its devices and ports
    lab.start()                                       # and nothing starts after the window has closed
    assert not lab.controller.running


def test_the_labs_settings_are_kept_between_sessions(window, qtbot):
    from tensordesk.gui.labs.parallel_lab import DataParallelLab
    lab = window.view("parallel")
    lab.set_settings(mode="async", workers=4, delay_ms=120, batch=32, examples=24000, learning_rate=0.1)
    lab.save_settings(window.settings, "labs/dataParallel")
    again = DataParallelLab()
    again.load_settings(window.settings, "labs/dataParallel")
    assert again.settings_state() == lab.settings_state() == {
        "mode": "async", "workers": 4, "delay_ms": 120, "batch": 32, "learning_rate": 0.1, "examples": 24000}
    window.settings.setValue("labs/dataParallel", "{not json")
    fresh = DataParallelLab()
    fresh.load_settings(window.settings, "labs/dataParallel")     # unreadable: the defaults stay
    assert fresh.settings_state()["workers"] == 2

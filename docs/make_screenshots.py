"""Regenerate the README's screenshots from the real window:
xvfb-run -a -s "-screen 0 1600x1000x24" python docs/make_screenshots.py [first mydigits history robustness neurons onestep points train draw insight evaluate
histograms landscape codes bn descent fit preset lecture shortcuts parallel export missions chinese]   ("chinese" shoots the Chinese window alone)"""
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    from tensordesk.gui.app import create_app
    app = create_app()
    from PySide6.QtCore import QCoreApplication, QPoint, QSettings, Qt
    # the default settings, not whatever the last session left (and leave the user's own settings alone)
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp(prefix="tensordesk-docs-"))
    QCoreApplication.setApplicationName("TensorDeskScreenshots")
    from PySide6.QtTest import QTest
    if "chinese" in sys.argv[1:]:
        from tensordesk.gui.i18n import install_language
        install_language("zh_CN")
    from tensordesk.gui.main_window import MainWindow
    from tensordesk.gui.widgets.gl_support import grab_window

    w = MainWindow()
    w.resize(1500, 920)
    w.show()

    def wait(cond, timeout=600):
        t = time.time()
        while not cond() and time.time() - t < timeout:
            app.processEvents()
            time.sleep(0.01)

    wait(lambda: not w.starting)
    wanted = set(sys.argv[1:]) or {"first", "mydigits", "history", "robustness", "neurons", "onestep", "points", "train", "draw", "insight", "evaluate", "histograms", "landscape", "codes", "bn", "descent",
                                   "fit"}
    docs = ROOT / "docs"

    def settle(n=30):
        for _ in range(n):
            app.processEvents()
            time.sleep(0.02)

    def run_pane(pane):
        pane.lab_controls.speed.setValue(pane.lab_controls.speed.maximum())
        wait(lambda: pane.controller.running and pane._pending_start is None)
        pane.toggle_play()
        wait(lambda: pane.finished_run)
        settle()

    def load_preset(name):
        from tensordesk.gui.presets import shipped_presets
        preset = next(pr for pr in shipped_presets() if Path(pr.path).name.startswith(name))
        w.presets.load(preset)
        wait(lambda: not w.view("train").controller.running and not w.presets.runner.queue)
        settle(40)

    def draw_path(canvas, path, steps=8):
        r = canvas.rect()
        pts = [QPoint(int(r.width() * x), int(r.height() * y)) for x, y in path]
        QTest.mousePress(canvas, Qt.LeftButton, Qt.NoModifier, pts[0])
        for a, b in zip(pts, pts[1:]):
            for t in range(1, steps + 1):
                QTest.mouseMove(canvas, QPoint(int(a.x() + (b.x() - a.x()) * t / steps),
                                               int(a.y() + (b.y() - a.y()) * t / steps)))
        QTest.mouseRelease(canvas, Qt.LeftButton, Qt.NoModifier, pts[-1])

    if "first" in wanted:   # a first launch: nothing trained, the shipped model classifies a drawn 7
        w.show_view("draw")
        settle()
        draw_path(w.view("draw").canvas, [(0.3, 0.25), (0.68, 0.22), (0.62, 0.35), (0.45, 0.8)])
        settle(40)
        grab_window(w).save(str(docs / "first_launch.png"))
        print("first launch:", w.view("draw").panel.digit.text(), w.view("draw").model_label.text())
        w.view("draw").canvas.clear()
    if "mydigits" in wanted:   # a child's mirror-written digits, collected on the canvas, then fine-tuned on
        import numpy as np
        from PIL import Image

        from tensordesk.engine.data.datasets import load_embedded
        mine = w.view("mydigits")
        mine.set_folder(tempfile.mkdtemp(prefix="tensordesk-docs-digits-"))
        data = load_embedded()
        w.show_view("draw")
        for digit, label in zip(data.x_test[:90], data.y_test[:90]):
            img = Image.fromarray(digit).resize((280, 280), Image.Resampling.BILINEAR)
            w.view("draw").canvas.set_array(np.asarray(img.transpose(Image.Transpose.FLIP_LEFT_RIGHT), np.float32) / 255)
            w.view("draw").label_drawing(int(label))
        w.show_view("mydigits")
        mine.tuning.epochs_spin.setValue(5)
        mine.tuning.fine_tune()
        wait(lambda: not mine.tuning.job.running)
        settle(40)
        grab_window(w).save(str(docs / "my_digits.png"))
        print("my digits:", mine.tuning.result_label.text())
        w.files.open_shipped()

    if "history" in wanted:   # repeat ×5 with its band, then the history list (with two earlier runs)
        t = w.view("train")
        w.show_view("train")   # the earlier shots leave another tab on screen
        t.history.set_folder(tempfile.mkdtemp(prefix="tensordesk-docs-runs-"))
        p = t.panel
        for arch in ("softmax", "dnn"):
            p.select(p.arch_combo, arch)
            p.epochs_spin.setValue(2)
            t.start_training()
            wait(lambda: not t.controller.running)
        t.plots.remove_all()
        p.select(p.arch_combo, "mlp")
        p.epochs_spin.setValue(3)
        t.set_limit(3000)
        t.repeat_spin.setValue(5)
        t.start_training()
        wait(lambda: t._repeat is None and not t.controller.running)
        settle(40)
        grab_window(w).save(str(docs / "repeat_band.png"))
        print("repeat:", t.message_label.text())
        t.pages.setCurrentWidget(t.history)
        settle(20)
        grab_window(w).save(str(docs / "history.png"))
        t.pages.setCurrentIndex(0)
        t.plots.remove_all()
        t.repeat_spin.setValue(1)
        t.set_limit(None)

    if "robustness" in wanted:   # the shipped model: rotation sweep and the "I don't know" threshold
        view = w.view("evaluate")
        w.session.jobs.evaluate()
        wait(lambda: view.evaluation is not None and not w.session.jobs.running)
        view.gallery_tabs.setCurrentWidget(view.robustness)
        view.robustness.kind_combo.setCurrentIndex(view.robustness.kind_combo.findData("rotate"))
        view.robustness.damage_button.click()
        wait(lambda: not w.session.jobs.running and view.robustness.damage_curve.getData()[0] is not None
             and len(view.robustness.damage_curve.getData()[0]) > 0)
        settle(30)
        grab_window(w).save(str(docs / "robustness.png"))
        print("robustness:", view.robustness.damage_label.text(), "|", view.robustness.threshold_label.text())

    if {"neurons", "onestep", "points"} & wanted:   # an MLP, a drawn 7, inside its units
        import numpy as np
        t = w.view("train")
        p = t.panel
        p.select(p.arch_combo, "mlp")
        p.epochs_spin.setValue(2)
        t.start_training()
        wait(lambda: not t.controller.running and w.session.checkpoint is not None)
        settle(20)
        t.plots.remove_all()
        w.show_view("draw")
        d = w.view("draw")
        d.canvas.clear()
        draw_path(d.canvas, [(0.3, 0.25), (0.68, 0.22), (0.62, 0.35), (0.45, 0.8)])
        settle(20)
    if "neurons" in wanted:
        n = d.neurons
        d.pages.setCurrentWidget(n)
        wait(lambda: n.network is not None and n.base_accuracy is not None)
        active = n.values["hidden1"].outputs
        for unit in np.argsort(-active)[:25]:
            n.select_unit("hidden1", int(unit))
            n.switch_off()
        n.select_unit("hidden1", int(np.argsort(-active)[25]))
        wait(lambda: not n.job.running and "before" in n.accuracy_label.text())
        settle(30)
        grab_window(w).save(str(docs / "neurons.png"))
        print("neurons:", d.panel.digit.text(), "|", n.accuracy_label.text())
        n.reset()
        settle(10)
    if "onestep" in wanted:
        s = d.step
        d.pages.setCurrentWidget(s)
        s.label_combo.setCurrentIndex(7)
        settle(10)
        s.light_sources(7, 4)
        settle(20)
        grab_window(w).save(str(docs / "one_step.png"))
        print("one step:", s.sums.text())
    if "points" in wanted:
        pts = d.points
        d.pages.setCurrentWidget(pts)
        pts.layer_combo.setCurrentIndex(pts.layer_combo.findData("hidden1_act"))
        pts.method_combo.setCurrentIndex(pts.method_combo.findData("tsne"))
        pts.compute()
        wait(lambda: pts.result is not None and not pts.job.running)
        settle(20)
        pts.show_point(int(np.flatnonzero(pts.result.predictions != pts.result.labels)[0]))
        settle(20)
        grab_window(w).save(str(docs / "points_map.png"))
        print("points:", pts.note.text())

    if "chinese" in wanted:
        load_preset("06")
        grab_window(w).save(str(docs / "chinese_train.png"))
        w.tabs.setCurrentWidget(w.view("bn"))
        run_pane(w.view("bn").experiment)
        grab_window(w).save(str(docs / "chinese_bn_lab.png"))
        w.close()
        return
    if "lecture" in wanted:   # lecture mode on a 1280×800 projector: dark theme at 150%, the batch-norm lab run
        w.lecture.set_presentation(scale=150, theme="dark")
        w.statusBar().hide()
        w.resize(1280, 800)
        w.show_view("bn")
        w.view("bn").setCurrentIndex(0)
        run_pane(w.view("bn").experiment)
        grab_window(w).save(str(docs / "presentation_dark.png"))
        w.statusBar().show()
        w.lecture.set_presentation(scale=100, theme="light")
        w.resize(1500, 920)
    if "preset" in wanted:
        load_preset("06")
        grab_window(w).save(str(docs / "preset_overfitting.png"))
        print(w.statusBar().currentMessage())
    if "parallel" in wanted:
        lab = w.view("parallel")
        w.tabs.setCurrentWidget(lab)
        lab.set_settings(mode="both", workers=3, delay_ms=60, batch=64, examples=12000)
        lab.start()
        wait(lambda: "sync" in lab.results and "async" in lab.results and not lab.controller.running)
        settle()
        grab_window(w).save(str(docs / "parallel_lab.png"))
        print(lab.figures.text())
    if "shortcuts" in wanted:
        w.show_shortcuts()
        settle()
        grab_window(w).save(str(docs / "shortcuts.png"))
        w.shortcut_overlay.hide()

    if "bn" in wanted:
        w.tabs.setCurrentWidget(w.view("bn"))
        exp = w.view("bn").experiment
        for act in ("tanh", "relu"):
            exp.set_settings(activation=act)
            run_pane(exp)
            grab_window(w).save(str(docs / f"bn_lab_{act}.png"))
            print(act, exp.status.text())
    if "descent" in wanted:
        w.tabs.setCurrentWidget(w.view("descent"))
        exp = w.view("descent").experiment
        exp.set_settings(model="sincos", start=(2.0, 4.5), optimizers=["sgd", "momentum", "adam"],
                         learning_rate=0.1)
        run_pane(exp)
        grab_window(w).save(str(docs / "descent_lab.png"))
        if exp.view3d is not None:
            exp.view3d.grab_image().save(str(docs / "descent_3d.png"))
        print(exp.status.text().replace("\n", " | "))
    if "fit" in wanted:
        w.tabs.setCurrentWidget(w.view("descent"))
        w.view("descent").setCurrentWidget(w.view("descent").curve_fit)
        run_pane(w.view("descent").curve_fit)
        grab_window(w).save(str(docs / "curve_fit.png"))
    if "missions" in wanted:   # the batch-norm mission: a prediction, a failed check with its hint, a pass with its why
        import os
        os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="tensordesk-docs-data-")   # a new learner's progress
        from tensordesk.engine.missions.progress import ProgressStore
        from tensordesk.gui.missions.player import ActionPlayer
        panel = w.missions.panel
        panel.store = ProgressStore()
        panel.plays.clear()
        w.missions.show()
        panel.choose("batch-norm")
        panel.set_up_scene()
        panel.choose_prediction(0)
        settle(40)
        grab_window(w).save(str(docs / "mission_predict.png"))
        panel.lock_prediction()
        player = ActionPlayer(w, panel.answer, fast=True)
        done = []
        player.finished.connect(lambda ok, message: done.append((ok, message)))
        settings = {"activation": "tanh", "layers": 7, "units": 30, "learning_rate": 0.001, "batch_size": 10}
        player.play([{"do": "lab", "lab": "bn", "settings": {**settings, "steps": 60}}])
        wait(lambda: done)
        settle(40)
        grab_window(w).save(str(docs / "mission_hint.png"))
        print("mission hint:", panel.verdict.text(), panel.feedback.text())
        player.play([{"do": "lab", "lab": "bn", "settings": {**settings, "steps": 250}}])
        wait(lambda: len(done) > 1)
        settle(40)
        grab_window(w).save(str(docs / "mission_why.png"))
        print("mission why:", panel.feedback.text())
    if not wanted & {"train", "draw", "insight", "evaluate", "codes", "landscape", "histograms"}:
        w.close()
        return
    p = w.view("train").panel
    w.show_view("train")
    for arch, bn in (("mlp", False), ("cnn", False)):
        p.select(p.arch_combo, arch)
        p.bn_check.setChecked(bn)
        p.augment_check.setChecked(arch == "cnn")   # its preview strip shows in the Train view's screenshot
        p.epochs_spin.setValue(3)
        w.view("train").start_training()
        wait(lambda: not w.view("train").controller.running)
    for _ in range(30):
        app.processEvents()
        time.sleep(0.02)
    if "train" in wanted:
        w.show_view("train")
        settle()
        grab_window(w).save(str(ROOT / "docs" / "train.png"))
    w.tabs.setCurrentIndex(1)
    c = w.view("draw").canvas
    app.processEvents()
    r = c.rect()

    def pt(x, y):
        return QPoint(int(r.width() * x), int(r.height() * y))

    # a small "3" drawn off-centre, as a student would
    path = [(0.22, 0.18), (0.36, 0.13), (0.46, 0.22), (0.36, 0.32), (0.47, 0.42), (0.36, 0.52), (0.22, 0.47)]
    QTest.mousePress(c, Qt.LeftButton, Qt.NoModifier, pt(*path[0]))
    for (x0, y0), (x1, y1) in zip(path, path[1:]):
        for i in range(1, 9):
            QTest.mouseMove(c, pt(x0 + (x1 - x0) * i / 8, y0 + (y1 - y0) * i / 8))
    QTest.mouseRelease(c, Qt.LeftButton, Qt.NoModifier, pt(*path[-1]))
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    print("predicted:", w.view("draw").panel.digit.text())
    if "draw" in wanted:
        grab_window(w).save(str(ROOT / "docs" / "draw.png"))
    if "insight" in wanted:
        w.menus.show_insight()
        settle(40)
        insight = w.view("draw").insight
        insight.work_out("conv2", 6, 7, 5)   # a pixel of conv2's sixth map, worked out (a click does the same)
        settle(20)
        grab_window(w).save(str(ROOT / "docs" / "insight.png"))
        print(insight.note.text())
        print("conv step:", insight.conv_step.sums.text().replace("\n", " | "))
        w.menus.show_insight()
    if "evaluate" in wanted:
        w.session.jobs.evaluate()
        wait(lambda: w.view("evaluate").evaluation is not None and not w.session.jobs.evaluation.running)
        settle()
        grab_window(w).save(str(ROOT / "docs" / "evaluate.png"))
        print(w.view("evaluate").summary.text())
    if "export" in wanted:   # right-click on the confusion matrix: its export menu, and the window recording
        if w.view("evaluate").evaluation is None:
            w.session.jobs.evaluate()
            wait(lambda: w.view("evaluate").evaluation is not None and not w.session.jobs.evaluation.running)
        w.show_view("evaluate")
        w.recording.start(tempfile.mktemp(suffix=".mp4"), "view", 10)
        settle(40)
        from tensordesk.gui.widgets.plot_export import exporter_of
        confusion = w.view("evaluate").confusion
        exporter = exporter_of(confusion)
        exporter._menu_requested(confusion.rect().center())
        settle(20)
        menu = exporter.menu
        shot = grab_window(w)
        from PySide6.QtGui import QPainter
        painter = QPainter(shot)   # the menu is a window of its own: paint it where it is shown
        painter.drawPixmap(w.mapFromGlobal(menu.pos()) * shot.devicePixelRatio(), menu.grab())
        painter.end()
        shot.save(str(ROOT / "docs" / "export_and_record.png"))
        menu.close()
        w.recording.stop()
        wait(lambda: not w.recording.recorder.writing)
    if "histograms" in wanted:
        w.view("train").histogram_every = 10
        p.select(p.arch_combo, "dnn")
        p.epochs_spin.setValue(3)
        w.tabs.setCurrentWidget(w.view("histograms"))
        w.view("train").start_training()
        wait(lambda: not w.view("train").controller.running)
        view = w.view("histograms")
        keys = [view.layer_list.item(i).data(Qt.UserRole) for i in range(view.layer_list.count())]
        view.layer_list.setCurrentRow(keys.index(("hidden2_act", "activations")))
        settle(20)
        grab_window(w).save(str(ROOT / "docs" / "histograms.png"))
        w.view("train").histogram_every = 25
    if "landscape" in wanted:
        p.select(p.arch_combo, "mlp")
        p.bn_check.setChecked(False)
        p.epochs_spin.setValue(3)
        w.view("train").start_training()
        wait(lambda: not w.view("train").controller.running)
        view = w.view("landscape")
        view.directions_combo.setCurrentIndex(view.directions_combo.findData("pca"))
        view.compute()
        wait(lambda: view.landscape is not None and not w.session.jobs.landscape.running)
        settle(40)
        grab_window(w).save(str(ROOT / "docs" / "landscape.png"))
        if view.view3d is not None:
            view.view3d.grab_image().save(str(ROOT / "docs" / "landscape_3d.png"))
        print(view.summary.text())
    if "codes" in wanted:
        p.select(p.arch_combo, "autoencoder")
        p.epochs_spin.setValue(80)  # 30 steps an epoch on the embedded digits: the plane needs ~2,400 to unfold
        w.tabs.setCurrentWidget(w.view("draw"))
        w.view("draw").pages.setCurrentWidget(w.view("draw").code_space)
        w.view("train").start_training()
        wait(lambda: not w.view("train").controller.running)
        settle(40)
        space = w.view("draw").code_space
        space.decode_at(float(space.codes[:, 0].mean()), float(space.codes[:, 1].mean()))
        settle()
        grab_window(w).save(str(ROOT / "docs" / "code_space.png"))
        print(space.note.text())
    w.close()


if __name__ == "__main__":
    main()

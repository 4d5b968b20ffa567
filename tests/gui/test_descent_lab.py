"""The gradient-descent lab: the path grows step by step, clicks choose the start, divergence is shown;
the contour view works without OpenGL; the 3D view renders under Xvfb (a subprocess with GLX)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

ROOT = Path(__file__).resolve().parents[2]


def test_path_grows_in_the_contour_view_without_opengl(window, qtbot):
    window.tabs.setCurrentWidget(window.view("descent"))
    exp = window.view("descent").experiment
    assert exp.view3d is None                       # offscreen: no OpenGL, the contour view alone
    qtbot.waitUntil(lambda: exp.controller.running and len(exp.paths) == 1 and len(exp.paths[0]) == 1,
                    timeout=30000)
    exp.refresh()
    x, y = exp.contour.paths[0].getData()
    assert (x[0], y[0]) == (2.0, 4.5)
    exp.single_step()
    exp.single_step()
    qtbot.waitUntil(lambda: exp.step == 2, timeout=10000)
    exp.refresh()
    assert len(exp.contour.paths[0].getData()[0]) == 3          # start + one point per step
    exp.lab_controls.speed.setValue(exp.lab_controls.speed.maximum())
    exp.toggle_play()
    qtbot.waitUntil(lambda: exp.finished_run, timeout=30000)
    exp.refresh()
    assert len(exp.contour.paths[0].getData()[0]) == 401
    a, b, cost = exp.paths[0][-1]
    assert abs(a - 1.2) < 0.02 and abs(b - 2.55) < 0.02
    assert "finished" in exp.status.text()
    assert len(exp.cost_curves[0].getData()[0]) == 401


def test_click_on_the_map_restarts_from_there(window, qtbot):
    window.tabs.setCurrentWidget(window.view("descent"))
    exp = window.view("descent").experiment
    qtbot.waitUntil(lambda: bool(exp.controller.running and exp.paths and exp.paths[0]), timeout=30000)
    exp.refresh()
    vb = exp.contour.getViewBox()
    scene = vb.mapViewToScene(QPointF(5.0, 1.0))
    widget_pos = exp.contour.mapFromScene(scene)
    QTest.mouseClick(exp.contour.viewport(), Qt.LeftButton, Qt.NoModifier, widget_pos)
    qtbot.waitUntil(lambda: abs(exp.a_spin.value() - 5.0) < 0.1 and abs(exp.b_spin.value() - 1.0) < 0.1,
                    timeout=5000)
    qtbot.waitUntil(lambda: bool(exp.paths and exp.paths[0] and abs(exp.paths[0][0][0] - exp.a_spin.value()) < 1e-6),
                    timeout=30000)


def test_compare_optimizers_and_divergence_message(window, qtbot):
    window.tabs.setCurrentWidget(window.view("descent"))
    exp = window.view("descent").experiment
    exp.lab_controls.speed.setValue(exp.lab_controls.speed.maximum())
    exp.set_settings(model="linear", optimizers=["sgd", "momentum", "adam"], learning_rate=1.5, steps=100)
    qtbot.waitUntil(lambda: exp.controller.running and exp._pending_start is None and len(exp.paths) == 3,
                    timeout=30000)
    exp.toggle_play()
    qtbot.waitUntil(lambda: exp.finished_run, timeout=30000)
    exp.refresh()
    assert "SGD, LR 1.5 diverged" in exp.message.text()
    assert len(exp.contour.paths) == 3 and len(exp.contour.legend.items) == 3
    assert "diverged at step" in exp.status.text()


def test_no_optimizer_ticked_is_refused(window, qtbot):
    window.tabs.setCurrentWidget(window.view("descent"))
    exp = window.view("descent").experiment
    qtbot.waitUntil(lambda: exp.controller.running, timeout=30000)
    exp.set_settings(optimizers=[])
    assert "Tick at least one optimizer" in exp.message.text()
    assert exp.controller.running and exp._pending_start is None     # the last valid lab stays


def test_curve_fitting_bends_and_close_mid_run_stops(window, qtbot):
    window.tabs.setCurrentWidget(window.view("descent"))
    window.view("descent").setCurrentWidget(window.view("descent").curve_fit)
    pane = window.view("descent").curve_fit
    qtbot.waitUntil(lambda: pane.controller.running, timeout=30000)
    pane.lab_controls.speed.setValue(pane.lab_controls.speed.maximum())
    window.menus.start_pause.trigger()       # Space plays the lab on screen
    qtbot.waitUntil(lambda: pane.finished_run, timeout=60000)
    pane.refresh()
    x, y = pane.curve.getData()
    assert len(x) == 200 and np.max(np.abs(y - x ** 2)) < 0.06
    pane.steps_spin.setValue(1_000_000)
    pane.lab_controls.speed.setValue(3)
    pane.toggle_play()
    qtbot.waitUntil(lambda: pane.step > 5 and pane.is_playing, timeout=30000)
    window.close()
    assert not pane.controller.running


GL_SCRIPT = r"""
import sys, time
import numpy as np
from tensordesk.gui.app import create_app
app = create_app([])
from tensordesk.gui.labs.descent_lab import DescentExperiment
exp = DescentExperiment()
assert exp.attach_3d(), "OpenGL did not come up under Xvfb"
exp.resize(1200, 800); exp.show()
exp.lab_controls.speed.setValue(exp.lab_controls.speed.maximum())
exp.set_settings(model="sincos", optimizers=["sgd", "adam", "rmsprop"], steps=150)
exp.ensure_started()
exp.toggle_play()
t = time.time()
while not exp.finished_run and time.time() - t < 60:
    app.processEvents(); time.sleep(0.01)
for _ in range(10):
    app.processEvents(); time.sleep(0.02)
img = exp.view3d.grab_image()
img.save(sys.argv[2])
ptr = img.constBits()
arr = np.frombuffer(ptr, np.uint8).reshape(img.height(), img.bytesPerLine() // 4, 4)[:, :img.width(), :3]
colored = np.mean(np.ptp(arr.astype(int), axis=2) > 60)
lines = [len(l.pos) for l in exp.view3d.lines]
exports = exp.view3d.exports                      # the 3D view's Export button: PNG as rendered, CSV numbers
exports.save(sys.argv[2].replace(".png", "-export.png"))
exports.save(sys.argv[2].replace(".png", ".csv"))
grid = exp.view3d.grid
print("EXPORT", sum(1 for r in exports.table()[1] if r[0] == "surface") == grid[2].size,
      sum(1 for r in exports.table()[1] if r[0] == "path"))
print("RESULT", exp.finished_run, colored, lines)
exp.shutdown()
"""


@pytest.mark.gl
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (apt-get install xvfb)")
def test_3d_view_renders_surface_and_paths_under_xvfb(tmp_path):
    script = tmp_path / "gl_check.py"
    script.write_text(GL_SCRIPT)
    png = tmp_path / "surface.png"
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    proc = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", sys.executable, str(script),
                           str(ROOT), str(png)], capture_output=True, text=True, timeout=240, env=env)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT")), None)
    assert proc.returncode == 0 and line, proc.stdout[-2000:] + proc.stderr[-3000:]
    _, finished, colored, lines = line.split(" ", 3)
    assert finished == "True"
    assert float(colored) > 0.1                 # the rainbow surface fills a good part of the frame
    assert lines.strip() == "[151, 151, 151]"   # three paths, start + one point per step
    assert png.stat().st_size > 10_000
    export = next(ln for ln in proc.stdout.splitlines() if ln.startswith("EXPORT")).split()
    assert export[1] == "True" and export[2] == "453"        # every grid point, and 3 × 151 path points
    assert (tmp_path / "surface-export.png").stat().st_size > 10_000
    assert (tmp_path / "surface.csv").read_text().startswith("plot,series,x,y,value")


WINDOW_GL_SCRIPT = r"""
import sys, time, tempfile
import numpy as np
from tensordesk.gui.app import create_app
app = create_app([])
from PySide6.QtCore import QSettings
from PySide6.QtGui import QSurface
QSettings.setDefaultFormat(QSettings.IniFormat)
QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp())
from tensordesk.gui.widgets.surface_view import SurfaceView3D
from tensordesk.gui.widgets.gl_support import grab_window
from tensordesk.gui.main_window import MainWindow
w = MainWindow(); w.resize(1300, 850); w.show()
def settle(n):
    for _ in range(n):
        app.processEvents(); time.sleep(0.01)
t = time.time()
while not w.engine_is_ready and time.time() - t < 120:
    settle(5)
exp = w.view("descent").experiment
assert exp.view3d is None                       # not built while its tab has not been shown
w.tabs.setCurrentWidget(w.view("descent")); settle(20)
assert exp.view3d is not None, "OpenGL did not come up under Xvfb"
# a second GL view in the same window: the views share pyqtgraph's compiled shaders
extra = SurfaceView3D()
w.view("landscape").views.addWidget(extra)
a = np.linspace(-1, 1, 30)
extra.set_surface(a, a, np.add.outer(a ** 2, a ** 2) + 0.1, np.tile([0.9, 0.2, 0.1, 1.0], (30 * 30, 1)))
extra.set_runs([(0, 0, 255)]); extra.set_path(0, np.array([[0.5, 0.5, 0.6], [0.0, 0.0, 0.2]]))
w.tabs.setCurrentWidget(w.view("descent")); settle(80)
def coloured(img):
    img = img.convertToFormat(img.Format.Format_RGB32)
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine() // 4, 4)
    return float(np.mean(np.ptp(arr[:, :img.width(), :3].astype(int), axis=2) > 60))
c = exp.view3d.container
r = c.geometry().translated(c.parentWidget().mapTo(w, c.parentWidget().rect().topLeft()))
plain = w.grab().toImage().copy(r); full = grab_window(w).toImage().copy(r)
w.tabs.setCurrentWidget(w.view("landscape")); settle(80)
second = extra.grab_image()
w.lecture.theme_actions["dark"].trigger(); settle(40)   # the 3D views follow the theme: a dark background
corner = extra.grab_image().pixelColor(3, 3)
print("RESULT", w.windowHandle().surfaceType() == QSurface.SurfaceType.RasterSurface,
      coloured(plain), coloured(full), coloured(second), corner.lightness())
w.close()
"""


@pytest.mark.gl
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (apt-get install xvfb)")
def test_3d_views_leave_the_window_raster_painted_and_show_in_its_screenshot(tmp_path):
    """The GL views are native windows in containers: the main window is not switched to OpenGL composition
    (which tripled the cost of every plot repaint under software GL); grab_window paints them into a
    screenshot, two views in one window both render, and they follow the dark theme."""
    script = tmp_path / "window_gl_check.py"
    script.write_text(WINDOW_GL_SCRIPT)
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    proc = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, str(script), str(ROOT)],
                          capture_output=True, text=True, timeout=240, env=env)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT")), None)
    assert proc.returncode == 0 and line, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert "Error while drawing" not in proc.stderr, proc.stderr[-3000:]
    _, raster, plain, full, second, corner = line.split()
    assert raster == "True"
    assert float(plain) < 0.01          # QWidget.grab() alone leaves the native GL window out …
    assert float(full) > 0.05           # … grab_window paints the rainbow surface in
    assert float(second) > 0.02         # the second view (a narrow column) renders its red surface too
    assert int(corner) < 40             # after View → dark theme, the 3D background is dark too


def test_lab_settings_survive_a_restart_of_the_app(window, qtbot):
    from tensordesk.gui.main_window import MainWindow
    window.view("bn").experiment.set_settings(activation="sigmoid", layers=4, learning_rate=0.002)
    window.view("descent").experiment.set_settings(model="cubic", start=(5.0, 1.0), optimizers=["adam", "nesterov"],
                                               learning_rate=0.5, steps=123)
    window.view("descent").curve_fit.hidden_spin.setValue(7)
    window.view("descent").experiment.lab_controls.speed.setValue(2)
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    bn = again.view("bn").experiment.settings()
    assert (bn.activation, bn.layers, bn.learning_rate) == ("sigmoid", 4, 0.002)
    d = again.view("descent").experiment
    s = d.settings()
    assert s.model == "cubic" and s.start == (5.0, 1.0) and s.steps == 123
    assert [r.optimizer for r in s.runs] == ["nesterov", "adam"] and s.runs[0].learning_rate == 0.5
    assert d.start_combo.currentText() == "(5, 1)"
    assert d.lab_controls.speed.value() == 2
    assert again.view("descent").curve_fit.settings().hidden == 7
    d.lab_controls.defaults_button.click()
    assert d.settings().model == "linear" and d.settings().start == (2.0, 4.5) and d.settings().steps == 400
    assert [(r.optimizer, r.learning_rate) for r in d.settings().runs] == [("sgd", 0.1)]
    again.view("bn").experiment.lab_controls.defaults_button.click()
    assert again.view("bn").experiment.settings().activation == "tanh"
    again.close()

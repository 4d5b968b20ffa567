"""The README's "Training as a film" screenshots from the real window:
xvfb-run -a -s "-screen 0 1600x1000x24" python docs/make_film_screenshots.py

The classic CNN trained 3 epochs on the embedded MNIST digits, recorded with its snapshots; the window opens its last
snapshot and the timeline moves it: the points map at three moments (its projection held), the first layer's
filters at the start and at the end, and one feature-map pixel worked out at an early moment."""
import dataclasses
import functools
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "bench"))


def filters_pair(grabs, path):
    """Two grabs of Inside the network's maps side by side, each captioned with its step."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QImage, QPainter
    width = sum(image.width() for _, image in grabs) + 10 * (len(grabs) - 1)
    height = max(image.height() for _, image in grabs) + 30
    out = QImage(width, height, QImage.Format_RGB32)
    out.fill(QColor("white"))
    p = QPainter(out)
    x = 0
    for step, image in grabs:
        p.drawText(x, 0, image.width(), 26, Qt.AlignCenter, f"step {step:,}")
        p.drawImage(x, 30, image)
        x += image.width() + 10
    p.end()
    out.save(str(path))


def main():
    from bench_window import ready_window, wait_for
    from bench_window import settle as settle_app
    from timeline import record_run  # bench/timeline.py: the same recorded run

    from tensordesk.engine.data.datasets import load_embedded
    from tensordesk.gui.widgets.gl_support import grab_window
    app, w, _ = ready_window((1280, 720), view="draw")

    wait = functools.partial(wait_for, app)
    settle = functools.partial(settle_app, app)

    embedded = load_embedded()
    data = dataclasses.replace(embedded, x_train=embedded.x_train[:6000], y_train=embedded.y_train[:6000])
    folder = tempfile.mkdtemp(prefix="tensordesk-film-")
    run_id = record_run(folder, "cnn", data, epochs=3)
    w.view("train").history.set_folder(folder)
    assert w.files.open_model(f"{run_id}@last")
    tl = w.session.timeline
    n = len(tl.film)
    print(f"{n} snapshots at steps {tl.film.steps}")
    draw = w.view("draw")
    draw.show_image(embedded.x_test[0], "a test digit")
    w.show_view("draw")

    def move(index):
        tl.scrub_to(index)
        tl.apply_now()
        settle(10)

    # the points map at three moments, its projection held from the trained model
    points = draw.points
    draw.pages.setCurrentWidget(points)
    points.method_combo.setCurrentIndex(points.method_combo.findData("pca"))
    points.compute()
    wait(lambda: points.result is not None and not points.job.running)
    for name, index in (("start", 0), ("early", n // 3), ("end", n - 1)):
        before = points.result
        move(index)
        wait(lambda before=before: points.result is not before and not points.job.running)
        settle(20)
        grab_window(w).save(str(DOCS / f"film_points_{name}.png"))
        print(name, tl.position, points.note.text())

    # the first layer's filters at the start and at the end, side by side; a pixel of conv2 worked out early on
    w.resize(1600, 960)
    draw.pages.setCurrentWidget(draw.insight)
    grabs = []
    for index in (0, n - 1):
        move(index)
        draw.insight.conv_step.clear()
        settle(20)
        grabs.append((tl.position.step, draw.insight.maps_view.grab().toImage()))
    filters_pair(grabs, DOCS / "film_filters.png")
    move(n // 3)
    draw.insight.work_out("conv2", 6, 7, 5)
    settle(20)
    grab_window(w).save(str(DOCS / "film_conv_step.png"))
    print("conv step:", tl.position, draw.insight.conv_step.sums.text().replace("\n", " | "))
    tl.now()
    w.close()


if __name__ == "__main__":
    main()

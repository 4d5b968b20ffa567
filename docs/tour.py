"""Screenshots of every view and every page of it, at one window size, theme, scale and language, to look at one by
one (issue: lecture-ready):
xvfb-run -a -s "-screen 0 1920x1200x24" python docs/tour.py OUT_DIR [--size 1280x720] [--theme dark] [--scale 150]
[--lang zh_CN]. Prints the window's minimum size on every view."""
import argparse
import tempfile
import time
from pathlib import Path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--theme", default="light", choices=("light", "dark"))
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--lang", default="")
    parser.add_argument("--missions", action="store_true", help="with the Missions panel open on a prediction")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from tensordesk.gui.app import create_app
    app = create_app()
    from PySide6.QtCore import QCoreApplication, QSettings
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp(prefix="tensordesk-tour-"))
    QCoreApplication.setApplicationName("TensorDeskTour")
    if args.lang:
        from tensordesk.gui.i18n import install_language
        install_language(args.lang)
    from tensordesk.gui.main_window import MainWindow
    from tensordesk.gui.views import each_page
    from tensordesk.gui.widgets.gl_support import grab_window

    w = MainWindow()
    width, height = (int(v) for v in args.size.split("x"))
    w.show()

    def settle(n=20):
        for _ in range(n):
            app.processEvents()
            time.sleep(0.02)

    t = time.time()
    while w.starting and time.time() - t < 120:
        settle(1)
    w.lecture.set_presentation(scale=args.scale, theme=args.theme)
    w.resize(width, height)
    if args.missions:
        w.missions.show()
        w.missions.panel.choose("local-minima")
        w.missions.panel.go_to(1)
    settle()
    tag = f"{args.theme}-{args.size}-{args.scale}" + (f"-{args.lang}" if args.lang else "") \
        + ("-missions" if args.missions else "")
    for key, page, _view in each_page(w, settle):
        hint = w.minimumSizeHint()
        name = f"{key}{page}"
        grab_window(w).save(str(out / f"{tag}-{name}.png"))
        if args.missions and w.missions.isFloating():   # the panel floats over the window: the whole screen
            w.screen().grabWindow(0).save(str(out / f"{tag}-{name}-screen.png"))
        print(f"{name:14s} window {w.width()}x{w.height()}  minimum {hint.width()}x{hint.height()}")
    w.close()


if __name__ == "__main__":
    main()

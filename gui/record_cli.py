"""`main.py record`: a view run and recorded without anyone at the screen, for prepared slides.

    main.py record --view bn-lab|descent-lab|curve-fit|parallel-lab|train [--preset NAME] --seconds S
                   --out FILE.gif|.mp4 [--fps N] [--window] [--size WxH]

The window is built off screen (Qt's offscreen platform); a 3D view needs OpenGL, so without a display the
command runs itself again under `xvfb-run` when it is installed (otherwise the surface is drawn as a 2-D map,
and it says so). Settings start from the defaults (the user's saved ones are left alone); a preset then sets
the view up and starts it. Nothing here imports Qt until the arguments have been checked."""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile

XVFB_MARK = "TENSORDESK_RECORD_XVFB"     # set when the command has been started again under xvfb-run


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1280x800") from None
    if not (640 <= w <= 3840 and 480 <= h <= 2160):
        raise argparse.ArgumentTypeError(f"the window's size must be from 640x480 to 3840x2160 (got {text})")
    return w, h


def add_record_parser(sub) -> None:
    from tensordesk.gui.recordable import RECORDABLE_NAMES
    r = sub.add_parser("record", help="run a view off screen and record it to a GIF or an MP4 (for slides)")
    r.add_argument("--view", choices=RECORDABLE_NAMES,
                   help="what to record (default: the preset's view)")
    r.add_argument("--preset", metavar="NAME",
                   help="a shipped preset (its file name or number, e.g. 01_bn_off_vs_on or 1) or a preset file")
    from tensordesk.engine.core.recording import RecordSettings
    from tensordesk.engine.core.settings import add_option
    add_option(r, RecordSettings, "seconds", required=True)   # declared in engine/core/recording.py
    r.add_argument("--out", required=True, metavar="FILE", help="the recording: FILE.gif or FILE.mp4")
    add_option(r, RecordSettings, "fps", default_text="0, the view's own repaint rate")
    r.add_argument("--window", action="store_true", help="record the whole window, not only the view")
    r.add_argument("--size", type=_size, default=(1280, 800), metavar="WxH", help="the window's size (1280x800)")


def _plan(args, parser):
    """(recordable, preset) from the arguments, or a usage error naming the problem."""
    from tensordesk.engine.core.recording import RecordingError, check_output
    from tensordesk.gui.presets import PresetError, preset_named
    from tensordesk.gui.recordable import RECORDABLE
    try:
        check_output(args.out, args.fps or 10)
    except RecordingError as exc:
        parser.exit(2, f"{parser.prog} record: error: {exc}\n")
    preset = None
    if args.preset:
        try:
            preset = preset_named(args.preset)
        except PresetError as exc:
            parser.exit(2, f"{parser.prog} record: error: {exc}\n")
    if args.view is None:
        if preset is None:
            parser.exit(2, f"{parser.prog} record: error: say what to record: --view or --preset.\n")
        view = next(r for r in RECORDABLE if r.view == preset.view)
    else:
        view = next(r for r in RECORDABLE if r.name == args.view)
        if preset is not None and preset.view != view.view:
            parser.exit(2, f"{parser.prog} record: error: the preset '{args.preset}' sets up the {preset.view} view, "
                           f"not {view.name}.\n")
    return view, preset


def _has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_record(args, parser, argv: list[str]) -> int:
    view, preset = _plan(args, parser)
    if not os.environ.get("QT_QPA_PLATFORM"):
        if view.gl and not _has_display():
            xvfb = shutil.which("xvfb-run")
            if xvfb and not os.environ.get(XVFB_MARK):
                os.environ[XVFB_MARK] = "1"
                w, h = args.size
                os.execv(xvfb, [xvfb, "-a", "-s", f"-screen 0 {w + 200}x{h + 200}x24", sys.executable,
                                "-m", "tensordesk.main", *argv])
            print("No display and no xvfb-run: the 3D surface is recorded as a 2-D map (install xvfb for 3D).",
                  file=sys.stderr)
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        elif not view.gl or not _has_display():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return _record(args, view, preset, parser)


def _record(args, view, preset, parser) -> int:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer

    from tensordesk.gui.app import create_app
    from tensordesk.gui.i18n import chosen_language, install_language
    app = create_app([sys.argv[0]])
    install_language(chosen_language())
    settings_dir = tempfile.TemporaryDirectory(prefix="tensordesk-record-")
    QSettings.setDefaultFormat(QSettings.IniFormat)   # from the defaults; the user's settings stay as they are
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, settings_dir.name)
    QCoreApplication.setApplicationName("TensorDeskRecord")

    from tensordesk.gui.main_window import MainWindow
    from tensordesk.gui.presets import PresetError
    window = MainWindow()
    window.resize(*args.size)
    window.show()
    outcome: dict = {}
    loop = QEventLoop()

    def wait(seconds: float) -> None:   # a loop of its own: nothing else ends it early, it ends nothing else
        pause = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), pause.quit)
        pause.exec()

    def fail(message: str) -> int:
        window.close()
        settings_dir.cleanup()
        parser.exit(2, f"{parser.prog} record: error: {message}\n")
        return 2

    window.engine_ready.connect(loop.quit)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    deadline.start(120_000)
    if not window.engine_is_ready:
        loop.exec()
    if not window.engine_is_ready:
        return fail("TensorFlow did not load within two minutes.")
    deadline.stop()
    window.show_view(view.view)
    widget = window.view(view.view)
    widget.show_page(view.page)
    panes = [pane for page, pane in widget.lab_panes().values() if page == view.page]
    batches = [0]    # the labs' event batches so far: the recording starts once the lab is moving
    moving = QEventLoop()

    def on_events(*_args) -> None:
        batches[0] += 1
        if batches[0] >= 2:
            moving.quit()
    for pane in panes:
        pane.controller.events_emitted.connect(on_events)
    started = False
    if preset is not None:
        try:
            window.presets.runner.apply(preset)
        except (PresetError, TypeError, ValueError, KeyError) as exc:
            return fail(f"the preset could not be applied: {exc}")
        window.show_view(view.view)
        widget.show_page(view.page)
        started = bool(preset.data.get("play") or preset.data.get("runs"))
    wait(0.3)   # the first paint, and a lab's step 0
    if not started:
        window.start_or_pause()     # the lab on screen plays; on the Train view, a run starts
    if panes and batches[0] < 2:    # a loaded machine may take seconds over a lab's first steps
        QTimer.singleShot(60_000, moving.quit)
        moving.exec()
    for pane in panes:
        pane.controller.events_emitted.disconnect(on_events)
    recording = window.recording
    recording.recorder.saved.connect(lambda m: (outcome.setdefault("saved", m), loop.quit()))
    recording.recorder.failed.connect(lambda m: (outcome.setdefault("failed", m), loop.quit()))
    if not recording.start(args.out, "window" if args.window else "view", args.fps or None):
        return fail(outcome.get("failed", "the recording could not start."))
    wait(args.seconds)
    frames = recording.recorder.writer.frames if recording.recorder.recording else 0
    recording.stop()
    if "saved" not in outcome and "failed" not in outcome:
        loop.exec()
    window.view("train").stop_training()
    window.close()
    app.processEvents()      # the window's threads hand back their last signals before the settings go
    settings_dir.cleanup()
    if "failed" in outcome:
        parser.exit(2, f"{parser.prog} record: error: {outcome['failed']}\n")
    print(outcome["saved"])
    return 0 if frames else 1

"""`main.py class --model M --folder DIR [--port P] [--token T] [--host H]`: the class's server without a window.

It prints the join address, then one line per digit and vote; Ctrl+C or SIGTERM ends it cleanly (the server
stops, every answered digit is already in the folder)."""
from __future__ import annotations

import signal
import sys
import threading

from tensordesk.engine.core.settings import add_option


def add_class_parser(sub) -> None:
    from tensordesk.engine.classroom.server import ClassSettings
    c = sub.add_parser("class", help="a class that draws along: serve the student page and answer with a model, "
                                     "without a window (prints the join address)")
    c.add_argument("--model", required=True, metavar="PATH", help="a saved .tdm model, a Keras .keras model, "
                   "RUN@STEP (a recorded run's weights at a step), or `shipped`: the model TensorDesk ships")
    c.add_argument("--runs-dir", metavar="DIR", help="where RUN@STEP's run is (default: the user's runs folder)")
    c.add_argument("--folder", required=True, metavar="DIR", help="the class folder: every digit is kept there "
                   "(DIR/<label>/<id>.png and DIR/class.jsonl); an existing class folder goes on")
    add_option(c, ClassSettings, "port")
    add_option(c, ClassSettings, "host")
    c.add_argument("--token", metavar="T", help="the class's token (default: a new random one, 144 bits)")


def run_class(args) -> int:
    from tensordesk.engine.classroom.server import ClassServer, ClassSettings, DigitReceived, VotesChanged
    from tensordesk.engine.classroom.store import ClassFolder
    from tensordesk.engine.models.checkpoints import load_shipped_model
    from tensordesk.engine.models.inference import probabilities, warm_up
    from tensordesk.engine.runs.snapshots import open_model
    checkpoint = load_shipped_model() if args.model == "shipped" else open_model(args.model, args.runs_dir)
    if not checkpoint.is_classifier:
        from tensordesk.engine.core.errors import ConfigError
        raise ConfigError(f"{args.model}: this model is an autoencoder; it does not read digits.")
    model = checkpoint.model
    warm_up(model)
    folder = ClassFolder(args.folder)
    kept = len(folder.read())

    def report(event) -> None:
        if isinstance(event, DigitReceived):
            d = event.digit
            said = "" if d.label is None else (" (right)" if not d.wrong else f" (they drew {d.label})")
            print(f"digit {d.id}: the model says {d.digit}{said}", flush=True)
        elif isinstance(event, VotesChanged):
            print(f"poll {event.poll}: votes {list(event.counts)}", flush=True)

    server = ClassServer(folder, report, ClassSettings(port=args.port, host=args.host), token=args.token,
                         predict=lambda x: probabilities(model, x))
    server.start()
    ended = threading.Event()
    previous = {s: signal.signal(s, lambda *_: ended.set()) for s in (signal.SIGINT, signal.SIGTERM)}
    print(f"The class is open: {server.join_url()}", flush=True)
    if kept:
        print(f"{kept} digits already in {folder.folder}", flush=True)
    if args.host in ("127.0.0.1", "localhost", "::1"):
        print("Only this machine can join; for phones give --host this machine's address on the room's network.",
              file=sys.stderr, flush=True)
    try:
        while not ended.wait(0.5):
            pass
    finally:
        server.close()
        for s, handler in previous.items():
            signal.signal(s, handler)
    print(f"The class has ended: {len(folder.read())} digits in {folder.folder}", flush=True)
    return 0

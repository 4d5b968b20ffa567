"""TensorDesk entry point: `python main.py` (or `tensordesk`) opens the window; `… train|predict|record …` runs headless."""
from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    from tensordesk.engine.cli.main import add_subcommands
    from tensordesk.gui.record_cli import add_record_parser
    parser = argparse.ArgumentParser(prog="tensordesk", description="TensorDesk: a desktop lab for neural networks.")
    parser.add_argument("--model", metavar="PATH", help="open the window with this saved model loaded (a .tdm or "
                        ".keras file, or RUN@STEP: a recorded run's weights at a step)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_subcommands(sub)
    add_record_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parser.parse_args(argv)
    if args.command is None:
        from tensordesk.gui.app import run_app
        return run_app(model_path=args.model)
    if args.command == "missions" and args.missions_command == "verify":   # through the window: gui/missions/
        from tensordesk.gui.missions.verify import run_verify
        return run_verify(args, parser)
    if args.command == "record":   # the window, off screen: gui/record_cli.py
        from tensordesk.gui.record_cli import run_record
        return run_record(args, parser, argv)
    from tensordesk.engine.cli.main import run
    return run(args, parser)


def _import_from_this_folder() -> None:
    """Run from a clone that was never installed: this folder is the package `tensordesk` (as pyproject maps it)."""
    import importlib.util
    from pathlib import Path

    here = Path(__file__).resolve().parent
    spec = importlib.util.spec_from_file_location("tensordesk", here / "__init__.py",
                                                  submodule_search_locations=[str(here)])
    package = importlib.util.module_from_spec(spec)
    sys.modules["tensordesk"] = package
    spec.loader.exec_module(package)


if __name__ == "__main__":
    import importlib.util
    if importlib.util.find_spec("tensordesk") is None:
        _import_from_this_folder()
    sys.exit(main())

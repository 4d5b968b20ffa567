"""TensorDesk entry point: `python main.py` opens the window; `python main.py train|predict …` runs headless."""
from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    from engine.cli import add_subcommands
    parser = argparse.ArgumentParser(prog="tensordesk", description="TensorDesk: a desktop lab for neural networks.")
    parser.add_argument("--model", metavar="PATH", help="open the window with this saved model loaded")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_subcommands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is None:
        from gui.app import run_app
        return run_app(model_path=args.model)
    from engine.cli import run
    return run(args, parser)


if __name__ == "__main__":
    sys.exit(main())

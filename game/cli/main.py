"""`python run.py [subcommand]`: dispatch to the subcommand modules of game.cli."""
from __future__ import annotations

import argparse
import importlib
import sys

#: subcommand -> module in game.cli; each module has `add_arguments(parser)` and `run(args) -> int`.
SUBCOMMANDS = {
    "play": ("play", "play a game (window, terminal or headless agents)"),
    "validate": ("validate", "check scenario files and report every error"),
    "schema": ("schema", "print the JSON Schema of the scenario format"),
    "replay": ("replay", "re-run a game record and confirm it reproduces exactly"),
    "bench": ("bench", "measure load time and engine throughput"),
    "test": ("test", "run the whole test suite"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python run.py",
        description="Hotline: a diplomatic crisis negotiation game. With no subcommand, starts the game.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in SUBCOMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        importlib.import_module(f"game.cli.{module}").add_arguments(p)
        p.set_defaults(_module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["test"]:  # pass everything after `test` to pytest untouched
        from game.cli import test

        return test.run_pytest(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv or ["play"])
    module = importlib.import_module(f"game.cli.{args._module}")
    try:
        return module.run(args)
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130

"""`python run.py [subcommand]`: dispatch to the subcommand modules of game.cli.

Only the chosen subcommand's module is imported, so `validate` never loads the engine and no
subcommand but the window's loads pygame.
"""
from __future__ import annotations

import argparse
import importlib
import sys

#: subcommand -> (module in game.cli, help); each module has `add_arguments(parser)` and `run(args) -> int`
SUBCOMMANDS = {
    "play": ("play", "play a game (terminal, or headless between agents)"),
    "validate": ("validate", "check scenario files and report every error"),
    "lint": ("lint", "find flaws in the game a scenario makes (beyond validation)"),
    "balance": ("balance", "play a scenario between the computer players and write a balance report"),
    "schema": ("schema", "print the JSON Schema of the scenario format"),
    "replay": ("replay", "re-run a game record and confirm it reproduces exactly"),
    "simulate": ("simulate", "run many games between two agents into a results file (resumable)"),
    "tournament": ("tournament", "every agent against every agent on both sides: ranking, CSV/JSON, charts"),
    "briefing": ("briefing", "write a side's role briefing as a page to print"),
    "report": ("report", "write the debrief of a game (from its record or save) as a page to print"),
    "class": ("classroom", "gather a class's game records into one table and one page"),
    "guide": ("guide", "write the teacher's guide as a page to print"),
    "wheelhouse": ("wheelhouse", "download everything Hotline needs, for offline installs on school machines"),
    "bench": ("bench", "measure load time and engine throughput"),
    "test": ("test", "run the whole test suite (arguments go to pytest)"),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python run.py",
        description="Hotline: a diplomatic crisis negotiation game. With no subcommand, starts the game.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in SUBCOMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if only == name:   # only the chosen subcommand's module: `--help` alone loads no engine
            importlib.import_module(f"game.cli.{module}").add_arguments(p)
        p.set_defaults(_module=module)
    return parser


def tolerant_stdio() -> None:
    """Never crash on text encodings: a byte that is not text in the input reads as U+FFFD (so it
    is just an invalid answer), and a character the terminal cannot show prints as '?' (e.g. '—'
    and '→' on a Windows console or an ASCII-only locale)."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if stream is not None and callable(getattr(stream, "reconfigure", None)):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):   # a closed or unusual stream: leave it as it is
                pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    tolerant_stdio()
    if argv[:1] == ["test"]:  # everything after `test` goes to pytest untouched
        from game.cli import test

        return test.run_pytest(argv[1:])
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["play", *argv]   # `python run.py`, `python run.py --demo`, `python run.py --text …`
    only = argv[0] if argv[0] in SUBCOMMANDS else None
    args = build_parser(only).parse_args(argv)
    if args.command is None:
        build_parser("").print_help()
        return 2
    module = importlib.import_module(f"game.cli.{args._module}")
    try:
        return module.run(args)
    except KeyboardInterrupt as exc:   # Ctrl-C, or SIGTERM/SIGHUP where play installed its handlers
        code = getattr(exc, "exit_code", 130)
        print("\nInterrupted." if code == 130 else f"\nStopped by {exc}.", file=sys.stderr)
        return code
    except BrokenPipeError:   # output piped into e.g. `head`, which has stopped reading: not an error
        _silence_stdout()
        return 0


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the interpreter's final flush stays quiet."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass

"""`python run.py report RECORD.json --out FILE.html`: the one-page debrief of a game, to print.

RECORD is a game record (`play --record FILE.json`) or a save (`--save NAME`); the game is replayed
from it, so it must be of the same version of its scenario. The page says what the players did at
the key moments, how their escalation compares with the historical line and the computer players,
which agreements held or broke and why, the scores in words, the game beside what really happened,
and the scenario's discussion questions for this game.

Exit codes: 0 written, 1 a record that cannot be read or replayed, or a file that cannot be written.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = __doc__.split("\n", 1)[1]
    parser.add_argument("record", metavar="RECORD.json", help="a game record or a save")
    parser.add_argument("--out", metavar="FILE.html", help="where to write it (default: RECORD.html)")
    parser.add_argument("--scenario", metavar="ID_OR_PATH", help="the scenario file, if it is not bundled")
    parser.add_argument("--no-compare", action="store_true",
                        help="leave out the historical line and the computer players' range (faster)")


def run(args: argparse.Namespace) -> int:
    from game.lesson.report import ReportError, write_report

    out = Path(args.out) if args.out else Path(args.record).with_suffix(".html")
    try:
        write_report(args.record, out, scenario=args.scenario, compare=not args.no_compare)
    except ReportError as exc:
        print(f"report: error: {exc}", file=sys.stderr)
        return 1
    print(f"debrief written to {out} (open it in a browser and print it)")
    return 0

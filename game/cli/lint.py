"""`python run.py lint PATH...`: beyond validation, what is wrong with the game a scenario makes.

Each finding: `file:line:col: severity: key.path: message [rule, static|playouts]` and a hint.
Static findings are proved from the file; playout findings come from seeded games between the
built-in computer players (`--games`, `--seed`; `--games 0` for static analysis only).

Exit status: 0 no errors (warnings and notes allowed), 1 some file has errors (or is invalid),
2 usage error.
"""
from __future__ import annotations

import argparse
import json
import sys

from game.cli.validate import collect


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = __doc__.split("\n", 1)[1]
    parser.add_argument("paths", nargs="*", metavar="PATH", help="scenario files, or folders of *.yaml files")
    parser.add_argument("--games", type=int, default=300, metavar="N",
                        help="random games to play per file (default 300; 0 = static analysis only)")
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="first seed of the playouts (default 0)")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON lines")
    parser.add_argument("--quiet", "-q", action="store_true", help="print errors and warnings only, no notes")


def run(args: argparse.Namespace) -> int:
    if not args.paths:
        print("lint: give one or more scenario files or folders, e.g. `python run.py lint scenarios/`",
              file=sys.stderr)
        return 2
    if args.games < 0 or args.seed < 0:
        print("lint: --games and --seed must be 0 or more", file=sys.stderr)
        return 2
    files, problems = collect(args.paths)
    if problems:
        for problem in problems:
            print(f"lint: {problem}", file=sys.stderr)
        return 2
    from game.authoring.findings import summary
    from game.authoring.lint import lint_file

    failed = 0
    for path in files:
        report = lint_file(path, games=args.games, seed=args.seed,
                           scripted_games=6 if args.games else 0, passive_games=10 if args.games else 0)
        shown = [f for f in report.findings if not (args.quiet and f.severity == "note")]
        failed += report.errors > 0
        if args.json:
            for f in shown:
                print(json.dumps(f.to_json(), ensure_ascii=False))
            continue
        for f in shown:
            print(f)
        how = f"; playouts: {report.playouts}" if report.playouts else "; static analysis only"
        print(f"{path}: {summary(report.findings)}{how}")
    return 1 if failed else 0

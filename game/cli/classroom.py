"""`python run.py class collect FOLDER [--out DIR]`: a class's games in one table and one page.

Gathers every game record and save in FOLDER (sub-folders too: a shared folder, a USB stick with
one folder per student) into DIR/class_results.csv and DIR/class_results.html (DIR defaults to
FOLDER). Files that are not records or saves, or are damaged, are listed and left out.

Exit codes: 0 done (also when some files were left out), 2 a usage error (no such folder).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = __doc__.split("\n", 1)[1]
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    collect = sub.add_parser("collect", help="gather the records and saves of a folder into a table and a page",
                             description="gather the records and saves of a folder into a table and a page")
    collect.add_argument("folder", metavar="FOLDER", help="folder of game records (.json) and saves")
    collect.add_argument("--out", metavar="DIR", help="where to write class_results.csv and .html (default: FOLDER)")


def run(args: argparse.Namespace) -> int:
    if getattr(args, "action", None) != "collect":
        print("class: say what to do, e.g. `python run.py class collect FOLDER`", file=sys.stderr)
        return 2
    from game.lesson.classroom import ClassError, collect, write

    try:
        collection = collect(args.folder)
    except ClassError as exc:
        print(f"class collect: error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else Path(args.folder)
    try:
        csv_path, html_path = write(collection, out)
    except OSError as exc:
        print(f"class collect: error: cannot write to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{len(collection.games)} game{'s' if len(collection.games) != 1 else ''} collected from {args.folder}")
    for name, why in collection.problems:
        print(f"  left out: {name}: {why}")
    print(f"table: {csv_path}")
    print(f"page:  {html_path}")
    return 0

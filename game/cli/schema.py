"""`python run.py schema`: print the JSON Schema of the scenario format (or write it to a file)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.scenario.json_schema import schema_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the schema to FILE instead of printing it "
                             "(e.g. scenarios/hotline.schema.json)")


def run(args: argparse.Namespace) -> int:
    text = schema_text()
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"schema: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.output}")
    return 0

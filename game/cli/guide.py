"""`python run.py guide [--out FILE.html]`: the teacher's guide (scenarios/teachers_guide.md) as a
page to print. Without --out it writes teachers_guide.html in the current folder."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[2] / "scenarios" / "teachers_guide.md"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="FILE.html", help="where to write it (default: teachers_guide.html)")


def run(args: argparse.Namespace) -> int:
    from game.jsonfile import write_atomic
    from game.lesson.html import page
    from game.lesson.markdown import to_html

    try:
        text = GUIDE.read_text(encoding="utf-8")
    except OSError as exc:
        print(f"guide: error: cannot read {GUIDE}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    title = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("# ")), "Teacher's guide")
    out = Path(args.out or "teachers_guide.html")
    try:
        write_atomic(out, page(title, [to_html(text)]))
    except OSError as exc:
        print(f"guide: error: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"teacher's guide written to {out} (open it in a browser and print it)")
    return 0

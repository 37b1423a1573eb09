"""`python run.py briefing --side SIDE [--scenario X] --out FILE.html`: a role briefing to print.

Generated from the scenario (its summary, the side's briefing and objectives, what the side sees,
its moves with where each comes from, the negotiation with the side's own values, the endings,
the sources), with the article's words marked as quotations. `--side all` puts both sides in one
file, one per page.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = __doc__.split("\n", 1)[1]
    parser.add_argument("--side", metavar="SIDE", default="all", help="a side id (moscow, washington) or all")
    parser.add_argument("--scenario", metavar="ID_OR_PATH", help="bundled scenario id or a .yaml file "
                        "(default: ukraine_2022)")
    parser.add_argument("--out", metavar="FILE.html", help="where to write it (default: briefing_<scenario>_<side>.html)")


def run(args: argparse.Namespace) -> int:
    from game.jsonfile import write_atomic
    from game.lesson.briefing import BriefingError, briefing_html
    from game.scenario.errors import ScenarioError
    from game.scenario.load import ScenarioNotFound, load_scenario

    try:
        scenario = load_scenario(args.scenario)
        text = briefing_html(scenario, args.side)
    except ScenarioNotFound as exc:
        print(f"briefing: error: {exc}", file=sys.stderr)
        return 2
    except ScenarioError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except BriefingError as exc:
        print(f"briefing: error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out or f"briefing_{scenario.id}_{args.side}.html")
    try:
        write_atomic(out, text)
    except OSError as exc:
        print(f"briefing: error: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"briefing written to {out} (open it in a browser and print it)")
    return 0

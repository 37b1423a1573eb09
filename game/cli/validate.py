"""`python run.py validate PATH...`: check scenario files and print every error as file:line:col.

Exit status: 0 all valid, 1 some file has errors, 2 usage error (no path, or a path that does
not exist or holds no scenario files).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.scenario.errors import ScenarioError
from game.scenario.origins import validate_with_warnings

PATTERNS = ("*.yaml", "*.yml")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="scenario files, or folders whose *.yaml files are checked")


def collect(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The files to check, and one usage problem per bad path."""
    files: list[Path] = []
    problems: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted({p for pattern in PATTERNS for p in path.glob(pattern) if p.is_file()})
            if not found:
                problems.append(f"no .yaml files in folder {name}")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(f"no such file or folder: {name}")
    return files, problems


def run(args: argparse.Namespace) -> int:
    if not args.paths:
        print("validate: give one or more scenario files or folders, "
              "e.g. `python run.py validate scenarios/`", file=sys.stderr)
        return 2
    files, problems = collect(args.paths)
    if problems:
        for problem in problems:
            print(f"validate: {problem}", file=sys.stderr)
        return 2
    bad_files = errors = warned = 0
    for path in files:
        try:
            _, warnings = validate_with_warnings(path)
        except ScenarioError as exc:
            bad_files += 1
            errors += len(exc.issues)
            for issue in exc.issues:
                print(issue)
        else:
            print(f"{path}: valid")
            for warning in warnings:   # valid, but students cannot tell where these texts come from
                print(warning)
            warned += len(warnings)
    print(summary(len(files), bad_files, errors, warned))
    return 1 if bad_files else 0


def summary(checked: int, bad_files: int, errors: int, warnings: int = 0) -> str:
    """`2 files checked: 1 valid, 1 with 3 errors` (and `; 2 warnings` when there are some)."""
    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    text = f"{n(checked, 'file')} checked: {checked - bad_files} valid"
    text += f", {bad_files} with {n(errors, 'error')}" if bad_files else ""
    return text + (f"; {n(warnings, 'warning')}" if warnings else "")

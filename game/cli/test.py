"""`python run.py test`: run the whole test suite with pytest (extra arguments go to pytest)."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pytest_args", nargs=argparse.REMAINDER, help="passed to pytest")


def run_pytest(extra: list[str]) -> int:
    import importlib.util

    if importlib.util.find_spec("pytest") is None:   # e.g. a class machine installed offline: the game only
        print("test: the test suite needs pytest and the research packages, which this installation left out "
              "(it was made from a wheelhouse for the game). With a network: "
              f"{sys.executable} -m pip install -e '{ROOT}[test]'", file=sys.stderr)
        return 2
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    return subprocess.call([sys.executable, "-m", "pytest", *extra], cwd=ROOT, env=env)


def run(args: argparse.Namespace) -> int:
    return run_pytest(args.pytest_args)

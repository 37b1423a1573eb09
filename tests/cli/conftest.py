"""Helpers for the command-line tests: run `run.py` as a user would, with piped input."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DUEL = ROOT / "tests" / "engine" / "fixtures" / "duel.yaml"
ALWAYS_FIRST = "1\n\n" * 1500        # move 1 and no message (Enter), every turn; finite


def run_cli(*args: str, input: str = "", saves: Path | None = None, timeout: float = 120,
            cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`python run.py ARGS` in the venv (so run.py does not bootstrap), saves kept in `saves`."""
    env = dict(os.environ)
    env.pop("HOTLINE_NO_BOOTSTRAP", None)
    if saves is not None:
        env["HOTLINE_SAVES_DIR"] = str(saves)
    return subprocess.run([sys.executable, str(ROOT / "run.py"), *args], input=input, capture_output=True,
                          text=True, timeout=timeout, cwd=cwd, env=env)


def no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr[-3000:]


@pytest.fixture
def saves(tmp_path) -> Path:
    path = tmp_path / "saves"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def duel():
    from game.scenario.load import load_scenario

    return load_scenario(DUEL)


@pytest.fixture(scope="session")
def ukraine():
    from game.scenario.load import load_scenario

    return load_scenario("ukraine_2022")

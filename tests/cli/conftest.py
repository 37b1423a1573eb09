"""Helpers for the command-line tests: run `run.py` as a user would, with piped input."""
from __future__ import annotations

import os
import select
import subprocess
import sys
import time
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


def read_until_action_prompt(proc: subprocess.Popen, turn: str, side: str = "North", timeout: float = 60) -> str:
    """What a running game printed up to `side`'s action prompt in `turn` (e.g. "turn 2 of 6");
    fails after `timeout` seconds or at the end of its output instead of waiting for ever."""
    seen, fd = "", proc.stdout.fileno()
    deadline = time.monotonic() + timeout

    def done() -> bool:
        last = seen.rstrip().rsplit("\n", 1)[-1]
        return turn in seen and last.startswith(f"{side}, action [") and last.endswith("]:")

    while not done():
        remaining = deadline - time.monotonic()
        assert remaining > 0, seen[-2000:]
        if select.select([fd], [], [], remaining)[0]:
            chunk = os.read(fd, 4096)
            assert chunk, seen[-2000:]     # the game ended without reaching the prompt
            seen += chunk.decode("utf-8", "replace")
    return seen


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

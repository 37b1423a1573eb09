"""Shared pieces for the batch tests: the bundled scenario, and reading a results file."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = "tests.batch.plugins"


@pytest.fixture(scope="session")
def ukraine():
    from game.scenario.load import load_scenario

    return load_scenario("ukraine_2022")


def lines_by_game(path: Path) -> dict[int, str]:
    """game id -> its line, refusing duplicates (a resumed run must not play a game twice)."""
    out: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        game = json.loads(line)["game"]
        assert game not in out, f"game {game} is in {path.name} twice"
        out[game] = line
    return out


def sorted_text(path: Path) -> str:
    lines = lines_by_game(path)
    return "\n".join(lines[k] for k in sorted(lines))

"""Agents in processes of their own: they see only their observation and legal moves, and a crash,
exit, hang, long C call or garbage on the pipe is a fault while the game goes on."""
from __future__ import annotations

import os

import pytest

from game.agents.isolated import MAX_RESTARTS, IsolatedAgent
from game.engine.record import dumps
from game.match import Match
from game.saves import load_game, save_game
from game.scenario.load import load_scenario
from tests.engine.conftest import FIXTURES

pytestmark = pytest.mark.skipif(os.name != "posix", reason="exit codes and signals as on POSIX")
PLUGINS = "tests.agents.hostile_plugins"


@pytest.fixture(scope="module")
def duel():
    return load_scenario(FIXTURES / "duel.yaml")


def isolated_match(duel, north: str, south: str = "random", limit: float | None = 0.5, seed: int = 1) -> Match:
    return Match(duel, [north, south], seed=seed, isolate=True, time_limit=limit)


def test_an_isolated_game_is_the_same_game(duel):
    alone = Match(duel, ["random", f"{PLUGINS}:Good"], seed=4)
    alone.play()
    match = isolated_match(duel, "random", f"{PLUGINS}:Good", limit=None, seed=4)
    try:
        match.play()
    finally:
        match.close()
    assert dumps(match.record()) == dumps(alone.record())
    assert [type(a) for a in match.agents] == [IsolatedAgent, IsolatedAgent]


@pytest.mark.parametrize("plugin, message", [
    ("Crash", "its process ended (exit code 3)"),
    ("Exits", "raised SystemExit: 0"),
    ("Hang", "took longer than 0.5 s (choose); its process was ended"),
    ("CCallHog", "took longer than 0.5 s (choose); its process was ended"),
    ("Garbage", "sent a malformed answer; its process was ended"),
    ("Forger", "sent a malformed answer; its process was ended"),
    ("Flood", "sent an answer too large or broken; its process was ended"),
    ("LookAlike", "returned an illegal choice (a Choice of a Fake and a Message)"),
    ("Widener", "returned an illegal choice Choice("),
])
def test_a_hostile_agent_is_a_fault_and_the_game_goes_on(duel, plugin, message):
    match = isolated_match(duel, f"{PLUGINS}:{plugin}")
    try:
        for _ in range(MAX_RESTARTS + 1):
            match.step()
    finally:
        match.close()
    faults = [f for f in match.faults if f.side == "north"]
    assert faults and faults[0].message.startswith(message), faults[0].message
    assert all(c[0].action.escalation == 0 for c in match.game.choices)   # held position every turn
    assert not [f for f in match.faults if f.side == "south"]


def test_an_agent_that_keeps_failing_is_out_of_the_game_after_the_restarts(duel):
    match = isolated_match(duel, f"{PLUGINS}:Crash")
    try:
        for _ in range(MAX_RESTARTS + 2):
            match.step()
    finally:
        match.close()
    messages = [f.message for f in match.faults]
    assert messages[-1].startswith(f"is out of the game after {MAX_RESTARTS} failures of its process")


def test_an_agent_that_cannot_start_says_why(duel):
    match = isolated_match(duel, f"{PLUGINS}:Missing")
    try:
        assert match.agents[0].start_problem == f"cannot load agent '{PLUGINS}:Missing': {PLUGINS} has no 'Missing'"
        match.step()
    finally:
        match.close()
    assert match.faults[0].message.startswith("could not start: cannot load agent")


def test_state_travels_through_the_process_and_a_bad_state_is_a_fault(duel, tmp_path):
    match = isolated_match(duel, f"{PLUGINS}:Good", f"{PLUGINS}:BadState")
    try:
        match.step()
        match.step()
        path = save_game(match, tmp_path / "s.json")
    finally:
        match.close()
    assert [f.message[:36] for f in match.faults] == ["answered with what is not plain JSON"]
    resumed = load_game(path, agents={"north": f"{PLUGINS}:Good", "south": "random"}, isolate=True)
    try:
        assert resumed.agents[0].get_state() == {"turns": 2}
    finally:
        resumed.close()

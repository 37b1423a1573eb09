"""Shared fixtures for the computer players' tests: the built-in scenario and a match helper."""
from __future__ import annotations

import pytest

from game.agents.base import builtin_agents
from game.match import Match
from game.scenario.load import load_scenario


@pytest.fixture(scope="session")
def ukraine():
    return load_scenario("ukraine_2022")


def new_agent(name: str):
    return builtin_agents()[name]()


def play(scenario, first: str, second: str, seed: int, *, log: bool = False) -> Match:
    """A finished match between two built-in agents (by name)."""
    match = Match(scenario, [new_agent(first), new_agent(second)], seed=seed, log=log)
    match.play()
    return match

"""Games the classroom tests read: real records of the built-in scenario, made by the match runner."""
from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="session")
def ukraine():
    from game.scenario.load import load_scenario

    return load_scenario("ukraine_2022")


def play_record(scenario, moscow: str, washington: str, seed: int) -> dict:
    """The JSON record of a whole game between two built-in computer players."""
    from game.agents import make_agent
    from game.match import Match

    match = Match(scenario, [make_agent(moscow), make_agent(washington)], seed=seed)
    match.play()
    return json.loads(json.dumps(match.record()))


@pytest.fixture(scope="session")
def war_record(ukraine):
    return play_record(ukraine, "hawk", "tit_for_tat", 3)


@pytest.fixture(scope="session")
def deal_record(ukraine):
    return play_record(ukraine, "negotiator", "negotiator", 5)


@pytest.fixture(scope="session")
def historical_record(ukraine):
    return play_record(ukraine, "historical", "historical", 1)


@pytest.fixture(scope="session")
def reference(ukraine):
    from game.lesson.reference import reference

    return reference(ukraine)

"""Every built-in computer player can play a scenario that uses the format's second pass:
facts in outcome conditions and scores, requires on options and packages, once-only actions."""
from __future__ import annotations

from pathlib import Path

import pytest

from game.agents.base import builtin_agents
from game.scenario.load import load_scenario
from tests.agents.conftest import play

PACT = Path(__file__).resolve().parents[1] / "engine" / "fixtures" / "pact.yaml"
CHEAP = [name for name in builtin_agents() if name not in ("human", "llm", "historical")]   # historical: ukraine only


@pytest.fixture(scope="module")
def pact():
    return load_scenario(PACT)


@pytest.mark.parametrize("name", CHEAP)
def test_agent_plays_a_scenario_whose_conditions_read_facts(pact, name):
    for seed in range(3):
        match = play(pact, name, "random", seed)
        assert match.game.over and not match.faults
        match = play(pact, "random", name, seed)
        assert match.game.over and not match.faults

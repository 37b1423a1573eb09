"""Random-simulation conformance (after OpenSpiel's random sim test and PettingZoo's api_test).

For every bundled scenario (and the duel fixture): 1,000 random games with invariants checked
after every turn; every record is valid JSON that replays to the same final state.
"""
from __future__ import annotations

import json

import pytest

from game.agents import RandomAgent
from game.engine.record import dumps, replay_game
from game.match import Match
from game.scenario.load import bundled_scenarios, load_scenario
from tests.engine.conftest import FIXTURES

GAMES = 1000
SCENARIOS = [*bundled_scenarios(), FIXTURES / "duel.yaml"]


def check_invariants(game) -> None:
    sc = game.scenario
    for i, name in enumerate(sc.var_ids):
        assert sc.lo[i] <= game.v[i] <= sc.hi[i], f"{name}={game.v[i]} outside [{sc.lo[i]}, {sc.hi[i]}]"
    assert game.v[sc.names["turn"]] == game.turn
    if not game.over:
        for side in (0, 1):
            legal = game.legal(side)
            assert legal.actions and legal.messages, "an empty choice set before the end"
    assert len(game.choices) <= sc.max_turns


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_random_games_keep_every_invariant(path):
    scenario = load_scenario(path)
    outcomes = set()
    for seed in range(GAMES):
        match = Match(scenario, [RandomAgent(), RandomAgent()], seed=seed)
        check_invariants(match.game)
        while not match.over:
            match.step()
            check_invariants(match.game)
        assert match.game.outcome is not None
        outcomes.add(match.game.outcome.id)
        if seed % 100 == 0:   # the full record round trip, on a sample to keep the suite quick
            record = json.loads(dumps(match.record()))
            assert replay_game(record, scenario).snapshot() == match.game.snapshot()
    assert len(outcomes) >= 2, f"random play reached only {outcomes}"


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_record_is_valid_json_and_replays_to_the_same_state(path):
    scenario = load_scenario(path)
    for seed in range(0, GAMES, 7):
        match = Match(scenario, [RandomAgent(), RandomAgent()], seed=seed)
        match.play()
        text = dumps(match.record())
        record = json.loads(text)
        assert record["outcome"]["id"] == match.game.outcome.id
        assert replay_game(record, scenario).snapshot() == record["final"]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_resuming_from_any_turn_equals_the_uninterrupted_game(path):
    """Rebuild a game from its first k choices plus the agents' saved streams, then continue."""
    scenario = load_scenario(path)
    for seed in range(0, 60, 3):
        whole = Match(scenario, [RandomAgent(), RandomAgent()], seed=seed)
        whole.play()
        expected = dumps(whole.record())
        turns = len(whole.game.choices)
        for k in sorted({1, turns // 2, turns - 1} - {0}):
            part = Match(scenario, [RandomAgent(), RandomAgent()], seed=seed)
            for _ in range(k):
                part.step()
            record = json.loads(dumps(part.record()))
            states = [a.get_state() for a in part.agents]
            resumed = Match(scenario, [RandomAgent(), RandomAgent()], seed=seed,
                            game=replay_game(record, scenario))
            for agent, state in zip(resumed.agents, json.loads(json.dumps(states))):
                agent.set_state(state)
            resumed.play()
            assert dumps(resumed.record()) == expected, f"seed {seed}: resuming at turn {k} diverged"

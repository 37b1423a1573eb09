"""Any batch game replays exactly in the one-game engine (game.lockstep.replay): the same keyed
draws for its events, the batch's moves, and the same end, final state and scores; its record
re-runs like any other record."""
from __future__ import annotations

import numpy as np
import pytest

from game.engine import keyed
from game.engine.record import RecordError, build_record, replay_game, verify
from game.lockstep.engine import game_keys, uniforms
from game.lockstep.replay import replay
from game.lockstep.rules import BatchRules
from game.scenario.load import load_scenario
from tests.engine.conftest import FIXTURES


def test_the_one_game_engines_keyed_draws_are_the_batch_engines():
    keys = game_keys(2 ** 40 + 3, np.arange(64))
    assert [keyed.game_key(2 ** 40 + 3, g) for g in range(64)] == keys.tolist()
    turns = np.arange(64) % 9 + 1
    assert [keyed.draw(int(k), int(t), keyed.EVENT + 5) for k, t in zip(keys, turns)] == \
        uniforms(keys, turns, keyed.EVENT + 5).tolist()


@pytest.mark.parametrize("name", ["ukraine_2022", "cuba_1962", "pact.yaml", "berlin_1961.yaml"])
@pytest.mark.parametrize("agents", [("random", "random"), ("hawk", "tit_for_tat"), ("dove", "random")])
def test_every_batch_game_replays_exactly_in_the_one_game_engine(name, agents):
    scenario = load_scenario(FIXTURES / name if name.endswith(".yaml") else name)
    rules = BatchRules(scenario)
    events = 0
    for game in range(40):   # replay() raises ReplayMismatch on any difference of end, state or scores
        g = replay(scenario, agents, 11, game, rules)
        events += sum(1 for t in g.turns for n in t["news"] if n["kind"] == "event")
    assert events > 0   # chance events took part, keyed


def test_a_replayed_batch_games_record_reruns_exactly_and_keeps_its_keys():
    scenario = load_scenario("ukraine_2022")
    record = build_record(replay(scenario, ("random", "random"), 3, 21), agents=["random", "random"])
    assert record["keyed"] == {"seed": 3, "game": 21}
    assert verify(record, scenario) is None
    other = dict(record, keyed={"seed": 3, "game": 22})   # another game's draws: not this game
    with pytest.raises(RecordError):
        diff = verify(other, scenario)
        raise RecordError(diff or "no difference")
    with pytest.raises(RecordError, match="keyed draws"):
        replay_game(dict(record, keyed={"seed": -1, "game": "x"}), scenario)

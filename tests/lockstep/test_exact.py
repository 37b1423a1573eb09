"""Given the same choices and the same events, the batch engine reproduces the one-game engine's
state exactly, turn by turn: every variable and fact slot, the phase and the end, both as numpy
columns and compiled. (Only chance differs between them: the batch engine's draws are keyed, the
one-game engine's streamed; here the batch engine is made to fire exactly the events the one-game
game fired.)"""
from __future__ import annotations

import numpy as np
import pytest

from game.agents import make_agent
from game.lockstep.engine import new_batch
from game.lockstep.rules import BatchRules
from game.match import Match
from game.scenario.load import load_scenario
from tests.engine.conftest import FIXTURES


@pytest.mark.parametrize("name,agents,games", [("ukraine_2022", ("random", "random"), 60),
                                               ("ukraine_2022", ("dove", "tit_for_tat"), 30),
                                               ("ukraine_2022", ("hawk", "negotiator"), 20),
                                               ("cuba_1962", ("random", "random"), 60),
                                               ("cuba_1962", ("hawk", "dove"), 20),
                                               ("pact.yaml", ("random", "random"), 60),
                                               ("berlin_1961.yaml", ("random", "random"), 60),
                                               ("berlin_1961.yaml", ("hawk", "tit_for_tat"), 20),
                                               ("duel.yaml", ("random", "random"), 60)])
@pytest.mark.parametrize("compiled", [False, True], ids=["columns", "compiled"])
def test_same_choices_and_events_give_the_same_state_every_turn(name, agents, games, compiled):
    scenario = load_scenario(FIXTURES / name if name.endswith(".yaml") else name)
    rules = BatchRules(scenario)
    turns = 0
    for seed in range(games):
        match = Match(scenario, [make_agent(a) for a in agents], seed=seed, log=True)
        batch = new_batch(rules, [seed], seed, compiled)
        while not match.over:
            record = match.step()
            first, second = match.game.choices[-1]
            fired = {f["id"] for f in record["news"] if f["kind"] == "event"}
            batch.forced_draws = np.array([0.0 if e.id in fired else 1.0 for e in scenario.events])
            outcome = batch.step((np.array([first.action.index]), np.array([second.action.index])),
                                 (np.array([first.message.index]), np.array([second.message.index])))
            assert np.array_equal(batch.V[:, 0], np.array(match.game.v)), (seed, record["turn"])
            assert batch.phase[0] == match.game.phase
            ended = match.game.outcome
            assert (outcome[0] >= 0) == (ended is not None)
            if ended is not None:
                assert scenario.outcomes[outcome[0]] is ended
                assert batch.scores(outcome, np.array([0]))[:, 0].tolist() == list(match.game.scores())
            turns += 1
    assert turns > games

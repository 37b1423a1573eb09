"""The lookahead planner: legal choices, determinism, exact resumption, a fixed simulation budget,
and plans made from its own observation only."""
from __future__ import annotations

import pytest

from game.agents.lookahead import LookaheadAgent
from game.engine.observation import observe
from game.engine.record import dumps
from game.engine.rng import Stream
from game.match import Match
from game.saves import load_game, save_game
from tests.agents.conftest import new_agent, play
from tests.agents.test_scripted_agents import Checked


@pytest.mark.parametrize("opponent", ["random", "hawk"])
def test_lookahead_only_ever_returns_legal_choices(ukraine, opponent):
    for seed, side in ((1, 0), (2, 1)):
        checked = Checked(LookaheadAgent())
        agents = [checked, new_agent(opponent)] if side == 0 else [new_agent(opponent), checked]
        match = Match(ukraine, agents, seed=seed, log=False)
        match.play()
        assert checked.illegal == [] and match.faults == []


def test_lookahead_plays_the_same_game_from_the_same_seed(ukraine):
    first = play(ukraine, "lookahead", "negotiator", 7, log=True).record()
    assert dumps(first) == dumps(play(ukraine, "lookahead", "negotiator", 7, log=True).record())


def test_a_saved_game_against_hard_resumes_exactly(ukraine, tmp_path):
    whole = play(ukraine, "random", "hard", 12, log=True)
    match = Match(ukraine, [new_agent("random"), new_agent("hard")], seed=12)
    for _ in range(min(3, whole.game.turn - 2)):
        match.step()
    resumed = load_game(save_game(match, tmp_path / "g.json"), ukraine)
    resumed.play()
    assert dumps(resumed.record()) == dumps(whole.record())


def test_a_decision_spends_a_fixed_budget_of_simulated_turns_not_a_clock(ukraine):
    agent = LookaheadAgent()
    match = Match(ukraine, [agent, new_agent("random")], seed=3)
    for _ in range(5):
        if match.over:
            break
        match.step()
        assert 0 < agent.simulated <= agent.turn_budget


def test_plans_depend_on_the_observation_not_on_the_hidden_state(ukraine):
    """Two games that differ only in a value hidden from Washington give the same choice when
    Washington's planner is shown the same observation: it has no other window on the game."""
    match = Match(ukraine, [new_agent("random"), new_agent("random")], seed=4)
    match.step()
    game = match.game
    twin = game.clone()
    twin.v[ukraine.names["readiness"]] = 99.0          # Moscow's secret, changed
    obs = observe(game, 1)
    choices = []
    for g in (game, twin):
        agent = LookaheadAgent()
        agent.reset("washington", ukraine, Stream(5))
        choices.append(agent.choose(obs, g.legal(1)))
    assert choices[0] == choices[1]

"""The batch players choose as their one-game namesakes: the same distributions of outcomes,
lengths, scores and final values over many games (fixed seeds)."""
from __future__ import annotations

import pytest

from game.agents import make_agent
from game.lockstep.engine import play
from game.lockstep.players import PLAYERS
from game.lockstep.rules import BatchRules
from game.match import Match
from game.scenario.load import load_scenario
from game.lockstep.compare import statistics, z_scores


@pytest.fixture(scope="module")
def ukraine():
    return load_scenario("ukraine_2022")


def one_game_results(scenario, a: str, b: str, n: int) -> list[dict]:
    out = []
    for seed in range(n):
        match = Match(scenario, [make_agent(a), make_agent(b)], seed=seed, log=False)
        game = match.play()
        assert not match.faults
        out.append({"outcome": game.outcome.id, "turns": len(game.choices),
                    "scores": dict(zip(scenario.sides, game.scores())), "final": game.variables(),
                    "agreed": {scenario.issues[i].id: 1 for i in game.agreed},
                    "escalation_total": dict(zip(scenario.sides, game.escalation))})
    return out


@pytest.mark.parametrize("a,b", [("hawk", "dove"), ("tit_for_tat", "random"), ("dove", "tit_for_tat")])
def test_batch_players_play_as_their_one_game_namesakes(ukraine, a, b):
    n = 1200
    batch = list(play(BatchRules(ukraine), (PLAYERS[a](), PLAYERS[b]()), range(n), seed=21))
    z = z_scores(statistics(ukraine, one_game_results(ukraine, a, b, n)), statistics(ukraine, batch))
    finite = {k: v for k, v in z.items() if v == v and abs(v) != float("inf")}
    # ~40 correlated statistics (turns, escalation and scores move together): allow chance, not bias
    assert all(abs(v) < 4.5 for v in finite.values()), finite
    assert sum(abs(v) > 3 for v in finite.values()) <= 1, {k: round(v, 2) for k, v in finite.items() if abs(v) > 3}
    assert len(finite) == len(z), {k for k in z if k not in finite}

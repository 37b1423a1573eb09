"""The batch engine plays the one-game engine's rules: the same distributions over many games,
results independent of how games are batched, and a clear refusal of what it cannot run."""
from __future__ import annotations

import pytest

from game.lockstep.engine import play, uniforms, game_keys
from game.lockstep.players import RandomPlayer
from game.lockstep.rules import BatchRules
from game.lockstep.vector import NotVectorisable, columns
from game.scenario.load import load_scenario
from tests.engine.conftest import FIXTURES
from game.lockstep.compare import scalar_results, statistics, z_scores

import numpy as np

RANDOM = (RandomPlayer(), RandomPlayer())


@pytest.fixture(scope="module", params=["ukraine_2022", "cuba_1962", "duel.yaml", "pact.yaml", "berlin_1961.yaml"])
def scenario(request):
    name = request.param
    return load_scenario(name if not name.endswith(".yaml") else FIXTURES / name)


def batch_results(scenario, games, seed=11, batch=None):
    rules = BatchRules(scenario)
    batch = batch or len(games)
    out = []
    for start in range(0, len(games), batch):
        out += play(rules, RANDOM, games[start:start + batch], seed)
    return sorted(out, key=lambda r: r["game"])


def test_batch_and_one_game_engines_agree_in_distribution(scenario):
    n = 2500
    z = z_scores(statistics(scenario, scalar_results(scenario, n)),
                 statistics(scenario, batch_results(scenario, list(range(n)))))
    # about 40 statistics: chance alone puts two above 2.5 in roughly one sample in eleven (so a
    # rebalanced scenario could fail by luck); three above 2.5 or one above 3.5 is about 2% by chance
    large = {k: round(v, 2) for k, v in z.items() if abs(v) > 2.5}
    assert len(large) <= 2 and all(abs(v) < 3.5 for v in z.values()), large


def test_a_games_result_does_not_depend_on_its_batch(scenario):
    games = list(range(40))
    whole = batch_results(scenario, games)
    assert batch_results(scenario, games, batch=1) == whole
    assert batch_results(scenario, games, batch=7) == whole
    assert batch_results(scenario, games[::-1][:20])[:5] == [r for r in whole if r["game"] >= 20][:5]


def test_every_game_ends_with_an_outcome_of_the_scenario(scenario):
    ids = {o.id for o in scenario.outcomes}
    results = batch_results(scenario, list(range(300)))
    assert [r["game"] for r in results] == list(range(300))
    assert all(r["outcome"] in ids and 1 <= r["turns"] <= scenario.max_turns for r in results)


def test_keyed_draws_depend_only_on_seed_game_turn_and_purpose():
    keys = game_keys(5, np.arange(10))
    assert np.array_equal(uniforms(keys, 3, 1)[4:6], uniforms(game_keys(5, np.array([4, 5])), 3, 1))
    assert not np.array_equal(uniforms(keys, 3, 1), uniforms(keys, 4, 1))
    assert not np.array_equal(uniforms(keys, 3, 1), uniforms(keys, 3, 2))
    draws = uniforms(game_keys(1, np.arange(100_000)), 1, 1)
    assert 0.49 < draws.mean() < 0.51 and draws.min() >= 0 and draws.max() < 1


def test_code_outside_the_language_is_refused_not_run():
    with pytest.raises(NotVectorisable):
        columns("__import__('os')")
    with pytest.raises(NotVectorisable):
        columns("v.append(1)")


def test_a_thousand_games_are_the_same_in_batches_of_1_7_and_1000():
    scenario = load_scenario("ukraine_2022")
    games = list(range(1000))
    whole = batch_results(scenario, games)
    assert batch_results(scenario, games, batch=7) == whole
    assert batch_results(scenario, games, batch=1) == whole

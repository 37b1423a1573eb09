"""The run summary: Wilson intervals, means over normal endings, errors counted among outcomes."""
from __future__ import annotations

import pytest

from game.batch.player import GameStats
from game.batch.stats import Summary, wilson


def test_wilson_interval_matches_published_values():
    # Newcombe (1998), Table I: 0/10 -> 0 to 0.2775; 81/263 -> 0.2553 to 0.3662
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert wilson(81, 263) == pytest.approx((0.2553, 0.3662), abs=1e-4)
    assert wilson(10, 10)[1] == pytest.approx(1.0) and wilson(0, 0) == (0.0, 1.0)


def test_summary_means_are_over_normal_endings_and_errors_are_an_outcome():
    s = Summary(("a", "b"))
    s.add(GameStats(0, "deal", None, 2, (1.0, 3.0), (4.0, -2.0), ([4.0, 0.0], [-2.0, 0.0]), 0))
    s.add(GameStats(1, "war", None, 3, (3.0, 1.0), (8.0, 0.0), ([4.0, 4.0, 0.0], [0.0, 0.0, 0.0]), 1))
    s.add(GameStats(2, None, "worker died", 0, None, None, None, 0))
    assert s.games == 3 and s.ok == 2 and s.faults == 1
    assert s.mean_scores() == {"a": 2.0, "b": 2.0}
    assert s.mean_escalation() == {"a": 6.0, "b": -1.0}
    assert s.escalation_per_turn()["a"] == [4.0, 2.0, 0.0]     # turn 3 reached by one game only
    rates = {r["outcome"]: r for r in s.rates()}
    assert rates["error"]["games"] == 1 and rates["deal"]["rate"] == pytest.approx(1 / 3)
    assert [r["outcome"] for r in s.rates()][-1] == "error"
    table = s.table()
    assert "95% CI" in table and "error ×1: worker died" in table


def test_exact_sums_do_not_depend_on_the_order_games_arrive_in():
    """Rule: a run's summary is bit-identical for any job count, though workers finish in any order."""
    import random

    from game.batch.stats import ExactSum

    values = [0.1, 5.8, -3.3, 1e-9, 12.0, 7.7, -0.05] * 50
    sums = set()
    for seed in range(5):
        random.Random(seed).shuffle(values)
        s = ExactSum()
        for x in values:
            s.add(x)
        sums.add(s.value())
    assert len(sums) == 1
    assert sums.pop() == pytest.approx(sum(values))

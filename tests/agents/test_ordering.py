"""What the computer players are for, measured over many seeded games: the negotiator and the
lookahead planner beat random and hawk by mean score, and history repeats itself when both sides
play the historical line. (The numbers are in the report of the issue; the long runs are `slow`.)"""
from __future__ import annotations

import datetime as dt
import statistics

import pytest

from tests.agents.conftest import play

POOL = ("random", "hawk")


def mean_score(scenario, name: str, seeds: range) -> float:
    """An agent's mean score over games against each of POOL, playing each side, same seeds."""
    scores = []
    for opponent in POOL:
        for seed in seeds:
            scores.append(play(scenario, name, opponent, seed).game.scores()[0])
            scores.append(play(scenario, opponent, name, seed).game.scores()[1])
    return statistics.mean(scores)


def test_the_negotiator_beats_random_and_hawk_by_mean_score(ukraine):
    seeds = range(40)
    negotiator = mean_score(ukraine, "negotiator", seeds)
    assert negotiator > mean_score(ukraine, "hawk", seeds)
    assert negotiator > mean_score(ukraine, "random", seeds)


@pytest.mark.slow
def test_lookahead_beats_random_and_hawk_by_mean_score(ukraine):
    seeds = range(40)
    lookahead = mean_score(ukraine, "lookahead", seeds)
    assert lookahead > mean_score(ukraine, "hawk", seeds)
    assert lookahead > mean_score(ukraine, "random", seeds)


def test_historical_against_historical_ends_in_the_invasion_near_24_february_2022(ukraine):
    """Most seeds end in a full-scale-war outcome on a turn within one turn of 24 February."""
    invasion_day = dt.date(2022, 2, 24)
    span = dt.timedelta(days=ukraine.model.turn_days)
    hits = 0
    seeds = range(40)
    for seed in seeds:
        game = play(ukraine, "historical", "historical", seed).game
        last = ukraine.turn_date(game.turn - 1)
        near = last - span <= invasion_day < last + 2 * span
        hits += game.outcome.id.startswith("war_") and near
    assert hits >= 0.75 * len(seeds)

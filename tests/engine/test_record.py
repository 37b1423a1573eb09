"""Records: a damaged or hostile record is refused with RecordError, never another exception."""
from __future__ import annotations

import copy
import json
import random

import pytest

from game.agents import RandomAgent
from game.engine.record import RecordError, dumps, verify
from game.match import Match
from game.scenario.load import load_scenario
from tests.engine.conftest import FIXTURES

BAD_VALUES = [None, "x", "", [], {}, -1, 10**30, 1.5, True, {"kind": "propose"}, [[]]]


@pytest.fixture(scope="module")
def duel():
    return load_scenario(FIXTURES / "duel.yaml")


@pytest.fixture(scope="module")
def record(duel):
    match = Match(duel, [RandomAgent(), RandomAgent()], seed=11)
    match.play()
    return json.loads(dumps(match.record()))


def paths(value, prefix=()):
    """Every place in a JSON value (skipping the long turn log's interior)."""
    yield prefix
    if prefix[:1] == ("turns",) and len(prefix) > 1:
        return
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield from paths(child, (*prefix, key))


def replaced(record, path, bad):
    damaged = copy.deepcopy(record)
    if not path:
        return bad
    parent = damaged
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = bad
    return damaged


def test_an_intact_record_verifies(record, duel):
    assert verify(record, duel) is None


def test_every_damaged_place_is_refused_or_reported_never_a_crash(record, duel):
    rng = random.Random(5)
    places = list(paths(record))
    for path in places if len(places) < 400 else rng.sample(places, 400):
        for bad in rng.sample(BAD_VALUES, 3):
            damaged = replaced(record, path, bad)
            try:
                result = verify(damaged, duel)
            except RecordError:
                continue
            assert result is None or isinstance(result, str), (path, bad)

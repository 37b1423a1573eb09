"""Determinism: same scenario + seed + agents = byte-identical records, in any process."""
from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.agents import RandomAgent
from game.engine.record import dumps
from game.match import Match
from game.scenario.load import bundled_scenarios, load_scenario
from tests.engine.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = (bundled_scenarios() or [FIXTURES / "duel.yaml"])[0]
SEEDS = (0, 7, 123456789)

DIGEST_SCRIPT = """
import hashlib, sys
from game import Match, RandomAgent, dumps, load_scenario
scenario = load_scenario(sys.argv[1])
for seed in map(int, sys.argv[2:]):
    match = Match(scenario, [RandomAgent(), RandomAgent()], seed=seed)
    match.play()
    print(hashlib.sha256(dumps(match.record()).encode()).hexdigest())
"""


def record_digest(scenario, seed: int) -> str:
    match = Match(scenario, [RandomAgent(), RandomAgent()], seed=seed)
    match.play()
    return hashlib.sha256(dumps(match.record()).encode()).hexdigest()


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(SCENARIO)


def test_same_seed_gives_identical_records_in_one_process(scenario):
    for seed in SEEDS:
        assert record_digest(scenario, seed) == record_digest(scenario, seed)


def test_different_seeds_give_different_games(scenario):
    assert len({record_digest(scenario, seed) for seed in range(10)}) > 1


def test_global_random_state_changes_nothing(scenario):
    before = [record_digest(scenario, seed) for seed in SEEDS]
    random.seed(999)
    np.random.seed(999)
    random.random(), np.random.random()
    assert [record_digest(scenario, seed) for seed in SEEDS] == before
    random.seed(1)
    np.random.seed(2)
    assert [record_digest(scenario, seed) for seed in SEEDS] == before


def test_same_seed_gives_identical_records_in_separate_processes(scenario):
    here = [record_digest(scenario, seed) for seed in SEEDS]
    for hash_seed in ("0", "12345"):   # also under different str-hash randomisation
        out = subprocess.run([sys.executable, "-c", DIGEST_SCRIPT, str(SCENARIO), *map(str, SEEDS)],
                             cwd=ROOT, capture_output=True, text=True, check=True,
                             env={"PYTHONHASHSEED": hash_seed, "PATH": "", "PYTHONPATH": str(ROOT)})
        assert out.stdout.split() == here


def test_headless_games_never_import_pygame():
    code = ("import sys; from game import Match, RandomAgent, load_scenario; "
            f"m = Match(load_scenario({str(SCENARIO)!r}), [RandomAgent(), RandomAgent()], seed=3); m.play(); "
            "m.record(); print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_batch_seeds_spawned_by_seedsequence_replay_exactly(scenario):
    from game.engine.record import verify
    children = np.random.SeedSequence(2026).spawn(3)
    records = []
    for child in children:
        match = Match(scenario, [RandomAgent(), RandomAgent()], seed=child)
        match.play()
        record = match.record()
        assert record["seed"] == {"entropy": "2026", "spawn_key": list(child.spawn_key)}
        assert verify(json.loads(dumps(record)), scenario) is None
        records.append(dumps(record))
    assert len(set(records)) == 3

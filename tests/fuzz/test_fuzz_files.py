"""Fuzzer: damaged saves and records are refused with one clear error, never another exception.

Each case damages a real save or record made fresh by the engine (seeded: structural changes with hostile
values, raw NaN/Infinity/huge numbers, deep nesting, cut and flipped bytes) and runs it through
everything that reads such files: listing, loading and continuing a save, replaying a record.
The only exceptions allowed out are SaveError and ReplayProblem, each a single line. The kept
corpus (corpus/, made by make_corpus.py) holds the issue's hostile saves, each checked as well.

HOTLINE_FUZZ_CASES sets the number of cases per kind (default 300: a few seconds); the issue's
measurement used 20,000 (`HOTLINE_FUZZ_CASES=20000 python run.py test tests/fuzz`).
"""
from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest

from game.cli.replay import ReplayProblem, replay
from game.engine.record import dumps
from game.saves import PluginNeeded, SaveError, list_saves, load_game, read_save, summarise
from game.scenario.load import load_scenario
from tests.fuzz.make_corpus import valid_files
from tests.fuzz.mutate import damaged

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
DUEL = HERE.parent / "engine" / "fixtures" / "duel.yaml"
CASES = int(os.environ.get("HOTLINE_FUZZ_CASES", "300"))


@pytest.fixture(scope="module")
def scenarios():
    return {"duel": load_scenario(DUEL), "ukraine_2022": load_scenario("ukraine_2022")}


@pytest.fixture(scope="module")
def valid():
    """name -> (scenario id, data, bytes) of fresh valid saves and records."""
    out = {}
    for name, (scenario_id, data) in valid_files().items():
        if name.startswith("save_") and scenario_id == "duel":
            data["scenario"]["source"] = str(DUEL)
        out[name] = (scenario_id, data, dumps(data).encode())
    return out


def seeds(valid, kind: str) -> list[tuple[str, dict, bytes]]:
    return [(name, data, raw) for name, (_, data, raw) in sorted(valid.items()) if name.startswith(kind)]


def one_line(exc: Exception) -> None:
    text = str(exc)
    assert "\n" not in text and len(text) < 2000, text[:3000]


def test_the_seeds_are_valid_before_damage(valid, tmp_path):
    for name, data, raw in seeds(valid, "save"):
        path = tmp_path / f"{name}.json"
        path.write_bytes(raw)
        agents = {"south": "tests.agents.hostile_plugins:Good"} if "plugin" in name else None
        load_game(path, agents=agents).close()
        assert replay(path).startswith("reproduced exactly")
    for name, data, raw in seeds(valid, "record"):
        path = tmp_path / f"{name}.json"
        path.write_bytes(raw)
        assert replay(path, str(DUEL) if name.startswith("record_duel") else None).startswith("reproduced exactly")


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.json")), ids=lambda p: p.stem)
def test_every_hostile_file_of_the_corpus_is_refused_clearly_and_runs_nothing(path, scenarios):
    before = set(sys.modules)
    for scenario in (None, scenarios["duel"]):
        try:
            load_game(path, scenario).close()
        except PluginNeeded as exc:
            assert path.stem.startswith("plugin_"), exc
            one_line(exc)
        except SaveError as exc:
            one_line(exc)
    try:
        replay(path, str(DUEL))
    except ReplayProblem as exc:
        one_line(exc)
    assert summarise(path).describe().count("\n") == 0
    assert set(sys.modules) == before


def test_damaged_saves_are_refused_clearly(scenarios, valid, tmp_path):
    rng = random.Random(20261128)
    corpus = seeds(valid, "save")
    outcomes = {"loaded": 0, "refused": 0}
    for case in range(CASES):
        name, data, raw = corpus[case % len(corpus)]
        path = tmp_path / f"case{case % 50}.json"
        path.write_bytes(damaged(data, raw, rng))
        scenario = scenarios["duel"] if name.startswith("save_duel") else scenarios["ukraine_2022"]
        try:
            summarise(path)
            read_save(path)
            agents = {"south": "random"} if case % 3 == 0 else None
            match = load_game(path, scenario if case % 4 else None, agents=agents)
            match.close()
            outcomes["loaded"] += 1
        except SaveError as exc:
            one_line(exc)
            outcomes["refused"] += 1
        try:
            replay(path, str(DUEL) if name.startswith("save_duel") and case % 2 else None)
        except ReplayProblem as exc:
            one_line(exc)
    summaries = list_saves(tmp_path)
    assert len(summaries) == min(CASES, 50) and all(s.describe().count("\n") == 0 for s in summaries)
    assert outcomes["refused"] > CASES // 3   # the damage is real, not cosmetic


def test_damaged_records_are_refused_clearly(valid, tmp_path):
    rng = random.Random(11280)
    corpus = seeds(valid, "record")
    refused = 0
    for case in range(CASES):
        name, data, raw = corpus[case % len(corpus)]
        path = tmp_path / "record.json"
        path.write_bytes(damaged(data, raw, rng))
        try:
            replay(path, str(DUEL) if name.startswith("record_duel") else None)
        except ReplayProblem as exc:
            one_line(exc)
            refused += 1
    assert refused > CASES // 3


def test_a_huge_file_is_refused_by_its_size_without_being_read(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as f:   # sparse: no disk used, and never read
        f.truncate(40 * 1024 * 1024)
    with pytest.raises(SaveError, match="the save is too large \\(41,943,040 bytes; the limit is 33,554,432\\)"):
        read_save(path)
    with pytest.raises(ReplayProblem, match="too large"):
        replay(path)

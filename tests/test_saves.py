"""Saved games: versioned JSON, atomic writes, clear errors, migrations, and exact continuation."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game import Match, RandomAgent, dumps, load_scenario
from game.saves import (MIGRATIONS, SAVE_FORMAT, SAVE_VERSION, SaveError, list_saves, load_game, migrate,
                        read_save, save_game)

ROOT = Path(__file__).resolve().parents[1]
DUEL = ROOT / "tests" / "engine" / "fixtures" / "duel.yaml"


@pytest.fixture(scope="module")
def duel():
    return load_scenario(DUEL)


@pytest.fixture(scope="module")
def ukraine():
    return load_scenario("ukraine_2022")


def new_match(scenario, seed: int) -> Match:
    return Match(scenario, [RandomAgent(), RandomAgent()], seed=seed)


def played(scenario, seed: int, turns: int) -> Match:
    match = new_match(scenario, seed)
    for _ in range(turns):
        if not match.over:
            match.step()
    return match


@pytest.fixture
def good_save(duel, tmp_path) -> Path:
    return save_game(played(duel, 3, 2), tmp_path / "good.json")


# ---------------------------------------------------------------------------- the format

def test_a_save_is_versioned_json_with_record_players_and_snapshot(duel, tmp_path):
    match = played(duel, 3, 2)
    data = json.loads(save_game(match, tmp_path / "s.json").read_text())
    assert data["format"] == SAVE_FORMAT and data["version"] == SAVE_VERSION == 1
    assert data["saved_turn"] == 3
    assert data["scenario"]["id"] == "duel" and data["scenario"]["hash"] == duel.content_hash
    assert data["record"] == json.loads(dumps(match.record()))
    assert data["players"] == {side: {"agent": "random", "state": agent.get_state()}
                               for side, agent in zip(duel.sides, match.agents)}
    assert data["snapshot"] == json.loads(dumps(match.game.snapshot()))


# ---------------------------------------------------------------------------- continuing exactly

@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("turns", [0, 1, 3, 5])
def test_save_load_continue_gives_the_same_game_as_an_uninterrupted_one(duel, tmp_path, seed, turns):
    whole = new_match(duel, seed)
    whole.play()
    match = played(duel, seed, turns)
    resumed = load_game(save_game(match, tmp_path / "s.json"))
    resumed.play()
    assert dumps(resumed.record()) == dumps(whole.record())


@pytest.mark.parametrize("seed, turns", [(7, 1), (8, 4), (9, 9)])
def test_save_load_continue_gives_the_same_game_in_the_bundled_scenario(ukraine, tmp_path, seed, turns):
    whole = new_match(ukraine, seed)
    whole.play()
    resumed = load_game(save_game(played(ukraine, seed, turns), tmp_path / "s.json"))
    assert resumed.game.turn == min(turns, whole.game.turn - 1) + 1
    resumed.play()
    assert dumps(resumed.record()) == dumps(whole.record())


def test_saving_twice_along_the_way_still_continues_exactly(duel, tmp_path):
    whole = new_match(duel, 5)
    whole.play()
    path = save_game(played(duel, 5, 1), tmp_path / "s.json")
    match = load_game(path)
    match.step()
    match = load_game(save_game(match, path))
    match.play()
    assert dumps(match.record()) == dumps(whole.record())


def test_a_finished_game_loads_as_finished(duel, tmp_path):
    match = new_match(duel, 2)
    match.play()
    loaded = load_game(save_game(match, tmp_path / "done.json"))
    assert loaded.over and loaded.game.outcome.id == match.game.outcome.id


def test_human_sides_load_as_outside_players_unless_an_agent_is_given(duel, tmp_path):
    match = Match(duel, [None, RandomAgent()], seed=1)
    choice = (match.game.legal(0).actions[0], match.game.legal(0).messages[0])
    from game import Choice

    match.step({0: Choice(*choice)})
    path = save_game(match, tmp_path / "h.json")
    assert read_save(path)["players"]["north"] == {"agent": "human", "state": None}
    assert load_game(path).agents[0] is None
    stand_in = RandomAgent()
    assert load_game(path, agents={"north": stand_in}).agents[0] is stand_in


# ---------------------------------------------------------------------------- atomic writes

def test_a_failure_in_os_replace_leaves_the_previous_save_intact(duel, good_save, monkeypatch):
    before = good_save.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SaveError, match="good.json: cannot write the save: No space left on device"):
        save_game(played(duel, 3, 4), good_save)
    monkeypatch.undo()
    assert good_save.read_bytes() == before
    assert load_game(good_save).game.turn == 3
    assert [p.name for p in good_save.parent.iterdir()] == ["good.json"]   # no temporary file left over


def test_a_crash_while_writing_the_data_leaves_the_previous_save_intact(duel, good_save, monkeypatch):
    before = good_save.read_bytes()

    def crash(fd):
        raise KeyboardInterrupt   # anything at all, even an interrupt, in the middle of the write

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(KeyboardInterrupt):
        save_game(played(duel, 3, 4), good_save)
    monkeypatch.undo()
    assert good_save.read_bytes() == before
    assert [p.name for p in good_save.parent.iterdir()] == ["good.json"]


def test_a_game_that_cannot_be_serialised_raises_save_error_and_keeps_the_old_save(duel, good_save, monkeypatch):
    before = good_save.read_bytes()
    monkeypatch.setattr("game.saves.dumps", lambda data: json.dumps(data, allow_nan=False) + float("nan"))
    with pytest.raises(SaveError, match="cannot save this game"):
        save_game(played(duel, 3, 4), good_save)
    assert good_save.read_bytes() == before


SAVE_LOOP = """
import sys
from game import Match, RandomAgent, load_scenario
from game.saves import save_game
scenario = load_scenario(sys.argv[1])
seed = 0
while True:
    match = Match(scenario, [RandomAgent(), RandomAgent()], seed=seed)
    while not match.over:
        match.step()
        save_game(match, sys.argv[2])
        print("saved", flush=True)
    seed += 1
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("delay", [0.05, 0.2, 0.5])
def test_a_process_killed_in_a_save_loop_leaves_a_save_that_loads(tmp_path, delay):
    path = tmp_path / "loop.json"
    proc = subprocess.Popen([sys.executable, "-c", SAVE_LOOP, str(DUEL), str(path)], cwd=ROOT,
                            stdout=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        assert proc.stdout.readline().strip() == b"saved"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == -signal.SIGKILL
    match = load_game(path)
    assert match.game.turn >= 2
    assert [s.ok for s in list_saves(tmp_path)] == [True]     # a stray temp file is never listed


# ---------------------------------------------------------------------------- broken saves

BROKEN = {
    "empty": (b"", "the save is empty"),
    "blank": (b"  \n", "the save is empty"),
    "not_json": (b"hello there", "not valid JSON (line 1, column 1"),
    "binary": (b"\xff\xfe\x00garbage", "not UTF-8 text"),
    "array": (b"[1, 2, 3]", "not a Hotline save (JSON an array)"),
    "string": (b'"save"', "not a Hotline save (JSON a string)"),
    "other_json": (b'{"hello": 1}', "not a Hotline save (a JSON object without the save format tag)"),
    "no_version": (b'{"format": "hotline-save"}', "has no valid version number"),
    "record": (b'{"format": "hotline-record", "version": 1}', "not a save but a game record"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_save_raises_save_error_naming_the_file(tmp_path, name):
    content, message = BROKEN[name]
    path = tmp_path / f"{name}.json"
    path.write_bytes(content)
    with pytest.raises(SaveError) as info:
        load_game(path)
    text = str(info.value)
    assert text.startswith(f"{path}: ") and message in text and "\n" not in text


def test_a_truncated_save_raises_save_error(good_save):
    text = good_save.read_text()
    for cut in (1, len(text) // 3, len(text) // 2, len(text) - 3):
        good_save.write_text(text[:cut])
        with pytest.raises(SaveError, match=r"good\.json: (the save is truncated|not valid JSON)"):
            load_game(good_save)


@pytest.mark.parametrize("field, value, message", [
    ("players", [], "'players' should be a JSON object"),
    ("saved_turn", "3", "'saved_turn' should be a JSON number"),
    ("record", None, "'record' should be a JSON object"),
    ("snapshot", 5, "'snapshot' should be a JSON object"),
])
def test_a_save_with_a_field_of_the_wrong_type_raises_save_error(good_save, field, value, message):
    data = json.loads(good_save.read_text())
    data[field] = value
    good_save.write_text(json.dumps(data))
    with pytest.raises(SaveError, match=message):
        load_game(good_save)


def test_a_save_whose_record_does_not_replay_raises_save_error(good_save):
    data = json.loads(good_save.read_text())
    data["record"]["choices"][0]["north"]["action"] = "strike"     # not legal on turn 1
    good_save.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="the saved game does not replay: turn 1: north action 'strike'"):
        load_game(good_save)


def test_a_save_whose_snapshot_disagrees_with_its_replay_is_refused(good_save):
    data = json.loads(good_save.read_text())
    data["snapshot"]["variables"]["tension"] = 1.0
    good_save.write_text(json.dumps(data))
    with pytest.raises(SaveError, match=r"does not match the replayed game \(variables.tension"):
        load_game(good_save)


def test_a_save_of_another_scenario_version_is_refused_clearly(good_save, duel):
    data = json.loads(good_save.read_text())
    data["scenario"]["hash"] = "f" * 64
    data["record"]["scenario"]["hash"] = "f" * 64
    good_save.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="another version of scenario 'duel'"):
        load_game(good_save, duel)
    with pytest.raises(SaveError, match="another version of scenario 'duel'"):
        load_game(good_save)


def test_a_save_of_another_scenario_is_refused(good_save, ukraine):
    with pytest.raises(SaveError, match="the save is for scenario 'duel', not 'ukraine_2022'"):
        load_game(good_save, ukraine)


def test_list_saves_reports_broken_saves_and_still_lists_the_good_ones(duel, tmp_path):
    save_game(played(duel, 1, 1), tmp_path / "a_first.json")
    save_game(played(duel, 2, 3), tmp_path / "z_last.json")
    for name, (content, _) in BROKEN.items():
        (tmp_path / f"m_{name}.json").write_bytes(content)
    (tmp_path / "notes.txt").write_text("not a save")
    summaries = list_saves(tmp_path)
    assert len(summaries) == 2 + len(BROKEN)
    good = [s for s in summaries if s.ok]
    assert [s.name for s in good] == ["a_first", "z_last"]
    assert [s.saved_turn for s in good] == [2, 4]
    assert all(s.problem and str(s.path) in s.problem for s in summaries if not s.ok)
    for summary in good:
        load_game(summary.path)   # the broken neighbours stop nothing


def test_list_saves_of_a_missing_folder_is_empty(tmp_path):
    assert list_saves(tmp_path / "nowhere") == []


# ---------------------------------------------------------------------------- versions and migrations

def test_an_older_save_version_is_migrated_step_by_step(good_save, monkeypatch):
    """Version 0 is synthetic (version 1 is the first real one): players were a list, the turn was 'turn'."""
    current = json.loads(good_save.read_text())
    old = dict(current, version=0, turn=current["saved_turn"],
               players=[{"side": side, **p} for side, p in current["players"].items()])
    del old["saved_turn"]
    good_save.write_text(json.dumps(old))

    def v0_to_v1(data: dict) -> dict:
        data["players"] = {p.pop("side"): p for p in data["players"]}
        data["saved_turn"] = data.pop("turn")
        data["version"] = 1
        return data

    with pytest.raises(SaveError, match="save version 0 is too old: no migration to version 1"):
        load_game(good_save)
    monkeypatch.setitem(MIGRATIONS, 0, v0_to_v1)
    assert read_save(good_save)["players"] == current["players"]
    assert load_game(good_save).game.snapshot() == current["snapshot"]


def test_migrations_chain_through_every_version():
    steps = {0: lambda d: {**d, "version": 1, "a": 1}, 1: lambda d: {**d, "version": 2, "b": 2}}
    assert migrate({"version": 0}, migrations=steps, current=2) == {"version": 2, "a": 1, "b": 2}


def test_a_migration_that_does_not_advance_the_version_is_an_error():
    with pytest.raises(SaveError, match="did not produce version 1"):
        migrate({"version": 0}, migrations={0: lambda d: d}, current=1)


def test_a_save_from_a_newer_engine_is_refused_clearly(good_save):
    data = json.loads(good_save.read_text())
    data["version"] = SAVE_VERSION + 1
    good_save.write_text(json.dumps(data))
    with pytest.raises(SaveError, match=f"save version {SAVE_VERSION + 1} was made by a newer Hotline "
                                        f"\\(this one reads versions up to {SAVE_VERSION}\\)"):
        load_game(good_save)


def test_a_listed_save_names_sides_and_ending_in_words_not_ids(tmp_path):
    """The terminal's and window's save lists speak as the game does: 'Moscow: person', 'A negotiated settlement'."""
    from game.agents import make_agent
    from game.match import Match
    from game.saves import save_game, summarise
    from game.scenario.load import load_scenario

    sc = load_scenario("ukraine_2022")
    match = Match(sc, [None, make_agent("random")], seed=3)
    path = tmp_path / "mine.json"
    save_game(match, path)
    line = summarise(path).describe()
    assert "Moscow: student, Washington: random" in line and "moscow:" not in line
    match = Match(sc, [make_agent("dove"), make_agent("dove")], seed=3)
    match.play()
    save_game(match, path)
    summary = summarise(path)
    label = next(o.label for o in sc.model.outcomes if o.id == summary.outcome)
    assert f"ended ({label})" in summary.describe()

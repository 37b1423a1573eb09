"""`replay RESULTS.jsonl --game N`: any game of a simulate run, replayed with its turn log, checked
against its result line and written as a record (and a save the window opens); clear refusals."""
from __future__ import annotations

import json

import pytest

from game.batch.simulate import simulate
from game.cli.replay import ReplayProblem
from game.cli.replay_run import replay_run_game
from game.engine.record import verify
from game.saves import load_game
from game.scenario.load import load_scenario
from tests.cli.conftest import run_cli


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("runs")
    sc = load_scenario("ukraine_2022")
    simulate(sc, ["random", "hawk"], 40, 4, folder / "batch.jsonl", engine="batch", progress=False)
    simulate(sc, ["random", "dove"], 6, 2, folder / "one.jsonl", jobs=1, progress=False)
    return folder, sc


@pytest.mark.parametrize("file,game", [("batch.jsonl", 17), ("one.jsonl", 5)])
def test_a_runs_game_becomes_a_record_that_ends_as_its_result_line(runs, file, game):
    folder, sc = runs
    said = replay_run_game(folder / file, game, None, None, None)
    record = json.loads((folder / f"{file}.game{game}.json").read_text())
    line = next(json.loads(x) for x in (folder / file).read_text().splitlines() if json.loads(x)["game"] == game)
    assert record["outcome"]["id"] == line["outcome"] and len(record["choices"]) == line["turns"]
    assert record["final"]["variables"] == line["final"]
    assert verify(record, sc) is None                 # and it re-runs like any record
    assert f"game {game}" in said and "as in" in said


def test_a_batch_game_saved_opens_as_a_finished_game(runs, tmp_path, monkeypatch):
    folder, _ = runs
    monkeypatch.setenv("HOTLINE_SAVES_DIR", str(tmp_path))
    replay_run_game(folder / "batch.jsonl", 3, None, str(tmp_path / "r.json"), "watch3")
    match = load_game(tmp_path / "watch3.json")
    assert match.game.outcome is not None and match.game.keyed.to_json() == {"seed": 4, "game": 3}


def test_refusals_name_what_is_wrong(runs, tmp_path):
    folder, _ = runs
    with pytest.raises(ReplayProblem, match="game 99 is not in this results file"):
        replay_run_game(folder / "batch.jsonl", 99, None, None, None)
    meta = json.loads((folder / "one.jsonl.run.json").read_text())
    meta["agents"]["moscow"] = "os:system"   # a file naming code to import
    (tmp_path / "p.jsonl").write_text((folder / "one.jsonl").read_text())
    (tmp_path / "p.jsonl.run.json").write_text(json.dumps(meta))
    with pytest.raises(ReplayProblem, match="is a plugin"):
        replay_run_game(tmp_path / "p.jsonl", 1, None, None, None)
    stray = tmp_path / "stray.jsonl"
    stray.write_text("{}\n")
    with pytest.raises(ReplayProblem, match="not a simulate results file"):
        replay_run_game(stray, 0, None, None, None)


def test_the_command_line_replays_a_batch_game(runs):
    folder, _ = runs
    done = run_cli("replay", str(folder / "batch.jsonl"), "--game", "8", "--out", str(folder / "g8.json"))
    assert done.returncode == 0, done.stderr
    assert "keyed draws" in done.stdout and (folder / "g8.json").is_file()
    again = run_cli("replay", str(folder / "g8.json"))
    assert again.returncode == 0 and "reproduced exactly" in again.stdout
    wrong = run_cli("replay", str(folder / "g8.json"), "--save", "x")
    assert wrong.returncode == 2 and "--game" in wrong.stderr

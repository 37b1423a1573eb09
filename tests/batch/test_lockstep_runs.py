"""`simulate --engine batch`: the batch engine writes the one-game engine's result lines, resumes,
gives the same file whatever its chunk size, and hands players it cannot play to the game engine."""
from __future__ import annotations

import json

import game.batch.lockstep_runner as runner
from game.batch.simulate import simulate
from game.scenario.load import load_scenario


def lines(path):
    return sorted((json.loads(x) for x in path.read_text().splitlines()), key=lambda r: r["game"])


def test_batch_lines_have_the_game_engines_fields(tmp_path):
    sc = load_scenario("ukraine_2022")
    simulate(sc, ["hawk", "dove"], 30, 1, tmp_path / "b.jsonl", engine="batch", progress=False)
    simulate(sc, ["hawk", "dove"], 5, 1, tmp_path / "g.jsonl", jobs=1, progress=False)
    batch, game = lines(tmp_path / "b.jsonl"), lines(tmp_path / "g.jsonl")
    assert [r["game"] for r in batch] == list(range(30))
    assert list(batch[0]) == list(game[0])
    assert batch[0]["run"] != game[0]["run"]            # different engines never share a results file
    assert all(r["status"] == "ok" and r["outcome"] for r in batch)


def test_chunk_size_and_resuming_change_nothing(tmp_path, monkeypatch):
    sc = load_scenario("ukraine_2022")
    simulate(sc, ["tit_for_tat", "random"], 60, 4, tmp_path / "whole.jsonl", engine="batch", progress=False)
    monkeypatch.setattr(runner.LockstepPlayer, "chunk", 7)
    simulate(sc, ["tit_for_tat", "random"], 25, 4, tmp_path / "parts.jsonl", engine="batch", progress=False)
    simulate(sc, ["tit_for_tat", "random"], 60, 4, tmp_path / "parts.jsonl", engine="batch", progress=False)
    assert lines(tmp_path / "parts.jsonl") == lines(tmp_path / "whole.jsonl")


def test_players_without_a_batch_form_are_played_by_the_game_engine(tmp_path):
    sc = load_scenario("ukraine_2022")
    result = simulate(sc, ["negotiator", "random"], 3, 0, tmp_path / "n.jsonl", engine="batch", jobs=1, progress=False)
    assert result.backend != "batch engine" and len(lines(tmp_path / "n.jsonl")) == 3


def test_a_scenario_the_batch_engine_cannot_play_is_played_by_the_game_engine(tmp_path, monkeypatch):
    import game.lockstep.rules as rules
    from game.batch.lockstep_runner import batch_refusal

    sc = load_scenario("ukraine_2022")
    monkeypatch.setattr(rules, "MAX_ISSUES", 3)   # the built-in scenario has 7 issues
    assert "7 issues" in batch_refusal(sc, ["random", "random"])
    result = simulate(sc, ["random", "random"], 3, 0, tmp_path / "u.jsonl", engine="batch", jobs=1, progress=False)
    assert result.backend != "batch engine" and len(lines(tmp_path / "u.jsonl")) == 3


def test_one_or_two_jobs_write_the_same_games(tmp_path):
    sc = load_scenario("cuba_1962")
    one = simulate(sc, ["hawk", "random"], 300, 5, tmp_path / "one.jsonl", engine="batch", jobs=1, progress=False)
    two = simulate(sc, ["hawk", "random"], 300, 5, tmp_path / "two.jsonl", engine="batch", jobs=2, progress=False)
    assert one.backend == two.backend == "batch engine" and two.jobs == 2
    assert lines(tmp_path / "one.jsonl") == lines(tmp_path / "two.jsonl")


def test_the_batch_player_pickles_as_its_run_and_rebuilds_its_rules():
    import pickle

    from game.batch.player import GamePlayer
    from game.batch.simulate import run_spec

    sc = load_scenario("ukraine_2022")
    player = runner.LockstepPlayer(GamePlayer(run_spec(sc, ["dove", "hawk"], 3, engine="batch"), sc))
    copy = pickle.loads(pickle.dumps(player))
    assert [t for t, _ in copy.play_chunk([0, 1, 2])] == [t for t, _ in player.play_chunk([0, 1, 2])]


def test_a_tournament_plays_its_batch_players_pairings_in_the_batch_engine(tmp_path):
    from game.batch.tournament import tournament

    sc = load_scenario("ukraine_2022")
    result = tournament(sc, ["hawk", "negotiator"], 12, 3, tmp_path, engine="batch", jobs=1, progress=False)
    engines = {pair: r.backend for pair, r in result.runs.items()}
    assert engines[("hawk", "hawk")] == "batch engine"
    assert all(engines[pair] != "batch engine" for pair in engines if "negotiator" in pair)
    alone = simulate(sc, ["hawk", "hawk"], 12, 3, tmp_path / "alone.jsonl", engine="batch", progress=False)
    assert lines(tmp_path / "games" / "hawk-vs-hawk.jsonl") == lines(alone.path)
    assert [row["agent"] for row in result.ranking()]

"""`simulate`: results identical for any job count, resumable, and contained misbehaving agents."""
from __future__ import annotations

import json

import pytest

from game.batch import simulate
from game.batch.errors import RunMismatch
from tests.batch.conftest import PLUGINS, lines_by_game, sorted_text


def run(scenario, tmp_path, name, agents=("random", "random"), games=60, **kw):
    kw.setdefault("progress", False)
    return simulate(scenario, list(agents), games, kw.pop("seed", 11), tmp_path / name, **kw)


def test_two_thousand_games_give_the_same_sorted_file_with_one_and_two_jobs(ukraine, tmp_path):
    one = run(ukraine, tmp_path, "one.jsonl", games=2000, jobs=1)
    two = run(ukraine, tmp_path, "two.jsonl", games=2000, jobs=2)
    assert one.summary.games == two.summary.games == 2000
    assert sorted_text(one.path) == sorted_text(two.path)
    assert one.summary.to_json() == two.summary.to_json()


def test_a_result_line_has_every_field_a_researcher_needs(ukraine, tmp_path):
    r = run(ukraine, tmp_path, "r.jsonl", games=3, jobs=1)
    line = json.loads(lines_by_game(r.path)[2])
    assert line["game"] == 2 and line["seed"] == {"entropy": "11", "spawn_key": [2]}
    assert line["scenario"] == "ukraine_2022" and line["scenario_hash"] == ukraine.content_hash
    assert line["agents"] == {"moscow": "random", "washington": "random"}
    assert line["status"] == "ok" and line["error"] is None and line["faults"] == []
    assert line["outcome"] in {o.id for o in ukraine.outcomes}
    assert len(line["escalation"]["moscow"]) == line["turns"] == len(line["escalation"]["washington"])
    assert line["escalation_total"]["moscow"] == sum(line["escalation"]["moscow"])
    assert set(line["scores"]) == {"moscow", "washington"} and set(line["final"]) == set(ukraine.var_ids)


def test_game_i_is_the_same_game_as_play_with_the_spawned_seed(ukraine, tmp_path):
    """The line of game 5 is the match runner's game from the run seed's 6th spawned child."""
    import numpy as np

    from game.agents import RandomAgent
    from game.match import Match

    r = run(ukraine, tmp_path, "r.jsonl", games=6, jobs=2)
    line = json.loads(lines_by_game(r.path)[5])
    child = np.random.SeedSequence(11).spawn(6)[5]
    game = Match(ukraine, [RandomAgent(), RandomAgent()], seed=child, log=False).play()
    assert line["outcome"] == game.outcome.id and line["final"] == game.variables()
    assert list(line["scores"].values()) == list(game.scores())


def test_results_load_into_pandas_one_row_per_game(ukraine, tmp_path):
    pd = pytest.importorskip("pandas")
    r = run(ukraine, tmp_path, "r.jsonl", agents=(f"{PLUGINS}:Raiser", "random"), games=40, jobs=1)
    df = pd.read_json(r.path, lines=True)
    assert len(df) == 40 and sorted(df["game"]) == list(range(40))
    for column in ("seed", "scenario", "scenario_hash", "agents", "status", "error", "outcome", "turns", "scores",
                   "escalation_total", "escalation", "final", "faults"):
        assert column in df.columns
    assert set(df["status"]) == {"ok", "error"}


def test_a_rerun_resumes_and_a_longer_run_extends_to_exactly_n_unique_games(ukraine, tmp_path):
    first = run(ukraine, tmp_path, "r.jsonl", games=30, jobs=2)
    again = run(ukraine, tmp_path, "r.jsonl", games=30, jobs=2)
    assert (again.already, again.played) == (30, 0)
    longer = run(ukraine, tmp_path, "r.jsonl", games=50, jobs=1)
    assert (longer.already, longer.played, longer.summary.games) == (30, 20, 50)
    assert sorted(lines_by_game(first.path)) == list(range(50))
    assert sorted_text(first.path) == sorted_text(run(ukraine, tmp_path, "clean.jsonl", games=50, jobs=1).path)


def test_a_line_cut_short_by_a_crash_is_dropped_and_played_again(ukraine, tmp_path):
    r = run(ukraine, tmp_path, "r.jsonl", games=10, jobs=1)
    whole = sorted_text(r.path)
    text = r.path.read_text()
    r.path.write_text(text[: len(text) - 40])        # the last line loses its end (and newline)
    again = run(ukraine, tmp_path, "r.jsonl", games=10, jobs=1)
    assert again.dropped_partial and again.played == 1
    assert sorted_text(r.path) == whole


def test_another_run_on_the_same_file_is_refused_with_what_differs(ukraine, tmp_path):
    run(ukraine, tmp_path, "r.jsonl", games=5, jobs=1)
    with pytest.raises(RunMismatch, match="seed: 12 here, 11 in the file"):
        run(ukraine, tmp_path, "r.jsonl", games=5, jobs=1, seed=12)
    with pytest.raises(RunMismatch, match="agents"):
        run(ukraine, tmp_path, "r.jsonl", agents=(f"{PLUGINS}:Raiser", "random"), games=5, jobs=1)
    (tmp_path / "bare.jsonl").write_text('{"game": 0}\n')
    with pytest.raises(RunMismatch, match="no run description"):
        run(ukraine, tmp_path, "bare.jsonl", games=5, jobs=1)


@pytest.mark.parametrize("agent, reason", [
    ("Raiser", "turn 3: moscow's agent 'raiser' raised RuntimeError: deliberate failure on turn 3"),
    ("Killer", "its worker process died while playing this game"),
    ("Exiter", "its worker process died while playing this game"),
    ("Hanger", "did not finish within the per-game time limit of 1 s"),
])
def test_a_misbehaving_agent_costs_only_its_own_games_the_same_ones_for_any_job_count(ukraine, tmp_path, agent, reason):
    """Rule: an agent that raises, hangs or kills its worker process gets that game recorded as an
    error with the reason; the run goes on to N games; the same games fail with 1 or 2 jobs."""
    agents = (f"{PLUGINS}:{agent}", "random")
    two = run(ukraine, tmp_path, "two.jsonl", agents=agents, games=40, jobs=2, time_limit=1)
    one = run(ukraine, tmp_path, "one.jsonl", agents=agents, games=40, jobs=1, time_limit=1)
    lines = [json.loads(x) for x in lines_by_game(two.path).values()]
    errors = [x for x in lines if x["status"] == "error"]
    assert len(lines) == 40 and 1 <= len(errors) < 15
    assert {x["error"] for x in errors} == {reason}
    assert all(x["outcome"] is None and x["scores"] is None for x in errors)
    assert sorted_text(one.path) == sorted_text(two.path)


def test_hold_policy_plays_on_after_a_fault_and_lists_it(ukraine, tmp_path):
    r = run(ukraine, tmp_path, "r.jsonl", agents=(f"{PLUGINS}:Raiser", "random"), games=40, jobs=1,
            on_fault="hold")
    lines = [json.loads(x) for x in lines_by_game(r.path).values()]
    faulted = [x for x in lines if x["faults"]]
    assert faulted and all(x["status"] == "ok" and x["outcome"] for x in lines)
    assert faulted[0]["faults"][0]["turn"] == 3 and "RuntimeError" in faulted[0]["faults"][0]["message"]


def test_spawned_workers_rebuild_the_game_from_the_scenario_text_and_give_the_same_results(ukraine, tmp_path):
    """Rule: on systems without fork (macOS, Windows) workers rebuild the run from its description
    and the scenario's text (checked by content hash), and play the same games."""
    agents = (f"{PLUGINS}:Killer", "random")
    spawned = run(ukraine, tmp_path, "spawn.jsonl", agents=agents, games=30, seed=3, jobs=2, start_method="spawn")
    forked = run(ukraine, tmp_path, "fork.jsonl", agents=agents, games=30, seed=3, jobs=2)
    assert spawned.summary.games == 30 and spawned.summary.ok < 30
    assert sorted_text(spawned.path) == sorted_text(forked.path)

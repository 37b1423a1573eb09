"""Headless games between agents (`play --moscow A --washington B`) and `replay` of their records."""
from __future__ import annotations

import json

import pytest

from game.engine.record import dumps
from tests.cli.conftest import DUEL, no_traceback, run_cli


@pytest.fixture
def duel_record(tmp_path, saves):
    path = tmp_path / "duel.json"
    proc = run_cli("play", "--agent", "north=random", "--agent", "south=random", "--seed", "5",
                   "--scenario", str(DUEL), "--record", str(path), saves=saves)
    assert proc.returncode == 0, proc.stderr
    return path


def test_headless_game_prints_a_short_summary_and_writes_a_canonical_record(tmp_path, saves):
    path = tmp_path / "game.json"
    proc = run_cli("play", "--moscow", "random", "--washington", "random", "--seed", "9",
                   "--record", str(path), saves=saves)
    no_traceback(proc)
    assert proc.returncode == 0
    for word in ("outcome:", "after", "scores:", "escalation:", "faults: 0"):
        assert word in proc.stdout
    text = path.read_text()
    assert text == dumps(json.loads(text))                 # canonical JSON via record.dumps
    assert json.loads(text)["agents"] == {"moscow": "random", "washington": "random"}


def test_headless_game_is_the_same_for_the_same_seed(tmp_path, saves):
    for name in ("a", "b"):
        run_cli("play", "--agent", "north=random", "--agent", "south=random", "--seed", "3",
                "--scenario", str(DUEL), "--record", str(tmp_path / name), saves=saves)
    assert (tmp_path / "a").read_text() == (tmp_path / "b").read_text()


def test_replay_of_a_record_reproduces_it_exactly(duel_record):
    proc = run_cli("replay", str(duel_record), "--scenario", str(DUEL))
    no_traceback(proc)
    assert proc.returncode == 0
    record = json.loads(duel_record.read_text())
    assert proc.stdout.strip() == (f"reproduced exactly: {len(record['choices'])} turns, "
                                   f"outcome {record['outcome']['id']}")


def test_replay_finds_the_bundled_scenario_by_the_records_id(tmp_path, saves):
    path = tmp_path / "ukraine.json"
    run_cli("play", "--moscow", "random", "--washington", "random", "--seed", "2", "--record", str(path),
            saves=saves)
    proc = run_cli("replay", str(path))
    assert proc.returncode == 0 and proc.stdout.startswith("reproduced exactly:")


def replay_tampered(path, tamper):
    """Change the record at `path` with `tamper(record)`, then replay it against the duel scenario."""
    record = json.loads(path.read_text())
    tamper(record)
    path.write_text(dumps(record))
    proc = run_cli("replay", str(path), "--scenario", str(DUEL))
    no_traceback(proc)
    return proc


def test_replay_of_a_tampered_record_reports_where_it_diverges(duel_record):
    proc = replay_tampered(duel_record, lambda r: r["turns"][1]["changes"].update(tension=[0.0, 99.0]))
    assert proc.returncode == 1
    assert "diverges at turn 2: changes.tension" in proc.stderr


def test_replay_of_a_record_with_a_changed_choice_reports_divergence(duel_record):
    def change_first_choice(record):
        first = record["choices"][0]["north"]
        first["action"] = "shout" if first["action"] != "shout" else "wait"

    proc = replay_tampered(duel_record, change_first_choice)
    assert proc.returncode == 1 and "diverges" in proc.stderr


def test_replay_refuses_a_record_made_with_another_version_of_the_scenario(duel_record):
    proc = replay_tampered(duel_record, lambda r: r["scenario"].update(hash="0" * 64))
    assert proc.returncode == 1
    assert "another version of scenario 'duel'" in proc.stderr


def test_replay_of_a_record_for_an_unbundled_scenario_asks_for_the_scenario_file(duel_record):
    proc = run_cli("replay", str(duel_record))
    assert proc.returncode == 2 and "--scenario" in proc.stderr


@pytest.mark.parametrize("content, message", [
    ("", "the file is empty"),
    ('{"format": "hotline-record", "ver', "truncated"),
    ("hello", "not valid JSON"),
    ("[1, 2]", "not a Hotline game record or save (JSON an array)"),
])
def test_replay_of_a_broken_file_is_a_one_line_error(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    proc = run_cli("replay", str(path))
    no_traceback(proc)
    assert proc.returncode == 1
    assert message in proc.stderr and str(path) in proc.stderr and proc.stderr.count("\n") == 1


def test_replay_of_a_missing_file_is_a_usage_error(tmp_path):
    proc = run_cli("replay", str(tmp_path / "nothing.json"))
    assert proc.returncode == 2 and "no such file" in proc.stderr


def test_replay_accepts_a_save_file(saves):
    run_cli("play", "--text", "--scenario", str(DUEL), "--side", "north", "--seed", "1", "--save", "s",
            input="1\n0\n1\n0\n", saves=saves)
    proc = run_cli("replay", str(saves / "s.json"))
    assert proc.returncode == 0 and "reproduced exactly: 2 turns, outcome none" in proc.stdout


def test_agent_faults_are_printed_as_one_line_messages_and_the_game_goes_on(saves):
    proc = run_cli("play", "--agent", "north=tests.cli.agents:Crashy", "--agent", "south=random",
                   "--scenario", str(DUEL), "--seed", "1", saves=saves)
    no_traceback(proc)
    assert proc.returncode == 0
    faults = [line for line in proc.stdout.splitlines() if line.startswith("fault:")]
    assert faults and faults[0] == ("fault: turn 1, north's agent 'crashy' raised RuntimeError: deliberate "
                                    "test failure; it holds its position this turn")
    assert f"faults: {len(faults)}" in proc.stdout


@pytest.mark.parametrize("args, message", [
    (["--text", "--side", "kyiv"], "unknown side 'kyiv'"),
    (["--moscow", "nobody"], "unknown agent 'nobody'"),
    (["--moscow", "tests.cli.agents:Broken"], "failed to start: ValueError: no model file"),
    (["--moscow", "no.such.module:Agent"], "cannot load agent"),
    (["--agent", "north=random"], "has no side 'north'"),
    (["--agent", "moscow"], "--agent expects SIDE=AGENT"),
    (["--scenario", "atlantis"], "no bundled scenario 'atlantis'"),
    (["--load", "mine", "--side", "moscow"], "drop --side"),
    (["--side", "watch", "--moscow", "human"], "--side watch is for two computer players"),
])
def test_bad_flags_give_a_clear_message_and_exit_2(args, message, saves):
    proc = run_cli("play", *args, saves=saves)
    no_traceback(proc)
    assert proc.returncode == 2
    assert message in proc.stderr


def test_missing_save_gives_a_clear_message_and_exit_1(saves):
    proc = run_cli("play", "--load", "nothing", saves=saves)
    no_traceback(proc)
    assert proc.returncode == 1 and "nothing.json: no such save" in proc.stderr


def test_broken_scenario_lists_its_errors_and_exits_1(tmp_path, saves):
    path = tmp_path / "broken.yaml"
    path.write_text(DUEL.read_text().replace("max_turns: 6", "max_turns: lots"))
    proc = run_cli("play", "--text", "--side", "north", "--scenario", str(path), saves=saves)
    no_traceback(proc)
    assert proc.returncode == 1
    assert f"{path}:" in proc.stderr and "max_turns" in proc.stderr


def test_list_saves_shows_good_and_broken_saves(saves):
    run_cli("play", "--text", "--scenario", str(DUEL), "--side", "north", "--seed", "1", "--save", "good",
            input="1\n0\n", saves=saves)
    (saves / "bad.json").write_text("")
    proc = run_cli("play", "--list-saves", saves=saves)
    assert proc.returncode == 0
    assert "bad: BROKEN — " in proc.stdout and "bad.json: the save is empty" in proc.stdout
    assert "good: The Duel at the Bridge, turn 2; North: student, South: random" in proc.stdout

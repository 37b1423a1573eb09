"""The terminal game, driven through `run.py play` with piped input, as a player would use it."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from game.saves import load_game, read_save
from tests.cli.conftest import ALWAYS_FIRST, DUEL, ROOT, no_traceback, read_until_action_prompt, run_cli


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("side", ["north", "south", "both"])
def test_piped_text_game_runs_to_the_end(side, seed, saves):
    proc = run_cli("play", "--text", "--scenario", str(DUEL), "--side", side, "--seed", str(seed),
                   input=ALWAYS_FIRST, saves=saves)
    no_traceback(proc)
    assert proc.returncode == 0
    assert "OUTCOME after" in proc.stdout
    assert "Escalation timeline" in proc.stdout
    assert f"seed {seed}" in proc.stdout


@pytest.mark.parametrize("side", ["moscow", "washington", "both"])
def test_piped_text_game_of_the_bundled_scenario_runs_to_the_end(side, saves):
    proc = run_cli("play", "--text", "--side", side, "--opponent", "random", "--seed", "7",
                   input=ALWAYS_FIRST, saves=saves)
    no_traceback(proc)
    assert proc.returncode == 0
    out = proc.stdout
    assert "Your objectives:" in out                        # the briefing comes first
    assert out.index("Your objectives:") < out.index("turn 1 of 18")
    assert "(estimate ±" in out                              # estimates are marked as such, with their spread
    assert "What happened, 1–3 February 2022 (turn 1)" in out
    assert "OUTCOME after" in out and "Scores:" in out and "Agreements reached:" in out


def test_each_turn_shows_date_turn_phase_situation_and_numbered_menus(saves):
    proc = run_cli("play", "--text", "--scenario", str(DUEL), "--side", "north", "--seed", "1",
                   input=ALWAYS_FIRST, saves=saves)
    out = proc.stdout
    assert "── NORTH · turn 1 of 6 · 1–2 May 2030 · Calm ──" in out
    situation = out.split("turn 1 of 6", 1)[1].split("Your move", 1)[0]
    assert "troops 10" in situation and "money" not in situation   # north sees its troops, not south's money
    assert "  Diplomatic     1 Wait (status quo 0)" in out          # grouped by kind, the ladder step in words
    assert "  0 No message" in out
    assert "The bridge:  3 North keeps it (+10)" in out              # a proposal with what it is worth to you


def test_a_line_that_is_not_a_choice_is_answered_with_the_valid_ones_and_asked_again(saves):
    proc = run_cli("play", "--text", "--scenario", str(DUEL), "--side", "north", "--seed", "1",
                   input="banana\n42\n4\n\n1\n" + ALWAYS_FIRST, saves=saves)
    assert proc.returncode == 0
    assert "'banana' is not a choice: type one of 1-3, 5" in proc.stdout
    assert "there is no move 42: type one of 1-3, 5" in proc.stdout
    assert "move 4 is not open now (Calm down): type one of 1-3, 5" in proc.stdout   # open only in a crisis
    assert proc.stdout.count("North, action [1-3, 5]: ") >= 4   # asked again after each bad line
    assert "OUTCOME after" in proc.stdout


def test_end_of_input_mid_game_autosaves_and_stops_cleanly(saves):
    proc = run_cli("play", "--text", "--scenario", str(DUEL), "--side", "north", "--seed", "1",
                   input="1\n0\n2\n", saves=saves)
    no_traceback(proc)
    assert proc.returncode == 0
    assert "Stopped (end of input)." in proc.stdout
    assert f"Game saved at turn 2 to {saves / 'autosave.json'}" in proc.stdout
    assert read_save(saves / "autosave.json")["saved_turn"] == 2


def test_endless_invalid_input_stops_instead_of_asking_forever(saves):
    proc = run_cli("play", "--text", "--scenario", str(DUEL), "--side", "north", "--seed", "1",
                   input="x\n" * 10000, saves=saves)
    no_traceback(proc)
    assert proc.returncode == 0
    assert "invalid answers in a row" in proc.stdout
    assert (saves / "autosave.json").exists()


def test_q_saves_and_quits(saves):
    proc = run_cli("play", "--text", "--scenario", str(DUEL), "--side", "south", "--seed", "4",
                   input="2\n0\nq\n", saves=saves)
    assert proc.returncode == 0
    assert "Stopped (quit)." in proc.stdout and "Game saved at turn 2" in proc.stdout


def test_hot_seat_asks_first_side_then_second_with_a_hand_over_line(saves):
    proc = run_cli("play", "--text", "--scenario", str(DUEL), "--side", "both", "--seed", "1",
                   input=ALWAYS_FIRST, saves=saves)
    out = proc.stdout
    first = out.index("Pass the keyboard to North")
    second = out.index("Pass the keyboard to South")
    assert first < out.index("North, action") < second < out.index("South, action")
    assert out.count("Pass the keyboard to North") == out.count("Pass the keyboard to South") >= 3


def test_save_flag_saves_after_every_turn_and_load_continues_it(saves):
    proc = run_cli("play", "--text", "--scenario", str(DUEL), "--side", "north", "--seed", "3",
                   "--save", "mine", input="1\n0\n1\n0\n", saves=saves)
    assert proc.returncode == 0
    assert read_save(saves / "mine.json")["saved_turn"] == 3
    cont = run_cli("play", "--load", "mine", input=ALWAYS_FIRST, saves=saves)
    no_traceback(cont)
    assert cont.returncode == 0
    assert "at turn 3 (seed 3)" in cont.stdout and "OUTCOME after" in cont.stdout


@pytest.mark.parametrize("human", ["north", "south"])
@pytest.mark.parametrize("stop_after", [1, 2, 3])
def test_stop_then_load_then_continue_gives_the_uninterrupted_game(human, stop_after, saves, tmp_path):
    """The opponent may have moved before the human's input ended: its state is saved from before the turn."""
    answers = "2\n0\n" * 10
    args = ["play", "--text", "--scenario", str(DUEL), "--side", human, "--seed", "11"]
    whole = run_cli(*args, "--record", str(tmp_path / "whole.json"), input=answers, saves=saves)
    assert whole.returncode == 0 and "OUTCOME" in whole.stdout
    part = run_cli(*args, input="2\n0\n" * stop_after, saves=saves)
    assert "Game saved" in part.stdout
    rest = run_cli("play", "--load", "autosave", "--record", str(tmp_path / "resumed.json"),
                   input=answers, saves=saves)
    no_traceback(rest)
    assert (tmp_path / "whole.json").read_text() == (tmp_path / "resumed.json").read_text()


def test_watch_mode_shows_every_move_of_two_computer_players(saves):
    proc = run_cli("play", "--side", "watch", "--scenario", str(DUEL), "--seed", "2", saves=saves)
    assert proc.returncode == 0
    assert "What happened, 1–2 May 2030 (turn 1)" in proc.stdout and "OUTCOME after" in proc.stdout
    assert "action [" not in proc.stdout


def test_no_arguments_asks_for_side_and_opponent_at_the_prompt(saves):
    proc = run_cli(input="washington\nrandom\n" + ALWAYS_FIRST, saves=saves)
    no_traceback(proc)
    assert proc.returncode == 0
    assert "Play as moscow, washington, both" in proc.stdout
    assert "WASHINGTON · turn 1 of 18" in proc.stdout and "OUTCOME after" in proc.stdout
    assert "repeat this game with --seed" in proc.stdout     # the random seed is shown


def test_the_side_and_opponent_prompts_take_numbers_like_every_other_menu(saves):
    proc = run_cli(input="2\n1\n" + ALWAYS_FIRST, saves=saves)   # 2 = washington, 1 = easy
    no_traceback(proc)
    assert "WASHINGTON · turn 1 of 18" in proc.stdout and "OUTCOME after" in proc.stdout


def test_the_opponent_menu_offers_the_difficulty_levels_first_each_with_a_line_of_description(saves):
    proc = run_cli(input="2\n\n" + ALWAYS_FIRST, saves=saves)    # Enter: the default opponent
    no_traceback(proc)
    menu = proc.stdout.split("Computer players:")[1].split("Computer player:")[0]
    lines = [line.strip() for line in menu.strip().splitlines()]
    assert lines[0].startswith("1. easy — ") and lines[1].startswith("2. normal — ")
    assert any(line.split(" — ")[0].endswith("random") for line in lines)
    assert "[normal]" in proc.stdout and "OUTCOME after" in proc.stdout


def test_no_arguments_offers_to_continue_an_unfinished_save(saves):
    run_cli("play", "--text", "--side", "moscow", "--seed", "5", input="1\n0\n", saves=saves)
    (saves / "broken.json").write_text("{not json")
    proc = run_cli(input="1\n" + ALWAYS_FIRST, saves=saves)
    assert "1. autosave:" in proc.stdout
    assert "broken" not in proc.stdout.split("Continue a saved game")[0].split("Saved games:")[1]
    assert "Continuing The Ukraine standoff" in proc.stdout and "OUTCOME after" in proc.stdout


def test_end_of_input_at_the_first_prompt_starts_no_game(saves):
    proc = run_cli(input="", saves=saves)
    no_traceback(proc)
    assert proc.returncode == 0 and "No game started." in proc.stdout


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")
def test_ctrl_c_during_play_autosaves_and_exits_130(saves):
    env = dict(os.environ, HOTLINE_SAVES_DIR=str(saves), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "play", "--text", "--scenario", str(DUEL),
                             "--side", "north", "--seed", "1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    try:
        proc.stdin.write("1\n0\n")
        proc.stdin.flush()
        read_until_action_prompt(proc, "turn 2 of 6")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert "Interrupted (Ctrl-C)." in out and "Game saved at turn 2" in out
    assert load_game(saves / "autosave.json").game.turn == 2


def test_record_flag_in_a_text_game_writes_the_record(saves, tmp_path):
    proc = run_cli("play", "--text", "--scenario", str(DUEL), "--side", "north", "--seed", "1",
                   "--record", str(tmp_path / "r.json"), input=ALWAYS_FIRST, saves=saves)
    assert proc.returncode == 0
    record = json.loads((tmp_path / "r.json").read_text())
    assert record["agents"] == {"north": "human", "south": "random"}


def test_stopping_with_save_flag_also_writes_the_named_save(saves):
    proc = run_cli("play", "--text", "--scenario", str(DUEL), "--side", "north", "--seed", "1", "--save", "mine",
                   input="", saves=saves)
    assert proc.returncode == 0
    assert read_save(saves / "mine.json")["saved_turn"] == 1 and (saves / "autosave.json").exists()
    assert "Continue it with: python run.py play --load mine" in proc.stdout


def test_loading_a_save_of_another_scenario_version_is_refused_with_exit_1(saves):
    run_cli("play", "--text", "--scenario", str(DUEL), "--side", "north", "--seed", "1", "--save", "old",
            input="1\n0\n", saves=saves)
    data = json.loads((saves / "old.json").read_text())
    data["scenario"]["hash"] = data["record"]["scenario"]["hash"] = "ab" * 32
    (saves / "old.json").write_text(json.dumps(data))
    proc = run_cli("play", "--load", "old", saves=saves)
    no_traceback(proc)
    assert proc.returncode == 1
    assert "the save was made with another version of scenario 'duel'" in proc.stderr

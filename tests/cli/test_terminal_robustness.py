"""The terminal game against a hostile or broken terminal: closed input, bytes that are not text,
an output that cannot show '—', a reader that goes away; and flags that cannot work.

Each test names the rule: the player gets a clear line, never a traceback, and the game is saved.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from game.present import Presenter
from game.saves import read_save
from tests.cli.conftest import DUEL, ROOT, no_traceback, run_cli

TEXT_GAME = ("play", "--text", "--scenario", str(DUEL), "--side", "north", "--seed", "1")


def run_bytes(*args: str, input: bytes, saves, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, HOTLINE_SAVES_DIR=str(saves), **(env_extra or {}))
    return subprocess.run([sys.executable, str(ROOT / "run.py"), *args], input=input, capture_output=True,
                          timeout=120, cwd=ROOT, env=env)


def test_a_line_of_bytes_that_are_not_text_is_an_invalid_answer_not_a_lost_turn(saves):
    # PYTHONIOENCODING=utf-8:strict is how stdin is set up in most UTF-8 locales (not C/POSIX)
    proc = run_bytes(*TEXT_GAME, input=b"x\xff\xfe\n1\n0\n", saves=saves,
                     env_extra={"PYTHONIOENCODING": "utf-8:strict"})
    out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in out + err and "fault" not in out
    assert "is not a choice" in out
    assert read_save(saves / "autosave.json")["saved_turn"] == 2   # the next line was turn 1's answer


def test_an_output_that_cannot_show_every_character_does_not_crash_the_game(saves):
    proc = run_bytes(*TEXT_GAME, input=b"1\n0\n", saves=saves, env_extra={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"Traceback" not in proc.stderr and b"Game saved at turn 2" in proc.stdout


@pytest.mark.skipif(os.name != "posix", reason="closes file descriptor 0 in the child")
def test_closed_standard_input_stops_the_game_with_a_message_and_saves_it(saves):
    env = dict(os.environ, HOTLINE_SAVES_DIR=str(saves))
    proc = subprocess.run([sys.executable, str(ROOT / "run.py"), *TEXT_GAME], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120, cwd=ROOT, env=env,
                          preexec_fn=lambda: os.close(0))
    no_traceback(proc)
    assert proc.returncode == 0
    assert "standard input is closed" in proc.stdout and "fault" not in proc.stdout
    assert read_save(saves / "autosave.json")["saved_turn"] == 1


@pytest.mark.skipif(os.name != "posix", reason="a shell pipeline into head")
def test_output_piped_into_a_reader_that_stops_early_ends_quietly(saves):
    cmd = f"'{sys.executable}' '{ROOT / 'run.py'}' play --moscow random --washington random --seed 1 | head -1"
    proc = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env=dict(os.environ, HOTLINE_SAVES_DIR=str(saves)))
    assert proc.stderr == "" and proc.stdout.count("\n") == 1 and "seed 1" in proc.stdout


@pytest.mark.parametrize("args, message", [
    (["--moscow", "random", "--washington", "random", "--time-limit", "0"], "--time-limit must be"),
    (["--moscow", "random", "--washington", "random", "--time-limit", "nan"], "--time-limit must be"),
    (["--text", "--side", "moscow", "--time-limit", "5"], "--time-limit is for computer players only"),
    (["--text", "--side", "moscow", "--save", ""], "--save needs a save name"),
])
def test_flags_that_cannot_work_are_usage_errors(args, message, saves):
    proc = run_cli("play", *args, saves=saves)
    no_traceback(proc)
    assert proc.returncode == 2 and message in proc.stderr


def test_loading_a_folder_says_it_is_a_folder(saves):
    proc = run_cli("play", "--load", str(saves), saves=saves)
    no_traceback(proc)
    assert proc.returncode == 1 and "is a folder, not a save" in proc.stderr


@pytest.mark.parametrize("scenario, code, message", [
    ("atlantis", 2, "no bundled scenario 'atlantis'"),
    (str(ROOT / "tests" / "scenario" / "broken" / "bad_kind.yaml"), 1, "is not a valid scenario"),
])
def test_bench_of_a_missing_or_broken_scenario_is_a_clear_error(scenario, code, message):
    proc = run_cli("bench", "--games", "1", "--repeats", "1", "--scenario", scenario)
    no_traceback(proc)
    assert proc.returncode == code and message in proc.stderr


def test_bench_accepts_a_scenario_id_as_its_help_says():
    proc = run_cli("bench", "--games", "1", "--repeats", "1", "--scenario", "ukraine_2022", "--window", "no")
    assert proc.returncode == 0, proc.stderr
    assert "load " in proc.stdout and "engine ukraine_2022" in proc.stdout


def test_ladder_steps_read_as_words(ukraine):
    p = Presenter(ukraine)
    assert [p.category(c) for c in ("de_escalation", "status_quo", "non_violent_escalation")] == \
        ["de-escalation", "status quo", "non-violent escalation"]

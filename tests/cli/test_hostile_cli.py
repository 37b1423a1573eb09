"""The command line against hostile files, signals and careless flags: every case a clear line and
the right exit code, nothing lost, nothing replaced, nothing run that the user did not name."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from game.filelock import FileLock
from game.files import TEMP_PREFIX, TEMP_SUFFIX
from game.saves import load_game, read_save
from tests.cli.conftest import ALWAYS_FIRST, DUEL, ROOT, no_traceback, read_until_action_prompt, run_cli

TEXT_GAME = ("play", "--text", "--scenario", str(DUEL), "--side", "north", "--seed", "1")
HEADLESS = ("play", "--scenario", str(DUEL), "--agent", "north=random", "--agent", "south=random", "--seed", "1")
posix_only = pytest.mark.skipif(os.name != "posix", reason="signals, FIFOs and devices are POSIX")


# ---------------------------------------------------------------------------- signals

@posix_only
@pytest.mark.parametrize("signame, code", [("SIGTERM", 143), ("SIGHUP", 129)])
def test_sigterm_and_sighup_save_the_game_like_ctrl_c(saves, signame, code):
    env = dict(os.environ, HOTLINE_SAVES_DIR=str(saves), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), *TEXT_GAME], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    try:
        proc.stdin.write("1\n0\n")
        proc.stdin.flush()
        read_until_action_prompt(proc, "turn 2 of 6")
        proc.send_signal(getattr(signal, signame))
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == code, err
    assert "Traceback" not in err and f"Stopped by {signame}" in out and "Game saved at turn 2" in out
    assert load_game(saves / "autosave.json").game.turn == 2


# ---------------------------------------------------------------------------- nothing lost

def test_a_new_game_keeps_an_unfinished_autosave_under_a_dated_name(saves):
    run_cli(*TEXT_GAME, input="1\n0\n", saves=saves)
    first = (saves / "autosave.json").read_bytes()
    proc = run_cli(*TEXT_GAME, input="", saves=saves)
    no_traceback(proc)
    kept = [p for p in saves.glob("autosave-*.json")]
    assert len(kept) == 1 and kept[0].read_bytes() == first
    assert f"Your unfinished game in autosave.json was kept as {kept[0]}" in proc.stdout
    assert read_save(saves / "autosave.json")["saved_turn"] == 1   # the new game's


def test_continuing_the_autosave_does_not_back_it_up(saves):
    run_cli(*TEXT_GAME, input="1\n0\n", saves=saves)
    proc = run_cli("play", "--load", "autosave", input="", saves=saves)
    assert proc.returncode == 0 and not list(saves.glob("autosave-*.json"))


def test_a_save_that_cannot_be_written_stops_before_the_first_turn(saves, tmp_path):
    (tmp_path / "file").write_text("not a folder")
    proc = run_cli(*TEXT_GAME, "--save", str(tmp_path / "file" / "mine.json"), input=ALWAYS_FIRST, saves=saves)
    no_traceback(proc)
    assert proc.returncode == 1
    assert "nothing played yet; choose another place with --save NAME" in proc.stdout
    assert "turn 1 of 6" not in proc.stdout


def test_a_save_that_stops_working_mid_game_stops_the_game_with_exit_1(duel, tmp_path, monkeypatch):
    from game.cli.text import session as session_module
    from game.cli.text.console import Console
    from game.match import Match
    from game.saves import SaveError, save_game

    calls = []

    def failing_save(match, path, states=None):
        calls.append(path)
        if len(calls) > 2 and path.name == "mine.json":
            raise SaveError(f"{path}: cannot write the save: No space left on device")
        return save_game(match, path, states)

    monkeypatch.setattr(session_module, "save_game", failing_save)
    out = __import__("io").StringIO()
    match = Match(duel, ["random", "random"], seed=1)
    session = session_module.TerminalSession(match, Console(__import__("io").StringIO(), out), frozenset({0, 1}),
                                             autosave=tmp_path / "autosave.json", save_to=tmp_path / "mine.json")
    assert session.run() == 1
    text = out.getvalue()
    assert text.count("No space left on device") == 1
    assert "Stopping now at turn 3" in text and "The game was saved to" in text
    assert read_save(tmp_path / "autosave.json")["saved_turn"] == 3 and match.game.turn == 3


def test_a_save_in_use_by_another_game_is_refused(saves):
    with FileLock(saves / "mine.json"):
        proc = run_cli(*TEXT_GAME, "--save", "mine", input=ALWAYS_FIRST, saves=saves)
    no_traceback(proc)
    assert proc.returncode == 1 and "another Hotline game is saving to this file" in proc.stdout
    assert not (saves / "mine.json").exists()


def test_a_second_game_at_once_autosaves_beside_the_first(saves):
    with FileLock(saves / "autosave.json"):
        proc = run_cli(*TEXT_GAME, input="1\n0\n", saves=saves)
    assert proc.returncode == 0 and "this one autosaves to autosave-2.json" in proc.stdout
    assert read_save(saves / "autosave-2.json")["saved_turn"] == 2 and not (saves / "autosave.json").exists()


def test_temporary_files_of_a_killed_game_are_gone_after_the_next_start(saves):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = saves / f"{TEMP_PREFIX}{dead.pid}-0badf00d{TEMP_SUFFIX}"
    stale.write_text('{"format": "hot')
    proc = run_cli(*TEXT_GAME, input="", saves=saves)
    assert proc.returncode == 0 and not stale.exists()


# ---------------------------------------------------------------------------- hostile files

@posix_only
def test_a_fifo_among_the_saves_neither_hangs_the_list_nor_the_start_menu(saves):
    os.mkfifo(saves / "trap.json")
    listed = run_cli("play", "--list-saves", saves=saves, timeout=60)
    assert listed.returncode == 0 and "trap: BROKEN" in listed.stdout and "pipe (FIFO)" in listed.stdout
    menu = run_cli(input="", saves=saves, timeout=60)
    assert menu.returncode == 0 and "No game started." in menu.stdout


@posix_only
def test_replay_and_load_of_dev_zero_are_refused_at_once(saves, tmp_path):
    (saves / "zero.json").symlink_to("/dev/zero")
    for proc in (run_cli("replay", "/dev/zero", timeout=60), run_cli("play", "--load", "zero", saves=saves, timeout=60)):
        no_traceback(proc)
        assert proc.returncode in (1, 2) and "is a device, not a regular file" in proc.stderr


@posix_only
@pytest.mark.parametrize("flag", ["--record", "--save"])
def test_a_device_or_fifo_is_never_replaced_by_a_save_or_record(saves, tmp_path, flag):
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    proc = run_cli(*(HEADLESS if flag == "--record" else TEXT_GAME), flag, str(fifo), input="", saves=saves)
    no_traceback(proc)
    assert proc.returncode in (1, 2) and "pipe (FIFO)" in proc.stdout + proc.stderr
    assert fifo.is_fifo()


@pytest.mark.parametrize("path", ["", ".", "..", "x/"])
def test_a_record_name_that_is_not_a_file_is_a_usage_error(saves, path):
    proc = run_cli(*HEADLESS, "--record", path, saves=saves)
    no_traceback(proc)
    assert proc.returncode == 2 and ("--record needs a file name" in proc.stderr or "names a folder" in proc.stderr)


DAMAGES = [
    (lambda d: d["snapshot"]["variables"].update(troops=float("nan")), "NaN (JSON has no such number)"),
    (lambda d: d["scenario"].update(source=5), "scenario.source should be text, not a number"),
    (lambda d: d["scenario"].update(source=["x"]), "scenario.source should be text, not an array"),
    (lambda d: d["record"].update(faults=[{"turn": "1"}]), "the saved faults are damaged"),
]


def test_a_damaged_save_is_a_clear_error_to_load_and_to_replay(saves):
    from game.cli.replay import ReplayProblem, replay
    from game.saves import SaveError

    run_cli(*TEXT_GAME, "--save", "mine", input="1\n0\n", saves=saves)
    good = json.loads((saves / "mine.json").read_text())
    for damage, message in DAMAGES:
        data = json.loads(json.dumps(good))
        damage(data)
        (saves / "mine.json").write_text(json.dumps(data))
        with pytest.raises(SaveError, match=__import__("re").escape(message)):
            load_game(saves / "mine.json")
        with pytest.raises(ReplayProblem, match=__import__("re").escape(message)):
            replay(saves / "mine.json")
    proc = run_cli("play", "--load", "mine", saves=saves)   # the last one, as a user sees it
    no_traceback(proc)
    assert proc.returncode == 1 and "the saved faults are damaged" in proc.stderr


def test_a_save_of_a_plugin_game_asks_for_the_plugin_again(saves):
    first = run_cli(*TEXT_GAME, "--agent", "south=tests.agents.hostile_plugins:Good", "--save", "p",
                    input="1\n0\n", saves=saves)
    assert first.returncode == 0, first.stderr
    proc = run_cli("play", "--load", "p", input="", saves=saves)
    no_traceback(proc)
    assert proc.returncode == 2
    assert ("this save's South was the plugin 'tests.agents.hostile_plugins:Good'; a save never loads code by "
            "itself: continue with --agent south=tests.agents.hostile_plugins:Good") in proc.stderr
    wrong = run_cli("play", "--load", "p", "--agent", "south=tests.agents.hostile_plugins:Crash", input="", saves=saves)
    assert wrong.returncode == 2 and "not 'tests.agents.hostile_plugins:Crash'" in wrong.stderr
    again = run_cli("play", "--load", "p", "--agent", "south=tests.agents.hostile_plugins:Good", input="",
                    saves=saves)
    assert again.returncode == 0 and "Continuing" in again.stdout, again.stderr


# ---------------------------------------------------------------------------- input and flags

@pytest.mark.parametrize("answer", ["²", "٣", "9" * 5000, "1" * 20, "\x1b[2J"])
def test_odd_numbers_at_a_menu_are_invalid_answers(answer):
    from io import StringIO

    from game.cli.text.console import Console, EndOfInput

    out = StringIO()
    console = Console(StringIO(f"{answer}\n" * 3 + "2\n"), out)
    assert console.ask_number("? ", range(0, 3)) == 2
    assert out.getvalue().count("is not a choice") == 3 and "\x1b" not in out.getvalue().replace(answer, "")
    console = Console(StringIO(f"{answer}\n"), StringIO())
    with pytest.raises(EndOfInput):
        console.ask_word("? ", ("moscow", "washington"))


def test_odd_numbers_at_the_setup_menu_and_an_in_game_prompt_are_invalid_answers_not_a_lost_move(saves):
    menu = run_cli(input="²\n" + "9" * 5000 + "\n", saves=saves)
    no_traceback(menu)
    assert menu.returncode == 0 and menu.stdout.count("is not a choice") == 2
    proc = run_cli(*TEXT_GAME, input="²\n" + "9" * 5000 + "\n1\n0\n", saves=saves)
    no_traceback(proc)
    assert proc.stdout.count("is not a choice") == 2 and "fault" not in proc.stdout
    assert read_save(saves / "autosave.json")["saved_turn"] == 2


@pytest.mark.parametrize("spec, message", [
    (":", "':' is not a plugin name"),
    (".x:Y", "'.x' in '.x:Y' is not a module name (relative module names are not allowed)"),
    ("/no/such/agent.py:A", "no such file: /no/such/agent.py"),
])
def test_bad_plugin_names_are_usage_errors(saves, spec, message):
    proc = run_cli("play", "--moscow", spec, saves=saves)
    no_traceback(proc)
    assert proc.returncode == 2 and message in proc.stderr


def test_a_huge_time_limit_is_a_usage_error_not_a_fault_every_move(saves):
    proc = run_cli(*HEADLESS, "--time-limit", "1e10", saves=saves)
    no_traceback(proc)
    assert proc.returncode == 2 and "--time-limit must be more than 0 and at most 86400 seconds" in proc.stderr


@posix_only
def test_a_time_limit_with_a_plugin_runs_it_isolated_so_the_limit_holds(saves):
    proc = run_cli("play", "--scenario", str(DUEL), "--agent", "north=tests.agents.hostile_plugins:CCallHog",
                   "--agent", "south=random", "--seed", "1", "--time-limit", "0.3", saves=saves, timeout=300)
    no_traceback(proc)
    assert proc.returncode == 0
    assert "took longer than 0.3 s (choose); its process was ended" in proc.stdout
    assert "is out of the game after 3 failures" in proc.stdout


def test_an_isolated_plugin_that_cannot_load_is_a_usage_error(saves):
    proc = run_cli(*HEADLESS[:5], "--agent", "south=tests.agents.hostile_plugins:Missing", "--isolate", saves=saves)
    no_traceback(proc)
    assert proc.returncode == 2 and "south: cannot load agent" in proc.stderr

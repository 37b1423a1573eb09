"""Live reload in the terminal (--watch --text): checked before each turn and after the game; a
valid version restarts the game with the same seed, a broken one prints file:line:col errors and
play goes on with the last good version."""
from __future__ import annotations

import os
import shutil

import pytest

import game.cli.text.watch as terminal_watch
from game.authoring.watch import ScenarioWatch
from game.cli.main import main
from game.cli.text.watch import TerminalReload
from game.scenario.load import find_scenario


def _save(path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


@pytest.fixture
def mine(tmp_path):
    path = tmp_path / "mine.yaml"
    shutil.copy(find_scenario("cuba_1962"), path)
    return path, path.read_text(encoding="utf-8")


def test_a_change_before_a_turn_restarts_a_broken_one_is_printed_and_play_goes_on(mine):
    path, text = mine
    said, titles = [], []
    reload = TerminalReload(ScenarioWatch(path), said.append, sleep=lambda s: _save(path, text))

    def play_one(scenario):
        titles.append(scenario.model.title)
        if len(titles) == 1:
            _save(path, text.replace('title: "', 'title: "Edited ', 1))
            reload.before_turn()                       # raises Restart
        if len(titles) == 2:
            _save(path, text.replace("max_turns: ", "max_turns: -", 1))
            reload.before_turn()                       # prints the errors, no restart
            return 0                                   # the game ends; the wait's "edit" restores the file
        return 1

    assert reload.loop(reload.first(), play_one, seed=9) == 1
    assert titles[1].startswith("Edited ") and not titles[2].startswith("Edited ")
    assert any(line.startswith(f"{path}:") and "max_turns" in line for line in said)
    assert sum("same seed 9" in line for line in said) == 2


def test_watch_in_the_terminal_end_to_end(mine, tmp_path, capsys, monkeypatch):
    path, text = mine
    edits = iter([text.replace("max_turns: ", "max_turns: -", 1), text.replace('title: "', 'title: "Fixed ', 1)])

    def author(seconds):
        try:
            _save(path, next(edits))
        except StopIteration:
            raise KeyboardInterrupt from None
    monkeypatch.setattr(terminal_watch, "_pause", author)
    code = main(["play", "--scenario", str(path), "--watch", "--text", "--moscow", "random", "--washington",
                 "random", "--seed", "5", "--saves-dir", str(tmp_path / "saves")])
    out = capsys.readouterr().out
    assert code == 130 and "Stopped watching." in out
    assert out.count("Waiting for mine.yaml to change") == 2 and "mine.yaml: 1 error" in out
    assert "Hotline — Fixed Thirteen Days" in out and "same seed 5" in out


def test_watch_needs_a_file_and_a_new_game(tmp_path, capsys):
    assert main(["play", "--watch", "--text"]) == 2
    assert "--watch needs the file to watch" in capsys.readouterr().err
    assert main(["play", "--watch", "--scenario", "cuba_1962", "--load", "x"]) == 2
    assert main(["play", "--watch", "--scenario", str(tmp_path / "none.yaml"), "--text"]) == 2


def test_a_persons_moves_are_played_again_while_the_new_version_offers_them():
    from game.agents.random_agent import RandomAgent
    from game.authoring.watch import moves_of
    from game.cli.text.human import HumanTerminalAgent
    from game.match import Match
    from game.scenario.load import load_scenario

    scenario = load_scenario("cuba_1962")
    first = Match(scenario, [RandomAgent(), RandomAgent()], seed=4)
    for _ in range(3):
        first.step()
    moves = moves_of(first.game, [0], scenario)
    person = HumanTerminalAgent(console=None)          # never asked: every move comes from the replay
    person.replay = [turn[0] for turn in moves]
    again = Match(scenario, [person, RandomAgent()], seed=4)
    for _ in range(3):
        again.step()
    assert moves_of(again.game, [0], scenario) == moves and person.replay == [] and not again.faults

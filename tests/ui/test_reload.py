"""Live reload in the window (--watch): a valid edit restarts the game on the new version with the
same seed and sides, a broken edit shows its errors (file:line:col, key) while the last good version
keeps running, and fixing it reloads again."""
from __future__ import annotations

import json
import os
import shutil

import pygame
import pytest

from game.present.reload import watching_line
from game.scenario.load import find_scenario
from game.ui.reload import WindowReload, human_moves
from game.ui.screens.reload import ReloadErrorsScreen
from tests.ui.driver import click_key, key, scenario_key, screen, settle
from tests.ui.test_play_through_window import take_turn


def _save(path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def _check_now(app) -> None:
    app.reload.due = 0.0
    settle(app)


def test_a_valid_edit_restarts_a_broken_one_shows_its_errors_and_a_fix_reloads(make_window, tmp_path):
    path = tmp_path / "mine.yaml"
    shutil.copy(find_scenario("cuba_1962"), path)
    text = path.read_text(encoding="utf-8")
    app = make_window(size=(1024, 640))
    app.reload = WindowReload(app, path)
    settle(app)
    assert screen(app) == "setup" and app.active.scenario.path == path     # opens on the watched file
    assert app.active.find(scenario_key(path)).title.endswith("(mine.yaml)")  # a copy's title says which file
    click_key(app, "side:0")
    click_key(app, "opponent:random")
    click_key(app, "start")
    while screen(app) != "turn":
        key(app, pygame.K_RETURN)
    seed, humans = app.session.match.seed, app.session.humans
    for n in range(2):                                   # two turns played, then the author edits
        take_turn(app, n)
        while screen(app) != "turn":
            key(app, pygame.K_RETURN)
    played = human_moves(app.session)
    assert len(played) == 2

    _save(path, text.replace('title: "', 'title: "Edited ', 1))
    _check_now(app)
    assert app.session.scenario.model.title.startswith("Edited ")
    assert (app.session.match.seed, app.session.humans) == (seed, humans)
    assert human_moves(app.session) == played and app.session.game.turn == 3   # back where the author was:
    assert screen(app) == "report"                                             # the last turn's news, then
    key(app, pygame.K_RETURN)                                                  # turn 3's choice
    assert screen(app) == "turn"
    assert "turns 1–2 played again" in app._toast[0] and f"same seed {seed}" in app._toast[0]

    running = app.session
    _save(path, text.replace("max_turns: ", "max_turns: -", 1))
    _check_now(app)
    assert isinstance(app.overlay, ReloadErrorsScreen) and app.session is running   # the old version goes on
    shown = " ".join(w.text for w in app.overlay.root.walk() if hasattr(w, "text"))
    assert f"{path}:" in shown and "max_turns" in shown and "last good version keeps running" in shown
    assert app.check_layout() == []
    if os.environ.get("HOTLINE_SHOTS"):
        app.draw()
        pygame.image.save(app.surface, os.path.join(os.environ["HOTLINE_SHOTS"], "reload-errors.png"))

    _save(path, text.replace('title: "', 'title: "Fixed ', 1))
    _check_now(app)
    assert app.overlay is None and app.session is not running
    assert app.session.scenario.model.title.startswith("Fixed ") and app.session.match.seed == seed


def test_a_file_broken_from_the_start_lists_its_errors_and_plays_once_fixed(make_window, tmp_path):
    path = tmp_path / "mine.yaml"
    good = find_scenario("cuba_1962").read_text(encoding="utf-8")
    path.write_text("title: [\n", encoding="utf-8")
    app = make_window(size=(1024, 640))
    app.reload = WindowReload(app, path)
    settle(app)
    assert isinstance(app.overlay, ReloadErrorsScreen)
    assert app.scenarios()[0].path == path and not app.scenarios()[0].ok
    _save(path, good)
    _check_now(app)
    assert app.overlay is None and app.scenarios()[0].ok and app.active.scenario.path == path


def test_the_window_started_with_a_watched_file_watches_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    from game.ui import app as app_module

    seen = {}

    def run(self):
        seen["reload"], seen["screen"] = self.reload, screen(self)
        return 0
    monkeypatch.setattr(app_module.App, "run", run)
    path = find_scenario("cuba_1962")
    options = app_module.WindowOptions(size=(1024, 640), saves_dir=tmp_path, watch=path)
    assert app_module.run_window(options) == 0
    assert isinstance(seen["reload"], WindowReload) and seen["reload"].path == path and seen["screen"] == "setup"


def test_a_scenario_named_on_the_command_line_is_listed_first_and_picked(make_window, tmp_path):
    path = tmp_path / "elsewhere.yaml"
    shutil.copy(find_scenario("cuba_1962"), path)
    app = make_window(size=(1024, 640), scenario=path)
    assert app.scenarios()[0].path == path and app.scenarios()[0].ok
    key(app, pygame.K_1)
    assert screen(app) == "setup" and app.active.scenario.path == path


def test_the_window_started_with_a_scenario_opens_its_setup(tmp_path, monkeypatch):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    from game.ui import app as app_module

    seen = {}

    def run(self):
        seen["screen"], seen["picked"] = screen(self), self.active.scenario.path
        return 0
    monkeypatch.setattr(app_module.App, "run", run)
    path = find_scenario("cuba_1962")
    assert app_module.run_window(app_module.WindowOptions(size=(1024, 640), saves_dir=tmp_path, scenario=path)) == 0
    assert seen == {"screen": "setup", "picked": path}


def test_replay_plays_the_moves_while_they_are_open_and_stops_at_the_first_that_is_not(tmp_path):
    from game.scenario.load import load_scenario
    from game.ui.reload import replay
    from game.ui.session import GameSession

    scenario = load_scenario("cuba_1962")
    first = GameSession.new(scenario, humans=(0,), opponent="random", seed=11, save_path=tmp_path / "a.json")
    for _ in range(3):
        legal = first.legal(0)
        first.commit(0, first.choice_from_ids(0, legal.actions[0].id, legal.messages[0].to_json(scenario)))
        first.resolve()
    moves = human_moves(first)
    again = GameSession.new(scenario, humans=(0,), opponent="random", seed=11, save_path=tmp_path / "b.json")
    assert replay(again, moves) == 3 and human_moves(again) == moves
    assert again.match.record()["turns"] == first.match.record()["turns"]      # same seed, same game
    third = GameSession.new(scenario, humans=(0,), opponent="random", seed=11, save_path=tmp_path / "c.json")
    assert replay(third, [moves[0], {0: ("no_such_move", None)}, moves[2]]) == 1


def test_the_reload_line_says_how_far_the_game_was_played_again():
    from game.present.reload import reloaded_line

    assert "turns 1–4 played again" in reloaded_line("a/mine.yaml", seed=3, replayed=4, wanted=4)
    assert "up to turn 2" in reloaded_line("mine.yaml", seed=3, replayed=2, wanted=5)
    assert "turn 3 is not open" in reloaded_line("mine.yaml", seed=3, replayed=2, wanted=5)
    assert "ends the game at turn 6" in reloaded_line("mine.yaml", seed=3, replayed=6, wanted=9, over=True)
    assert "started again" in reloaded_line("mine.yaml", seed=3)


@pytest.mark.parametrize("text_size", ["normal", "largest"])
def test_the_reload_toast_stays_in_view_beside_the_error_box(make_window, tmp_path, text_size):
    from game.present.reload import reloaded_line

    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / ".window-settings.json").write_text(json.dumps({"text_size": text_size}), encoding="utf-8")
    path = tmp_path / "mine.yaml"
    path.write_text(find_scenario("cuba_1962").read_text(encoding="utf-8").replace("label:", "lable:"),
                    encoding="utf-8")                                  # over a hundred errors: a tall box
    app = make_window(size=(1024, 640), saves=saves)
    app.reload = WindowReload(app, path)
    settle(app)
    assert isinstance(app.overlay, ReloadErrorsScreen)

    def in_view(words: str) -> None:
        toast, box = app.toast_widget(), app.overlay.root.rect
        assert toast is not None and " ".join(toast.lines) == words           # whole, wrapped if need be
        assert not toast.rect.colliderect(box) and app.window_rect().contains(toast.rect)
        assert box.contains(app.overlay.find("keep").rect)                    # the box's button too
        assert app.check_layout() == []

    in_view(watching_line(path))                        # the first toast, shown before the box opened
    app.toast(reloaded_line(path, seed=12345, replayed=2, wanted=5), seconds=8)   # one while it is open
    in_view(reloaded_line(path, seed=12345, replayed=2, wanted=5))
    if os.environ.get("HOTLINE_SHOTS"):
        app.draw()
        pygame.image.save(app.surface, os.path.join(os.environ["HOTLINE_SHOTS"], f"reload-toast-{text_size}.png"))

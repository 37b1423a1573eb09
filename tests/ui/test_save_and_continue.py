"""Closing the window loses nothing: the autosave holds the game and the choice in progress, and
'Continue' on the start screen brings both back; saves made from the pause menu load too."""
from __future__ import annotations

import pygame

from game.saves import list_saves
from tests.ui.driver import click_key, key, screen, settle, tab_to
from tests.ui.test_play_through_window import start_game, take_turn


def to_turn_screen(app):
    while screen(app) in ("briefing", "report", "handover", "wait"):
        key(app, pygame.K_RETURN) if screen(app) != "wait" else settle(app)
    assert screen(app) == "turn"


def two_turns_as_moscow(make_window, saves, opponent: str):
    """A window with a game as Moscow against `opponent`, two turns played, on the third turn screen."""
    app = make_window(saves=saves)
    start_game(app, "side:0", opponent=opponent)
    for n in range(2):
        to_turn_screen(app)
        take_turn(app, n)
    to_turn_screen(app)
    return app


def test_quit_mid_turn_then_continue_restores_the_game_and_the_choice_in_progress(make_window, tmp_path):
    saves = tmp_path / "saves"
    app = two_turns_as_moscow(make_window, saves, "random")
    turn, state = app.session.game.turn, app.session.game.snapshot()
    tab_to(app, "move:")
    key(app, pygame.K_2)
    chosen = app.active.action.id
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    settle(app)
    assert not app.running

    again = make_window(saves=saves)
    assert screen(again) == "start" and again.active.find("continue").enabled
    key(again, pygame.K_2)                     # Continue the last game
    to_turn_screen(again)
    assert again.session.game.turn == turn and again.session.game.snapshot() == state
    assert again.active.action is not None and again.active.action.id == chosen
    assert again.session.humans == (0,)


def test_hot_seat_continue_keeps_the_first_players_secret_choice_and_asks_the_second(make_window, tmp_path):
    saves = tmp_path / "saves"
    app = make_window(saves=saves)
    start_game(app, "side:hotseat")
    to_turn_screen(app)
    assert app.active.viewer == 0
    take_turn(app, 0)
    assert screen(app) == "handover" and app.active.side == 1
    pending = app.session.pending[0]
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    settle(app)

    again = make_window(saves=saves)
    key(again, pygame.K_2)
    assert screen(again) == "handover" and again.active.side == 1
    assert again.session.pending[0].action.id == pending.action.id
    assert again.session.pending[0].message.key == pending.message.key


def test_a_game_saved_from_the_pause_menu_is_listed_and_loads(make_window, tmp_path):
    saves = tmp_path / "saves"
    app = make_window(saves=saves)
    start_game(app, "side:1", opponent="random")
    to_turn_screen(app)
    take_turn(app, 0)
    to_turn_screen(app)
    key(app, pygame.K_ESCAPE)
    assert screen(app) == "pause"
    click_key(app, "save")
    assert screen(app) == "save"
    field = app.active.find("name")
    for _ in range(len(field.value)):
        key(app, pygame.K_BACKSPACE)
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="class-7b"))
    key(app, pygame.K_RETURN)
    assert screen(app) == "turn"
    assert any(s.name == "class-7b" and s.ok for s in list_saves(saves))
    (saves / "broken.json").write_text("{not json")

    key(app, pygame.K_ESCAPE)
    click_key(app, "menu")
    assert screen(app) == "start"
    click_key(app, "load")
    assert screen(app) == "load"
    assert not app.active.find("save:broken").enabled           # listed with its problem, not a crash
    click_key(app, "save:class-7b")
    to_turn_screen(app)
    assert app.session.game.turn == 2 and app.session.humans == (1,)

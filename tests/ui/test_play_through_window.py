"""Whole games played through the window with synthetic keys and clicks, to the end screen:
as Moscow, as Washington and hot-seat; every new screen passes the layout check."""
from __future__ import annotations

import pygame
import pytest

from tests.ui.driver import LayoutWatch, click_key, find, key, screen, settle, tab_to


def start_game(app, side_key: str, opponent: str | None = None) -> None:
    assert screen(app) == "start"
    key(app, pygame.K_1)                       # New game (number key)
    assert screen(app) == "setup"
    click_key(app, side_key)                   # the side (mouse)
    if opponent:
        click_key(app, f"opponent:{opponent}")
    key(app, pygame.K_TAB)
    click_key(app, "start")


def take_turn(app, n: int, watch=None) -> None:
    """A move by keyboard (Tab into the list, a number key), a message by mouse, Ctrl+E."""
    turn = app.active
    tab_to(app, "move:")
    key(app, pygame.K_1 + n % 3)
    assert turn.action is not None and app.active is turn
    click_key(app, "tab:talks")
    if watch is not None:
        watch()
    keys = [w.key for w in turn.root.walk() if w.key and w.key.startswith("msg:") and w.enabled]
    if "msg:accept" in keys and n % 2:
        click_key(app, "msg:accept")
    else:
        wanted = [k for k in keys if k.startswith("msg:p:")] if n % 3 == 0 else \
            [k for k in keys if k.startswith("msg:q:")] if n % 3 == 1 else ["msg:none"]
        if wanted:
            click_key(app, wanted[0])
    key(app, pygame.K_e, pygame.KMOD_CTRL)


def play_to_the_end(app, watch: LayoutWatch, limit: int = 400) -> list[str]:
    names = []
    for n in range(limit):
        name = screen(app)
        names.append(name)
        watch()
        if name == "end":
            return names
        if name in ("briefing", "report", "handover"):
            assert app.ctx.focus is not None and app.ctx.focus.key in ("begin", "continue", "ready")
            key(app, pygame.K_RETURN)
        elif name == "turn":
            take_turn(app, n, watch)
        elif name == "wait":
            settle(app)
        else:
            raise AssertionError(f"unexpected screen {name}")
    raise AssertionError("the game did not end")


@pytest.mark.parametrize("side_key, side", [("side:0", 0), ("side:1", 1)])
def test_a_whole_game_as_one_side_against_the_computer_reaches_the_end_screen(make_window, side_key, side):
    app = make_window()
    watch = LayoutWatch(app)
    start_game(app, side_key, opponent="random")
    assert app.session.humans == (side,)
    names = play_to_the_end(app, watch)
    assert app.session.over and "handover" not in names
    assert {"briefing", "turn", "report", "end"} <= set(names)
    assert watch.problems == {}
    assert "turn-move" in watch.seen and "turn-talks" in watch.seen
    click_key(app, "save")                           # save the record from the end screen
    records = list((app.saves_dir / "records").glob("*.json"))
    assert len(records) == 1 and app.active.saved and "saved" in app.active.saved.lower()


def test_a_hot_seat_game_hands_over_before_every_players_turn_and_shows_nothing_of_the_other_choice(make_window):
    app = make_window()
    watch = LayoutWatch(app)
    start_game(app, "side:hotseat")
    assert app.session.humans == (0, 1)
    seen_handover_texts = []
    for _ in range(3):   # the first turns by hand, checking each hand-over
        assert screen(app) == "handover"
        text = " ".join(w.text for w in app.active.root.walk() if hasattr(w, "text") and isinstance(w.text, str))
        seen_handover_texts.append(text)
        side = app.active.side
        key(app, pygame.K_RETURN)
        while screen(app) in ("briefing", "report"):
            key(app, pygame.K_RETURN)
        assert screen(app) == "turn" and app.active.viewer == side
        before = app.session.pending.get(1 - side)
        take_turn(app, side)
        if before is not None or side == 0:
            pass
    # the hand-over names the next player and none of the last player's moves
    labels = [a.label for side in (0, 1) for a in app.session.scenario.actions[side]]
    for text in seen_handover_texts:
        assert not any(label in text for label in labels)
    names = play_to_the_end(app, watch)
    assert names.count("handover") >= 2 and app.session.over
    assert watch.problems == {}


def test_watching_two_computers_plays_to_the_end_with_enter_alone(make_window):
    app = make_window()
    key(app, pygame.K_1)
    click_key(app, "side:watch")
    click_key(app, "start")
    for _ in range(200):
        if screen(app) == "end":
            break
        key(app, pygame.K_RETURN)
    assert screen(app) == "end" and app.session.over


def test_auto_play_advances_a_watched_game_by_itself(make_window, monkeypatch):
    from game.ui.flow import Flow

    monkeypatch.setattr(Flow, "AUTOPLAY_SECONDS", {"turn": 0.0, "report": 0.0})
    app = make_window()
    key(app, pygame.K_1)
    click_key(app, "side:watch")
    click_key(app, "start")
    key(app, pygame.K_RETURN)                 # past the briefing
    assert screen(app) == "turn"
    key(app, pygame.K_a)                      # auto-play on: no more input
    for _ in range(3000):
        settle(app)
        if screen(app) in ("end",) or (screen(app) == "report" and app.active.final):
            break
    assert app.session.over

"""The end screen shows the lesson's debrief of the game (game.lesson.debrief): the real timeline
beside the game's, the discussion questions, the scores in words, the agreements and the escalation
compared with the historical line; for a game continued from a save too, and readable at 1024x640 by
keyboard alone."""
from __future__ import annotations

import pygame

from tests.ui.driver import click_key, key, scenario_key, screen, settle
from tests.ui.test_history_and_origins import texts
from tests.ui.test_play_through_window import take_turn
from tests.ui.test_save_and_continue import to_turn_screen, two_turns_as_moscow


def watch_to_the_end(app, scenario: str | None = None, opponent: str = "historical") -> None:
    key(app, pygame.K_1)
    if scenario:
        click_key(app, scenario_key(scenario))
    click_key(app, "side:watch")
    click_key(app, f"opponent:{opponent}")
    click_key(app, "start")
    for _ in range(200):
        if screen(app) == "end":
            return
        key(app, pygame.K_RETURN)
        settle(app)
    raise AssertionError("the game did not end")


def page_through(app, scroll_key: str) -> list[str]:
    """Tab to a panel and PageDown to its bottom, checking the layout on every page."""
    problems = []
    for _ in range(40):
        if app.ctx.focus is not None and app.ctx.focus.key == scroll_key:
            break
        key(app, pygame.K_TAB)
    assert app.ctx.focus.key == scroll_key, f"Tab never reaches the {scroll_key} panel"
    scroll = app.active.find(scroll_key)
    for _ in range(30):
        problems += app.check_layout()
        before = scroll.offset
        key(app, pygame.K_PAGEDOWN)
        scroll = app.active.find(scroll_key)
        if scroll.offset == before:
            return problems
    raise AssertionError("PageDown never reached the bottom")


def test_the_end_screen_shows_the_real_timeline_beside_the_game_and_the_fitting_questions(make_window):
    app = make_window(size=(1024, 640))
    watch_to_the_end(app, opponent="historical")
    game, sc = app.session.game, app.session.scenario
    assert game.outcome is not None
    timeline = texts(app.active.find("timeline"))
    assert "In this game:" in timeline and "In reality: 24 February 2022" in timeline
    assert "Russia launches a full-scale invasion" in timeline and "kremlin.ru" in timeline   # with sources
    questions = texts(app.active.find("questions"))
    fitting = [q for q in sc.model.discussion
               if (q.outcomes is None or game.outcome.id in q.outcomes) and not q.when]
    assert fitting and all(" ".join(q.text.split()) in questions for q in fitting)
    unfitting = [q for q in sc.model.discussion if q.outcomes is not None and game.outcome.id not in q.outcomes]
    assert unfitting and not any(" ".join(q.text.split()) in questions for q in unfitting)
    whole = texts(app.active.root)
    assert game.outcome.spec.label in whole and "Key moments" in whole
    assert all("scored" in texts(app.active.find(f"score:{side}")) for side in sc.sides)   # scores in words
    assert "historical line" in whole                                   # escalation compared with history
    assert "historical line" in app.active.find("chart").tooltip
    for panel in ("debrief", "story"):
        assert page_through(app, panel) == []


def test_a_game_continued_from_a_save_has_the_whole_debrief(make_window, tmp_path):
    saves = tmp_path / "saves"
    app = two_turns_as_moscow(make_window, saves, "historical")
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    settle(app)

    again = make_window(saves=saves)
    key(again, pygame.K_2)                                     # Continue
    for n in range(200):
        if screen(again) == "end":
            break
        to_turn_screen(again)
        take_turn(again, n)
        settle(again)
        while screen(again) in ("report", "wait"):
            key(again, pygame.K_RETURN) if screen(again) == "report" else settle(again)
    assert screen(again) == "end"
    timeline = texts(again.active.find("timeline"))
    assert "Turn 1 ·" in timeline and "Turn 2 ·" in timeline   # the turns played before the save
    assert "In reality:" in timeline
    assert texts(again.active.find("questions")).strip()


def test_the_cuban_crisis_shows_its_real_timeline_or_says_it_has_none(make_window):
    app = make_window(size=(1024, 640))
    watch_to_the_end(app, scenario="cuba_1962", opponent="normal")
    sc = app.session.scenario
    whole = texts(app.active.root)
    if getattr(sc.model, "history", None):
        assert "This game beside what really happened" in whole and "◷ In reality" in whole
    else:
        assert "This game, turn by turn" in whole and "no dated real timeline" in whole
        assert "◷ In reality" not in whole
    if not getattr(sc.model, "discussion", None):
        assert "no discussion questions" in texts(app.active.find("questions"))
    assert page_through(app, "story") == []


def test_a_game_whose_record_does_not_replay_still_ends_with_its_outcome_and_says_why_no_debrief(
        make_window, monkeypatch):
    from game.engine.record import RecordError
    from game.lesson import debrief

    def broken(*args, **kwargs):
        raise RecordError("turn 3 does not replay")
    monkeypatch.setattr(debrief, "analyse", broken)
    app = make_window(size=(1024, 640))
    watch_to_the_end(app, opponent="normal")
    whole = texts(app.active.root)
    assert app.session.game.outcome.spec.label in whole and "cannot be replayed" in whole
    assert app.check_layout() == []


def test_the_end_screens_debrief_is_worded_by_the_windows_strings_table(monkeypatch, tmp_path):
    """The debrief's sentences come from the same presentation strings as the window's news and moves,
    so a translation of that table reaches the end screen."""
    from game.present import ENGLISH, Presenter
    from game.scenario.load import load_scenario
    from game.ui import words
    from game.ui.screens.end import debrief_of
    from game.ui.session import GameSession

    sc = load_scenario("ukraine_2022")
    session = GameSession.new(sc, humans=(), opponent="random", seed=7, save_path=tmp_path / "game.json")
    while not session.over:
        session.resolve()
    table = {key: f"«{value}»" if key.startswith("debrief.") else value for key, value in ENGLISH.items()}
    monkeypatch.setitem(words._PRESENTERS, id(sc), Presenter(sc, strings=table))
    d = debrief_of(session)
    assert d.moments and all(m.text.startswith("«") for m in d.moments)
    assert all(s.text.startswith("«") for s in d.scores) and all(c.startswith("«") for c in d.comparison)

"""Real history is marked in the window as the game reaches it (date, what happened, source), and every
news item says where it comes from: the article with its source, history with its date, or invented."""
from __future__ import annotations

import pygame

from tests.ui.driver import key, screen, settle, tab_to
from tests.ui.test_play_through_window import start_game


def texts(widget) -> str:
    return " ".join(w.text for w in widget.walk() if isinstance(getattr(w, "text", None), str))


def hold_until(app, turn: int) -> None:
    """Moscow holds its position every turn (move 1, no message) until the turn screen of `turn`."""
    for _ in range(200):
        name = screen(app)
        if name == "turn" and app.session.game.turn == turn:
            return
        if name == "turn":
            tab_to(app, "move:")
            key(app, pygame.K_1)
            key(app, pygame.K_e, pygame.KMOD_CTRL)
        elif name == "wait":
            settle(app)
        else:
            assert name in ("briefing", "report"), name
            key(app, pygame.K_RETURN)
    raise AssertionError(f"never reached turn {turn}")


def test_the_turn_that_reaches_21_february_marks_it_with_what_really_happened_and_its_source(make_window):
    app = make_window()
    start_game(app, "side:0", opponent="historical")
    hold_until(app, 6)
    assert app.active.find("history") is None                 # 16-18 February: no dated history
    hold_until(app, 7)                                         # 19-21 February 2022
    strip = app.active.find("history")
    assert strip is not None
    words = texts(strip)
    assert "21 February 2022" in words and "Donetsk and Luhansk" in words
    assert "President of Russia (kremlin.ru)" in words          # the source, cited
    assert "19–21 February 2022" in app.active.root.title.text  # the turn's days, worded by game.present
    tab_to(app, "move:")
    key(app, pygame.K_1)
    key(app, pygame.K_e, pygame.KMOD_CTRL)
    settle(app)
    assert screen(app) == "report" and "21 February 2022" in texts(app.active.find("history"))


def test_every_event_in_the_news_names_its_origin_and_never_blurs_them(make_window):
    from game.ui.words import news_entries

    app = make_window()
    start_game(app, "side:1", opponent="historical")
    hold_until(app, 4)
    sc = app.session.scenario
    kinds = set()
    for record in app.session.game.turns:
        for entry in news_entries(sc, record["news"], 1, frozenset({1})):
            if entry.kind == "article":
                # one report with its quote, or the first turn's reports as one item listing them
                assert entry.tag.startswith("❝") and (entry.quote or entry.detail.count("•") >= 3)
                assert "Al Jazeera" in entry.source
                assert entry.origin.startswith("From the article")
            elif entry.kind == "history":
                assert entry.tag.startswith("◷") and entry.origin.startswith("Real history")
                assert "February 2022" in entry.origin or "—" in entry.origin or "(" in entry.origin   # date or source
            elif entry.kind == "invented":
                assert entry.tag.startswith("★") and entry.origin.startswith("Invented for the game")
            kinds.add(entry.kind)
    assert {"article", "history", "invented"} <= kinds


def test_the_first_turns_article_reports_are_one_news_item_in_the_window_as_in_the_terminal():
    """Turn 1 is not a flood: the reports the student has just read in the briefing are one item."""
    from game.agents import make_agent
    from game.match import Match
    from game.scenario.load import load_scenario
    from game.ui.words import news_entries

    sc = load_scenario("ukraine_2022")
    match = Match(sc, [make_agent("normal"), make_agent("normal")], seed=2)
    match.step()
    entries = news_entries(sc, match.game.turns[0]["news"], 0, frozenset({0}))
    grouped = [e for e in entries if e.kind == "article" and e.detail.count("•") >= 3]
    assert len(grouped) == 1 and len(entries) <= 8, [e.text for e in entries]


def test_a_dated_event_on_another_day_is_shown_as_invented_and_modelled_on_it_with_its_source(make_window):
    """A U-2 shot down on 23 October in a game is not what happened on 23 October 1962: the badge and
    the origin line say it is modelled on 27 October, with the source; on the 27th it is history."""
    from game.scenario.load import load_scenario
    from game.ui.screens.news import news_widgets
    from game.ui.words import news_entries

    make_window()                                       # the widgets need pygame's fonts
    sc = load_scenario("cuba_1962")
    news = [{"kind": "event", "id": "u2_shot_down"}]
    (moved,) = news_entries(sc, news, None, frozenset({0, 1}), turn=8)
    assert moved.kind == "invented" and moved.tag == "★ Modelled on 27 October 1962"
    assert moved.origin.startswith("Invented for the game, modelled on real history of 27 October 1962 — "
                                   "Robert F. Kennedy")
    (widget,) = news_widgets(sc, {"turn": 8, "news": news}, None, frozenset({0, 1}))
    assert moved.origin in texts(widget)                # the source is on screen, not only in a tooltip
    (real,) = news_entries(sc, news, None, frozenset({0, 1}), turn=12)
    assert real.kind == "history" and real.tag == "◷ History 27 October 1962"


def test_a_moves_details_in_the_window_say_what_it_is_modelled_on_as_the_terminal_does(make_window):
    from game.scenario.load import load_scenario
    from game.ui.screens.turn import action_tooltip

    make_window()
    sc = load_scenario("cuba_1962")
    rope = next(a for a in sc.actions[0] if a.id == "rope_letter")
    assert action_tooltip(sc, rope).splitlines()[-1].startswith(
        "Modelled on real history, 26 October 1962 — Foreign Relations of the United States")
    hold = next(a for a in sc.actions[0] if a.id == "hold_course")
    assert action_tooltip(sc, hold).splitlines()[-1] == "Invented for the game."

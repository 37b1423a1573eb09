"""What really happened, in words: the real timeline, the marked dates a turn reaches, and the
game's own timeline beside the real one (for the terminal and the window alike)."""
from __future__ import annotations

from game.present import Presenter


def test_the_real_timeline_reads_with_dates_and_sources(ukraine):
    lines = Presenter(ukraine).history()
    assert [h.date for h in lines] == sorted(h.date for h in lines)
    invasion = next(h for h in lines if h.line.startswith("24 February 2022: "))
    assert invasion.mark and invasion.turn == 8 and invasion.source.startswith("President of Russia (kremlin.ru), “Address")
    assert invasion.headline == "Russia launches a full-scale invasion of Ukraine" and invasion.text.startswith("Missiles")


def test_a_turn_that_reaches_a_marked_date_says_what_really_happened(ukraine):
    p = Presenter(ukraine, me="moscow")
    assert p.history(6) == () and any(h.turn == 6 for h in p.history())   # 16-18 February: real, but not marked
    (recognition,) = p.history(7)
    assert recognition.banner.startswith("This turn reaches 21 February 2022. In reality: Putin recognises")
    (invasion,) = p.history(8)
    assert "full-scale invasion" in invasion.banner


def test_the_game_beside_the_real_timeline_keeps_the_real_events_after_the_game(ukraine):
    p = Presenter(ukraine)
    turns = [{"turn": 1, "choices": {"moscow": {"action": "send_questions"}, "washington": {"action": "call_lavrov"}},
              "news": [{"kind": "phase", "id": "talks", "from": "standoff"}]}]
    first, later = p.timeline_rows(turns)
    assert first.turn == 1 and first.days == "1–3 February 2022"
    assert first.moves == ("Moscow: Send questions instead of an answer", "Washington: Blinken phones Lavrov")
    assert first.game == ("The crisis moves from Standoff to Serious talks",)
    assert [h.date.day for h in first.real] == [2]
    assert later.turn is None and not later.reached and len(later.real) == len(p.history()) - 1


def test_a_scenario_without_history_has_no_marks(duel):
    p = Presenter(duel)
    assert p.history() == () and p.history(1) == () and p.timeline_rows([]) == []

"""What a new player found in the terminal game, each fixed and checked by what the screen shows."""
from __future__ import annotations

import io
import re

import pytest

from game import Match, RandomAgent
from game.cli.text import render
from game.cli.text.console import Console
from game.cli.text.human import HumanTerminalAgent
from game.cli.text.session import TerminalSession
from game.present import Presenter


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def play_moscow(ukraine, answers: str, turns: int = 1, columns: int = 80, monkeypatch=None):
    """Moscow at the terminal against a random Washington for `turns` turns; the text shown."""
    if monkeypatch is not None:
        monkeypatch.setenv("COLUMNS", str(columns + 1))
    out = io.StringIO()
    match = Match(ukraine, [HumanTerminalAgent(Console(io.StringIO(answers), out)), RandomAgent()], seed=7)
    for _ in range(turns):
        match.step()
    return out.getvalue(), match


def test_turn_one_fits_one_screen(ukraine, monkeypatch):
    text, _ = play_moscow(ukraine, "1\n\n", monkeypatch=monkeypatch)
    screen = text[text.index("── MOSCOW · turn 1 of 18"):text.index("Moscow, action [")].splitlines()
    assert len(screen) <= 40, "\n".join(screen)


@pytest.mark.parametrize("columns", [60, 80, 100])
def test_every_line_fits_the_terminal_and_no_word_is_broken(ukraine, monkeypatch, columns):
    text, match = play_moscow(ukraine, "1\n3\n" * 3, turns=3, columns=columns, monkeypatch=monkeypatch)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= columns, max(lines, key=len)
    words = set(" ".join(lines).split())
    assert "Deniable" in words and "Denia" not in words


def test_a_move_keeps_its_key_all_game_and_accept_is_always_1(ukraine, monkeypatch):
    text, match = play_moscow(ukraine, "1\n3\n" * 5, turns=5, monkeypatch=monkeypatch)
    menus = text.split("Your move")[1:]
    assert all("  Diplomatic     1 Hold position and wait (status quo 0)" in m for m in menus)
    assert all(" 10 Deniable cyberattack on Ukraine" in m for m in menus)
    answering = [m for m in menus if "Answer first" in m]
    assert answering and all("1 Accept their proposal · 2 Reject their proposal" in m for m in answering)


def test_the_message_menu_answers_first_then_proposes_then_asks_and_says_what_a_question_does(ukraine, monkeypatch):
    text, _ = play_moscow(ukraine, "1\n\n", monkeypatch=monkeypatch)
    menu = text[text.index("Your message to Washington"):text.index("Moscow, message [")]
    assert menu.index("Propose") < menu.index("Ask a follow-up question — they must tell you which options they prefer")
    assert re.search(r"3 Moscow's draft treaty \(December 2021\) \(\+\d+\)", menu)     # with its worth to you
    text, _ = play_moscow(ukraine, "1\n\n1\n\n", turns=2, monkeypatch=monkeypatch)
    second = text.split("Your message to Washington")[2]
    assert second.index("Answer first") < second.index("Counter-propose")


def test_accept_with_nothing_on_the_table_is_explained(ukraine, monkeypatch):
    text, match = play_moscow(ukraine, "1\n1\n0\n", monkeypatch=monkeypatch)
    assert "there is no proposal of theirs on the table to answer" in text
    assert match.game.turn == 2


def test_i_n_tells_more_about_a_move_and_its_origin_without_using_the_turn(ukraine, monkeypatch):
    text, match = play_moscow(ukraine, "i 10\ni 5\n?\nn\ns\n1\ni 3\nm\n\n", monkeypatch=monkeypatch)
    assert "10 Deniable cyberattack on Ukraine" in text and "Knock Ukrainian bank" in text
    assert "Informational" not in text and "Information, non-violent escalation +12, secret" in text
    assert "move 5 is not open" not in text and "Not open now." in text      # recognising is not open on turn 1
    assert "How to play a turn:" in text and "No news last turn." in text
    assert re.search(r"Ukraine's NATO membership: Binding guarantee — Ukraine never joins NATO \(\+\d+ for you\)",
                     " ".join(text.split()))
    assert match.game.turn == 2 and match.game.choices[0][0].message.index == 0


def test_the_first_report_puts_the_articles_news_in_one_line_and_marks_every_events_origin(ukraine):
    match = Match(ukraine, [RandomAgent(), RandomAgent()], seed=7)
    record = match.step()
    report = render.turn_report(Presenter(ukraine, me="moscow"), record, 80)
    text = "\n".join(report)
    assert re.search(r"\d reports from the article, as in your briefing \(aljazeera_2022_02_01\)", text)
    assert "stormy and bellicose" not in text                                  # not repeated one by one
    assert "  [invented] Russian armed forces: Satellite images show more Russian units" in text
    assert len(report) <= 40


def test_a_change_says_why(ukraine):
    match = Match(ukraine, [RandomAgent(), RandomAgent()], seed=7)
    text = "\n".join(render.turn_report(Presenter(ukraine, me="moscow"), match.step(), 100))
    assert "Sanctions in force 5 → 21: +16 Washington: US imposes new sanctions on Russia" in text


def test_the_real_dates_are_marked_as_the_game_reaches_them(ukraine):
    p = Presenter(ukraine, me="moscow")
    assert "Real history on these days: 21 February 2022 — Putin recognises the Donetsk and Luhansk" in \
        " ".join(render.header(p, 7, "standoff", 100, "MOSCOW"))
    assert "24 February 2022 — Russia launches a full-scale invasion" in " ".join(render.header(p, 8, "standoff", 100, "M"))
    assert len(render.header(p, 2, "standoff", 100, "MOSCOW")) == 1


def test_the_timeline_names_phases_by_label_and_lists_the_real_dates(ukraine):
    match = Match(ukraine, [RandomAgent(), RandomAgent()], seed=3)
    match.play()
    text = " ".join(" ".join(render.final_report(match, 80, Presenter(ukraine))).split())
    assert "de_escalatio" not in text and "_" not in text.split("Escalation timeline")[1].replace("kremlin_2022_02_2", "")\
        .split("(source")[0]
    if match.game.turn > 8:
        assert "* 24 February 2022: Russia launches a full-scale invasion of Ukraine (source: kremlin_2022_02_24)" in text


def test_watching_on_a_terminal_goes_a_turn_at_a_time_until_f(duel, tmp_path):
    out = FakeTty()
    match = Match(duel, [RandomAgent(), RandomAgent()], seed=2)
    session = TerminalSession(match, Console(FakeTty("\nf\n"), out), frozenset({0, 1}), autosave=tmp_path / "a.json")
    assert session.run() == 0
    assert out.getvalue().count("Enter: next turn · f: play to the end · q: quit") == 2
    assert "OUTCOME after" in out.getvalue()


def test_watching_with_piped_output_does_not_wait(duel, tmp_path):
    out = io.StringIO()
    match = Match(duel, [RandomAgent(), RandomAgent()], seed=2)
    assert TerminalSession(match, Console(io.StringIO(""), out), frozenset({0, 1}), autosave=tmp_path / "a.json").run() == 0
    assert "Enter: next turn" not in out.getvalue() and "OUTCOME after" in out.getvalue()

"""The debrief of one game: about this game (two games' debriefs differ where the games did), with
the key moments, escalation against history and the computer players, agreements kept or broken and
why, scores in words, the game beside what really happened and the questions that fit it."""
from __future__ import annotations

import json
import re

from game.lesson.debrief import analyse
from game.lesson.report import debrief_lines, report_html
from tests.cli.conftest import no_traceback, run_cli
from tests.lesson.test_briefing import well_formed


def test_two_different_games_get_debriefs_that_differ_where_the_games_did(ukraine, war_record, deal_record,
                                                                         reference):
    war, deal = analyse(ukraine, war_record, reference), analyse(ukraine, deal_record, reference)
    assert war.outcome_id.startswith("war") and deal.outcome_id == "settlement"
    assert war.outcome != deal.outcome and war.debrief != deal.debrief
    assert [m.text for m in war.moments] != [m.text for m in deal.moments]
    assert any("Launch a full-scale invasion" in m.text or "Press the offensive" in m.text for m in war.moments)
    assert not any(m.kind == "escalation" and "Moscow" in m.text for m in deal.moments)
    assert {d.status for d in deal.deals} == {"held"} and len(deal.deals) >= 3
    assert war.comparison != deal.comparison and war.scores[0].text != deal.scores[0].text
    war_q, deal_q = {t for _, t in war.questions}, {t for _, t in deal.questions}
    assert any("Russia attacked in your game" in t for t in war_q - deal_q)
    assert any("ended without a war" in t for t in deal_q - war_q)
    assert report_html(war) != report_html(deal)


def test_the_same_game_gives_the_same_debrief(ukraine, war_record, reference):
    assert report_html(analyse(ukraine, war_record, reference)) == report_html(analyse(ukraine, war_record, reference))


def test_a_broken_agreement_says_who_broke_it_and_what_moved(ukraine, war_record):
    broken = [d for d in analyse(ukraine, war_record).deals if d.status == "broken"]
    assert broken
    deal = broken[0]
    assert deal.why.startswith("Moscow broke it on turn") and "Fighting in Ukraine" in deal.why
    assert "because:" in deal.why   # the causes of the change that broke it


def test_escalation_is_compared_with_the_historical_line_and_the_computer_players(ukraine, historical_record,
                                                                                  war_record, reference):
    text = " ".join(analyse(ukraine, war_record, reference).comparison)
    assert "historical line" in text and "computer players' usual range" in text
    assert re.search(r"Moscow was (higher than|about the same as|lower than) history", text)
    hist = analyse(ukraine, historical_record, reference)
    assert "Moscow was about the same as history" in " ".join(hist.comparison)


def test_the_real_dates_the_game_passes_are_key_moments_with_what_each_side_did(ukraine, deal_record):
    moments = [m for m in analyse(ukraine, deal_record).moments if m.kind == "history"]
    assert [m.turn for m in moments] == [7, 8, 9, 10]   # 21, 24, 26 February, 2 March
    assert "21 February 2022" in moments[0].text and "In this game: Moscow played" in moments[0].text
    assert "24 February 2022" in moments[1].text and "full-scale invasion" in moments[1].text


def test_the_game_is_shown_beside_what_really_happened(ukraine, war_record):
    rows = analyse(ukraine, war_record).timeline
    played = [r for r in rows if r.turn is not None]
    assert [r.turn for r in played] == list(range(1, len(played) + 1))
    # the real days sit beside the turn that covers them, or after the game if it ended before them
    assert any("24 February 2022" in h.line and h.mark for r in rows for h in r.real)
    assert all(r.turn is None for r in rows[len(played):])
    assert all(h.source for r in rows for h in r.real)


def test_scores_are_explained_in_words(ukraine, deal_record):
    d = analyse(ukraine, deal_record)
    moscow = d.scores[0].text
    assert moscow.startswith("Moscow scored +") and "the ending ‘A negotiated settlement’ is worth" in moscow
    assert "Support at home (Kremlin)" in moscow and "the agreements still in force add" in moscow
    assert "Scores run from -100 to +100" in d.scale


def test_the_report_page_is_one_printable_page_of_this_game(ukraine, war_record, reference):
    html = report_html(analyse(ukraine, war_record, reference))
    well_formed(html)
    for heading in ("Scores in words", "Key moments", "Escalation: this game, history and the computer players",
                    "Agreements", "This game beside what really happened", "Questions for discussion"):
        assert f"<h2>{heading}</h2>" in html
    assert html.count("<svg") == 1 and "@page" in html and "<script" not in html


def test_terminal_lines_carry_the_same_debrief(ukraine, war_record):
    lines = "\n".join(debrief_lines(analyse(ukraine, war_record)))
    assert "Key moments:" in lines and "This game beside what really happened:" in lines
    assert "in reality, 24 February 2022: Russia launches a full-scale invasion of Ukraine ◀" in lines


def test_report_command_reads_a_record_or_a_save_and_refuses_a_damaged_one(tmp_path, war_record):
    record = tmp_path / "game.json"
    record.write_text(json.dumps(war_record), encoding="utf-8")
    out = tmp_path / "debrief.html"
    proc = run_cli("report", str(record), "--out", str(out), "--no-compare")
    no_traceback(proc)
    assert proc.returncode == 0 and "Key moments" in out.read_text(encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**war_record, "choices": war_record["choices"][:2] + [{"moscow": {"action": "x"}}]}))
    proc = run_cli("report", str(bad), "--out", str(tmp_path / "bad.html"))
    no_traceback(proc)
    assert proc.returncode == 1 and proc.stderr.startswith("report: error: ") and len(proc.stderr.splitlines()) == 1
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    proc = run_cli("report", str(text))
    no_traceback(proc)
    assert proc.returncode == 1 and "not valid JSON" in proc.stderr


def _debrief_texts(d) -> list[str]:
    """Every sentence the debrief adds to the scenario's own texts (what a translation must reach; a
    deal's terms are worded by the presentation's shared 'term' template)."""
    return [m.text for m in d.moments] + d.comparison + [deal.why for deal in d.deals] + [s.text for s in d.scores] \
        + [d.scale]


def test_every_debrief_sentence_comes_from_the_strings_table(ukraine, war_record, deal_record, historical_record,
                                                            reference):
    """A translation is a table with the same keys: with each `debrief.*` template replaced by a marker
    and its fields, no English of the debrief's own is left, only the scenario's words and numbers."""
    from string import Formatter

    from game.present import ENGLISH

    def marked(key: str, value: str) -> str:
        if not key.startswith("debrief."):
            return value
        fields = [name for _, name, _, _ in Formatter().parse(value) if name]
        return f"⟦{key}⟧" + "|".join("{" + name + "}" for name in fields)

    table = {key: marked(key, value) for key, value in ENGLISH.items()}
    english = ("escalated", "step back", "follow-up question", "tabled", "The opening moves", "This turn reached",
               "In this game", "The game ended", "escalation total", "biggest step", "historical line",
               "usual range", "broke it on turn", "the deal bound", "The news", "still in force", "scored",
               "is worth", "it depends on", "at the start", "For Moscow that is", "Scores run from", "over ")
    seen, scoring = set(), " ".join(ukraine.model.scoring.text.split())
    cut = {k: v for k, v in war_record.items() if k not in ("outcome", "final", "turns")}
    for record, ref in ((war_record, reference), (deal_record, reference), (historical_record, None),
                        (dict(cut, choices=war_record["choices"][:3]), reference), (dict(cut, choices=[]), None)):
        d = analyse(ukraine, record, ref, strings=table)
        for text in _debrief_texts(d) + ([d.outcome] if d.outcome_id is None else []):
            assert text.startswith("⟦debrief."), text
            own = re.sub(r"⟦[^⟧]*⟧", "|", text).replace(scoring, "")     # the scenario's own words may say anything
            assert not [w for w in english if w in own], text
            seen.update(k for k in table if f"⟦{k}⟧" in text)
    assert {"debrief.opening", "debrief.total", "debrief.broke", "debrief.score_band", "debrief.no_turns",
            "debrief.no_ending", "debrief.history", "debrief.range"} <= seen


def test_the_english_table_gives_the_debrief_unchanged(ukraine, war_record, reference):
    from game.present import ENGLISH

    d = analyse(ukraine, war_record, reference)
    assert d == analyse(ukraine, war_record, reference, strings=dict(ENGLISH))
    assert d.moments[0].text.startswith("The opening moves: Moscow: ‘") and d.moments[-1].text.startswith("The game ended: ")
    assert d.comparison[0].startswith("Moscow's escalation total after ") and " turns was +" in d.comparison[0]
    assert d.deals[0].why.endswith(".") and d.scores[0].text.endswith(".")

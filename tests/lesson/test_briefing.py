"""Role briefings: one per side of each bundled scenario, generated from the scenario, printable,
with the article's words marked as quotations and sourced."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from game.lesson.briefing import BriefingError, briefing_html
from game.scenario.load import bundled_scenarios, load_scenario
from tests.cli.conftest import no_traceback, run_cli

BUNDLED = [load_scenario(p) for p in bundled_scenarios()]


class _Tags(HTMLParser):
    """Checks that every opened element is closed in order (the pages are hand-built strings)."""

    VOID = {"meta", "br", "hr", "line", "polyline", "polygon", "rect", "circle", "path"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()


def well_formed(html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    assert not parser.errors and parser.stack == [], (parser.errors[:3], parser.stack[-3:])


@pytest.mark.parametrize("scenario", BUNDLED, ids=lambda s: s.id)
def test_every_side_of_every_bundled_scenario_gets_a_briefing_from_the_scenario(scenario):
    for side in scenario.sides:
        html = briefing_html(scenario, side)
        well_formed(html)
        info = scenario.model.sides[side]
        assert f"Role briefing for <b>{info.name}</b>" in html
        for objective in info.objectives:
            assert objective.replace('"', "&quot;").replace("'", "&#x27;") in html
        for action in scenario.model.actions[side]:   # every move of the side, none of the other's
            assert action.label.replace('"', "&quot;").replace("'", "&#x27;") in html
        for source in scenario.model.sources:
            assert source.title.replace('"', "&quot;").replace("'", "&#x27;") in html


def test_the_article_quotes_are_marked_as_quotations_with_their_source():
    scenario = next(s for s in BUNDLED if s.id == "ukraine_2022")
    html = briefing_html(scenario, "washington")
    quotes = re.findall(r'<blockquote class="quote">(.*?)</blockquote>', html, re.S)
    assert len(quotes) >= 5
    for q in quotes:
        assert q.startswith("“") and "<cite>— Al Jazeera (with Reuters)" in q
    assert "White House said on Monday it is ready to impose sanctions" in html


def test_quotes_from_letters_and_speeches_are_the_sources_words_never_an_articles():
    scenario = next(s for s in BUNDLED if s.id == "cuba_1962")          # 1962 documents; no source article
    html = briefing_html(scenario, "moscow")
    body = html.split("</style>", 1)[1]
    assert "What the sources say" in body and "article" not in body.lower()
    assert "<cite>— Foreign Relations of the United States" in html


def test_a_side_sees_its_own_values_of_the_options_not_the_others():
    scenario = next(s for s in BUNDLED if s.id == "ukraine_2022")
    moscow, washington = briefing_html(scenario, "moscow"), briefing_html(scenario, "washington")
    never = "Binding guarantee — Ukraine never joins NATO</td><td class=num>"
    assert never + "+5</td>" in moscow and never + "-5</td>" in washington


def test_both_sides_in_one_file_one_per_page_and_an_unknown_side_is_refused():
    scenario = BUNDLED[0]
    html = briefing_html(scenario, "all")
    assert html.count("Role briefing for") == 2 and 'class=pagebreak' in html
    with pytest.raises(BriefingError, match="its sides are"):
        briefing_html(scenario, "paris")


def test_briefing_command_writes_the_page_and_refuses_a_bad_side_in_one_line(tmp_path):
    out = tmp_path / "moscow.html"
    proc = run_cli("briefing", "--side", "moscow", "--out", str(out))
    no_traceback(proc)
    assert proc.returncode == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    proc = run_cli("briefing", "--side", "paris", "--out", str(tmp_path / "x.html"))
    no_traceback(proc)
    assert proc.returncode == 2 and "no side 'paris'" in proc.stderr

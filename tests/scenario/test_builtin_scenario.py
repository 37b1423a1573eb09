"""The built-in scenario carries every fact of its source article and a real game's worth of content."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.scenario.load import find_scenario
from game.scenario.validate import validate_file

SCENARIO = find_scenario("ukraine_2022")
ARTICLE_DIR = Path(__file__).resolve().parents[3] / "shared" / "sources"

#: each fact of the article (1 February 2022) and words that must carry it, verbatim
FACTS = {
    "more than 100,000 troops on Ukraine's borders": ["100,000"],
    "legally binding guarantees": ["legally binding"],
    "Ukraine never joins NATO": ["never join"],
    "no NATO weapons near Russia's borders": ["weapons"],
    "alliance forces rolled back from Eastern Europe": ["rolled back", "Eastern Europe"],
    "demands rejected as nonstarters": ["nonstarters"],
    "written counter-proposals from Washington and Brussels": ["counter-proposals", "Brussels"],
    "Putin: main demands not addressed, ready to keep talking": ["not addressed", "keep talking"],
    "follow-up questions instead of a response": ["follow-up questions"],
    "Lavrov's letter on the indivisibility of security": ["Lavrov", "indivisibility of security"],
    "Moscow still working on an actual response": ["still working on"],
    "Grushko denies a written response": ["Grushko", "not true"],
    "the UN Security Council's stormy debate": ["Security Council", "stormy and bellicose"],
    "sanctions on Putin's inner circle": ["inner circle"],
    "the mother of all sanctions": ["mother of all sanctions"],
    "the embassy: not going to back away": ["not going to back away"],
    "Washington generates tensions": ["Washington, not Moscow, that generates tensions"],
    "the troops do not threaten anyone": ["not threaten anyone"],
    "moving forces is Moscow's sovereign right": ["sovereign right"],
    "Lavrov-Blinken telephone talks": ["Blinken", "telephone"],
    "Ukraine urges the West to be vigilant and firm": ["vigilant and firm"],
    "talks have so far failed to yield any progress": ["failed to yield any progress"],
}


@pytest.fixture(scope="module")
def model():
    return validate_file(SCENARIO)


@pytest.fixture(scope="module")
def text(model):
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False)


@pytest.mark.parametrize("fact", FACTS)
def test_every_fact_of_the_article_is_in_the_scenario(fact, text):
    for words in FACTS[fact]:
        assert words in text, f"{fact}: '{words}' not found"


def test_it_is_a_real_games_worth_of_content(model):
    assert len(model.phases) >= 6
    assert all(len(actions) >= 12 for actions in model.actions.values())
    assert len(model.negotiation.issues) >= 6
    assert len(model.events) >= 20
    assert len(model.outcomes) >= 5


def test_every_quote_names_a_source_and_quotes_the_article_verbatim(model):
    articles = [p.read_text(encoding="utf-8") for p in ARTICLE_DIR.glob("*.txt")] if ARTICLE_DIR.is_dir() else []
    sources = {s.id for s in model.sources}
    quotes = [a.quote for side in model.actions.values() for a in side if a.quote]
    quotes += [e.quote for e in model.events if e.quote]
    assert len(quotes) >= 10
    for quote in quotes:
        assert quote.source in sources
        if articles and quote.source == model.sources[0].id:
            assert any(quote.text in article for article in articles), quote.text


def test_the_source_is_the_article(model):
    source = model.sources[0]
    assert source.title == "Russia denies sending response to US proposal on defusing Ukraine tensions"
    assert str(source.date) == "2022-02-01"


# ---------------------------------------------------------------------------- sources on screen (issue 10)

#: the dated "historical context" events that once had no source: each now names one, or is invented
#: (Munich: the conference ran 18-20 February; the event falls on the 19th, the day it is dated)
HISTORY_EVENTS = {"beijing_statement": "2022-02-04", "macron_in_moscow": "2022-02-07", "normandy_berlin": "2022-02-10",
                  "scholz_in_moscow": "2022-02-15", "munich_conference": "2022-02-19"}


def test_the_dated_historical_context_events_name_their_sources(model):
    sources = {s.id: s for s in model.sources}
    events = {e.id: e for e in model.events}
    for event_id, date in HISTORY_EVENTS.items():
        origin = events[event_id].origin
        assert origin.kind == "history" and str(origin.date) == date, event_id
        assert origin.source in sources and sources[origin.source].url.startswith("http"), event_id
    assert events["mud_season"].origin.kind == "invented"


def test_every_move_event_and_ending_says_where_it_comes_from(model):
    items = [*(a for side in model.actions.values() for a in side), *model.events, *model.outcomes]
    for item in items:
        assert item.origin is not None or item.quote is not None, item.id
        if item.origin is not None and item.origin.kind == "history":
            assert item.origin.source, item.id


def test_validate_has_no_warnings_about_the_built_in_scenario():
    from game.scenario.origins import validate_with_warnings

    assert validate_with_warnings(SCENARIO)[1] == []


def test_the_real_history_after_the_start_is_dated_sourced_and_marks_21_and_24_february(model):
    sources = {s.id for s in model.sources}
    assert len(model.history) >= 10
    assert all(e.date > model.start_date and e.source in sources for e in model.history)
    assert {"2022-02-21", "2022-02-24"} <= {str(e.date) for e in model.history if e.mark}
    assert len([e for e in model.history if e.mark]) <= 4     # the turn screens stay short
    dates = {str(e.date) for e in model.history}
    assert {"2022-02-15", "2022-02-21", "2022-02-22", "2022-02-24"} <= dates


def test_the_discussion_questions_cover_the_learning_goals(model):
    topics = {q.topic for q in model.discussion}
    assert {"security dilemma", "signalling", "credibility of threats", "questions instead of answers",
            "why talks fail"} <= topics
    ending_ids = {o.id for o in model.outcomes}
    asked_after = {o for q in model.discussion if q.outcomes for o in q.outcomes}
    assert asked_after == ending_ids   # every ending gets a question about history

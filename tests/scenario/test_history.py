"""The `history` timeline: real events from the start date on, dated and sourced."""
from __future__ import annotations

import datetime as dt

from game.scenario.validate import validate_text

from .conftest import edit, errors_of

HISTORY = """history:
  - date: 2022-02-05
    headline: Something really happened
    source: article
"""


def with_history(text: str) -> str:
    return text.rstrip("\n") + "\n" + HISTORY


def test_a_scenario_without_history_has_none(minimal_text):
    assert validate_text(minimal_text, "x.yaml").history == []


def test_a_history_entry_is_read_with_its_date_headline_and_source(minimal_text):
    [entry] = validate_text(with_history(minimal_text), "x.yaml").history
    assert (entry.date, entry.headline, entry.source) == (dt.date(2022, 2, 5), "Something really happened", "article")


def test_a_history_entry_must_cite_a_known_source(minimal_text):
    [issue] = errors_of(with_history(minimal_text).replace(HISTORY, HISTORY.replace("source: article", "source: articel")))
    assert "history[0].source" in str(issue) and "did you mean 'article'" in str(issue)


def test_a_history_entry_before_the_start_date_is_an_error(minimal_text):
    [issue] = errors_of(edit(with_history(minimal_text), "  - date: 2022-02-05", "  - date: 2022-01-05"))
    assert "before the start date 2022-02-01" in str(issue)

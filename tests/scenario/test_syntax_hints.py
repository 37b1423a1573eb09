"""YAML syntax errors say what to do, and a value YAML cannot read names its key path."""
from __future__ import annotations

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.yaml_source import read_text


def syntax_error(text: str):
    with pytest.raises(ScenarioError) as info:
        read_text(text, "x.yaml")
    (issue,) = info.value.issues
    return issue


def test_an_unquoted_colon_in_a_text_says_to_quote_the_text():
    issue = syntax_error("id: x\ntitle: Thirteen days: Cuba\n")
    assert issue.line == 2 and "quote the text" in issue.message


def test_an_unquoted_colon_in_a_list_item_says_to_quote_the_text():
    issue = syntax_error("facts:\n  - a\n  - b: c: d\n")
    assert issue.line == 3 and "quote the text" in issue.message


def test_a_line_indented_less_than_its_neighbours_says_to_indent_under_the_key_above():
    issue = syntax_error("outcomes:\n  - id: a\n    label: b\n   debrief: c\n")
    assert issue.line == 4 and "expected '-' indicator" in issue.message
    assert "indent it under the key above" in issue.message and "3 spaces" in issue.message


def test_a_line_indented_deeper_than_the_key_above_says_to_indent_under_it():
    issue = syntax_error("sides:\n  moscow:\n    name: M\n     role: x\n")
    assert issue.line == 4 and "indent it under the key above" in issue.message


def test_a_missing_colon_on_the_line_above_is_named():
    issue = syntax_error("title Minimal\nid: x\n")
    assert "the line above has no ':'" in issue.message


def test_a_value_starting_with_a_quote_says_to_quote_all_of_it():
    issue = syntax_error('label: "We are" not\n')
    assert "other kind of quotes" in issue.message


def test_an_impossible_date_gets_its_key_path():
    doc = read_text("start_date: 2022-02-01\nevents:\n  - id: a\n    date: 2022-02-30\n", "x.yaml")
    (issue,) = doc.issues
    assert (issue.line, issue.path) == (4, "events[0].date") and "not a valid date" in issue.message


def test_a_quote_never_closed_is_shown_where_it_opens_with_how_to_close_it():
    issue = syntax_error('id: x\nsummary: "never closed\ntitle: y\n')
    assert (issue.line, issue.col) == (2, 10) and "never closed: end the text with \"" in issue.message
    issue = syntax_error("id: x\nsummary: 'never closed\n")
    assert issue.line == 2 and "written twice ('')" in issue.message

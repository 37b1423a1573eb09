"""Rules for how scenario errors look: file:line:col: key.path: message, all of them, sorted."""
from __future__ import annotations

import pytest

from game.scenario.errors import ScenarioError, ScenarioIssue, format_path


def test_issue_reads_file_line_col_path_message():
    issue = ScenarioIssue("scenarios/x.yaml", 41, 9, "actions.moscow[3].effects[0]", "unknown variable 'x'")
    assert str(issue) == "scenarios/x.yaml:41:9: actions.moscow[3].effects[0]: unknown variable 'x'"


def test_issue_without_key_path_leaves_it_out():
    assert str(ScenarioIssue("a.yaml", 1, 1, "", "file is empty")) == "a.yaml:1:1: file is empty"


def test_error_sorts_issues_by_line_then_column_and_drops_repeats():
    issues = [ScenarioIssue("a.yaml", 9, 1, "b", "late"), ScenarioIssue("a.yaml", 2, 5, "a", "early"),
              ScenarioIssue("a.yaml", 2, 3, "a", "earlier"), ScenarioIssue("a.yaml", 9, 1, "b", "late")]
    error = ScenarioError(issues)
    assert [i.message for i in error.issues] == ["earlier", "early", "late"]
    lines = str(error).splitlines()
    assert lines[0] == "a.yaml: 3 errors in scenario"
    assert lines[1:] == [str(i) for i in error.issues]


def test_error_needs_an_issue():
    with pytest.raises(ValueError):
        ScenarioError([])


@pytest.mark.parametrize("path, text", [
    (("actions", "moscow", 3, "effects", 0), "actions.moscow[3].effects[0]"),
    (("events", 0), "events[0]"),
    ((), ""),
    (("sides", "New York"), "sides['New York']"),
])
def test_key_path_uses_dots_for_keys_and_brackets_for_indices(path, text):
    assert format_path(path) == text

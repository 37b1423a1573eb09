"""Rules of whole-file validation: schema + cross-references, every error at once, precise columns."""
from __future__ import annotations

import random

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.schema import Scenario
from game.scenario.validate import validate_file, validate_text

from .conftest import BUNDLED, MINIMAL, edit, errors_of


def test_the_minimal_fixture_is_valid_and_returns_the_model():
    scenario = validate_file(MINIMAL)
    assert isinstance(scenario, Scenario)
    assert list(scenario.sides) == ["moscow", "washington"]
    assert scenario.actions["moscow"][0].effects == ("troops += 20", "tension += 10") or \
        list(scenario.actions["moscow"][0].effects) == ["troops += 20", "tension += 10"]


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_scenario_is_valid(path):
    validate_file(path)


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_scenario_points_editors_at_the_schema(path):
    with open(path, encoding="utf-8") as f:
        assert f.readline().strip() == "# yaml-language-server: $schema=./hotline.schema.json"


def test_error_line_looks_like_the_documented_example(minimal_text):
    issues = errors_of(edit(minimal_text, "- tension += 10", "- tension_lvl += 10"), "scenarios/x.yaml")
    assert [str(i) for i in issues] == [
        "scenarios/x.yaml:56:11: actions.moscow[0].effects[1]: unknown variable 'tension_lvl' "
        "(did you mean 'tension'?)"]


def test_every_error_of_a_file_is_reported_at_once_sorted_by_line(minimal_text):
    text = minimal_text
    for old, new in [("outcomes:\n  - id: war", "outcomes:\n  - id: War"),  # schema, line 123
                     ("max_turns: 10", "max_turns: ten"),                    # schema, line 9
                     ("category: posturing", "category: posture"),           # reference, line 53
                     ("- tension += 2\n", "- tension += 2 +\n"),              # expression, line 114
                     ("label: Tension", "labl: Tension")]:                    # unknown key, line 28
        text = edit(text, old, new)
    issues = errors_of(text)
    assert [i.line for i in issues] == [9, 28, 53, 114, 123]
    assert [i.line for i in issues] == sorted(i.line for i in issues)


def test_schema_errors_elsewhere_do_not_hide_reference_errors(minimal_text):
    text = edit(edit(minimal_text, "title: Minimal standoff", "title: [not, text]"),
                "source: article", "source: nowhere")
    messages = [i.message for i in errors_of(text)]
    assert any("expected text" in m for m in messages)
    assert any("unknown source 'nowhere'" in m for m in messages)


@pytest.mark.parametrize("old, new, col", [
    ("when: tension >= 80", "when: tension >= 80 and tensoin < 5", 33),
    ("when: tension >= 80", "when: 'tension >= 80 and tensoin < 5'", 34),
    ("when: tension >= 80", 'when: "tension >= 80 and tensoin < 5"', 34),
    ("when: tension >= 80", "when: >-\n          tension >= 80 and tensoin < 5", 29),
])
def test_expression_errors_point_at_the_column_inside_the_string(minimal_text, old, new, col):
    issue, = errors_of(edit(minimal_text, old, new))
    assert "unknown variable 'tensoin'" in issue.message
    assert issue.col == col
    assert issue.line == (43 if ">-" in new else 42)


@pytest.mark.parametrize("expression, offset, words", [
    ("ñandú >= 80 ? 3", 12, "syntax error"),
    ("tension >= 80 and ñandú < 5", 18, "unknown variable 'ñandú'"),
])
def test_expression_error_columns_count_characters_not_bytes(minimal_text, expression, offset, words):
    issue, = errors_of(edit(minimal_text, "when: tension >= 80", "when: " + expression))
    assert words in issue.message
    assert issue.col == 15 + offset


def test_an_expression_with_escapes_points_at_the_start_of_its_string(minimal_text):
    issue, = errors_of(edit(minimal_text, "when: tension >= 80", 'when: "tension >= 80 \\x61nd tensoin < 5"'))
    assert (issue.line, issue.col) == (42, 15)


def test_an_absurdly_nested_expression_is_an_error_not_a_crash(minimal_text):
    issue, = errors_of(edit(minimal_text, "when: tension >= 80", "when: tension >= " + "-" * 1900 + "1"))
    assert issue.line == 42 and issue.message


def test_a_nul_character_in_an_expression_is_an_error(minimal_text):
    issue, = errors_of(edit(minimal_text, "when: tension >= 80", 'when: "tension >= 80\\0"'))
    assert issue.line == 42


def test_quoted_numbers_are_not_numbers(minimal_text):
    issue, = errors_of(edit(minimal_text, "max_turns: 10", 'max_turns: "10"'))
    assert "expected a whole number" in issue.message and "remove the quotes" in issue.message


def test_an_unknown_key_with_no_near_miss_lists_the_allowed_keys(minimal_text):
    issue, = errors_of(edit(minimal_text, "    label: Tension", "    colour: red\n    label: Tension"))
    assert issue.message.startswith("unknown key 'colour'; allowed here: label, description")


def test_a_missing_top_level_key_points_at_the_start_of_the_file(minimal_text):
    issue, = errors_of(edit(minimal_text, "max_turns: 10\n", ""))
    assert (issue.line, issue.path, issue.message) == (3, "", "missing required key 'max_turns'")


def test_an_empty_sides_mapping_does_not_cascade_into_side_errors(minimal_text):
    text = edit(minimal_text, "sides:\n", "sides: {}\nold_sides:\n")
    messages = [i.message for i in errors_of(text)]
    assert not any("is not a side" in m or "is missing" in m for m in messages)


def test_the_default_ladder_is_used_when_the_file_has_none(minimal_text):
    validate_text(minimal_text)  # the fixture has no escalation_ladder and uses its categories


def test_a_custom_ladder_replaces_the_default(minimal_text):
    text = edit(minimal_text, "variables:\n", "escalation_ladder: {calm: 0, loud: 5}\nvariables:\n")
    categories = {i.message.split("'")[1] for i in errors_of(text) if "escalation category" in i.message}
    assert categories == {"posturing", "de_escalation", "non_violent_escalation"}


def test_a_merge_key_in_a_scenario_is_followed(minimal_text):
    text = edit(minimal_text, "    - id: talk\n      label: Call Washington\n      kind: diplomatic\n"
                              "      category: de_escalation\n",
                "    - &talk\n      id: talk\n      label: Call Washington\n      kind: diplomatic\n"
                "      category: de_escalation\n")
    text = edit(text, "    - id: talk\n      label: Call Moscow\n      kind: diplomatic\n      category: de_escalation\n",
                "    - <<: *talk\n      label: Call Moscow\n")
    scenario = validate_text(text)
    assert scenario.actions["washington"][1].label == "Call Moscow"
    assert scenario.actions["washington"][1].phases == scenario.actions["moscow"][1].phases


def test_validate_text_uses_the_given_filename(minimal_text):
    with pytest.raises(ScenarioError) as info:
        validate_text(edit(minimal_text, "format: 1", "format: 3"), "mine.yaml")
    assert str(info.value).splitlines()[1].startswith("mine.yaml:3:9: format: ")


def test_random_edits_of_the_fixture_give_errors_never_crashes(minimal_text):
    rng = random.Random(2022)
    pieces = [*":-[]{}&*!|>'\"#,? \t", "yes", "~", "1:30", "2022-02-30", "!!python/object:os.system",
              "<<: *a", "&a", "*a", ".inf", "\x00", "é", "and", "(", "/ 0"]
    lines = minimal_text.split("\n")
    for _ in range(400):
        edited = list(lines)
        for _ in range(rng.randint(1, 4)):
            i, j = rng.randrange(len(edited)), rng.randrange(len(edited))
            line, k = edited[i], rng.randint(0, len(edited[i]))
            edited[i] = rng.choice([line[:k] + rng.choice(pieces) + line[k:], line[:k] + line[k + 3:], edited[j]])
        try:
            validate_text("\n".join(edited), "f.yaml")
        except ScenarioError as error:
            assert all(i.line >= 1 and i.col >= 1 and "\n" not in i.message for i in error.issues)


def test_python_syntax_warnings_do_not_leak_out(minimal_text, recwarn):
    errors_of(edit(minimal_text, "when: tension >= 80", "when: tension >= 80and"))
    assert not [w for w in recwarn if issubclass(w.category, SyntaxWarning)]


def test_a_bad_max_turns_is_one_error_not_one_per_dated_event_too(minimal_text):
    text = edit(edit(minimal_text, "    date: 2022-02-03\n", "    turn: 1\n"), "max_turns: 10", "max_turns: -14")
    assert [i.path for i in errors_of(text)] == ["max_turns"]

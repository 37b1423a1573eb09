"""Rules for hostile scenario files: what could overflow is refused with file:line:col, what is
valid compiles and plays, messages never print raw control characters, and validation work
grows linearly with the number of unknown names."""
from __future__ import annotations

import difflib
import math
import re

import pytest

from game.engine.game import Choice, Game
from game.scenario import expr
from game.scenario.compiled import compile_scenario
from game.scenario.errors import ScenarioError, ScenarioIssue, escape_controls
from game.scenario.schema import MAX_NUMBER
from game.scenario.validate import validate_text

from .conftest import edit, errors_of

HUGE = "9" * 400


def play(model, turns: int = 12, seed: int = 3) -> Game:
    """Compile `model` and play up to `turns` turns choosing the first legal moves, checking values."""
    scenario = compile_scenario(model)
    game = Game(scenario, seed)
    for _ in range(turns):
        if game.over:
            break
        choices = [Choice(game.legal(s).actions[0], game.legal(s).messages[-1]) for s in (0, 1)]
        game.step(*choices)
        assert all(math.isfinite(x) for x in game.v)
        assert all(lo <= x <= hi for x, lo, hi in zip(game.v, scenario.lo, scenario.hi))
        assert all(math.isfinite(x) for x in game.escalation)
    return game


# -- numbers ------------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, where", [
    ("initial: 50", f"initial: {HUGE}", "variables.tension.initial"),
    ("max_turns: 10", f"max_turns: {HUGE}", "max_turns"),
    ("chance: 0.2", f"chance: {HUGE}", "events[1].chance"),
    ("{moscow: -50, washington: -50}", f"{{moscow: {HUGE}, washington: -50}}", "outcomes[0].score.moscow"),
    ("- tension -= 5", f"- tension -= {HUGE}", "actions.moscow[1].effects[0]"),
    ("when: tension >= 80", f"when: tension >= {HUGE}", "phases.standoff.transitions[0].when"),
])
def test_an_integer_of_400_digits_is_an_error_at_its_place_not_a_traceback(minimal_text, old, new, where):
    issues = errors_of(edit(minimal_text, old, new))
    assert [i.path for i in issues] == [where]
    assert HUGE not in str(issues[0])       # never printed in full


@pytest.mark.parametrize("old, new, where", [
    ("category: posturing\n", "category: posturing\n      escalation: 1.0e+308\n", "actions.moscow[0].escalation"),
    ("initial: 50", "initial: -1.0e+300", "variables.tension.initial"),
    ("max: 200", "max: 1.0e+16", "variables.troops.max"),
    ("intel_noise: 10", "intel_noise: 1.0e+300", "variables.troops.intel_noise"),
    ("{moscow: 10, washington: -5}", "{moscow: 1.0e+200, washington: -5}",
     "negotiation.issues[0].options[1].value.moscow"),
    ("- troops += 20", "- troops *= 1.0e+300", "actions.moscow[0].effects[0]"),
])
def test_numbers_are_bounded_so_that_sums_over_a_game_stay_finite(minimal_text, old, new, where):
    issues = errors_of(edit(minimal_text, old, new))
    assert [i.path for i in issues] == [where]
    assert "1e15" in issues[0].message


def test_the_largest_allowed_numbers_are_accepted_and_play(minimal_text):
    text = edit(minimal_text, "category: posturing\n", f"category: posturing\n      escalation: {MAX_NUMBER!r}\n")
    text = edit(text, "max: 200", "max: 1.0e+15")
    game = play(validate_text(text))
    assert math.isfinite(sum(game.escalation))


def test_an_effect_that_overflows_inside_one_expression_leaves_values_finite(minimal_text):
    big = "*".join(["tension"] + ["1e15"] * 22)            # inf; big - big is NaN
    text = edit(minimal_text, "- troops += 20", f"- troops = {big}\n        - tension = {big} - {big}")
    text = edit(text, "    date: 2022-02-03\n    effects:\n      - tension += 2",
                f"    turn: 1\n    effects:\n      - tension = {big} - {big}\n      - troops -= {big}")
    play(validate_text(text), turns=10)


@pytest.mark.parametrize("effect, expected", [
    ("x = x * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15", 100.0),
    ("x = -x * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15", 0.0),
    ("x = (x * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15 * 1e15) * 0", 42.0),
])
def test_an_effect_with_an_infinite_or_nan_result_is_kept_in_range_and_nan_changes_nothing(effect, expected):
    names = expr.variable_names(["x"])
    effects = expr.compile_effects([effect], names, [0.0, 0.0], [100.0, 100.0])
    v = [42.0, 1.0]
    effects.apply_now(v)
    assert v == [expected, 1.0]


def test_engine_range_limit_turns_inf_into_the_limit_and_nan_into_no_change(minimal_text):
    game = Game(compile_scenario(validate_text(minimal_text)), 1)
    i = game.scenario.names["tension"]
    game._d[i] = math.inf
    game._apply((i,))
    assert game.v[i] == game.scenario.hi[i]
    game._d[i] = math.nan
    game._apply((i,))
    assert game.v[i] == game.scenario.hi[i] and game._d[i] == 0.0


# -- dates --------------------------------------------------------------------------------------

def test_a_game_running_past_the_year_9999_is_refused_at_start_date(minimal_text):
    text = edit(minimal_text, "start_date: 2022-02-01", "start_date: 9999-12-25")
    text = edit(text, "date: 2022-02-03", "turn: 2")
    issues = errors_of(text)
    assert [i.path for i in issues] == ["start_date"]
    assert "9999" in issues[0].message


def test_a_game_ending_on_the_last_day_of_the_calendar_still_plays(minimal_text):
    text = edit(minimal_text, "start_date: 2022-02-01", "start_date: 9999-12-11")   # 10 turns of 2 days
    text = edit(text, "date: 2022-02-03", "date: 9999-12-13")
    play(validate_text(text), turns=10)


# -- nesting and size ---------------------------------------------------------------------------

@pytest.mark.parametrize("condition", [
    "not " * 200 + "tension >= 80",
    "-" * 150 + "tension >= 80",
    " + ".join(["tension"] * 150) + " >= 80",
    "max(" * 120 + "tension" + ", 1)" * 120 + " >= 80",
])
def test_an_expression_nested_past_the_limit_is_a_clear_error(minimal_text, condition):
    issues = errors_of(edit(minimal_text, "when: tension >= 80", f"when: {condition}"))
    assert [i.path for i in issues] == ["phases.standoff.transitions[0].when"]
    assert f"nested more than {expr.MAX_DEPTH} levels" in issues[0].message


@pytest.mark.parametrize("condition", [
    "not " * 90 + "tension >= 80",
    " + ".join(["tension"] * 90) + " >= 80",
])
def test_an_expression_nested_up_to_the_limit_compiles_everywhere(minimal_text, condition):
    text = edit(minimal_text, "when: tension >= 80", f"when: {condition}")
    text = edit(text, "condition: tension >= 100", f"condition: {condition}")
    text = edit(text, "requires: tension >= 60", f"requires: {condition}")
    text = edit(text, "condition: troops > 150", f"condition: {condition}")
    play(validate_text(text))


@pytest.mark.parametrize("count", [250, 1000])
def test_hundreds_of_outcomes_and_transitions_in_one_phase_compile_and_play(minimal_text, count):
    outcomes = "".join(f"  - id: o{i}\n    label: O\n    condition: tension == {i + 1000}\n    debrief: d\n"
                       f"    score: {{moscow: 0, washington: 0}}\n" for i in range(count))
    edges = "".join(f"      - to: crisis\n        when: tension == {i + 1000}\n" for i in range(count))
    text = edit(minimal_text, "outcomes:\n", "outcomes:\n" + outcomes)
    text = edit(text, "    transitions:\n      - to: crisis\n", "    transitions:\n" + edges + "      - to: crisis\n")
    scenario = compile_scenario(validate_text(text))
    standoff = scenario.phases[0]
    assert standoff.next_phase([80.0, 100.0, 1.0]) == 1 and standoff.next_phase([79.0, 100.0, 1.0]) == -1
    assert standoff.next_phase([999.0 + count, 100.0, 1.0]) == 1
    assert standoff.ending([999.0 + count, 100.0, 1.0]).id == f"o{count - 1}"
    assert standoff.ending([100.0, 100.0, 1.0]).id == "war" and standoff.ending([99.0, 100.0, 1.0]) is None
    play(validate_text(text))


def test_compile_first_picks_the_first_item_that_holds_across_chains():
    names = expr.variable_names(["x"])
    conditions = [f"x == {k}" for k in range(200)] + [None]
    first = expr.compile_first(conditions, list(range(200)) + ["last"], names, default="none")
    assert [first([k, 1.0]) for k in (0, 63, 64, 199)] == [0, 63, 64, 199]
    assert first([500.0, 1.0]) == "last"
    assert expr.compile_first(conditions[:200], list(range(200)), names, default="none")([500.0, 1.0]) == "none"


def test_many_effects_on_one_variable_compile_and_add_up():
    names = expr.variable_names(["x"])
    effects = expr.compile_effects(["x += 1"] * 3000, names, [0.0, 0.0], [1e6, 1e6])
    v = [5.0, 1.0]
    effects.apply_now(v)
    assert v == [3005.0, 1.0]


# -- control characters in messages -------------------------------------------------------------

@pytest.mark.parametrize("key", [
    "x\\n/etc/x.yaml:1:1: fake error\\n", "a\\rb", "\\e[2Jcleared", "right\\u202eleft", "line\\u2028sep"])
def test_a_key_with_control_characters_prints_as_one_escaped_line(minimal_text, key):
    for text in (edit(minimal_text, "summary:", f'"{key}": 1\nsummary:'),
                 edit(minimal_text, "  tension:\n", f'  "{key}":\n    initial: 1\n  tension:\n'),
                 edit(minimal_text, "{moscow: -50, washington: -50}", f'{{moscow: -50, washington: -50, "{key}": 1}}')):
        with pytest.raises(ScenarioError) as info:
            validate_text(text, "x.yaml")
        shown = str(info.value)
        assert len(shown.splitlines()) == len(info.value.issues) + 1
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f\u2028\u2029\u202e]", shown)
        assert all(line.startswith("x.yaml") for line in shown.splitlines())


def test_escape_controls_writes_escapes_and_leaves_ordinary_text_alone():
    assert escape_controls("Ukraine — NATO, 100 000 troops") == "Ukraine — NATO, 100 000 troops"
    assert escape_controls("a\nb\tc\x1b[0m\u202e\x85") == "a\\nb\\tc\\x1b[0m\\u202e\\x85"


def test_every_issue_is_escaped_when_it_is_made():
    issue = ScenarioIssue("a\nb.yaml", 1, 1, "x\ny", "bad\r\nthing")
    assert (issue.file, issue.path, issue.message) == ("a\\nb.yaml", "x\\ny", "bad\\r\\nthing")


# -- linear work for many unknown names ---------------------------------------------------------

def _unknown_names_file(minimal_text: str, n: int) -> str:
    variables = "".join(f"  var_{i:05d}_x:\n    initial: 1\n" for i in range(n))
    actions = "".join(f"    - id: act_{i}\n      label: A\n      kind: military\n      category: posturing\n"
                      f"      phases: [zzz_{i}]\n      effects:\n        - var_{i:05d}_y += 1\n" for i in range(n))
    phases = "".join(f"  phase_{i:05d}:\n    label: P\n" for i in range(n))
    text = edit(minimal_text, "variables:\n", "variables:\n" + variables)
    text = edit(text, "  crisis:\n    label: Crisis\n", "  crisis:\n    label: Crisis\n" + phases)
    return edit(text, "  washington:\n    - id: sanction", "  washington:\n" + actions + "    - id: sanction")


def test_did_you_mean_compares_a_bounded_number_of_names_however_many_are_unknown(minimal_text, monkeypatch):
    compared = []
    real = difflib.get_close_matches

    def counting(word, possibilities, *args, **kwargs):
        compared.append(len(possibilities))
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    issues = errors_of(_unknown_names_file(minimal_text, 3000))
    assert len(issues) == 6000                                   # every unknown name is still reported
    assert sum(compared) <= expr.SUGGEST_BUDGET
    assert any("did you mean 'var_00000_x'" in i.message for i in issues)   # the first ones get a suggestion
    listed = [i.message for i in issues if "unknown phase" in i.message]
    assert listed and all(m.endswith("and 2,992 more") for m in listed)     # known names listed, capped


def test_suggestions_outside_a_validation_still_work():
    assert expr.suggest("tensoin", ["tension", "troops"]) == " (did you mean 'tension'?)"
    with expr.suggestion_budget(3):
        assert expr.suggest("tensoin", ["tension", "troops"]) == " (did you mean 'tension'?)"
        assert expr.suggest("tensoin", ["tension", "troops"]) == ""          # budget spent


def test_a_score_expression_that_overflows_gives_a_finite_score(minimal_text):
    big = " * ".join(["tension"] + ["1e15"] * 22)
    text = edit(minimal_text, "{moscow: 0, washington: 0}", f'{{moscow: "{big}", washington: "{big} - {big}"}}')
    outcome = compile_scenario(validate_text(text)).outcomes[1]
    assert outcome.scores([50.0, 100.0, 1.0] + [0.0] * 100) == (MAX_NUMBER, 0.0)


def test_thousands_of_gated_options_compile_and_their_gates_read_right(minimal_text):
    from game.scenario.compiled import _bits

    bits = _bits([f"x >= {k}" for k in range(3000)], expr.variable_names(["x"]))
    assert bits([50.0, 1.0]) == (1 << 51) - 1
    options = "".join(f"        - id: opt_{i}\n          label: O\n          requires: tension >= {i}\n"
                      f"          value: {{moscow: 1, washington: 1}}\n" for i in range(300))
    text = edit(minimal_text, "      options:\n", "      options:\n" + options)
    scenario = compile_scenario(validate_text(text))
    assert scenario.requires_bits([50.0, 100.0, 1.0] + [0.0] * (len(scenario.initial) - 3)) == (1 << 51) - 1
    play(validate_text(text), turns=3)

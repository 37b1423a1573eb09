"""Validation of the format's second-pass features and the hints new authors need, each test
named after the rule it checks (errors keep file:line:col and the key path)."""
from __future__ import annotations

from game.scenario.validate import validate_text
from tests.scenario.conftest import edit, errors_of

SANCTION = """      requires: tension >= 60
      effects:
        - tension += 5
"""


def with_effects(text: str, effects: str) -> str:
    """The minimal scenario with Washington's 'sanction' effects replaced by `effects` (YAML lines)."""
    return edit(text, SANCTION, "      requires: tension >= 60\n" + effects)


# --- author hints -----------------------------------------------------------------------------

def test_flow_list_split_at_the_comma_inside_max_says_so_and_how_to_write_it(minimal_text):
    text = with_effects(minimal_text, "      effects: [tension = max(tension, 80), troops += 15]\n")
    issues = errors_of(text)
    assert len(issues) == 1
    issue = issues[0]
    assert issue.path == "actions.washington[0].effects[0]"
    assert "splits" in issue.message and "'tension = max(tension' and '80)' as 2 effects" in issue.message
    assert "- tension = max(tension, 80)" in issue.message and "quotes" in issue.message
    assert issue.line == text.splitlines().index("      effects: [tension = max(tension, 80), troops += 15]") + 1


def test_a_function_with_three_arguments_split_twice_is_one_report(minimal_text):
    issues = errors_of(with_effects(minimal_text, "      effects: [tension = min(tension, troops, 80), troops += 1]\n"))
    assert len(issues) == 1 and "as 3 effects" in issues[0].message
    assert "- tension = min(tension, troops, 80)" in issues[0].message


def test_the_same_effects_as_a_block_list_are_valid(minimal_text):
    validate_text(with_effects(minimal_text, "      effects:\n        - tension = max(tension, 80)\n"
                                             "        - troops += 15\n"))
    validate_text(with_effects(minimal_text, '      effects: ["tension = max(tension, 80)", troops += 15]\n'))


def test_single_equals_in_a_condition_gets_a_did_you_mean_hint(minimal_text):
    issues = errors_of(edit(minimal_text, "requires: tension >= 60", "requires: tension = 60"))
    assert len(issues) == 1 and "did you mean '=='?" in issues[0].message
    assert issues[0].path == "actions.washington[0].requires"


def test_double_ampersand_and_bars_get_did_you_mean_hints(minimal_text):
    issues = errors_of(edit(minimal_text, "requires: tension >= 60", "requires: tension >= 60 && troops > 5"))
    assert "did you mean 'and'?" in issues[0].message
    issues = errors_of(edit(minimal_text, "requires: tension >= 60", "requires: tension >= 60 || troops > 5"))
    assert "did you mean 'or'?" in issues[0].message


def test_hint_points_at_the_operator(minimal_text):
    text = edit(minimal_text, "requires: tension >= 60", "requires: tension >= 60 && troops > 5")
    line = next(l for l in text.splitlines() if "&&" in l)
    assert errors_of(text)[0].col == line.index("&&") + 1


def test_double_equals_in_an_effect_suggests_a_single_one(minimal_text):
    issues = errors_of(with_effects(minimal_text, "      effects:\n        - tension == 5\n"))
    assert "did you mean 'tension = ...'?" in issues[0].message


# --- facts in conditions ------------------------------------------------------------------------

def test_conditions_can_read_agreements_commitments_and_moves(minimal_text):
    text = edit(minimal_text, "requires: tension >= 60",
                "requires: agreed.nato.moratorium and not breached.nato.moratorium and committed.nato.moratorium"
                " or last.moscow.talk or played.moscow.mass_troops >= 2 or last.washington.pass")
    validate_text(text)


def test_effects_cannot_assign_facts(minimal_text):
    issues = errors_of(with_effects(minimal_text, "      effects:\n        - agreed.nato.moratorium = 1\n"))
    assert "read-only" in issues[0].message


def test_an_unknown_fact_is_reported_with_a_suggestion(minimal_text):
    issues = errors_of(edit(minimal_text, "requires: tension >= 60", "requires: agreed.nato.moratorim"))
    assert issues[0].message == "unknown fact 'agreed.nato.moratorim' (did you mean 'agreed.nato.moratorium'?)"


def test_a_fact_of_an_unknown_kind_lists_the_kinds(minimal_text):
    issues = errors_of(edit(minimal_text, "requires: tension >= 60", "requires: signed.x.y"))
    assert "facts are written agreed.<issue>.<option>" in issues[0].message


def test_a_count_is_not_a_condition_by_itself(minimal_text):
    issues = errors_of(edit(minimal_text, "requires: tension >= 60", "requires: played.moscow.talk"))
    assert "expected a condition" in issues[0].message


# --- once, cooldown, requires, commitments -------------------------------------------------------

def test_once_and_cooldown_are_checked_by_the_schema(minimal_text):
    validate_text(edit(minimal_text, "      requires: tension >= 60\n",
                       "      requires: tension >= 60\n      once: true\n      cooldown: 2\n"))
    issues = errors_of(edit(minimal_text, "      requires: tension >= 60\n", "      cooldown: 0\n"))
    assert issues[0].path == "actions.washington[0].cooldown"


def test_requires_on_options_and_packages_are_checked(minimal_text):
    text = edit(minimal_text, "          label: A ten-year moratorium\n",
                "          label: A ten-year moratorium\n          requires: tension <= 5O\n")
    text = edit(text, "      by: moscow\n      terms:", "      by: moscow\n      requires: tensoin > 1\n      terms:")
    paths = {i.path for i in errors_of(text)}
    assert paths == {"negotiation.issues[0].options[1].requires", "negotiation.packages[0].requires"}


def test_commitments_list_each_with_its_own_side(minimal_text):
    text = edit(minimal_text, "          commitment:\n", "          commitments:\n            - by: moscow\n"
                "              breach_if: troops > 150\n          commitment:\n")
    validate_text(text)
    issues = errors_of(text.replace("            - by: moscow", "            - by: kremlin"))
    assert issues[0].path == "negotiation.issues[0].options[1].commitments[0].by"


# --- conditional effects ------------------------------------------------------------------------

def test_conditional_effects_are_structured_yaml(minimal_text):
    validate_text(with_effects(minimal_text, "      effects:\n        - if: tension >= 70\n"
                                             "          then: [tension += 5]\n          else:\n"
                                             "            - if: troops > 100\n              then: [troops -= 1]\n"))


def test_a_misspelt_key_of_a_conditional_effect_gets_a_suggestion(minimal_text):
    issues = errors_of(with_effects(minimal_text, "      effects:\n        - if: tension >= 70\n"
                                                  "          thne: [tension += 5]\n"))
    assert issues[0].path == "actions.washington[0].effects[0].thne"
    assert issues[0].message == "unknown key 'thne' (did you mean 'then'?)"


def test_errors_inside_a_conditional_effect_name_their_path(minimal_text):
    issues = errors_of(with_effects(minimal_text, "      effects:\n        - if: tension >= 70\n"
                                                  "          then: [tenson += 5]\n"))
    assert issues[0].path == "actions.washington[0].effects[0].then[0]"
    assert "did you mean 'tension'?" in issues[0].message


# --- scores and debriefs ------------------------------------------------------------------------

def test_scores_may_be_expressions(minimal_text):
    validate_text(edit(minimal_text, "score: {moscow: 0, washington: 0}",
                       'score: {moscow: "10 * agreed.nato.moratorium - tension / 10", washington: 0}'))


def test_a_score_expression_must_be_a_number(minimal_text):
    issues = errors_of(edit(minimal_text, "score: {moscow: 0, washington: 0}",
                            'score: {moscow: "tension > 3", washington: 0}'))
    assert issues[0].path == "outcomes[1].score.moscow" and "found a condition" in issues[0].message


def test_numeric_scores_stay_inside_a_stated_scale(minimal_text):
    text = minimal_text + "scoring: {min: -40, max: 40, text: Points for the side's objectives.}\n"
    issues = errors_of(text)
    assert [i.path for i in issues] == ["outcomes[0].score.moscow", "outcomes[0].score.washington"]
    assert "outside the scale -40..40" in issues[0].message


def test_without_a_stated_scale_any_score_is_accepted(minimal_text):
    validate_text(edit(minimal_text, "score: {moscow: -50, washington: -50}", "score: {moscow: -500, washington: 0}"))


def test_debrief_notes_have_checked_conditions(minimal_text):
    text = edit(minimal_text, "    debrief: Nobody blinked.\n",
                "    debrief: Nobody blinked.\n    debrief_notes:\n      - {when: agreed.nato.open_door, text: The door stayed open.}\n")
    validate_text(text)
    issues = errors_of(text.replace("agreed.nato.open_door", "agreed.nato.door"))
    assert issues[0].path == "outcomes[1].debrief_notes[0].when"

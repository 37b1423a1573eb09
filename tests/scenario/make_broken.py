"""Regenerate the broken-scenario corpus in tests/scenario/broken/ from fixtures/minimal.yaml.

Each case breaks one rule of the loader or validator with a small edit of the valid base file
(or is a tiny file of its own). The expected line is where the edit is made, so the manifest is
written from the edits, not from the validator's output. Run: `python tests/scenario/make_broken.py`.
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE = (HERE / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
OUT = HERE / "broken"

# (file stem, rule, old text in the base, new text, line offset from `old`, expected message part)
EDITS = [
    # --- YAML reading --------------------------------------------------------------------
    ("syntax_missing_colon", "YAML syntax errors give their line", "title: Minimal standoff",
     "title Minimal standoff", 0, "could not find expected ':'"),
    ("syntax_unclosed_flow", "YAML syntax errors give their line", "phases: [standoff, crisis]",
     "phases: [standoff, crisis", 1, "YAML syntax error"),
    ("syntax_bad_indent", "YAML syntax errors give their line", "    role: The Kremlin",
     "     role: The Kremlin", 0, "YAML syntax error"),
    ("duplicate_key", "duplicate keys name both lines", "    initial: 50\n",
     "    initial: 50\n    label: Tension again\n", 1, "duplicate key 'label' (first defined at line 28)"),
    ("duplicate_top_key", "duplicate keys name both lines", "max_turns: 10\n",
     "max_turns: 10\ntitle: Again\n", 1, "duplicate key 'title' (first defined at line 5)"),
    ("tag_python_object", "non-standard tags are refused", "kind: military",
     "kind: !!python/object/apply:os.system [echo hi]", 0, "tag !!python/object/apply:os.system is not allowed"),
    ("tag_custom", "non-standard tags are refused", "label: Tension", "label: !secret Tension", 0,
     "tag !secret is not allowed"),
    ("tab_indent", "tabs for indentation are refused", "    role: The Kremlin", "\trole: The Kremlin", 0,
     "tab used for indentation"),
    ("yes_as_key", "YAML 1.1 booleans as keys are refused", "  troops:\n", "  yes:\n", 0,
     "reads the key yes as the boolean true"),
    ("yes_as_value", "YAML 1.1 booleans are not text", "label: Tension", "label: yes", 0,
     "YAML reads the unquoted yes as the boolean true"),
    ("no_as_id", "YAML 1.1 booleans are not ids", "  - id: war", "  - id: no", 0, "found false"),
    ("sexagesimal", "YAML 1.1 base-60 numbers are refused", "initial: 50", "initial: 1:30", 0, "base-60"),
    ("octal", "YAML 1.1 octal numbers are refused", "initial: 50", "initial: 050", 0, "octal"),
    ("not_a_number", "non-finite numbers are refused", "initial: 50", "initial: .nan", 0, "not a finite number"),
    ("date_as_text", "dates are not text", "label: Tension", "label: 2022-02-01", 0, "as a date"),
    ("quoted_date", "a date field needs an unquoted date", "start_date: 2022-02-01",
     'start_date: "2022-02-01"', 0, "remove the quotes"),
    ("invalid_date", "impossible dates are refused", "date: 2022-02-03", "date: 2022-02-30", 0,
     "not a valid date"),
    ("alias_undefined", "aliases must refer to an anchor", "label: Tension", "label: *name", 0,
     "alias *name is used before"),
    ("second_document", "one YAML document per file", "max_turns: 10\n", "max_turns: 10\n---\nid: other\n", 1,
     "a second YAML document"),
    ("control_character", "control characters are refused", "label: Tension", "label: Ten\x07sion", 0,
     "U+0007 is not allowed"),
    ("colon_in_text", "a ': ' in unquoted text makes a mapping", "      - More than 100,000 troops",
     "      - Troops massed: more than 100,000 troops", 0, "put the whole text in quotes"),
    # --- schema --------------------------------------------------------------------------
    ("missing_field", "a missing required key points at its mapping", "    briefing: Deter an attack without a war.\n",
     "", -3, "missing required key 'briefing'"),
    ("misspelt_key", "unknown keys get a suggestion", "    label: Tension", "    lable: Tension", 0,
     "unknown key 'lable' (did you mean 'label'?)"),
    ("unknown_top_key", "unknown keys get a suggestion", "summary: Two", "sumary: Two", 0,
     "unknown key 'sumary' (did you mean 'summary'?)"),
    ("wrong_type_text_for_number", "numbers must be numbers", "max_turns: 10", "max_turns: ten", 0,
     "expected a whole number, found 'ten'"),
    ("wrong_type_float_for_int", "whole numbers must be whole", "max_turns: 10", "max_turns: 2.5", 0,
     "expected a whole number, found 2.5"),
    ("wrong_type_list_for_mapping", "a mapping must be a mapping", "  tension:\n    label: Tension\n    initial: 50\n",
     "  tension: [50]\n", 0, "expected a mapping"),
    ("negative_chance", "chance is a probability", "chance: 0.2", "chance: -0.2", 0,
     "expected a number >= 0, found -0.2"),
    ("chance_above_one", "chance is a probability", "chance: 0.2", "chance: 1.5", 0, "expected a number <= 1"),
    ("event_turn_zero", "turns count from 1", "    date: 2022-02-03", "    turn: 0", 0, "expected a number >= 1"),
    ("bad_id", "ids are lowercase names", "id: mass_troops", "id: Mass Troops", 0,
     "did you mean 'mass_troops'?"),
    ("bad_kind", "kind is one of four words", "kind: military", "kind: militray", 0, "did you mean 'military'?"),
    ("bad_bool", "booleans are true/false", "final: true", "final: maybe", 0, "expected true or false"),
    ("format_2", "the format version is checked", "format: 1", "format: 2", 0, "reads format 1"),
    ("visible_to_capital", "visible_to is 'all' or a side id", "visible_to: moscow", "visible_to: Moscow", 0,
     "expected 'all' or a name"),
    ("bad_mapping_key", "mapping keys that are ids must be ids", "  crisis:\n    label: Crisis",
     "  Crisis:\n    label: Crisis", 0, "found 'Crisis' (did you mean 'crisis'?)"),
    ("action_not_a_mapping", "a list item must be the right kind", "    - id: talk\n      label: Call Moscow\n"
     "      kind: diplomatic\n      category: de_escalation\n      effects:\n        - tension -= 5\n",
     "    - talk\n", 0, "expected a mapping (key: value lines), found 'talk'"),
    ("one_option", "an issue needs two options", "        - id: open_door\n          label: The door stays open\n"
     "          value: {moscow: -10, washington: 10}\n", "", 0, "needs at least 2 entries"),
    ("three_sides", "exactly two sides", "variables:\n",
     "  london:\n    name: London\n    briefing: Stand by.\nvariables:\n", -8, "allows at most 2 entries, found 3"),
    ("empty_quote", "a quote must not be empty", "text: not going to back away", 'text: ""', 0, "must not be empty"),
    # --- cross-references ----------------------------------------------------------------
    ("duplicate_action_id", "ids are unique within their list", "    - id: talk\n      label: Call Washington",
     "    - id: mass_troops\n      label: Call Washington", 0, "duplicate action id 'mass_troops' (first used at line 50)"),
    ("duplicate_outcome_id", "ids are unique within their list", "  - id: standoff_holds", "  - id: war", 0,
     "duplicate outcome id 'war'"),
    ("actions_missing_side", "actions has one list per side", "  washington:\n    - id: sanction",
     "  washingtn:\n    - id: sanction", 0, "'washingtn' is not a side (did you mean 'washington'?)"),
    ("value_missing_side", "option values name each side", "value: {moscow: 10, washington: -5}",
     "value: {moscow: 10}", 0, "the value for side 'washington' is missing"),
    ("score_unknown_side", "outcome scores name each side", "score: {moscow: 0, washington: 0}",
     "score: {moscow: 0, washington: 0, kyiv: 5}", 0, "'kyiv' is not a side"),
    ("commitment_unknown_side", "commitment `by` names a side", "by: washington", "by: brussels", 0,
     "unknown side 'brussels'"),
    ("package_unknown_side", "package `by` names a side", "      by: moscow", "      by: moskow", 0,
     "unknown side 'moskow' (did you mean 'moscow'?)"),
    ("visible_to_unknown_side", "visible_to names a side", "visible_to: moscow", "visible_to: kremlin", 0,
     "unknown side 'kremlin'"),
    ("transition_unknown_phase", "transitions go to a declared phase", "- to: crisis", "- to: crises", 0,
     "unknown phase 'crises' (did you mean 'crisis'?)"),
    ("action_unknown_phase", "action phases are declared phases", "phases: [standoff, crisis]",
     "phases: [standoff, talks]", 0, "unknown phase 'talks'"),
    ("chance_in_unknown_phase", "chance_in names declared phases", "chance_in: {crisis: 0.5}",
     "chance_in: {war: 0.5}", 0, "unknown phase 'war'"),
    ("unknown_category", "category is a step of the escalation ladder", "category: posturing",
     "category: posture", 0, "unknown escalation category 'posture' (did you mean 'posturing'?)"),
    ("unknown_source", "quote.source names a source", "source: article", "source: artcle", 0,
     "unknown source 'artcle' (did you mean 'article'?)"),
    ("package_unknown_issue", "package terms name issues", "        nato: moratorium", "        natto: moratorium", 0,
     "unknown issue 'natto' (did you mean 'nato'?)"),
    ("package_unknown_option", "package terms name options of the issue", "nato: moratorium",
     "nato: moratorum", 0, "issue 'nato' has no option 'moratorum' (did you mean 'moratorium'?)"),
    ("initial_outside_range", "min <= initial <= max", "initial: 100", "initial: 250", 0,
     "initial value 250 is outside min..max (0..200)"),
    ("min_above_max", "min <= max", "    min: 0\n    max: 200", "    min: 300\n    max: 200", 0,
     "min 300 is greater than max 200"),
    ("no_fallback_outcome", "some outcome is final with no condition", "    final: true\n", "", -8,
     "no outcome ends every game"),
    ("event_never_fires", "an event has a turn, date, condition or chance", "    date: 2022-02-03\n", "", -3,
     "can never fire"),
    ("event_date_outside_game", "event dates fall within the game", "date: 2022-02-03", "date: 2022-03-03", 0,
     "outside the game, which runs from 2022-02-01 to 2022-02-20"),
    ("event_turn_after_end", "event turns fall within the game", "    date: 2022-02-03", "    turn: 11", 0,
     "turn 11 is after the last turn (10)"),
    ("effect_unknown_variable", "effects name declared variables", "- tension += 10", "- tension_lvl += 10", 0,
     "unknown variable 'tension_lvl' (did you mean 'tension'?)"),
    ("condition_unknown_variable", "conditions name declared variables", "requires: tension >= 60",
     "requires: tensoin >= 60", 0, "unknown variable 'tensoin' (did you mean 'tension'?)"),
    ("effect_assigns_turn", "turn is read-only", "- troops += 20", "- turn += 1", 0, "'turn' is read-only"),
    ("effect_divides_by_zero", "no division by zero", "- tension -= 10", "- tension /= 0", 0,
     "divide only by a non-zero number"),
    ("condition_syntax_error", "conditions must parse", "when: tension >= 80", "when: tension >= 80 and", 0,
     "syntax error"),
    ("condition_not_boolean", "a condition is true or false", "condition: troops > 150",
     "condition: troops + 150", 0, "expected a condition"),
    ("effect_is_condition", "an effect changes a variable", "- tension += 2", "- tension >= 2", 0,
     "an effect changes one variable"),
    ("unknown_function", "only min, max and abs", "breach_if: tension > 90", "breach_if: sqrt(tension) > 9", 0,
     "unknown function 'sqrt'"),
    ("effect_two_lines", "one expression per line", "      - tension -= 1\nevents:",
     "      - |\n        tension -= 1\n        tension += 2\nevents:", 0, "write the expression on one line"),
    ("variable_named_turn", "'turn' is reserved", "  troops:\n", "  turn:\n", 0, "'turn' is a reserved word"),
    ("variable_named_keyword", "Python keywords are reserved", "  troops:\n", "  lambda:\n", 0,
     "'lambda' is a reserved word"),
    ("duplicate_option_id", "ids are unique within their list", "        - id: moratorium", "        - id: open_door", 0,
     "duplicate option id 'open_door'"),
]

# (file stem, rule, whole content, expected line, expected message part)
WHOLE = [
    ("empty_file", "an empty file is an error", b"", 1, "file is empty"),
    ("only_comments", "a file of comments is empty", b"# nothing here\n", 1, "file is empty"),
    ("top_level_list", "the top level is a mapping", b"- id: minimal\n- title: x\n", 1, "found a list"),
    ("top_level_scalar", "the top level is a mapping", b"just some words\n", 1, "found a single text"),
    ("null_document", "the top level is a mapping", b"---\n", 1, "found nothing"),
    ("non_utf8", "non-UTF-8 bytes say where", b"id: minimal\ntitle: Caf\xe9\n", 2, "not valid UTF-8 (byte 0xe9)"),
    ("utf16", "UTF-16 files are refused", "id: minimal\n".encode("utf-16"), 1, "saved as UTF-16"),
    ("recursive_alias", "an alias inside its own anchor is refused", b"a: &loop\n  - *loop\n", 2,
     "refers to a value that contains it"),
]


def line_of(text: str, needle: str) -> int:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.yaml"):
        old.unlink()
    rows = []
    for stem, rule, old, new, delta, message in EDITS:
        if BASE.count(old) < 1:
            raise SystemExit(f"{stem}: {old!r} not in the base file")
        text = BASE.replace(old, new, 1)
        lines = text.split("\n")
        lines[1] = f"# Broken on purpose: {rule}."
        (OUT / f"{stem}.yaml").write_text("\n".join(lines), encoding="utf-8", newline="\n")
        rows.append((stem, rule, line_of(BASE, old) + delta, message))
    for stem, rule, content, line, message in WHOLE:
        (OUT / f"{stem}.yaml").write_bytes(content)
        rows.append((stem, rule, line, message))
    with open(OUT / "manifest.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("# file\texpected line\texpected message part (- for any)\trule\n")
        for stem, rule, line, message in rows:
            f.write(f"{stem}.yaml\t{line}\t{message or '-'}\t{rule}\n")
    print(f"wrote {len(rows)} files to {OUT}")


if __name__ == "__main__":
    main()

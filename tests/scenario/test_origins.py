"""Where a scenario's texts come from (game.scenario.origins): 'the article' is a report of the start
date, so a quotation of a letter, a speech or a book of another day is history of its own date, and
`validate` warns (never fails) when a file lets it pass as the article's."""
from __future__ import annotations

from game.scenario.load import find_scenario
from game.scenario.origins import validate_with_warnings


def _without_origin(text: str, item_id: str) -> str:
    """The file's text with the `origin:` line of one item removed (its quote then implies the article)."""
    head, rest = text.split(f"- id: {item_id}\n", 1)
    line, tail = rest.split("\n", 1)
    assert line.strip().startswith("origin:")
    return f"{head}- id: {item_id}\n{tail}"


def test_a_quotation_of_a_letter_of_another_day_is_not_the_article_and_validate_says_so(tmp_path):
    text = find_scenario("cuba_1962").read_text(encoding="utf-8")
    for item_id in ("rope_letter", "rusk_blinked"):        # a move; a conditional event (an undated book)
        text = _without_origin(text, item_id)
    path = tmp_path / "cuba.yaml"
    path.write_text(text, encoding="utf-8")
    _, warnings = validate_with_warnings(path)
    said = [w.message for w in warnings]
    assert len(said) == 2, said
    assert "move 'rope_letter' is shown as drawing on the article, but its source " \
           "'khrushchev_letter_1962_10_26' is of 1962-10-26, not a report of the start date 1962-10-16" in said[0]
    assert "origin: {kind: history, source: khrushchev_letter_1962_10_26, date: ...}" in said[0]
    assert "event 'rusk_blinked'" in said[1] and "'abel_1966' is undated" in said[1]


def test_the_article_of_the_start_date_and_the_bundled_scenarios_raise_no_such_warning():
    for scenario_id in ("ukraine_2022", "cuba_1962"):      # Ukraine's quotes are its article's, of 1 February 2022
        assert validate_with_warnings(find_scenario(scenario_id))[1] == []

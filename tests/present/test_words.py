"""Names, dates, moves and messages in words: labels, never internal ids; strings kept as data."""
from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from game.engine.negotiation import ACCEPT_MESSAGE, NO_MESSAGE, REJECT_MESSAGE, Message
from game.present import ENGLISH, Presenter, signed

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "game" / "present"


def test_dates_read_like_a_newspaper_and_a_turn_spans_its_days(ukraine):
    p = Presenter(ukraine)
    assert p.date(dt.date(2022, 2, 21)) == "21 February 2022" and p.date("2022-02-24") == "24 February 2022"
    assert p.turn_span(1) == "1–3 February 2022"
    assert p.turn_span(10) == "28 February – 2 March 2022"


@pytest.mark.parametrize("category, word", [
    ("de_escalation", "de-escalation"), ("status_quo", "status quo"),
    ("non_violent_escalation", "non-violent escalation"), ("violent_escalation", "violent escalation"),
    ("fragile_de_escalation", "fragile de-escalation")])
def test_ladder_steps_are_words_never_ids(ukraine, category, word):
    assert Presenter(ukraine).category(category) == word


def test_a_phase_without_a_label_reads_its_id_as_words(duel):
    p = Presenter(duel)
    assert p.phase("calm") == "Calm"
    assert p.phase("de_escalation") == "de-escalation"


def test_an_action_is_tagged_with_its_step_in_words_and_secrecy(ukraine):
    p = Presenter(ukraine, me="moscow")
    cyber = next(a for a in ukraine.actions[0] if a.id == "cyber_attack")
    pull = next(a for a in ukraine.actions[0] if a.id == "partial_pullback")
    assert p.action_tag(cyber) == "non-violent escalation +12, secret"
    assert p.action_tag(pull) == "de-escalation -2"
    assert p.kind("informational") == "Information"


def test_message_labels_say_counter_accept_reject_and_what_a_question_does(ukraine):
    p = Presenter(ukraine, me="moscow")
    single = Message("propose", terms=((4, 1),))
    package = Message("propose", terms=ukraine.packages[0].terms, package=ukraine.packages[0].id)
    assert p.message(single) == "Propose: Sanctions: No new sanctions while the deal holds"
    assert p.message(single, counter=True) == "Counter-propose: Sanctions: No new sanctions while the deal holds"
    assert p.message(package, counter=True) == "Counter-propose the package 'Moscow's draft treaty (December 2021)'"
    assert p.message(ACCEPT_MESSAGE) == "Accept their proposal"
    assert p.message(REJECT_MESSAGE) == "Reject their proposal"
    assert p.message(NO_MESSAGE) == "No message"
    assert p.message(Message("question", issue=4)) == \
        "Ask a follow-up question: Sanctions — they must tell you which options they prefer"
    assert p.worth(package.terms, "moscow") == 12 and p.worth({"sanctions_relief": "lift_all"}, 1) == -2.4


def test_values_carry_their_units_and_numbers_read_cleanly(ukraine):
    p = Presenter(ukraine)
    assert p.value("readiness", 45.0) == "45%" and p.value("troops_at_border", 110) == "110 thousand troops"
    assert [signed(x) for x in (12, -3, 0, 2.04, -0.04)] == ["+12", "-3", "0", "+2", "0"]


def test_every_word_comes_from_the_strings_table(ukraine):
    """A translation is a table with the same keys: wrapping every template shows each line used it."""
    marked = {key: (value if key == "months" else f"«{value}»") for key, value in ENGLISH.items()}
    p = Presenter(ukraine, me="washington", strings=marked)
    facts = [{"kind": "action", "side": "moscow", "id": "cyber_attack", "public": False},
             {"kind": "action", "side": "washington", "id": "hold_position", "public": True},
             {"kind": "proposal", "side": "moscow", "terms": {"sanctions_relief": "lift_all"}, "package": None,
              "counter": False},
             {"kind": "reject", "side": "washington", "terms": {"sanctions_relief": "lift_all"}, "package": None},
             {"kind": "question", "side": "moscow", "issue": "transparency"},
             {"kind": "agreement", "issue": "transparency", "option": "inspections"},
             {"kind": "event", "id": "unsc_debate"}, {"kind": "phase", "id": "talks", "from": "standoff"},
             {"kind": "outcome", "id": "settlement"}]
    for line in p.news_lines(facts):
        assert line.text.startswith("«") and line.text.endswith("»"), line.text
    assert p.date("2022-02-21").startswith("«") and p.turn_span(1).startswith("«")


def test_a_translation_names_the_months_itself(ukraine):
    french = dict(ENGLISH, months="janvier février mars avril mai juin juillet août septembre octobre "
                                  "novembre décembre")
    assert Presenter(ukraine, strings=french).date("2022-02-24") == "24 février 2022"


def test_the_presentation_is_pure_no_io_no_window():
    banned = {"pygame", "os", "sys", "io", "pathlib", "shutil", "subprocess", "socket", "time", "random"}
    for path in PACKAGE_DIR.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            assert not {n.split(".")[0] for n in names} & banned, f"{path.name} imports {names}"
            assert not (isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("open", "print", "input")), \
                f"{path.name} does I/O"

"""Outcome progress in words: how far each outcome is, condition by condition."""
from __future__ import annotations

from types import SimpleNamespace as NS

from game.present import Presenter


def clause(**kw):
    return NS(**{"text": "", "holds": False, "variable": None, "value": None, "op": None, "target": None,
                 "gap": None, **kw})


SETTLEMENT = NS(id="settlement", label="A settlement", final=False, holds=False, distance=1.0, score=(40.0, 30.0),
                clauses=(clause(text="accord >= 60", variable="accord", value=59.0, op=">=", target=60.0, gap=1.0),
                         clause(text="tension <= 50", variable="tension", value=40.0, op="<=", target=50.0,
                                gap=0.0, holds=True)))
STANDOFF = NS(id="managed_standoff", label="A managed standoff", final=True, holds=True, distance=0.0,
              score=(0.0, 0.0), clauses=())


def test_a_near_outcome_says_how_far_and_which_condition_is_short(ukraine):
    moscow = Presenter(ukraine, me="moscow")
    standoff, settlement = moscow.progress([SETTLEMENT, STANDOFF])      # what holds comes first
    assert settlement.text == "A settlement: 1 away" and settlement.score == 40
    label = ukraine.model.variables["accord"].label
    assert settlement.clauses == (f"{label} at least 60: now 59, 1 to go", "Tension at most 50 ✓")
    assert standoff.text == "A managed standoff: holds now (checked at the end)"


def test_progress_given_as_dicts_reads_the_same(ukraine):
    as_dict = dict(vars(SETTLEMENT), clauses=[vars(c) for c in SETTLEMENT.clauses], score={"washington": 30})
    [line] = Presenter(ukraine, me="washington").progress([as_dict])
    assert line.text == "A settlement: 1 away" and line.score == 30 and len(line.clauses) == 2


def test_a_condition_on_something_other_than_a_value_keeps_its_own_text(ukraine):
    odd = NS(**dict(vars(SETTLEMENT), clauses=(clause(text="agreed.transparency.inspections"),)))
    [line] = Presenter(ukraine).progress([odd])
    assert line.clauses == ("agreed.transparency.inspections: not yet",) and line.score is None


def test_the_phase_clause_of_an_outcome_is_worded_by_phase_labels_not_read_as_a_number(ukraine):
    frozen = NS(**dict(vars(SETTLEMENT), clauses=(clause(text="phase in (frozen)", variable="phase",
                                                         value="standoff", op="in", target=("frozen",), gap=1.0),)))
    [line] = Presenter(ukraine).progress([frozen])
    assert line.clauses == ("the crisis in phase Ceasefire line: now Standoff",)


def test_a_fact_of_the_talks_or_the_moves_is_worded_by_labels_never_by_its_id(ukraine):
    facts = NS(**dict(vars(SETTLEMENT), clauses=(
        clause(text="agreed.transparency.inspections >= 1", variable="agreed.transparency.inspections", value=0.0,
               op=">=", target=1.0, gap=1.0),
        clause(text="agreed.ukraine_nato.never != 1", variable="agreed.ukraine_nato.never", value=0.0, op="!=",
               target=1.0, gap=0.0, holds=True),
        clause(text="played.moscow.hold_position >= 1", variable="played.moscow.hold_position", value=0.0,
               op=">=", target=1.0, gap=1.0))))
    [line] = Presenter(ukraine).progress([facts])
    assert all("agreed." not in c and "played." not in c and "_" not in c for c in line.clauses), line.clauses
    assert line.clauses[0].startswith("agreed — ") and line.clauses[0].endswith(": not yet")
    assert line.clauses[1].startswith("not agreed — ") and line.clauses[1].endswith("✓")
    assert line.clauses[2] == "Moscow has played: Hold position and wait: not yet"

"""Goal progress (game.engine.goals): per outcome whether it holds, how far it is, and each
clause's value, target and gap, from the condition's clauses compiled once; tests name the rule."""
from __future__ import annotations

import pytest

from game.engine.game import Game
from game.engine.goals import EPSILON, debrief_notes, outcome_progress
from game.scenario.clauses import AllOf, AnyOf, Clause, clause_tree
from game.scenario.load import load_scenario
from tests.engine.conftest import FIXTURES, play

E, W = 0, 1


@pytest.fixture(scope="module")
def pact():
    return load_scenario(FIXTURES / "pact.yaml")


@pytest.fixture(scope="module")
def ukraine():
    return load_scenario("ukraine_2022")


def by_id(progress, outcome_id):
    return next(p for p in progress if p.id == outcome_id)


def test_and_needs_every_clause_and_distance_sums_the_gaps(ukraine):
    game = Game(ukraine, 1)
    war = by_id(outcome_progress(game), "war_west_united")
    assert [c.text for c in war.clauses] == ["fighting >= 80", "alliance_cohesion >= 65", "sanctions_level >= 45"]
    assert [c.gap for c in war.clauses] == [80.0, 5.0, 40.0]
    assert war.distance == 125.0 and not war.holds


def test_a_clause_reports_value_op_target_and_gap(ukraine):
    game = Game(ukraine, 1)
    game.v[ukraine.names["accord"]] = 59.0
    clause = next(c for c in by_id(outcome_progress(game), "settlement").clauses if c.variable == "accord")
    assert (clause.value, clause.op, clause.target, clause.gap, clause.holds) == (59.0, ">=", 60.0, 1.0, False)


def test_an_outcome_limited_to_phases_has_a_phase_clause(ukraine):
    game = Game(ukraine, 1)
    phase = by_id(outcome_progress(game), "settlement").clauses[0]
    assert (phase.variable, phase.value, phase.op, phase.target, phase.gap) == \
        ("phase", "standoff", "in", ("settlement",), 1.0)


def test_or_reports_its_nearest_branch(ukraine):
    tree = clause_tree("tension >= 90 or trust >= 25", ukraine.names)
    assert isinstance(tree, AnyOf)
    game = Game(ukraine, 1)     # tension 60 (30 to go), trust 20 (5 to go)
    from game.engine.goals import _evaluate
    distance, clauses = _evaluate(tree, game.v, frozenset())
    assert distance == 5.0 and [c.text for c in clauses] == ["trust >= 25"]


def test_not_is_pushed_into_the_comparisons(ukraine):
    tree = clause_tree("not (tension < 70 and trust > 10)", ukraine.names)
    assert isinstance(tree, AnyOf)
    assert [c.op for c in tree.parts] == [">=", "<="]


def test_a_chained_comparison_is_two_clauses(ukraine):
    tree = clause_tree("40 <= tension < 70", ukraine.names)
    assert isinstance(tree, AllOf) and [(c.variable, c.op) for c in tree.parts] == [("tension", ">="), ("tension", "<")]


def test_a_number_first_comparison_reads_name_first(ukraine):
    clause = clause_tree("60 <= accord", ukraine.names)
    assert isinstance(clause, Clause) and (clause.variable, clause.op, clause.text) == ("accord", ">=", "accord >= 60")


def test_a_strict_comparison_failing_at_equality_has_a_tiny_gap(ukraine):
    game = Game(ukraine, 1)
    tolerated = by_id(outcome_progress(game), "incursion_tolerated")
    fighting = next(c for c in tolerated.clauses if c.variable == "fighting")
    assert fighting.gap == EPSILON and not fighting.holds


def test_a_holding_outcome_has_distance_zero(ukraine):
    game = Game(ukraine, 1)
    standoff = by_id(outcome_progress(game), "managed_standoff")
    assert standoff.holds and standoff.distance == 0 and standoff.clauses == () and standoff.final


def test_a_fact_clause_reads_agreements(pact):
    game = Game(pact, 1)
    deal = by_id(outcome_progress(game), "deal")
    assert [c.text for c in deal.clauses] == ["agreed.troops.withdraw", "troops <= 0"]
    assert (deal.clauses[0].op, deal.clauses[0].target, deal.clauses[0].value) == ("==", 1.0, 0.0)
    play(game, (("wait", ("propose", {"troops": "withdraw"})), "wait"), ("wait", ("wait", "accept")))
    deal = by_id(outcome_progress(game), "deal")
    assert deal.clauses[0].holds and deal.distance == 5.0


def test_progress_gives_each_outcomes_score_and_total_now(pact):
    game = Game(pact, 1)
    play(game, (("wait", ("propose", {"troops": "withdraw"})), "wait"), ("wait", ("wait", "accept")))
    deal = by_id(outcome_progress(game), "deal")
    assert deal.score == (10.0, 20.0) and deal.total == (15.0, 25.0)


def test_a_sides_progress_uses_only_what_it_sees(ukraine):
    from game.engine.observation import observe

    game = Game(ukraine, 1)
    game.v[ukraine.names["readiness"]] = 99.0          # Moscow's secret: Washington has an estimate
    clause = clause_tree("readiness >= 50", ukraine.names)
    from game.engine.goals import _evaluate, _view
    v, _ = _view(game, 1)
    (_, [seen]) = _evaluate(clause, v, frozenset())
    assert seen.value == observe(game, 1).estimates["readiness"] != 99.0
    v, _ = _view(game, 0)
    assert _evaluate(clause, v, frozenset())[1][0].value == 99.0


def test_progress_never_changes_the_game(ukraine):
    game = Game(ukraine, 1)
    before = game.snapshot()
    outcome_progress(game)
    outcome_progress(game, 0)
    assert game.snapshot() == before


# --- debrief notes --------------------------------------------------------------------------

def test_debrief_notes_that_hold_at_the_end_are_added(pact):
    game = Game(pact, 1)
    play(game, ("recognise", "wait"), *[("wait", "wait")] * 7)
    assert game.outcome.id == "standoff"
    assert debrief_notes(game) == ("East recognised the rebels.",)


def test_debrief_notes_follow_what_was_agreed(pact):
    game = Game(pact, 1)
    play(game, (("wait", ("propose", {"troops": "stay"})), "wait"), ("wait", ("wait", "accept")),
         *[("wait", "wait")] * 6)
    assert debrief_notes(game) == ("The troops stayed by agreement.",)


def test_no_notes_before_the_end(pact):
    assert debrief_notes(Game(pact, 1)) == ()

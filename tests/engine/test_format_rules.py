"""Rule tests for the format's second pass, each named after the rule it checks ('pact' fixture:
east vs west): once-only actions, cooldowns, facts in conditions, requires on options and
packages, commitments binding both sides, conditional effects, score expressions, debrief notes."""
from __future__ import annotations

import pytest

from game.engine import gates
from game.engine.game import Game
from game.scenario.load import load_scenario
from tests.engine.conftest import FIXTURES, find_message, pick, play

E, W = 0, 1


@pytest.fixture(scope="module")
def pact():
    return load_scenario(FIXTURES / "pact.yaml")


def ids(actions):
    return [a.id for a in actions]


def fact(game, name):
    return game.v[game.scenario.names[name]]


# --- once-only actions and cooldowns -------------------------------------------------------------

def test_once_only_action_leaves_the_menu_after_it_is_played(pact):
    game = Game(pact, 1)
    assert "recognise" in ids(game.legal_actions(E))
    play(game, ("recognise", "wait"))
    for _ in range(3):
        assert "recognise" not in ids(game.legal_actions(E))
        play(game, ("wait", "wait"))


def test_once_only_action_is_refused_when_offered_again(pact):
    game = Game(pact, 1)
    stale = pick(game, E, "recognise")
    play(game, ("recognise", "wait"))
    assert not game.legal(E).allows(stale)


def test_cooldown_closes_an_action_for_that_many_turns(pact):
    game = Game(pact, 1)
    play(game, ("drill", "wait"))                     # turn 1
    assert "drill" not in ids(game.legal_actions(E))  # turn 2
    play(game, ("wait", "wait"))
    assert "drill" not in ids(game.legal_actions(E))  # turn 3
    play(game, ("wait", "wait"))
    assert "drill" in ids(game.legal_actions(E))      # turn 4: two turns have passed


def test_once_only_combines_with_requires(pact):
    game = Game(pact, 1)
    assert "reply" in ids(game.legal_actions(E))      # trust 20 >= 10, never played
    play(game, ("reply", "wait"))
    assert "reply" not in ids(game.legal_actions(E))


# --- facts: last and played -------------------------------------------------------------------

def test_last_move_is_readable_by_events_of_the_same_turn(pact):
    game = Game(pact, 1)
    record = play(game, ("reply", "wait"))
    events = [n["id"] for n in record["news"] if n["kind"] == "event"]
    assert events == ["praise"]                      # not 'denial': East did reply this turn


def test_an_event_can_depend_on_what_a_side_did_not_do(pact):
    game = Game(pact, 1)
    record = play(game, ("wait", "wait"))
    assert [n["id"] for n in record["news"] if n["kind"] == "event"] == ["denial"]


def test_last_holds_only_the_most_recent_action(pact):
    game = Game(pact, 1)
    play(game, ("mass", "charm"))
    assert fact(game, "last.east.mass") == 1 and fact(game, "last.west.charm") == 1
    play(game, ("wait", "wait"))
    assert fact(game, "last.east.mass") == 0 and fact(game, "last.east.wait") == 1


def test_played_counts_every_time_a_side_plays_an_action(pact):
    game = Game(pact, 1)
    play(game, ("mass", "wait"), ("wait", "wait"), ("mass", "wait"))
    assert fact(game, "played.east.mass") == 2
    assert fact(game, "played.west.wait") == 3


def test_the_built_in_pass_has_facts_too(pact):
    assert "last.east.pass" in pact.names and "played.west.pass" in pact.names


# --- facts: agreements, commitments, breaches --------------------------------------------------

def test_agreed_and_committed_facts_follow_the_deal(pact):
    game = Game(pact, 1)
    play(game, (("wait", ("propose", {"troops": "withdraw"})), "wait"), ("wait", ("wait", "accept")))
    assert fact(game, "agreed.troops.withdraw") == 1
    assert fact(game, "committed.troops.withdraw") == 1
    assert fact(game, "breached.troops.withdraw") == 0


def test_commitments_bind_both_sides_and_either_breach_breaks_the_deal(pact):
    game = Game(pact, 1)
    play(game, (("wait", ("propose", {"troops": "withdraw"})), "wait"), ("wait", ("wait", "accept")))
    record = play(game, ("wait", "pay"), ("wait", "pay"))   # aid 20: West breaks its own commitment
    breaches = [n for n in record["news"] if n["kind"] == "breach"]
    assert [b["side"] for b in breaches] == ["west"]
    assert fact(game, "agreed.troops.withdraw") == 0
    assert fact(game, "committed.troops.withdraw") == 0
    assert fact(game, "breached.troops.withdraw") == 1


def test_the_eastern_commitment_of_the_same_option_binds_east(pact):
    game = Game(pact, 1)
    play(game, (("wait", ("propose", {"troops": "withdraw"})), "wait"), ("wait", ("wait", "accept")))
    before = game.value("tension")
    record = play(game, ("mass", "wait"))             # troops 5 -> 15
    assert [n["side"] for n in record["news"] if n["kind"] == "breach"] == ["east"]
    assert game.value("tension") == before + 20


def test_an_old_single_commitment_still_works(pact):
    duel = load_scenario(FIXTURES / "duel.yaml")
    opt = next(o for i in duel.issues for o in i.options if o.commitment is not None)
    assert opt.commitments == (opt.commitment,)


# --- requires on options and packages -----------------------------------------------------------

def test_option_requires_gates_proposals_containing_it(pact):
    game = Game(pact, 1)
    with pytest.raises(AssertionError):
        find_message(game, E, ("propose", {"bridge": "open"}))    # trust 20 < 40
    play(game, ("wait", "charm"), ("wait", "charm"))              # trust 20 -> 50
    assert find_message(game, E, ("propose", {"bridge": "open"}))


def test_package_requires_gates_tabling_it(pact):
    game = Game(pact, 1)
    with pytest.raises(AssertionError):
        find_message(game, W, ("package", "grand"))               # turn 1 < 3
    play(game, ("wait", "wait"), ("wait", "wait"))
    assert find_message(game, W, ("package", "grand"))


def test_accept_is_offered_only_while_the_proposal_on_the_table_is_allowed(pact):
    game = Game(pact, 1)
    play(game, ("wait", "charm"), ("wait", "charm"))              # trust 20 -> 49
    play(game, (("wait", ("propose", {"bridge": "open"})), "wait"))
    assert find_message(game, W, "accept")
    game = Game(pact, 1)
    play(game, ("wait", "charm"), ("wait", "charm"))
    play(game, (("wait", ("propose", {"bridge": "open"})), "insult"))   # trust 49 -> 29 as it is proposed
    kinds = [m.kind for m in game.legal_messages(W)]
    assert "accept" not in kinds and "reject" in kinds


def test_proposal_allowed_reads_the_state(pact):
    game = Game(pact, 1)
    msg = next(m for m in pact.moves[E].messages if m.terms == ((1, 0),) and m.package is None)
    assert not gates.proposal_allowed(pact, msg, game.v)
    game.v[pact.names["trust"]] = 45.0
    assert gates.proposal_allowed(pact, msg, game.v)


def test_a_scenario_without_requires_is_not_gated():
    duel = load_scenario(FIXTURES / "duel.yaml")
    assert not gates.gated(duel)
    assert duel.requires_bits([0.0] * 100) == 0


# --- conditional effects --------------------------------------------------------------------------

def test_conditional_effect_takes_the_else_branch_when_its_condition_fails(pact):
    game = Game(pact, 1)
    play(game, ("gift", "wait"))         # trust 20 < 30: else: trust += 10 (+1), tension 50 >= 50: mood += 1
    assert game.value("trust") == 20 + 10 + 1 - 1   # and 'denial' (-1): East did not reply
    assert game.value("mood") == 1
    assert game.value("tension") == 50


def test_conditional_effect_takes_the_then_branch_when_its_condition_holds(pact):
    game = Game(pact, 1)
    play(game, ("wait", "charm"))        # trust 20 + 15 - 1 (denial) = 34
    play(game, ("gift", "wait"))
    assert game.value("tension") == 45
    assert game.value("trust") == 35
    assert game.value("mood") == 0


def test_conditional_effects_read_the_state_before_the_turn(pact):
    game = Game(pact, 1)
    play(game, ("wait", "charm"))        # trust 34
    # West charms (+15) in the same turn as the gift: the gift's condition reads trust 34, not 49
    play(game, ("gift", "charm"))
    assert game.value("tension") == 45


# --- scores and debriefs -------------------------------------------------------------------------

def test_score_expression_is_read_from_the_final_state(pact):
    game = Game(pact, 1)
    play(game, *[("mass", "wait")] * 2, *[("wait", "wait")] * 6)
    assert game.outcome.id == "standoff"
    assert game.scores() == (0.0, -10.0)


def test_score_of_a_deal_counts_what_was_agreed(pact):
    game = Game(pact, 1)
    play(game, (("wait", ("propose", {"troops": "withdraw"})), "wait"), ("wait", ("wait", "accept")))
    assert game.outcome is None                        # troops 5: not yet out
    play(game, ("leave", "wait"))
    assert game.outcome.id == "deal"
    assert game.scores() == (10.0 + 5.0, 20.0 + 5.0)   # score + the option's value


def test_scoring_states_the_scale(pact):
    assert (pact.model.scoring.min, pact.model.scoring.max) == (-50, 50)
    assert "objective" in pact.model.scoring.text


# --- facts in observations and imagined games ------------------------------------------------

def test_a_determinized_game_remembers_once_only_moves_and_cooldowns(pact):
    import random

    game = Game(pact, 1)
    play(game, ("recognise", "wait"), ("drill", "wait"))
    for side in (E, W):
        guess = game.determinize(side, random.Random(3))
        assert "recognise" not in ids(guess.legal_actions(E))
        assert "drill" not in ids(guess.legal_actions(E))


def test_an_observation_hides_the_facts_of_the_other_sides_secret_moves():
    from game.engine.observation import observe

    ukraine = load_scenario("ukraine_2022")
    game = Game(ukraine, 1)
    game.step(pick(game, 0, "forward_logistics"), pick(game, 1, "hold_position"))   # a secret move
    slot = ukraine.names["played.moscow.forward_logistics"] - ukraine.facts.start
    assert observe(game, 0).facts[slot] == 1.0
    assert observe(game, 1).facts[slot] == 0.0
    assert observe(game, 1).facts[ukraine.names["played.washington.hold_position"] - ukraine.facts.start] == 1.0

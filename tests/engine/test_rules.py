"""Rule tests for the engine, each named after the rule it checks (duel fixture: north vs south)."""
from __future__ import annotations

import pytest

from game.engine.game import Choice, Game, GameOver, IllegalChoice
from game.engine.negotiation import NO_MESSAGE
from game.engine.observation import observe
from tests.engine.conftest import pick, play

N, S = 0, 1


def ids(actions):
    return [a.id for a in actions]


# --- simultaneity -------------------------------------------------------------------------------

def test_simultaneous_effects_read_the_state_before_the_turn(duel):
    game = Game(duel, 1)
    # north assesses (trust = tension / 2) while south shouts (tension += 10): trust uses 50, not 60
    play(game, ("assess", "shout"))
    assert game.value("tension") == 60
    assert game.value("trust") == pytest.approx(25 + 0)   # 50 / 2; no event touched trust on turn 1


def test_result_does_not_depend_on_which_side_chose_first(duel):
    a, b = Game(duel, 4), Game(duel, 4)
    north, south = pick(a, N, "mobilise"), pick(a, S, "double")
    a.step(north, south)
    south_b = pick(b, S, "double")     # south decides first this time
    north_b = pick(b, N, "mobilise")
    b.step(north_b, south_b)
    assert a.snapshot() == b.snapshot()


def test_both_sides_effects_on_one_variable_add_up(duel):
    game = Game(duel, 1)
    play(game, ("shout", "shout"))
    assert game.value("tension") == 70


# --- preconditions, phases, ranges --------------------------------------------------------------

def test_precondition_closes_an_action_until_it_holds_again(duel):
    game = Game(duel, 1)
    assert "pay" in ids(game.legal_actions(S))
    play(game, ("wait", "pay"))                       # money 5 -> 0
    assert "pay" not in ids(game.legal_actions(S))
    play(game, ("wait", "double"))                     # 0 * 2 = 0, still closed
    assert "pay" not in ids(game.legal_actions(S))


def test_phase_gates_actions(duel):
    game = Game(duel, 1)
    assert "calm_down" not in ids(game.legal_actions(N))
    play(game, ("mobilise", "shout"))                  # tension 50 + 20 + 10 = 80 -> crisis
    assert game.phase_id == "crisis"
    assert "calm_down" in ids(game.legal_actions(N))
    assert "strike" not in ids(game.legal_actions(N))


def test_effects_are_clamped_to_the_variable_range(duel):
    game = Game(duel, 1)
    play(game, ("mobilise", "shout"), ("mobilise", "shout"))
    assert game.value("troops") == 20                  # 10 + 5 + 5, max 20
    assert game.value("tension") == 100                # 80 + 30 clamped at 100
    assert "mobilise" not in ids(game.legal_actions(N))   # requires troops < 20


def test_illegal_choice_is_refused(duel):
    game = Game(duel, 1)
    strike = next(a for a in duel.actions[N] if a.id == "strike")
    with pytest.raises(IllegalChoice):
        game.step(Choice(strike, NO_MESSAGE), pick(game, S, "wait"))


def test_a_choice_must_be_one_of_the_objects_offered(duel):
    game = Game(duel, 1)
    from game.engine.negotiation import Message, QUESTION
    lookalike = Message(QUESTION, issue=0)             # equal content, not the offered object
    with pytest.raises(IllegalChoice):
        game.step(Choice(pick(game, N, "wait").action, lookalike), pick(game, S, "wait"))


# --- phase machine ------------------------------------------------------------------------------

def test_phase_moves_when_a_transition_condition_holds(duel):
    game = Game(duel, 1)
    record = play(game, ("mobilise", "shout"))
    assert record["phase"] == "calm" and record["phase_after"] == "crisis"
    assert any(n["kind"] == "phase" and n["id"] == "crisis" for n in record["news"])


def test_first_matching_transition_wins_and_moves_once_per_turn(duel):
    game = Game(duel, 1)
    play(game, ("mobilise", "shout"))                  # crisis, troops 15
    play(game, ("calm_down", "wait"))                  # tension 80 - 30 = 50: no move (needs < 40)
    assert game.phase_id == "crisis"
    play(game, ("calm_down", "wait"))                  # 20 -> calm
    assert game.phase_id == "calm"


# --- negotiation --------------------------------------------------------------------------------

def test_accepted_proposal_applies_option_effects_and_starts_commitment(duel):
    game = Game(duel, 1)
    play(game, ("wait", ("wait", ("propose", {"bridge": "shared"}))))
    assert observe(game, N).their_proposal is not None
    record = play(game, (("wait", "accept"), "wait"))
    assert game.snapshot()["agreed"] == {"bridge": "shared"}
    assert game.snapshot()["commitments"] == ["bridge.shared"]
    assert game.value("trust") == pytest.approx(20 + 1 + 20)   # parade +1 on turn 2, option +20
    assert any(n["kind"] == "agreement" for n in record["news"])


def test_breached_commitment_applies_consequences_and_voids_the_agreement(duel):
    game = Game(duel, 1)
    play(game, ("wait", ("wait", ("propose", {"bridge": "shared"}))), (("wait", "accept"), "wait"))
    trust = game.value("trust")
    record = play(game, ("mobilise", "wait"))          # troops 15: not yet > 15
    assert game.snapshot()["breached"] == []
    record = play(game, ("mobilise", "wait"))          # troops 20 > 15: breach
    assert game.snapshot()["breached"] == ["bridge.shared"]
    assert game.snapshot()["agreed"] == {}
    assert game.value("trust") == pytest.approx(trust - 30)
    assert {"kind": "breach", "side": "north", "issue": "bridge", "option": "shared"} in record["news"]


def test_breach_costs_the_agreed_value_in_the_score(duel):
    game = Game(duel, 1)
    play(game, ("wait", ("wait", ("propose", {"bridge": "shared"}))), (("wait", "accept"), "wait"))
    assert game.scores() == (3.0, 5.0)
    play(game, ("mobilise", "wait"), ("mobilise", "wait"))
    assert game.scores() == (0.0, 0.0)


def test_rejection_clears_the_proposal_and_has_its_effects(duel):
    game = Game(duel, 1)
    play(game, ("wait", ("wait", ("propose", {"toll": "half"}))))
    tension = game.value("tension")
    play(game, (("wait", "reject"), "wait"))
    assert game.pending == [None, None]
    assert game.value("tension") == tension + 1


def test_counter_proposal_sets_the_other_proposal_aside(duel):
    game = Game(duel, 1)
    play(game, ("wait", ("wait", ("propose", {"toll": "none"}))))
    play(game, (("wait", ("propose", {"toll": "half"})), "wait"))
    snap = game.snapshot()["pending"]
    assert snap["south"] is None and snap["north"]["terms"] == {"toll": "half"}


def test_answer_refers_to_the_proposal_on_the_table_when_the_turn_began(duel):
    game = Game(duel, 1)
    play(game, ("wait", ("wait", ("propose", {"toll": "none"}))))
    # north accepts while south, the same turn, tables something new: the old one is agreed,
    # the new one stays on the table
    play(game, (("wait", "accept"), ("wait", ("propose", {"bridge": "north_keeps"}))))
    snap = game.snapshot()
    assert snap["agreed"] == {"toll": "none"}
    assert snap["pending"]["south"]["terms"] == {"bridge": "north_keeps"}


def test_package_proposal_agrees_every_term(duel):
    game = Game(duel, 1)
    play(game, ("wait", ("wait", ("package", "grand_bargain"))), (("wait", "accept"), "wait"))
    assert game.snapshot()["agreed"] == {"bridge": "shared", "toll": "none"}


def test_package_is_offered_only_to_its_side(duel):
    game = Game(duel, 1)
    packages = lambda side: [m.package for m in game.legal_messages(side) if m.package]
    assert packages(S) == ["grand_bargain"] and packages(N) == []


def test_settled_issues_leave_the_menu(duel):
    game = Game(duel, 1)
    play(game, ("wait", ("wait", ("propose", {"toll": "half"}))), (("wait", "accept"), "wait"))
    for side in (N, S):
        data = [m.to_json(duel) for m in game.legal_messages(side)]
        assert not any(d and d["kind"] == "propose" and "toll" in d["terms"] for d in data)


def test_follow_up_question_reveals_the_other_sides_ranking(duel):
    game = Game(duel, 1)
    play(game, (("wait", ("question", "bridge")), "wait"))
    assert observe(game, N).answers == {"bridge": ("shared", "north_keeps")}   # south: 5 > -10
    assert observe(game, S).answers == {}


# --- events -------------------------------------------------------------------------------------

def fired(game):
    return game.snapshot()["fired"]


def test_scheduled_event_fires_on_its_turn_only(duel):
    game = Game(duel, 1)
    play(game, ("wait", "wait"))
    assert "parade" not in fired(game)
    record = play(game, ("wait", "wait"))
    assert "parade" in fired(game) and any(n.get("id") == "parade" for n in record["news"])


def test_dated_event_fires_on_the_turn_containing_its_date(duel):
    game = Game(duel, 1)                               # 2030-05-05 is day 4: turn 3 (2 days a turn)
    play(game, ("wait", "wait"), ("wait", "wait"))
    assert "market_day" not in fired(game)
    play(game, ("wait", "wait"))
    assert "market_day" in fired(game)


def test_conditional_event_fires_once_when_its_condition_holds(duel):
    game = Game(duel, 1)
    play(game, ("mobilise", "shout"))                  # 80
    assert "alarm" not in fired(game)
    play(game, ("shout", "wait"))                      # 90
    trust_after_first = game.value("trust")
    assert "alarm" in fired(game)
    play(game, ("shout", "wait"))
    assert game.value("trust") >= trust_after_first - 1   # no second -5


def test_random_event_follows_its_per_phase_chance(duel):
    game = Game(duel, 1)
    play(game, ("mobilise", "shout"), ("mobilise", "wait"))   # troops 20 -> war next turn check
    assert game.phase_id in ("crisis", "war")
    counts = []
    for seed in range(40):
        g = Game(duel, seed)
        play(g, ("wait", "wait"))
        counts.append("skirmish" in fired(g))          # chance 0 outside war
    assert not any(counts)


def test_random_events_depend_on_the_seed_only(duel):
    def crisis_game(seed):
        game = Game(duel, seed)
        play(game, ("mobilise", "shout"), ("wait", "wait"), ("wait", "wait"))   # 50% rumour in crisis
        return game.snapshot()

    seen = {tuple(crisis_game(seed)["fired"]) for seed in range(30)}
    assert len(seen) > 1
    assert crisis_game(7) == crisis_game(7)


def _wait_game(duel, seed, turns):
    game = Game(duel, seed)
    for _ in range(turns):
        play(game, ("wait", "wait"))
    return game


# --- end conditions -----------------------------------------------------------------------------

def test_outcome_in_a_phase_ends_the_game(duel):
    game = Game(duel, 1)
    play(game, ("mobilise", "shout"), ("mobilise", "wait"))
    if game.phase_id != "war":
        play(game, ("wait", "wait"))
    assert game.outcome is not None and game.outcome.id == "war_breaks_out"
    with pytest.raises(GameOver):
        game.legal(N)


def test_condition_outcome_ends_the_game(duel):
    game = Game(duel, 1)
    play(game, ("wait", ("wait", ("propose", {"bridge": "shared"}))), (("wait", "accept"), "pay"))
    assert game.value("trust") >= 50
    play(game, ("wait", "wait"))
    while not game.over and game.value("trust") < 60:
        play(game, ("wait", ("wait", ("question", "toll"))))
    assert game.outcome.id in ("friends", "standoff")


def test_final_outcome_at_the_turn_limit(duel):
    game = _wait_game(duel, 2, 6)
    assert game.over and game.outcome.id == "standoff" and game.turn == 7


def test_game_ends_by_the_turn_limit(duel):
    game = Game(duel, 3)
    while not game.over:
        play(game, ("wait", "wait"))
    assert len(game.choices) <= duel.max_turns


# --- escalation ---------------------------------------------------------------------------------

def test_escalation_scores_follow_the_ladder_and_accumulate(duel):
    game = Game(duel, 1)
    record = play(game, ("mobilise", "shout"))        # non-violent escalation 12, posturing 4
    assert record["escalation"] == {"north": 12.0, "south": 4.0}
    play(game, ("calm_down", "wait"))                  # de-escalation -2, status quo 0
    assert game.escalation == [10.0, 4.0]


def test_a_proposal_on_an_issue_settled_meanwhile_is_withdrawn(duel):
    game = Game(duel, 1)
    # both table a proposal on the toll; south accepts north's: north's is agreed, south's is stale
    play(game, (("wait", ("propose", {"toll": "half"})), ("wait", ("propose", {"toll": "none"}))))
    play(game, ("wait", ("wait", "accept")))
    assert game.snapshot()["agreed"] == {"toll": "half"}
    assert game.pending == [None, None]
    assert not any(m.kind == "accept" for m in game.legal_messages(0))


def test_a_proposal_sent_as_its_issue_is_agreed_is_overtaken(duel):
    game = Game(duel, 1)
    play(game, ("wait", ("wait", ("propose", {"toll": "none"}))))
    # north accepts while south sends the same proposal again: it must not stay on the table
    record = play(game, (("wait", "accept"), ("wait", ("propose", {"toll": "none"}))))
    assert game.snapshot()["agreed"] == {"toll": "none"}
    assert game.pending == [None, None]
    assert any(n["kind"] == "lapsed" and n["reason"] == "overtaken" and n["side"] == "south" for n in record["news"])


def test_simultaneous_acceptances_of_conflicting_terms_agree_neither(duel):
    game = Game(duel, 1)
    play(game, (("wait", ("propose", {"bridge": "north_keeps"})), ("wait", ("propose", {"bridge": "shared"}))))
    record = play(game, (("wait", "accept"), ("wait", "accept")))
    assert game.snapshot()["agreed"] == {}
    assert any(n["kind"] == "conflict" for n in record["news"])


def test_simultaneous_acceptances_of_different_issues_agree_both(duel):
    game = Game(duel, 1)
    play(game, (("wait", ("propose", {"toll": "half"})), ("wait", ("propose", {"bridge": "shared"}))))
    play(game, (("wait", "accept"), ("wait", "accept")))
    assert game.snapshot()["agreed"] == {"bridge": "shared", "toll": "half"}


def test_a_breached_issue_is_closed_for_the_rest_of_the_game(duel):
    game = Game(duel, 1)
    play(game, ("wait", ("wait", ("propose", {"bridge": "shared"}))), (("wait", "accept"), "wait"))
    play(game, ("mobilise", "wait"), ("mobilise", "wait"))
    assert game.snapshot()["breached"] == ["bridge.shared"]
    for side in (N, S):
        data = [m.to_json(duel) for m in game.legal_messages(side)]
        assert not any(d and d["kind"] == "propose" and "bridge" in d["terms"] for d in data)

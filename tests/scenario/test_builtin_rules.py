"""Rules of the built-in scenario that a new player saw misbehave, each test named after its rule:
one-time acts happen once, scripted events follow what Moscow did, debriefs follow what was agreed,
and scores say what a side achieved rather than how many deals it signed."""
from __future__ import annotations

import pytest

from game.engine.game import Choice, Game
from game.engine.goals import debrief_notes
from game.scenario.load import load_scenario
from tests.cli.conftest import run_cli
from tests.engine.conftest import pick

M, W = 0, 1


@pytest.fixture(scope="module")
def ukraine():
    return load_scenario("ukraine_2022")


def hold(game, side):
    return pick(game, side, "hold_position")


def ids(actions):
    return [a.id for a in actions]


def events_of(record):
    return [n["id"] for n in record["news"] if n["kind"] == "event"]


def test_kremlin_recognises_donetsk_and_luhansk_only_once(ukraine):
    game = Game(ukraine, 1)
    game.phase = ukraine.phase_index["brinkmanship"]
    game._reset_turn_caches()
    game.step(pick(game, M, "recognise_republics"), hold(game, W))
    for _ in range(4):
        game.phase = ukraine.phase_index["crisis"]
        game._reset_turn_caches()
        assert "recognise_republics" not in ids(game.legal_actions(M))
        game.step(hold(game, M), hold(game, W))


def test_moscow_delivers_its_written_reply_only_once(ukraine):
    game = Game(ukraine, 1)
    game.step(pick(game, M, "deliver_response"), hold(game, W))
    for _ in range(5):
        assert "deliver_response" not in ids(game.legal_actions(M))
        game.step(hold(game, M), hold(game, W))


def test_after_its_reply_moscow_can_no_longer_deny_it_or_send_questions_instead(ukraine):
    game = Game(ukraine, 1)
    assert {"deny_reports", "send_questions"} <= set(ids(game.legal_actions(M)))
    game.step(pick(game, M, "deliver_response"), hold(game, W))
    assert not {"deny_reports", "send_questions"} & set(ids(game.legal_actions(M)))


def test_no_scripted_denial_of_a_reply_moscow_has_just_delivered(ukraine):
    game = Game(ukraine, 7)
    record = game.step(pick(game, M, "deliver_response"), hold(game, W))
    assert "grushko_denial" not in events_of(record) and "lavrov_letter" not in events_of(record)
    assert "reply_arrives" in events_of(record)


def test_without_a_reply_the_article_events_of_1_february_happen(ukraine):
    game = Game(ukraine, 7)
    record = game.step(hold(game, M), hold(game, W))
    assert {"grushko_denial", "lavrov_letter"} <= set(events_of(record))
    assert "reply_arrives" not in events_of(record)


def test_a_scripted_event_does_not_repeat_a_move_moscow_just_made(ukraine):
    game = Game(ukraine, 7)
    record = game.step(pick(game, M, "send_questions"), hold(game, W))
    assert "lavrov_letter" not in events_of(record) and "grushko_denial" in events_of(record)


def test_the_reported_repro_no_longer_contradicts_the_reply():
    """`printf '3\\n0\\n' | python run.py play --text --side moscow --seed 7`, as reported."""
    out = run_cli("play", "--text", "--side", "moscow", "--seed", "7", input="3\n0\n").stdout
    turn1 = out.split("What happened, 1–3 February 2022 (turn 1)", 1)[1].split("Changes", 1)[0]
    assert "Moscow delivers its written reply" in turn1
    # neither the denial nor the letter of questions (both the Russian Foreign Ministry's) is reported
    assert "not true" not in turn1 and "questions, not an answer" not in turn1
    assert "Russian Foreign Ministry" not in turn1


def _settle(ukraine, troop_option: str) -> Game:
    """A game ended in the settlement with `troop_option` agreed on the troops."""
    game = Game(ukraine, 3)
    sc = ukraine
    issue = next(i for i in sc.issues if i.id == "troop_pullback")
    option = next(o for o in issue.options if o.id == troop_option)
    game.talks.agreed[issue.index] = option.index
    from game.engine.facts import note_agreement
    note_agreement(game.v, sc.facts, option)
    for name, value in {"accord": 70, "trust": 70, "tension": 30, "troops_at_border": 60}.items():
        game.v[sc.names[name]] = float(value)
    game.phase = sc.phase_index["settlement"]
    game._reset_turn_caches()
    game.step(hold(game, M), hold(game, W))
    assert game.outcome.id == "settlement"
    return game


def test_settlement_debrief_never_says_the_troops_went_home_when_the_deal_lets_them_stay(ukraine):
    game = _settle(ukraine, "troops_stay")
    text = " ".join([game.outcome.spec.debrief, *debrief_notes(game)])
    assert "went home" not in text and "return to its permanent base" not in text
    assert any("troops stay" in note for note in debrief_notes(game))


def test_settlement_debrief_says_so_when_the_troops_return_to_base(ukraine):
    game = _settle(ukraine, "full_withdrawal")
    assert any("returns to its permanent base" in note for note in debrief_notes(game))


def test_signed_options_are_worth_less_than_the_gap_between_endings(ukraine):
    """Agreed-option values must not outweigh the endings (they were ~+64 a side for a settlement)."""
    for s in (0, 1):
        best_on_paper = sum(max(o.value[s] for o in issue.options) for issue in ukraine.issues)
        endings = [o.score[s] for o in ukraine.outcomes if o.scores is None]
        assert best_on_paper < max(endings) - min(endings)
        compromise = next(p for p in ukraine.packages if p.id == "grand_compromise")
        worth = sum(ukraine.issues[i].options[o].value[s] for i, o in compromise.terms)
        assert worth < 10


def test_a_standoff_scores_each_sides_own_objectives(ukraine):
    standoff = next(o for o in ukraine.outcomes if o.id == "managed_standoff")
    v = list(ukraine.initial)
    assert standoff.score_at(v) == (0.0, 0.0)       # the crisis where it began: 0 for both
    v[ukraine.names["alliance_cohesion"]] += 20
    v[ukraine.names["russian_economy"]] -= 20
    moscow, washington = standoff.score_at(v)
    assert washington == 5.0 and moscow == -5.0


def test_scores_state_their_scale_and_meaning(ukraine):
    scoring = ukraine.model.scoring
    assert (scoring.min, scoring.max) == (-100, 100) and "objectives" in scoring.text

"""News facts worded from the reader's point of view (hand-made facts in the engine's contract)."""
from __future__ import annotations

import pytest

from game.present import ARTICLE, GAME, HISTORY, MOVE, Presenter

CYBER = {"kind": "action", "side": "moscow", "id": "cyber_attack", "public": False}


def texts(p, facts):
    return [line.text for line in p.news_lines(facts)]


def test_the_other_sides_secret_move_reads_they_did_something_you_could_not_see(ukraine):
    washington = Presenter(ukraine, me="washington")
    assert texts(washington, [CYBER]) == ["Moscow did something you could not see"]
    assert texts(washington, [{"kind": "secret_move", "side": "moscow"}]) == ["Moscow did something you could not see"]


def test_a_secret_move_is_said_once_even_when_both_the_action_and_its_shadow_are_given(ukraine):
    washington = Presenter(ukraine, me="washington")
    assert texts(washington, [CYBER, {"kind": "secret_move", "side": "moscow"}]) == \
        ["Moscow did something you could not see"]


def test_a_secret_move_is_shown_to_its_own_side_marked_secret_and_never_as_unseen(ukraine):
    moscow = Presenter(ukraine, me="moscow")
    assert texts(moscow, [CYBER, {"kind": "secret_move", "side": "moscow"}]) == \
        ["You (secret): Ukrainian banks and ministries hit by cyberattack"]


def test_two_players_reading_one_report_see_neither_secret(ukraine):
    both = Presenter(ukraine, me=None, sees=())
    assert texts(both, [CYBER]) == ["Moscow made a secret move"]


def test_spectators_see_both_sides_secrets(ukraine):
    watch = Presenter(ukraine)
    assert texts(watch, [CYBER]) == ["Moscow: Ukrainian banks and ministries hit by cyberattack (secret)"]


def test_a_public_move_reads_its_headline_and_carries_its_ladder_step(ukraine):
    line = Presenter(ukraine, me="moscow").news({"kind": "action", "side": "washington",
                                                  "id": "impose_sanctions_now", "public": True})
    assert line.text.startswith("Washington: ") and line.category == "non_violent_escalation"
    assert line.tag == ""        # a player's move is not a claim about history


def test_a_headline_that_already_names_its_side_or_actor_names_it_once(ukraine):
    washington = Presenter(ukraine, me="washington")
    hold = washington.news({"kind": "action", "side": "moscow", "id": "hold_position", "public": True})
    assert hold.text == "Moscow keeps its cards close"                   # never "Moscow: Moscow keeps …"
    deny = washington.news({"kind": "action", "side": "moscow", "id": "sovereign_right", "public": True})
    assert deny.text.startswith("Moscow: our troops") and deny.text.count("Moscow") == 1
    assert Presenter(ukraine, me="moscow").news(
        {"kind": "action", "side": "moscow", "id": "hold_position", "public": True}).text == \
        "You: Moscow keeps its cards close"
    unsc = washington.news({"kind": "event", "id": "unsc_debate"})
    assert unsc.text.startswith("UN Security Council holds") and unsc.text.count("UN Security Council") == 1
    assert washington.said_by("Moscow", "Russia launches a full-scale invasion") == \
        "Moscow: Russia launches a full-scale invasion"                   # not named: said who did it


def test_own_proposals_read_you_and_a_counter_reads_counter_propose(ukraine):
    terms = {"ukraine_nato": "moratorium"}
    moscow = Presenter(ukraine, me="moscow")
    washington = Presenter(ukraine, me="washington")
    fact = {"kind": "proposal", "side": "moscow", "terms": terms, "package": None, "counter": True}
    assert moscow.news(fact).text == \
        "You counter-propose: Ukraine's NATO membership: Moratorium — no membership decision for 10 years"
    assert washington.news(fact).text.startswith("Moscow counter-proposes: Ukraine's NATO membership")
    assert washington.news(fact).worth == -0.8 and moscow.news(fact).worth == 2.4   # the options' values


def test_a_package_is_named_by_its_label_with_its_terms_behind_it(ukraine):
    fact = {"kind": "proposal", "side": "moscow", "package": "quiet_de_escalation", "counter": False,
            "terms": {"troop_pullback": "partial_pullback", "sanctions_relief": "freeze_new"}}
    line = Presenter(ukraine, me="washington").news(fact)
    assert line.text == "Moscow proposes the package 'Quiet de-escalation'"
    assert "Sanctions: No new sanctions while the deal holds" in line.detail


@pytest.mark.parametrize("me, expected", [
    ("washington", "Moscow accepts your proposal: Sanctions: No new sanctions while the deal holds"),
    ("moscow", "You accept Washington's proposal: Sanctions: No new sanctions while the deal holds"),
    (None, "Moscow accepts Washington's proposal: Sanctions: No new sanctions while the deal holds"),
])
def test_an_answer_says_whose_proposal_it_answers(ukraine, me, expected):
    fact = {"kind": "accept", "side": "moscow", "terms": {"sanctions_relief": "freeze_new"}, "package": None}
    assert Presenter(ukraine, me=me).news(fact).text == expected


@pytest.mark.parametrize("me, expected", [
    ("moscow", "You ask about Sanctions: Washington must say which options it prefers"),
    ("washington", "Moscow asks about Sanctions: it now knows which options you prefer"),
    (None, "Moscow asks about Sanctions: Washington must say which options it prefers"),
])
def test_a_question_says_what_it_does(ukraine, me, expected):
    assert Presenter(ukraine, me=me).news({"kind": "question", "side": "moscow",
                                           "issue": "sanctions_relief"}).text == expected


def test_a_lapsed_proposal_says_why(ukraine):
    fact = {"kind": "lapsed", "side": "washington", "package": "us_nato_written_response",
            "terms": {"ukraine_nato": "open_door"}, "reason": "countered"}
    assert Presenter(ukraine, me="washington").news(fact).text == \
        "Your proposal lapsed (set aside by a counter-proposal): 'The US/NATO written response (26 January 2022)'"
    assert "Washington's proposal lapsed (overtaken by an agreement)" in \
        Presenter(ukraine, me="moscow").news(dict(fact, reason="overtaken")).text


def test_agreements_conflicts_and_breaches_use_labels(ukraine, duel):
    p = Presenter(ukraine, me="moscow")
    assert p.news({"kind": "agreement", "issue": "sanctions_relief", "option": "freeze_new"}).text == \
        "Agreed — Sanctions: No new sanctions while the deal holds"
    assert p.news({"kind": "conflict", "issue": "transparency"}).text.startswith("No agreement on Transparency")
    assert p.news({"kind": "breach", "side": "washington", "issue": "ukraine_nato", "option": "never"}).text == \
        'Moscow: the West is breaking its "never" on Ukraine'          # the scenario's own headline
    assert Presenter(duel, me="south").news({"kind": "breach", "side": "south", "issue": "bridge",
                                             "option": "north_keeps"}).text == \
        "You break your commitment on The bridge (North keeps it)"


def test_phases_and_outcomes_read_their_labels_never_their_ids(ukraine):
    p = Presenter(ukraine, me="moscow")
    assert p.news({"kind": "phase", "id": "de_escalation", "from": "crisis"}).text == \
        "The crisis moves from Acute crisis to De-escalation"
    assert p.news({"kind": "outcome", "id": "fragile_de_escalation"}).text.startswith("The game ends: ")
    assert "_" not in p.news({"kind": "outcome", "id": "fragile_de_escalation"}).text


def test_an_event_from_the_article_is_marked_with_its_source_and_quote(ukraine):
    p = Presenter(ukraine, me="moscow")
    line = p.news({"kind": "event", "id": "unsc_debate"})
    assert line.text.startswith("UN Security Council holds") and line.tag == "article"
    assert line.origin.kind == ARTICLE and line.origin.source == "aljazeera_2022_02_01"
    assert p.origin(line.origin) == ("from the article: Al Jazeera (with Reuters), “Russia denies sending response "
                                     "to US proposal on defusing Ukraine tensions”")
    assert p.quote(line.origin).startswith("“The UN Security Council held a stormy")


def test_a_dated_historical_event_is_marked_history_with_its_date_and_source(ukraine):
    p = Presenter(ukraine, me="moscow")
    line = p.news({"kind": "event", "id": "beijing_statement"})
    assert line.origin.kind == HISTORY and line.tag == "history 4 February 2022"
    assert line.origin.source == "kremlin_2022_02_04" and line.origin.url.startswith("http")
    assert p.origin(line.origin).startswith("real history, 4 February 2022 — President of Russia (kremlin.ru), "
                                            "“Joint Statement of the Russian Federation")


def test_a_dated_event_without_an_origin_is_history_without_a_source(duel):
    p = Presenter(duel)
    dated = [e for e in duel.model.events if e.date and not e.condition and not e.quote and not e.origin]
    for event in dated:
        assert p.origin(p.event_origin(event.id)).endswith("(no source given in the scenario)")


@pytest.mark.parametrize("side, action_id, words", [
    ("moscow", "recognise_republics", "modelled on real history, 21 February 2022 — Institute for the Study of War"),
    ("moscow", "send_questions", "from the article: Al Jazeera"),
    ("washington", "consult_allies", "invented for the game"),
])
def test_a_move_says_what_it_is_modelled_on(ukraine, side, action_id, words):
    p = Presenter(ukraine, me=side)
    assert p.move_origin(p.action_origin(side, action_id)).startswith(words)


@pytest.mark.parametrize("scenario_id", ["ukraine_2022", "cuba_1962"])
def test_every_move_event_and_ending_of_a_bundled_scenario_names_its_origin(scenario_id):
    from game.scenario.load import load_scenario

    scenario = load_scenario(scenario_id)
    p = Presenter(scenario)
    model = scenario.model
    origins = [p.action_origin(s, a.id) for s in model.actions for a in model.actions[s]]
    origins += [p.event_origin(e.id) for e in model.events] + [p.outcome_origin(o.id) for o in model.outcomes]
    assert all(o.kind != MOVE for o in origins)
    claims = [o for o in origins if o.kind in (ARTICLE, HISTORY)]
    assert claims and all(o.source and o.source_title for o in claims)


def test_an_event_the_game_makes_up_is_marked_invented(ukraine):
    p = Presenter(ukraine, me="moscow")
    for event_id in ("markets_slide", "mud_season"):      # conditional; dated but stated invented
        line = p.news({"kind": "event", "id": event_id})
        assert line.origin.kind == GAME and line.tag == "invented"
    assert p.origin(p.event_origin("mud_season")).startswith("invented for the game (The spring thaw is seasonal")


def test_a_fact_of_an_unknown_kind_is_worded_not_a_crash(ukraine):
    assert Presenter(ukraine).news({"kind": "comet"}).text == "(comet)"
    assert Presenter(ukraine).news({"kind": "event", "id": "gone"}).text == "gone"


def test_an_event_that_fires_on_the_games_state_is_the_games_own_even_when_it_draws_on_a_quote(ukraine):
    p = Presenter(ukraine, me="moscow")
    line = p.news({"kind": "event", "id": "mother_of_all_sanctions_bill"})
    assert line.origin.kind == GAME and line.tag == "invented, after the article"
    assert p.origin(line.origin) == "invented for the game, drawing on the article: Al Jazeera (with Reuters), " \
        "“Russia denies sending response to US proposal on defusing Ukraine tensions”"
    assert p.quote(line.origin).startswith("“US lawmakers warn Russia")

"""The rule for dated facts (game.present.origin.on_turn): a fact is shown as real history (or as the
article's report) only on a turn whose days contain its real date; on any other day the game's event
is shown as invented, modelled on it, with the real date and source."""
from __future__ import annotations

import datetime as dt

import pytest

from game.present import ARTICLE, GAME, HISTORY, Origin, Presenter
from game.present.origin import on_turn


@pytest.fixture(scope="module")
def cuba():
    from game.scenario.load import load_scenario

    return load_scenario("cuba_1962")


def test_a_history_event_on_its_real_day_is_shown_as_real_history(cuba):
    p = Presenter(cuba)
    line = p.news({"kind": "event", "id": "u2_shot_down"}, turn=12)          # 27 October 1962
    assert line.origin.kind == HISTORY and not line.origin.modelled
    assert line.tag == "history 27 October 1962"
    assert p.origin(line.origin).startswith("real history, 27 October 1962 — Robert F. Kennedy")


def test_a_history_event_on_another_day_is_the_games_modelled_on_it_with_the_real_date_and_source(cuba):
    p = Presenter(cuba)
    line = p.news({"kind": "event", "id": "u2_shot_down"}, turn=8)           # 23 October 1962
    assert line.origin.kind == GAME and line.origin.modelled
    assert line.tag == "modelled on 27 October 1962"
    assert p.origin(line.origin) == ("invented for the game, modelled on real history of 27 October 1962 — "
                                     "Robert F. Kennedy (W. W. Norton, 1969), “Thirteen Days: A Memoir of the "
                                     "Cuban Missile Crisis”")
    assert "real history," not in p.origin(line.origin)
    assert p.origin_short(line.origin).startswith("modelled on real history of 27 October 1962 — ")


def test_a_moved_event_keeps_the_quotation_it_is_modelled_on(cuba):
    p = Presenter(cuba)
    line = p.news({"kind": "event", "id": "rusk_blinked"}, turn=3)            # 18 October; Rusk spoke on the 24th
    assert line.origin.modelled and line.tag == "modelled on 24 October 1962"
    assert p.quote(line.origin).startswith("“We're eyeball to eyeball")


def test_a_turn_of_several_days_holds_every_date_within_it(ukraine):
    p = Presenter(ukraine)                                                   # three-day turns from 1 February 2022
    assert p.turn_span(6) == "16–18 February 2022"
    assert p.event_origin("donbas_shelling", 6).kind == HISTORY               # 17 February 2022
    assert p.event_origin("donbas_shelling", 5).modelled                      # 13–15 February 2022
    assert p.event_origin("donbas_shelling", 7).modelled                      # 19–21 February 2022


def test_without_a_turn_only_an_event_scheduled_in_its_real_dates_turn_is_the_real_thing(ukraine, cuba):
    ua, cu = Presenter(ukraine), Presenter(cuba)
    assert ua.event_origin("beijing_statement").kind == HISTORY               # scheduled on 4 February
    assert ua.event_origin("unsc_debate").kind == ARTICLE                     # turn 1, the article's day
    assert ua.event_origin("donbas_shelling").modelled                        # by chance: any day
    assert cu.event_origin("u_thant_appeal").kind == HISTORY                  # scheduled on 24 October (conditional)
    assert cu.event_origin("rusk_blinked").modelled                           # whenever Moscow turns its ships back


def test_every_scheduled_history_event_of_a_bundled_scenario_happens_on_its_real_date(ukraine, cuba):
    for scenario in (ukraine, cuba):
        p = Presenter(scenario)
        for event in scenario.events:
            if event.turn is not None:
                assert not p.event_origin(event.id).modelled, (scenario.id, event.id)


def test_an_ending_dated_like_history_is_real_only_when_the_game_ends_on_that_day(cuba):
    p = Presenter(cuba)
    assert p.outcome_origin("kennedy_khrushchev_deal", 13).kind == HISTORY   # 28 October 1962
    moved = p.outcome_origin("kennedy_khrushchev_deal", 9)
    assert moved.modelled and p.origin(moved).startswith("invented for the game, modelled on real history of "
                                                         "28 October 1962 — ")
    assert p.outcome_origin("standoff_at_sea", 14).kind == GAME and not p.outcome_origin("standoff_at_sea", 14).modelled


def test_invented_undated_and_move_origins_are_left_as_they_are():
    days = (dt.date(2022, 2, 1), dt.date(2022, 2, 3))
    for origin in (Origin(GAME, note="the game's"), Origin(HISTORY, source="s"), Origin("move"),
                   Origin(GAME, source="s", date=dt.date(2000, 1, 1))):
        assert on_turn(origin, days) is origin and on_turn(origin, None) is origin
    dated = Origin(HISTORY, source="s", date=dt.date(2022, 2, 5))
    assert on_turn(dated, days).modelled and on_turn(dated, None).modelled
    assert on_turn(dated, (dt.date(2022, 2, 4), dt.date(2022, 2, 6))) is dated

"""The Cuban crisis (scenarios/cuba_1962.yaml) is listed in the setup and plays to its end in the
window, with its own map drawn from what the player may see."""
from __future__ import annotations

import pygame

from tests.ui.driver import LayoutWatch, click_key, key, scenario_key, screen
from tests.ui.test_play_through_window import play_to_the_end


def test_the_cuban_crisis_is_listed_and_a_hot_seat_game_of_it_reaches_the_end_screen(make_window):
    app = make_window(size=(1024, 640))
    watch = LayoutWatch(app)
    key(app, pygame.K_1)
    assert screen(app) == "setup"
    listed = {e.path.stem: e for e in app.active.entries}
    assert listed["cuba_1962"].ok and listed["ukraine_2022"].ok
    click_key(app, scenario_key("cuba_1962"))
    click_key(app, "side:hotseat")
    click_key(app, "start")
    assert app.session.scenario.id == "cuba_1962"
    names = play_to_the_end(app, watch)
    assert app.session.over and "turn" in names and screen(app) == "end"
    assert watch.problems == {}


def test_the_cuban_map_shows_the_missile_sites_and_the_quarantine_in_its_legend(make_window):
    app = make_window(size=(1024, 640))
    key(app, pygame.K_1)
    click_key(app, scenario_key("cuba_1962"))
    click_key(app, "side:0")
    click_key(app, "opponent:random")
    click_key(app, "start")
    while screen(app) != "turn":
        key(app, pygame.K_RETURN)
    picture = app.active.find("map")
    assert picture is not None and "missile sites" in picture.tooltip
    painter = app.active.painter
    drawn = " ".join(text for _, text in painter.labels)
    assert "CUBA" in drawn and "Soviet missiles in Cuba: 60%" in drawn and "quarantine" in drawn
    assert app.check_layout() == []


def test_a_conditional_effect_reads_if_and_otherwise_with_labels_never_its_python_form():
    from game.scenario.load import load_scenario
    from game.ui.screens.turn import action_tooltip

    sc = load_scenario("cuba_1962")
    deny = next(a for a in sc.actions[0] if a.id == "deny_the_missiles")
    effects = next(line for line in action_tooltip(sc, deny).splitlines() if line.startswith("Likely effects"))
    assert effects.startswith("Likely effects: if Crisis made public >= 1: World opinion −4, ")
    assert "; otherwise Trust between Kennedy and Khrushchev −1" in effects
    assert "if_=" not in effects and "[" not in effects

"""The window's list of scenarios: the file named on the command line (or watched) first, in place of
any other entry of the same file; every entry told apart, also two files of the same name."""
from __future__ import annotations

import shutil

import pygame

from game.scenario.load import find_scenario
from game.ui.catalogue import Entry, catalogue, pinned


def test_a_pinned_file_comes_first_in_place_of_its_own_entry():
    entries = catalogue()
    cuba = find_scenario("cuba_1962")
    listed = pinned(entries, cuba)
    assert listed[0].path == cuba and listed[0].ok
    assert [e.path for e in listed].count(cuba) == 1 and len(listed) == len(entries)
    given = Entry(cuba, problem="cuba_1962.yaml:1:1: broken")          # live reload: its latest state
    assert pinned(entries, cuba, given)[0] is given
    assert pinned(entries, None) is entries


def test_the_window_pins_the_watched_files_latest_state_publicly(make_window):
    app = make_window()
    cuba = find_scenario("cuba_1962")
    before = len(app.scenarios())
    entry = Entry(cuba, problem="cuba_1962.yaml:1:1: broken")
    app.pin_scenario(entry)
    assert app.scenarios()[0] is entry and len(app.scenarios()) == before


def test_files_of_the_same_name_are_told_apart_by_path_and_by_key(tmp_path, monkeypatch):
    from game.ui.catalogue import file_labels

    monkeypatch.chdir(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    copy = tmp_path / "elsewhere" / "ukraine_2022.yaml"
    shutil.copy(find_scenario("ukraine_2022"), copy)
    entries = pinned(catalogue(), copy)
    labels = file_labels(entries)
    assert len({e.key for e in entries}) == len(entries)
    assert labels[entries[0].key] == "elsewhere/ukraine_2022.yaml"        # below the current folder
    bundled = next(e for e in entries[1:] if e.path.name == "ukraine_2022.yaml")
    assert labels[bundled.key] != labels[entries[0].key] and labels[bundled.key].endswith("ukraine_2022.yaml")
    cuba = next(e for e in entries if e.path.stem == "cuba_1962")
    assert labels[cuba.key] == "cuba_1962.yaml"                            # a name of its own: just the name


def test_a_copy_with_a_bundled_name_is_listed_beside_the_bundled_one_and_each_can_be_picked(make_window, tmp_path):
    from tests.ui.driver import click_key, key, scenario_key, screen

    copy = tmp_path / "elsewhere" / "ukraine_2022.yaml"
    copy.parent.mkdir()
    shutil.copy(find_scenario("ukraine_2022"), copy)
    app = make_window(size=(1024, 640), scenario=copy)
    key(app, pygame.K_1)
    assert screen(app) == "setup" and app.active.scenario.path == copy       # the file named first
    mine, bundled = app.active.find(scenario_key(copy)), app.active.find(scenario_key("ukraine_2022"))
    assert mine is not None and bundled is not None and mine is not bundled
    assert mine.title != bundled.title and "elsewhere" in mine.title        # each says which file
    click_key(app, scenario_key("ukraine_2022"))
    assert app.active.scenario.path == find_scenario("ukraine_2022")
    assert app.active.find(scenario_key("ukraine_2022")).selected
    click_key(app, scenario_key(copy))
    assert app.active.scenario.path == copy and app.active.find(scenario_key(copy)).selected
    assert app.check_layout() == []

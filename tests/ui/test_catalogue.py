"""The window's list of scenarios: the file named on the command line (or watched) first, in place of
any other entry of the same file; every entry told apart, also two files of the same name."""
from __future__ import annotations

import shutil

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

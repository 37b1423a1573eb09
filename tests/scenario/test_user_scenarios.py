"""A user's own scenario folder ($HOTLINE_SCENARIOS_DIR, default ~/.hotline/scenarios) is listed
after the bundled scenarios and found by file name, like a bundled one."""
from __future__ import annotations

import shutil
from pathlib import Path

from game.scenario.load import (USER_DIR_ENV, available_scenarios, bundled_scenarios, find_scenario,
                                load_scenario, user_scenarios, user_scenarios_dir)
from game.ui.catalogue import catalogue


def test_the_user_folder_defaults_to_dot_hotline_in_home(monkeypatch, tmp_path):
    monkeypatch.delenv(USER_DIR_ENV)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert user_scenarios_dir() == Path(tmp_path) / ".hotline" / "scenarios"
    assert user_scenarios() == []      # no such folder: nothing, no error


def test_user_scenarios_are_listed_after_the_bundled_ones_and_found_by_name(monkeypatch, tmp_path):
    shutil.copy(find_scenario("cuba_1962"), tmp_path / "my_crisis.yml")
    monkeypatch.setenv(USER_DIR_ENV, str(tmp_path))
    assert available_scenarios() == bundled_scenarios() + [tmp_path / "my_crisis.yml"]
    assert find_scenario("my_crisis") == tmp_path / "my_crisis.yml"
    assert load_scenario("my_crisis").id == "cuba_1962"


def test_the_window_catalogue_lists_user_scenarios_with_the_default_first(monkeypatch, tmp_path):
    shutil.copy(find_scenario("cuba_1962"), tmp_path / "my_crisis.yaml")
    monkeypatch.setenv(USER_DIR_ENV, str(tmp_path))
    names = [e.path.stem for e in catalogue()]
    assert names[0] == "ukraine_2022" and {"cuba_1962", "my_crisis"} <= set(names)


def test_the_default_scenario_is_listed_first():
    from game.scenario.load import DEFAULT_SCENARIO

    names = [p.stem for p in bundled_scenarios()]
    assert names[0] == DEFAULT_SCENARIO and sorted(names[1:]) == names[1:]

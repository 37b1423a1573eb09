"""run.py installs the smallest set of dependencies a command needs, and upgrades when a later command needs more."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def run_module(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("hotline_run", ROOT / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "STAMP", tmp_path / "stamp.txt")
    return module


@pytest.mark.parametrize("argv, profile", [
    ([], "game"), (["--text"], "game"), (["play", "--text"], "game"), (["validate", "x.yaml"], "game"),
    (["lint"], "game"), (["simulate", "--games", "5"], "research"), (["tournament"], "research"),
    (["test", "-k", "x"], "test"), (["bench"], "test"),
])
def test_each_command_asks_for_the_smallest_profile(run_module, argv, profile):
    assert run_module._profile(argv) == profile


def test_a_larger_install_serves_a_smaller_need_but_not_the_reverse(run_module):
    wanted = run_module._wanted_stamp()
    run_module.STAMP.write_text(f"{wanted} research\n")
    assert run_module._installed(wanted, "game")
    assert run_module._installed(wanted, "research")
    assert not run_module._installed(wanted, "test")


def test_a_changed_pyproject_or_python_means_reinstalling(run_module):
    run_module.STAMP.write_text("0123abcd 3.11 test\n")
    assert not run_module._installed(run_module._wanted_stamp(), "game")


def test_a_stamp_from_before_profiles_counts_as_everything_installed(run_module):
    wanted = run_module._wanted_stamp()
    run_module.STAMP.write_text(f"{wanted}\n")
    assert run_module._installed(wanted, "test")


def test_no_stamp_means_not_installed(run_module):
    assert not run_module._installed(run_module._wanted_stamp(), "game")

"""Plugin players: named only on the command line (module or file), with a clear error for every
way the name can be wrong; a save or record only mentions them and never imports or calls them."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from game.agents.base import AgentSpecError, make_agent, normalize_spec, spec_of
from game.match import Match
from game.saves import PluginNeeded, SaveError, load_game, save_game
from game.scenario.load import load_scenario

DUEL = Path(__file__).resolve().parents[1] / "engine" / "fixtures" / "duel.yaml"

PLUGIN = """
from game.engine.game import Choice

class First:
    name = "first"
    def choose(self, observation, legal):
        return Choice(legal.actions[0])
"""


@pytest.fixture(scope="module")
def duel():
    return load_scenario(DUEL)


@pytest.fixture
def plugin_file(tmp_path) -> Path:
    path = tmp_path / "my_agent.py"
    path.write_text(PLUGIN)
    return path


# ---------------------------------------------------------------------------- naming a plugin

def test_a_plugin_loads_from_a_file_path(plugin_file):
    agent = make_agent(f"{plugin_file}:First")
    assert agent.name == "first" and spec_of(agent) == f"{plugin_file.resolve()}:First"


def test_a_relative_file_path_is_kept_as_an_absolute_one(plugin_file, monkeypatch):
    monkeypatch.chdir(plugin_file.parent)
    assert normalize_spec("my_agent.py:First") == f"{plugin_file.resolve()}:First"
    assert make_agent("./my_agent.py:First").name == "first"


@pytest.mark.parametrize("spec, message", [
    (":", "':' is not a plugin name: use 'package.module:ClassName' or 'path/to/file.py:ClassName'"),
    ("x:", "'x:' is not a plugin name"),
    (":Y", "':Y' is not a plugin name"),
    (".x:Y", "'.x' in '.x:Y' is not a module name (relative module names are not allowed)"),
    ("x..y:Y", "'x..y' in 'x..y:Y' is not a module name"),
    ("os:2bad", "'2bad' in 'os:2bad' is not a class name"),
    ("", "no agent named"),
    ("nobody", "unknown agent 'nobody'"),
    ("no_such_module_here:Agent", "cannot load agent 'no_such_module_here:Agent': no module named 'no_such_module_here'"),
    ("/nowhere/agent.py:Agent", "cannot load agent '/nowhere/agent.py:Agent': no such file: /nowhere/agent.py"),
    ("json:NoSuchClass", "cannot load agent 'json:NoSuchClass': json has no 'NoSuchClass'"),
    ("json:__version__", "'__version__' in json is not a class"),
    ("tests.cli.agents:Broken", "agent 'tests.cli.agents:Broken' failed to start: ValueError: no model file"),
    ("json:JSONDecoder", "agent 'json:JSONDecoder' has no choose(observation, legal) method"),
    ("bad\nname", "unknown agent 'bad\\\\nname'"),
])
def test_every_wrong_plugin_name_is_one_clear_error(spec, message):
    with pytest.raises(AgentSpecError) as caught:
        make_agent(spec)
    assert message in str(caught.value) or __import__("re").search(message, str(caught.value)), str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("body, message", [
    ("raise SystemExit(0)", "loading .* failed: SystemExit: 0"),
    ("def broken(:\n    pass", "loading .* failed: SyntaxError"),
    ("import no_such_dependency_x", "no module named 'no_such_dependency_x'"),
    ("class First:\n    def __init__(self):\n        raise SystemExit(3)", "failed to start: SystemExit: 3"),
])
def test_a_plugin_file_that_fails_to_load_or_start_is_one_clear_error(tmp_path, body, message):
    path = tmp_path / "bad.py"
    path.write_text(body + "\n")
    with pytest.raises(AgentSpecError, match=message):
        make_agent(f"{path}:First")


def test_a_folder_or_a_non_python_file_is_refused(tmp_path):
    with pytest.raises(AgentSpecError, match="is not a regular file"):
        make_agent(f"{tmp_path}/:First")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(AgentSpecError, match="cannot be loaded as Python"):
        make_agent(f"{tmp_path / 'notes.txt'}:First")


# ---------------------------------------------------------------------------- saves only mention plugins

def _save_with_player(duel, tmp_path, spec: str) -> Path:
    match = Match(duel, ["random", "random"], seed=3)
    match.step()
    path = save_game(match, tmp_path / "s.json")
    data = json.loads(path.read_text())
    data["players"]["south"]["agent"] = spec
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize("spec", ["os:abort", "faulthandler:_sigsegv", "os:fork", "signal:pause", "sys:exit",
                                  ":", ".x:Y", "tests.agents.sentinel_plugin:Agent", "/etc/passwd:x",
                                  "game.agents.random_agent:RandomAgent"])
def test_loading_a_save_never_imports_or_calls_what_it_names(duel, tmp_path, spec):
    path = _save_with_player(duel, tmp_path, spec)
    before = set(sys.modules)
    with pytest.raises(PluginNeeded, match="this save's South was the plugin .*; a save never loads code "
                                           "by itself: continue with --agent south="):
        load_game(path)
    assert set(sys.modules) == before and "HOTLINE_SENTINEL_IMPORTED" not in os.environ


def test_a_plugin_named_again_continues_the_saved_game(duel, tmp_path, plugin_file):
    match = Match(duel, ["random", f"{plugin_file}:First"], seed=3)
    match.step()
    path = save_game(match, tmp_path / "s.json")
    assert json.loads(path.read_text())["players"]["south"]["agent"] == f"{plugin_file.resolve()}:First"
    with pytest.raises(PluginNeeded, match=f"continue with --agent south={plugin_file.resolve()}:First"):
        load_game(path)
    resumed = load_game(path, agents={"south": make_agent(f"{plugin_file}:First")})
    resumed.play()
    match.play()
    assert resumed.record()["final"] == match.record()["final"]


def test_moscow_and_washington_are_asked_for_with_their_own_flags(tmp_path):
    ukraine = load_scenario("ukraine_2022")
    match = Match(ukraine, ["random", "random"], seed=3)
    path = save_game(match, tmp_path / "s.json")
    data = json.loads(path.read_text())
    data["players"]["washington"]["agent"] = "x:Y"
    path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="this save's Washington was the plugin 'x:Y'; .* continue with --washington x:Y"):
        load_game(path)

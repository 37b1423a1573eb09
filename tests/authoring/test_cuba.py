"""The Cuban Missile Crisis scenario, written in YAML alone: it validates, lints clean, plays to an
end headless, and every one of its endings happens in some seeded games."""
from __future__ import annotations

from collections import Counter

from game.agents.base import builtin_agents
from game.agents.random_agent import RandomAgent
from game.authoring.lint import lint_file
from game.cli.main import main
from game.match import Match
from game.scenario.load import find_scenario, load_scenario
from game.scenario.validate import validate_file

from .conftest import FAST

CUBA = find_scenario("cuba_1962")


def test_the_cuban_scenario_validates():
    model = validate_file(CUBA)
    assert model.id == "cuba_1962" and list(model.sides) == ["moscow", "washington"]
    assert model.start_date.isoformat() == "1962-10-16" and len(model.sources) >= 8


def test_the_cuban_scenario_lints_without_errors_or_warnings():
    report = lint_file(CUBA, **FAST)
    assert [str(f) for f in report.findings if f.severity != "note"] == []
    # a short run may not see every move: only what the playouts saw (or did not) is noted
    assert all(f.method == "playouts" for f in report.findings)


def test_the_cuban_scenario_plays_to_an_end_headless(capsys):
    assert main(["play", "--scenario", "cuba_1962", "--moscow", "random", "--washington", "random",
                 "--seed", "3"]) == 0
    assert "outcome:" in capsys.readouterr().out


def test_every_cuban_ending_happens_in_some_seeded_games():
    scenario = load_scenario(CUBA)
    catalogue = builtin_agents()
    seen: Counter = Counter()
    for first, second, games in (("random", "random", 100), ("hawk", "hawk", 20), ("dove", "random", 20)):
        for seed in range(games):
            agents = [RandomAgent() if n == "random" else catalogue[n]() for n in (first, second)]
            seen[Match(scenario, agents, seed=seed, log=False).play().outcome.id] += 1
    assert {o.id for o in scenario.outcomes} <= set(seen), seen

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


def test_no_cuban_move_event_or_ending_claims_an_article_the_scenario_does_not_have():
    """The sources of 1962 are letters, speeches and memoirs: what quotes them is history (with its
    date and source) or invented, and every quotation shown names the document it is from."""
    from game.present import ARTICLE, HISTORY, Presenter

    scenario = load_scenario(CUBA)
    p, model = Presenter(scenario), scenario.model
    items = [(p.action_origin(s, a.id), a) for s in model.actions for a in model.actions[s]]
    items += [(p.event_origin(e.id), e) for e in model.events]
    items += [(p.outcome_origin(o.id), o) for o in model.outcomes]
    assert all(origin.kind != ARTICLE for origin, _ in items)
    assert all(item.origin is not None for _, item in items)              # each says so itself
    for origin, item in items:
        if origin.kind == HISTORY:
            assert origin.source and origin.date, item.id
        if getattr(item, "quote", None) is not None and origin.quote:
            assert origin.source == item.quote.source, item.id
    quoted = [item.id for origin, item in items if origin.quote]
    assert "rope_letter" in quoted and "gromyko_meeting" in quoted

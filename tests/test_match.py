"""The match runner: agents' faults are contained, outside players plug in, one runner for all."""
from __future__ import annotations

import time

import pytest

from game.agents import RandomAgent, make_agent
from game.agents.base import AgentSpecError
from game.engine.game import Choice
from game.engine.negotiation import NO_MESSAGE
from game.match import Match, StopMatch, safest_choice
from game.scenario.load import load_scenario
from tests.engine.conftest import FIXTURES, pick


@pytest.fixture(scope="module")
def duel():
    return load_scenario(FIXTURES / "duel.yaml")


class Raising:
    name = "raising"
    observes = True

    def choose(self, observation, legal):
        raise RuntimeError("boom")


class Illegal:
    name = "illegal"
    observes = False

    def choose(self, observation, legal):
        return "attack everything"


class Slow:
    name = "slow"
    observes = False

    def choose(self, observation, legal):
        time.sleep(0.5)
        return Choice(legal.actions[0], NO_MESSAGE)


class Quitter:
    name = "quitter"
    observes = False

    def choose(self, observation, legal):
        raise StopMatch("end of input")


class Watcher:
    """Records what it is shown, to check observations never carry the other side's choice."""
    name = "watcher"
    observes = True

    def __init__(self):
        self.seen = []

    def choose(self, observation, legal):
        self.seen.append(observation)
        return Choice(legal.actions[0], NO_MESSAGE)


def test_agent_that_raises_is_a_fault_and_holds_position(duel):
    faults = []
    match = Match(duel, [Raising(), RandomAgent()], seed=1, on_fault=faults.append)
    match.play()
    assert match.over
    assert len(match.faults) == len(match.game.choices) == len(faults)
    assert "raised RuntimeError: boom" in match.faults[0].message
    assert all(c[0].action.escalation == 0 for c in match.game.choices)   # the safest move each turn
    assert match.record()["faults"][0]["agent"] == "raising"


def test_agent_that_returns_an_illegal_choice_is_a_fault(duel):
    match = Match(duel, [RandomAgent(), Illegal()], seed=1)
    match.step()
    assert "illegal choice" in match.faults[0].message and match.faults[0].side == "south"


def test_agent_that_is_too_slow_is_a_fault_with_a_time_limit(duel):
    match = Match(duel, [Slow(), RandomAgent()], seed=1, time_limit=0.05)
    match.step()
    assert "took longer than 0.05 s" in match.faults[0].message


def test_stop_match_from_an_agent_reaches_the_front_end(duel):
    match = Match(duel, [Quitter(), RandomAgent()], seed=1)
    with pytest.raises(StopMatch):
        match.step()
    assert match.game.turn == 1 and not match.faults


def test_outside_choices_play_a_side_without_an_agent(duel):
    match = Match(duel, [None, RandomAgent()], seed=1)
    with pytest.raises(ValueError):
        match.step()
    match.step({0: pick(match.game, 0, "shout")})
    assert match.game.choices[0][0].action.id == "shout"


def test_observation_never_shows_the_other_sides_pending_choice(duel):
    watcher = Watcher()
    match = Match(duel, [watcher, RandomAgent()], seed=5)
    match.play()
    assert [obs.turn for obs in watcher.seen] == list(range(1, len(watcher.seen) + 1))
    for obs in watcher.seen:   # the news of the turn before: the other side's secret moves stay secret
        assert all(n["kind"] != "action" or n["public"] or n["side"] == "north" for n in obs.news)


def test_hidden_variables_come_as_noisy_estimates_or_not_at_all(duel):
    match = Match(duel, [Watcher(), Watcher()], seed=5)
    match.step()
    north, south = match.agents[0].seen[0], match.agents[1].seen[0]
    assert "troops" in north.variables and "troops" not in south.variables
    assert "troops" in south.estimates                       # visible_to north, intel_noise 2
    assert "money" not in north.variables and "money" not in north.estimates   # no intel_noise
    again = Match(duel, [Watcher(), Watcher()], seed=5)
    again.step()
    assert again.agents[1].seen[0].estimates == south.estimates   # noise depends on the seed only


def test_safest_choice_prefers_the_status_quo(duel):
    match = Match(duel, [RandomAgent(), RandomAgent()], seed=1)
    choice = safest_choice(match.game.legal(0))
    assert choice.action.escalation == 0 and choice.message is NO_MESSAGE


def test_agent_names_resolve_or_fail_clearly():
    assert make_agent("random").name == "random"
    with pytest.raises(AgentSpecError, match="unknown agent 'nope'"):
        make_agent("nope")
    with pytest.raises(AgentSpecError, match="no module named 'no_such_module'"):
        make_agent("no_such_module:Agent")
    assert make_agent("game.agents.random_agent:RandomAgent").name == "random"


def test_the_other_sides_secret_moves_stay_out_of_its_escalation_total(duel):
    from game.engine.game import Game
    from game.engine.observation import observe
    import dataclasses
    secret = dataclasses.replace(next(a for a in duel.actions[0] if a.id == "shout"), public=False)
    game = Game(duel, 1)
    wait = pick(game, 1, "wait")
    # play a secret version of 'shout' for north through resolve (legality is the runner's job)
    game.resolve(Choice(secret, NO_MESSAGE), wait)
    assert observe(game, 0).escalation == {"north": 4.0, "south": 0.0}
    assert observe(game, 1).escalation == {"north": 0.0, "south": 0.0}


class ReturnsNone:
    name = "none"
    observes = False

    def choose(self, observation, legal):
        return None


class Exits:
    name = "exits"
    observes = False

    def choose(self, observation, legal):
        raise SystemExit(3)


class Hangs:
    name = "hangs"
    observes = False

    def __init__(self):
        import threading
        self.release = threading.Event()
        self.calls = 0

    def choose(self, observation, legal):
        self.calls += 1
        self.release.wait(5)
        return Choice(legal.actions[0], NO_MESSAGE)


def test_an_agent_returning_nothing_is_a_fault(duel):
    match = Match(duel, [ReturnsNone(), RandomAgent()], seed=1)
    match.step()
    assert len(match.faults) == 1 and "illegal choice None" in match.faults[0].message


def test_an_agent_that_exits_is_contained(duel):
    match = Match(duel, [Exits(), RandomAgent()], seed=1)
    match.step()
    assert "raised SystemExit" in match.faults[0].message


def test_a_timed_out_agent_is_not_asked_again_while_still_busy(duel):
    hangs = Hangs()
    match = Match(duel, [hangs, RandomAgent()], seed=1, time_limit=0.05)
    match.step()
    match.step()
    assert hangs.calls == 1
    assert "still busy" in match.faults[1].message
    hangs.release.set()

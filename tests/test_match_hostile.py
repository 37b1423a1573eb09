"""The runner against cheating and broken agents: look-alikes and forged choices are illegal, and
describing a fault never fails, floods the record, or lets a late answer through."""
from __future__ import annotations

import json

import pytest

from game.engine.game import Choice
from game.engine.negotiation import NO_MESSAGE
from game.engine.record import dumps
from game.match import AgentTimeout, Match, _Worker, check_time_limit
from game.saves import save_game
from game.scenario.load import load_scenario
from tests.engine.conftest import FIXTURES


@pytest.fixture(scope="module")
def duel():
    return load_scenario(FIXTURES / "duel.yaml")


def worst(legal):
    return max(legal.space.actions, key=lambda a: a.escalation)


class LookAlike:
    """Returns an object that hashes and compares equal to the most escalatory action."""
    name = "lookalike"

    def choose(self, observation, legal):
        target = worst(legal)

        class Fake:
            def __hash__(self):
                return hash(target)

            def __eq__(self, other):
                return True

            def __getattr__(self, name):
                return getattr(target, name)

        return Choice(Fake(), legal.messages[0])


class Forger:
    """Forges Choices: a subclass, a three-part tuple, a one-part tuple, in turn."""
    name = "forger"

    def __init__(self):
        self.n = 0

    def choose(self, observation, legal):
        self.n += 1
        action = worst(legal)

        class Sub(Choice):
            pass

        return [Sub(action, legal.messages[0]), tuple.__new__(Choice, (action, legal.messages[0], "x")),
                tuple.__new__(Choice, (action,))][self.n % 3]


class WeirdException(Exception):
    def __str__(self):
        raise RuntimeError("str fails")


class RaisesWeird:
    name = "weird"

    def choose(self, observation, legal):
        raise WeirdException()


class Unprintable:
    def __repr__(self):
        raise ValueError("repr fails")

    __str__ = __repr__

    def __eq__(self, other):
        raise ValueError("eq fails")

    __hash__ = None


class ReturnsUnprintable:
    name = "unprintable"

    def choose(self, observation, legal):
        return Unprintable()


class Huge:
    def __repr__(self):
        return "x" * 50_000_000


class HugeException(Exception):
    def __str__(self):
        return "y" * 50_000_000


class ReturnsHuge:
    name = "huge"

    def __init__(self):
        self.n = 0

    def choose(self, observation, legal):
        self.n += 1
        if self.n % 2:
            return Huge()
        raise HugeException()


class NameRaises:
    observes = False

    @property
    def name(self):
        raise RuntimeError("no name")

    def choose(self, observation, legal):
        return Choice(legal.actions[0])


class StateRaises:
    name = "state"

    def choose(self, observation, legal):
        return Choice(legal.actions[0])

    def get_state(self):
        raise WeirdException()


class StateNotJson:
    name = "notjson"

    def choose(self, observation, legal):
        return Choice(legal.actions[0])

    def get_state(self):
        return {"x": float("nan"), "s": {1, 2}}


@pytest.mark.parametrize("cheat", [LookAlike, Forger])
def test_a_look_alike_or_forged_choice_is_illegal_and_changes_nothing(duel, cheat):
    match = Match(duel, [cheat(), "random"], seed=1)
    match.play()
    assert len(match.faults) == len(match.game.choices) > 0
    assert all("returned an illegal choice (a" in f.message for f in match.faults)
    assert all(c[0].action.escalation == 0 for c in match.game.choices)


def test_faults_of_agents_whose_text_cannot_be_made_are_still_recorded(duel):
    match = Match(duel, [RaisesWeird(), ReturnsUnprintable()], seed=1)
    match.step()
    assert [f.message for f in match.faults] == [
        "raised WeirdException: <WeirdException that cannot be shown>; it holds its position this turn",
        "returned an illegal choice (a Unprintable); it holds its position this turn"]
    json.loads(dumps(match.record()))


def test_a_50_mb_repr_or_message_makes_a_small_record(duel):
    match = Match(duel, [ReturnsHuge(), "random"], seed=1)
    match.step()
    match.step()
    record = dumps(match.record())
    assert len(record) < 200_000
    assert match.faults[0].message == "returned an illegal choice (a Huge); it holds its position this turn"
    assert "(49,999,700 more characters)" in match.faults[1].message


def test_a_name_that_raises_is_replaced_by_the_class_name(duel):
    match = Match(duel, [NameRaises(), "random"], seed=1)
    assert match.agent_name(0) == "NameRaises"
    match.play()
    assert match.record()["agents"]["north"] == "NameRaises"


@pytest.mark.parametrize("agent, message", [
    (StateRaises, "raised WeirdException: <WeirdException that cannot be shown>; its state is not saved"),
    (StateNotJson, "get_state returned what is not plain JSON (TypeError: Object of type set"),
])
def test_a_broken_get_state_is_a_fault_once_a_turn_and_the_save_still_works(duel, tmp_path, agent, message):
    match = Match(duel, [agent(), "random"], seed=1)
    match.step()
    for _ in range(3):
        path = save_game(match, tmp_path / "s.json")
    assert [f.message[:len(message)] for f in match.faults] == [message]
    assert json.loads(path.read_text())["players"]["north"]["state"] is None


# ---------------------------------------------------------------------------- time limits

@pytest.mark.parametrize("limit", [0, -1, float("nan"), float("inf"), 1e10, 86401, "soon"])
def test_a_time_limit_out_of_range_is_refused_before_the_game(duel, limit):
    with pytest.raises(ValueError, match="a time limit must be"):
        check_time_limit(limit)
    with pytest.raises(ValueError):
        Match(duel, ["random", "random"], time_limit=limit)


def test_an_answer_that_comes_back_late_is_refused_even_if_the_wait_could_not_end_on_time(monkeypatch):
    """A call holding the interpreter lock (one long C call) returns after the limit although the
    wait was asked to end on time: measured, it is a timeout, never a move."""
    clock = iter([100.0, 103.0])
    monkeypatch.setattr("game.match.time.monotonic", lambda: next(clock))
    with pytest.raises(AgentTimeout, match="took 3 s, longer than 0.5 s \\(it kept the interpreter busy\\)"):
        _Worker().call(lambda: "answer", 0.5)

"""Fuzzer: agents that answer with anything at all never crash the runner, never change the game
other than by a legal move, and never bloat the record.

Each move a seeded hostile agent does one of many bad things: returns junk or look-alikes or
forged Choices, raises exceptions whose text cannot be made or is huge, raises SystemExit,
tries to write through what it was given, names itself with a raising property. The match must
play to its end, every fault must be a short line, and the record must replay exactly (so the
cheating changed nothing the engine did).
"""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from game.engine.game import Choice
from game.engine.record import dumps, verify
from game.match import Match
from game.scenario.load import load_scenario

DUEL = Path(__file__).resolve().parents[1] / "engine" / "fixtures" / "duel.yaml"
GAMES = max(1, int(os.environ.get("HOTLINE_FUZZ_CASES", "300")) // 10)


class _BadText(Exception):
    def __str__(self):
        raise RuntimeError("no text")


class _HugeText(Exception):
    def __str__(self):
        return "z" * 5_000_000


class _Raising:
    def __repr__(self):
        raise ValueError

    __str__ = __repr__

    def __eq__(self, other):
        raise ValueError

    def __hash__(self):
        raise ValueError

    def __len__(self):
        raise ValueError

    def __iter__(self):
        raise ValueError


class _Huge:
    def __repr__(self):
        return "r" * 5_000_000


def _look_alike(target):
    class LookAlike:
        def __hash__(self):
            return hash(target)

        def __eq__(self, other):
            return True

        def __getattr__(self, name):
            return getattr(target, name)

    return LookAlike()


class Hostile:
    """A seeded agent that misbehaves in a different way on most moves."""

    observes = True

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    @property
    def name(self):
        if self.rng.random() < 0.5:
            raise RuntimeError("no name")
        return "\n" * 1000

    def choose(self, observation, legal):
        rng = self.rng
        worst = max(legal.space.actions, key=lambda a: a.escalation)
        message = rng.choice(legal.space.messages)
        for attempt in (lambda: setattr(legal, "actions", legal.space.actions),
                        lambda: observation.variables.__setitem__("x", 1),
                        lambda: setattr(observation, "turn", 99),
                        lambda: legal.messages.__setitem__(0, message)):
            try:
                attempt()
            except Exception:
                pass
        options = [
            lambda: None, lambda: 42, lambda: "attack", lambda: _Raising(), lambda: _Huge(),
            lambda: Choice(_look_alike(worst), legal.messages[0]),
            lambda: Choice(worst, _look_alike(message)),
            lambda: tuple.__new__(Choice, (worst, legal.messages[0], 1)),
            lambda: tuple.__new__(Choice, (legal.actions[0],)),
            lambda: tuple.__new__(Choice, ()),
            lambda: (legal.actions[0], legal.messages[0]),
            lambda: type("Sub", (Choice,), {})(legal.actions[0], legal.messages[0]),
            lambda: Choice(worst, legal.messages[0]),
            lambda: Choice(legal.actions[0], message),
            lambda: legal.choice(worst.index, message.index),
            lambda: Choice(legal.actions[0], legal.messages[0]),   # sometimes a legal move
            lambda: Choice(rng.choice(legal.actions), rng.choice(legal.messages)),
        ]
        raises = [_BadText(), _HugeText(), SystemExit(3), StopIteration(), RecursionError(), GeneratorExit(),
                  MemoryError(), ArithmeticError("x" * 10_000)]
        if rng.random() < 0.25:
            raise rng.choice(raises)
        return rng.choice(options)()

    def get_state(self):
        return self.rng.choice([{"ok": 1}, {1, 2}, float("nan"), _Raising(), None])


@pytest.fixture(scope="module")
def duel():
    return load_scenario(DUEL)


def test_hostile_agents_never_crash_the_runner_or_change_the_game(duel):
    faults = 0
    for game in range(GAMES):
        match = Match(duel, [Hostile(game), Hostile(10_000 + game) if game % 2 else "random"], seed=game)
        match.play()
        match.agent_states()
        record = match.record()
        text = dumps(record)
        assert len(text) < 200_000
        assert all("\n" not in f.message and len(f.message) < 1000 for f in match.faults)
        assert verify(record, duel) is None
        faults += len(match.faults)
    assert faults > GAMES   # the agents did misbehave

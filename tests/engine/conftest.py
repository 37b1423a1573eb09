"""Shared fixtures for engine tests: the small 'duel' scenario and helpers to pick choices by id."""
from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.game import Choice, Game
from game.engine.negotiation import NO_MESSAGE
from game.scenario.load import load_scenario

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def duel():
    return load_scenario(FIXTURES / "duel.yaml")


def pick(game: Game, side: int, action: str, message=None) -> Choice:
    """The legal choice of `side` with action id `action` and a message chosen by `message`.

    `message` is None (no message), 'accept', 'reject', ('question', issue_id),
    ('propose', {issue: option}) or ('package', package_id).
    """
    legal = game.legal(side)
    act = next((a for a in legal.actions if a.id == action), None)
    assert act is not None, f"{action} not legal; legal: {[a.id for a in legal.actions]}"
    return Choice(act, find_message(game, side, message))


def find_message(game: Game, side: int, message):
    if message is None:
        return NO_MESSAGE
    sc = game.scenario
    for m in game.legal_messages(side):
        data = m.to_json(sc)
        if data is None:
            continue
        if message in ("accept", "reject") and data["kind"] == message:
            return m
        if isinstance(message, tuple):
            kind, arg = message
            if kind == "question" and data["kind"] == "question" and data["issue"] == arg:
                return m
            if kind == "propose" and data["kind"] == "propose" and "package" not in data and data["terms"] == arg:
                return m
            if kind == "package" and data.get("package") == arg:
                return m
    raise AssertionError(f"message {message!r} not legal for side {side}")


def play(game: Game, *turns):
    """Play turns given as ((action, message), (action, message)) pairs; return the last record."""
    record = None
    for first, second in turns:
        first = first if isinstance(first, tuple) else (first, None)
        second = second if isinstance(second, tuple) else (second, None)
        record = game.step(pick(game, 0, *first), pick(game, 1, *second))
    return record

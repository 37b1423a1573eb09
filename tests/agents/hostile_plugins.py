"""Hostile and broken plugin players for the isolation tests (loaded as 'tests.agents.hostile_plugins:Name')."""
from __future__ import annotations

import gc
import os
import sys

from game.engine.game import Choice


class Good:
    name = "good"
    observes = True

    def __init__(self):
        self.turns = 0

    def choose(self, observation, legal):
        self.turns += 1
        return Choice(legal.actions[0])

    def get_state(self):
        return {"turns": self.turns}

    def set_state(self, state):
        self.turns = state["turns"]


class Crash:
    name = "crash"

    def choose(self, observation, legal):
        os._exit(3)


class Exits:
    name = "exits"

    def choose(self, observation, legal):
        sys.exit(0)


class Hang:
    name = "hang"

    def choose(self, observation, legal):
        while True:
            pass


class CCallHog:
    """Holds the interpreter lock in one C call that would run for hours."""
    name = "hog"

    def choose(self, observation, legal):
        return sum(range(10 ** 13))


class Garbage:
    """Writes its own bytes into the pipe to the game, then answers normally."""
    name = "garbage"
    garbage = b'{"choice": [999999, -1]'

    def choose(self, observation, legal):
        from multiprocessing.connection import Connection

        for obj in gc.get_objects():
            if isinstance(obj, Connection):
                obj.send_bytes(self.garbage)
        return Choice(legal.actions[0])


class Forger(Garbage):
    """Forges a well-formed answer (without the request's number) before its real one."""
    name = "forger"
    garbage = b'{"choice": [0, 0]}'


class Flood(Garbage):
    """Sends more than the game reads from an agent."""
    name = "flood"
    garbage = b" " * (9 * 1024 * 1024)


class LookAlike:
    name = "lookalike"

    def choose(self, observation, legal):
        target = max(legal.space.actions, key=lambda a: a.escalation)

        class Fake:
            def __hash__(self):
                return hash(target)

            def __eq__(self, other):
                return True

        return Choice(Fake(), legal.messages[0])


class Widener:
    """Plays the most escalatory action of its whole move space, open or not."""
    name = "widener"

    def choose(self, observation, legal):
        return Choice(max(legal.space.actions, key=lambda a: a.escalation), legal.messages[0])


class BadState:
    name = "badstate"

    def choose(self, observation, legal):
        return Choice(legal.actions[0])

    def get_state(self):
        return float("nan")

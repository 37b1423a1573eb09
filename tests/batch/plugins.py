"""Misbehaving plugin agents for the batch tests (loaded as 'tests.batch.plugins:Name').

Each plays like `random` but misbehaves on turn 3 of about one game in ten, chosen from its own
seeded stream, so which games fail is the same on every run, job count and backend.
"""
from __future__ import annotations

import os
import signal
import time

from game.agents.random_agent import RandomAgent


class _Doomed(RandomAgent):
    def reset(self, side, scenario, rng):
        super().reset(side, scenario, rng)
        self.doomed = rng.random() < 0.1
        self.turns = 0

    def choose(self, observation, legal):
        self.turns += 1
        if self.doomed and self.turns == 3:
            self.misbehave()
        return super().choose(observation, legal)


class Raiser(_Doomed):
    name = "raiser"

    def misbehave(self):
        raise RuntimeError("deliberate failure on turn 3")


class Hanger(_Doomed):
    name = "hanger"

    def misbehave(self):
        time.sleep(3600)


class Killer(_Doomed):
    name = "killer"

    def misbehave(self):
        os.kill(os.getpid(), signal.SIGKILL)


class Exiter(_Doomed):
    """Leaves its process with os._exit, which no exception handler can stop."""

    name = "exiter"

    def misbehave(self):
        os._exit(3)


class Slow(RandomAgent):
    """A well-behaved but slow agent, so a run is still going when the test interrupts it."""

    name = "slow"

    def choose(self, observation, legal):
        time.sleep(0.001)
        return super().choose(observation, legal)

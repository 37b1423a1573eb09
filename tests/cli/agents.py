"""Plugin agents for the CLI tests (loaded as 'tests.cli.agents:Name')."""
from __future__ import annotations


class Crashy:
    """Raises on every move: the runner must record a fault and keep playing."""

    name = "crashy"
    observes = False

    def reset(self, side, scenario, rng):
        pass

    def choose(self, observation, legal):
        raise RuntimeError("deliberate test failure")


class Broken:
    """Cannot even be built."""

    def __init__(self):
        raise ValueError("no model file")

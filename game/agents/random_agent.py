"""The random agent: a uniformly random legal action and a uniformly random legal message."""
from __future__ import annotations

from game.engine.game import Choice

_new_tuple = tuple.__new__   # builds a Choice in C, skipping NamedTuple's Python-level __new__


class RandomAgent:
    name = "random"
    observes = False
    description = "any legal move and message, the baseline"

    def __init__(self):
        self.rng = None
        self._random = None

    def reset(self, side: str, scenario, rng) -> None:
        self.rng = rng
        self._random = rng.random

    def choose(self, observation, legal) -> Choice:
        random = self._random
        actions, messages = legal.actions, legal.messages
        return _new_tuple(Choice, (actions[int(random() * len(actions))], messages[int(random() * len(messages))]))

    def get_state(self) -> dict:
        return self.rng.state()

    def set_state(self, state: dict) -> None:
        from game.engine.rng import Stream

        self.reset("", None, Stream.from_state(state))

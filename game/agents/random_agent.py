"""The random agent: a uniformly random legal action and a uniformly random legal message."""
from __future__ import annotations

from game.engine.game import Choice


class RandomAgent:
    name = "random"
    observes = False

    def __init__(self):
        self.rng = None

    def reset(self, side: str, scenario, rng) -> None:
        self.rng = rng

    def choose(self, observation, legal) -> Choice:
        rng = self.rng
        actions, messages = legal.actions, legal.messages
        return Choice(actions[int(rng.random() * len(actions))], messages[int(rng.random() * len(messages))])

    def get_state(self) -> dict:
        return self.rng.state()

    def set_state(self, state: dict) -> None:
        from game.engine.rng import Stream

        self.rng = Stream.from_state(state)

"""Computer players for the batch engine: one decision per game per turn, as column operations.

Each draws only from the keyed streams of `game.lockstep.engine`, so a game's moves never depend
on the other games of its batch. They choose as their one-game namesakes in `game.agents` do.
"""
from __future__ import annotations

import numpy as np

from game.lockstep.engine import ACTION, MESSAGE, pick, uniforms


class RandomPlayer:
    """Uniformly random legal action and message, as game.agents.RandomAgent."""

    name = "random"

    def actions(self, batch, side: int) -> np.ndarray:
        return pick(batch.legal_actions(side), uniforms(batch.keys, batch.turn, ACTION + side))

    def messages(self, batch, side: int) -> np.ndarray:
        return pick(batch.legal_messages(side), uniforms(batch.keys, batch.turn, MESSAGE + side))


PLAYERS = {"random": RandomPlayer}

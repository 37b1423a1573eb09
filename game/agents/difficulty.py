"""Difficulty levels for class, each one of the computer players under a plain name: easy (a dove
that often plays at random), normal (the negotiator) and hard (the lookahead planner)."""
from __future__ import annotations

from game.agents.common import pick
from game.agents.dove import DoveAgent
from game.agents.lookahead import LookaheadAgent
from game.agents.negotiator import NegotiatorAgent
from game.engine.game import Choice

#: how often the easy player makes a random move instead of the dove's
EASY_RANDOM = 0.4


class EasyAgent(DoveAgent):
    name = "easy"
    description = "a peace-minded opponent that often makes careless moves"

    def choose(self, observation, legal) -> Choice:
        choice = super().choose(observation, legal)
        if self.rng.random() < EASY_RANDOM:
            return Choice(pick(self.rng, legal.actions), choice.message)
        return choice


class NormalAgent(NegotiatorAgent):
    name = "normal"
    description = "a diplomat who bargains for its side and answers threats firmly"


class HardAgent(LookaheadAgent):
    name = "hard"
    description = "plans ahead by playing out many possible futures before each move"

"""Hawk: coercion first — the most escalatory move open, its own maximal demands, and no deal that
gives away more than a fifth of what it could win."""
from __future__ import annotations

from game.agents.common import ScriptedAgent, extreme_actions, pick
from game.engine.game import Choice

#: the share of the best attainable value a proposal must give the hawk before it signs
FIRMNESS = 0.8


class HawkAgent(ScriptedAgent):
    name = "hawk"
    description = "coercion first: the biggest threat open, maximal demands, signs almost nothing"

    def choose(self, observation, legal) -> Choice:
        action = pick(self.rng, extreme_actions(legal.actions, highest=True))
        return Choice(action, self._message(observation, legal))

    def _message(self, observation, legal):
        t = self.t
        theirs = observation.their_proposal
        if theirs is not None:
            return self.answer(t.value(theirs.terms) >= t.threshold(theirs.terms, FIRMNESS), legal)
        if observation.our_proposal is not None:
            return t.none
        # its demands: the legal proposal of most value to itself
        top = t.top_legal(t.ranked("hawk", None, self._score), legal)
        return pick(self.rng, top) if top else t.none

    def _score(self, m, theirs: float):
        own = self.t.own[id(m)]
        return own if own > 0 else None

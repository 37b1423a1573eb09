"""Dove: concessions first — the most conciliatory move open, offers of what the other side is thought
to want most (short of giving up everything), and a yes to anything but the harshest terms."""
from __future__ import annotations

from game.agents.common import ScriptedAgent, extreme_actions, pick
from game.engine.game import Choice

#: the least share of its attainable value (0 = the worst terms, 1 = the best) the dove accepts or offers
FLOOR = 0.25


class DoveAgent(ScriptedAgent):
    name = "dove"
    description = "concessions first: calms things down, offers compromises, says yes to most deals"

    def choose(self, observation, legal) -> Choice:
        action = pick(self.rng, extreme_actions(legal.actions, highest=False))
        return Choice(action, self._message(observation, legal))

    def _message(self, observation, legal):
        t = self.t
        theirs = observation.their_proposal
        if theirs is not None:
            return self.answer(t.value(theirs.terms) >= t.threshold(theirs.terms, FLOOR), legal)
        if observation.our_proposal is not None:
            return t.none
        # the offer the other side is thought to like best per issue, the broadest on a tie,
        # among those worth at least FLOOR of what we could get on their issues
        ranked = t.ranked("dove", observation.answers, self._score)
        top = t.top_legal(ranked, legal)
        return pick(self.rng, top) if top else t.none

    def _score(self, m, theirs: float):
        n = len(m.terms)
        return (theirs / n, n) if self.t.util[id(m)] >= FLOOR * n else None

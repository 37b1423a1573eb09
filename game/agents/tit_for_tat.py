"""Tit for tat: opens with a conciliatory move, then answers the other side's last public move in
kind — escalation with a move of the same weight, de-escalation with de-escalation — and treats
their proposals the same way: a yes after a calm turn, a no after a threat."""
from __future__ import annotations

from game.agents.common import ScriptedAgent, closest_actions, pick
from game.engine.game import Choice

#: the escalation score of the opening (cooperative) move: the ladder's de-escalation step
OPENING = -2.0


class TitForTatAgent(ScriptedAgent):
    name = "tit_for_tat"
    description = "mirrors you: answers threats with threats and calm with calm"

    def start(self) -> None:
        self.seen = None          # the other side's public escalation total at our last turn
        self.last = OPENING       # the escalation of their last public move (the opening: cooperation)

    def memory(self) -> dict:
        return {"seen": self.seen, "last": self.last}

    def restore(self, memory: dict) -> None:
        self.seen = None if memory["seen"] is None else float(memory["seen"])
        self.last = float(memory["last"])

    def choose(self, observation, legal) -> Choice:
        total = observation.escalation[self.scenario.sides[1 - self.side]]
        if self.seen is not None:
            delta = total - self.seen
            # a turn with no visible move (a secret one, or holding still) counts as holding still
            self.last = delta
        self.seen = total
        action = pick(self.rng, closest_actions(legal.actions, self.last))
        return Choice(action, self._message(observation, legal))

    def _message(self, observation, legal):
        t = self.t
        theirs = observation.their_proposal
        if theirs is not None:
            friendly = self.last <= 0
            return self.answer(friendly and t.value(theirs.terms) >= 0, legal)
        if observation.our_proposal is not None or self.last > 0:
            return t.none
        # a fair offer: the most joint value we can see, never a loss for ourselves
        top = t.top_legal(t.ranked("tit_for_tat", observation.answers, self._score), legal)
        return pick(self.rng, top) if top else t.none

    def _score(self, m, theirs: float):
        t = self.t
        return (t.util[id(m)] + theirs) / len(m.terms) if t.own[id(m)] >= 0 else None

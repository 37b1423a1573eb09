"""Computer players for the batch engine: one decision per game per turn, as column operations.

Each chooses as its one-game namesake in `game.agents` does, from the same tables and scoring
(`game.agents.common.tables`, the agents' own `_score` and thresholds), with ties broken by the
keyed draws of `game.lockstep.engine`, so a game's moves never depend on the other games of its
batch. These three never ask follow-up questions, so their rankings never change during a game.
"""
from __future__ import annotations

import numpy as np

from game.agents import dove, hawk, tit_for_tat
from game.agents.common import tables
from game.lockstep.engine import ACTION, MESSAGE, pick, uniforms

NONE, ACCEPT, REJECT = 0, 1, 2


class RandomPlayer:
    """Uniformly random legal action and message, as game.agents.RandomAgent."""

    name = "random"

    def prepare(self, rules, side: int) -> None:
        pass

    def moves(self, batch, side: int) -> tuple[np.ndarray, np.ndarray]:
        """(actions, messages) of the side in every game: what a batch player is asked each turn."""
        return batch.random_moves(side)

    def actions(self, batch, side: int) -> np.ndarray:
        return pick(batch.legal_actions(side), uniforms(batch.keys, batch.turns, ACTION + side))

    def messages(self, batch, side: int) -> np.ndarray:
        return pick(batch.legal_messages(side), uniforms(batch.keys, batch.turns, MESSAGE + side))


class _Scripted:
    """Shared by the scripted players: the side's proposal ranking and answer table, made once."""

    agent_class = None
    purpose = ""

    def __init__(self):
        self.side_tables = [None, None]

    def prepare(self, rules, side: int) -> None:
        sc = rules.scenario
        agent = self.agent_class()
        agent.reset(sc.sides[side], sc, None)
        t = tables(sc, side)
        n = len(sc.moves[side].messages)
        rank = np.full(n, -np.inf)   # the agent's order of its proposals: higher is better, equal ties
        scores = sorted({s for s, _ in t.ranked(self.purpose, None, agent._score)}, key=lambda s: s)
        position = {s: k for k, s in enumerate(scores)}
        for s, m in t.ranked(self.purpose, None, agent._score):
            rank[m.index] = position[s]
        other = sc.moves[1 - side].messages
        self.side_tables[side] = (rank, np.array([self.accepts(t, m) if m.kind == "propose" else False
                                                  for m in other]), np.array([a.escalation for a in sc.moves[side].actions]))

    def accepts(self, t, proposal) -> bool:
        raise NotImplementedError

    def moves(self, batch, side: int) -> tuple[np.ndarray, np.ndarray]:
        return self.actions(batch, side), self.messages(batch, side)

    def _proposal(self, batch, side: int, legal: np.ndarray, quiet: np.ndarray) -> np.ndarray:
        """Among legal proposals, one of the best ranked (none where there is none, or `quiet`)."""
        rank = self.side_tables[side][0]
        scored = legal & np.isfinite(rank)[:, None]
        values = np.where(scored, rank[:, None], -np.inf)
        best = values.max(axis=0)
        top = scored & (values == best[None, :])
        choice = pick(top, uniforms(batch.keys, batch.turns, MESSAGE + side))
        return np.where(quiet | ~top.any(axis=0), NONE, choice)

    def _answer(self, batch, side: int, yes: np.ndarray) -> np.ndarray:
        return np.where(yes, ACCEPT, REJECT)

    def messages(self, batch, side: int) -> np.ndarray:
        legal = batch.legal_messages(side)
        theirs = batch.pending[1 - side]
        answering = theirs >= 0
        accept_table = self.side_tables[side][1]
        # a proposal whose terms the scenario does not allow now cannot be accepted: it is rejected
        # (as game.agents.common answers)
        yes = self.accept_now(batch, side, accept_table[np.maximum(theirs, 0)]) & legal[ACCEPT]
        proposal = self._proposal(batch, side, legal, (batch.pending[side] >= 0) | self.quiet(batch, side))
        return np.where(answering, self._answer(batch, side, yes), proposal)

    def accept_now(self, batch, side: int, acceptable: np.ndarray) -> np.ndarray:
        return acceptable

    def quiet(self, batch, side: int) -> np.ndarray:
        return np.zeros(batch.size, dtype=bool)

    def _extreme(self, batch, side: int, highest: bool) -> np.ndarray:
        legal = batch.legal_actions(side)
        esc = self.side_tables[side][2]
        values = np.where(legal, esc[:, None], -np.inf if highest else np.inf)
        best = values.max(axis=0) if highest else values.min(axis=0)
        return pick(legal & (values == best[None, :]), uniforms(batch.keys, batch.turns, ACTION + side))


class HawkPlayer(_Scripted):
    """As game.agents.hawk: the most escalatory move open, maximal demands, signs almost nothing."""

    name, agent_class, purpose = "hawk", hawk.HawkAgent, "hawk"

    def accepts(self, t, proposal) -> bool:
        return t.value(proposal.terms) >= t.threshold(proposal.terms, hawk.FIRMNESS)

    def actions(self, batch, side: int) -> np.ndarray:
        return self._extreme(batch, side, highest=True)


class DovePlayer(_Scripted):
    """As game.agents.dove: the most conciliatory move open, offers of what the other side wants."""

    name, agent_class, purpose = "dove", dove.DoveAgent, "dove"

    def accepts(self, t, proposal) -> bool:
        return t.value(proposal.terms) >= t.threshold(proposal.terms, dove.FLOOR)

    def actions(self, batch, side: int) -> np.ndarray:
        return self._extreme(batch, side, highest=False)


class TitForTatPlayer(_Scripted):
    """As game.agents.tit_for_tat: answers the other side's last public move in kind."""

    name, agent_class, purpose = "tit_for_tat", tit_for_tat.TitForTatAgent, "tit_for_tat"

    def accepts(self, t, proposal) -> bool:
        return t.value(proposal.terms) >= 0

    def _last(self, batch, side: int) -> np.ndarray:
        """The escalation of the other side's last public move (the opening: cooperation)."""
        other = 1 - side
        rules = batch.rules.sides[other]
        last = batch.last_action[other]
        seen = np.where(rules.public[last], rules.escalation[last], 0.0)
        return np.where(batch.turns == 1, tit_for_tat.OPENING, seen)

    def accept_now(self, batch, side: int, acceptable: np.ndarray) -> np.ndarray:
        return acceptable & (self._last(batch, side) <= 0)

    def quiet(self, batch, side: int) -> np.ndarray:
        return self._last(batch, side) > 0

    def actions(self, batch, side: int) -> np.ndarray:
        legal = batch.legal_actions(side)
        esc = self.side_tables[side][2]
        target = self._last(batch, side)
        distance = np.where(legal, np.abs(esc[:, None] - target[None, :]), np.inf)
        near = legal & (distance == distance.min(axis=0)[None, :])
        low = np.where(near, esc[:, None], np.inf).min(axis=0)
        return pick(near & (esc[:, None] == low[None, :]), uniforms(batch.keys, batch.turns, ACTION + side))


PLAYERS = {"random": RandomPlayer, "hawk": HawkPlayer, "dove": DovePlayer, "tit_for_tat": TitForTatPlayer}

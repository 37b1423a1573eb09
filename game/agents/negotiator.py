"""Negotiator: bargains over the issues by its side's option values — opens with its best terms,
concedes a little every turn, accepts whatever beats what it expects without a deal, asks
follow-up questions and offers what the answers say the other side wants; its moves reciprocate."""
from __future__ import annotations

from game.agents.common import ScriptedAgent, belief, closest_actions, pick, with_terms
from game.engine.game import Choice

#: aspiration (share of the attainable value it holds out for): at the start, and the floor it
#: concedes to by CONCEDE_BY of the game's turns
OPENING, FLOOR, CONCEDE_BY = 1.0, 0.3, 0.7
#: it accepts terms a little below what it would itself propose
ACCEPT_SLACK = 0.1
#: turns before it tables the same terms again
PATIENCE = 3
#: the kinds of move that are words, not deeds
WORDS = ("diplomatic", "informational")
#: escalation scores of its answers: to calm, to holding still or a small threat; the most it
#: answers a big threat or force with (non-violent escalation: sanctions, not war)
CALM, FIRM, PUNISH = -2.0, 0.0, 12.0


class NegotiatorAgent(ScriptedAgent):
    name = "negotiator"
    description = "a diplomat: bargains hard at first, concedes over time, takes any deal that beats no deal"

    def prepare(self, scenario) -> None:
        self._n = len(scenario.var_ids)

    def start(self) -> None:
        self.seen = None       # the other side's public escalation total at our last turn
        self.last = 0.0        # the escalation of their last public move
        self.tabled = {}       # message number in our space -> turn we last proposed it

    def memory(self) -> dict:
        return {"seen": self.seen, "last": self.last, "tabled": {str(k): v for k, v in self.tabled.items()}}

    def restore(self, memory: dict) -> None:
        self.seen = None if memory["seen"] is None else float(memory["seen"])
        self.last = float(memory["last"])
        self.tabled = {int(k): int(v) for k, v in memory["tabled"].items()}

    # ------------------------------------------------------------------ the turn

    def aspiration(self, turn: int, max_turns: int) -> float:
        span = max(1.0, CONCEDE_BY * max_turns - 1)
        return max(FLOOR, OPENING - (OPENING - FLOOR) * (turn - 1) / span)

    def choose(self, observation, legal) -> Choice:
        total = observation.escalation[self.scenario.sides[1 - self.side]]
        if self.seen is not None:
            self.last = total - self.seen
        self.seen = total
        # calm answers calm once talks bear fruit (or the other side steps back first); holding
        # still is answered by holding still, so it never gives its leverage away for nothing
        if self.last >= 12:   # a big threat, or force: answered in kind, short of force
            target = min(self.last, PUNISH)
        elif self.last > 0:
            target = FIRM
        elif self.last < 0 or observation.agreed:
            target = CALM
        else:
            target = FIRM
        actions = legal.actions
        if target == CALM and not observation.agreed:
            # until something is signed, calm is shown in words: its forces are its leverage
            words = tuple(a for a in actions if a.kind in WORDS)
            actions = words or actions
        action = pick(self.rng, closest_actions(actions, target))
        return Choice(action, self._message(observation, legal))

    def _message(self, observation, legal):
        t = self.t
        turn = observation.turn
        a = self.aspiration(turn, observation.max_turns)
        theirs = observation.their_proposal
        v = None
        if theirs is not None and self.can_accept(legal):
            v = belief(self.scenario, observation)
            phase = self.scenario.phase_index[observation.phase]
            worth = t.value(theirs.terms) + self._shift(v, phase, theirs.terms)
            if worth >= max(0.0, t.threshold(theirs.terms, a - ACCEPT_SLACK)):
                return t.accept
        ours = observation.our_proposal
        # an offer left unanswered for PATIENCE turns is replaced by a fresh one
        waiting = ours is not None and turn - self.tabled.get(ours.index, turn) < PATIENCE
        question = self._question(observation, legal)
        if theirs is None and question is not None and (turn == 1 or waiting):
            return question          # learn what they want while our offer waits for an answer
        offer = self._offer(observation, legal, a, v) if not waiting or theirs else None
        if offer is not None:
            self.tabled[self.t.number(offer)] = turn
            return offer              # sent while theirs is on the table, it is a counter-proposal
        if theirs is not None:
            return self.answer(False, legal)
        return question if question is not None else t.none

    def _offer(self, observation, legal, a: float, v):
        """The legal proposal the other side should like best among those worth `a` to us."""
        t = self.t
        turn = observation.turn
        meta, tabled, allowed = t.meta, self.tabled, legal.message_set
        best = None
        for _, m in t.ranked("negotiator", observation.answers, self._score):
            own, lo, hi, number = meta[id(m)]
            if own < lo + a * (hi - lo) or m not in allowed:
                continue
            last = tabled.get(number)
            if last is None or turn - last >= PATIENCE:
                best = m
                break
        if best is not None and v is None:
            v = belief(self.scenario, observation)
        if best is not None and self._shift(v, self.scenario.phase_index[observation.phase], best.terms) < 0:
            return None   # it would tip the game into an outcome worse for us
        return best

    def _score(self, m, theirs: float):
        """Offers by what the other side is thought to gain, then by what we gain; never a loss."""
        own = self.t.own[id(m)]
        return (theirs, own) if own > 0 else None

    def _question(self, observation, legal):
        """A follow-up question on the weightiest open issue we have no answer on yet."""
        t = self.t
        answered = observation.answers
        open_ = [m for m in legal.messages if m.kind == "question" and t.issue_ids[m.issue] not in answered]
        if not open_:
            return None
        top = max(t.importance[m.issue] for m in open_)
        return pick(self.rng, [m for m in open_ if t.importance[m.issue] == top])

    # ------------------------------------------------------------------ expectations

    def _shift(self, v: list, phase: int, terms) -> float:
        """How much agreeing `terms` would change the score of the outcome the game is heading for,
        as far as our picture of the state shows (a treaty that ends the game, say)."""
        return self._expected(with_terms(self.scenario, v, terms), phase) - self._expected(v, phase)

    def _expected(self, v: list, phase: int) -> float:
        ph = self.scenario.phases[phase]
        outcome = ph.ending(v) or ph.final(v)
        return outcome.score_at(v)[self.side] if outcome is not None else 0.0

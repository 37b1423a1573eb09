"""Lookahead: plans by playing the game forward — for each legal move, Monte Carlo rollouts from
games rebuilt from its own observation (hidden values resampled from its intelligence, chance
reseeded), never from the real state — and makes the move whose futures score best for its side.

Every move is tried against the same imagined games and the same opponent replies (common
random numbers), so the comparison between moves is fair even with few rollouts. The other side
is imagined with one of several temperaments (conciliatory, steady, coercive, erratic), one per
imagined game. Proposals come from a negotiator advisor; whether to accept one on the table is decided
by the same rollouts. The budget is a fixed number of rollouts (not a clock), so the same seed
always gives the same game.
"""
from __future__ import annotations

from game.agents.common import ScriptedAgent
from game.agents.negotiator import NegotiatorAgent
from game.engine.game import Choice
from game.engine.negotiation import ACCEPT_MESSAGE, NO_MESSAGE
from game.engine.observation import from_observation
from game.engine.rng import Stream

#: imagined games per decision, and how many turns each rollout looks ahead
DETERMINIZATIONS, HORIZON = 8, 6
#: the rollout turns one decision may spend in total: a decision takes about 20 ms on the 2-core
#: development machine when quiet and stays under 100 ms at the median with 8 busy neighbours
TURN_BUDGET = 1400
#: the imagined other side's temperaments, and how often a rollout player makes its signature
#: move (the least, the most or the least absolute escalation open) rather than a random one
TEMPERAMENTS = ("dove", "steady", "hawk", "erratic")
SIGNATURE = 0.7


class _Policy:
    """A cheap rollout player reading the imagined game directly (it is the planner's own)."""

    __slots__ = ("side", "temper", "rng", "accepts", "signature")

    def __init__(self, side: int, temper: str, rng, accepts, signatures: dict):
        self.side, self.temper, self.rng, self.accepts = side, temper, rng, accepts
        self.signature = signatures.setdefault(temper, {})

    def __call__(self, game) -> Choice:
        actions = game.legal_actions(self.side)
        draw = self.rng.random
        temper = self.temper
        if temper == "erratic" or len(actions) == 1 or draw() >= SIGNATURE:
            action = actions[int(draw() * len(actions))]
        else:
            action = self.signature.get(actions)
            if action is None:
                action = self.signature[actions] = (
                    min(actions, key=_escalation) if temper == "dove" else
                    max(actions, key=_escalation) if temper == "hawk" else min(actions, key=_steadiness))
        proposal = game.talks.pending[1 - self.side]
        if (proposal is not None and self.accepts(self.side, proposal) > draw()
                and ACCEPT_MESSAGE in game.legal_messages(self.side)):   # terms may be barred now
            return Choice(action, ACCEPT_MESSAGE)
        return Choice(action, NO_MESSAGE)


def _escalation(action) -> float:
    return action.escalation


def _steadiness(action) -> float:
    return abs(action.escalation)


class LookaheadAgent(ScriptedAgent):
    name = "lookahead"
    description = "plans ahead: plays out many possible futures of each move before choosing"

    determinizations = DETERMINIZATIONS
    horizon = HORIZON
    turn_budget = TURN_BUDGET

    def prepare(self, scenario) -> None:
        self.advisor = NegotiatorAgent()
        self.advisor.reset(self.side_id, scenario, Stream(self.rng.getrandbits(64)))

    def memory(self) -> dict:
        return {"advisor": self.advisor.get_state()}

    def restore(self, memory: dict) -> None:
        self.advisor.set_state(memory["advisor"])

    # ------------------------------------------------------------------ the decision

    def start(self) -> None:
        self.simulated = 0      # rollout turns spent on the last decision (the budget's measure)

    def choose(self, observation, legal) -> Choice:
        self.simulated = 0
        advice = self.advisor.choose(observation, legal).message
        theirs = observation.their_proposal
        if len(legal.actions) == 1 and theirs is None:
            return Choice(legal.actions[0], advice)
        # the message to weigh against the advisor's: signing what is on the table, or not signing
        kinds = {m.kind: m for m in legal.messages}
        other = kinds.get("none") if advice.kind == "accept" else kinds.get("accept") if theirs is not None else None
        self._acceptance(observation.answers)
        worlds = self._worlds(observation)
        turns = max(1, min(self.horizon, self.scenario.max_turns - observation.turn + 1))
        rollouts = max(1, self.turn_budget // (turns * (len(legal.actions) + (other is not None))))
        moves = [Choice(a, advice) for a in legal.actions]
        scores = self._evaluate(moves, worlds, turns, rollouts)
        best = max(range(len(moves)), key=lambda k: (scores[k], -k))
        choice = moves[best]
        if other is not None:
            alt = Choice(choice.action, other)
            if self._evaluate([alt], worlds, turns, rollouts)[0] > scores[best]:
                choice = alt
        return choice

    def _worlds(self, observation) -> list:
        """The imagined games, each with its own seed for the rollout players and a temperament
        for the other side."""
        worlds = []
        rng = self.rng
        tempers = TEMPERAMENTS
        for k in range(self.determinizations):
            imagined = from_observation(self.scenario, observation, Stream(rng.getrandbits(64)))
            worlds.append((imagined, rng.getrandbits(64), tempers[k % len(tempers)]))
        return worlds

    def _evaluate(self, moves, worlds, turns: int, rollouts: int) -> list[float]:
        """Mean value of each move over `rollouts` rollouts of up to `turns` turns; rollout r of
        every move plays in the same imagined game with the same seeds (common random numbers)."""
        side, other = self.side, 1 - self.side
        totals = [0.0] * len(moves)
        accepts = self._accepts
        signatures: dict = {}   # temperament -> legal actions -> its signature move
        n_worlds = len(worlds)
        for r in range(rollouts):
            imagined, seed, temper = worlds[r % n_worlds]
            seed += r // n_worlds
            for k, move in enumerate(moves):
                game = imagined.clone()
                rng = Stream(seed)
                me = _Policy(side, "steady", rng, accepts, signatures)
                them = _Policy(other, temper, rng, accepts, signatures)
                first = them(game)
                game.resolve(*((move, first) if side == 0 else (first, move)))
                played = 1
                while played < turns and game.outcome is None:
                    a, b = me(game), them(game)
                    game.resolve(*((a, b) if side == 0 else (b, a)))
                    played += 1
                self.simulated += played
                totals[k] += self._value(game)
        return [x / rollouts for x in totals]

    def _value(self, game) -> float:
        """The side's score when the game is over, else the score if it ended where it stands."""
        side = self.side
        if game.outcome is not None:
            return game.scores()[side]
        sc = game.scenario
        phase = sc.phases[game.phase]
        outcome = phase.ending(game.v) or phase.final(game.v)
        base = outcome.score_at(game.v)[side] if outcome is not None else 0.0
        issues = sc.issues
        return base + sum(issues[i].options[o].value[side] for i, o in game.talks.agreed.items())

    def _acceptance(self, answers) -> None:
        """How likely each side is to accept a proposal in the imagined games: we by our values,
        they by what their answers (or our guess) say they value."""
        t = self.t
        cache: dict = {}

        def accepts(who: int, proposal) -> float:
            key = (who, id(proposal))
            p = cache.get(key)
            if p is None:
                n = len(proposal.terms)
                if who == self.side:
                    u = t.our_utility(proposal.terms) / n
                else:
                    u = t.their_value(proposal.terms, answers) / n
                p = cache[key] = max(0.0, min(1.0, 2.0 * u - 0.5))
            return p

        self._accepts = accepts


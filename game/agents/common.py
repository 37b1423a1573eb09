"""What the computer players share: one side's view of a scenario's issues and messages, its belief
about the state, and the seeded, saveable base class.

Agents see only their observation, their legal choices and the scenario's public data (the
menus, their own side's option values). The other side's values are never read from the file:
they are guessed (the reverse of one's own, as in a zero-sum haggle) until a follow-up question
brings back the other side's ranking of an issue's options (`observation.answers`).
"""
from __future__ import annotations

import weakref

from game.engine.facts import note_agreement
from game.engine.game import Choice
from game.engine.negotiation import ACCEPT, NO_MESSAGE, PROPOSE, QUESTION, REJECT
from game.engine.rng import Stream

_TABLES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def message_space(scenario, side: int) -> tuple:
    """Every message `side` could ever send, in stable-number order (the objects legal choices
    are made of)."""
    return scenario.moves[side].messages


class SideTables:
    """One side's values and messages, derived once per scenario and shared by its agents."""

    def __init__(self, scenario, side: int):
        self.scenario = scenario
        self.side, self.other = side, 1 - side
        issues = scenario.issues
        self.issue_ids = tuple(issue.id for issue in issues)
        self.issue_index = {issue.id: issue.index for issue in issues}
        self.values = tuple(tuple(opt.value[side] for opt in issue.options) for issue in issues)
        self.best = tuple(max(vals) for vals in self.values)
        self.worst = tuple(min(vals) for vals in self.values)
        # own utility of each option scaled to [0, 1] within its issue (1 = the side's favourite)
        self.utility = tuple(tuple((x - lo) / (hi - lo) if hi > lo else 0.5 for x in vals)
                             for vals, lo, hi in zip(self.values, self.worst, self.best))
        self.importance = tuple(hi - lo for hi, lo in zip(self.best, self.worst))
        space = message_space(scenario, side)
        self.messages = space
        self.none = next(m for m in space if m.kind == "none")
        self.accept = next(m for m in space if m.kind == ACCEPT)
        self.reject = next(m for m in space if m.kind == REJECT)
        self.proposals = tuple(m for m in space if m.kind == PROPOSE)
        self.questions = {m.issue: m for m in space if m.kind == QUESTION}
        self.by_terms = {(m.terms, m.package): m for m in self.proposals}
        self.own = {id(m): sum(self.values[i][o] for i, o in m.terms) for m in self.proposals}
        # per proposal: (own value, worst and best own value of any terms on its issues, number)
        self.meta = {id(m): (self.own[id(m)], *self.range(m.terms), self.number(m)) for m in self.proposals}
        self.util = {id(m): self.our_utility(m.terms) for m in self.proposals}
        self._ranked: dict = {}   # (purpose, answered issues) -> scored proposals, best first

    def ranked(self, purpose: str, answers, score) -> tuple:
        """Every proposal `score(message, their guessed value)` does not leave out (None), best
        first, file order among equals. Cached per purpose and set of answered issues: the
        answers to a question never change once given, so neither does the ranking."""
        key = (purpose, tuple(sorted(answers)) if answers else ())
        out = self._ranked.get(key)
        if out is None:
            scored = [(score(m, self.their_value(m.terms, answers)), m) for m in self.proposals]
            out = self._ranked[key] = tuple(sorted(((s, m) for s, m in scored if s is not None),
                                                   key=lambda sm: sm[0], reverse=True))
        return out

    @staticmethod
    def top_legal(ranked: tuple, legal) -> list:
        """The legal proposals sharing the best score in `ranked` (empty when none is legal)."""
        allowed = legal.message_set
        best, out = None, []
        for score, m in ranked:
            if best is not None and score != best:
                break
            if m in allowed:
                best = score
                out.append(m)
        return out

    @staticmethod
    def number(message) -> int:
        """The message's stable number in the side's message space."""
        return message.index

    def value(self, terms) -> float:
        values = self.values
        return sum(values[i][o] for i, o in terms)

    def range(self, terms) -> tuple[float, float]:
        """(worst, best) own value any terms on the same issues could have."""
        return (sum(self.worst[i] for i, _ in terms), sum(self.best[i] for i, _ in terms))

    def threshold(self, terms, aspiration: float) -> float:
        lo, hi = self.range(terms)
        return lo + aspiration * (hi - lo)

    def their_utility(self, issue: int, option: int, answers) -> float:
        """A guess at the other side's utility of an option, in [0, 1]: its rank in their answer to a
        follow-up question when there is one, else the reverse of our own utility."""
        ranked = answers.get(self.issue_ids[issue]) if answers else None
        if ranked:
            n = len(ranked)
            option_id = self.scenario.issues[issue].options[option].id
            return 1.0 - ranked.index(option_id) / (n - 1) if n > 1 else 0.5
        return 1.0 - self.utility[issue][option]

    def their_value(self, terms, answers) -> float:
        """Summed guessed utility of the terms for the other side (one point per issue at best)."""
        return sum(self.their_utility(i, o, answers) for i, o in terms)

    def our_utility(self, terms) -> float:
        return sum(self.utility[i][o] for i, o in terms)


def tables(scenario, side: int) -> SideTables:
    per_side = _TABLES.get(scenario)
    if per_side is None:
        per_side = _TABLES[scenario] = [None, None]
    t = per_side[side]
    if t is None:
        t = per_side[side] = SideTables(scenario, side)
    return t


def belief(scenario, observation) -> list[float]:
    """The side's picture of the state vector: exact values it sees, intelligence estimates of the
    rest (the scenario's starting value where it has neither), then the turn number and the
    facts it knows (game.scenario.facts), so every condition of the scenario can be read on it."""
    exact, estimates = observation.variables, observation.estimates
    v = []
    for i, name in enumerate(scenario.var_ids):
        x = exact.get(name)
        if x is None:
            x = estimates.get(name)
        v.append(float(scenario.initial[i]) if x is None else float(x))
    v.append(float(observation.turn))
    v.extend(observation.facts or (0.0,) * scenario.facts.size)   # agreements and moves it knows of
    return v


def with_terms(scenario, v: list, terms) -> list:
    """`v` as it would be once `terms` are agreed (their options' effects applied and clamped)."""
    d = [0.0] * len(v)
    touched = set()
    for i, o in terms:
        effects = scenario.issues[i].options[o].effects
        effects.apply(v, d)
        touched.update(effects.targets)
    w = list(v)
    lo, hi = scenario.lo, scenario.hi
    for k in touched:
        w[k] = min(max(v[k] + d[k], lo[k]), hi[k])
    for i, o in terms:   # and the agreed.* / committed.* facts, for conditions that read them
        note_agreement(w, scenario.facts, scenario.issues[i].options[o])
    return w


def pick(rng, items):
    """One of `items` drawn from `rng` (items non-empty)."""
    return items[int(rng.random() * len(items))] if len(items) > 1 else items[0]


_EXTREMES: dict = {}   # (legal actions, highest?) -> the extreme ones; a few hundred sets at most


def extreme_actions(actions, highest: bool) -> list:
    """The legal actions with the highest (or lowest) escalation score."""
    key = (actions, highest)
    out = _EXTREMES.get(key)
    if out is None:
        best = max(a.escalation for a in actions) if highest else min(a.escalation for a in actions)
        out = _EXTREMES[key] = [a for a in actions if a.escalation == best]
    return out


_CLOSEST: dict = {}


def closest_actions(actions, target: float) -> list:
    """The legal actions whose escalation score is closest to `target` (the lower on a tie)."""
    key = (actions, target)
    out = _CLOSEST.get(key)
    if out is None:
        best = min(abs(a.escalation - target) for a in actions)
        near = [a for a in actions if abs(a.escalation - target) == best]
        low = min(a.escalation for a in near)
        out = _CLOSEST[key] = [a for a in near if a.escalation == low]
    return out


class ScriptedAgent:
    """Base of the built-in computer players: side, scenario tables and an own seeded stream from
    `reset`; `get_state`/`set_state` save and restore the stream and the agent's memory as JSON."""

    name = "scripted"
    observes = True
    description = ""

    def __init__(self):
        self.rng: Stream | None = None
        self.side = 0
        self.side_id = ""
        self.scenario = None
        self.t: SideTables | None = None
        self.start()

    def reset(self, side: str, scenario, rng) -> None:
        self.side_id = side
        self.side = scenario.sides.index(side)
        self.scenario = scenario
        self.rng = rng
        self.t = tables(scenario, self.side)
        self.prepare(scenario)
        self.start()

    def prepare(self, scenario) -> None:
        """Per-scenario set-up beyond the shared tables (subclasses)."""

    def start(self) -> None:
        """Forget everything remembered from an earlier game (subclasses keep memory here)."""

    def memory(self) -> dict:
        return {}

    def restore(self, memory: dict) -> None:
        """Bring back `memory()`'s result; raise ValueError if it is not one."""

    def get_state(self) -> dict:
        return {"rng": self.rng.state(), "memory": self.memory()}

    def set_state(self, state: dict) -> None:
        if self.t is None:
            raise ValueError(f"{self.name}: reset() must come before set_state()")
        if not isinstance(state, dict) or not isinstance(state.get("memory"), dict):
            raise ValueError(f"{self.name}: not a saved agent state")
        try:
            rng = Stream.from_state(state.get("rng"))
        except ValueError:
            raise ValueError(f"{self.name}: the saved random stream is damaged") from None
        self.start()
        try:
            self.restore(state["memory"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            self.start()
            raise ValueError(f"{self.name}: damaged saved memory ({type(exc).__name__}: {exc})") from None
        self.rng = rng

    def choose(self, observation, legal) -> Choice:
        raise NotImplementedError

    # ------------------------------------------------------------------ message helpers

    @staticmethod
    def allowed(message, legal) -> bool:
        return message in legal.message_set

    def answer(self, accept: bool, legal):
        """Accept or reject the proposal on the table (a proposal whose terms the scenario does
        not allow now cannot be accepted: it is rejected)."""
        allowed = legal.message_set
        if accept and self.t.accept in allowed:
            return self.t.accept
        return self.t.reject if self.t.reject in allowed else self.t.none

    def can_accept(self, legal) -> bool:
        return self.t.accept in legal.message_set


__all__ = ["ScriptedAgent", "SideTables", "belief", "closest_actions", "extreme_actions", "message_space",
           "pick", "tables", "with_terms", "NO_MESSAGE"]

"""A run's summary, added up game by game: outcome rates with Wilson 95% intervals, means.

It keeps sums, never the games, so memory stays flat however long the run.
"""
from __future__ import annotations

import math
from collections import Counter

Z95 = 1.959963984540054   # two-sided 95% normal quantile
ERROR = "error"           # how games that ended in an error are counted among the outcomes


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials (sound near 0 and 1, unlike p ± z·se)."""
    if n <= 0:
        return (0.0, 1.0)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


class ExactSum:
    """A sum of floats that does not depend on the order they come in (workers finish games in any
    order): whole numbers add exactly as ints, the rest as Shewchuk's non-overlapping partials,
    rounded once at the end (`math.fsum`), so a run's summary is bit-identical for any job count."""

    __slots__ = ("whole", "partials")

    def __init__(self):
        self.whole = 0
        self.partials: list[float] = []

    def add(self, x: float) -> None:
        if x.is_integer() and -9e15 < x < 9e15:
            self.whole += int(x)
            return
        partials, i = self.partials, 0
        for y in partials:
            if abs(x) < abs(y):
                x, y = y, x
            hi = x + y
            lo = y - (hi - x)
            if lo:
                partials[i] = lo
                i += 1
            x = hi
        partials[i:] = [x]

    def merge(self, other: "ExactSum") -> None:
        self.whole += other.whole
        for x in other.partials:
            self.add(x)

    def value(self) -> float:
        if not self.partials:
            return float(self.whole)
        return math.fsum([*self.partials, float(self.whole - int(float(self.whole))), float(self.whole)])

    def __truediv__(self, n):
        return self.value() / n


class Summary:
    """Running totals of a run's games. Means of scores, escalation and turns are over games
    that ended normally (an error's game has no outcome); every game counts in the rates."""

    def __init__(self, sides):
        self.sides = tuple(sides)
        self.games = 0
        self.ok = 0
        self.outcomes: Counter = Counter()
        self.errors: Counter = Counter()       # reason -> games (first reasons, for the report)
        self.faults = 0
        self.turns = 0
        self.scores = [ExactSum() for _ in self.sides]
        self.escalation = [ExactSum() for _ in self.sides]
        self.per_turn = [[] for _ in self.sides]    # per side: ExactSum of each turn's escalation
        self.at_turn: list[int] = []                # games (ok) that reached each turn

    def add(self, s) -> None:
        """Add one game's GameStats."""
        self.games += 1
        self.faults += s.faults
        if s.error is not None:
            self.outcomes[ERROR] += 1
            if len(self.errors) < 50 or s.error in self.errors:
                self.errors[s.error] += 1
            return
        self.ok += 1
        self.outcomes[s.outcome] += 1
        self.turns += s.turns
        for k in range(len(self.sides)):
            self.scores[k].add(s.scores[k])
            self.escalation[k].add(s.escalation[k])
            sums = self.per_turn[k]
            turns = s.per_turn[k]
            while len(sums) < len(turns):
                sums.append(ExactSum())
            for t, x in enumerate(turns):
                sums[t].add(x)
        if len(self.at_turn) < s.turns:
            self.at_turn.extend([0] * (s.turns - len(self.at_turn)))
        for t in range(s.turns):
            self.at_turn[t] += 1

    def merge(self, other: "Summary") -> None:
        """Add another summary of the same sides (e.g. one pairing's games into an agent's total)."""
        self.games += other.games
        self.ok += other.ok
        self.outcomes.update(other.outcomes)
        self.errors.update(other.errors)
        self.faults += other.faults
        self.turns += other.turns
        for k in range(len(self.sides)):
            self.scores[k].merge(other.scores[k])
            self.escalation[k].merge(other.escalation[k])
            sums = self.per_turn[k]
            while len(sums) < len(other.per_turn[k]):
                sums.append(ExactSum())
            for mine, theirs in zip(sums, other.per_turn[k]):
                mine.merge(theirs)
        _add_into(self.at_turn, other.at_turn)

    # ------------------------------------------------------------------ results

    def rates(self) -> list[dict]:
        """Each outcome (errors last) with its count, rate and 95% Wilson interval, most frequent first."""
        rows = []
        for outcome, k in sorted(self.outcomes.items(), key=lambda kv: (kv[0] == ERROR, -kv[1], kv[0])):
            lo, hi = wilson(k, self.games)
            rows.append({"outcome": outcome, "games": k, "rate": k / self.games, "ci95": [lo, hi]})
        return rows

    def mean_scores(self) -> dict[str, float | None]:
        return {s: (self.scores[k] / self.ok if self.ok else None) for k, s in enumerate(self.sides)}

    def mean_escalation(self) -> dict[str, float | None]:
        return {s: (self.escalation[k] / self.ok if self.ok else None) for k, s in enumerate(self.sides)}

    def mean_turns(self) -> float | None:
        return self.turns / self.ok if self.ok else None

    def escalation_per_turn(self) -> dict[str, list[float]]:
        """Mean escalation of each side's move at each turn, over the games that reached that turn."""
        return {s: [x.value() / n for x, n in zip(self.per_turn[k], self.at_turn) if n]
                for k, s in enumerate(self.sides)}

    def to_json(self) -> dict:
        return {"games": self.games, "ok": self.ok, "errors": self.games - self.ok, "faults": self.faults,
                "outcomes": self.rates(), "mean_scores": self.mean_scores(),
                "mean_escalation": self.mean_escalation(), "mean_turns": self.mean_turns(),
                "escalation_per_turn": self.escalation_per_turn(),
                "error_reasons": dict(self.errors.most_common(10))}

    def table(self) -> str:
        """The end-of-run report a user reads in the terminal."""
        lines = [f"{self.games:,} games ({self.ok:,} ended normally, {self.games - self.ok:,} errors"
                 + (f", {self.faults:,} agent faults held" if self.faults else "") + ")"]
        if not self.games:
            return lines[0]
        width = max(len("outcome"), *(len(r["outcome"]) for r in self.rates()))
        lines.append(f"  {'outcome':<{width}}  {'games':>8}  {'rate':>6}  95% CI")
        for r in self.rates():
            lo, hi = r["ci95"]
            lines.append(f"  {r['outcome']:<{width}}  {r['games']:>8,}  {r['rate']:>6.1%}  {lo:.1%}–{hi:.1%}")
        if self.ok:
            label = "means (normal endings)"
            w = max(len(label), *(len(s) for s in self.sides))
            lines.append(f"  {label:<{w}}  {'score':>7}  {'escalation':>10}")
            for k, s in enumerate(self.sides):
                lines.append(f"  {s:<{w}}  {self.scores[k] / self.ok:>+7.2f}  {self.escalation[k] / self.ok:>+10.1f}")
            lines.append(f"  mean turns {self.turns / self.ok:.1f}")
        for reason, n in self.errors.most_common(3):
            lines.append(f"  error ×{n:,}: {reason}")
        return "\n".join(lines)


def _add_into(total: list, more: list) -> None:
    if len(total) < len(more):
        total.extend([0] * (len(more) - len(total)))
    for i, x in enumerate(more):
        total[i] += x

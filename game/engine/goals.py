"""How far the game is from each of its endings, and the debrief notes that apply.

`outcome_progress(game)` reports, per outcome: whether it holds now, how far the state is from
it (`distance`, 0 when it holds) and each clause of its condition with its current value, its
target and the gap. `and` needs all its clauses; `or` reports its nearest branch. An outcome
limited to `phases` gets a first clause `phase in (...)` with a gap of 0 or 1. Gaps are in the
clause's own units (a strict comparison or `!=` that fails at equality has the gap 1e-6), and
`distance` is the sum of the failing clauses' gaps. A front end can then say
"settlement: accord 59, needs >= 60".

With `side` given, the state is as that side sees it: its exact values, its intelligence
estimates of the other side's hidden ones (a value it cannot see at all stays unknown:
`value` None, and the clause counts as failing with gap 0), and the facts it may know.
"""
from __future__ import annotations

import math
from typing import NamedTuple

from game.scenario.clauses import AllOf, AnyOf, Clause

EPSILON = 1e-6   # the gap of a strict comparison (or !=) that fails at equality


class ClauseProgress(NamedTuple):
    text: str
    holds: bool
    variable: str | None
    value: float | str | None          # the current value (the phase id for the phase clause)
    op: str                            # < <= > >= == != or "in" (phase)
    target: float | tuple[str, ...]
    gap: float                         # how far `value` must move for the clause to hold; 0 when it holds


class OutcomeProgress(NamedTuple):
    id: str
    label: str
    final: bool                        # checked only at the turn limit
    holds: bool
    distance: float
    clauses: tuple[ClauseProgress, ...]
    score: tuple[float, float]         # the ending's score per side if it happened now
    total: tuple[float, float]         # the same plus the value of the agreed options in force


def outcome_progress(game, side: int | None = None) -> tuple[OutcomeProgress, ...]:
    """Progress towards every outcome, in file order (see the module docstring)."""
    sc = game.scenario
    v, unknown = _view(game, side)
    phase = sc.phases[game.phase].id
    agreed = [sc.issues[i].options[o] for i, o in game.talks.agreed.items()]
    out = []
    for outcome in sc.outcomes:
        clauses: list[ClauseProgress] = []
        if outcome.spec.phases is not None:
            inside = phase in outcome.spec.phases
            clauses.append(ClauseProgress(f"phase in ({', '.join(outcome.spec.phases)})", inside, "phase", phase,
                                          "in", tuple(outcome.spec.phases), 0.0 if inside else 1.0))
        if outcome.goal is not None:
            clauses += _evaluate(outcome.goal, v, unknown)[1]
        holds = all(c.holds for c in clauses)
        distance = 0.0 if holds else sum(c.gap for c in clauses if not c.holds)
        score = outcome.score_at(v)
        total = tuple(score[s] + sum(opt.value[s] for opt in agreed) for s in (0, 1))
        out.append(OutcomeProgress(outcome.id, outcome.spec.label, outcome.final, holds, distance,
                                   tuple(clauses), tuple(score), total))
    return tuple(out)


def debrief_notes(game) -> tuple[str, ...]:
    """The ending's `debrief_notes` whose `when` holds in the final state, in file order."""
    if game.outcome is None:
        return ()
    return tuple(text for when, text in game.outcome.notes if when(game.v))


def _view(game, side):
    """The state vector as `side` sees it (a copy), and the names it cannot see at all."""
    if side is None:
        return game.v, frozenset()
    from game.engine.observation import observe

    sc = game.scenario
    obs = observe(game, side)
    v = list(game.v)
    unknown = set()
    for i, var in enumerate(sc.var_ids):
        if var in obs.variables:
            continue
        if var in obs.estimates:
            v[i] = obs.estimates[var]
        else:
            v[i] = math.nan
            unknown.add(var)
    if obs.facts:
        v[sc.facts.start:] = obs.facts
    return v, frozenset(unknown)


def _evaluate(node, v, unknown) -> tuple[float, list[ClauseProgress]]:
    """(distance, clauses reported) of a clause tree in state `v`."""
    if isinstance(node, Clause):
        c = _clause(node, v)
        return (0.0 if c.holds else c.gap), [c]
    if isinstance(node, AllOf):
        total, clauses = 0.0, []
        for part in node.parts:
            d, cs = _evaluate(part, v, unknown)
            total += d
            clauses += cs
        return total, clauses
    # AnyOf: the nearest branch (the first of equals)
    return min((_evaluate(part, v, unknown) for part in node.parts), key=lambda r: r[0])


def _clause(clause: Clause, v) -> ClauseProgress:
    x, t = clause.value(v), clause.target(v)
    if x != x or t != t:   # a value the side cannot see
        return ClauseProgress(clause.text, False, clause.variable, None, clause.op, t if t == t else None, 0.0)
    op = clause.op
    holds = {"<": x < t, "<=": x <= t, ">": x > t, ">=": x >= t, "==": x == t, "!=": x != t}[op]
    if holds:
        gap = 0.0
    elif op in ("<", "<="):
        gap = max(x - t, 0.0)
    elif op in (">", ">="):
        gap = max(t - x, 0.0)
    elif op == "==":
        gap = abs(x - t)
    else:
        gap = 0.0
    if not holds and gap == 0.0:
        gap = EPSILON
    return ClauseProgress(clause.text, holds, clause.variable, x, op, t, gap)

"""The range of every name a condition can read, as tight as the file proves.

A variable lies in its `min`..`max`; one that no effect changes stays at its `initial`; one whose
every effect can only raise it (or only lower it) stays at or above (below) its `initial`.
`turn` runs from 1 to `max_turns`; yes/no facts are 0 or 1, `played` counts at most `max_turns`
(1 for a `once` action).
"""
from __future__ import annotations

from game.authoring.intervals import Range, flatten
from game.authoring.walk import all_effects
from game.scenario import schema
from game.scenario.expr import TURN
from game.scenario.facts import FLAG_FACTS


def bounds(model: schema.Scenario) -> dict[str, Range]:
    """Each variable's `min`..`max`."""
    return {vid: (float(v.min), float(v.max)) for vid, v in model.variables.items()}


def base_ranges(model: schema.Scenario, names) -> dict[str, Range]:
    """The ranges of every expression name (`names`: the compiled scenario's name table)."""
    env: dict[str, Range] = dict(bounds(model))
    env[TURN] = (1.0, float(model.max_turns))
    once = {(side, a.id) for side, menu in model.actions.items() for a in menu if a.once}
    for name in names:
        if "." not in name:
            continue
        head, *rest = name.split(".")
        if head in FLAG_FACTS:
            env[name] = (0.0, 1.0)
        else:   # played.<side>.<action>
            env[name] = (0.0, 1.0 if tuple(rest) in once else float(model.max_turns))
    effects = all_effects(model)
    by_target: dict[str, list] = {}
    for _, e in effects:
        by_target.setdefault(e.target, []).append(e)
    for vid, v in model.variables.items():
        if vid not in by_target:
            env[vid] = (float(v.initial), float(v.initial))
    for _ in range(2):   # each round is sound given the last (see module docstring)
        new = dict(env)
        for vid, group in by_target.items():
            v = model.variables[vid]
            deltas = [e.delta(env) for e in group]
            lo, hi = env[vid]
            if all(d[0] >= 0 for d in deltas):
                lo = max(lo, float(v.initial))
            if all(d[1] <= 0 for d in deltas):
                hi = min(hi, float(v.initial))
            new[vid] = (lo, hi)
        env = new
    return env


def at_turn(env: dict[str, Range], turn: int) -> dict[str, Range]:
    out = dict(env)
    out[TURN] = (float(turn), float(turn))
    return out


__all__ = ["base_ranges", "bounds", "at_turn", "flatten"]

"""What one side can see at the start of a turn: never the other side's pending choice.

Public variables and the side's own are exact; the other side's hidden variables come as noisy
intelligence estimates with their uncertainty (or not at all). The noise is hashed from
(game seed, turn, side), so looking or not looking at an observation never changes anything.

An observation is a read-only snapshot (a named tuple of tuples and mapping proxies) holding
no reference to the game: an agent that changes what it can reach changes neither the game
nor its record. `observation_vector` gives the same as numbers, for learning agents, and
`from_observation` rebuilds a game as that side can imagine it, for planning agents.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

import numpy as np

from game.engine.negotiation import Message
from game.engine.rng import normal_table

_EMPTY = MappingProxyType({})


class Observation(NamedTuple):
    side: str
    turn: int
    max_turns: int
    date: dt.date
    phase: str
    variables: Mapping[str, float]         # exact values this side sees
    estimates: Mapping[str, float]         # intelligence estimates of the other side's hidden values
    uncertainty: Mapping[str, float]       # the standard deviation of each estimate
    their_proposal: Message | None         # on the table for this side to answer
    our_proposal: Message | None           # ours, awaiting their answer
    agreed: Mapping[str, str]              # issue id -> option id
    commitments: tuple[str, ...]           # "issue.option" in force
    answers: Mapping[str, tuple[str, ...]]   # issue id -> the other side's options, most preferred first
    escalation: Mapping[str, float]        # running totals: ours, and the other's public moves only
    news: tuple[Mapping, ...]              # last turn's facts this side can see
    last_actions: Mapping[str, str | None]   # each side's last action id (the other's only when public)
    fired: tuple[str, ...]                 # events that have happened (public knowledge)
    breached: tuple[str, ...]              # "issue.option" commitments broken (closed issues)
    asked: tuple[str, ...]                 # issues the other side asked us about
    facts: tuple[float, ...] = ()          # the fact slots (game.scenario.facts) as this side knows
                                           # them: the other side's secret moves read 0


def _frozen_fact(fact: dict) -> Mapping:
    """A read-only view of a fact (facts hold flat values, but for a proposal's `terms`)."""
    if "terms" in fact:
        fact = {**fact, "terms": MappingProxyType(dict(fact["terms"]))}
    return MappingProxyType(fact)


def visible_news(game) -> tuple[tuple[Mapping, ...], tuple[Mapping, ...]]:
    """Last turn's facts, read-only, as each side may see them: the other side's secret move is
    only a secret move. Both sides share one tuple when no move was secret (most turns)."""
    news = game.last_news
    frozen = tuple([MappingProxyType(fact) if "terms" not in fact else _frozen_fact(fact) for fact in news])
    secret = [k for k, fact in enumerate(news) if fact["kind"] == "action" and not fact["public"]]
    if not secret:
        return frozen, frozen
    seen = []
    for me in game.scenario.sides:
        row = list(frozen)
        for k in secret:
            if news[k]["side"] != me:
                row[k] = MappingProxyType({"kind": "secret_move", "side": news[k]["side"]})
        seen.append(tuple(row))
    return seen[0], seen[1]


class _Public(NamedTuple):
    """The parts of a turn's observation both sides share (built once per turn)."""

    date: dt.date
    phase: str
    agreed: Mapping[str, str]
    commitments: tuple[str, ...]
    fired: tuple[str, ...]
    breached: tuple[str, ...]
    news: tuple[tuple, tuple]        # last turn's facts, read-only, as each side sees them


def _public(game) -> _Public:
    public = game._observed.get("public")
    if public is None:
        sc, talks, issues = game.scenario, game.talks, game.scenario.issues
        public = game._observed["public"] = _Public(
            sc.turn_date(game.turn), sc.phases[game.phase].id,
            MappingProxyType({issues[i].id: issues[i].options[o].id for i, o in sorted(talks.agreed.items())})
            if talks.agreed else _EMPTY,
            tuple(f"{issues[i].id}.{issues[i].options[o].id}" for i, o in talks.commitments),
            game.fired_ids(),
            tuple(f"{issues[i].id}.{issues[i].options[o].id}" for i, o in talks.breached),
            visible_news(game) if game.last_news else ((), ()))
    return public


def observe(game, side: int) -> Observation:
    """Build side `side`'s observation of `game` (cached for the turn: it cannot change)."""
    cached = game._observed.get(side)
    if cached is not None:
        return cached
    sc = game.scenario
    other = 1 - side
    exact, hidden = sc.sight[side]
    v = game.v
    var_ids = sc.var_ids
    estimates = uncertainty = _EMPTY
    if hidden:
        noise = game._noise[side]
        if noise is None:   # the side's noise for every turn, made once per game when first needed
            noise = game._noise[side] = normal_table(game.intel_seed, sc.max_turns + 1, len(hidden), side)
        noise = noise[min(game.turn, sc.max_turns + 1) - 1]
        lo, hi, sd = sc.lo, sc.hi, sc.noise
        estimates = MappingProxyType({
            var_ids[i]: round(min(max(v[i] + z * sd[i], lo[i]), hi[i]), 1) for i, z in zip(hidden, noise)})
        uncertainty = sc.intel_sd[side]
    talks = game.talks
    answers = _EMPTY
    if talks.answers[side]:
        issues, ranked = sc.issues, sc.rankings[other]
        answers = MappingProxyType({issues[i].id: ranked[i] for i in sorted(talks.answers[side])})
    last = game.choices[-1] if game.choices else None
    known = v[sc.facts.start:]   # format: agreements, commitments and moves this side may know
    for k in sc.facts.hidden[side]:
        known[k] = 0.0
    sides = sc.sides
    public = _public(game)
    obs = _new_tuple(Observation, (
        sides[side], game.turn, sc.max_turns, public.date, public.phase,
        MappingProxyType(dict(zip(sc.seen[side][0], sc.seen[side][1](v)))), estimates, uncertainty,
        talks.pending[other], talks.pending[side], public.agreed, public.commitments, answers,
        MappingProxyType({sides[side]: game.escalation[side], sides[other]: game.public_escalation[other]}),
        public.news[side],
        MappingProxyType({sides[side]: last[side].action.id if last else None,
                          sides[other]: last[other].action.id if last and last[other].action.public else None}),
        public.fired, public.breached,
        tuple([sc.issues[i].id for i in sorted(talks.answers[other])]) if talks.answers[other] else (),
        tuple(known)))
    game._observed[side] = obs
    return obs


_new_tuple = tuple.__new__   # builds the named tuple in C


# ------------------------------------------------------------------------- numbers for learners

def observation_layout(scenario, side: int) -> tuple[str, ...]:
    """The name of each element of `observation_vector` for this scenario and side.

    Per variable: its value scaled to [0, 1] over its range, whether it is known (1 exact, 0.5
    estimated, 0 unseen) and the estimate's uncertainty scaled by the range; then the phase
    (one-hot), the turn as a fraction of the limit, and per issue option: on the table from
    them, from us, agreed; and per issue: closed by a breach; then both escalation totals /100."""
    names = []
    for var in scenario.var_ids:
        names += [f"{var}.value", f"{var}.known", f"{var}.sd"]
    names += [f"phase.{p.id}" for p in scenario.phases]
    names.append("turn")
    for issue in scenario.issues:
        for opt in issue.options:
            names += [f"theirs.{issue.id}.{opt.id}", f"ours.{issue.id}.{opt.id}", f"agreed.{issue.id}.{opt.id}"]
    names += [f"closed.{issue.id}" for issue in scenario.issues]
    names += ["escalation.ours", "escalation.theirs"]
    return tuple(names)


def observation_vector(game, side: int) -> np.ndarray:
    """The observation of `side` as float32 numbers, laid out as `observation_layout` says."""
    sc = game.scenario
    obs = observe(game, side)
    n = len(sc.var_ids)
    vec = np.zeros(len(observation_layout(sc, side)), dtype=np.float32)
    for i, var in enumerate(sc.var_ids):
        span = (sc.hi[i] - sc.lo[i]) or 1.0
        if var in obs.variables:
            vec[3 * i] = (obs.variables[var] - sc.lo[i]) / span
            vec[3 * i + 1] = 1.0
        elif var in obs.estimates:
            vec[3 * i] = (obs.estimates[var] - sc.lo[i]) / span
            vec[3 * i + 1] = 0.5
            vec[3 * i + 2] = obs.uncertainty[var] / span
    k = 3 * n
    vec[k + game.phase] = 1.0
    k += len(sc.phases)
    vec[k] = min(game.turn / sc.max_turns, 1.0)
    k += 1
    offsets = []
    for issue in sc.issues:
        offsets.append(k)
        k += 3 * len(issue.options)
    talks = game.talks
    for flag, proposal in ((0, talks.pending[1 - side]), (1, talks.pending[side])):
        if proposal is not None:
            for i, o in proposal.terms:
                vec[offsets[i] + 3 * o + flag] = 1.0
    for i, o in talks.agreed.items():
        vec[offsets[i] + 3 * o + 2] = 1.0
    for i in talks.broken:
        vec[k + i] = 1.0
    k += len(sc.issues)
    vec[k] = game.escalation[side] / 100.0
    vec[k + 1] = game.public_escalation[1 - side] / 100.0
    return vec


# ------------------------------------------------------------------------- games as imagined

def from_observation(scenario, obs: Observation, rng, *, log: bool = False):
    """A game as the observing side can imagine it, built from its observation alone.

    Exact values are kept; each estimated value is resampled around its estimate with the
    estimate's uncertainty; a value it cannot see at all is taken at its starting value; the
    other side's secret escalation is unknown (its public total stands); chance is reseeded
    from `rng` (any random.Random). Planners search these, never the real hidden state."""
    from game.engine.game import Game
    from game.engine.rng import Stream

    sc = scenario
    side = sc.sides.index(obs.side)
    game = Game(sc, 0, log=log)
    game.chance = Stream(rng.getrandbits(128))
    game.intel_seed = rng.getrandbits(128)
    v = game.v
    for i, var in enumerate(sc.var_ids):
        if var in obs.variables:
            v[i] = float(obs.variables[var])
        elif var in obs.estimates:
            v[i] = min(max(obs.estimates[var] + rng.gauss(0.0, obs.uncertainty[var]), sc.lo[i]), sc.hi[i])
    game.turn = obs.turn
    v[len(sc.var_ids)] = float(obs.turn)
    if obs.facts:   # format: once-only actions, cooldowns and facts in conditions as the side knows them
        v[sc.facts.start:] = obs.facts
    game.phase = sc.phase_index[obs.phase]
    events = {e.id: e.index for e in sc.events}
    for event_id in obs.fired:
        game.fired[events[event_id]] = 1
    issues = {issue.id: issue for issue in sc.issues}
    option = {(i.id, o.id): o for i in sc.issues for o in i.options}
    talks = game.talks
    other = 1 - side
    talks.pending[other] = obs.their_proposal
    talks.pending[side] = obs.our_proposal
    talks.agreed = {issues[i].index: option[i, o].index for i, o in obs.agreed.items()}
    talks.commitments = [(issues[i].index, option[i, o].index) for i, o in (c.split(".", 1) for c in obs.commitments)]
    talks.breached = [(issues[i].index, option[i, o].index) for i, o in (c.split(".", 1) for c in obs.breached)]
    talks.broken = frozenset(i for i, _ in talks.breached)
    talks._resettle()
    talks.answers[side] = {issues[i].index for i in obs.answers}
    talks.answers[other] = {issues[i].index for i in obs.asked}
    game.escalation[side] = game.public_escalation[side] = obs.escalation[obs.side]
    theirs = obs.escalation[sc.sides[other]]
    game.escalation[other] = game.public_escalation[other] = theirs
    return game

"""A validated scenario compiled for the engine: indices instead of names, closures instead of text.

Everything the engine needs per turn is precomputed here once, so a turn does only list walks
and closure calls. Built by `compile_scenario` from a validated `schema.Scenario`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from operator import itemgetter
from types import MappingProxyType
from typing import Callable

from game.scenario import schema
from game.scenario.expr import (Code, CompiledEffects, Names, all_of, compile_code, compile_condition,
                                compile_effects, compile_chance_selector, compile_fire, compile_first,
                                compile_number, finite, compile_selector, compile_settle, condition_code,
                                variable_names)
from game.scenario.clauses import clause_tree
from game.scenario.facts import FactLayout, cooldown_code, fact_layout, once_code, with_secrets
from game.scenario.moves import PASS_ID, MoveSpace, message_table, side_messages
from game.scenario.phases import PhaseMachine

Condition = Callable[[list], bool]


@dataclass(frozen=True, eq=False, slots=True)
class Action:
    """One move on a side's menu, compiled."""

    index: int            # position in its side's list
    id: str
    side: int
    label: str
    kind: str
    category: str
    escalation: float
    requires: Condition | None       # its `requires`, `once` and `cooldown` together
    effects: CompiledEffects
    public: bool
    spec: schema.Action

    def __repr__(self) -> str:
        return f"<Action {self.id}>"


@dataclass(frozen=True, eq=False, slots=True)
class Commitment:
    side: int
    breach_if: Condition
    effects: CompiledEffects                  # the breach's consequences
    headline: str


@dataclass(frozen=True, eq=False, slots=True)
class Option:
    issue: int
    index: int
    id: str
    label: str
    value: tuple[float, float]
    effects: CompiledEffects
    commitment: Commitment | None          # the first of `commitments` (kept for older callers)
    spec: schema.IssueOption
    commitments: tuple[Commitment, ...] = ()   # `commitment` then `commitments`: breaking any breaks the deal
    requires: Condition | None = None      # a proposal containing it is legal only while this holds
    requires_bit: int = 0                  # its bit in CompiledScenario.requires_bits(v); 0 = no requires


@dataclass(frozen=True, eq=False, slots=True)
class Issue:
    index: int
    id: str
    label: str
    options: tuple[Option, ...]
    spec: schema.Issue


@dataclass(frozen=True, eq=False, slots=True)
class Package:
    id: str
    label: str
    side: int | None
    terms: tuple[tuple[int, int], ...]   # (issue index, option index), sorted by issue
    spec: schema.Package
    requires: Condition | None = None    # it can be tabled and accepted only while this holds
    requires_bit: int = 0                # its bit in CompiledScenario.requires_bits(v); 0 = no requires


@dataclass(frozen=True, eq=False, slots=True)
class Event:
    index: int
    id: str
    turn: int | None                     # scheduled turn (from `turn` or `date`)
    condition: Condition | None          # compiled for scheduled events only
    chance: tuple[float, ...] | None     # per phase index; None = certain
    in_phase: tuple[bool, ...]           # per phase index
    once: bool
    effects: CompiledEffects
    spec: schema.Event


@dataclass(frozen=True, eq=False, slots=True)
class Outcome:
    index: int
    id: str
    in_phase: tuple[bool, ...]
    final: bool
    score: tuple[float, float]       # the numbers, or each expression's value in the initial state
    spec: schema.Outcome
    scores: Callable[[list], tuple[float, float]] | None = None   # v -> per-side score (None: `score` as is)
    notes: tuple[tuple[Condition, str], ...] = ()                 # debrief notes: (when, text)
    goal: object = None              # its condition as clauses (game.scenario.clauses); None = no condition

    def score_at(self, v: list) -> tuple[float, float]:
        """Each side's score for this ending in state `v` (a score may be an expression)."""
        return self.scores(v) if self.scores is not None else self.score


@dataclass(frozen=True, eq=False, slots=True)
class Phase:
    index: int
    id: str
    transitions: tuple[tuple[int, Condition], ...]        # (destination index, condition)
    next_phase: Callable[[list], int]                      # v -> first transition's destination, or -1
    ending: Callable[[list], "Outcome | None"]             # v -> first ongoing outcome that holds here
    final: Callable[[list], "Outcome | None"]              # v -> first final outcome that holds here
    actions: tuple[tuple[Action, ...], tuple[Action, ...]]  # open here, per side (before `requires`)
    select: tuple[Callable, Callable]                      # per side: v -> the open actions whose `requires` hold
    open: tuple[frozenset, frozenset]                      # per side: `actions` as a set
    events: Callable      # (v, fired, draw) -> the unscheduled events that happen here this turn
    spec: schema.Phase
    fire: Callable = None  # (v, fired, draw) -> whether any happened: `events` marked and applied, one call


@dataclass(frozen=True, eq=False)
class CompiledScenario:
    """The engine's view of a scenario. Immutable; shared by every game, on any thread.

    Nothing in it changes while games run: games keep their own state and caches."""

    model: schema.Scenario
    content_hash: str
    source: str                           # where it was loaded from (for messages only)
    sides: tuple[str, str]
    var_ids: tuple[str, ...]
    names: dict[str, int]                 # expression names -> state vector index
    lo: tuple[float, ...]
    hi: tuple[float, ...]
    initial: tuple[float, ...]            # state vector at turn 1 (variables, then turn)
    visible: tuple[tuple[bool, ...], tuple[bool, ...]]   # per side, per variable: exact value seen
    noise: tuple[float | None, ...]       # intel noise per variable for the side that cannot see it
    sight: tuple[tuple, tuple]            # per side: (indices seen exactly, indices estimated with noise)
    intel_sd: tuple[Mapping, Mapping]     # per side: variable id -> sd of its estimate (read-only)
    dates: tuple[dt.date, ...]            # the first day of each turn, 1 .. max_turns + 1
    rankings: tuple[tuple, tuple]         # per side, per issue: option ids that side prefers most first
    phases: tuple[Phase, ...]
    phase_index: dict[str, int]
    actions: tuple[tuple[Action, ...], tuple[Action, ...]]
    issues: tuple[Issue, ...]
    packages: tuple[Package, ...]
    message_effects: dict[str, CompiledEffects]
    events: tuple[Event, ...]
    scheduled: dict[int, tuple[Event, ...]]
    outcomes: tuple[Outcome, ...]
    max_turns: int
    moves: tuple[MoveSpace, MoveSpace]    # per side: every action and message, stably numbered
    pass_actions: tuple[Action, Action]   # offered only when none of a side's actions is open
    phase_machine: PhaseMachine           # the `transitions` machine the phase table agrees with
    message_sets: dict                    # (side, settled, answering) -> (legal messages, as a set); read-only
    facts: FactLayout = None              # the read-only fact slots after `turn` in the state vector
    move_notes: tuple = ()                # per side, per MoveSpace action: (last_lo, last_hi, last, played, at)
    legality: tuple = ()                  # per side, per action: checked code of requires + once + cooldown, or None
    blank_last: tuple = ()                # per side: zeros for its range of `last` slots
    requires_bits: Callable[[list], int] = None   # v -> bit mask of the option/package `requires` that hold
    gated: bool = False                   # some option or package has a `requires`
    requires_all: int = 0                 # every bit of requires_bits: nothing gated off
    message_needs: tuple = ((), ())       # per side, per MoveSpace message index: the bits it needs
    settle: Callable[[list, list], None] | None = None   # (v, d): add the deltas, clamp, zero d (None: loop)
    seen: tuple = ()                      # per side: (ids of the variables it sees exactly, v -> their values)

    @property
    def id(self) -> str:
        return self.model.id

    def turn_date(self, turn: int) -> dt.date:
        """The first calendar day a turn stands for."""
        if 1 <= turn <= len(self.dates):
            return self.dates[turn - 1]
        return self.model.start_date + dt.timedelta(days=(turn - 1) * self.model.turn_days)

    def side_index(self, side: str) -> int:
        return self.sides.index(side)


def _phase_mask(phases: list[str] | None, phase_index: dict[str, int]) -> tuple[bool, ...]:
    if phases is None:
        return (True,) * len(phase_index)
    wanted = set(phases)
    return tuple(p in wanted for p in phase_index)


def compile_scenario(model: schema.Scenario, content_hash: str = "", source: str = "") -> CompiledScenario:
    """Compile a validated scenario. Assumes cross-references were checked by the validator."""
    sides = tuple(model.sides)
    var_ids = tuple(model.variables)
    names = variable_names(var_ids)
    facts = fact_layout(len(names), sides, [[a.id for a in model.actions[side]] for side in sides],
                        [(i.id, [o.id for o in i.options]) for i in model.negotiation.issues])
    names = Names({**names, **facts.names})
    facts = with_secrets(facts, [[a.id for a in model.actions[side] if not a.public] for side in sides])
    phase_index = {p: i for i, p in enumerate(model.phases)}
    variables = list(model.variables.values())
    lo = tuple(float(v.min) for v in variables) + (0.0,) + (0.0,) * facts.size
    hi = tuple(float(v.max) for v in variables) + (float(model.max_turns + 1),) + (float("inf"),) * facts.size

    legality: dict[tuple[int, int], Code | None] = {}   # (side, action index) -> requires, once and cooldown
    for s, side in enumerate(sides):
        for i, a in enumerate(model.actions[side]):
            slots = facts.moves[s][a.id]
            legality[s, i] = all_of(condition_code(a.requires, names) if a.requires else None,
                                    once_code(slots) if a.once else None,
                                    cooldown_code(slots, a.cooldown, names["turn"]) if a.cooldown else None)
    actions = tuple(
        tuple(Action(index=i, id=a.id, side=s, label=a.label, kind=a.kind, category=a.category,
                     escalation=float(a.escalation if a.escalation is not None
                                      else model.escalation_ladder[a.category]),
                     requires=compile_code(legality[s, i]) if legality[s, i] else None,
                     effects=compile_effects(a.effects, names), public=a.public, spec=a)
              for i, a in enumerate(model.actions[side]))
        for s, side in enumerate(sides))
    gates: list[str] = []   # the distinct `requires` of options and packages, one bit each

    def gate(text: str | None) -> tuple[Condition | None, int]:
        if text is None:
            return None, 0
        if text not in gates:
            gates.append(text)
        return compile_condition(text, names), 1 << gates.index(text)

    issues = []
    for ii, issue in enumerate(model.negotiation.issues):
        options = []
        for oi, opt in enumerate(issue.options):
            commitments = tuple(
                Commitment(side=sides.index(c.by), breach_if=compile_condition(c.breach_if, names),
                           effects=compile_effects(c.effects, names, lo, hi), headline=c.headline)
                for c in ([opt.commitment] if opt.commitment else []) + list(opt.commitments))
            requires, bit = gate(opt.requires)
            options.append(Option(issue=ii, index=oi, id=opt.id, label=opt.label,
                                  value=(float(opt.value[sides[0]]), float(opt.value[sides[1]])),
                                  effects=compile_effects(opt.effects, names),
                                  commitment=commitments[0] if commitments else None, spec=opt,
                                  commitments=commitments, requires=requires, requires_bit=bit))
        issues.append(Issue(index=ii, id=issue.id, label=issue.label, options=tuple(options), spec=issue))
    issue_index = {i.id: i for i in issues}
    packages = tuple(
        Package(id=p.id, label=p.label, side=None if p.by is None else sides.index(p.by),
                terms=tuple(sorted((issue_index[k].index,
                                    next(o.index for o in issue_index[k].options if o.id == v))
                                   for k, v in p.terms.items())),
                spec=p, **dict(zip(("requires", "requires_bit"), gate(p.requires))))
        for p in model.negotiation.packages)

    start, span = model.start_date, model.turn_days
    events = []
    for ei, ev in enumerate(model.events):
        turn = ev.turn if ev.turn is not None else (
            (ev.date - start).days // span + 1 if ev.date is not None else None)
        chance = None
        if ev.chance is not None or ev.chance_in:
            base = ev.chance if ev.chance is not None else 0.0
            chance = tuple(float(ev.chance_in.get(p, base)) for p in phase_index)
        events.append(Event(index=ei, id=ev.id, turn=turn,
                            # unscheduled events' conditions live in the phases' fused selectors
                            condition=compile_condition(ev.condition, names) if ev.condition and turn else None,
                            chance=chance, in_phase=_phase_mask(ev.phases, phase_index), once=ev.once,
                            effects=compile_effects(ev.effects, names, lo, hi), spec=ev))
    scheduled: dict[int, list[Event]] = {}
    for ev in events:
        if ev.turn is not None:
            scheduled.setdefault(ev.turn, []).append(ev)

    initial = tuple(float(v.initial) for v in variables) + (1.0,) + (0.0,) * facts.size
    outcomes = tuple(_outcome(i, o, sides, names, phase_index, initial) for i, o in enumerate(model.outcomes))

    phases = []
    for pi, (pid, ph) in enumerate(model.phases.items()):
        open_actions = tuple(
            tuple(a for a in side_actions if a.spec.phases is None or pid in a.spec.phases)
            for side_actions in actions)
        ongoing = [o for o in outcomes if not o.final and o.in_phase[pi]]
        final = [o for o in outcomes if o.final and o.in_phase[pi]]
        phases.append(Phase(
            index=pi, id=pid,
            transitions=tuple((phase_index[t.to], compile_condition(t.when, names)) for t in ph.transitions),
            next_phase=compile_first([t.when for t in ph.transitions], [phase_index[t.to] for t in ph.transitions],
                                     names, default=-1),
            ending=compile_first([o.spec.condition for o in ongoing], ongoing, names),
            final=compile_first([o.spec.condition for o in final], final, names),
            actions=open_actions,
            select=tuple(compile_selector([legality[a.side, a.index] for a in acts], acts, names)
                         for acts in open_actions),
            open=tuple(frozenset(acts) for acts in open_actions),
            events=events_selector(events, pi, names),
            spec=ph, fire=events_selector(events, pi, names, fire=True)))

    pass_actions = tuple(_pass_action(s, len(actions[s]), names) for s in (0, 1))
    moves = tuple(MoveSpace(side=s, actions=actions[s] + (pass_actions[s],),
                            messages=side_messages(issues, packages, s)) for s in (0, 1))
    phases = tuple(phases)
    effects = model.negotiation.effects
    return CompiledScenario(
        model=model, content_hash=content_hash, source=source, sides=sides, var_ids=var_ids, names=names,
        lo=lo, hi=hi,
        initial=initial,
        visible=tuple(tuple(v.visible_to in ("all", side) for v in variables) for side in sides),
        noise=tuple(v.intel_noise for v in variables),
        intel_sd=tuple(MappingProxyType({vid: v.intel_noise for vid, v in model.variables.items()
                                         if v.visible_to not in ("all", side) and v.intel_noise is not None})
                       for side in sides),
        rankings=tuple(tuple(tuple(o.id for o in sorted(issue.options, key=lambda o: (-o.value[s], o.index)))
                             for issue in issues) for s in (0, 1)),
        dates=tuple(model.start_date + dt.timedelta(days=t * model.turn_days) for t in range(model.max_turns + 1)),
        sight=tuple((tuple(i for i, v in enumerate(variables) if v.visible_to in ("all", side)),
                     tuple(i for i, v in enumerate(variables)
                           if v.visible_to not in ("all", side) and v.intel_noise is not None))
                    for side in sides),
        phases=phases, phase_index=phase_index, actions=actions, issues=tuple(issues),
        packages=packages,
        message_effects={k: compile_effects(getattr(effects, k), names)
                         for k in ("propose", "accept", "reject", "question")},
        events=tuple(events), scheduled={t: tuple(evs) for t, evs in scheduled.items()},
        outcomes=outcomes, max_turns=model.max_turns, moves=moves, pass_actions=pass_actions,
        phase_machine=PhaseMachine(phases), message_sets=message_table(moves, len(issues)),
        facts=facts, requires_bits=_bits(gates, names), gated=bool(gates), requires_all=(1 << len(gates)) - 1,
        message_needs=tuple(tuple(message_need(issues, packages, m) for m in space.messages) for space in moves),
        settle=compile_settle(lo, hi, len(var_ids)),
        seen=tuple((tuple(var_ids[i] for i in exact), _getter(exact))
                   for exact in (tuple(i for i, v in enumerate(variables) if v.visible_to in ("all", side))
                                 for side in sides)),
        legality=tuple(tuple(legality[s, i] for i in range(len(actions[s]))) for s in (0, 1)),
        move_notes=tuple(tuple(_note(facts.moves[s][a.id]) for a in moves[s].actions) for s in (0, 1)),
        blank_last=tuple([0.0] * (next(iter(facts.moves[s].values())).last_hi
                                  - next(iter(facts.moves[s].values())).last_lo) for s in (0, 1)))


def message_need(issues, packages, message) -> int:
    """The `requires` bits a message needs: its options' and its package's."""
    need = 0
    for i, o in message.terms:
        need |= issues[i].options[o].requires_bit
    if message.package is not None:
        need |= next((p.requires_bit for p in packages if p.id == message.package), 0)
    return need


def _getter(indices: tuple[int, ...]) -> Callable[[list], tuple]:
    """`f(v)`: the values at `indices`, as a tuple (one C call for two or more)."""
    if len(indices) >= 2:
        return itemgetter(*indices)
    return (lambda v: ()) if not indices else (lambda v, i=indices[0]: (v[i],))


def _note(slots) -> tuple[int, int, int, int, int]:
    """Where the engine writes one action's move facts, as plain indices for the hot path."""
    return (slots.last_lo, slots.last_hi, slots.last, slots.played, slots.at)


def _bits(gates: list[str], names: dict[str, int]) -> Callable[[list], int]:
    """`f(v) -> int`: bit k set while the k-th distinct option/package `requires` holds."""
    if not gates:
        return lambda v: 0
    terms = [f"({1 << k} if {condition_code(t, names)} else 0)" for k, t in enumerate(gates)]
    # at most 200 terms per sum: `a + b + ...` nests one level per term, and a few thousand
    # gates broke Python's compiler
    parts = [compile_code(Code(" + ".join(terms[k:k + 200]))) for k in range(0, len(terms), 200)]
    return parts[0] if len(parts) == 1 else lambda v: sum(part(v) for part in parts)


def _outcome(index: int, o: schema.Outcome, sides: tuple[str, str], names: dict[str, int],
             phase_index: dict[str, int], initial: tuple[float, ...]) -> Outcome:
    """An outcome with its score: numbers as they are, expressions compiled over the final state."""
    values = [o.score[side] for side in sides]
    scores = None
    if any(isinstance(x, str) for x in values):
        fns = [compile_number(x, names) if isinstance(x, str) else (lambda v, x=float(x): x) for x in values]
        scores = lambda v, a=fns[0], b=fns[1]: (finite(a(v)), finite(b(v)))   # noqa: E731
    return Outcome(index=index, id=o.id, in_phase=_phase_mask(o.phases, phase_index), final=o.final,
                   score=scores(list(initial)) if scores else (float(values[0]), float(values[1])), spec=o,
                   scores=scores,
                   notes=tuple((compile_condition(n.when, names), n.text) for n in o.debrief_notes),
                   goal=clause_tree(o.condition, names) if o.condition else None)



def events_selector(events, pi: int, names, keyed: bool = False, fire: bool = False):
    """The selector of phase `pi`'s own (unscheduled) events that happen this turn, in file order:
    `f(v, F, R)`. `keyed`: R(event index) instead of R(), for keyed draws (game.engine.keyed).
    `fire`: the same selection, the events marked fired and their effects applied in the same
    call (game.scenario.expr.compile_fire), for turns with no scheduled event and no log."""
    here = [e for e in events if e.turn is None and e.in_phase[pi] and (e.chance is None or e.chance[pi] > 0)]
    entries = [(e.index if e.once else None, e.spec.condition, None if e.chance is None else e.chance[pi])
               for e in here]
    if fire:
        return compile_fire(entries, here, names)
    return compile_chance_selector(entries, here, names, keys=[e.index for e in here] if keyed else None)


def _pass_action(side: int, index: int, names: dict[str, int]) -> Action:
    """The built-in 'wait', numbered after the side's own actions."""
    spec = schema.Action(id=PASS_ID, label="Wait and watch", kind="diplomatic", category="status_quo",
                         escalation=0, text="None of your moves is open this turn: you wait.")
    return Action(index=index, id=PASS_ID, side=side, label=spec.label, kind=spec.kind, category=spec.category,
                  escalation=0.0, requires=None, effects=compile_effects([], names), public=True, spec=spec)

"""A compiled scenario's rules as tables and column functions, for playing many games in lockstep.

Everything here is derived from the one-game engine's compiled scenario: the same stable move
numbers, the same checked condition and effect code (translated to columns by
`game.lockstep.vector`), the same value tables. Built once per scenario; read-only afterwards.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

import numpy as np

from game.errors import HotlineError
from game.lockstep.vector import NotVectorisable, columns
from game.scenario.expr import condition_code, effect_parts, number_code
from game.scenario.moves import ACCEPT, NONE, PROPOSE, QUESTION, REJECT

KIND_CODES = {NONE: 0, PROPOSE: 1, ACCEPT: 2, REJECT: 3, QUESTION: 4}
K_NONE, K_PROPOSE, K_ACCEPT, K_REJECT, K_QUESTION = range(5)
MAX_ISSUES = 62


class UnsupportedScenario(HotlineError, ValueError):
    """A scenario with a rule the batch engine cannot play exactly as the one-game engine does."""


@dataclass(frozen=True)
class ColumnEffects:
    """One effect list: (target slot, f(V) -> change per game) in list order; `fixed`, when every
    change is a fixed amount: (target slots, their summed amounts) for a one-step apply."""

    parts: tuple[tuple[int, object], ...]
    fixed: tuple | None = None

    @property
    def empty(self) -> bool:
        return not self.parts


@dataclass(frozen=True)
class SideRules:
    n_actions: int                      # MoveSpace actions, `pass` last
    open: np.ndarray                    # (n_actions, n_phases) bool: open in that phase (pass: never)
    legality: tuple                     # per action: f(V) -> bool per game, or None
    effects: tuple                      # per action: ColumnEffects
    escalation: np.ndarray              # (n_actions,)
    public: np.ndarray                  # (n_actions,) bool: the other side learns of it
    notes: np.ndarray                   # (n_actions, 5): last_lo, last_hi, last, played, at
    n_messages: int
    kind: np.ndarray                    # (n_messages,) message kind code
    terms: np.ndarray                   # (n_messages, n_issues) option index or -1
    touches: np.ndarray                 # (n_messages, n_issues) bool: proposal or question on that issue
    touch_bits: np.ndarray              # the same as one int64 of issue bits per message
    need: np.ndarray                    # (n_messages,) int64 requires-bits the message needs
    kind_of: tuple                      # per action: "diplomatic", "military", ... (for scripted players)
    category_of: tuple
    const_slots: np.ndarray             # variables some action changes by a fixed amount
    const_table: np.ndarray             # (n_actions, len(const_slots)): each action's fixed changes
    computing: tuple                    # the actions with changes computed from the state


class BatchRules:
    """The scenario's rules in column form; refuses (UnsupportedScenario) what it cannot play."""

    def _event_table(self, events):
        return _event_table_for(events, self.n_phases)

    def __init__(self, scenario):
        sc = self.scenario = scenario
        try:
            self._build(sc)
        except NotVectorisable as exc:
            raise UnsupportedScenario(f"scenario '{sc.id}' cannot be played by the batch engine: {exc}; "
                                      "use the one-game engine (simulate --engine game)") from exc

    def _build(self, sc) -> None:
        names = sc.names
        cond = lambda text: columns(condition_code(text, names))   # noqa: E731
        self.n_slots = len(sc.initial)
        self.n_vars = len(sc.var_ids)
        self.turn_slot = self.n_vars
        self.lo = np.array(sc.lo, dtype=float)
        self.hi = np.array(sc.hi, dtype=float)
        self.initial = np.array(sc.initial, dtype=float)
        self.n_phases = len(sc.phases)
        self.n_issues = len(sc.issues)
        self.max_options = max((len(i.options) for i in sc.issues), default=1)
        if self.n_issues > MAX_ISSUES:
            raise NotVectorisable(f"it has {self.n_issues} issues (the batch engine keeps a game's settled "
                                  f"issues as the bits of one number: at most {MAX_ISSUES})")
        self.issue_bits = np.int64(1) << np.arange(max(self.n_issues, 1), dtype=np.int64)

        def effects(items) -> ColumnEffects:
            parts = effect_parts(items, names)
            fixed = None
            amounts = [_constant(code) for _, code in parts]
            if parts and all(a is not None for a in amounts):
                total: dict[int, float] = {}
                for (i, _), a in zip(parts, amounts):
                    total[i] = total.get(i, 0.0) + a
                slots = sorted(total)
                fixed = (np.array(slots, dtype=np.int64), np.array([total[i] for i in slots])[:, None])
            return ColumnEffects(tuple((i, columns(code)) for i, code in parts), fixed)

        self.sides = []
        for s in (0, 1):
            space = sc.moves[s]
            n_a = len(space.actions)
            open_ = np.zeros((n_a, self.n_phases), dtype=bool)
            for phase in sc.phases:
                for action in phase.actions[s]:
                    open_[action.index, phase.index] = True
            legality = tuple(columns(code) if code else None for code in sc.legality[s]) + (None,)
            messages = space.messages
            kind = np.array([KIND_CODES[m.kind] for m in messages], dtype=np.int8)
            terms = np.full((len(messages), max(self.n_issues, 1)), -1, dtype=np.int64)
            touches = np.zeros((len(messages), max(self.n_issues, 1)), dtype=bool)
            need = np.zeros(len(messages), dtype=np.int64)
            for m in messages:
                for i, o in m.terms:
                    terms[m.index, i] = o
                    touches[m.index, i] = True
                    need[m.index] |= sc.issues[i].options[o].requires_bit
                if m.kind == QUESTION:
                    touches[m.index, m.issue] = True
                if m.package is not None:
                    need[m.index] |= next(p.requires_bit for p in sc.packages if p.id == m.package)
            parts = [effect_parts(a.spec.effects, names) for a in space.actions]
            const_slots, table, rest = _fixed_changes(parts, n_a)
            computing = tuple(a for a, r in enumerate(rest) if r)
            self.sides.append(SideRules(computing=computing,
                n_actions=n_a, open=open_, legality=legality,
                effects=tuple(ColumnEffects(tuple((i, columns(code)) for i, code in r)) for r in rest),
                const_slots=const_slots, const_table=table,
                escalation=np.array([a.escalation for a in space.actions]),
                public=np.array([a.public for a in space.actions], dtype=bool),
                notes=np.array(sc.move_notes[s], dtype=np.int64),
                n_messages=len(messages), kind=kind, terms=terms, touches=touches, need=need,
                touch_bits=(touches.astype(np.int64) << np.arange(touches.shape[1])).sum(axis=1),
                kind_of=tuple(a.kind for a in space.actions), category_of=tuple(a.category for a in space.actions)))

        neg = sc.model.negotiation.effects
        self.message_effects = {KIND_CODES[k]: effects(getattr(neg, k)) for k in ("propose", "accept", "reject", "question")}

        self.gates = tuple((bit, cond(text)) for bit, text in gate_conditions(sc))

        self.values = np.zeros((max(self.n_issues, 1), self.max_options, 2))
        self.option_effects: dict[tuple[int, int], ColumnEffects] = {}
        self.commitments: dict[tuple[int, int], tuple] = {}
        self.deal_slots = np.zeros((max(self.n_issues, 1), self.max_options, 3), dtype=np.int64)
        self.binds = np.zeros((max(self.n_issues, 1), self.max_options), dtype=bool)
        for issue in sc.issues:
            for opt in issue.options:
                self.values[issue.index, opt.index] = opt.value
                self.option_effects[issue.index, opt.index] = effects(opt.spec.effects)
                self.deal_slots[issue.index, opt.index] = sc.facts.deals[issue.index][opt.index]
                specs = ([opt.spec.commitment] if opt.spec.commitment else []) + list(opt.spec.commitments)
                if specs:
                    self.binds[issue.index, opt.index] = True
                    self.commitments[issue.index, opt.index] = tuple(
                        (cond(c.breach_if), effects(c.effects)) for c in specs)

        # options' fixed changes as one table (issue, option, slot); computed ones keep their lists
        fixed_slots = sorted({int(i) for e in self.option_effects.values() if e.fixed is not None for i in e.fixed[0]})
        self.option_slots = np.array(fixed_slots, dtype=np.int64)
        self.option_table = np.zeros((max(self.n_issues, 1), self.max_options, len(fixed_slots)))
        for (i, o), e in self.option_effects.items():
            if e.fixed is not None:
                for slot, amount in zip(e.fixed[0], e.fixed[1][:, 0]):
                    self.option_table[i, o, fixed_slots.index(int(slot))] = amount
        self.option_computed = {key: e for key, e in self.option_effects.items() if e.fixed is None and not e.empty}
        self.binding = tuple(tuple(o for o in range(self.max_options) if (i, o) in self.commitments)
                             for i in range(max(self.n_issues, 1)))   # per issue: options with commitments
        self.computed_options = tuple(tuple((o, e) for (i, o), e in sorted(self.option_computed.items()) if i == issue)
                                      for issue in range(max(self.n_issues, 1)))

        self.events = []
        for ev in sc.events:
            chance = None if ev.chance is None else np.array(ev.chance)
            self.events.append((ev, cond(ev.spec.condition) if ev.spec.condition else None, chance,
                                np.array(ev.in_phase), effects(ev.spec.effects)))
        self.unscheduled = [e for e in self.events if e[0].turn is None]
        self.scheduled: dict[int, list] = {}
        for e in self.events:
            if e[0].turn is not None:
                self.scheduled.setdefault(e[0].turn, []).append(e)

        # the events to check, in order: scheduled ones (each only on its turn), then the others
        self.event_table = self._event_table([e for e in self.events if e[0].turn is not None] + self.unscheduled)

        self.event_groups = _event_groups(self.event_table, self.events)

        self.transitions = tuple(
            tuple((sc.phase_index[t.to], cond(t.when)) for t in sc.model.phases[phase.id].transitions)
            for phase in sc.phases)
        # the end, as one table: ongoing outcomes first, then those checked on the last turn, each
        # group in file order (the first that holds wins); each condition is evaluated once a turn
        ends = [o for o in sc.outcomes if not o.final] + [o for o in sc.outcomes if o.final]
        self.end_ids = np.array([o.index for o in ends], dtype=np.int64)
        self.end_checks = tuple(cond(o.spec.condition) if o.spec.condition else None for o in ends)
        self.end_final = np.array([o.final for o in ends], dtype=bool)
        self.end_in_phase = np.array([list(o.in_phase) for o in ends], dtype=bool).reshape(len(ends), self.n_phases)
        self.scores = tuple(
            tuple(columns(number_code(x, names)) if isinstance(x, str) else float(x)
                  for x in (o.spec.score[sc.sides[0]], o.spec.score[sc.sides[1]]))
            for o in sc.outcomes)


def gate_conditions(sc) -> list[tuple[int, str]]:
    """(requires bit, its condition text) of every gated option and package, by bit."""
    gates: dict[int, str] = {}
    for issue in sc.issues:
        for opt in issue.options:
            if opt.requires_bit:
                gates[opt.requires_bit] = opt.spec.requires
    for p in sc.packages:
        if p.requires_bit:
            gates[p.requires_bit] = p.spec.requires
    return sorted(gates.items())


def _event_table_for(events, n_phases: int):
    """(event indices, in_phase (k, phases), once (k,), chance (k, phases) or None, conditions)."""
    if not events:
        return None
    order = np.array([ev.index for ev, *_ in events], dtype=np.int64)
    in_phase = np.array([phases for _, _, _, phases, _ in events], dtype=bool).reshape(len(events), n_phases)
    once = np.array([ev.once for ev, *_ in events], dtype=bool)
    chance = None
    if any(c is not None for _, _, c, _, _ in events):
        chance = np.array([c if c is not None else np.full(n_phases, 2.0) for _, _, c, _, _ in events])
    conditions = tuple((k, fn) for k, (_, fn, _, _, _) in enumerate(events) if fn is not None)
    when = np.array([-1 if ev.turn is None else ev.turn for ev, *_ in events], dtype=np.int64)
    return order, in_phase, once, chance, conditions, when


def _event_groups(table, events) -> tuple:
    """The checked events split into runs applied in one step: consecutive events with fixed changes
    to pairwise different variables (applying them together is then exactly applying them one after
    another). Each group: (positions in the table as a tuple and as an array, the target slots, for
    each the event changing it (its place in the group) and the amount) or, for an event whose
    changes read the state, (position,) alone."""
    if table is None:
        return ()
    groups, run, used = [], [], set()

    def close():
        if run:
            slots, owner, amounts = [], [], []   # per changed variable: the event (position in run) and amount
            for at, k in enumerate(run):
                fixed = events[table[0][k]][4].fixed
                for i, a in zip(fixed[0], fixed[1][:, 0]):
                    slots.append(int(i))
                    owner.append(at)
                    amounts.append(a)
            groups.append((tuple(run), np.array(run, dtype=np.int64), np.array(slots, dtype=np.int64),
                           np.array(owner, dtype=np.int64), np.array(amounts)[:, None]))
            run.clear()
            used.clear()

    for k, o in enumerate(table[0]):
        effects = events[o][4]
        if effects.fixed is None:
            close()
            groups.append((k,))
            continue
        slots = {int(i) for i in effects.fixed[0]}
        if slots & used:
            close()
        run.append(k)
        used.update(slots)
    close()
    return tuple(groups)


def _constant(code: str) -> float | None:
    """The number a change's code always gives (e.g. `tension += 10`), or None if it reads the state."""
    try:
        value = ast.literal_eval(code)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _fixed_changes(parts: list[list[tuple[int, str]]], n_actions: int):
    """Split each action's effect parts: fixed amounts go to one table (a column gather per turn
    serves every action at once); a target that any of an action's parts computes from the state
    keeps all that action's parts on it in order, so sums run as in the one-game engine."""
    fixed: dict[int, dict[int, float]] = {}
    rest = []
    for a, plist in enumerate(parts):
        computed = {i for i, code in plist if _constant(code) is None}
        keep = [(i, code) for i, code in plist if i in computed]
        for i, code in plist:
            if i not in computed:
                fixed.setdefault(a, {})
                fixed[a][i] = fixed[a].get(i, 0.0) + _constant(code)
        rest.append(keep)
    slots = np.array(sorted({i for row in fixed.values() for i in row}), dtype=np.int64)
    table = np.zeros((n_actions, len(slots)))
    for a, row in fixed.items():
        for k, i in enumerate(slots):
            table[a, k] = row.get(int(i), 0.0)
    return slots, table, rest

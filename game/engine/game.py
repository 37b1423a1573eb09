"""One game of a scenario: its state and the resolution of a turn of simultaneous choices.

A turn: both sides' actions and messages take effect together (their effects are computed from
the same pre-turn state and added, so who chose first never matters), then proposals are
answered and agreements made, commitments checked for breach, events fired, the phase machine
moved, end conditions checked, and a turn record written.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from game import __version__
from game.engine.negotiation import (ACCEPT, ACCEPT_MESSAGE, NO_MESSAGE, PROPOSE, QUESTION, REJECT,
                                     REJECT_MESSAGE, Message, open_messages, side_messages)
from game.engine.rng import CHANCE_STREAM, Stream, derived_seeds, seed_json, seed_key
from game.scenario.compiled import Action, CompiledScenario
from game.scenario.expr import compile_effects

ENGINE_VERSION = __version__   # written into every record and save


class GameOver(RuntimeError):
    """A move was asked of a game that has ended."""


class IllegalChoice(ValueError):
    """A choice that is not among the side's legal choices this turn."""


class Choice(NamedTuple):
    """What a side does in one turn: one action and at most one negotiation message."""

    action: Action
    message: Message = NO_MESSAGE


class Legal:
    """A side's legal choices this turn: any of `actions` with any of `messages`."""

    __slots__ = ("actions", "messages", "_open", "_v", "_message_set")

    def __init__(self, actions: tuple[Action, ...], messages: tuple[Message, ...],
                 open_actions: frozenset | None = None, v: list | None = None,
                 message_set: frozenset | None = None):
        self.actions = actions
        self.messages = messages
        # For allows(): the phase's open actions (whose `requires` is then checked against v)
        # and the messages as sets, so a check costs two hash look-ups, not two scans.
        self._open = frozenset(actions) if open_actions is None else open_actions
        self._v = v
        self._message_set = frozenset(messages) if message_set is None else message_set

    def allows(self, choice) -> bool:
        """Identity, not equality: a choice must be made of the objects offered."""
        if type(choice) is not Choice:
            return False
        action = choice.action
        return (action in self._open and choice.message in self._message_set
                and (self._v is None or action.requires is None or action.requires(self._v)))

    def __repr__(self) -> str:
        return f"Legal({[a.id for a in self.actions]}, {len(self.messages)} messages)"


def _pass_action(scenario: CompiledScenario, side: int) -> Action:
    """The built-in 'wait' offered only when none of a side's actions is open."""
    from game.scenario import schema

    spec = schema.Action(id="pass", label="Wait and watch", kind="diplomatic", category="status_quo",
                         escalation=0, text="None of your moves is open this turn: you wait.")
    return Action(index=-1, id="pass", side=side, label=spec.label, kind=spec.kind, category=spec.category,
                  escalation=0.0, requires=None, effects=compile_effects([], scenario.names),
                  public=True, spec=spec)


@dataclass(frozen=True, slots=True)
class _Runtime:
    """Per-scenario tables the engine derives once and every game shares."""

    messages: tuple[tuple[Message, ...], tuple[Message, ...]]
    pass_actions: tuple[Action, Action]
    message_table: dict      # (side, settled issues, proposal to answer?) -> (legal messages, as a set)


def runtime(scenario: CompiledScenario) -> _Runtime:
    rt = scenario.runtime_cache.get("engine")
    if rt is None:
        rt = _Runtime(messages=(side_messages(scenario, 0), side_messages(scenario, 1)),
                      pass_actions=(_pass_action(scenario, 0), _pass_action(scenario, 1)), message_table={})
        scenario.runtime_cache["engine"] = rt
    return rt


class Game:
    """The state of one game and the rules that move it. Pure: no I/O, clock or global RNG."""

    def __init__(self, scenario: CompiledScenario, seed: int | np.random.SeedSequence = 0, *,
                 log: bool = True):
        self.scenario = scenario
        key = seed_key(seed)
        self.seed = seed_json(key)
        self.seeds = derived_seeds(key)
        self.chance = Stream(self.seeds[CHANCE_STREAM])
        self.log_turns = log
        n = len(scenario.var_ids)
        self.v: list[float] = list(scenario.initial)
        self._n = n
        self.phase = 0
        self.turn = 1
        self.fired = bytearray(len(scenario.events))
        self.pending: list[Message | None] = [None, None]      # proposal BY side i awaiting an answer
        self.agreed: dict[int, int] = {}                       # issue -> option agreed
        self._broken: frozenset[int] = frozenset()             # issues closed by a breach
        self._settled: frozenset[int] = frozenset()            # agreed or broken: off the table
        self.commitments: list[tuple[int, int]] = []           # active (issue, option) with a commitment
        self.breached: list[tuple[int, int]] = []
        self.answers: list[set[int]] = [set(), set()]          # issues each side asked about
        self.escalation = [0.0, 0.0]
        self.public_escalation = [0.0, 0.0]                   # what the other side can know of it
        self.outcome = None
        self.choices: list[tuple[Choice, Choice]] = []
        self.turns: list[dict] = []
        self.last_news: list[dict] = []
        rt = runtime(scenario)
        self._base_messages = rt.messages
        self._message_table = rt.message_table
        self._pass = rt.pass_actions
        self._messages = [None, None]
        self._actions = [None, None]     # legal actions this turn, computed on first ask
        self._legal = [None, None]       # Legal objects this turn, likewise
        self._d = [0.0] * len(self.v)    # delta vector; _apply leaves it all zero again

    # ----------------------------------------------------------------- queries

    @property
    def over(self) -> bool:
        return self.outcome is not None

    @property
    def phase_id(self) -> str:
        return self.scenario.phases[self.phase].id

    def legal_actions(self, side: int) -> tuple[Action, ...]:
        actions = self._actions[side]
        if actions is None:
            actions = self.scenario.phases[self.phase].select[side](self.v)
            actions = self._actions[side] = actions or (self._pass[side],)
        return actions

    def legal_messages(self, side: int) -> tuple[Message, ...]:
        return self._message_entry(side)[0]

    def _message_entry(self, side: int) -> tuple[tuple[Message, ...], frozenset]:
        cached = self._messages[side]
        if cached is None:
            key = (side, self._settled, self.pending[1 - side] is not None)
            cached = self._message_table.get(key)
            if cached is None:
                messages = open_messages(self._base_messages[side], key[1])
                if key[2]:
                    messages = messages + (ACCEPT_MESSAGE, REJECT_MESSAGE)
                cached = self._message_table[key] = (messages, frozenset(messages))
            self._messages[side] = cached
        return cached

    def legal(self, side: int) -> Legal:
        """The side's legal choices this turn (computed once per turn)."""
        legal = self._legal[side]
        if legal is None:
            if self.outcome is not None:
                raise GameOver("the game has ended")
            actions = self.legal_actions(side)
            messages, message_set = self._message_entry(side)
            if actions[0] is self._pass[side]:
                legal = Legal(actions, messages, None, None, message_set)
            else:
                legal = Legal(actions, messages, self.scenario.phases[self.phase].open[side], self.v, message_set)
            self._legal[side] = legal
        return legal

    def value(self, name: str) -> float:
        return self.v[self.scenario.names[name]]

    def variables(self) -> dict[str, float]:
        return dict(zip(self.scenario.var_ids, self.v))

    def scores(self) -> tuple[float, float]:
        """Outcome score plus the value of every agreed option not breached, per side."""
        base = self.outcome.score if self.outcome is not None else (0.0, 0.0)
        issues = self.scenario.issues
        kept = [issues[i].options[o] for i, o in self.agreed.items()]
        return tuple(base[s] + sum(opt.value[s] for opt in kept) for s in (0, 1))

    # ----------------------------------------------------------------- the turn

    def step(self, first: Choice, second: Choice) -> dict | None:
        """Resolve one turn of simultaneous choices (in the order of the scenario's `sides`).

        Returns the turn's record (None when the game was made with log=False)."""
        if self.outcome is not None:
            raise GameOver("the game has ended")
        for side, choice in enumerate((first, second)):
            if choice.action not in self.legal_actions(side) or choice.message not in self.legal_messages(side):
                raise IllegalChoice(f"{self.scenario.sides[side]}: {choice.action.id} with "
                                    f"{choice.message.describe(self.scenario)} is not legal now")
        return self.resolve(first, second)

    def resolve(self, first: Choice, second: Choice) -> dict | None:
        """`step` without the legality check, for a caller that has already made it."""
        choices = (first, second)
        sc = self.scenario
        v = self.v
        log = self.log_turns
        before = list(v) if log else None
        phase_before = self.phase
        news: list[dict] = []
        self.choices.append(choices)

        # 1. Actions and the act of sending messages, simultaneously: every change is computed
        # from the state before the turn into `d`, then all are added and clamped.
        d = self._d
        a0, a1 = first.action, second.action
        a0.effects.apply(v, d)
        a1.effects.apply(v, d)
        touched = a0.effects.targets + a1.effects.targets
        escalation, seen = self.escalation, self.public_escalation
        escalation[0] += a0.escalation
        escalation[1] += a1.escalation
        if a0.public:
            seen[0] += a0.escalation
        if a1.public:
            seen[1] += a1.escalation
        for choice in choices:
            kind = choice.message.kind
            if kind != "none":
                eff = sc.message_effects[kind]
                eff.apply(v, d)
                touched += eff.targets
        self._apply(d, touched)
        if log:
            news.extend({"type": "action", "side": sc.sides[side], "id": c.action.id,
                         "headline": c.action.spec.news or c.action.label, "public": c.action.public}
                        for side, c in enumerate(choices))

        # 2. Messages are delivered.
        self._deliver(choices, news if log else None)

        # 3. Commitments kept or breached.
        if self.commitments:
            self._check_commitments(news if log else None)

        # 4. Events.
        self._fire_events(news if log else None)

        # 5. The phase machine.
        dest = sc.phases[self.phase].next_phase(v)
        if dest >= 0:
            self.phase = sc.phase_machine.move(self.phase, dest, v)
            if log:
                news.append({"type": "phase", "id": sc.phases[self.phase].id,
                             "headline": sc.phases[self.phase].spec.label or sc.phases[self.phase].id})

        # 6. End conditions.
        phase = sc.phases[self.phase]
        outcome = phase.ending(v)
        if outcome is None and self.turn >= sc.max_turns:
            outcome = phase.final(v)
        self.outcome = outcome

        record = None
        if log:
            record = {
                "turn": self.turn,
                "date": sc.turn_date(self.turn).isoformat(),
                "phase": sc.phases[phase_before].id,
                "choices": {sc.sides[s]: {"action": c.action.id, "message": c.message.to_json(sc)}
                            for s, c in enumerate(choices)},
                "news": news,
                "changes": {sc.var_ids[i]: [before[i], v[i]] for i in range(self._n) if before[i] != v[i]},
                "escalation": {sc.sides[s]: choices[s].action.escalation for s in (0, 1)},
                "phase_after": sc.phases[self.phase].id,
            }
            if outcome is not None:
                record["outcome"] = outcome.id
            self.turns.append(record)
            self.last_news = news
        self.turn += 1
        v[-1] = float(self.turn)
        self._actions = [None, None]
        self._legal = [None, None]
        return record

    def _apply(self, d: list, touched) -> None:
        """Add the deltas `d` at the `touched` indices (repeats allowed), clamping to the range."""
        v, lo, hi = self.v, self.scenario.lo, self.scenario.hi
        for i in touched:
            x = v[i] + d[i]
            d[i] = 0.0
            v[i] = lo[i] if x < lo[i] else hi[i] if x > hi[i] else x

    def _deliver(self, choices: tuple[Choice, Choice], news: list | None) -> None:
        """Answers first (to what was on the table when the turn began), then new proposals.

        Both sides' acceptances take effect together: where the two accepted proposals name
        different options for one issue, neither is agreed, so the order of sides never matters.
        """
        sc = self.scenario
        if choices[0].message.kind == "none" and choices[1].message.kind == "none":
            return
        on_table = list(self.pending)
        self._messages = [None, None]
        accepted: list[Message] = []
        for side, choice in enumerate(choices):
            kind = choice.message.kind
            if kind == ACCEPT or kind == REJECT:
                proposal = on_table[1 - side]
                self.pending[1 - side] = None
                if kind == ACCEPT:
                    accepted.append(proposal)
                if news is not None:
                    verb = "accepts" if kind == ACCEPT else "rejects"
                    news.append({"type": kind, "side": sc.sides[side],
                                 "headline": f"{self._name(side)} {verb}: {proposal.describe(sc)}"})
        if accepted:
            self._agree(accepted, news)
        settled = self._settled
        if settled:   # a proposal is out of date once one of its issues is closed
            for side, proposal in enumerate(self.pending):
                if proposal is not None and not settled.isdisjoint(i for i, _ in proposal.terms):
                    self.pending[side] = None
        for side, choice in enumerate(choices):
            msg = choice.message
            if msg.kind == PROPOSE:
                other = 1 - side
                if on_table[other] is not None and self.pending[other] is on_table[other]:
                    self.pending[other] = None   # a counter-proposal sets theirs aside
                overtaken = bool(settled) and not settled.isdisjoint(i for i, _ in msg.terms)   # this turn
                if not overtaken:
                    self.pending[side] = msg
                if news is not None:
                    note = " — overtaken by this turn's agreement" if overtaken else ""
                    news.append({"type": "proposal", "side": sc.sides[side],
                                 "headline": f"{self._name(side)}: {msg.describe(sc)}{note}"})
            elif msg.kind == QUESTION:
                self.answers[side].add(msg.issue)
                if news is not None:
                    news.append({"type": "question", "side": sc.sides[side],
                                 "headline": f"{self._name(side)} sends follow-up questions on "
                                             f"{sc.issues[msg.issue].label}"})

    def _name(self, side: int) -> str:
        return self.scenario.model.sides[self.scenario.sides[side]].name

    def _agree(self, proposals: list[Message], news: list | None) -> None:
        """Agree the terms of the accepted proposals, all at once; conflicting terms fall away."""
        sc = self.scenario
        terms: dict[int, set[int]] = {}
        for proposal in proposals:
            for issue, option in proposal.terms:
                terms.setdefault(issue, set()).add(option)
        d = self._d
        touched = ()
        for issue in sorted(terms):
            options = terms[issue]
            if len(options) > 1:
                if news is not None:
                    news.append({"type": "conflict", "id": sc.issues[issue].id,
                                 "headline": f"No agreement on {sc.issues[issue].label}: the two sides "
                                             f"accepted different terms at the same time"})
                continue
            opt = sc.issues[issue].options[options.pop()]
            self.agreed[issue] = opt.index
            opt.effects.apply(self.v, d)
            touched += opt.effects.targets
            if opt.commitment is not None:
                self.commitments.append((issue, opt.index))
            if news is not None:
                news.append({"type": "agreement", "id": f"{sc.issues[issue].id}.{opt.id}",
                             "headline": f"Agreed — {sc.issues[issue].label}: {opt.label}"})
        self._settled = frozenset(self.agreed) | self._broken
        self._apply(d, touched)

    def _check_commitments(self, news: list | None) -> None:
        """A breached commitment has its consequences, and its issue is closed for the rest of the game
        (it cannot be signed again, so the same deal cannot be made and broken over and over)."""
        sc = self.scenario
        still = []
        for issue, option in self.commitments:
            c = sc.issues[issue].options[option].commitment
            if c.breach_if(self.v):
                self.breached.append((issue, option))
                del self.agreed[issue]
                self._broken = self._broken | {issue}
                self._settled = frozenset(self.agreed) | self._broken
                if c.apply is not None:
                    c.apply(self.v)
                self._messages = [None, None]
                if news is not None:
                    news.append({"type": "breach", "side": sc.sides[c.side],
                                 "id": f"{sc.issues[issue].id}.{sc.issues[issue].options[option].id}",
                                 "headline": c.headline or f"{self._name(c.side)} breaks "
                                             f"its commitment on {sc.issues[issue].label}"})
            else:
                still.append((issue, option))
        self.commitments = still

    def _fire_events(self, news: list | None) -> None:
        """Scheduled events of this turn, then the phase's conditional and random ones, in file order."""
        sc = self.scenario
        v, fired, phase, draw = self.v, self.fired, self.phase, self.chance.random
        happening = sc.phases[phase].events(v, fired, draw)
        scheduled = sc.scheduled.get(self.turn)
        if scheduled:   # rare: checked here rather than compiled into every phase's selector
            happening = tuple(
                ev for ev in scheduled
                if ev.in_phase[phase] and not (ev.once and fired[ev.index])
                and (ev.condition is None or ev.condition(v))
                and (ev.chance is None or draw() < ev.chance[phase])) + happening
        for ev in happening:
            fired[ev.index] = 1
            if ev.apply is not None:
                ev.apply(v)
            if news is not None:
                news.append({"type": "event", "id": ev.id, "headline": ev.spec.headline, "actor": ev.spec.actor})

    # ----------------------------------------------------------------- snapshots

    def snapshot(self) -> dict:
        """The whole state as plain JSON values (for saves, and to compare games)."""
        sc = self.scenario
        return {
            "turn": self.turn,
            "phase": self.phase_id,
            "variables": self.variables(),
            "fired": [e.id for e in sc.events if self.fired[e.index]],
            "pending": {sc.sides[s]: (m.to_json(sc) if m is not None else None) for s, m in enumerate(self.pending)},
            "agreed": {sc.issues[i].id: sc.issues[i].options[o].id for i, o in sorted(self.agreed.items())},
            "commitments": [f"{sc.issues[i].id}.{sc.issues[i].options[o].id}" for i, o in self.commitments],
            "breached": [f"{sc.issues[i].id}.{sc.issues[i].options[o].id}" for i, o in self.breached],
            "answers": {sc.sides[s]: sorted(sc.issues[i].id for i in self.answers[s]) for s in (0, 1)},
            "escalation": dict(zip(sc.sides, self.escalation)),
            "chance": self.chance.digest(),
            "outcome": self.outcome.id if self.outcome is not None else None,
        }

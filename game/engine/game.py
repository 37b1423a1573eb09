"""One game of a scenario: its state and the resolution of a turn of simultaneous choices.

A turn: both sides' actions and messages take effect together (their effects are computed from
the same pre-turn state and added, so who chose first never matters), then messages are
delivered and agreements made, commitments checked for breach, events fired, the phase moved,
end conditions checked, and a turn record of facts written (kinds, sides, ids, values: never
sentences; `game.present` words them). Every change of a variable is attributed to its causes.

A game is a value: `clone()` copies it independently; the compiled scenario is shared and
never changes. Pure: no I/O, clock or global random state.
"""
from __future__ import annotations

import weakref
from typing import NamedTuple

import numpy as np

from game.engine import facts, gates, keyed, negotiation
from game.engine.negotiation import NO_MESSAGE, Message, Talks
from game.scenario.moves import MoveSpace, legal_messages
from game.engine.rng import CHANCE_STREAM, INTEL_STREAM, Stream, derived_seeds, seed_json, seed_key
from game.errors import HotlineError
from game.scenario.compiled import Action, CompiledScenario, events_selector
from game.scenario.expr import finite

#: the rules' version, written into every record and save; a record of another version is refused
ENGINE_VERSION = 2


class GameOver(HotlineError, RuntimeError):
    """A move was asked of a game that has ended."""


class IllegalChoice(HotlineError, ValueError):
    """A choice that is not among the side's legal choices this turn."""


class Choice(NamedTuple):
    """What a side does in one turn: one action and at most one negotiation message."""

    action: Action
    message: Message = NO_MESSAGE


class Legal(NamedTuple):
    """A side's legal choices this turn, a read-only snapshot: any of `actions` with any of `messages`.

    Both are tuples in stable-number order (see `game.scenario.moves`). Immutable and holding no
    reference to the game, so an agent can neither read nor change the state through it."""

    side: int
    actions: tuple
    messages: tuple
    message_set: frozenset        # `messages` as a set: one hash look-up
    space: MoveSpace

    def allows(self, choice) -> bool:
        """Only a genuine Choice of the very objects offered: identity and exact types, never
        equality (an object that compares equal to a legal action is not one)."""
        if type(choice) is not Choice or len(choice) != 2:   # a Choice made by tuple.__new__ may have any length
            return False
        action, message = choice
        # exact types first: then `in` compares by identity (Action and Message keep object's __eq__)
        return (type(action) is Action and type(message) is Message
                and action in self.actions and message in self.message_set)

    def choice(self, action: int, message: int = 0) -> Choice:
        """The choice of the stably numbered action and message (check it with `allows`)."""
        return Choice(self.space.actions[action], self.space.messages[message])

    def choice_by_ids(self, action_id, message_json, scenario) -> Choice | None:
        """The legal choice of this action id and message (as records and saves keep them), or None
        when it is not open now (a turn in progress restored, moves replayed on a reloaded file)."""
        action = next((a for a in self.actions if a.id == action_id), None)
        if action is None:
            return None
        try:
            wanted = negotiation.message_from_json(message_json, scenario).key
        except (HotlineError, TypeError, KeyError, AttributeError):
            return None
        message = next((m for m in self.messages if m.key == wanted), None)
        return None if message is None else Choice(action, message)

    @property
    def action_mask(self) -> np.ndarray:
        """Booleans over the side's MoveSpace actions: which are legal now."""
        mask = np.zeros(len(self.space.actions), dtype=bool)
        mask[[a.index for a in self.actions]] = True
        return mask

    @property
    def message_mask(self) -> np.ndarray:
        """Booleans over the side's MoveSpace messages: which are legal now."""
        mask = np.zeros(len(self.space.messages), dtype=bool)
        mask[[m.index for m in self.messages]] = True
        return mask

    def __repr__(self) -> str:
        return f"Legal({[a.id for a in self.actions]}, {len(self.messages)} messages)"


_new_tuple = tuple.__new__   # builds a named tuple in C, skipping its Python-level __new__

#: scenario -> its message menus met beyond `message_sets` (gated ones, many issues settled), by
#: key: shared by every game of the scenario, as each menu depends on its key alone
_MENUS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_MAX_MENUS = 20_000   # past this many, the cache starts again (a scenario with thousands of issues)


def _menus(scenario: CompiledScenario) -> dict:
    menus = _MENUS.get(scenario)
    if menus is None or len(menus) > _MAX_MENUS:
        menus = _MENUS[scenario] = {}
    return menus


#: scenario -> its phases' event selectors with keyed draws (for replayed batch games)
_KEYED_SELECTORS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _keyed_selectors(scenario: CompiledScenario) -> tuple:
    """Each phase's event selector with keyed draws, compiled once per scenario."""
    known = _KEYED_SELECTORS.get(scenario)
    if known is None:
        known = _KEYED_SELECTORS[scenario] = tuple(
            events_selector(scenario.events, p.index, scenario.names, keyed=True) for p in scenario.phases)
    return known


class KeyedEvents:
    """Events' draws keyed by (run seed, game, turn, event), as the batch engine draws them, with
    the phases' event selectors that name each draw (compiled once per scenario)."""

    def __init__(self, scenario: CompiledScenario, seed: int, game: int):
        if isinstance(seed, bool) or isinstance(game, bool) or not isinstance(seed, int) or not isinstance(game, int) \
                or seed < 0 or game < 0:
            raise ValueError(f"keyed draws need a run seed and a game number (whole numbers 0 or more), "
                             f"not {seed!r}, {game!r}")
        self.seed, self.game = seed, game
        self.key = keyed.game_key(seed, game)
        self.selectors = _keyed_selectors(scenario)

    def draws(self, turn: int):
        """R(event index) -> this game's draw for that event on `turn`."""
        key, draw, event = self.key, keyed.draw, keyed.EVENT
        return lambda index: draw(key, turn, event + index)

    def to_json(self) -> dict:
        return {"seed": self.seed, "game": self.game}


class Game:
    """The state of one game and the rules that move it. Pure: no I/O, clock or global RNG."""

    def __init__(self, scenario: CompiledScenario, seed: int | np.random.SeedSequence = 0, *,
                 log: bool = True, keyed: tuple[int, int] | None = None):
        """`keyed=(run seed, game)`: events draw the batch engine's keyed numbers (game.engine.keyed)
        instead of this game's stream, so a batch game replays exactly (game.lockstep.replay)."""
        self.scenario = scenario
        self.keyed = None if keyed is None else KeyedEvents(scenario, *keyed)
        key = seed_key(seed)
        self.seed = seed_json(key)
        self.seeds = derived_seeds(key)
        self.chance = Stream(self.seeds[CHANCE_STREAM])
        self.intel_seed = self.seeds[INTEL_STREAM]
        self._noise = [None, None]       # per side: intelligence noise per turn, made when first observed
        self._fired_ids = ()             # ids of the events fired so far, in file order
        self.log_turns = log
        self.v: list[float] = list(scenario.initial)
        self.phase = 0
        self.turn = 1
        self.fired = bytearray(len(scenario.events))
        self.talks = Talks()
        self.escalation = [0.0, 0.0]
        self.public_escalation = [0.0, 0.0]                   # what the other side can know of it
        self.outcome = None
        self.choices: list[tuple[Choice, Choice]] = []
        self.turns: list[dict] = []
        self.last_news: list[dict] = []
        self._reset_turn_caches()
        self._message_cache = _menus(scenario)   # key -> (messages, as a set), shared by the scenario's games
        self._causes: dict | None = None   # var index -> causes, while a logged turn resolves
        self._d = [0.0] * len(self.v)      # delta vector; _apply leaves it all zero again

    def _reset_turn_caches(self) -> None:
        self._messages = [None, None]
        self._actions = [None, None]     # legal actions this turn, computed on first ask
        self._legal = [None, None]       # Legal objects this turn, likewise
        self._observed = {}              # side / "public" -> this turn's observation pieces
        self._bits = None                # scenario.requires_bits(v) this turn, computed on first ask

    # ----------------------------------------------------------------- values

    def clone(self) -> "Game":
        """An independent copy: playing either never changes the other."""
        new = Game.__new__(Game)
        new.scenario = self.scenario
        new.seed, new.seeds, new.intel_seed = self.seed, self.seeds, self.intel_seed
        new._noise = list(self._noise)          # tables are never changed once made
        new._fired_ids = self._fired_ids
        new.chance = self.chance.clone()
        new.keyed = self.keyed                  # read-only once made
        new.log_turns = self.log_turns
        new.v = list(self.v)
        new.phase, new.turn = self.phase, self.turn
        new.fired = bytearray(self.fired)
        new.talks = self.talks.clone()
        new.escalation = list(self.escalation)
        new.public_escalation = list(self.public_escalation)
        new.outcome = self.outcome
        new.choices = list(self.choices)
        new.turns = list(self.turns)          # finished turn records are never changed
        new.last_news = self.last_news
        new._reset_turn_caches()
        new._message_cache = self._message_cache
        new._causes = None
        new._d = [0.0] * len(new.v)
        return new

    def __deepcopy__(self, memo) -> "Game":
        return self.clone()

    def determinize(self, side: int, rng) -> "Game":
        """A clone as `side` can imagine it: values hidden from it resampled from its own
        intelligence estimate, the other side's secret escalation unknown, chance reseeded."""
        from game.engine.observation import from_observation, observe

        return from_observation(self.scenario, observe(self, side), rng, log=self.log_turns)

    # ----------------------------------------------------------------- queries

    @property
    def over(self) -> bool:
        return self.outcome is not None

    @property
    def phase_id(self) -> str:
        return self.scenario.phases[self.phase].id

    # the negotiation state, by the names front ends and agents know
    pending = property(lambda self: self.talks.pending)
    agreed = property(lambda self: self.talks.agreed)
    commitments = property(lambda self: self.talks.commitments)
    breached = property(lambda self: self.talks.breached)
    answers = property(lambda self: self.talks.answers)

    def legal_actions(self, side: int) -> tuple[Action, ...]:
        actions = self._actions[side]
        if actions is None:
            actions = self.scenario.phases[self.phase].select[side](self.v)
            actions = self._actions[side] = actions or (self.scenario.pass_actions[side],)
        return actions

    def legal_messages(self, side: int) -> tuple[Message, ...]:
        return self._message_entry(side)[0]

    def _message_entry(self, side: int) -> tuple[tuple[Message, ...], frozenset]:
        cached = self._messages[side]
        if cached is not None:
            return cached
        sc = self.scenario
        talks = self.talks
        if sc.gated:   # format: while some option or package `requires` fails, its proposals are not open
            bits = self._bits
            if bits is None:
                bits = self._bits = sc.requires_bits(self.v)
            if bits != sc.requires_all:
                cached = self._messages[side] = gates.message_entry(sc, talks, side, bits, self._message_cache)
                return cached
        key = (side, talks.settled, talks.pending[1 - side] is not None)
        cached = sc.message_sets.get(key) or self._message_cache.get(key)
        if cached is None:   # more issues settled than the scenario's table covers
            messages = legal_messages(sc.moves[side], key[1], key[2])
            cached = self._message_cache[key] = (messages, frozenset(messages))
        self._messages[side] = cached
        return cached

    def legal(self, side: int) -> Legal:
        """The side's legal choices this turn (computed once per turn)."""
        legal = self._legal[side]
        if legal is None:
            if self.outcome is not None:
                raise GameOver("the game has ended")
            actions = self._actions[side]
            if actions is None:   # legal_actions, inline: twice a turn
                actions = self._actions[side] = (self.scenario.phases[self.phase].select[side](self.v)
                                                 or (self.scenario.pass_actions[side],))
            messages, message_set = self._messages[side] or self._message_entry(side)
            legal = self._legal[side] = _new_tuple(
                Legal, (side, actions, messages, message_set, self.scenario.moves[side]))
        return legal

    def legal_mask(self, side: int) -> np.ndarray:
        """One boolean array over the side's MoveSpace: its actions, then its messages."""
        legal = self.legal(side)
        return np.concatenate((legal.action_mask, legal.message_mask))

    def observation_vector(self, side: int) -> np.ndarray:
        from game.engine.observation import observation_vector

        return observation_vector(self, side)

    def fired_ids(self) -> tuple[str, ...]:
        """The events that have happened, in file order (public knowledge)."""
        ids = self._fired_ids
        if ids is None:
            ids = self._fired_ids = tuple(e.id for e in self.scenario.events if self.fired[e.index])
        return ids

    def value(self, name: str) -> float:
        return self.v[self.scenario.names[name]]

    def variables(self) -> dict[str, float]:
        return dict(zip(self.scenario.var_ids, self.v))

    def scores(self) -> tuple[float, float]:
        """Outcome score plus the value of every agreed option not breached, per side."""
        base = self.outcome.score_at(self.v) if self.outcome is not None else (0.0, 0.0)   # may be an expression
        issues = self.scenario.issues
        kept = [issues[i].options[o] for i, o in self.talks.agreed.items()]
        return tuple(base[s] + sum(opt.value[s] for opt in kept) for s in (0, 1))

    # ----------------------------------------------------------------- the turn

    def step(self, first: Choice, second: Choice) -> dict | None:
        """Resolve one turn of simultaneous choices (in the order of the scenario's `sides`).

        Returns the turn's record (None when the game was made with log=False)."""
        for side, choice in enumerate((first, second)):
            if not self.legal(side).allows(choice):
                raise IllegalChoice(f"{self.scenario.sides[side]}: {_describe(choice, self.scenario)} is not legal now")
        return self.resolve(first, second)

    def resolve(self, first: Choice, second: Choice) -> dict | None:
        """`step` without the legality check, for a caller that has already made it (the runner)."""
        choices = (first, second)
        sc = self.scenario
        v = self.v
        log = self.log_turns
        self.choices.append(choices)
        a0, a1 = first.action, second.action
        m0, m1 = first.message, second.message
        escalation, seen = self.escalation, self.public_escalation
        escalation[0] += a0.escalation
        escalation[1] += a1.escalation
        if a0.public:
            seen[0] += a0.escalation
        if a1.public:
            seen[1] += a1.escalation

        # 1. Actions and the act of sending messages, simultaneously: every change is computed from
        # the state before the turn, then all are added and clamped (with the log: attributed).
        if log:
            before, phase_before, news = list(v), self.phase, []
            self._causes = {}
            sources = [(a0.effects, {"kind": "action", "side": sc.sides[0], "id": a0.id}),
                       (a1.effects, {"kind": "action", "side": sc.sides[1], "id": a1.id})]
            sources += [(sc.message_effects[msg.kind], {"kind": "message", "side": sc.sides[s], "message": msg.kind})
                        for s, msg in enumerate((m0, m1)) if msg.kind != "none"]
            self.apply_effects(sources)
            news += ({"kind": "action", "side": sc.sides[s], "id": c.action.id, "public": c.action.public}
                     for s, c in enumerate(choices))
        else:   # the same, inline: the batch path
            news = None
            d = self._d
            a0.effects.apply(v, d)
            a1.effects.apply(v, d)
            if sc.settle is not None:   # every variable's delta added and clamped, in one compiled call
                if m0.kind != "none":
                    sc.message_effects[m0.kind].apply(v, d)
                if m1.kind != "none":
                    sc.message_effects[m1.kind].apply(v, d)
                sc.settle(v, d)
            else:
                touched = a0.effects.targets + a1.effects.targets
                for msg in (m0, m1):
                    if msg.kind != "none":
                        eff = sc.message_effects[msg.kind]
                        eff.apply(v, d)
                        touched += eff.targets
                self._apply(touched)
        facts.note_moves(v, sc, self.turn, a0, a1)   # format: last.* / played.* of this turn
        # 2. Messages delivered, agreements made.  3. Commitments kept or breached.  4. Events.
        if m0.kind != "none" or m1.kind != "none":
            self._negotiate((m0, m1), news)
        if self.talks.commitments:
            self._check_commitments(news)
        self._fire_events(news)
        # 5. The phase.  6. The end.
        dest = sc.phases[self.phase].next_phase(v)
        if dest >= 0:
            if log:
                news.append({"kind": "phase", "id": sc.phases[dest].id, "from": sc.phases[self.phase].id})
            self.phase = dest
        if not log:
            self._end_turn()
            return None
        causes, self._causes = self._causes, None
        self._end_turn()
        record = {
            "turn": self.turn - 1,
            "date": sc.turn_date(self.turn - 1).isoformat(),
            "phase": sc.phases[phase_before].id,
            "choices": {sc.sides[s]: {"action": c.action.id, "message": c.message.to_json(sc)}
                        for s, c in enumerate(choices)},
            "news": news,
            "changes": {sc.var_ids[i]: {"from": before[i], "to": v[i], "causes": causes.get(i, [])}
                        for i in range(len(sc.var_ids)) if before[i] != v[i]},
            "escalation": {sc.sides[s]: choices[s].action.escalation for s in (0, 1)},
            "phase_after": sc.phases[self.phase].id,
        }
        if self.outcome is not None:
            news.append({"kind": "outcome", "id": self.outcome.id})
            record["outcome"] = self.outcome.id
        self.turns.append(record)
        self.last_news = news
        return record

    def _end_turn(self) -> None:
        """End conditions, then the turn counter moves on."""
        sc = self.scenario
        phase = sc.phases[self.phase]
        outcome = phase.ending(self.v)
        if outcome is None and self.turn >= sc.max_turns:
            outcome = phase.final(self.v)
        self.outcome = outcome
        self.turn += 1
        self.v[len(sc.var_ids)] = float(self.turn)
        self._messages = [None, None]
        self._actions = [None, None]
        self._legal = [None, None]
        self._observed = {}
        self._bits = None

    # ----------------------------------------------------------------- effects: the one way

    def apply_effects(self, sources) -> None:
        """Apply effect lists together, as one simultaneous change: each computed from the state
        before any of them, then all added and clamped. `sources` pairs each CompiledEffects
        with its cause (a fact dict) for the turn log's attribution."""
        v, d = self.v, self._d
        causes = self._causes
        if causes is None and len(sources) == 1:   # the common case off the log: one list
            effects = sources[0][0]
            effects.apply(v, d)
            self._apply(effects.targets)
            return
        touched = ()
        for effects, cause in sources:
            targets = effects.targets
            if not targets:
                continue
            if causes is None:
                effects.apply(v, d)
            else:
                pre = [d[i] for i in targets]
                effects.apply(v, d)
                for i, p in zip(targets, pre):
                    amount = finite(d[i] - p)   # an overflowing effect is logged at the bound, not inf
                    if amount:
                        causes.setdefault(i, []).append({**cause, "amount": amount})
            touched += targets
        self._apply(touched)

    def _apply(self, touched) -> None:
        """Add the deltas at the `touched` indices (repeats allowed) and clamp to the range; a
        non-finite result never enters the state (NaN keeps the old value). Leaves `d` zero."""
        v, d, lo, hi = self.v, self._d, self.scenario.lo, self.scenario.hi
        causes = self._causes
        for i in touched:
            delta = d[i]
            if delta == 0.0:
                continue
            x = v[i] + delta
            d[i] = 0.0
            y = lo[i] if x < lo[i] else hi[i] if x > hi[i] else x if x == x else v[i]
            if causes is not None and y != x:
                causes.setdefault(i, []).append({"kind": "limit", "amount": finite(y - x)})
            v[i] = y

    # ----------------------------------------------------------------- steps of a turn

    def _negotiate(self, messages, news: list | None) -> None:
        sc = self.scenario
        self._messages = [None, None]
        self._bits = None
        agreed = negotiation.deliver(self.talks, sc, messages, news)
        for opt in agreed:   # format: agreed.* / committed.* facts
            facts.note_agreement(self.v, sc.facts, opt)
        if agreed:
            self.apply_effects([(opt.effects, {"kind": "agreement", "issue": sc.issues[opt.issue].id,
                                               "option": opt.id}) for opt in agreed])

    def _check_commitments(self, news: list | None) -> None:
        sc = self.scenario
        breaches = negotiation.check_commitments(self.talks, sc, self.v, news)
        if breaches:
            self._messages = [None, None]
            self._bits = None
            for issue, option, c in breaches:   # each breach's consequences at once, in order
                facts.note_breach(self.v, sc.facts, sc.issues[issue].options[option])   # format: breached.*
                self.apply_effects([(c.effects, {"kind": "breach", "issue": sc.issues[issue].id,
                                                 "option": sc.issues[issue].options[option].id})])

    def _fire_events(self, news: list | None) -> None:
        """Scheduled events of this turn, then the phase's conditional and random ones, in file order.
        Each event's effects apply at once, so later events see earlier ones' changes."""
        sc = self.scenario
        v, fired, phase, draw = self.v, self.fired, self.phase, self.chance.random
        keyed = self.keyed
        scheduled = sc.scheduled.get(self.turn)
        if news is None and keyed is None and not scheduled:   # most turns: selected, marked and applied in one call
            if sc.phases[phase].fire(v, fired, draw):
                self._fired_ids = None
            return
        if keyed is None:
            happening = sc.phases[phase].events(v, fired, draw)
        else:   # a batch game replayed: each draw keyed by what it is for
            happening = keyed.selectors[phase](v, fired, keyed.draws(self.turn))
        if scheduled:   # rare: checked here rather than compiled into every phase's selector
            happening = tuple([
                ev for ev in scheduled
                if ev.in_phase[phase] and not (ev.once and fired[ev.index])
                and (ev.condition is None or ev.condition(v))
                and (ev.chance is None or (draw() if keyed is None else keyed.draws(self.turn)(ev.index))
                     < ev.chance[phase])]) + happening
        if happening:
            self._fired_ids = None
        if news is None:
            for ev in happening:
                fired[ev.index] = 1
                ev.effects.apply_now(v)
            return
        for ev in happening:
            fired[ev.index] = 1
            if ev.effects.targets:
                self.apply_effects(((ev.effects, {"kind": "event", "id": ev.id}),))
            news.append({"kind": "event", "id": ev.id})

    # ----------------------------------------------------------------- snapshots

    def snapshot(self) -> dict:
        """The whole state as plain JSON values (for saves, and to compare games)."""
        sc = self.scenario
        talks = self.talks
        return {
            "turn": self.turn,
            "phase": self.phase_id,
            "variables": self.variables(),
            "fired": list(self.fired_ids()),
            "pending": {sc.sides[s]: (m.to_json(sc) if m is not None else None) for s, m in enumerate(talks.pending)},
            "agreed": {sc.issues[i].id: sc.issues[i].options[o].id for i, o in sorted(talks.agreed.items())},
            "commitments": [f"{sc.issues[i].id}.{sc.issues[i].options[o].id}" for i, o in talks.commitments],
            "breached": [f"{sc.issues[i].id}.{sc.issues[i].options[o].id}" for i, o in talks.breached],
            "answers": {sc.sides[s]: sorted(sc.issues[i].id for i in talks.answers[s]) for s in (0, 1)},
            "escalation": dict(zip(sc.sides, self.escalation)),
            "chance": self.chance.digest(),
            "outcome": self.outcome.id if self.outcome is not None else None,
        }


def _describe(choice, scenario) -> str:
    """An identifying line for a refused choice (never fails, whatever the object)."""
    try:
        action, message = choice
        return f"{action.id} with {message.describe(scenario)}"
    except Exception:   # a hostile or malformed object: name its type only
        return f"a {type(choice).__name__} that is not one of the offered choices"

"""Many games of one scenario played in lockstep, as numpy column operations.

Each turn does for every game at once what `game.engine.game.Game.resolve` does for one, in the
same order and with the same arithmetic: both sides' actions and message acts (effects computed
from the state before the turn, added in the same order, clamped), move facts, answers,
agreements (crossing identical proposals included), lapses, commitments and breaches, events
(scheduled first, then the phase's, each applied in file order), the phase table, the end.

Randomness is keyed, not streamed: a draw is a hash of (run seed, game index, turn, purpose)
(game.engine.keyed), so a game's result never depends on the batch size, the job count or the
other games in its batch. The one-game engine streams its own games' draws (a batch game is the
same game in distribution: the statistical test in tests/lockstep), and replays any batch game
exactly with the same keyed draws (game.lockstep.replay). Finished games leave the batch at once
and are reported; the others play on.
"""
from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence

import numpy as np

from game.engine import keyed
from game.lockstep.rules import K_ACCEPT, K_NONE, K_PROPOSE, K_QUESTION, K_REJECT, BatchRules, ColumnEffects
from game.lockstep.vector import mask

_U64 = np.uint64
_GOLDEN = _U64(keyed.GOLDEN)
_M1, _M2 = _U64(keyed.M1), _U64(keyed.M2)
_TURN_K, _PURPOSE_K = _U64(keyed.TURN_K), _U64(keyed.PURPOSE_K)
_UNIT = keyed.UNIT

#: what each keyed draw is for (events use EVENT + their index)
ACTION, MESSAGE, EVENT = keyed.ACTION, keyed.MESSAGE, keyed.EVENT


def _mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser, on uint64 arrays (wrapping arithmetic): game.engine.keyed.mix."""
    z = (z ^ (z >> _U64(30))) * _M1
    z = (z ^ (z >> _U64(27))) * _M2
    return z ^ (z >> _U64(31))


def game_keys(seed: int, games: np.ndarray) -> np.ndarray:
    """Each game's key: a hash of (run seed, game index)."""
    base = _mix(np.array([seed & 0xFFFFFFFFFFFFFFFF], dtype=_U64))[0]
    with np.errstate(over="ignore"):
        return _mix(base + games.astype(_U64) * _GOLDEN)


def uniforms(keys: np.ndarray, turn, purpose: int) -> np.ndarray:
    """One uniform draw in [0, 1) per game for (turn, purpose): the same whatever the batch.
    `turn` is one number or each game's own."""
    with np.errstate(over="ignore"):
        salt = np.asarray(turn).astype(_U64) * _TURN_K + _U64(purpose) * _PURPOSE_K
        return (_mix(keys ^ salt) >> _U64(11)).astype(np.float64) * _UNIT


def uniform_pairs(keys: np.ndarray, turns: np.ndarray, purposes: np.ndarray) -> np.ndarray:
    """Draws for (game key, turn, purpose) triples given as equal-length arrays."""
    with np.errstate(over="ignore"):
        salt = turns.astype(_U64) * _TURN_K + purposes.astype(_U64) * _PURPOSE_K
        return (_mix(keys ^ salt) >> _U64(11)).astype(np.float64) * _UNIT


def settle(old: np.ndarray, delta: np.ndarray, lo, hi) -> np.ndarray:
    """Add and clamp as the one-game engine's `_apply`: a zero change leaves the value as it is,
    a NaN result keeps the old value (minimum/maximum: cheaper than np.clip, the same numbers)."""
    x = old + delta
    return np.where((delta == 0.0) | np.isnan(x), old, np.minimum(np.maximum(x, lo), hi))


def pick(legal: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Per game (column), the index of a uniformly chosen True row of `legal`, by draw `u`."""
    counts = legal.sum(axis=0)
    k = np.minimum((u * counts).astype(np.int64), np.maximum(counts - 1, 0))
    small = np.int16 if len(legal) < 2 ** 15 else np.int64   # less memory to run through
    return (np.cumsum(legal, axis=0, dtype=small) > k.astype(small)).argmax(axis=0)


class LockstepGames:
    """The state of a batch of games (one column each) and the turn that moves them all. Each game
    keeps its own turn number, so a finished game's column can start a new game (`restart`)."""

    #: the events' draws given instead of the keyed ones (one per event, for every game): to make
    #: a batch fire exactly the events of a game played elsewhere (tests/lockstep/test_exact.py)
    forced_draws: np.ndarray | None = None

    def __init__(self, rules: BatchRules, game_ids: Sequence[int], seed: int):
        self.rules = r = rules
        b = len(game_ids)
        self.ids = np.asarray(game_ids, dtype=np.int64)
        self.keys = game_keys(seed, self.ids)
        self.V = np.repeat(r.initial[:, None], b, axis=1)
        self.phase = np.zeros(b, dtype=np.int64)
        self.fired = np.zeros((len(r.events), b), dtype=bool)
        self.pending = np.full((2, b), -1, dtype=np.int64)
        self.agreed = np.full((max(r.n_issues, 1), b), -1, dtype=np.int64)
        self.broken = np.zeros((max(r.n_issues, 1), b), dtype=bool)
        self.committed = np.zeros((max(r.n_issues, 1), b), dtype=bool)
        self.agreed_turn = np.zeros((max(r.n_issues, 1), b), dtype=np.int64)   # when each deal was made
        self.escalation = np.zeros((r.scenario.max_turns, 2, b))
        self.last_action = np.full((2, b), -1, dtype=np.int64)
        self.public_escalation = np.zeros((2, b))   # what the other side can know of each total
        self.turns = np.ones(b, dtype=np.int64)

    def restart(self, cols: np.ndarray, game_ids: np.ndarray, seed: int) -> None:
        """Start new games (these ids) in the columns `cols`: everything back to the first turn."""
        r = self.rules
        self.ids[cols] = game_ids
        self.keys[cols] = game_keys(seed, np.asarray(game_ids))
        self.V[:, cols] = r.initial[:, None]
        self.phase[cols] = 0
        self.fired[:, cols] = False
        self.pending[:, cols] = -1
        self.agreed[:, cols] = -1
        self.broken[:, cols] = False
        self.committed[:, cols] = False
        self.agreed_turn[:, cols] = 0
        self.escalation[:, :, cols] = 0.0
        self.last_action[:, cols] = -1
        self.public_escalation[:, cols] = 0.0
        self.turns[cols] = 1

    @property
    def size(self) -> int:
        return self.V.shape[1]

    # ----------------------------------------------------------------- legal choices

    def legal_actions(self, side: int) -> np.ndarray:
        """(n_actions, games) bool: the side's legal actions; `pass` only when nothing else is."""
        sr = self.rules.sides[side]
        legal = sr.open[:, self.phase].copy()
        for a, fn in enumerate(sr.legality):
            if fn is not None:
                rows = legal[a]
                if rows.any():
                    legal[a] = rows & mask(fn, self.V, self.size)
        legal[-1] = ~legal[:-1].any(axis=0)
        return legal

    def random_moves(self, side: int) -> tuple[np.ndarray, np.ndarray]:
        """A uniformly random legal action and message per game, by the keyed draws (the random player)."""
        return (pick(self.legal_actions(side), uniforms(self.keys, self.turns, ACTION + side)),
                pick(self.legal_messages(side), uniforms(self.keys, self.turns, MESSAGE + side)))

    def requires_bits(self) -> np.ndarray:
        bits = np.zeros(self.size, dtype=np.int64)
        for bit, fn in self.rules.gates:
            bits |= np.where(mask(fn, self.V, self.size), bit, 0)
        return bits

    def legal_messages(self, side: int, bits: np.ndarray | None = None) -> np.ndarray:
        """(n_messages, games) bool, as `Game.legal_messages`: answers only with a proposal on the
        table (and allowed), nothing touching a settled issue, gated proposals while they may be sent."""
        r = self.rules
        sr = r.sides[side]
        legal = (sr.touch_bits[:, None] & self._settled_bits()[None, :]) == 0   # nothing on a settled issue
        theirs = self.pending[1 - side]
        answering = theirs >= 0
        if r.gates:
            bits = self.requires_bits() if bits is None else bits
            legal &= (sr.need[:, None] & ~bits[None, :]) == 0
            other = r.sides[1 - side]
            allowed = (other.need[np.maximum(theirs, 0)] & ~bits) == 0
            legal[1] = answering & allowed
        else:
            legal[1] = answering
        legal[2] = answering
        legal[0] = True
        return legal

    # ----------------------------------------------------------------- effects

    def _deltas(self) -> tuple[np.ndarray, set]:
        """A fresh change matrix (one row per variable, a column per game) and its touched rows."""
        return np.zeros((self.rules.n_vars, self.size)), set()

    def _add(self, D, effects: ColumnEffects, where: np.ndarray) -> None:
        """Add an effect list's changes for the games in `where` to the change matrix `D`."""
        deltas, touched = D
        V = self.V
        for i, fn in effects.parts:
            deltas[i] += np.where(where, fn(V), 0.0)
            touched.add(i)

    def _apply(self, D) -> None:
        """Add and clamp, as the one-game engine's `_apply`: a zero change leaves the value as it
        is, a NaN result keeps the old value."""
        deltas, touched = D
        if not touched:
            return
        rows = np.fromiter(sorted(touched), dtype=np.int64, count=len(touched))
        r = self.rules
        self.V[rows] = settle(self.V[rows], deltas[rows], r.lo[rows, None], r.hi[rows, None])

    def _apply_now(self, effects: ColumnEffects, where: np.ndarray) -> None:
        """One effect list applied at once to the games in `where` (events, breaches)."""
        if effects.fixed is not None:   # fixed amounts: add and clamp the games concerned only
            rows, amounts = effects.fixed
            cols = np.flatnonzero(where)
            r = self.rules
            self.V[rows[:, None], cols] = settle(self.V[rows[:, None], cols], amounts, r.lo[rows, None], r.hi[rows, None])
            return
        D = self._deltas()
        self._add(D, effects, where)
        self._apply(D)

    # ----------------------------------------------------------------- the turn

    def step(self, actions: tuple[np.ndarray, np.ndarray], messages: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """Resolve one turn for every game of the batch; returns each game's outcome index (-1: on)."""
        r, V, n = self.rules, self.V, self.size
        t = self.turns
        # 1. actions and message acts, simultaneously
        D = self._deltas()
        for s in (0, 1):
            sr = r.sides[s]
            if len(sr.const_slots):   # fixed changes of every action at once
                D[0][sr.const_slots] += sr.const_table[actions[s]].T
                D[1].update(sr.const_slots.tolist())
            for a in sr.computing:   # actions whose changes read the state
                where = actions[s] == a
                if where.any():
                    self._add(D, sr.effects[a], where)
            self.escalation[t - 1, s, np.arange(n)] = sr.escalation[actions[s]]
            self.public_escalation[s] += np.where(sr.public[actions[s]], sr.escalation[actions[s]], 0.0)
        kinds = [r.sides[s].kind[messages[s]] for s in (0, 1)]
        for s in (0, 1):
            for k in np.unique(kinds[s]):
                if k != K_NONE and not r.message_effects[k].empty:
                    self._add(D, r.message_effects[k], kinds[s] == k)
        self._apply(D)
        cols = np.arange(n)
        for s in (0, 1):   # move facts: last / played / turn played
            notes = r.sides[s].notes[actions[s]]
            lo_, hi_ = notes[0, 0], notes[0, 1]
            V[lo_:hi_] = 0.0
            V[notes[:, 2], cols] = 1.0
            V[notes[:, 3], cols] += 1.0
            V[notes[:, 4], cols] = t
        self.last_action[:] = actions
        # 2. negotiation
        if (kinds[0] != K_NONE).any() or (kinds[1] != K_NONE).any():
            self._negotiate(messages, kinds)
        # 3. commitments
        if self.committed.any():
            self._commitments()
        # 4. events
        self._events()
        # 5. phase
        moved = np.zeros(n, dtype=bool)
        for p in np.unique(self.phase).tolist():   # the phases some game is in
            row = r.transitions[p]
            if not row:
                continue
            here = self.phase == p
            for dest, fn in row:
                go = here & ~moved & mask(fn, V, n)
                self.phase[go] = dest
                moved |= go
        # 6. the end: the first outcome (ongoing ones, then the last turn's) that may end this
        # phase and holds; each condition evaluated once, only if some game could end by it
        last = t >= r.scenario.max_turns
        possible = r.end_in_phase[:, np.unique(self.phase)].any(axis=1) & (~r.end_final | last.any())
        holds = r.end_in_phase[:, self.phase]
        holds[r.end_final] &= last
        for k in np.flatnonzero(possible):
            fn = r.end_checks[k]
            if fn is not None:
                holds[k] &= mask(fn, V, n)
        holds[~possible] = False
        ends = holds.any(axis=0)
        outcome = np.where(ends, r.end_ids[holds.argmax(axis=0)], -1)
        self.turns = t + 1
        V[r.turn_slot] = self.turns
        return outcome

    def _negotiate(self, messages, kinds) -> None:
        r = self.rules
        n = self.size
        on_table = self.pending.copy()
        accepted = []                                   # (terms (issues, games), where)
        for s in (0, 1):
            answering = (kinds[s] == K_ACCEPT) | (kinds[s] == K_REJECT)
            if answering.any():
                theirs = on_table[1 - s]
                self.pending[1 - s] = np.where(answering, -1, self.pending[1 - s])
                acc = kinds[s] == K_ACCEPT
                if acc.any():
                    accepted.append((r.sides[1 - s].terms[np.maximum(theirs, 0)].T, acc & (theirs >= 0)))
        crossing = (kinds[0] == K_PROPOSE) & (kinds[1] == K_PROPOSE)
        if crossing.any():
            t0 = r.sides[0].terms[messages[0]].T
            t1 = r.sides[1].terms[messages[1]].T
            crossing &= (t0 == t1).all(axis=0)
            if crossing.any():
                accepted.append((t0, crossing))
        if accepted:
            self._agree(accepted)
        for s in (0, 1):
            proposing = kinds[s] == K_PROPOSE
            if not proposing.any():
                continue
            for who in (s, 1 - s):   # a new proposal replaces its sender's, sets aside the other's
                lapse = proposing & (self.pending[who] >= 0) & (self.pending[who] == on_table[who])
                self.pending[who] = np.where(lapse, -1, self.pending[who])
            self.pending[s] = np.where(proposing & ~crossing, messages[s], self.pending[s])
        self._drop_stale()

    def _agree(self, accepted) -> None:
        """Agree the accepted terms, per issue: one option agreed, two different ones conflict.
        As in the one-game engine, the deal facts are set before the options' effects are read."""
        r, V = self.rules, self.V
        n_issues = r.n_issues
        settled = (self.agreed >= 0) | self.broken                                     # (issues, games)
        stack = np.stack([np.where(where[None, :] & ~settled, terms[:n_issues], -1)
                          for terms, where in accepted])                               # (sources, issues, games)
        best = stack.max(axis=0)
        conflict = ((stack >= 0) & (stack != best[None])).any(axis=0)
        agree = (best >= 0) & ~conflict
        ii, gg = np.nonzero(agree)                    # every (issue, game) agreed this turn
        if not len(ii):
            return
        oo = best[ii, gg]
        self.agreed[ii, gg] = oo
        self.agreed_turn[ii, gg] = self.turns[gg]
        slots = r.deal_slots[ii, oo]                   # the deal facts first, as the one-game engine
        V[slots[:, 0], gg] = 1.0
        binds = r.binds[ii, oo]
        V[slots[binds, 1], gg[binds]] = 1.0
        self.committed[ii[binds], gg[binds]] = True
        D = self._deltas()
        if len(r.option_slots):
            D[1].update(r.option_slots.tolist())
        for i in np.unique(ii):   # issue order, as the one-game engine lists the agreed options
            if len(r.option_slots):   # fixed changes: only the games that agreed on this issue
                on = ii == i
                D[0][r.option_slots[:, None], gg[on]] += r.option_table[i, oo[on]].T
            for o, eff in r.computed_options[i]:
                where = agree[i] & (best[i] == o)
                if where.any():
                    self._add(D, eff, where)
        self._apply(D)

    def _settled_bits(self) -> np.ndarray:
        """Each game's settled issues (agreed, or broken) as the bits of one int64."""
        settled = (self.agreed >= 0) | self.broken
        return np.bitwise_or.reduce(np.where(settled, self.rules.issue_bits[:, None], 0), axis=0)

    def _drop_stale(self) -> None:
        """A proposal on the table that touches a settled issue is taken off it."""
        settled = None
        for s in (0, 1):
            proposal = self.pending[s]
            on = proposal >= 0
            if not on.any():
                continue
            settled = self._settled_bits() if settled is None else settled
            stale = on & ((self.rules.sides[s].touch_bits[np.maximum(proposal, 0)] & settled) != 0)
            self.pending[s] = np.where(stale, -1, proposal)

    def _commitments(self) -> None:
        """As `negotiation.check_commitments`: every binding deal is checked on the state before
        any breach (the first of an option's commitments that fails breaks it); then each game's
        breaches take effect one at a time in the order its deals were made (turn, then issue)."""
        r, V, n = self.rules, self.V, self.size
        chosen = np.full((max(r.n_issues, 1), n), -1, dtype=np.int64)   # which commitment broke
        for i in np.flatnonzero(self.committed.any(axis=1)).tolist():
            for o in r.binding[i]:
                active = self.committed[i] & (self.agreed[i] == o)
                if not active.any():
                    continue
                for k, (breach_if, _) in enumerate(r.commitments[i, o]):
                    now = active & (chosen[i] < 0) & mask(breach_if, V, n)
                    chosen[i][now] = k
        broken = chosen >= 0
        if not broken.any():
            return
        order_key = np.where(broken, self.agreed_turn * r.n_issues + np.arange(broken.shape[0])[:, None], np.inf)
        order = np.argsort(order_key, axis=0, kind="stable")                        # (issues, games)
        for rank in range(int(broken.sum(axis=0).max())):
            issue_at = order[rank]
            valid = broken.sum(axis=0) > rank
            for i in np.unique(issue_at[valid]):
                games = valid & (issue_at == i)
                for o in np.unique(self.agreed[i][games]):
                    for k in np.unique(chosen[i][games & (self.agreed[i] == o)]):
                        now = games & (self.agreed[i] == o) & (chosen[i] == k)
                        agreed_slot, committed_slot, breached_slot = r.deal_slots[i, o]
                        V[agreed_slot, now] = 0.0
                        V[committed_slot, now] = 0.0
                        V[breached_slot, now] = 1.0
                        effects = r.commitments[i, o][k][1]
                        if not effects.empty:
                            self._apply_now(effects, now)
        self.agreed = np.where(broken, -1, self.agreed)
        self.committed &= ~broken
        self.broken |= broken
        self._drop_stale()

    def _events(self) -> None:
        """Scheduled events of this turn, then the phases' own, in file order: which happen is
        decided on the state before any of them (gates for all events at once, as matrices),
        then each applies at once on the state the previous one left."""
        r, V, n = self.rules, self.V, self.size
        table = r.event_table
        if table is None:
            return
        order, in_phase, once, chance, conditions, when = table
        t = self.turns
        # the events that may happen in some game (its phase present, its turn if scheduled), a
        # small vector test that spares the (events, games) work for the others
        lo, hi = int(t.min()), int(t.max())
        phases = np.unique(self.phase)
        live = in_phase[:, phases].any(axis=1) & ((when < 0) | ((when >= lo) & (when <= hi)))
        ks = np.flatnonzero(live)
        gate = np.zeros((len(order), n), dtype=bool)
        if not len(ks):
            return
        g = in_phase[ks][:, self.phase] & ~(once[ks, None] & self.fired[order[ks]])     # (live events, games)
        if lo != hi or (when[ks] >= 0).any():
            g &= (when[ks, None] < 0) | (when[ks, None] == t[None, :])                  # scheduled: its turn only
        if chance is not None:   # a draw only where the gate is open and the chance below 1 (keyed: the same values)
            rows, cols = np.nonzero(g & (chance[ks][:, self.phase] < 1.0))
            if len(rows):
                draws = (uniform_pairs(self.keys[cols], t[cols], EVENT + order[ks[rows]]) if self.forced_draws is None
                         else self.forced_draws[order[ks[rows]]])
                g[rows, cols] = draws < chance[ks[rows], self.phase[cols]]
        gate[ks] = g
        open_ = gate.any(axis=1).tolist()      # per event: its gate is open in some game
        for k, fn in conditions:   # conditions only where the gate is still open somewhere
            if open_[k]:
                gate[k] &= mask(fn, V, n)
                open_[k] = bool(gate[k].any())
        if not any(open_):
            return
        self.fired[order] |= gate
        for group in r.event_groups:
            if len(group) == 1:   # changes computed from the state: on the state the last event left
                k = group[0]
                if open_[k]:
                    self._apply_now(r.events[order[k]][4], gate[k])
                continue
            members, ks, rows, owner, amounts = group
            if not any(open_[k] for k in members):
                continue
            # each variable is changed by one event of the group at most (no change where none happens)
            V[rows] = settle(V[rows], gate[ks[owner]] * amounts, r.lo[rows, None], r.hi[rows, None])

    # ----------------------------------------------------------------- batches shrink

    #: the per-game arrays (a game's column is the last axis)
    COLUMNS = ("ids", "keys", "V", "phase", "fired", "pending", "agreed", "broken", "committed",
               "agreed_turn", "escalation", "last_action", "public_escalation", "turns")

    def keep(self, rows: np.ndarray) -> None:
        """Keep only the games in `rows` (the others have ended). np.take keeps every array
        C-ordered (fancy indexing along the last axis would not): the compiled turn expects it."""
        for name in self.COLUMNS:
            setattr(self, name, np.take(getattr(self, name), rows, axis=-1))

    def scores(self, outcome: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """(2, len(rows)) scores of ended games: the outcome's (numbers or expressions over the
        final state) plus the values of the options agreed and not breached, summed as the
        one-game engine sums them (in the order the deals were made, then added to the outcome's)."""
        r = self.rules
        V = self.V[:, rows]
        out = np.zeros((2, len(rows)))
        for idx in np.unique(outcome):
            where = outcome == idx
            for s in (0, 1):
                score = r.scores[idx][s]
                out[s, where] = score if isinstance(score, float) else np.broadcast_to(score(V), (len(rows),))[where]
        agreed = self.agreed[:r.n_issues, rows]
        if not r.n_issues or not (agreed >= 0).any():
            return out
        made = self.agreed_turn[:r.n_issues, rows]
        # each game's deal values summed in the order the deals were made (turn, then issue), from
        # zero, then added to the outcome's score: the one-game engine's order, so the same floats
        issue = np.arange(r.n_issues)[:, None]
        order = np.argsort(np.where(agreed >= 0, made * r.n_issues + issue, np.iinfo(np.int64).max), axis=0,
                           kind="stable")
        cols = np.arange(len(rows))
        for s in (0, 1):
            value = np.where(agreed >= 0, r.values[issue, np.maximum(agreed, 0), s], 0.0)
            total = np.zeros(len(rows))
            for rank in range(r.n_issues):
                total = total + value[order[rank], cols]
            out[s] += total
        return out


def new_batch(rules: BatchRules, games: Sequence[int], seed: int, compiled: bool | None = None) -> LockstepGames:
    """A batch of these games: the compiled turn (game.lockstep.compiled) when numba is installed
    or `compiled` is True, else (or when it is False) the numpy columns. The results are the same.
    Left to choose, a compiled turn that cannot be built here is reported once and the columns play."""
    from game.lockstep import compiled as fast   # it builds on this module

    if compiled is False or (compiled is None and not fast.available()):
        return LockstepGames(rules, games, seed)
    try:
        fast.kernel_for(rules)
    except fast.KernelUnavailable as exc:
        if compiled:
            raise
        if not getattr(rules, "_warned", False):
            rules._warned = True
            warnings.warn(f"{exc}; playing with the numpy columns (the same results, slower)", stacklevel=2)
        return LockstepGames(rules, games, seed)
    return fast.CompiledGames(rules, games, seed)


def play(rules: BatchRules, players, games: Sequence[int], seed: int, compiled: bool | None = None,
         on_turn=None) -> Iterator[dict]:
    """Play the games with these ids in one lockstep batch; yield each game's result as it ends.

    `players` is a pair of batch players (see game.lockstep.players); `compiled` as in `new_batch`;
    `on_turn(batch, actions, messages)`, if given, sees each turn's moves before they resolve."""
    for s in (0, 1):
        players[s].prepare(rules, s)
    batch = new_batch(rules, games, seed, compiled)
    sc = rules.scenario
    sides, var_ids, n_vars = sc.sides, sc.var_ids, len(sc.var_ids)
    outcome_ids = [o.id for o in sc.outcomes]
    issue_ids = [i.id for i in sc.issues]
    option_ids = [[o.id for o in i.options] for i in sc.issues]
    while batch.size:
        (a0, m0), (a1, m1) = (players[s].moves(batch, s) for s in (0, 1))
        if on_turn is not None:
            on_turn(batch, (a0, a1), (m0, m1))
        outcome = batch.step((a0, a1), (m0, m1))
        ended = outcome >= 0
        if not ended.any():
            continue
        rows = np.flatnonzero(ended)
        t = int(batch.turns[rows[0]]) - 1   # in lockstep every game is at the same turn
        scores = batch.scores(outcome[rows], rows).T.tolist()
        esc = batch.escalation[:t, :, rows]                        # (turns, 2, ended)
        per_turn = esc.transpose(2, 1, 0).tolist()                 # [game][side][turn]
        totals = esc.sum(axis=0).T.tolist()
        finals = batch.V[:n_vars, rows].T.tolist()
        agreed = batch.agreed[:len(issue_ids), rows].T.tolist()
        ids = batch.ids[rows].tolist()
        for k, game in enumerate(ids):
            yield {
                "game": game, "outcome": outcome_ids[outcome[rows[k]]], "turns": t,
                "scores": dict(zip(sides, scores[k])),
                "escalation": dict(zip(sides, per_turn[k])),
                "escalation_total": dict(zip(sides, totals[k])),
                "final": dict(zip(var_ids, finals[k])),
                "agreed": {issue_ids[i]: option_ids[i][o] for i, o in enumerate(agreed[k]) if o >= 0},
            }
        batch.keep(np.flatnonzero(~ended))

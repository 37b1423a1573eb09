"""The engine's observation vector, made fast for learners: the same numbers as
`game.observation_vector(side)` (layout: `observation_layout`), built from tables computed once per
scenario and side, and the flat action masks, cached per set of legal moves.

The engine's version builds a full Observation and walks every variable in Python (about 25 µs a
side); this one copies a template holding the constant parts (which values are known, their
uncertainty) and fills in the rest from the game's state vector with numpy (a few µs). A test
compares the two on thousands of game states.
"""
from __future__ import annotations

import numpy as np

from game.engine.observation import observation_layout
from game.engine.rng import normal_table


class Vectorizer:
    """Observation vectors of one side of one scenario."""

    def __init__(self, scenario, side: int):
        sc = self.scenario = scenario
        self.side = side
        n = self.n_vars = len(sc.var_ids)
        self.size = len(observation_layout(sc, side))
        exact, hidden = sc.sight[side]
        self.exact = np.array(exact, dtype=np.intp)
        self.hidden = tuple(hidden)
        lo = np.array(sc.lo[:n], dtype=np.float64)
        span = np.array([(sc.hi[i] - sc.lo[i]) or 1.0 for i in range(n)], dtype=np.float64)
        self.lo_exact, self.span_exact = lo[self.exact], span[self.exact]
        self.value_slots = 3 * self.exact
        self.hidden_rows = [(3 * i, i, sc.lo[i], sc.hi[i], sc.noise[i], span[i]) for i in hidden]
        template = np.zeros(self.size, dtype=np.float32)
        template[3 * self.exact + 1] = 1.0
        sd = sc.intel_sd[side]
        for i in hidden:
            template[3 * i + 1] = 0.5
            template[3 * i + 2] = sd[sc.var_ids[i]] / span[i]
        self.template = template
        k = 3 * n
        self.phase_at = k
        k += len(sc.phases)
        self.turn_at = k
        k += 1
        self.option_at = []
        for issue in sc.issues:
            self.option_at.append(k)
            k += 3 * len(issue.options)
        self.closed_at = k
        self.escalation_at = k + len(sc.issues)

    def __call__(self, game) -> np.ndarray:
        sc, side = self.scenario, self.side
        vec = self.template.copy()
        v = game.v
        vec[self.value_slots] = (np.array(v[:self.n_vars])[self.exact] - self.lo_exact) / self.span_exact
        if self.hidden_rows:
            noise = game._noise[side]
            if noise is None:   # as observe() makes it: the side's noise for every turn, once per game
                noise = game._noise[side] = normal_table(game.intel_seed, sc.max_turns + 1, len(self.hidden), side)
            row = noise[min(game.turn, sc.max_turns + 1) - 1]
            for (slot, i, lo, hi, sd, span), z in zip(self.hidden_rows, row):
                vec[slot] = (round(min(max(v[i] + z * sd, lo), hi), 1) - lo) / span
        vec[self.phase_at + game.phase] = 1.0
        vec[self.turn_at] = min(game.turn / sc.max_turns, 1.0)
        talks = game.talks
        at = self.option_at
        theirs, ours = talks.pending[1 - side], talks.pending[side]
        if theirs is not None:
            for i, o in theirs.terms:
                vec[at[i] + 3 * o] = 1.0
        if ours is not None:
            for i, o in ours.terms:
                vec[at[i] + 3 * o + 1] = 1.0
        for i, o in talks.agreed.items():
            vec[at[i] + 3 * o + 2] = 1.0
        for i in talks.broken:
            vec[self.closed_at + i] = 1.0
        vec[self.escalation_at] = game.escalation[side] / 100.0
        vec[self.escalation_at + 1] = game.public_escalation[1 - side] / 100.0
        return vec


class MaskCache:
    """Flat action masks (action × message, int8, read-only) per set of legal moves."""

    def __init__(self, n_actions: int, n_messages: int):
        self.n_actions, self.n_messages = n_actions, n_messages
        self.cache: dict = {}
        self.none = np.zeros(n_actions * n_messages, dtype=np.int8)
        self.none.flags.writeable = False

    def __call__(self, legal) -> np.ndarray:
        key = (legal.actions, legal.messages)
        mask = self.cache.get(key)
        if mask is None:
            grid = np.zeros((self.n_actions, self.n_messages), dtype=np.int8)
            grid[np.ix_([a.index for a in legal.actions], [m.index for m in legal.messages])] = 1
            mask = grid.ravel()
            mask.flags.writeable = False
            if len(self.cache) > 4096:
                self.cache.clear()
            self.cache[key] = mask
        return mask

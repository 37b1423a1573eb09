"""A vectorised environment for reinforcement learning over the batch engine: numpy arrays in and
out for N games at once, one side played by the learner, the other by a batch player.

    env = VectorEnv(load_scenario("ukraine_2022"), num_envs=256, side="moscow", opponent="hawk", seed=0)
    obs, masks = env.reset()                       # obs (N, D) float32; masks["actions"] (N, A) bool
    actions, messages = policy(obs, masks)          # stable move numbers (scenario.moves[side])
    obs, reward, terminated, truncated, info = env.step(actions, messages)

The observation is `observation_vector`'s layout (`observation_layout(scenario, side)`): the
side's exact values, intelligence estimates of the other's hidden ones (keyed noise), phase,
turn, proposals, agreements, closed issues, escalation. The reward is the side's final score when
its game ends, else 0. A finished game's slot starts a new game at once (same-step auto-reset:
`obs` is then the new game's first observation; `info["outcome"]` and `info["score"]` tell how the
old one ended). An illegal choice is replaced by the safest legal one (lowest |escalation|, no
message), as the match runner does, and counted in `info["illegal"]`.
"""
from __future__ import annotations

import numpy as np

from game.engine.observation import observation_layout
from game.lockstep.engine import new_batch, uniforms
from game.lockstep.players import PLAYERS
from game.lockstep.rules import BatchRules

INTEL = 8   # keyed-draw purposes 8, 9 (side 0), 10, 11 (side 1): intelligence noise


class VectorEnv:
    """N games in lockstep columns for a learner on one side (see the module's docstring)."""

    def __init__(self, scenario, num_envs: int, *, side: str | int = 0, opponent: str = "random", seed: int = 0):
        if num_envs < 1:
            raise ValueError("num_envs must be at least 1")
        if opponent not in PLAYERS:
            raise ValueError(f"unknown batch opponent '{opponent}': use one of {', '.join(PLAYERS)}")
        self.scenario = scenario
        self.rules = BatchRules(scenario)
        self.side = side if isinstance(side, int) else scenario.sides.index(side)
        self.opponent = PLAYERS[opponent]()
        self.opponent.prepare(self.rules, 1 - self.side)
        self.num_envs, self.seed = num_envs, seed
        self.layout = observation_layout(scenario, self.side)
        space = scenario.moves[self.side]
        self.n_actions, self.n_messages = len(space.actions), len(space.messages)
        self._safest = np.array([abs(a.escalation) for a in space.actions])
        self.batch = None

    @property
    def observation_size(self) -> int:
        return len(self.layout)

    def reset(self):
        """Start N new games (ids 0 .. N-1); returns (observations, masks)."""
        self.batch = new_batch(self.rules, range(self.num_envs), self.seed)
        self._next_id = self.num_envs
        return self.observe(), self.masks()

    def masks(self) -> dict[str, np.ndarray]:
        """(N, n_actions) and (N, n_messages) booleans: the learner's legal moves now."""
        return {"actions": self.batch.legal_actions(self.side).T, "messages": self.batch.legal_messages(self.side).T}

    def step(self, actions, messages):
        b, me = self.batch, self.side
        actions = np.asarray(actions, dtype=np.int64)
        messages = np.asarray(messages, dtype=np.int64)
        legal_a, legal_m = b.legal_actions(me), b.legal_messages(me)
        cols = np.arange(b.size)
        bad_a = (actions < 0) | (actions >= self.n_actions) | ~legal_a[np.clip(actions, 0, self.n_actions - 1), cols]
        bad_m = (messages < 0) | (messages >= self.n_messages) | ~legal_m[np.clip(messages, 0, self.n_messages - 1), cols]
        if bad_a.any():   # the safest legal action instead
            cost = np.where(legal_a, self._safest[:, None], np.inf)
            actions = np.where(bad_a, cost.argmin(axis=0), actions)
        messages = np.where(bad_a | bad_m, 0, messages)
        other = 1 - me
        theirs = self.opponent.moves(b, other)
        chosen_a = (actions, theirs[0]) if me == 0 else (theirs[0], actions)
        chosen_m = (messages, theirs[1]) if me == 0 else (theirs[1], messages)
        outcome = b.step(chosen_a, chosen_m)
        ended = outcome >= 0
        reward = np.zeros(b.size, dtype=np.float32)
        info = {"outcome": outcome, "score": np.zeros(b.size), "illegal": bad_a | bad_m}
        if ended.any():
            rows = np.flatnonzero(ended)
            scores = b.scores(outcome[rows], rows)[me]
            reward[rows] = scores
            info["score"][rows] = scores
            ids = np.arange(self._next_id, self._next_id + len(rows))
            self._next_id += len(rows)
            b.restart(rows, ids, self.seed)
        info["masks"] = self.masks()
        return self.observe(), reward, ended, np.zeros(b.size, dtype=bool), info

    def observe(self) -> np.ndarray:
        """(N, D) float32: each game as the learner sees it, in `observation_layout`'s order."""
        b, r, sc, me = self.batch, self.rules, self.scenario, self.side
        n = b.size
        out = np.zeros((n, len(self.layout)), dtype=np.float32)
        exact, hidden = sc.sight[me]
        span = np.where(r.hi[:r.n_vars] > r.lo[:r.n_vars], r.hi[:r.n_vars] - r.lo[:r.n_vars], 1.0)
        for i in exact:
            out[:, 3 * i] = (b.V[i] - r.lo[i]) / span[i]
            out[:, 3 * i + 1] = 1.0
        for k, i in enumerate(hidden):   # Box-Muller over two keyed draws per (game, turn, variable)
            u1 = 1.0 - uniforms(b.keys, b.turns, INTEL + 4 * me + 2 * k)
            u2 = uniforms(b.keys, b.turns, INTEL + 4 * me + 2 * k + 1)
            z = np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)
            estimate = np.round(np.clip(b.V[i] + z * sc.noise[i], r.lo[i], r.hi[i]), 1)
            out[:, 3 * i] = (estimate - r.lo[i]) / span[i]
            out[:, 3 * i + 1] = 0.5
            out[:, 3 * i + 2] = sc.noise[i] / span[i]
        k = 3 * r.n_vars
        out[np.arange(n), k + b.phase] = 1.0
        k += r.n_phases
        out[:, k] = np.minimum(b.turns / sc.max_turns, 1.0)
        k += 1
        for issue in sc.issues:
            i = issue.index
            for flag, who in ((0, 1 - me), (1, me)):
                pending = b.pending[who]
                option = np.where(pending >= 0, r.sides[who].terms[np.maximum(pending, 0), i], -1)
                on = option >= 0
                out[np.flatnonzero(on), k + 3 * option[on] + flag] = 1.0
            agreed = b.agreed[i]
            on = agreed >= 0
            out[np.flatnonzero(on), k + 3 * agreed[on] + 2] = 1.0
            k += 3 * len(issue.options)
        for issue in sc.issues:
            out[:, k + issue.index] = b.broken[issue.index]
        k += r.n_issues
        out[:, k] = b.escalation[:, me].sum(axis=0) / 100.0
        out[:, k + 1] = b.public_escalation[1 - me] / 100.0
        return out

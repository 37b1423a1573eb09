"""A PettingZoo ParallelEnv for any scenario: each turn every learning side picks one flat action.

Action space, per side: `Discrete(len(actions) * len(messages))` over the side's MoveSpace (stable
numbers, the same for the whole game and every game of the scenario): flat = action index ×
number of messages + message index. The observation is a dict: `observation`, the engine's
numeric vector (`game.observation_vector`, names in `observation_layout`), and `action_mask`,
int8 over the flat actions (legal action × legal message). A flat action that is not legal is
not an error (PettingZoo's seed test samples without the mask): its illegal part falls back to
the safest legal action or to no message, as the match runner does for a faulty agent, and the
side's info says so. Rewards are the sides' final scores, given when the game ends; sides listed
in `opponents` are played by built-in (or plugin) agents inside the environment.
"""
from __future__ import annotations

import functools

import numpy as np
from gymnasium import spaces
from pettingzoo import ParallelEnv

from game.engine.game import Choice, Game
from game.engine.negotiation import NO_MESSAGE
from game.engine.observation import observation_layout, observe
from game.engine.rng import AGENT_STREAMS, Stream
from game.match import safest_choice
from game.rl.vector import MaskCache, Vectorizer


class HotlineParallelEnv(ParallelEnv):
    metadata = {"name": "hotline_v0", "render_modes": ["ansi"], "is_parallelizable": True}

    def __init__(self, scenario="ukraine_2022", *, opponents: dict[str, str] | None = None,
                 render_mode: str | None = None):
        """`scenario`: a bundled id, a path, or a compiled scenario. `opponents`: side -> agent spec
        for sides the environment plays itself (the others are the learning agents)."""
        if isinstance(scenario, (str, bytes)) or hasattr(scenario, "__fspath__"):
            from game.scenario.load import load_scenario

            scenario = load_scenario(scenario)
        if render_mode not in (None, "ansi"):
            raise ValueError(f"render_mode must be None or 'ansi', not {render_mode!r}")
        self.scenario = scenario
        self.render_mode = render_mode
        opponents = dict(opponents or {})
        for side in opponents:
            if side not in scenario.sides:
                raise ValueError(f"scenario '{scenario.id}' has no side '{side}' (its sides: "
                                 f"{', '.join(scenario.sides)})")
        if len(opponents) == len(scenario.sides):
            raise ValueError("at least one side must be left to the learning agents")
        from game.batch.player import agent_factory

        self._opponents = {scenario.sides.index(s): agent_factory(spec) for s, spec in opponents.items()}
        self.possible_agents = [s for s in scenario.sides if s not in opponents]
        self._side = {s: scenario.sides.index(s) for s in scenario.sides}
        self._n_messages = [len(scenario.moves[k].messages) for k in (0, 1)]
        self._n_actions = [len(scenario.moves[k].actions) for k in (0, 1)]
        self._obs_spaces = {a: self._observation_space(self._side[a]) for a in self.possible_agents}
        self._act_spaces = {a: spaces.Discrete(self._n_actions[self._side[a]] * self._n_messages[self._side[a]])
                            for a in self.possible_agents}
        self._vector = {a: Vectorizer(scenario, self._side[a]) for a in self.possible_agents}
        self._masks = {a: MaskCache(self._n_actions[self._side[a]], self._n_messages[self._side[a]])
                       for a in self.possible_agents}
        self._seed_root: int | None = None
        self._episode = 0
        self.game: Game | None = None
        self.agents: list[str] = []

    # ------------------------------------------------------------------ spaces

    def _observation_space(self, side: int) -> spaces.Dict:
        names = observation_layout(self.scenario, side)
        low = np.zeros(len(names), dtype=np.float32)
        high = np.ones(len(names), dtype=np.float32)
        for i, name in enumerate(names):
            if name.endswith(".sd"):
                high[i] = np.inf
            elif name.startswith("escalation."):
                low[i], high[i] = -np.inf, np.inf
        n = self._n_actions[side] * self._n_messages[side]
        return spaces.Dict({"observation": spaces.Box(low, high, dtype=np.float32),
                            "action_mask": spaces.Box(0, 1, (n,), dtype=np.int8)})

    def observation_space(self, agent):
        return self._obs_spaces[agent]

    def action_space(self, agent):
        return self._act_spaces[agent]

    def flat_action(self, agent: str, action_index: int, message_index: int = 0) -> int:
        """The flat action of a stably numbered action and message."""
        return action_index * self._n_messages[self._side[agent]] + message_index

    def decode(self, agent: str, flat: int) -> tuple[int, int]:
        """(action index, message index) of a flat action."""
        return divmod(int(flat), self._n_messages[self._side[agent]])

    # ------------------------------------------------------------------ episodes

    def reset(self, seed: int | None = None, options: dict | None = None):
        """A new game. With `seed`, episodes from here on are seeded from it (episode k's game seed is
        child k of it, as in batch runs); without, the next child of the last seed (or fresh entropy)."""
        if seed is not None:
            self._seed_root, self._episode = int(seed), 0
        elif self._seed_root is None:
            self._seed_root, self._episode = int(np.random.SeedSequence().entropy), 0
        game_seed = {"entropy": self._seed_root, "spawn_key": (self._episode,)}
        self._episode += 1
        self.game = Game(self.scenario, game_seed, log=False)
        self._agents = {}
        for side, factory in self._opponents.items():
            agent = factory()
            if hasattr(agent, "reset"):
                agent.reset(self.scenario.sides[side], self.scenario, Stream(self.game.seeds[AGENT_STREAMS[side]]))
            self._agents[side] = agent
        self.agents = list(self.possible_agents)
        return {a: self._observe(a) for a in self.agents}, {a: {} for a in self.agents}

    def step(self, actions: dict):
        game = self.game
        if game is None or game.outcome is not None:
            raise RuntimeError("the game has ended: call reset() to start another")
        choices: list = [None, None]
        infos = {}
        for agent in self.agents:
            side = self._side[agent]
            if agent not in actions:
                raise ValueError(f"no action for '{agent}' (every live agent acts every turn)")
            choices[side], infos[agent] = self._choice(side, actions[agent])
        for side, agent in self._agents.items():
            legal = game.legal(side)
            obs = observe(game, side) if getattr(agent, "observes", True) else None
            choice = agent.choose(obs, legal)
            choices[side] = choice if legal.allows(choice) else safest_choice(legal)
        game.resolve(choices[0], choices[1])
        done = game.outcome is not None
        scores = game.scores() if done else None
        agents = self.agents
        observations = {a: self._observe(a) for a in agents}
        rewards = {a: float(scores[self._side[a]]) if done else 0.0 for a in agents}
        terminations = {a: done for a in agents}
        truncations = {a: False for a in agents}
        if done:
            for a in agents:
                infos[a]["outcome"] = game.outcome.id
            self.agents = []
        return observations, rewards, terminations, truncations, infos

    def _choice(self, side: int, flat) -> tuple[Choice, dict]:
        legal = self.game.legal(side)
        space = legal.space
        a, m = divmod(int(flat), self._n_messages[side])
        action = space.actions[a] if 0 <= a < len(space.actions) else None
        message = space.messages[m] if 0 <= m < len(space.messages) else None
        info = {}
        if action is None or action not in legal.actions:
            action = safest_choice(legal).action
            info["illegal_action"] = True
        if message is None or message not in legal.message_set:
            message = NO_MESSAGE
            info["illegal_message"] = True
        return Choice(action, message), info

    def _observe(self, agent: str) -> dict:
        """The side's vector (equal to `game.observation_vector`) and its flat mask (read-only;
        all zero once the game has ended, when nothing is legal)."""
        game = self.game
        masks = self._masks[agent]
        mask = masks.none if game.outcome is not None else masks(game.legal(self._side[agent]))
        return {"observation": self._vector[agent](game), "action_mask": mask}

    # ------------------------------------------------------------------ the rest of the API

    def render(self):
        """'ansi': one line on the game so far (turn, phase, each side's last move, outcome)."""
        if self.render_mode != "ansi" or self.game is None:
            return None
        g, sides = self.game, self.scenario.sides
        last = g.choices[-1] if g.choices else None
        moves = ", ".join(f"{s} {last[k].action.id}" for k, s in enumerate(sides)) if last else "no moves yet"
        end = f"; outcome {g.outcome.id}" if g.outcome is not None else ""
        return f"turn {len(g.choices)}/{self.scenario.max_turns}, phase {g.phase_id}: {moves}{end}"

    def close(self):
        self.game = None

    def state(self) -> np.ndarray:
        """Both sides' observation vectors, one after the other (for centralised critics)."""
        return np.concatenate([self.game.observation_vector(k) for k in (0, 1)])

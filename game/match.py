"""The one match runner: two agents, one game, faults contained. Used by every front end.

An agent that raises, returns an illegal choice or (with a time limit) is too slow is not allowed
to crash the program: the runner records a fault with a clear message and plays the side's
safest legal choice for that turn instead.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.engine.game import Choice, Game, Legal
from game.engine.negotiation import NO_MESSAGE
from game.engine.observation import observe
from game.engine.record import build_record
from game.engine.rng import AGENT_STREAMS, Stream


@dataclass(frozen=True)
class Fault:
    turn: int
    side: str
    agent: str
    message: str

    def to_json(self) -> dict:
        return {"turn": self.turn, "side": self.side, "agent": self.agent, "message": self.message}


class AgentTimeout(Exception):
    """An agent did not answer within the match's time limit."""


class StopMatch(Exception):
    """Raised by an agent (e.g. a human at the end of input) to stop the match cleanly.

    Unlike every other exception from an agent, the runner lets it through to the front end."""


def safest_choice(legal: Legal) -> Choice:
    """The legal action closest to the status quo (lowest |escalation|, first listed), no message."""
    action = min(legal.actions, key=lambda a: (abs(a.escalation), a.escalation))
    return Choice(action, NO_MESSAGE)


class _Worker:
    """Runs one agent's calls in a daemon thread so a slow call can be abandoned.

    Python cannot stop a thread: an abandoned call runs on, and until it returns the agent is
    not asked again (its side holds position), so one agent never runs twice at once.
    """

    def __init__(self):
        self.thread: threading.Thread | None = None

    def call(self, fn: Callable, limit: float, *args):
        if self.thread is not None and self.thread.is_alive():
            raise AgentTimeout("is still busy with an earlier turn")
        box: dict = {}

        def target():
            try:
                box["value"] = fn(*args)
            except BaseException as exc:  # carried back to the caller's thread
                box["error"] = exc

        self.thread = threading.Thread(target=target, daemon=True)
        self.thread.start()
        self.thread.join(limit)
        if self.thread.is_alive():
            raise AgentTimeout(f"took longer than {limit:g} s")
        if "error" in box:
            raise box["error"]
        return box["value"]


_FAULT = object()   # _guard's result when the agent's call failed (None is a possible bad answer)


class Match:
    """A game between two agents (either may be None for a side whose choices come from outside)."""

    def __init__(self, scenario, agents: Sequence, seed: int = 0, *, log: bool = True,
                 time_limit: float | None = None, on_fault: Callable[[Fault], None] | None = None,
                 game: Game | None = None, faults: Sequence[Fault] = ()):
        """`game` and `faults` continue a game rebuilt from a save (then `seed` is the game's)."""
        if len(agents) != 2:
            raise ValueError("a match needs two agents, one per side (None for an outside player)")
        self.scenario = scenario
        self.game = Game(scenario, seed, log=log) if game is None else game
        self.seed = seed
        self.agents = list(agents)
        self.time_limit = time_limit
        self.on_fault = on_fault
        self.faults: list[Fault] = list(faults)
        self._observes = [getattr(agent, "observes", True) for agent in self.agents]
        self._workers = (_Worker(), _Worker())
        for side, agent in enumerate(self.agents):
            if agent is not None and hasattr(agent, "reset"):
                rng = Stream(self.game.seeds[AGENT_STREAMS[side]])
                self._guard(side, agent.reset, scenario.sides[side], scenario, rng)

    @property
    def over(self) -> bool:
        return self.game.over

    def agent_name(self, side: int) -> str:
        agent = self.agents[side]
        return "human" if agent is None else getattr(agent, "name", type(agent).__name__)

    def _fault(self, side: int, message: str) -> None:
        fault = Fault(self.game.turn, self.scenario.sides[side], self.agent_name(side), message)
        self.faults.append(fault)
        if self.on_fault is not None:
            self.on_fault(fault)

    def _guard(self, side: int, fn, *args):
        """Call an agent method; a failure becomes a recorded fault and the result _FAULT.

        Humans (agents with `human = True`) are never timed."""
        try:
            if self.time_limit is None or getattr(self.agents[side], "human", False):
                return fn(*args)
            return self._workers[side].call(fn, self.time_limit, *args)
        except (KeyboardInterrupt, StopMatch):
            raise
        except AgentTimeout as exc:
            self._fault(side, f"{exc}; it holds its position this turn")
        except BaseException as exc:  # any failure of an agent, even SystemExit, is contained here
            self._fault(side, f"raised {type(exc).__name__}: {exc}; it holds its position this turn")
        return _FAULT

    def choice_of(self, side: int) -> Choice:
        """Ask side's agent for its choice, checked; a fault yields the safest legal choice."""
        game = self.game
        legal = game.legal(side)
        agent = self.agents[side]
        if agent is None:
            raise ValueError(f"{self.scenario.sides[side]} is played from outside: pass its choice to step()")
        obs = observe(game, side) if self._observes[side] else None
        choice = self._guard(side, agent.choose, obs, legal)
        if choice is _FAULT:
            return safest_choice(legal)
        if not legal.allows(choice):
            self._fault(side, f"returned an illegal choice {choice!r}; it holds its position this turn")
            return safest_choice(legal)
        return choice

    def step(self, outside: dict[int, Choice] | None = None) -> dict | None:
        """Play one turn. `outside` supplies choices for sides without an agent (e.g. humans)."""
        if not outside:   # every choice comes through choice_of, which checks it
            return self.game.resolve(self.choice_of(0), self.choice_of(1))
        choices = [outside[s] if s in outside else self.choice_of(s) for s in (0, 1)]
        return self.game.step(choices[0], choices[1])

    def play(self, max_seconds: float | None = None):
        """Play to the end; returns the game. `max_seconds` guards runaway agents in batch use."""
        game, choice_of = self.game, self.choice_of
        if max_seconds is None:   # the batch loop: step()'s fast path, without its call
            while game.outcome is None:
                game.resolve(choice_of(0), choice_of(1))
            return game
        deadline = time.monotonic() + max_seconds
        while game.outcome is None and time.monotonic() <= deadline:
            self.step()
        return game

    def record(self) -> dict:
        return build_record(self.game, agents=[self.agent_name(s) for s in (0, 1)],
                            faults=[f.to_json() for f in self.faults])

"""The one match runner: two agents, one game, faults contained. Used by every front end.

An agent that raises, returns an illegal choice or (with a time limit) is too slow is not allowed
to crash the program: the runner records a fault with a clear message and plays the side's
safest legal choice for that turn instead. A choice counts only if it is a genuine `Choice` of
the very objects offered (exact types and identity: a look-alike that compares equal is illegal).
Describing a fault never runs the agent's code in a way that can fail or flood: messages are
built from type names and clipped text.

`isolate=True` runs each computer player in its own process (game/agents/isolated.py), which
sees only its observation and legal choices; crashes, hangs and exits there are faults, and the
time limit is enforced by ending the process, so it holds even against code that never yields.
"""
from __future__ import annotations

import math
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.agents.base import check_can_play
from game.engine.game import Choice, Game, Legal
from game.engine.negotiation import NO_MESSAGE, Message
from game.engine.observation import observe
from game.engine.record import build_record
from game.engine.rng import AGENT_STREAMS, Stream
from game.safetext import printable, safe_getattr, safe_str, type_name
from game.scenario.compiled import Action

#: the longest time limit per move accepted (a day): larger values overflow the thread wait
MAX_TIME_LIMIT = 86400.0
#: the longest agent name kept (names are shown in every fault line and the record)
MAX_NAME = 60
#: the largest agent state a save keeps, in characters of JSON
MAX_STATE_CHARS = 4 * 1024 * 1024


@dataclass(frozen=True)
class Fault:
    turn: int
    side: str
    agent: str
    message: str

    def to_json(self) -> dict:
        return {"turn": self.turn, "side": self.side, "agent": self.agent, "message": self.message}


class AgentFailure(Exception):
    """An agent failed in a way the runner describes itself (the message is shown as it is)."""


class AgentTimeout(AgentFailure):
    """An agent did not answer within the match's time limit."""


class IllegalAnswer:
    """An answer already known to be illegal (e.g. checked in an agent's own process), described."""

    __slots__ = ("what",)

    def __init__(self, what: str):
        self.what = what


def check_time_limit(limit) -> float | None:
    """The time limit as a float, or ValueError saying what is accepted (None: no limit)."""
    if limit is None:
        return None
    try:
        value = float(limit)
    except (TypeError, ValueError):
        raise ValueError(f"a time limit must be a number of seconds, not {safe_str(limit, 40)}") from None
    if not (math.isfinite(value) and 0 < value <= MAX_TIME_LIMIT):
        raise ValueError(f"a time limit must be more than 0 and at most {MAX_TIME_LIMIT:g} seconds (a day)")
    return value


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
    not asked again (its side holds position), so one agent never runs twice at once. A call
    that holds the interpreter lock (one long C call) keeps even the wait from ending on time:
    its answer is then measured and refused as late, never taken (only `isolate` can stop it).
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
        started = time.monotonic()
        self.thread.start()
        self.thread.join(limit)
        if self.thread.is_alive():
            raise AgentTimeout(f"took longer than {limit:g} s")
        took = time.monotonic() - started
        if took > limit:
            raise AgentTimeout(f"took {took:.3g} s, longer than {limit:g} s (it kept the interpreter busy)")
        if "error" in box:
            raise box["error"]
        return box["value"]


_FAULT = object()   # _guard's result when the agent's call failed (None is a possible bad answer)


def is_isolated(agent) -> bool:
    """Whether `agent` is the runner's own proxy for a player in another process (exact type)."""
    module = sys.modules.get("game.agents.isolated")
    return module is not None and type(agent) is module.IsolatedAgent


def genuine(choice) -> bool:
    """A real Choice of two engine objects: exact types, so no look-alike's __eq__/__hash__ runs."""
    return (type(choice) is Choice and len(choice) == 2
            and type(choice[0]) is Action and type(choice[1]) is Message)


def describe_choice(choice) -> str:
    """An illegal answer, described without calling any of its methods."""
    if choice is None:
        return "None"
    if type(choice) is IllegalAnswer:
        return choice.what
    if genuine(choice):
        return f"Choice({printable(str(choice[0].id), 60)}, {choice[1].kind})"
    if type(choice) is Choice:
        parts = " and ".join(f"a {type_name(part)}" for part in tuple.__iter__(choice)) if len(choice) < 5 else "…"
        return f"(a Choice of {len(choice)} parts: {parts})" if len(choice) != 2 else f"(a Choice of {parts})"
    return f"(a {type_name(choice)})"


def agent_label(agent) -> str:
    """An agent's name for faults and records: its `name` if it is a short text, else its class."""
    if agent is None:
        return "human"
    try:
        name = getattr(agent, "name", None)
    except KeyboardInterrupt:
        raise
    except BaseException:   # noqa: BLE001 - a name property may raise anything
        name = None
    if type(name) is not str or not name.strip():
        return type_name(agent)
    return printable(name, MAX_NAME)


class Match:
    """A game between two agents (either may be None for a side whose choices come from outside)."""

    def __init__(self, scenario, agents: Sequence, seed: int = 0, *, log: bool = True,
                 time_limit: float | None = None, on_fault: Callable[[Fault], None] | None = None,
                 game: Game | None = None, faults: Sequence[Fault] = (), isolate: bool = False):
        """`game` and `faults` continue a game rebuilt from a save (then `seed` is the game's).

        `isolate` runs each computer player in a process of its own (agents given as objects
        made by `make_agent`, built-ins, or command-line names); people are never isolated."""
        if len(agents) != 2:
            raise ValueError("a match needs two agents, one per side (None for an outside player)")
        self.scenario = scenario
        self.game = Game(scenario, seed, log=log) if game is None else game
        self.seed = seed
        self.time_limit = check_time_limit(time_limit)
        self.isolate = isolate
        if isolate:
            from game.agents.isolated import isolated

            agents = [isolated(agent, self.time_limit) for agent in agents]
        elif any(isinstance(agent, str) for agent in agents):   # names, as on the command line
            from game.agents.base import make_agent

            agents = [make_agent(agent) if isinstance(agent, str) else agent for agent in agents]
        self.agents = list(agents)
        separate = [is_isolated(agent) for agent in self.agents]   # each in a process of its own
        for side, agent, iso in zip(scenario.sides, self.agents, separate):
            if agent is not None and not iso:   # refused before the game, not a fault a turn
                check_can_play(agent, scenario, side)
            if iso and self.time_limit is not None:   # an isolated agent made beforehand keeps the match's limit
                agent.time_limit = self.time_limit
        self.on_fault = on_fault
        self.faults: list[Fault] = list(faults)
        self._names = [agent_label(agent) for agent in self.agents]
        self._observes = [self._attribute(agent, "observes", True) for agent in self.agents]
        self._workers = (_Worker(), _Worker())
        # called directly, untimed: people, and isolated agents (which enforce the limit themselves)
        self._direct = [self.time_limit is None or self._attribute(agent, "human", False) is True
                        or iso for agent, iso in zip(self.agents, separate)]
        self._once: set = set()   # keys of faults recorded at most once
        for side, agent in enumerate(self.agents):
            reset = self._attribute(agent, "reset", None)
            if agent is not None and callable(reset):
                rng = Stream(self.game.seeds[AGENT_STREAMS[side]])
                self._guard(side, reset, scenario.sides[side], scenario, rng)
            if separate[side]:   # its process has told its name and whether it observes
                self._names[side] = agent_label(agent)
                self._observes[side] = agent.observes

    _attribute = staticmethod(safe_getattr)   # an agent's attribute; the default if reading it fails

    @property
    def over(self) -> bool:
        return self.game.over

    def agent_name(self, side: int) -> str:
        """The side's agent's name (read once, when the match was made: it cannot fail later)."""
        return self._names[side]

    def _fault(self, side: int, message: str, once: tuple | None = None) -> None:
        """Record a fault; with `once`, only the first fault of that key (e.g. one per turn)."""
        if once is not None:
            if once in self._once:
                return
            self._once.add(once)
        fault = Fault(self.game.turn, self.scenario.sides[side], self.agent_name(side), message)
        self.faults.append(fault)
        if self.on_fault is not None:
            self.on_fault(fault)

    def _guard(self, side: int, fn, *args, what: str = "it holds its position this turn", once: tuple | None = None):
        """Call an agent method; a failure becomes a recorded fault and the result _FAULT.

        Humans (agents with `human = True`) are never timed; isolated agents time themselves."""
        try:
            if self._direct[side]:
                return fn(*args)
            return self._workers[side].call(fn, self.time_limit, *args)
        except (KeyboardInterrupt, StopMatch):
            raise
        except BaseException as exc:  # any failure of an agent, even SystemExit, is contained here
            self._failed(side, exc, what, once)
        return _FAULT

    def _failed(self, side: int, exc: BaseException, what: str = "it holds its position this turn",
                once: tuple | None = None) -> None:
        """Record an agent's failure as a fault (AgentFailure says itself what went wrong)."""
        if isinstance(exc, AgentFailure):
            self._fault(side, f"{safe_str(exc)}; {what}", once)
        else:
            self._fault(side, f"raised {type_name(exc)}: {safe_str(exc)}; {what}", once)

    def choice_of(self, side: int) -> Choice:
        """Ask side's agent for its choice, checked; a fault yields the safest legal choice."""
        game = self.game
        legal = game.legal(side)
        agent = self.agents[side]
        if agent is None:
            raise ValueError(f"{self.scenario.sides[side]} is played from outside: pass its choice to step()")
        obs = observe(game, side) if self._observes[side] else None
        try:   # _guard, inline: twice a turn
            if self._direct[side]:
                choice = agent.choose(obs, legal)
            else:
                choice = self._workers[side].call(agent.choose, self.time_limit, obs, legal)
        except (KeyboardInterrupt, StopMatch):
            raise
        except BaseException as exc:  # any failure of an agent, even SystemExit, is contained here
            self._failed(side, exc)
            return safest_choice(legal)
        if not legal.allows(choice):   # exact types and identity, as `genuine` checks, then offered
            self._fault(side, f"returned an illegal choice {describe_choice(choice)}; it holds its position this turn")
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

    def agent_states(self) -> dict[str, object]:
        """Each side's agent state now, for a save (None for agents without get_state).

        A get_state that fails, or returns what is not plain JSON, is a fault (once per turn)
        and saves None: the save itself still works."""
        from game.engine.record import dumps

        states = {}
        for side, (name, agent) in enumerate(zip(self.scenario.sides, self.agents)):
            get_state = self._attribute(agent, "get_state", None)
            state = None
            if agent is not None and callable(get_state):
                once = ("state", self.game.turn, side)
                state = self._guard(side, get_state, what="its state is not saved", once=once)
                problem = None
                if state is not _FAULT:
                    try:
                        size = len(dumps({"state": state}))
                        if size > MAX_STATE_CHARS:
                            problem = f"get_state returned {size:,} characters (the limit is {MAX_STATE_CHARS:,})"
                    except KeyboardInterrupt:
                        raise
                    except BaseException as exc:   # noqa: BLE001 - not JSON: a set, NaN, an object...
                        problem = f"get_state returned what is not plain JSON ({type_name(exc)}: {safe_str(exc, 120)})"
                if problem:
                    self._fault(side, f"{problem}; its state is not saved", once)
                if problem or state is _FAULT:
                    state = None
            states[name] = state
        return states

    def close(self) -> None:
        """End the processes of isolated agents (nothing to do for others)."""
        for agent in self.agents:
            if is_isolated(agent):
                agent.close()

    def record(self) -> dict:
        return build_record(self.game, agents=[self.agent_name(s) for s in (0, 1)],
                            faults=[f.to_json() for f in self.faults])

"""The agent interface shared by scripted, human and plugin players, and the agent registry."""
from __future__ import annotations

import importlib
from typing import Protocol, runtime_checkable

from game.errors import HotlineError


class AgentSpecError(HotlineError, ValueError):
    """An agent name that is neither built in nor an importable `module:Class`."""


@runtime_checkable
class Agent(Protocol):
    """Observation + legal choices in, one choice out.

    `observes = False` lets an agent that ignores observations (like the random one) skip
    their construction: it then gets `None`. `reset` is called once before the first turn with
    the agent's side, the compiled scenario and its own seeded random stream.
    """

    name: str
    observes: bool

    def reset(self, side: str, scenario, rng) -> None: ...

    def choose(self, observation, legal): ...


def builtin_agents() -> dict[str, type]:
    from game.agents.registry import catalogue

    return catalogue()


def make_agent(spec: str) -> Agent:
    """Build an agent from a CLI name: a built-in (`random`) or a plugin `package.module:ClassName`."""
    builtins = builtin_agents()
    if spec in builtins:
        return builtins[spec]()
    if ":" not in spec:
        raise AgentSpecError(f"unknown agent '{spec}': use one of {', '.join(sorted(builtins))} "
                             f"or a plugin as 'package.module:ClassName'")
    module_name, _, attr = spec.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise AgentSpecError(f"cannot load agent '{spec}': {exc}") from exc
    try:
        agent = cls()
    except Exception as exc:  # a plugin's constructor may raise anything
        raise AgentSpecError(f"agent '{spec}' failed to start: {type(exc).__name__}: {exc}") from exc
    if not callable(getattr(agent, "choose", None)):
        raise AgentSpecError(f"agent '{spec}' has no choose(observation, legal) method")
    return agent

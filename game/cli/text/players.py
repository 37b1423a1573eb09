"""Who plays which side: turning --side/--opponent/--moscow/--agent flags into agents."""
from __future__ import annotations

from game.agents import make_agent
from game.agents.base import AgentSpecError, builtin_agents, check_can_play
from game.cli.text.console import Console
from game.cli.text.human import HumanTerminalAgent
from game.saves import HUMAN

BOTH, WATCH = "both", "watch"


class UsageError(ValueError):
    """A flag combination or value that cannot work; the message says what to type instead."""


def side_specs(scenario, *, side: str | None, opponent: str, per_side: dict[str, str]) -> dict[str, str]:
    """side id -> agent spec ('human', 'random', 'pkg.mod:Class') for every side of the scenario."""
    sides = scenario.sides
    for name in per_side:
        if name not in sides:
            raise UsageError(f"scenario '{scenario.id}' has no side '{name}' (its sides: {', '.join(sides)})")
    specs = dict(per_side)
    if side is not None:
        if side == BOTH:
            humans = list(sides)
        elif side == WATCH:
            humans = []
        elif side in sides:
            humans = [side]
        else:
            raise UsageError(f"unknown side '{side}': use one of {', '.join(sides)}, {BOTH} or {WATCH}")
        for name in humans:
            if specs.get(name, HUMAN) != HUMAN:
                raise UsageError(f"--side {side} makes {name} a human player, but {name} is also "
                                 f"given the agent '{specs[name]}'")
            specs[name] = HUMAN
    for name in sides:
        specs.setdefault(name, opponent)
    if side == WATCH and HUMAN in specs.values():
        raise UsageError("--side watch is for two computer players; do not make a side 'human'")
    return {name: specs[name] for name in sides}


def parse_assignment(text: str) -> tuple[str, str]:
    """'SIDE=AGENT' from --agent."""
    side, sep, agent = text.partition("=")
    if not sep or not side or not agent:
        raise UsageError(f"--agent expects SIDE=AGENT, e.g. --agent north=random (got '{text}')")
    return side.strip(), agent.strip()


def build_agents(scenario, specs: dict[str, str], console: Console, isolate: bool = False) -> list:
    """One agent per side in scenario order; humans share the console (hand-over when two).

    With `isolate`, computer players are made in their own processes, never in this one."""
    hot_seat = sum(spec == HUMAN for spec in specs.values()) > 1
    agents = []
    for side in scenario.sides:
        spec = specs[side]
        if spec == HUMAN:
            agents.append(HumanTerminalAgent(console, hot_seat=hot_seat))
        else:
            agent = make_player(side, spec, isolate)
            try:
                check_can_play(builtin_agents().get(spec, agent), scenario, side, spec)
            except AgentSpecError as exc:
                raise UsageError(str(exc)) from None
            agents.append(agent)
    return agents


def make_player(side: str, spec: str, isolate: bool = False):
    """The computer player `spec` for `side` (in its own process with `isolate`); UsageError if
    the name is not one."""
    try:
        if isolate:
            from game.agents.isolated import IsolatedAgent

            return IsolatedAgent(spec)
        return make_agent(spec)
    except AgentSpecError as exc:
        raise UsageError(f"{side}: {exc}") from None


def humans(agents) -> frozenset[int]:
    return frozenset(i for i, a in enumerate(agents) if getattr(a, "human", False))

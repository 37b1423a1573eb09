"""Seeded playouts for what static analysis cannot decide: which endings, phases, events and moves
actually come up, how often deals break at once, whether phases flip, where passive play leads.

Games are played through the one match runner (`game.match.Match`) between built-in computer
players: random against random for most games, plus a few games of each scripted pairing (hawk,
dove, tit_for_tat, negotiator) whose purposeful play reaches endings random play rarely does, and
two passive players (each turn the move closest to the status quo, no message). Game k of
pairing p uses seed `seed + k`: the same command gives the same numbers.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from game.match import Match, safest_choice

SCRIPTED = ("hawk", "dove", "tit_for_tat", "negotiator")


class PassiveAgent:
    """Holds still: the legal move closest to the status quo, and no message."""

    name = "passive"
    observes = False
    description = "the move closest to the status quo every turn, never a message"

    def choose(self, observation, legal):
        return safest_choice(legal)


class _Watch:
    """Wraps an agent and notes every action it was offered (for 'never legal')."""

    def __init__(self, inner, seen: set, side: str):
        self.inner, self.seen, self.side = inner, seen, side
        self.name = getattr(inner, "name", type(inner).__name__)
        self.observes = getattr(inner, "observes", True)

    def reset(self, side, scenario, rng):
        if hasattr(self.inner, "reset"):
            self.inner.reset(side, scenario, rng)

    def choose(self, observation, legal):
        self.seen.update((self.side, a.id) for a in legal.actions)
        return self.inner.choose(observation, legal)


@dataclass
class PlayoutStats:
    """What the playouts saw. Counts are numbers of games unless said otherwise."""

    games: int = 0
    pairings: list = field(default_factory=list)        # (moscow-side agent, other agent, games)
    outcomes: Counter = field(default_factory=Counter)
    phases: Counter = field(default_factory=Counter)     # games in which the phase was entered
    events: Counter = field(default_factory=Counter)     # games in which the event fired
    legal: set = field(default_factory=set)              # (side, action id) offered at least once
    played: Counter = field(default_factory=Counter)     # (side, action id) -> times played
    turn_one: int = 0                                    # games that ended on turn 1
    agreed: Counter = field(default_factory=Counter)     # (issue, option) -> agreements made
    broken_at_once: Counter = field(default_factory=Counter)   # ... broken the same turn
    flips: Counter = field(default_factory=Counter)      # (a, b) -> games with a -> b -> a on consecutive turns
    passive: Counter = field(default_factory=Counter)    # outcome of passive against passive
    passive_games: int = 0


def play(scenario, games: int = 200, seed: int = 0, scripted_games: int = 4, passive_games: int = 10) -> PlayoutStats:
    """Play `games` random games, `scripted_games` of each ordered scripted pairing and
    `passive_games` passive ones; collect what happened."""
    from game.agents.base import builtin_agents
    from game.agents.random_agent import RandomAgent

    catalogue = builtin_agents()
    stats = PlayoutStats()
    plan = [("random", "random", games)]
    plan += [(a, b, scripted_games) for a in SCRIPTED for b in SCRIPTED if scripted_games and a in catalogue
             and b in catalogue]
    for first, second, n in plan:
        if n <= 0:
            continue
        stats.pairings.append((first, second, n))
        for k in range(n):
            agents = [RandomAgent() if name == "random" else catalogue[name]() for name in (first, second)]
            _one(scenario, agents, seed + k, stats)
    for k in range(passive_games):
        game = Match(scenario, [PassiveAgent(), PassiveAgent()], seed=seed + k, log=False).play()
        stats.passive[game.outcome.id] += 1
        stats.passive_games += 1
    return stats


def _one(scenario, agents, seed: int, stats: PlayoutStats) -> None:
    sides = scenario.sides
    watched = [_Watch(agent, stats.legal, sides[s]) for s, agent in enumerate(agents)]
    match = Match(scenario, watched, seed=seed, log=True)
    game = match.play()
    stats.games += 1
    stats.outcomes[game.outcome.id] += 1
    turns = game.turns
    if len(turns) == 1:
        stats.turn_one += 1
    entered = {scenario.phases[0].id}
    fired: set[str] = set()
    flips: set[tuple] = set()
    for k, record in enumerate(turns):
        entered.add(record["phase_after"])
        for side, choice in record["choices"].items():
            stats.played[side, choice["action"]] += 1
        made = set()
        for fact in record["news"]:
            kind = fact["kind"]
            if kind == "event":
                fired.add(fact["id"])
            elif kind == "agreement":
                made.add((fact["issue"], fact["option"]))
                stats.agreed[fact["issue"], fact["option"]] += 1
            elif kind == "breach" and (fact["issue"], fact["option"]) in made:
                stats.broken_at_once[fact["issue"], fact["option"]] += 1
        if k and record["phase"] != record["phase_after"]:
            before = turns[k - 1]
            if before["phase"] == record["phase_after"] and before["phase_after"] == record["phase"]:
                flips.add((record["phase_after"], record["phase"]))
    for pid in entered:
        stats.phases[pid] += 1
    for eid in fired:
        stats.events[eid] += 1
    for pair in flips:
        stats.flips[pair] += 1


def describe(stats: PlayoutStats) -> str:
    """`300 seeded games: 200 random v random, 4 of each of 16 scripted pairings, 10 passive`."""
    scripted = [p for p in stats.pairings if p[0] != "random"]
    parts = [f"{n} {a} v {b}" for a, b, n in stats.pairings if a == "random"]
    if scripted:
        parts.append(f"{scripted[0][2]} of each of {len(scripted)} scripted pairings")
    if stats.passive_games:
        parts.append(f"{stats.passive_games} passive v passive")
    return f"{stats.games + stats.passive_games} seeded games: " + ", ".join(parts)

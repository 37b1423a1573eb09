"""Read-only facts of the game that conditions can read: agreements, commitments, recent moves.

Conditions stay numeric and compile to closures over the state vector `v`. After the variables
and `turn`, `v` carries one slot per fact, readable by a dotted name and never assignable:

    agreed.<issue>.<option>     1 while that option is agreed and in force, else 0
    committed.<issue>.<option>  1 while that option's commitments bind (agreed, not breached)
    breached.<issue>.<option>   1 once one of its commitments was breached
    last.<side>.<action>        1 if it was that side's most recent action (during a turn's
                                resolution: the action of this turn), else 0
    played.<side>.<action>      how many times that side has played it

`pass` (the built-in wait) has its slots too. Each side also has one internal slot per action
holding the turn it was last played (0 = never), which once-only actions and cooldowns read.
The engine writes the slots through `game.engine.facts`; effects can never assign them. The
yes/no facts (agreed, committed, breached, last) are conditions by themselves:
`condition: agreed.sanctions.freeze_new and not last.moscow.deny_reports`.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DEAL_FACTS = ("agreed", "committed", "breached")
MOVE_FACTS = ("last", "played")
FACT_PREFIXES = DEAL_FACTS + MOVE_FACTS
FLAG_FACTS = ("agreed", "committed", "breached", "last")   # 1/0: a condition by themselves
PASS_ID = "pass"

FACT_HELP = ("agreed.<issue>.<option>, committed.<issue>.<option>, breached.<issue>.<option>, "
             "last.<side>.<action> and played.<side>.<action>")


@dataclass(frozen=True, slots=True)
class MoveSlots:
    """The slots of one action of one side: `last` within the side's [lo, hi) range of last-slots."""

    last: int
    played: int
    at: int           # internal: turn it was last played, 0 if never
    last_lo: int
    last_hi: int


@dataclass(frozen=True, slots=True)
class FactLayout:
    """Where each fact sits in the state vector; built once from a scenario's names."""

    start: int                                        # first fact slot (just after `turn`)
    size: int                                         # how many slots follow `turn`
    names: dict[str, int]                             # dotted name -> index (readable facts only)
    deals: tuple[tuple[tuple[int, int, int], ...], ...]   # [issue][option] -> (agreed, committed, breached)
    moves: tuple[dict[str, MoveSlots], ...]           # per side: action id -> its slots
    hidden: tuple[tuple[int, ...], ...] = ((), ())    # per side: slots (from `start`) of the other's secret moves


def fact_layout(start: int, sides: Sequence[str], actions: Sequence[Iterable[str]],
                issues: Sequence[tuple[str, Sequence[str]]]) -> FactLayout:
    """Lay out the fact slots from `start`: deals issue by issue, then each side's moves.

    `actions[s]` are side s's action ids in file order; the built-in `pass` is added last
    unless the side already has an action of that id."""
    names: dict[str, int] = {}
    k = start
    deals = []
    for issue, options in issues:
        row = []
        for option in options:
            row.append((k, k + 1, k + 2))
            for j, fact in enumerate(DEAL_FACTS):
                names.setdefault(f"{fact}.{issue}.{option}", k + j)
            k += 3
        deals.append(tuple(row))
    moves = []
    for s, side in enumerate(sides):
        ids = list(dict.fromkeys(actions[s]))
        if PASS_ID not in ids:
            ids.append(PASS_ID)
        n = len(ids)
        lo = k
        slots = {}
        for i, action in enumerate(ids):
            slots[action] = MoveSlots(last=lo + i, played=lo + n + i, at=lo + 2 * n + i, last_lo=lo, last_hi=lo + n)
            names.setdefault(f"last.{side}.{action}", lo + i)
            names.setdefault(f"played.{side}.{action}", lo + n + i)
        moves.append(slots)
        k += 3 * n
    return FactLayout(start=start, size=k - start, names=names, deals=tuple(deals), moves=tuple(moves))


def with_secrets(layout: FactLayout, secret: Sequence[Iterable[str]]) -> FactLayout:
    """The layout knowing each side's secret (non-public) action ids: the other side never
    learns their `last`, `played` or turn slots, so its observation reads them as 0."""
    hidden = []
    for side in range(len(layout.moves)):
        other = layout.moves[1 - side]
        hidden.append(tuple(sorted(k - layout.start for action in secret[1 - side] if action in other
                                   for k in (other[action].last, other[action].played, other[action].at))))
    return FactLayout(layout.start, layout.size, layout.names, layout.deals, layout.moves, tuple(hidden))


def once_code(slots: MoveSlots) -> str:
    """Checked code (over `v`) that holds while an action with `once: true` was never played."""
    return f"(v[{slots.played}] == 0.0)"


def cooldown_code(slots: MoveSlots, turns: int, turn_index: int) -> str:
    """Checked code that holds unless the action was played within the last `turns` turns."""
    return f"(v[{slots.at}] == 0.0 or v[{turn_index}] - v[{slots.at}] > {float(turns)!r})"

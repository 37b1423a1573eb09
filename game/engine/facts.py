"""The engine's writes to the read-only fact slots of the state vector (see game.scenario.facts).

Called by the turn resolution right after the actions take effect, when an agreement is made
and when a commitment is breached, so that the same turn's events, phase moves and outcomes
can read what the sides just did and signed. A few list writes each; nothing else.
"""
from __future__ import annotations

from game.scenario.facts import FactLayout


def note_moves(v: list, scenario, turn: int, first, second) -> None:
    """Each side's action of this turn becomes its `last` (the others 0), `played` counts it,
    and the internal slot remembers the turn (for cooldowns). Indices come precomputed per
    stable action number (`scenario.move_notes`), so this is a few list writes (both sides
    written out: this runs every turn)."""
    turn = float(turn)
    notes, blank = scenario.move_notes, scenario.blank_last
    lo, hi, last, played, at = notes[0][first.index]
    v[lo:hi] = blank[0]
    v[last] = 1.0
    v[played] += 1.0
    v[at] = turn
    lo, hi, last, played, at = notes[1][second.index]
    v[lo:hi] = blank[1]
    v[last] = 1.0
    v[played] += 1.0
    v[at] = turn


def note_agreement(v: list, layout: FactLayout, option) -> None:
    """`agreed.<issue>.<option>` = 1, and `committed` = 1 if the option binds anyone."""
    agreed, committed, _ = layout.deals[option.issue][option.index]
    v[agreed] = 1.0
    if option.commitments:
        v[committed] = 1.0


def note_breach(v: list, layout: FactLayout, option) -> None:
    """The deal is off: `agreed` and `committed` = 0, `breached` = 1."""
    agreed, committed, breached = layout.deals[option.issue][option.index]
    v[agreed] = v[committed] = 0.0
    v[breached] = 1.0


"""`requires` on negotiation options and packages: which proposals may be sent (and accepted) now.

Each distinct `requires` has one bit; `scenario.requires_bits(v)` sets the bits of those that
hold, and a message needs the bits of its options and package (`scenario.message_needs`, per
side and message number, computed once). While every bit holds nothing is gated off and the
engine's ordinary message tables serve; a scenario without any `requires` never comes here.
"""
from __future__ import annotations

from game.scenario.compiled import message_need as _need
from game.scenario.moves import ACCEPT_MESSAGE, legal_messages


def message_need(scenario, message) -> int:
    """The bits a message needs: its options' and its package's `requires`."""
    return _need(scenario.issues, scenario.packages, message)


def allowed(scenario, message, bits: int) -> bool:
    """Whether `message` may be sent while the `requires` in `bits` hold."""
    return message_need(scenario, message) & ~bits == 0


def proposal_allowed(scenario, message, v: list) -> bool:
    """Whether a proposal (or the proposal an accept answers) is allowed in state `v`."""
    return allowed(scenario, message, scenario.requires_bits(v))


def gated(scenario) -> bool:
    """Whether any option or package of the scenario has a `requires`."""
    return scenario.gated


def message_entry(scenario, talks, side: int, bits: int, cache: dict) -> tuple[tuple, frozenset]:
    """The side's legal messages (and as a set) while the `requires` outside `bits` fail: the
    messages open with these issues settled, less proposals needing one of them; an accept only
    while the proposal it answers is allowed. Kept in `cache` by (side, settled, answering,
    answerable, bits): the same key always gives the same menu."""
    sc = scenario
    pending = talks.pending[1 - side]
    if pending is None:
        answerable = False
    else:   # one of the other side's numbered messages (as every pending proposal in play is): its need is a table look-up
        theirs = sc.moves[1 - side].messages
        k = pending.index
        need = sc.message_needs[1 - side][k] if k < len(theirs) and theirs[k] is pending else message_need(sc, pending)
        answerable = need & ~bits == 0
    key = ("gated", side, talks.settled, pending is not None, answerable, bits)
    cached = cache.get(key)
    if cached is None:
        needs, missing = sc.message_needs[side], ~bits
        base = sc.message_sets.get((side, talks.settled, pending is not None))
        base = base[0] if base is not None else legal_messages(sc.moves[side], talks.settled, pending is not None)
        messages = tuple(m for m in base if not needs[m.index] & missing and (answerable or m is not ACCEPT_MESSAGE))
        cached = cache[key] = (messages, frozenset(messages))
    return cached

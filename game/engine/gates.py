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


def message_entry(game, side: int) -> tuple[tuple, frozenset] | None:
    """The side's legal messages (and as a set) while some `requires` fails: the messages open
    with these issues settled, less proposals needing it; an accept only while the proposal it
    answers is allowed. None while nothing is gated off (the ordinary tables apply). Cached in
    the game by (side, settled, answering, answerable, bits)."""
    sc = game.scenario
    bits = sc.requires_bits(game.v)
    if bits == sc.requires_all:   # the common case: every `requires` holds, nothing is gated off
        return None
    talks = game.talks
    pending = talks.pending[1 - side]
    answerable = pending is not None and allowed(sc, pending, bits)
    key = ("gated", side, talks.settled, pending is not None, answerable, bits)
    cached = game._message_cache.get(key)
    if cached is None:
        needs, missing = sc.message_needs[side], ~bits
        base = sc.message_sets.get((side, talks.settled, pending is not None))
        base = base[0] if base is not None else legal_messages(sc.moves[side], talks.settled, pending is not None)
        messages = tuple(m for m in base if not needs[m.index] & missing and (answerable or m is not ACCEPT_MESSAGE))
        cached = game._message_cache[key] = (messages, frozenset(messages))
    return cached

"""`requires` on negotiation options and packages: which proposals may be sent (and accepted) now.

Each distinct `requires` has one bit; `scenario.requires_bits(v)` sets the bits of those that
hold, and a message needs the bits of its options and package. A scenario without any
`requires` needs no bits, so every proposal passes and the engine's message cache works as before.
"""
from __future__ import annotations


def message_need(scenario, message) -> int:
    """The bits a message needs: its options' and its package's `requires`."""
    need = 0
    for issue, option in message.terms:
        need |= scenario.issues[issue].options[option].requires_bit
    if message.package is not None:
        for package in scenario.packages:
            if package.id == message.package:
                need |= package.requires_bit
    return need


def allowed(scenario, message, bits: int) -> bool:
    """Whether `message` may be sent while the `requires` in `bits` hold."""
    need = message_need(scenario, message)
    return need & ~bits == 0


def proposal_allowed(scenario, message, v: list) -> bool:
    """Whether a proposal (or the proposal an accept answers) is allowed in state `v`."""
    return allowed(scenario, message, scenario.requires_bits(v))


def gated(scenario) -> bool:
    """Whether any option or package of the scenario has a `requires`."""
    return scenario.gated


def message_entry(game, side: int) -> tuple[tuple, frozenset]:
    """The side's legal messages (and as a set) in a gated scenario: the messages open with
    these issues settled, less proposals whose `requires` fail; an accept only while the
    proposal it answers is allowed. Cached in the game by (side, settled, answering, bits)."""
    from game.scenario.moves import ACCEPT_MESSAGE, legal_messages

    sc, talks = game.scenario, game.talks
    bits = sc.requires_bits(game.v)
    pending = talks.pending[1 - side]
    answerable = pending is not None and allowed(sc, pending, bits)
    key = ("gated", side, talks.settled, pending is not None, answerable, bits)
    cached = game._message_cache.get(key)
    if cached is None:
        messages = tuple(m for m in legal_messages(sc.moves[side], talks.settled, pending is not None)
                         if allowed(sc, m, bits) and (answerable or m is not ACCEPT_MESSAGE))
        cached = game._message_cache[key] = (messages, frozenset(messages))
    return cached

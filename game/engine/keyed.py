"""Keyed draws: a uniform number in [0, 1) as a hash of (run seed, game, turn, purpose).

The batch engine's randomness (game.lockstep): a draw depends on nothing but its key, so a game's
result is the same in any batch. The one-game engine uses the same function to replay a batch
game exactly (`Game(..., keyed=(seed, game))`); its own games draw from seeded streams instead
(game.engine.rng), which is faster one draw at a time. SplitMix64's finaliser, in wrapping
64-bit arithmetic; the numpy and compiled forms in game.lockstep give the same bits.
"""
from __future__ import annotations

MASK = 0xFFFFFFFFFFFFFFFF
GOLDEN = 0x9E3779B97F4A7C15
M1, M2 = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB
TURN_K, PURPOSE_K = 0xD1B54A32D192ED03, 0x8CB92BA72F3D8DD7
UNIT = 1.0 / (1 << 53)

#: what each draw is for: a side's action (ACTION + side), its message (MESSAGE + side), an event
#: (EVENT + its index in the scenario)
ACTION, MESSAGE, EVENT = 1, 3, 16


def mix(z: int) -> int:
    """SplitMix64's finaliser of a 64-bit number."""
    z = ((z ^ (z >> 30)) * M1) & MASK
    z = ((z ^ (z >> 27)) * M2) & MASK
    return z ^ (z >> 31)


def game_key(seed: int, game: int) -> int:
    """A game's key: a hash of (run seed, game index)."""
    return mix((mix(seed & MASK) + game * GOLDEN) & MASK)


def draw(key: int, turn: int, purpose: int) -> float:
    """The draw of game `key` for (turn, purpose)."""
    return (mix(key ^ ((turn * TURN_K + purpose * PURPOSE_K) & MASK)) >> 11) * UNIT

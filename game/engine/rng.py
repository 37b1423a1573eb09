"""Seeded random streams, one per purpose per game, derived from the game's seed.

A game's seed is an integer, or a numpy `SeedSequence` spawned by a batch (written in a record
as its entropy and spawn key). From it come independent 128-bit seeds, one for the engine's
chance, one for intelligence noise and one per agent, by hashing (entropy, spawn key) with
BLAKE2b: as independent as SeedSequence's own mixing, and cheap enough to do once per game in
batches of millions (numpy's `generate_state` costs more than a whole turn). Each stream is a
private `random.Random` (fast single draws, no global state) whose state fits in a JSON save.
"""
from __future__ import annotations

import hashlib
import random

import numpy as np

#: which of a game's derived seeds serves what
CHANCE_STREAM, INTEL_STREAM, AGENT_STREAMS = 0, 1, (2, 3)
_STREAMS = 4


def seed_key(seed) -> tuple[int, tuple[int, ...]]:
    """(entropy, spawn key) from an int, a SeedSequence, or a record's {"entropy", "spawn_key"}."""
    if isinstance(seed, np.random.SeedSequence):
        if not isinstance(seed.entropy, int):
            raise ValueError("a SeedSequence seed needs integer entropy")
        return seed.entropy, tuple(int(k) for k in seed.spawn_key)
    if isinstance(seed, dict):
        try:
            return int(seed["entropy"]), tuple(int(k) for k in seed["spawn_key"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a seed: {seed!r}") from exc
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"a seed is a non-negative whole number, not {seed!r}")
    return int(seed), ()


def seed_json(key: tuple[int, tuple[int, ...]]):
    """How a seed is written in a record: the int itself, or a spawned sequence's parts."""
    entropy, spawn_key = key
    return entropy if not spawn_key else {"entropy": str(entropy), "spawn_key": list(spawn_key)}


def derived_seeds(key: tuple[int, tuple[int, ...]]) -> list[int]:
    """The game's per-purpose 128-bit seeds."""
    digest = hashlib.blake2b(repr(key).encode(), digest_size=16 * _STREAMS, person=b"hotline-seeds").digest()
    return [int.from_bytes(digest[i:i + 16], "little") for i in range(0, 16 * _STREAMS, 16)]


class Stream(random.Random):
    """A private Mersenne Twister seeded with one of the game's derived seeds.

    Draws are the C implementation's (`random()`), the fastest single draws Python has; the
    state goes into a JSON save as the seed and the generator's 625 words.
    """

    def __init__(self, seed: int):
        super().__init__(seed)
        self.seed_value = seed

    def state(self) -> dict:
        version, words, gauss = self.getstate()
        return {"seed": str(self.seed_value), "mt": list(words)}

    def digest(self) -> str:
        """A short fingerprint of the position, for snapshots that must compare equal."""
        words = self.getstate()[1]
        return hashlib.sha256(repr(words).encode()).hexdigest()[:16]

    @classmethod
    def from_state(cls, state: dict) -> "Stream":
        try:
            stream = cls(int(state["seed"]))
            words = tuple(int(w) for w in state["mt"])
            stream.setstate((3, words, None))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError("not a random stream state") from exc
        return stream


def keyed_random(seed: int, *key: int) -> random.Random:
    """A generator for one (seed, key...) cell, e.g. intelligence noise for (turn, side)."""
    mixed = seed
    for k in key:
        mixed = (mixed * 0x9E3779B97F4A7C15 + k + 1) & ((1 << 192) - 1)
    return random.Random(mixed)

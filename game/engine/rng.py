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
import math
import random
import struct
from _random import Random as _CRandom

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
        # what random.Random(seed) does for an int, without its two Python-level frames
        # (three streams are seeded per game): the C generator seeded, no pending gauss draw
        _CRandom.seed(self, seed)
        self.gauss_next = None
        self.seed_value = seed

    def state(self) -> dict:
        """The position as JSON: seed, the generator's words and a pending `gauss` draw, if any."""
        version, words, gauss = self.getstate()
        return {"seed": str(self.seed_value), "mt": list(words), "gauss": gauss}

    def clone(self) -> "Stream":
        """An independent copy at the same position."""
        new = Stream.__new__(Stream)
        new.setstate(self.getstate())
        new.seed_value = self.seed_value
        return new

    def __deepcopy__(self, memo) -> "Stream":
        return self.clone()

    def __reduce__(self):
        return (Stream.from_state, (self.state(),))

    def digest(self) -> str:
        """A short fingerprint of the position, for snapshots that must compare equal."""
        words = self.getstate()[1]
        return hashlib.sha256(repr(words).encode()).hexdigest()[:16]

    @classmethod
    def from_state(cls, state: dict) -> "Stream":
        try:
            stream = cls(int(state["seed"]))
            words = tuple(int(w) for w in state["mt"])
            gauss = state.get("gauss")
            if gauss is not None and not (isinstance(gauss, float) and math.isfinite(gauss)):
                raise ValueError("gauss")
            stream.setstate((3, words, gauss))
        except (KeyError, TypeError, ValueError, OverflowError, AttributeError) as exc:
            raise ValueError("not a random stream state") from exc
        return stream


_TWO_PI = 2.0 * math.pi
_UNIT = 1.0 / (1 << 53)


def keyed_normals(seed: int, n: int, *key: int) -> list[float]:
    """`n` standard normal draws for one (seed, key...) cell.

    Hashed, not drawn from a stream: a cell's draws never depend on which other cells were
    asked for, or in what order (Box-Muller over BLAKE2b in counter mode, two draws per 16 bytes)."""
    cell = seed.to_bytes(16, "little") + b"".join(k.to_bytes(4, "little", signed=True) for k in key)
    pairs = (n + 1) // 2
    stream = b"".join(hashlib.blake2b(cell + block.to_bytes(4, "little"), digest_size=64,
                                      person=b"hotline-normal").digest()
                      for block in range((16 * pairs + 63) // 64))
    words = struct.unpack_from(f"<{2 * pairs}Q", stream)
    out = []
    log, sqrt, cos, sin = math.log, math.sqrt, math.cos, math.sin
    for k in range(0, 2 * pairs, 2):
        r = sqrt(-2.0 * log(((words[k] >> 11) + 1) * _UNIT))   # (0, 1]: log never sees 0
        angle = _TWO_PI * ((words[k + 1] >> 11) * _UNIT)
        out += (r * cos(angle), r * sin(angle))
    return out[:n]


def normal_table(seed: int, rows: int, cols: int, *key: int) -> tuple[tuple[float, ...], ...]:
    """A rows × cols table of standard normal draws for the cell (seed, key...), made in one go
    (e.g. one side's intelligence noise in a game: a row per turn)."""
    flat = keyed_normals(seed, rows * cols, *key)
    return tuple(tuple(flat[r * cols:(r + 1) * cols]) for r in range(rows))

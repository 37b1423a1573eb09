"""Seeded random streams: fast buffered draws with a position that can be saved and restored.

Each game owns its streams, spawned from one numpy `SeedSequence`: the engine's chance stream
and one per agent. A stream's whole state is (seed entropy, spawn key, number of draws), so it
goes into a JSON save as three plain values and is restored with PCG64's `advance`.
"""
from __future__ import annotations

import numpy as np

_BLOCK = 128


def seed_sequence(seed: int | np.random.SeedSequence) -> np.random.SeedSequence:
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"a seed is a non-negative whole number, not {seed!r}")
    return np.random.SeedSequence(int(seed))


class Stream:
    """Uniform floats in [0, 1) from PCG64, drawn in blocks; `drawn` counts what was used."""

    __slots__ = ("seq", "_bitgen", "_gen", "_buf", "_pos", "_base")

    def __init__(self, seq: np.random.SeedSequence, drawn: int = 0):
        self.seq = seq
        self._bitgen = None
        self._buf: list[float] = []
        self._pos = 0
        self._base = drawn   # draws made before the current buffer

    @property
    def drawn(self) -> int:
        return self._base + self._pos

    def _refill(self) -> None:
        if self._bitgen is None:   # created on first use: many games never need a stream
            self._bitgen = np.random.PCG64(self.seq)
            if self._base:
                self._bitgen.advance(self._base)
            self._gen = np.random.Generator(self._bitgen)
        else:
            self._base += self._pos
        self._buf = self._gen.random(_BLOCK).tolist()
        self._pos = 0

    def random(self) -> float:
        pos = self._pos
        if pos == len(self._buf):
            self._refill()
            pos = 0
        self._pos = pos + 1
        return self._buf[pos]

    def below(self, n: int) -> int:
        """A uniform whole number in [0, n)."""
        return int(self.random() * n)

    def state(self) -> dict:
        return {"entropy": str(self.seq.entropy), "spawn_key": list(self.seq.spawn_key), "drawn": self.drawn}

    @classmethod
    def from_state(cls, state: dict) -> "Stream":
        seq = np.random.SeedSequence(int(state["entropy"]), spawn_key=tuple(state["spawn_key"]))
        return cls(seq, drawn=int(state["drawn"]))


#: spawn keys of a game's streams below its seed
CHANCE_STREAM, INTEL_STREAM, AGENT_STREAMS = 0, 1, (2, 3)


def child_sequence(seq: np.random.SeedSequence, key: int, *more: int) -> np.random.SeedSequence:
    """The child of `seq` at spawn key `key` (and deeper keys): same as spawning, but stateless."""
    return np.random.SeedSequence(seq.entropy, spawn_key=tuple(seq.spawn_key) + (key, *more))

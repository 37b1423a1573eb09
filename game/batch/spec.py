"""What identifies a batch run, and the seed of each of its games.

Two runs with the same scenario content, agents, run seed, fault policy and engine version
play the same games; the run id is a hash of exactly those, so a results file can tell
whether a command continues it or is a different run. The number of games is not part of it:
game i does not depend on how many games the run has, so a run can be extended.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import numpy as np

from game.engine.game import ENGINE_VERSION

RUN_FORMAT = "hotline-batch-run"
RUN_VERSION = 1
ON_FAULT = ("error", "hold")   # an agent fault ends its game as an error / the side holds position


def game_seed(run_seed: int, game_id: int) -> np.random.SeedSequence:
    """Game `game_id`'s seed: the same as `SeedSequence(run_seed).spawn(n)[game_id]` for any n > game_id.

    Built directly from (entropy, spawn key), so a worker needs no list of a million children."""
    return np.random.SeedSequence(run_seed, spawn_key=(game_id,))


@dataclass(frozen=True)
class RunSpec:
    """A run's identity: scenario (by content), one agent spec per side, run seed, fault policy."""

    scenario_id: str
    scenario_hash: str
    sides: tuple[str, ...]
    agents: tuple[str, ...]
    seed: int
    on_fault: str = "error"
    engine: str | int = ENGINE_VERSION

    def __post_init__(self):
        if len(self.sides) != len(self.agents):
            raise ValueError("one agent per side")
        if self.on_fault not in ON_FAULT:
            raise ValueError(f"on_fault must be one of {', '.join(ON_FAULT)}")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            raise ValueError(f"a run seed is a whole number 0 or more, not {self.seed!r}")

    def identity(self) -> dict:
        """The fields that decide which games the run plays (and so whether two runs may share a file)."""
        return {"format": RUN_FORMAT, "version": RUN_VERSION, "engine": self.engine,
                "scenario": {"id": self.scenario_id, "hash": self.scenario_hash},
                "agents": dict(zip(self.sides, self.agents)), "seed": self.seed, "on_fault": self.on_fault}

    @property
    def run_id(self) -> str:
        text = json.dumps(self.identity(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def to_json(self) -> dict:
        return {**self.identity(), "run": self.run_id}

    @classmethod
    def from_json(cls, data) -> "RunSpec":
        """Parse a run description (ValueError with a reason when it is not one)."""
        if not isinstance(data, dict) or data.get("format") != RUN_FORMAT:
            raise ValueError("not a Hotline batch run description")
        if data.get("version") != RUN_VERSION:
            raise ValueError(f"run description version {data.get('version')!r} is not supported")
        try:
            agents = data["agents"]
            return cls(scenario_id=str(data["scenario"]["id"]), scenario_hash=str(data["scenario"]["hash"]),
                       sides=tuple(agents), agents=tuple(str(a) for a in agents.values()),
                       seed=data["seed"], on_fault=data["on_fault"], engine=data["engine"])
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"incomplete run description ({exc})") from None

    def differences(self, other: "RunSpec") -> list[str]:
        """What differs between two runs, worded for a user ('seed 3 here, 4 in the file')."""
        mine, theirs = self.identity(), other.identity()
        words = {"engine": "engine version", "scenario": "scenario (id and content)", "agents": "agents",
                 "seed": "seed", "on_fault": "--on-fault"}
        out = []
        for key, word in words.items():
            if mine[key] != theirs[key]:
                out.append(f"{word}: {_short(mine[key])} here, {_short(theirs[key])} in the file")
        return out


def _short(value) -> str:
    if isinstance(value, dict) and "hash" in value:
        return f"{value['id']} ({value['hash'][:12]}…)"
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return str(value)

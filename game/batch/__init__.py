"""Batch runs above the match runner: many games between agents, in parallel, into result files.

`simulate` plays N games of one pairing (a process pool on this machine, or Ray across
machines) and appends one JSON line per finished game; `tournament` runs every pairing of a
list of agents and ranks them. Game i of a run is the same game whatever the job count or
backend: its seed is child i of the run seed (numpy `SeedSequence.spawn`).
"""
from __future__ import annotations

from game.batch.errors import BatchError, RunMismatch
from game.batch.spec import RunSpec, game_seed
from game.batch.stats import Summary, wilson
from game.batch.simulate import RunResult, simulate

__all__ = ["BatchError", "RunMismatch", "RunResult", "RunSpec", "Summary", "game_seed", "simulate", "wilson"]

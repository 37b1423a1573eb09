"""Benchmarks behind `python run.py bench`: scenario load time and engine throughput.

Each measures the real path (the validator on the real file; full games through the match
runner with two random agents) and reports medians, throughput and the ratio to its target.
"""
from __future__ import annotations

import statistics
import time

from game.agents import RandomAgent
from game.match import Match

#: targets from the issues: load + validate under 100 ms; 45,000 game-turns per second per core
LOAD_TARGET_MS = 100.0
TURNS_TARGET = 45_000.0


def bench_load(path, repeats: int = 30) -> dict:
    """Median time to read, validate and compile one scenario file."""
    from game.scenario.load import load_scenario

    load_scenario(path)   # warm imports and caches so the figure is the file's own cost
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        load_scenario(path)
        times.append((time.perf_counter() - start) * 1e3)
    median = statistics.median(times)
    return {"file": str(path), "repeats": repeats, "median_ms": median, "min_ms": min(times),
            "target_ms": LOAD_TARGET_MS, "ratio_to_target": median / LOAD_TARGET_MS}


def bench_games(scenario, games: int = 1000, *, log: bool = False, first_seed: int = 0) -> dict:
    """Play `games` random-vs-random games; time each one (setup included)."""
    durations, turns = [], 0
    clock = time.perf_counter
    for seed in range(first_seed, first_seed + games):
        start = clock()
        match = Match(scenario, [RandomAgent(), RandomAgent()], seed=seed, log=log)
        match.play()
        if log:
            match.record()
        durations.append(clock() - start)
        turns += len(match.game.choices)
    total = sum(durations)
    rate = turns / total
    return {"scenario": scenario.id, "games": games, "log": log, "turns": turns,
            "turns_per_game": turns / games, "median_game_ms": statistics.median(durations) * 1e3,
            "games_per_s": games / total, "turns_per_s": rate,
            "target_turns_per_s": TURNS_TARGET, "ratio_to_target": rate / TURNS_TARGET}

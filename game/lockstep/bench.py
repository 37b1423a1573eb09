"""The batch engine against the one-game engine, measured in the same run (`python run.py bench`).

Both play random against random on one core with result lines written (compact JSON, with the
encoder `simulate` writes its lines with). The batch engine runs compiled when numba is installed
(game.lockstep.compiled; its one-off compile is left out: warmed first), else as numpy columns;
the report says which. Rates are the fastest of a few rounds (the machine is shared). Also: the smallest
batch that beats the one-game engine, and the peak memory of one batch of 10,000 games.
"""
from __future__ import annotations

import io
import time
import tracemalloc

from game.agents import RandomAgent
from game.jsonfile import compact_encoder
from game.lockstep import compiled as fast
from game.lockstep.compare import agreement, scalar_results
from game.lockstep.engine import play
from game.lockstep.players import RandomPlayer
from game.lockstep.rules import BatchRules
from game.match import Match

TARGET_AT_1000 = 500_000.0          # game-turns/s with result lines, 1,000 games per batch
MEMORY_BUDGET_MB = 200.0            # one batch of 10,000 games
SIZES = (1, 10, 50, 100, 1000, 10000)


def _one_game_rate(scenario, games: int) -> float:
    out, turns, encode = io.StringIO(), 0, compact_encoder()
    start = time.perf_counter()
    for seed in range(games):
        game = Match(scenario, [RandomAgent(), RandomAgent()], seed=seed, log=False).play()
        turns += len(game.choices)
        out.write(encode({"game": seed, "outcome": game.outcome.id, "turns": len(game.choices),
                              "scores": game.scores(), "final": game.variables()}) + "\n")
    return turns / (time.perf_counter() - start)


def _batch_rate(rules, size: int, games: int, compiled: bool | None = None) -> float:
    out, turns, encode = io.StringIO(), 0, compact_encoder()
    players = (RandomPlayer(), RandomPlayer())
    start = time.perf_counter()
    for first in range(0, games, size):
        for result in play(rules, players, range(first, min(first + size, games)), seed=1, compiled=compiled):
            turns += result["turns"]
            out.write(encode(result) + "\n")
    return turns / (time.perf_counter() - start)


def bench_batch(scenario, games: int = 10000, rounds: int = 2) -> dict:
    rules = BatchRules(scenario)
    compiled = fast.available()
    start = time.perf_counter()
    if compiled:
        fast.kernel_for(rules).warm()
    ready = time.perf_counter() - start
    one = max(_one_game_rate(scenario, min(games, 2000)) for _ in range(rounds))
    rates = {size: max(_batch_rate(rules, size, max(games, size) if size > 100 else min(games, 200 * size, 2000))
                       for _ in range(rounds)) for size in SIZES}   # small batches: fewer games, same rate
    columns = max(_batch_rate(rules, 1000, max(games, 1000), compiled=False) for _ in range(rounds)) if compiled \
        else rates[1000]
    tracemalloc.start()
    for _ in play(rules, (RandomPlayer(), RandomPlayer()), range(10000), seed=2):
        pass
    peak = tracemalloc.get_traced_memory()[1] / 2 ** 20
    tracemalloc.stop()
    even = next((size for size in SIZES if rates[size] >= one), None)
    check = min(2 * games, 20000)   # the larger distribution run: both engines, the same number of games
    same = agreement(scenario, scalar_results(scenario, check),
                     list(play(rules, (RandomPlayer(), RandomPlayer()), range(check), seed=7)))
    return {"distributions": {"games": check, **same}, "scenario": scenario.id, "one_game_turns_per_s": one,
            "batch_turns_per_s": rates, "engine": "compiled (numba)" if compiled else "numpy columns (no numba)",
            "kernel_ready_s": ready, "numpy_columns_at_1000": columns,
            "ratio_at_1000": rates[1000] / one, "target_at_1000": TARGET_AT_1000,
            "break_even_batch": even, "peak_mb_10000": peak, "memory_budget_mb": MEMORY_BUDGET_MB}


def lines(r: dict) -> list[str]:
    d = r["distributions"]
    rates = ", ".join(f"{size:,}: {rate:,.0f}" for size, rate in r["batch_turns_per_s"].items())
    even = r["break_even_batch"]
    return [f"batch engine {r['scenario']}, {r['engine']} (random vs random, result lines written), game-turns/s "
            f"by batch size: {rates}; numpy columns at 1,000: {r['numpy_columns_at_1000']:,.0f}; "
            f"compiled turn ready in {r['kernel_ready_s']:.1f} s (compiled once per machine, then loaded); one-game engine {r['one_game_turns_per_s']:,.0f} — {r['ratio_at_1000']:.1f}x at 1,000 "
            f"(target {r['target_at_1000']:,.0f}: {r['batch_turns_per_s'][1000] / r['target_at_1000']:.2f} of it); "
            f"break-even at {f'{even:,} games' if even else 'none of the sizes measured'} (target: 50 or fewer); "
            f"peak memory of one 10,000-game batch {r['peak_mb_10000']:.0f} MB (budget {r['memory_budget_mb']:.0f})",
            f"batch engine {r['scenario']} vs one-game engine over {d['games']:,} games each: {d['statistics']} statistics, "
            f"largest |z| {d['max_abs_z']:.2f} ({d['worst']}), {d['over_2_5']} above 2.5 (chance alone gives about "
            f"{0.0124 * d['statistics']:.1f})"]

"""What a class's escalation is compared with: the historical line and the computer players' range.

- The computer players' range: the batch engine (`game.lockstep`) plays every pairing of the
  scripted players (random, hawk, dove, tit-for-tat) on the scenario; per side and turn, the 10th,
  50th and 90th percentile of the running escalation total over the games still going at that turn.
- The historical line: the `historical` computer player on both sides (the line each government
  actually took, as far as the game allows), over a few seeds; per side and turn, the median running
  total. Only for scenarios that have a historical line file.

Both are deterministic (fixed seeds) and cached per scenario content, so a class of 30 records costs
one computation.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from functools import lru_cache

BATCH_PLAYERS = ("random", "hawk", "dove", "tit_for_tat")
GAMES_PER_PAIRING = 40
HISTORICAL_SEEDS = (1, 2, 3, 4, 5)
SEED = 20220201


@dataclass(frozen=True)
class Reference:
    """Per side id: running escalation totals by turn (index 0 = after turn 1)."""

    low: dict[str, tuple[float, ...]]         # 10th percentile of the computer players
    median: dict[str, tuple[float, ...]]
    high: dict[str, tuple[float, ...]]        # 90th percentile
    games: int                                # computer games measured
    historical: dict[str, tuple[float, ...]] | None   # None: the scenario has no historical line
    historical_outcome: str | None            # the historical line's most common ending
    historical_turns: int | None


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def _running(per_turn: list[float]) -> list[float]:
    out, total = [], 0.0
    for x in per_turn:
        total += x
        out.append(total)
    return out


def _bands(curves: dict[str, list[list[float]]], turns: int):
    low, mid, high = {}, {}, {}
    for side, games in curves.items():
        lo, md, hi = [], [], []
        for t in range(turns):
            at = [g[t] for g in games if len(g) > t]
            if len(at) < 3:
                break
            lo.append(_percentile(at, 0.1))
            md.append(_percentile(at, 0.5))
            hi.append(_percentile(at, 0.9))
        low[side], mid[side], high[side] = tuple(lo), tuple(md), tuple(hi)
    return low, mid, high


def computer_curves(scenario, games: int = GAMES_PER_PAIRING, seed: int = SEED) -> dict[str, list[list[float]]]:
    """side -> the running escalation totals of every batch game of every scripted pairing."""
    from game.lockstep.engine import play
    from game.lockstep.players import PLAYERS
    from game.lockstep.rules import BatchRules

    rules = BatchRules(scenario)
    curves: dict[str, list[list[float]]] = {side: [] for side in scenario.sides}
    k = 0
    for a in BATCH_PLAYERS:
        for b in BATCH_PLAYERS:
            # the numpy columns: a first compile (seconds) would hold up the end screen
            for result in play(rules, (PLAYERS[a](), PLAYERS[b]()), games=range(games), seed=seed + k, compiled=False):
                for side in scenario.sides:
                    curves[side].append(_running(result["escalation"][side]))
            k += 1
    return curves


def historical_curves(scenario, seeds=HISTORICAL_SEEDS):
    """(side -> running totals per seed, outcome ids) of historical v historical; None without a line."""
    from game.agents.historical import LINES, HistoricalAgent
    from game.match import Match

    if not (LINES / f"{scenario.id}.yaml").is_file():
        return None
    curves: dict[str, list[list[float]]] = {side: [] for side in scenario.sides}
    outcomes = []
    for seed in seeds:
        match = Match(scenario, [HistoricalAgent(), HistoricalAgent()], seed=seed, log=False)
        game = match.play()
        for s, side in enumerate(scenario.sides):
            curves[side].append(_running([pair[s].action.escalation for pair in game.choices]))
        outcomes.append((game.outcome.id if game.outcome else None, game.turn - 1))
    return curves, outcomes


@lru_cache(maxsize=8)
def _reference(scenario) -> Reference:
    curves = computer_curves(scenario)
    low, mid, high = _bands(curves, scenario.max_turns)
    games = len(next(iter(curves.values()), []))
    hist = historical_curves(scenario)
    if hist is None:
        return Reference(low, mid, high, games, None, None, None)
    per_side, outcomes = hist
    historical = {}
    for side, runs in per_side.items():
        length = int(statistics.median(len(r) for r in runs))
        historical[side] = tuple(statistics.median(r[t] for r in runs if len(r) > t) for t in range(length))
    common = statistics.mode(o for o, _ in outcomes)
    turns = int(statistics.median(t for o, t in outcomes if o == common))
    return Reference(low, mid, high, games, historical, common, turns)


def reference(scenario) -> Reference:
    """The comparison lines of `scenario` (computed once per loaded scenario)."""
    return _reference(scenario)

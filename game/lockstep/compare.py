"""Do two engines play the same game? Summary statistics of many games (outcome frequencies,
length, scores, escalation, final values, agreement rates) and z-scores between two samples.
Used by the batch engine's tests and by the benchmark's larger run."""
from __future__ import annotations

import math

import numpy as np

from game.agents import RandomAgent
from game.match import Match


def scalar_results(scenario, games: int, first: int = 0) -> list[dict]:
    """Random-vs-random results of the one-game engine, shaped like the batch engine's."""
    out = []
    for seed in range(first, first + games):
        game = Match(scenario, [RandomAgent(), RandomAgent()], seed=seed, log=False).play()
        scores = game.scores()
        out.append({"outcome": game.outcome.id, "turns": len(game.choices),
                    "scores": dict(zip(scenario.sides, scores)),
                    "final": game.variables(),
                    "agreed": {scenario.issues[i].id: scenario.issues[i].options[o].id
                               for i, o in game.agreed.items()},
                    "escalation_total": dict(zip(scenario.sides, game.escalation))})
    return out


def statistics(scenario, results: list[dict]) -> dict[str, np.ndarray]:
    """name -> per-game sample (0/1 indicators for frequencies)."""
    stats = {f"outcome {o.id}": np.array([r["outcome"] == o.id for r in results], dtype=float)
             for o in scenario.outcomes}
    stats["turns"] = np.array([r["turns"] for r in results], dtype=float)
    for side in scenario.sides:
        stats[f"score {side}"] = np.array([r["scores"][side] for r in results])
        stats[f"escalation {side}"] = np.array([r["escalation_total"][side] for r in results])
    for var in scenario.var_ids:
        stats[f"final {var}"] = np.array([r["final"][var] for r in results])
    for issue in scenario.issues:
        stats[f"agreed {issue.id}"] = np.array([issue.id in r["agreed"] for r in results], dtype=float)
    return stats


def z_scores(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> dict[str, float]:
    """Two-sample z of the difference of means, per statistic (0 where both samples are constant)."""
    out = {}
    for name in a:
        x, y = a[name], b[name]
        se = math.sqrt(x.var(ddof=1) / len(x) + y.var(ddof=1) / len(y))
        diff = x.mean() - y.mean()
        out[name] = 0.0 if se == 0 and diff == 0 else (diff / se if se else math.inf)
    return out


def agreement(scenario, a: list[dict], b: list[dict]) -> dict:
    """z-scores of every statistic between two samples, with the largest and how many exceed 2.5."""
    z = z_scores(statistics(scenario, a), statistics(scenario, b))
    finite = {k: v for k, v in z.items() if math.isfinite(v)}
    worst = max(finite, key=lambda k: abs(finite[k])) if finite else None
    return {"statistics": len(z), "max_abs_z": abs(finite[worst]) if worst else 0.0, "worst": worst,
            "over_2_5": sum(abs(v) > 2.5 for v in finite.values()), "not_finite": len(z) - len(finite)}

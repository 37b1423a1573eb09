"""PNG charts of a tournament with matplotlib (Agg: no display needed): the outcome distribution of
each pairing, and each agent's mean escalation per turn."""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)
from matplotlib.ticker import MaxNLocator  # noqa: E402

ERROR_COLOUR = "#9e9e9e"


def draw_charts(result, out_dir: Path) -> list[Path]:
    return [outcome_chart(result, out_dir / "outcomes.png"), escalation_chart(result, out_dir / "escalation.png")]


def outcome_chart(result, path: Path) -> Path:
    """One horizontal bar per pairing, split by outcome share (errors grey, last)."""
    outcomes = result.outcome_order()
    pairs = list(result.runs)
    labels = [" vs ".join(p) for p in pairs]
    cmap = plt.get_cmap("tab20")
    fig, ax = plt.subplots(figsize=(11, 1.6 + 0.38 * len(pairs)))
    left = [0.0] * len(pairs)
    for n, outcome in enumerate(outcomes):
        shares = [result.runs[p].summary.outcomes.get(outcome, 0) / max(result.runs[p].summary.games, 1)
                  for p in pairs]
        colour = ERROR_COLOUR if outcome == "error" else cmap(n % 20)
        ax.barh(labels, shares, left=left, color=colour, label=outcome, edgecolor="white", linewidth=0.5)
        left = [a + b for a, b in zip(left, shares)]
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.set_xlabel("share of games")
    ax.set_title(f"Outcomes per pairing ({result.sides[0]} vs {result.sides[1]}), "
                 f"{result.games} games each, scenario {result.scenario}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def escalation_chart(result, path: Path) -> Path:
    """Each agent's mean escalation score per turn (its own moves, games on both sides pooled)."""
    fig, ax = plt.subplots(figsize=(9, 5))
    for agent, series in result.escalation_by_agent().items():
        if series:
            ax.plot(range(1, len(series) + 1), series, marker="o", markersize=3, label=agent)
    ax.axhline(0, color="black", linewidth=0.6)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("turn")
    ax.set_ylabel("mean escalation of the agent's move")
    ax.set_title(f"Mean escalation per turn by agent, scenario {result.scenario}")
    ax.legend(fontsize="small", frameon=False)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path

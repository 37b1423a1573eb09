"""A round robin: every agent against every agent (itself included) on both sides, one `simulate`
run per pairing, then a ranking, CSV and JSON exports and charts.

Scores of the two sides are on different scales, so an agent is ranked by its *relative score*:
on each side, its mean score minus the mean score of every agent on that side, averaged over the
two sides. Every pairing uses the same run seed (common random numbers: the chance events a
pairing meets differ only through the agents' own choices).
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from game.batch.simulate import RunResult, simulate
from game.batch.stats import Summary


def pairings(agents: list[str]) -> list[tuple[str, str]]:
    return [(a, b) for a in agents for b in agents]


def pairing_file(out_dir: Path, pair: tuple[str, ...]) -> Path:
    safe = [re.sub(r"[^A-Za-z0-9_.]+", "_", a).strip("_") for a in pair]
    return out_dir / "games" / ("-vs-".join(safe) + ".jsonl")


@dataclass
class TournamentResult:
    scenario: str
    sides: tuple[str, ...]
    agents: list[str]
    games: int
    seed: int
    out_dir: Path
    runs: dict = field(default_factory=dict)     # (agent per side...) -> RunResult
    interrupted: bool = False
    charts: list = field(default_factory=list)
    chart_note: str | None = None

    # ------------------------------------------------------------------ ranking

    def field_means(self) -> list[float | None]:
        """Mean score of every game's side k over all pairings (normal endings)."""
        out = []
        for k in range(len(self.sides)):
            total = sum(r.summary.scores[k].value() for r in self.runs.values())
            n = sum(r.summary.ok for r in self.runs.values())
            out.append(total / n if n else None)
        return out

    def ranking(self) -> list[dict]:
        fields = self.field_means()
        rows = []
        for agent in self.agents:
            row = {"agent": agent}
            rel, games, errors, esc, ok_games = [], 0, 0, 0.0, 0
            for k, side in enumerate(self.sides):
                total = n = 0
                for pair, r in self.runs.items():
                    if pair[k] != agent:
                        continue
                    s = r.summary
                    total += s.scores[k].value()
                    n += s.ok
                    esc += s.escalation[k].value()
                    ok_games += s.ok
                    games += s.games
                    errors += s.games - s.ok
                mean = total / n if n else None
                row[f"score_{side}"] = mean
                if mean is not None and fields[k] is not None:
                    rel.append(mean - fields[k])
            row["relative_score"] = sum(rel) / len(rel) if len(rel) == len(self.sides) else None
            row["escalation_per_game"] = esc / ok_games if ok_games else None
            row["games"] = games
            row["error_rate"] = errors / games if games else None
            rows.append(row)
        rows.sort(key=lambda r: (r["relative_score"] is None, -(r["relative_score"] or 0.0), r["agent"]))
        for rank, row in enumerate(rows, 1):
            row["rank"] = rank
        return rows

    def head_to_head(self) -> dict[str, dict[str, float | None]]:
        """row agent's relative score in its games against the column agent (both sides pooled)."""
        fields = self.field_means()
        table = {}
        for a in self.agents:
            table[a] = {}
            for b in self.agents:
                vals = []
                for k in range(len(self.sides)):
                    pair = tuple(a if j == k else b for j in range(len(self.sides)))
                    r = self.runs.get(pair)
                    if r is not None and r.summary.ok and fields[k] is not None:
                        vals.append(r.summary.scores[k] / r.summary.ok - fields[k])
                table[a][b] = sum(vals) / len(vals) if vals else None
        return table

    def pairing_rows(self) -> list[dict]:
        outcomes = self.outcome_order()
        rows = []
        for pair, r in self.runs.items():
            s = r.summary
            row = {f"agent_{side}": pair[k] for k, side in enumerate(self.sides)}
            row.update(games=s.games, ok=s.ok, errors=s.games - s.ok, mean_turns=s.mean_turns())
            for k, side in enumerate(self.sides):
                row[f"score_{side}"] = s.mean_scores()[side]
                row[f"escalation_{side}"] = s.mean_escalation()[side]
            for o in outcomes:
                row[f"rate_{o}"] = s.outcomes.get(o, 0) / s.games if s.games else None
            rows.append(row)
        return rows

    def outcome_order(self) -> list[str]:
        total = Summary(self.sides)
        for r in self.runs.values():
            total.outcomes.update(r.summary.outcomes)
            total.games += r.summary.games
        return [o for o, _ in sorted(total.outcomes.items(), key=lambda kv: (kv[0] == "error", -kv[1], kv[0]))]

    def escalation_by_agent(self) -> dict[str, list[float]]:
        """Mean escalation of an agent's own move at each turn, over all its games on either side."""
        out = {}
        for agent in self.agents:
            sums: list[float] = []
            counts: list[int] = []
            for pair, r in self.runs.items():
                for k in range(len(self.sides)):
                    if pair[k] == agent:
                        _add(sums, [x.value() for x in r.summary.per_turn[k]])
                        _add(counts, r.summary.at_turn)
            out[agent] = [x / n for x, n in zip(sums, counts) if n]
        return out

    def to_json(self) -> dict:
        return {"scenario": self.scenario, "sides": list(self.sides), "agents": self.agents, "games": self.games,
                "seed": self.seed, "complete": not self.interrupted and len(self.runs) == len(self.agents) ** 2,
                "ranking": self.ranking(), "head_to_head": self.head_to_head(),
                "pairings": [{"agents": dict(zip(self.sides, pair)), "results": str(r.path), **r.summary.to_json()}
                             for pair, r in self.runs.items()],
                "escalation_per_turn_by_agent": self.escalation_by_agent()}

    # ------------------------------------------------------------------ output

    def write(self, charts: bool = True) -> list[Path]:
        """ranking.csv, pairings.csv, head_to_head.csv, tournament.json and (with matplotlib) the charts."""
        d = self.out_dir
        d.mkdir(parents=True, exist_ok=True)
        written = [_csv(d / "ranking.csv", self.ranking()), _csv(d / "pairings.csv", self.pairing_rows())]
        h2h = self.head_to_head()
        written.append(_csv(d / "head_to_head.csv", [{"agent": a, **row} for a, row in h2h.items()]))
        path = d / "tournament.json"
        path.write_text(json.dumps(self.to_json(), indent=1) + "\n", encoding="utf-8")
        written.append(path)
        if charts:
            try:
                from game.batch.charts import draw_charts
            except ImportError as exc:
                self.chart_note = (f"charts skipped: matplotlib is not installed ({exc.name}); "
                                   f"pip install -e \".[analysis]\"")
            else:
                self.charts = draw_charts(self, d)
                written += self.charts
        return written

    def table(self) -> str:
        sides = self.sides
        w = max(5, *(len(a) for a in self.agents))
        lines = [f"{'rank':>4}  {'agent':<{w}} {'relative':>9}  " + "  ".join(f"{'as ' + s:>14}" for s in sides)
                 + f"  {'escalation':>10}  {'errors':>6}"]
        for r in self.ranking():
            def num(x, fmt="+.2f"):
                return format(x, fmt) if x is not None else "—"
            lines.append(f"{r['rank']:>4}  {r['agent']:<{w}} {num(r['relative_score']):>9}  "
                         + "  ".join(f"{num(r['score_' + s]):>14}" for s in sides)
                         + f"  {num(r['escalation_per_game'], '+.1f'):>10}  {num(r['error_rate'], '.1%'):>6}")
        return "\n".join(lines)


def _add(total: list, more: list) -> None:
    if len(total) < len(more):
        total.extend([0] * (len(more) - len(total)))
    for i, x in enumerate(more):
        total[i] += x


def _csv(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        if rows:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return path


def tournament(scenario, agents: list[str], games: int, seed: int, out_dir, *, on_pairing=None, **run) -> TournamentResult:
    """Every ordered pairing of `agents` (for a two-sided scenario), `games` each, resumable per pairing.

    `run` goes to `simulate` (jobs, backend, address, time_limit, on_fault, progress).
    `on_pairing(pair, RunResult)` is called after each pairing."""
    if len(scenario.sides) != 2:
        raise ValueError("a tournament needs a two-sided scenario")
    out_dir = Path(out_dir)
    result = TournamentResult(scenario.id, tuple(scenario.sides), list(agents), games, seed, out_dir)
    backend_session = _ray_session(run) if run.get("backend") == "ray" else None
    try:
        for pair in pairings(list(agents)):
            r: RunResult = simulate(scenario, list(pair), games, seed, pairing_file(out_dir, pair),
                                    label=" vs ".join(pair), **run)
            result.runs[pair] = r
            if on_pairing is not None:
                on_pairing(pair, r)
            if r.interrupted:
                result.interrupted = True
                break
    finally:
        if backend_session is not None:
            backend_session()
    return result


def _ray_session(run: dict):
    """Start (or join) Ray once for all pairings; returns the function that ends it."""
    from game.batch.ray_backend import start_ray

    return start_ray(run.get("address"), run.get("jobs"))

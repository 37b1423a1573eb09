"""`balance`: how a scenario plays between the built-in computer players, for its author.

1. A round robin (`game.batch.tournament`, one resumable `simulate` run per pairing) of the
   built-in strategies and a passive player: outcome distribution per pairing with 95% intervals,
   each side's mean score, escalation per turn.
2. The same games replayed in this process (game i of a run has seed child i of the run seed, so a
   replay is the very same game; the report counts any game that differs) to see which moves were
   chosen, when they were open, and where the games that used them ended.
3. Probes for dominant and useless moves: for each move, a player that plays it whenever it is open
   (and otherwise plays at random) against a random opponent, compared with random play on the same
   seeds. A move is *dominant* when always playing it beats always playing any other move of its side
   by more than the noise; *useless* when no purposeful player ever chooses it and always playing it
   changes nothing measurable (or it is never open at all).
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from game.authoring.playouts import _Watch
from game.match import Match

PASSIVE_SPEC = "game.authoring.playouts:PassiveAgent"
DEFAULT_AGENTS = ("random", "hawk", "dove", "tit_for_tat", "negotiator", PASSIVE_SPEC)
RARE = 0.01            # an outcome in fewer than this share of all games "almost never happens"
Z = 1.96


def short(spec: str) -> str:
    return "passive" if spec == PASSIVE_SPEC else spec


@dataclass
class GameRow:
    pair: tuple[str, str]
    game: int
    outcome: str
    scores: tuple[float, float]
    moves: tuple[list[str], list[str]]         # action ids per side, turn by turn
    escalation: tuple[list[float], list[float]]


@dataclass
class Probe:
    move: str
    label: str
    mean: float
    se: float
    games: int
    opened: int                  # games in which the move was open at least once


@dataclass
class Balance:
    scenario: object
    agents: list[str]
    games: int
    seed: int
    out_dir: Path
    tournament: object = None
    rows: list[GameRow] = field(default_factory=list)
    legal: set = field(default_factory=set)             # (side, action id) open at least once
    mismatches: int = 0
    errors: int = 0
    probes: dict = field(default_factory=dict)          # side -> [Probe], best first
    baseline: dict = field(default_factory=dict)        # side -> (mean, se) of random play
    probe_games: int = 0

    # ------------------------------------------------------------------ aggregates

    @property
    def sides(self) -> tuple[str, str]:
        return tuple(self.scenario.sides)

    def outcome_ids(self) -> list[str]:
        return [o.id for o in self.scenario.outcomes]

    def overall(self) -> Counter:
        return Counter(r.outcome for r in self.rows)

    def pairing_rows(self) -> list[dict]:
        """Per pairing: games, outcome shares with 95% intervals, mean scores and turns (from simulate)."""
        out = []
        for pair, run in self.tournament.runs.items():
            s = run.summary
            out.append({"pair": tuple(short(a) for a in pair), "games": s.games, "errors": s.games - s.ok,
                        "rates": {r["outcome"]: (r["rate"], r["ci95"]) for r in s.rates()},
                        "scores": s.mean_scores(), "turns": s.mean_turns(),
                        "escalation": s.mean_escalation()})
        return out

    def mean_scores(self) -> dict[str, float]:
        n = len(self.rows) or 1
        return {side: sum(r.scores[k] for r in self.rows) / n for k, side in enumerate(self.sides)}

    def escalation_curve(self) -> dict[str, list[float]]:
        """Mean cumulative escalation at each turn, per side (a finished game keeps its final total)."""
        longest = max((len(r.moves[0]) for r in self.rows), default=0)
        out = {}
        for k, side in enumerate(self.sides):
            totals = [0.0] * longest
            for r in self.rows:
                running = 0.0
                for t in range(longest):
                    if t < len(r.escalation[k]):
                        running += r.escalation[k][t]
                    totals[t] += running
            out[side] = [x / len(self.rows) for x in totals] if self.rows else []
        return out

    def move_stats(self) -> dict[str, list[dict]]:
        """Per side: each move with how often it was chosen (by whom) and where its games ended."""
        sc = self.scenario
        out = {}
        for k, side in enumerate(self.sides):
            turns = sum(len(r.moves[k]) for r in self.rows) or 1
            rows = []
            for action in sc.moves[k].actions:
                if action.id == "pass" and not any("pass" in r.moves[k] for r in self.rows):
                    continue   # the built-in wait, offered only when nothing else is open
                chosen, by_agent, games, scores_with = 0, Counter(), Counter(), []
                pairs_with = set()
                for r in self.rows:
                    n = r.moves[k].count(action.id)
                    if n:
                        chosen += n
                        by_agent[short(r.pair[k])] += n
                        games[r.outcome] += 1
                        scores_with.append(r.scores[k])
                        pairs_with.add(r.pair)
                without = [r.scores[k] for r in self.rows if r.pair in pairs_with and action.id not in r.moves[k]]
                rows.append({"move": action.id, "label": action.label, "chosen": chosen, "share": chosen / turns,
                             "by": by_agent.most_common(), "games": sum(games.values()), "leads_to": games.most_common(3),
                             "score_with": _mean(scores_with), "score_without": _mean(without),
                             "open": (side, action.id) in self.legal})
            out[side] = sorted(rows, key=lambda row: -row["chosen"])
        return out

    def rare_outcomes(self) -> list[tuple[str, int]]:
        total = len(self.rows) or 1
        counts = self.overall()
        return [(o, counts[o]) for o in self.outcome_ids() if counts[o] / total < RARE]

    def passive(self) -> dict:
        """Where passive play leads: passive against passive, and a passive side against each player."""
        p = PASSIVE_SPEC
        out = {"both": Counter(r.outcome for r in self.rows if r.pair == (p, p))}
        for k, side in enumerate(self.sides):
            games = [r for r in self.rows if r.pair[k] == p and r.pair[1 - k] != p]
            others = [r for r in self.rows if r.pair[k] != p]
            out[side] = {"outcomes": Counter(r.outcome for r in games), "score": _mean([r.scores[k] for r in games]),
                         "others_score": _mean([r.scores[k] for r in others]), "games": len(games)}
        return out

    def dominant(self) -> dict[str, Probe | None]:
        """Per side: the move whose always-play policy beats every other move's beyond the noise."""
        out = {}
        for side, probes in self.probes.items():
            out[side] = None
            if len(probes) >= 2:
                best, second = probes[0], probes[1]
                base_mean, base_se = self.baseline[side]
                gap = Z * math.hypot(best.se, second.se)
                if best.mean - second.mean > gap and best.mean - base_mean > Z * math.hypot(best.se, base_se):
                    out[side] = best
        return out

    def useless(self) -> dict[str, list[tuple[str, str]]]:
        """Per side: (move, why) for moves never open, or never chosen on purpose and changing nothing."""
        stats = self.move_stats()
        out = {}
        for k, side in enumerate(self.sides):
            base_mean, base_se = self.baseline.get(side, (0.0, 0.0))
            probes = {p.move: p for p in self.probes.get(side, [])}
            found = []
            for row in stats[side]:
                if row["move"] == "pass":
                    continue
                if not row["open"]:
                    found.append((row["move"], "never open in any game"))
                    continue
                purposeful = sum(n for agent, n in row["by"] if agent != "random")
                probe = probes.get(row["move"])
                if purposeful == 0 and probe is not None and \
                        abs(probe.mean - base_mean) <= Z * math.hypot(probe.se, base_se):
                    found.append((row["move"], "no built-in player chooses it on purpose, and always playing it "
                                               "changes no side's score beyond the noise"))
            out[side] = found
        return out

    def to_json(self) -> dict:
        return {"scenario": self.scenario.id, "agents": [short(a) for a in self.agents], "games": self.games,
                "seed": self.seed, "replayed": len(self.rows), "mismatches": self.mismatches, "errors": self.errors,
                "outcomes": dict(self.overall()), "mean_scores": self.mean_scores(),
                "pairings": [{**p, "pair": list(p["pair"])} for p in self.pairing_rows()],
                "escalation_curve": self.escalation_curve(), "moves": self.move_stats(),
                "rare_outcomes": self.rare_outcomes(),
                "passive": {k: (dict(v) if isinstance(v, Counter) else {**v, "outcomes": dict(v["outcomes"])})
                            for k, v in self.passive().items()},
                "probes": {s: [p.__dict__ for p in ps] for s, ps in self.probes.items()},
                "baseline": self.baseline,
                "dominant": {s: (p.move if p else None) for s, p in self.dominant().items()},
                "useless": self.useless()}


def _mean(xs) -> float | None:
    xs = list(xs)
    return sum(xs) / len(xs) if xs else None


def _se(xs: list[float]) -> float:
    if len(xs) < 2:
        return 0.0
    m = sum(xs) / len(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1) / len(xs))


# --- running it ----------------------------------------------------------------------------------

def run_balance(scenario, agents=DEFAULT_AGENTS, games: int = 100, seed: int = 0, out_dir="balance", *,
                probe_games: int = 200, jobs: int | None = None, progress: bool | None = None,
                on_pairing=None, on_phase=None) -> Balance:
    """Play the round robin, replay it for the move statistics, probe every move; return the numbers.
    `on_phase(text)` hears when each later phase starts (a long run should say what it is doing)."""
    from game.batch.tournament import tournament

    out_dir = Path(out_dir)
    result = Balance(scenario, list(agents), games, seed, out_dir, probe_games=probe_games)
    result.tournament = tournament(scenario, list(agents), games, seed, out_dir, jobs=jobs, progress=progress,
                                   on_pairing=on_pairing)
    say = on_phase or (lambda text: None)
    say(f"replaying the {len(result.tournament.runs) * games:,} games for the move figures")
    for pair, run in result.tournament.runs.items():
        _replay(result, pair, run.path)
    if probe_games > 0:
        moves = sum(1 for side in scenario.moves for a in side.actions if a.id != "pass")
        say(f"probing {moves} moves x {probe_games} games for dominant and useless ones")
    _probe(result)
    return result


def _replay(result: Balance, pair: tuple[str, str], path: Path) -> None:
    """Replay the games of one pairing's results file in this process, checking each ends as recorded."""
    from game.batch.player import agent_factory

    recorded = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.endswith("\n"):
                data = json.loads(line)
                recorded[data["game"]] = data
    factories = [agent_factory(a) for a in pair]
    sides = result.sides
    for game_id in sorted(i for i in recorded if i < result.games):
        data = recorded[game_id]
        if data["status"] != "ok":
            result.errors += 1
            continue
        agents = [_Watch(factories[s](), result.legal, sides[s]) for s in (0, 1)]
        game = Match(result.scenario, agents, {"entropy": result.seed, "spawn_key": (game_id,)}, log=False).play()
        if game.outcome.id != data["outcome"] or len(game.choices) != data["turns"]:
            result.mismatches += 1
        result.rows.append(GameRow(pair, game_id, game.outcome.id, tuple(game.scores()),
                                   tuple([c[s].action.id for c in game.choices] for s in (0, 1)),
                                   tuple([c[s].action.escalation for c in game.choices] for s in (0, 1))))


class MoveProbe:
    """Plays one move whenever it is open, otherwise a random one; a random message each turn."""

    observes = False

    def __init__(self, move: str):
        self.move = move
        self.name = f"always:{move}"
        self.opened = False

    def reset(self, side, scenario, rng) -> None:
        self.rng = rng

    def choose(self, observation, legal):
        from game.engine.game import Choice

        random = self.rng.random
        action = next((a for a in legal.actions if a.id == self.move), None)
        if action is None:
            action = legal.actions[int(random() * len(legal.actions))]
        else:
            self.opened = True
        return Choice(action, legal.messages[int(random() * len(legal.messages))])


def _probe(result: Balance) -> None:
    """Each move's always-play policy against random, and random against random, on the same seeds."""
    from game.agents.random_agent import RandomAgent

    sc, n = result.scenario, result.probe_games
    if n <= 0:
        return
    seeds = [{"entropy": result.seed + 1, "spawn_key": (i,)} for i in range(n)]
    for k, side in enumerate(result.sides):
        base = [Match(sc, [RandomAgent(), RandomAgent()], seed, log=False).play().scores()[k] for seed in seeds]
        result.baseline[side] = (sum(base) / n, _se(base))
        probes = []
        for action in sc.moves[k].actions:
            if action.id == "pass":
                continue
            scores, opened = [], 0
            for seed in seeds:
                probe = MoveProbe(action.id)
                agents = [probe, RandomAgent()] if k == 0 else [RandomAgent(), probe]
                scores.append(Match(sc, agents, seed, log=False).play().scores()[k])
                opened += probe.opened
            probes.append(Probe(action.id, action.label, sum(scores) / n, _se(scores), n, opened))
        result.probes[side] = sorted(probes, key=lambda p: -p.mean)

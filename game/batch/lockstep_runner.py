"""`simulate --engine batch`: a run's games played by the batch engine (game.lockstep) in chunks of
lockstep games, written as the same result lines as the one-game engine's.

A game's result depends only on (run seed, game id), never on the chunk it was played in, so
resuming, or any chunk size, gives the same file after sorting by game id. One process: the
batch engine is already many games per call.
"""
from __future__ import annotations

from game.batch.player import GameStats
from game.engine.game import ENGINE_VERSION
from game.lockstep.engine import play
from game.lockstep.players import PLAYERS
from game.lockstep.rules import BatchRules, UnsupportedScenario

#: how a batch-engine run names its engine in its identity (its games differ from the one-game
#: engine's: keyed draws), so the two never share a results file
ENGINE = f"lockstep-{ENGINE_VERSION}"
CHUNK = 1000


def batchable(agents) -> bool:
    """Whether every agent spec has a batch player."""
    return all(a in PLAYERS for a in agents)


def batch_refusal(scenario, agents, backend: str = "local") -> str | None:
    """Why the batch engine cannot play this run (then the one-game engine plays it), or None."""
    if backend != "local":
        return f"the batch engine runs on this machine only, not with --backend {backend}"
    if not batchable(agents):
        return f"the batch engine plays {', '.join(PLAYERS)}, not {', '.join(a for a in agents if a not in PLAYERS)}"
    try:
        BatchRules(scenario)
    except UnsupportedScenario as exc:
        return str(exc)
    return None


class LockstepRunner:
    """Plays game ids in lockstep chunks and delivers each game's line as it ends."""

    def __init__(self, player, chunk: int = CHUNK):
        self.player = player            # game.batch.player.GamePlayer: the run's line format
        self.rules = BatchRules(player.scenario)
        self.players = tuple(PLAYERS[a]() for a in player.spec.agents)
        self.jobs = 1

    def run(self, ids, deliver, should_stop=lambda: False) -> None:
        ids = sorted(ids)
        for start in range(0, len(ids), CHUNK):
            if should_stop():
                from game.batch.errors import Interrupted

                raise Interrupted()
            for result in play(self.rules, self.players, ids[start:start + CHUNK], self.player.spec.seed):
                deliver(*self.line(result))

    def line(self, result: dict) -> tuple[str, list[GameStats]]:
        p, sides = self.player, self.player.sides
        per_turn = tuple(result["escalation"][s] for s in sides)
        line = {"status": "ok", "error": None, "outcome": result["outcome"], "turns": result["turns"],
                "scores": result["scores"], "escalation_total": result["escalation_total"],
                "escalation": result["escalation"], "final": result["final"],
                "agreed": result["agreed"], "faults": []}   # issues in scenario order, as the one-game lines
        game = result["game"]
        stats = GameStats(game, result["outcome"], None, result["turns"], tuple(result["scores"][s] for s in sides),
                          tuple(result["escalation_total"][s] for s in sides), per_turn, 0)
        return p._prefix % (game, game) + p._encode(line)[1:] + "\n", [stats]

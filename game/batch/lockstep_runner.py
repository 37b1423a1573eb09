"""`simulate --engine batch`: a run's games played by the batch engine (game.lockstep) in chunks of
lockstep games, written as the same result lines as the one-game engine's.

A game's result depends only on (run seed, game id), never on the chunk it was played in, so
resuming, any chunk size or any number of jobs gives the same file after sorting by game id. The
chunks go to the local pool's worker processes, as the one-game engine's games do (same Ctrl-C,
crash and progress handling).
"""
from __future__ import annotations

from game.batch.player import GameStats
from game.engine.game import ENGINE_VERSION
from game.lockstep import compiled
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


class LockstepPlayer:
    """A run's games played in lockstep chunks inside the local pool's workers (one batch per
    chunk), with the run's line format. Pickles as the run's GamePlayer: the batch rules (compiled
    functions) are rebuilt wherever it is unpickled."""

    chunk = CHUNK     # games per chunk the pool sends a worker (fewer near the end of a run)

    def __init__(self, player):
        self.player = player            # game.batch.player.GamePlayer: the run's line format
        self._build()

    def _build(self) -> None:
        self.rules = BatchRules(self.player.scenario)
        self.players = tuple(PLAYERS[a]() for a in self.player.spec.agents)
        if compiled.available():   # compiled here, before the workers start: they load it from disk
            try:
                compiled.kernel_for(self.rules)
            except compiled.KernelUnavailable:
                pass   # the numpy columns play instead (play() says so once)

    def __getstate__(self):
        return {"player": self.player}

    def __setstate__(self, state) -> None:
        self.player = state["player"]
        self._build()

    def play_chunk(self, ids):
        """(text, stats) of each game of `ids` as it ends, all played in one lockstep batch."""
        for result in play(self.rules, self.players, ids, self.player.spec.seed):
            yield self.line(result)

    def error_line(self, game_id: int, reason: str):
        return self.player.error_line(game_id, reason)

    def line(self, result: dict) -> tuple[str, GameStats]:
        p, sides = self.player, self.player.sides
        per_turn = tuple(result["escalation"][s] for s in sides)
        line = {"status": "ok", "error": None, "outcome": result["outcome"], "turns": result["turns"],
                "scores": result["scores"], "escalation_total": result["escalation_total"],
                "escalation": result["escalation"], "final": result["final"],
                "agreed": result["agreed"], "faults": []}   # issues in scenario order, as the one-game lines
        game = result["game"]
        stats = GameStats(game, result["outcome"], None, result["turns"], tuple(result["scores"][s] for s in sides),
                          tuple(result["escalation_total"][s] for s in sides), per_turn, 0)
        return p._prefix % (game, game) + p._encode(line)[1:] + "\n", stats

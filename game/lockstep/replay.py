"""Any game of a batch run replayed by the one-game engine, exactly, to open and watch.

The batch engine plays the game alone (a game's result never depends on its batch) and notes each
turn's moves; the one-game engine plays those moves with the same keyed draws for its events
(`Game(..., keyed=(seed, game))`) and must reach the same end: outcome, length, every final value
and both scores. Anything else is a ReplayMismatch naming the first difference, never a silently
different game. The one-game engine's own games keep their faster streamed draws.
"""
from __future__ import annotations

from game.engine.game import Choice, Game, IllegalChoice
from game.errors import HotlineError
from game.lockstep.engine import play
from game.lockstep.players import PLAYERS
from game.lockstep.rules import BatchRules


class ReplayMismatch(HotlineError, RuntimeError):
    """The one-game engine did not reach the batch game's end (a bug in one of the engines)."""


def batch_game(scenario, agents, seed: int, game: int, rules: BatchRules | None = None) -> tuple[list, dict]:
    """(moves per turn as (action, message) index pairs per side, result) of one batch game."""
    rules = rules or BatchRules(scenario)
    moves: list = []

    def note(batch, actions, messages):
        moves.append(tuple((int(actions[s][0]), int(messages[s][0])) for s in (0, 1)))

    result = next(play(rules, tuple(PLAYERS[a]() for a in agents), [game], seed, on_turn=note))
    return moves, result


def replay(scenario, agents, seed: int, game: int, rules: BatchRules | None = None) -> Game:
    """Game `game` of the batch run (scenario, agents, seed), played by the one-game engine with its
    turn log (for records, reports and the window); ReplayMismatch unless it ends as in the batch."""
    moves, result = batch_game(scenario, agents, seed, game, rules)
    g = Game(scenario, seed, log=True, keyed=(seed, game))
    spaces = scenario.moves
    for turn, pair in enumerate(moves, 1):
        choices = [Choice(spaces[s].actions[a], spaces[s].messages[m]) for s, (a, m) in enumerate(pair)]
        if g.outcome is not None:
            raise ReplayMismatch(f"game {game}: the one-game engine ended it on turn {turn - 1}, the batch played on")
        try:
            g.step(*choices)
        except IllegalChoice as exc:
            raise ReplayMismatch(f"game {game}, turn {turn}: the batch's move is not legal in the one-game engine: {exc}") \
                from None
    ended = g.outcome.id if g.outcome is not None else None
    mine = {"outcome": ended, "turns": g.turn - 1, "final": g.variables(),
            "scores": dict(zip(scenario.sides, g.scores())) if ended else None}
    for key, value in mine.items():
        if value != result[key]:
            raise ReplayMismatch(f"game {game}: {key} differs: the batch engine has {result[key]!r}, "
                                 f"the one-game engine {value!r}")
    return g

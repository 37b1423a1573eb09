"""Hotline: a diplomatic crisis negotiation game with a pure, deterministic, scenario-driven engine.

The researcher's API in five names::

    from game import load_scenario, Match, RandomAgent
    scenario = load_scenario("ukraine_2022")          # a bundled id or a path to a YAML file
    match = Match(scenario, [RandomAgent(), RandomAgent()], seed=7)
    game = match.play()                                # or match.step() turn by turn
    print(game.outcome.id, game.scores(), match.record()["turns"][0]["news"])

Importing `game` never imports pygame; only `game.ui` does.
"""
from game.agents import Agent, RandomAgent, make_agent
from game.engine.game import ENGINE_VERSION, Choice, Game, GameOver, IllegalChoice, Legal
from game.engine.observation import Observation, observe
from game.engine.record import RecordError, dumps, replay_game, verify
from game.match import Fault, Match
from game.scenario.load import find_scenario, load_scenario

__version__ = ENGINE_VERSION
__all__ = [
    "Agent", "Choice", "ENGINE_VERSION", "Fault", "Game", "GameOver", "IllegalChoice", "Legal", "Match",
    "Observation", "RandomAgent", "RecordError", "dumps", "find_scenario", "load_scenario", "make_agent",
    "observe", "replay_game", "verify",
]

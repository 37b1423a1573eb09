"""Hotline: a diplomatic crisis negotiation game with a pure, deterministic, scenario-driven engine.

The researcher's API::

    from game import load_scenario, Match, RandomAgent
    scenario = load_scenario("ukraine_2022")          # a bundled id or a path to a YAML file
    match = Match(scenario, [RandomAgent(), RandomAgent()], seed=7)
    game = match.play()                                # or match.step() turn by turn
    print(game.outcome.id, game.scores(), match.record()["turns"][0]["news"])

Names are imported on first use, so `python run.py validate` never loads the engine. Importing
`game` never imports pygame; only `game.ui` does.
"""
from __future__ import annotations

import importlib

__version__ = "0.2.0"

#: public name -> module that defines it
_EXPORTS = {
    "Agent": "game.agents", "RandomAgent": "game.agents", "make_agent": "game.agents",
    "ENGINE_VERSION": "game.engine.game", "Choice": "game.engine.game", "Game": "game.engine.game",
    "GameOver": "game.engine.game", "IllegalChoice": "game.engine.game", "Legal": "game.engine.game",
    "Observation": "game.engine.observation", "observe": "game.engine.observation",
    "RecordError": "game.engine.record", "dumps": "game.engine.record", "replay_game": "game.engine.record",
    "verify": "game.engine.record",
    "Fault": "game.match", "Match": "game.match", "StopMatch": "game.match",
    "find_scenario": "game.scenario.load", "load_scenario": "game.scenario.load",
    "ScenarioError": "game.scenario.errors",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'game' has no attribute '{name}'")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value

"""The built-in computer players by name — difficulty levels first — each with a one-line description."""
from __future__ import annotations

import os

#: the environment variable that points the language-model player at a server
LLM_URL_ENV = "HOTLINE_LLM_URL"


def catalogue() -> dict[str, type]:
    """name -> class, in the order menus offer them."""
    from game.agents.difficulty import EasyAgent, HardAgent, NormalAgent
    from game.agents.dove import DoveAgent
    from game.agents.hawk import HawkAgent
    from game.agents.historical import HistoricalAgent
    from game.agents.llm import LanguageModelAgent
    from game.agents.lookahead import LookaheadAgent
    from game.agents.negotiator import NegotiatorAgent
    from game.agents.random_agent import RandomAgent
    from game.agents.tit_for_tat import TitForTatAgent

    classes = (EasyAgent, NormalAgent, HardAgent, RandomAgent, HawkAgent, DoveAgent, TitForTatAgent,
               NegotiatorAgent, HistoricalAgent, LookaheadAgent, LanguageModelAgent)
    return {cls.name: cls for cls in classes}


def menu(scenario=None) -> list[tuple[str, str]]:
    """(name, description) of the players a person may pick as an opponent: the language-model
    player only when a server is configured; with `scenario`, only those that can play some side of it."""
    from game.agents.base import cannot_play

    return [(name, getattr(cls, "description", "")) for name, cls in catalogue().items()
            if (name != "llm" or os.environ.get(LLM_URL_ENV))
            and (scenario is None or any(cannot_play(cls, scenario, side) is None for side in scenario.sides))]

"""Reinforcement-learning adapters over the engine's stable move numbers and observation vector.

    from game.rl import parallel_env, aec_env
    env = parallel_env("ukraine_2022")                 # PettingZoo ParallelEnv, both sides learn
    env = parallel_env(opponents={"washington": "negotiator"})   # Moscow learns against a built-in agent

Needs the optional extra: pip install -e ".[rl]" (pettingzoo, gymnasium).
"""
from __future__ import annotations


def parallel_env(scenario="ukraine_2022", **kwargs):
    from game.rl.env import HotlineParallelEnv

    return HotlineParallelEnv(scenario, **kwargs)


def aec_env(scenario="ukraine_2022", **kwargs):
    """The same game as a turn-by-turn AEC environment, through PettingZoo's own conversion."""
    from pettingzoo.utils.conversions import parallel_to_aec

    return parallel_to_aec(parallel_env(scenario, **kwargs))


__all__ = ["aec_env", "parallel_env"]

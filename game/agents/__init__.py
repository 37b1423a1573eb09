"""Agents: anything that takes an observation and the legal choices and returns a choice."""
from game.agents.base import Agent, AgentSpecError, make_agent
from game.agents.random_agent import RandomAgent

__all__ = ["Agent", "AgentSpecError", "RandomAgent", "make_agent"]

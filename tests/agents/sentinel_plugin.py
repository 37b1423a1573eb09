"""A plugin that must never be imported by loading a save or a record: importing it leaves a mark."""
import os

IMPORTED = True
os.environ["HOTLINE_SENTINEL_IMPORTED"] = "1"


class Agent:
    name = "sentinel"

    def choose(self, observation, legal):
        raise AssertionError("a save made this plugin play")

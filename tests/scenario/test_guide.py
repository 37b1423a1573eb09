"""The authoring guide's promises: its complete example validates and plays, and the built-in
scenario uses the features the guide describes."""
from __future__ import annotations

import re

from game.engine.game import Game
from game.scenario.compiled import compile_scenario
from game.scenario.validate import validate_text
from tests.scenario.conftest import ROOT

GUIDE = (ROOT / "scenarios" / "README.md").read_text(encoding="utf-8")
BUILTIN = (ROOT / "scenarios" / "ukraine_2022.yaml").read_text(encoding="utf-8")


def test_the_guides_tiny_crisis_validates_and_plays_to_the_end():
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", GUIDE, flags=re.S) if "id: tiny_crisis" in b)
    scenario = compile_scenario(validate_text(block, "tiny_crisis.yaml"))
    game = Game(scenario, 1)
    while not game.over:
        game.step(*(game.legal(s).choice(game.legal(s).actions[-1].index) for s in (0, 1)))
    assert game.outcome is not None


def test_the_builtin_scenario_uses_the_second_pass_features():
    for feature in ("once: true", "cooldown:", "commitments:", "requires: fighting < 10", "debrief_notes:",
                    "scoring:", "last.moscow.", "played.moscow.", "- if:", "      requires: troops_at_border >= 100"):
        assert feature in BUILTIN, feature

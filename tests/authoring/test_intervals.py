"""Interval analysis: 'never' and 'always' are proofs over the names' ranges; the rest is 'maybe'."""
from __future__ import annotations

import pytest

from game.authoring import intervals as iv
from game.scenario.expr import condition_tree

ENV = {"tension": (0.0, 100.0), "trust": (0.0, 100.0), "turn": (1.0, 10.0), "agreed.a.b": (0.0, 1.0)}


@pytest.mark.parametrize("text, verdict", [
    ("tension >= 150", "never"),
    ("tension <= 100", "always"),
    ("tension >= 70 and tension < 60", "never"),            # narrowing within a conjunction
    ("70 <= tension < 60", "never"),                        # chained comparisons
    ("(tension >= 70 or trust > 200) and tension < 50", "never"),
    ("not (tension >= 0)", "never"),
    ("tension + trust > 200", "never"),
    ("abs(tension - 50) <= 50", "always"),
    ("min(tension, 10) > 10", "never"),
    ("turn >= 1", "always"),
    ("agreed.a.b and not agreed.a.b", "never"),
    ("tension >= 70", "maybe"),
    ("tension * 2 >= 150 or trust < 5", "maybe"),
])
def test_verdicts(text, verdict):
    assert iv.verdict(condition_tree(text), ENV) == verdict


def test_narrowed_gives_the_overlap_of_two_conditions():
    tree = condition_tree("tension >= 70 and tension < 75")
    assert iv.narrowed(tree, ENV)["tension"] == (70.0, 75.0)


def test_effects_after_an_assignment_are_exact_and_clamped():
    effects = [e for _, e in iv.flatten(["tension = 50", "trust += 150"])]
    after = iv.after(effects, ENV, {"tension": (0, 100), "trust": (0, 100)})
    assert after["tension"] == (50.0, 50.0) and after["trust"] == (100.0, 100.0)


def test_conditional_effects_keep_both_branches():
    effects = [e for _, e in iv.flatten([{"if": "trust > 50", "then": ["tension -= 10"]}])]
    after = iv.after(effects, {**ENV, "tension": (40.0, 40.0)}, {"tension": (0, 100)})
    assert after["tension"] == (30.0, 40.0)

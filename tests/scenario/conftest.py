"""Shared paths and helpers for the scenario loader tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.validate import validate_text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MINIMAL = HERE / "fixtures" / "minimal.yaml"
BROKEN = HERE / "broken"
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="session")
def minimal_text() -> str:
    return MINIMAL.read_text(encoding="utf-8")


def errors_of(text: str, filename: str = "x.yaml") -> list:
    """The issues validate_text reports for `text` (fails the test if the text is valid)."""
    with pytest.raises(ScenarioError) as info:
        validate_text(text, filename)
    return info.value.issues


def edit(text: str, old: str, new: str) -> str:
    """`text` with the first `old` replaced by `new` (which must be there)."""
    assert old in text, old
    return text.replace(old, new, 1)

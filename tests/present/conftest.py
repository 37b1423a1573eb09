"""Scenarios the presentation tests word facts of: the bundled crisis and the small duel."""
from __future__ import annotations

import pytest

from tests.cli.conftest import DUEL


@pytest.fixture(scope="session")
def ukraine():
    from game.scenario.load import load_scenario

    return load_scenario("ukraine_2022")


@pytest.fixture(scope="session")
def duel():
    from game.scenario.load import load_scenario

    return load_scenario(DUEL)

"""The bundled scenario, once for the RL tests."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def ukraine():
    from game.scenario.load import load_scenario

    return load_scenario("ukraine_2022")

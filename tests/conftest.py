"""Suite-wide: the tests never read the user's own scenario folder (~/.hotline/scenarios)."""
from __future__ import annotations

import pytest

from game.scenario.load import USER_DIR_ENV


@pytest.fixture(scope="session")
def _empty_user_scenarios(tmp_path_factory):
    return tmp_path_factory.mktemp("user_scenarios")


@pytest.fixture(autouse=True)
def _no_user_scenarios(monkeypatch, _empty_user_scenarios):
    """Point HOTLINE_SCENARIOS_DIR at an empty folder (a test may point it elsewhere)."""
    monkeypatch.setenv(USER_DIR_ENV, str(_empty_user_scenarios))

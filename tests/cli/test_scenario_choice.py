"""The terminal lists every scenario (bundled and the user's own folder's) and plays the one picked."""
from __future__ import annotations

import io
import shutil

from game.cli import play
from game.cli.text.console import Console
from game.scenario.load import USER_DIR_ENV, find_scenario


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_terminal_lists_bundled_and_user_scenarios_and_returns_the_pick(tmp_path, monkeypatch):
    shutil.copy(find_scenario("cuba_1962"), tmp_path / "my_crisis.yaml")
    (tmp_path / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    monkeypatch.setenv(USER_DIR_ENV, str(tmp_path))
    out = _Tty()
    console = Console(stdin=_Tty("4\n"), stdout=out)
    picked = play._ask_scenario(console)
    text = out.getvalue()
    assert "1. ukraine_2022" in text and "cuba_1962 — Thirteen Days" in text
    assert "my_crisis" in text and "broken — (cannot be played" in text
    assert picked == str(tmp_path / "my_crisis.yaml")


def test_enter_picks_the_default_scenario():
    console = Console(stdin=_Tty("\n"), stdout=_Tty())
    assert play._ask_scenario(console).endswith("ukraine_2022.yaml")

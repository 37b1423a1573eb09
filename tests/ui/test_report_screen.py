"""The screens between turns (game.ui.screens.report): what the wait screen says."""
from __future__ import annotations


def test_the_wait_screen_says_who_is_choosing_in_good_english():
    from game.ui.strings import t

    assert t("wait.computers", first="Moscow", second="Washington") == "Moscow and Washington are choosing…"
    assert t("wait.computer", side="Moscow") == "Moscow is choosing…"

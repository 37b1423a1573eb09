"""Real history in the window: the days of the scenario's real timeline (`history`) that a turn
reaches, marked with their date and source as the terminal marks them (21 and 24 February 2022)."""
from __future__ import annotations

from game.ui import theme as th
from game.ui.strings import t
from game.ui.widgets import Badge, Column, Panel, Text
from game.ui.words import cite, long_date, presenter


def history_strip(sc, turn: int, key: str = "history"):
    """A tinted strip naming what really happened within the days of `turn`, or None if nothing did."""
    entries = presenter(sc).history(turn)
    if not entries:
        return None
    items = []
    for entry in entries:
        source = cite(sc, entry.origin)
        items += [Badge(t("history.badge", date=long_date(sc, entry.date)), th.ORIGINS["history"]),
                  Text(t("history.reality", headline=entry.headline), font="bold")]
        items.append(Text(t("history.source", source=source) if source else t("history.no_source"), font="small",
                          colour=th.MUTED))
    tooltip = t("history.about")
    return Panel(Column(items, gap=2), fill=th.HISTORY, key=key, tooltip=tooltip)

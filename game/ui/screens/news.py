"""News items as widgets: each with its origin tag (from the article, history with its date,
invented for the game, a side's move, the talks) and, where the scenario quotes a source, the quote."""
from __future__ import annotations

from game.ui import theme as th
from game.ui.widgets import Badge, Column, Quote, Text
from game.ui.words import news_entries


def news_widgets(sc, record: dict, me: int | None, sees, *, quotes: bool = True, details: bool = False) -> list:
    items = []
    for entry in news_entries(sc, record.get("news", []), me, sees):
        parts = [Badge(entry.tag, th.ORIGINS.get(entry.origin, th.ORIGINS["game"])),
                 Text(entry.text, font="body")]
        if details and entry.detail:
            parts.append(Text(entry.detail, font="small", colour=th.MUTED))
        if quotes and entry.quote:
            parts.append(Quote(entry.quote, entry.source))
        tooltip = "\n".join(x for x in (entry.text, entry.detail, f"“{entry.quote}” — {entry.source}" if entry.quote
                                        else "") if x)
        items.append(Column(parts, gap=2, tooltip=tooltip if not details else None))
    return items

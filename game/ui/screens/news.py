"""News items as widgets: each with its origin on a badge (from the article, real history with its
date, invented for the game, a side's move, the talks), where it comes from in game.present's words
with its source, and the article's quote where the scenario quotes one."""
from __future__ import annotations

from game.ui import theme as th
from game.ui.strings import t
from game.ui.widgets import Badge, Column, Quote, Text
from game.ui.words import news_entries


def news_widgets(sc, record: dict, me: int | None, sees, *, quotes: bool = True, details: bool = False) -> list:
    """`details`: the longer text behind each headline and the quotes moves and moved events are
    modelled on (the report); without, the headlines, their origins and the article's own quotes (the
    turn screen). An invented event shows its origin when it quotes or is modelled on a source."""
    items = []
    for entry in news_entries(sc, record.get("news", []), me, sees, record.get("turn")):
        parts = [Badge(entry.tag, th.ORIGINS.get(entry.kind, th.ORIGINS["game"])), Text(entry.text, font="body")]
        if entry.origin and (entry.kind != "invented" or entry.quote or entry.modelled):
            parts.append(Text(entry.origin + ".", font="small", colour=th.MUTED))
        if details and entry.detail:
            parts.append(Text(entry.detail, font="small", colour=th.MUTED))
        quote = quotes and entry.quote and (details or not entry.modelled)
        if quote:
            if entry.modelled:
                parts.append(Text(t("origin.modelled_on"), font="small", colour=th.MUTED))
            parts.append(Quote(entry.quote, entry.source))
        tooltip = "\n".join(x for x in (entry.text, entry.origin, entry.detail,
                                        f"“{entry.quote}” — {entry.source}" if entry.quote else "") if x)
        items.append(Column(parts, gap=2, tooltip=tooltip if not details else None))
    return items

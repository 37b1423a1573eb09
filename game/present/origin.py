"""Where a fact shown to a student comes from: the source article, later history, or the game.

Read from the scenario as written (the format has no origin field yet):
- an event scheduled (`turn` or `date`, no `chance`) with a `quote` is from the article the quote
  names (source id and title), even when a `condition` keeps it from contradicting a player's move;
- an event scheduled on a calendar `date` with no `quote` and no `condition` is later history of
  that date;
- anything else is invented for the game: an event that fires when the game's state allows or
  by chance is the game's own, even when it draws on a quote (the quote is kept, to be shown);
- a player's move in this game is a move, not a claim (it keeps the quote it is modelled on).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ARTICLE, HISTORY, GAME, MOVE = "article", "history", "game", "move"


@dataclass(frozen=True, slots=True)
class Origin:
    """`kind` is one of article, history, game, move; the rest say which source and what it says."""

    kind: str
    source: str | None = None           # id of an entry of the scenario's `sources`
    source_title: str | None = None
    date: dt.date | None = None         # the real date (history), or the source's date (article)
    quote: str | None = None            # the article's own words


def _source(model, source_id: str):
    return next((s for s in model.sources if s.id == source_id), None)


def _quoted(model, quote) -> Origin:
    source = _source(model, quote.source)
    return Origin(ARTICLE, source=quote.source, source_title=source.title if source else None,
                  date=source.date if source else None, quote=" ".join(quote.text.split()))


def of_event(model, spec) -> Origin:
    """The origin of a scenario event (its schema model)."""
    scheduled = (spec.turn is not None or spec.date is not None) and spec.chance is None and not spec.chance_in
    if spec.quote is not None:
        quoted = _quoted(model, spec.quote)
        if scheduled:
            return quoted
        return Origin(GAME, quoted.source, quoted.source_title, quoted.date, quoted.quote)
    if scheduled and spec.date is not None and spec.condition is None:
        return Origin(HISTORY, date=spec.date)
    return Origin(GAME)


def of_history(model, entry) -> Origin:
    """An entry of the scenario's real timeline (`history`): history of its date, with its source."""
    source = _source(model, entry.source) if entry.source else None
    return Origin(HISTORY, source=entry.source, source_title=source.title if source else None, date=entry.date)


def of_action(model, spec) -> Origin:
    """A move on a menu: modelled on the article when it quotes it, otherwise the game's."""
    if spec.quote is not None:
        return _quoted(model, spec.quote)
    return Origin(MOVE)

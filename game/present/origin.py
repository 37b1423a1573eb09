"""Where a fact shown to a student comes from: the source article, later history, or the game.

Read from the scenario's `origin` field (kind article, history or invented, with a source id and a
date) where the scenario gives one; otherwise implied as before the field existed:
- an event or action with a `quote` is from the article the quote names (source id and title);
- an event scheduled on a calendar `date`, with no `quote` and no `condition`, is later history
  of that date (an event that fires only when the game's state allows is the game's own);
- anything else is invented for the game; a player's move in this game is a move, not a claim.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ARTICLE, HISTORY, GAME, MOVE = "article", "history", "game", "move"

#: the format's words for an origin -> the kinds here ("invented" is the game's own)
_KINDS = {"article": ARTICLE, "history": HISTORY, "invented": GAME}


@dataclass(frozen=True, slots=True)
class Origin:
    """`kind` is one of article, history, game, move; the rest say which source and what it says."""

    kind: str
    source: str | None = None           # id of an entry of the scenario's `sources`
    source_title: str | None = None
    date: dt.date | None = None         # the real date (history), or the source's date (article)
    quote: str | None = None            # the article's own words
    note: str = ""                      # the scenario's word on how the game uses it
    publisher: str = ""                 # of the source
    url: str = ""                       # of the source

    @property
    def stated(self) -> bool:
        """Whether the scenario names a source for it (history and article claims should)."""
        return bool(self.source)


def _source(model, source_id: str | None):
    return next((s for s in model.sources if s.id == source_id), None) if source_id else None


def _with_source(model, kind: str, source_id: str | None, date=None, quote: str | None = None,
                 note: str = "") -> Origin:
    source = _source(model, source_id)
    if date is None and kind == ARTICLE and source is not None:
        date = source.date
    return Origin(kind, source=source_id, source_title=source.title if source else None, date=date,
                  quote=quote, note=" ".join(note.split()), publisher=source.publisher if source else "",
                  url=source.url if source else "")


def _quoted(model, quote) -> Origin:
    return _with_source(model, ARTICLE, quote.source, quote=" ".join(quote.text.split()))


def _stated(model, spec) -> Origin:
    """The origin a scenario states for a move, event or ending (with its quote, if it has one)."""
    origin, quote = spec.origin, getattr(spec, "quote", None)
    kind = _KINDS.get(origin.kind, GAME)
    source = origin.source or (quote.source if quote is not None and kind == ARTICLE else None)
    text = " ".join(quote.text.split()) if quote is not None and quote.source == source else None
    return _with_source(model, kind, source, origin.date, text, origin.note)


def of_event(model, spec) -> Origin:
    """The origin of a scenario event (its schema model)."""
    if getattr(spec, "origin", None) is not None:
        return _stated(model, spec)
    if spec.quote is not None:
        return _quoted(model, spec.quote)
    if spec.date is not None and spec.condition is None:
        return Origin(HISTORY, date=spec.date)
    return Origin(GAME)


def of_action(model, spec) -> Origin:
    """A move on a menu: what its text is modelled on (the article, a dated piece of history, or
    invented), else a move of the game."""
    if getattr(spec, "origin", None) is not None:
        return _stated(model, spec)
    if spec.quote is not None:
        return _quoted(model, spec.quote)
    return Origin(MOVE)


def of_outcome(model, spec) -> Origin:
    """An ending: invented for the game unless the scenario says otherwise."""
    if getattr(spec, "origin", None) is not None:
        return _stated(model, spec)
    return Origin(GAME)

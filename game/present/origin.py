"""Where a fact shown to a student comes from: the source article, later history, or the game.

The rule is the format's (game.scenario.origins: an `origin` field wins, else a scheduled quote is the
article's, an unconditional event on a calendar date is history, the rest is invented); here it gets
the source's title, publisher and address, and the quotation to show. A player's move in this game
is a move, not a claim, unless the scenario says what the move is modelled on.

A dated claim is shown as what happened only on a turn whose days contain its date (`on_turn`): an
event that fires on another day (by chance, or when the game's state allows) is the game's, modelled
on the real one, and says so with the real date and source.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from game.scenario import origins as claims

ARTICLE, HISTORY, GAME, MOVE = "article", "history", "game", "move"

#: the format's words for an origin -> the kinds here ("invented" is the game's own)
_KINDS = {claims.ARTICLE: ARTICLE, claims.HISTORY: HISTORY, claims.INVENTED: GAME}


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
    modelled: bool = False              # the game's, modelled on the dated fact (kind GAME; see on_turn)

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


def _of_claim(model, claim: claims.Claim, unstated: str = GAME) -> Origin:
    """A format-level claim with its source looked up; `unstated`: the kind of a text that claims nothing."""
    kind = _KINDS.get(claim.kind, GAME)
    if kind == GAME and not claim.stated and claim.source is None:
        return Origin(unstated)
    quote = claim.quote
    text = " ".join(quote.text.split()) if quote is not None and quote.source == claim.source else None
    return _with_source(model, kind, claim.source, claim.date, text, claim.note)


def of_event(model, spec) -> Origin:
    """The origin of a scenario event (its schema model)."""
    return _of_claim(model, claims.of_item(spec))


def of_action(model, spec) -> Origin:
    """A move on a menu: what its text is modelled on (the article, a dated piece of history, or
    invented), else a move of the game."""
    return _of_claim(model, claims.of_item(spec), unstated=MOVE)


def of_outcome(model, spec) -> Origin:
    """An ending: invented for the game unless the scenario says otherwise."""
    return _of_claim(model, claims.of_item(spec))


def of_history(model, entry) -> Origin:
    """An entry of the scenario's real timeline (`history`): history of its date, with its source."""
    return _with_source(model, HISTORY, entry.source, entry.date)


def on_turn(origin: Origin, days: tuple[dt.date, dt.date] | None) -> Origin:
    """The origin of a dated fact as shown when it happens in a game on `days` (first, last; None when
    the day is not known): the real thing if its date lies within those days, else the game's own,
    modelled on it (kind GAME, `modelled`, its source and real date kept). Undated claims, invented
    texts and moves are as they are."""
    if origin.kind not in (ARTICLE, HISTORY) or origin.date is None:
        return origin
    if days is not None and days[0] <= origin.date <= days[1]:
        return origin
    return replace(origin, kind=GAME, modelled=True)

"""Words for the window, from the shared presentation module `game.present` (facts -> words), so
the terminal and the window say the same things. What is here is only the window's own framing:
the short tags on news items, compact meter values, and one Presenter per reader, cached."""
from __future__ import annotations

from dataclasses import dataclass

from game.present import Presenter, num, signed
from game.present.causes import cause_text as _cause_text
from game.present.news import article_group
from game.present.origin import ARTICLE, GAME, HISTORY
from game.ui.strings import t

__all__ = ["num", "signed"]

_PRESENTERS: dict = {}


def presenter(sc, me: int | str | None = None, sees=None) -> Presenter:
    """The Presenter of `sc` for one reader (`me`; `sees` the sides whose secrets may be shown)."""
    base = _PRESENTERS.get(id(sc))
    if base is None or base.scenario is not sc:
        if len(_PRESENTERS) > 8:
            _PRESENTERS.clear()
        base = _PRESENTERS[id(sc)] = Presenter(sc)
    return base.view(me, sees)


def long_date(sc, date) -> str:
    """'21 February 2022', worded by game.present (the strings' month names, never the machine's locale)."""
    return presenter(sc).date(date)


def short_date(sc, date) -> str:
    """'21 Feb'."""
    return presenter(sc).short_date(date)


def turn_span(sc, turn: int) -> str:
    """The days a turn stands for: '19–21 February 2022'."""
    return presenter(sc).turn_span(turn)


def cite(sc, origin) -> str:
    """A source as a student cites it: 'Al Jazeera (with Reuters), “Russia denies …”, 1 February 2022'
    ('' when the origin names no source)."""
    if origin is None or not origin.source:
        return ""
    src = next((s for s in sc.model.sources if s.id == origin.source), None)
    if src is None:
        return origin.source
    bits = [src.publisher or "", f"“{src.title}”" if src.title else "", long_date(sc, src.date) if src.date else ""]
    return ", ".join(b for b in bits if b) or origin.source


def move_origin(sc, action) -> str:
    """What a move on the menu is modelled on, in game.present's words: 'Modelled on real history, 26
    October 1962 — …', 'Invented for the game' ('' for a move the scenario says nothing of)."""
    p = presenter(sc)
    return _capital(p.move_origin(p.action_origin(action.side, action.id)))


def side_name(sc, side) -> str:
    return presenter(sc).side(side)


def phase_label(sc, phase_id: str) -> str:
    return presenter(sc).phase(phase_id)


def var_label(sc, var_id: str) -> str:
    return presenter(sc).variable(var_id)


def var_value(sc, var_id: str, value: float) -> str:
    """A compact value for a meter: '45%', '110k' (thousands), '2 of 3'."""
    unit = sc.model.variables[var_id].unit
    if not unit:
        return num(value)
    if unit == "%":
        return f"{num(value)}%"
    if unit.startswith("thousand"):
        return f"{num(value)}k"
    if unit.startswith("%"):
        return f"{num(value)}%"        # '% of the planned force': the meter's label and tooltip say of what
    if len(unit) > 8:
        return num(value)              # a unit that explains itself ('0 secret, 1 public') stays in the tooltip
    return f"{num(value)} {unit}"


def category_label(category: str, sc=None) -> str:
    word = presenter(sc).category(category) if sc is not None else category.replace("_", " ")
    return word[:1].upper() + word[1:]


def kind_label(sc, kind: str) -> str:
    return presenter(sc).kind(kind)


def worth(sc, terms, side: int) -> float:
    return presenter(sc).worth(terms, side)


def terms_text(sc, terms) -> str:
    return presenter(sc).terms(terms)


def message_title(sc, message, counter: bool = False) -> str:
    """A message as a short line: 'Propose: …', 'Ask about …', 'Accept their proposal'."""
    p = presenter(sc)
    if message.kind == "question":
        return p.t("message.question_short", issue=p.issue(message.issue))
    return p.message(message, counter=counter)


def cause_text(sc, cause: dict, viewer=None) -> str:
    p = presenter(sc, viewer)
    return f"{signed(cause.get('amount', 0))} {_cause_text(p, cause)}"


# ---------------------------------------------------------------------------- news

@dataclass
class NewsEntry:
    """One news item as shown: its kind ('article', 'history', 'invented', 'move', 'talks', 'game'),
    the tag on its badge, the headline, the longer detail, where it comes from in game.present's words
    (`origin`, '' for the game's own bookkeeping), and the article's quote with its citation."""

    kind: str
    tag: str
    text: str
    detail: str = ""
    origin: str = ""
    quote: str = ""
    source: str = ""
    side: str | None = None
    modelled: bool = False          # a player's move whose quote is what it is modelled on, or an event
                                    # that is the game's, modelled on a dated fact of another day


_TALKS = {"proposal", "accept", "reject", "question", "agreement", "conflict", "lapsed", "breach"}
_ICONS = {ARTICLE: "❝", HISTORY: "◷", GAME: "★"}
_KINDS = {ARTICLE: "article", HISTORY: "history", GAME: "invented"}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def news_entries(sc, news, me: int | None, sees, turn: int | None = None) -> list[NewsEntry]:
    """The facts of `turn` as the reader may read them, each with where it comes from: the article
    (with its source), real history (with its date and source) or invented for the game (modelled on
    history when a dated fact happens on another day)."""
    p = presenter(sc, me, sees)
    out = []
    lines = p.news_lines(news, turn)
    group = article_group(p, news, lines)   # the first turn's reports the student has just read: one item
    for line in lines:
        if group is not None and line in group.lines:
            if line is group.lines[0]:
                out.append(_article_entry(p, sc, group))
            continue
        origin = line.origin
        quote = origin.quote if origin is not None and origin.quote else ""
        if line.kind == "event":
            kind = origin.kind if origin is not None else GAME
            entry = NewsEntry(_KINDS.get(kind, "invented"), f"{_ICONS.get(kind, '★')} {_capital(p.origin_tag(origin))}",
                              line.text, origin=_capital(p.origin(origin)) if origin is not None else "",
                              modelled=origin is not None and origin.modelled)
        elif line.kind in ("action", "secret_move"):
            who = p.side(line.side) if line.side else ""
            secret = line.kind == "secret_move" or "(secret)" in line.text
            entry = NewsEntry("move", t("origin.move_secret" if secret and line.kind == "action" else "origin.move",
                                        side=who), line.text, modelled=bool(quote))
        elif line.kind in _TALKS:
            entry = NewsEntry("talks", t("origin.talks"), line.text)
        elif line.kind == "phase":
            entry = NewsEntry("game", t("origin.phase"), line.text)
        else:
            entry = NewsEntry("game", t("origin.game"), line.text)
        entry.detail = line.detail
        entry.quote, entry.side = quote, line.side
        entry.source = cite(sc, origin) if quote else ""
        out.append(entry)
    return out


def _article_entry(p, sc, group) -> NewsEntry:
    """One news item for a group of the article's reports; its detail lists their headlines."""
    first = group.lines[0].origin
    entry = NewsEntry(_KINDS[ARTICLE], f"{_ICONS[ARTICLE]} {_capital(p.origin_tag(first))}",
                      t("news.article_group", count=len(group.lines), actors=group.actors),
                      origin=_capital(p.origin(first)))
    entry.detail = "\n".join(f"• {line.text}" for line in group.lines)
    entry.source = cite(sc, first)
    return entry


# ---------------------------------------------------------------------------- changes

def change_of(record: dict | None, var_id: str):
    """(from, to, causes) of `var_id` in a turn record, or None if it did not change."""
    if not record:
        return None
    change = record.get("changes", {}).get(var_id)
    if change is None:
        return None
    if isinstance(change, dict):
        return change.get("from"), change.get("to"), change.get("causes", [])
    return change[0], change[1], []

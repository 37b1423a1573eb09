"""News facts (`{"kind": ...}` dicts from the engine) as headlines from one reader's point of view.

A move of the other side that the reader may not see becomes "Moscow did something you could
not see"; the reader's own moves and messages read "You …"; every event carries its origin.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from game.present.origin import ARTICLE, MOVE, Origin


@dataclass(frozen=True, slots=True)
class NewsLine:
    """One headline. `tag` marks where it comes from ('article', 'history 4 February 2022',
    'invented'; '' for the players' own moves); `detail` is the longer text behind it."""

    kind: str
    text: str
    side: str | None = None
    mine: bool = False                  # about the reader's own side
    origin: Origin | None = None
    tag: str = ""
    category: str | None = None         # a move's step on the escalation ladder (for colour)
    detail: str = ""
    worth: float | None = None          # what a proposal's terms are worth to the reader


def headline(p, fact: Mapping, turn: int | None = None) -> NewsLine | None:
    """The NewsLine of one fact of `turn` (an event's origin depends on the day it happens: see
    Presenter.event_origin), or None when the reader learns nothing from it."""
    kind = fact.get("kind")
    if kind == "event":
        return _event(p, fact, turn)
    word = _WORDERS.get(kind)
    if word is None:
        return NewsLine(str(kind), p.t("news.unknown", kind=kind))
    return word(p, fact)


def headlines(p, facts: Iterable[Mapping], turn: int | None = None) -> list[NewsLine]:
    """The NewsLines of a turn's facts, in order; one "could not see" line per side at most, and no
    "replaced" lapse when the side only sent the same proposal again."""
    facts = list(facts)
    resent = {(f.get("side"), f.get("package"), tuple(sorted((f.get("terms") or {}).items())))
              for f in facts if f.get("kind") == "proposal"}
    out, unseen = [], set()
    for fact in facts:
        if fact.get("kind") == "lapsed" and fact.get("reason") == "replaced" and \
                (fact.get("side"), fact.get("package"), tuple(sorted((fact.get("terms") or {}).items()))) in resent:
            continue
        line = headline(p, fact, turn)
        if line is None:
            continue
        if line.kind == "secret_move":
            if line.side in unseen:
                continue
            unseen.add(line.side)
        out.append(line)
    return out


# ---------------------------------------------------------------------------- one function per kind

def _action(p, fact) -> NewsLine | None:
    side, action_id = fact.get("side"), fact.get("id")
    public = fact.get("public", True)
    if not public and not p.sees_side(side):
        return _secret_move(p, {"side": side})
    spec = p.action_spec(side, action_id)
    mine = p.is_me(side)
    text = p.action_news(side, action_id)
    if mine:
        text = p.t("news.action_you" if public else "news.action_secret_you", text=text)
    else:
        text = p.said_by(p.side(side), text)
        text = text if public else p.t("news.action_secret", text=text)
    return NewsLine("action", text, side, mine,
                    origin=p.action_origin(side, action_id), category=spec.category if spec else None,
                    detail=" ".join(spec.text.split()) if spec else "")


def _secret_move(p, fact) -> NewsLine | None:
    side = fact.get("side")
    if p.is_me(side):
        return None   # the reader made that move and reads it as its own action
    key = "news.secret_move" if p.me is not None else "news.secret_move_neutral"
    return NewsLine("secret_move", p.t(key, side=p.side(side)), side, origin=Origin(MOVE))


def _what(p, fact) -> tuple[str, str]:
    """(the short name of proposed terms, their full text): a package by its label."""
    terms = p.terms(fact.get("terms") or {})
    package = fact.get("package")
    return (f"'{p.package(package)}'", terms) if package else (terms, "")


def _proposal(p, fact) -> NewsLine:
    side = fact.get("side")
    mine = p.is_me(side)
    verb = "counter" if fact.get("counter") else "proposal"
    package = fact.get("package")
    key = f"news.{verb}{'_package' if package else ''}{'_you' if mine else ''}"
    terms = p.terms(fact.get("terms") or {})
    text = p.t(key, side=p.side(side), terms=terms, package=p.package(package) if package else "")
    worth = p.worth(fact.get("terms") or {}, p.me) if p.me is not None else None
    return NewsLine("proposal", text, side, mine, origin=Origin(MOVE), detail=terms if package else "",
                    worth=worth)


def _answer(p, fact) -> NewsLine:
    kind, side = fact["kind"], fact.get("side")
    owner = p.other(side)
    short, full = _what(p, fact)
    if p.is_me(side):
        key = f"news.{kind}_you"
    elif p.is_me(owner):
        key = f"news.{kind}_yours"
    else:
        key = f"news.{kind}"
    text = p.t(key, side=p.side(side), owner=p.t("possessive", side=p.side(owner)), terms=short)
    return NewsLine(kind, text, side, p.is_me(side), origin=Origin(MOVE), detail=full)


def _question(p, fact) -> NewsLine:
    side = fact.get("side")
    other = p.other(side)
    key = "news.question_you" if p.is_me(side) else "news.question_to_you" if p.is_me(other) else "news.question"
    text = p.t(key, side=p.side(side), other=p.side(other), issue=p.issue(fact.get("issue")))
    return NewsLine("question", text, side, p.is_me(side), origin=Origin(MOVE))


def _agreement(p, fact) -> NewsLine:
    issue, option = fact.get("issue"), fact.get("option")
    return NewsLine("agreement", p.t("news.agreement", issue=p.issue(issue), option=p.option(issue, option)),
                    origin=Origin(MOVE))


def _conflict(p, fact) -> NewsLine:
    return NewsLine("conflict", p.t("news.conflict", issue=p.issue(fact.get("issue"))), origin=Origin(MOVE))


def _lapsed(p, fact) -> NewsLine:
    side, reason = fact.get("side"), fact.get("reason")
    key = f"news.lapsed.{reason}"
    why = p.t(key) if key in p.strings else p.t("news.lapsed.other", reason=reason)
    short, full = _what(p, fact)
    mine = p.is_me(side)
    text = p.t("news.lapsed_you" if mine else "news.lapsed", side=p.side(side), why=why, terms=short)
    return NewsLine("lapsed", text, side, mine, origin=Origin(MOVE), detail=full)


def _breach(p, fact) -> NewsLine:
    side, issue, option = fact.get("side"), fact.get("issue"), fact.get("option")
    spec = p.option_spec(issue, option)
    text = ""
    if spec is not None:
        bound = [spec.commitment] if spec.commitment is not None else []
        bound += list(getattr(spec, "commitments", ()) or ())
        text = next((c.headline for c in bound if c.by == side and c.headline), "")
    mine = p.is_me(side)
    if not text:
        text = p.t("news.breach_you" if mine else "news.breach", side=p.side(side), issue=p.issue(issue),
                   option=p.option(issue, option))
    return NewsLine("breach", text, side, mine, origin=Origin(MOVE))


def _event(p, fact, turn: int | None = None) -> NewsLine:
    event_id = fact.get("id")
    spec = p.event_spec(event_id)
    origin = p.event_origin(event_id, turn)
    if spec is not None and spec.actor:
        text = p.said_by(spec.actor, spec.headline)
    else:
        text = p.t("news.event_no_actor", headline=p.event(event_id))
    detail = " ".join(spec.text.split()) if spec is not None else ""
    return NewsLine("event", text, origin=origin, tag=p.origin_tag(origin), detail=detail)


def _phase(p, fact) -> NewsLine:
    new, old = fact.get("id"), fact.get("from")
    text = p.t("news.phase", old=p.phase(old), new=p.phase(new)) if old else p.t("news.phase_start", new=p.phase(new))
    return NewsLine("phase", text)


def _outcome(p, fact) -> NewsLine:
    return NewsLine("outcome", p.t("news.outcome", outcome=p.outcome(fact.get("id"))))


_WORDERS = {
    "action": _action, "secret_move": _secret_move, "proposal": _proposal, "accept": _answer,
    "reject": _answer, "question": _question, "agreement": _agreement, "conflict": _conflict,
    "lapsed": _lapsed, "breach": _breach, "phase": _phase, "outcome": _outcome,
}


@dataclass(frozen=True)
class ArticleGroup:
    """Several reports from the source article in one turn (the first), shown as one item: the
    student has just read them in the briefing. `lines` are the grouped headlines."""

    lines: tuple
    sources: str          # the source ids, comma-separated
    actors: str           # who the reports are about: 'Kremlin (2), NATO, US State Department'


def article_group(p, facts: Iterable[Mapping], news: list, at_least: int = 3) -> ArticleGroup | None:
    """The article's reports among `news` (the headlines of `facts`) as one group, or None when
    there are fewer than `at_least` of them."""
    grouped = [n for n in news if n.kind == "event" and n.origin is not None and n.origin.kind == ARTICLE]
    if len(grouped) < at_least:
        return None
    wanted = {n.text for n in grouped}
    ids = [f["id"] for f in facts if f.get("kind") == "event" and p.news(f).text in wanted]
    actors = Counter(p.event_spec(event_id).actor or p.event(event_id) for event_id in ids)
    names = ", ".join(f"{a} ({n})" if n > 1 else a for a, n in actors.items())
    sources = ", ".join(sorted({n.origin.source for n in grouped if n.origin.source}))
    return ArticleGroup(tuple(grouped), sources, names)

"""Words for the window: names, numbers, news with its origin, changes with their causes.

The engine gives facts (ids and numbers); this module turns them into what a student reads. Where
the shared presentation module `game.present` has a wording, it is used, so the terminal and the
window say the same thing; the rest is wording only the window needs (tags, short labels).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from game.ui.strings import t


def num(x: float) -> str:
    x = float(x)
    return str(int(round(x))) if abs(x - round(x)) < 0.05 else f"{x:.1f}"


def signed(x: float) -> str:
    return f"+{num(x)}" if x > 0 else "−" + num(-x) if x < 0 else "0"


def long_date(date) -> str:
    return f"{date.day} {date:%B %Y}"


def short_date(date) -> str:
    return f"{date.day} {date:%b}"


def side_name(sc, side) -> str:
    key = sc.sides[side] if isinstance(side, int) else side
    return sc.model.sides[key].name


def phase_label(sc, phase_id: str) -> str:
    phase = sc.model.phases.get(phase_id)
    return (phase.label or phase_id) if phase else phase_id


def var_label(sc, var_id: str) -> str:
    var = sc.model.variables[var_id]
    return var.label or var_id.replace("_", " ")


def var_value(sc, var_id: str, value: float) -> str:
    unit = sc.model.variables[var_id].unit
    if not unit:
        return num(value)
    if unit == "%":
        return f"{num(value)}%"
    if unit.startswith("thousand"):
        return f"{num(value)}k"
    return f"{num(value)} {unit}"


def category_label(category: str) -> str:
    key = f"escalation.{category}"
    from game.ui.strings import has
    return t(key) if has(key) else category.replace("_", " ")


def kind_label(kind: str) -> str:
    return t(f"kinds.{kind}")


def option_label(sc, issue: int, option: int) -> str:
    return sc.issues[issue].options[option].label


def package_label(sc, package_id: str | None) -> str | None:
    if not package_id:
        return None
    return next((p.label for p in sc.packages if p.id == package_id), package_id)


def worth(sc, terms, side: int) -> float:
    """What terms ((issue, option), ...) are worth to `side` if agreed."""
    return sum(sc.issues[i].options[o].value[side] for i, o in terms)


def terms_text(sc, terms) -> str:
    return "; ".join(f"{sc.issues[i].label}: {sc.issues[i].options[o].label}" for i, o in terms)


def message_title(sc, message) -> str:
    """A message as a short line: 'Propose: …', 'Ask about …', 'Accept their proposal'."""
    kind = message.kind
    if kind == "none":
        return t("talks.no_message")
    if kind == "accept":
        return t("talks.accept")
    if kind == "reject":
        return t("talks.reject")
    if kind == "question":
        return t("talks.ask", issue=sc.issues[message.issue].label)
    label = package_label(sc, message.package)
    if label:
        return t("talks.propose_package", package=label)
    return t("talks.propose_terms", terms=terms_text(sc, message.terms))


# ---------------------------------------------------------------------------- news

@dataclass
class NewsEntry:
    """One news item as shown: an origin tag ('article', 'history', 'invented', 'move', 'talks',
    'game'), its tag text, the headline, an optional detail, and the quote with its source."""

    origin: str
    tag: str
    text: str
    detail: str = ""
    quote: str = ""
    source: str = ""
    side: int | None = None


def source_line(sc, source_id: str) -> str:
    src = next((s for s in sc.model.sources if s.id == source_id), None)
    if src is None:
        return source_id
    bits = [src.publisher or "", f"“{src.title}”", long_date(src.date) if src.date else ""]
    return ", ".join(b for b in bits if b)


def event_origin(sc, spec) -> tuple[str, str]:
    """(origin, tag) of a scenario event: from the article (it quotes it), historical (dated or
    said so in its text), or invented for the game."""
    origin = getattr(spec, "origin", None) or getattr(spec, "source", None)
    if getattr(spec, "quote", None) is not None:
        return "article", t("origin.article")
    text = f"{spec.text} {getattr(spec, 'headline', '')}"
    if origin == "history" or re.search(r"\bHistorical", text):
        date = getattr(spec, "date", None)
        return "history", t("origin.history_dated", date=short_date(date)) if date else t("origin.history")
    return "invented", t("origin.invented")


def news_entries(sc, news, sees: frozenset[int]) -> list[NewsEntry]:
    """The news items the `sees` sides may read, worded, each with its origin."""
    out: list[NewsEntry] = []
    events = {e.id: e for e in sc.model.events}
    for item in news:
        kind = item.get("kind") or item.get("type")
        side_id = item.get("side")
        side = sc.sides.index(side_id) if side_id in sc.sides else None
        who = side_name(sc, side) if side is not None else ""
        if kind == "action":
            public = item.get("public", True)
            if not public and side not in sees:
                out.append(NewsEntry("move", t("origin.move", side=who), t("news.secret_move", side=who), side=side))
                continue
            action = next((a for a in sc.model.actions[side_id] if a.id == item.get("id")), None)
            headline = item.get("headline") or (action.news or action.label if action else item.get("id", ""))
            tag = t("origin.move_secret" if not public else "origin.move", side=who)
            quote = action.quote if action is not None else None
            out.append(NewsEntry("move", tag, headline, quote=quote.text if quote else "",
                                 source=source_line(sc, quote.source) if quote else "", side=side))
        elif kind == "secret_move":
            out.append(NewsEntry("move", t("origin.move", side=who), t("news.secret_move", side=who), side=side))
        elif kind == "event":
            spec = events.get(item.get("id"))
            if spec is None:
                out.append(NewsEntry("invented", t("origin.invented"), item.get("headline", "")))
                continue
            origin, tag = event_origin(sc, spec)
            actor = f"{spec.actor}: " if spec.actor else ""
            quote = spec.quote
            out.append(NewsEntry(origin, tag, actor + (item.get("headline") or spec.headline), detail=spec.text,
                                 quote=quote.text if quote else "",
                                 source=source_line(sc, quote.source) if quote else ""))
        elif kind == "phase":
            out.append(NewsEntry("game", t("origin.phase"),
                                 t("news.phase", phase=phase_label(sc, item.get("id", "")))))
        elif kind in ("proposal", "accept", "reject", "question", "agreement", "conflict", "breach", "lapsed"):
            out.append(NewsEntry("talks", t("origin.talks"), item.get("headline") or _talks_text(sc, item), side=side))
        elif kind == "outcome":
            continue
        else:
            out.append(NewsEntry("game", t("origin.game"), str(item.get("headline", kind))))
    return out


def _talks_text(sc, item) -> str:
    """Wording of the talks facts of the engine's second pass (no headline in the item)."""
    kind = item.get("kind")
    who = side_name(sc, item["side"]) if item.get("side") in sc.sides else ""
    issues = {i.id: i for i in sc.issues}

    def terms():
        pairs = []
        for issue_id, option_id in (item.get("terms") or {}).items():
            issue = issues.get(issue_id)
            option = next((o for o in issue.options if o.id == option_id), None) if issue else None
            pairs.append(f"{issue.label}: {option.label}" if option else f"{issue_id}: {option_id}")
        label = package_label(sc, item.get("package"))
        return f"“{label}” ({'; '.join(pairs)})" if label else "; ".join(pairs)
    if kind == "proposal":
        return t("news.counter" if item.get("counter") else "news.proposal", side=who, terms=terms())
    if kind in ("accept", "reject"):
        return t(f"news.{kind}", side=who, terms=terms())
    if kind == "question":
        issue = issues.get(item.get("issue"))
        return t("news.question", side=who, issue=issue.label if issue else item.get("issue"))
    if kind in ("agreement", "conflict", "breach"):
        issue = issues.get(item.get("issue"))
        option = next((o for o in issue.options if o.id == item.get("option")), None) if issue else None
        return t(f"news.{kind}", side=who, issue=issue.label if issue else "", option=option.label if option else "")
    if kind == "lapsed":
        return t("news.lapsed", side=who, terms=terms(), reason=item.get("reason", ""))
    return kind


# ---------------------------------------------------------------------------- changes and goals

def cause_text(sc, cause: dict) -> str:
    """One cause of a change (engine second pass), e.g. 'Moscow: Send more battalions +7'."""
    kind = cause.get("kind")
    amount = signed(cause.get("amount", 0))
    if kind == "action":
        side = cause.get("side")
        action = next((a for a in sc.model.actions.get(side, []) if a.id == cause.get("id")), None)
        return f"{side_name(sc, side)}: {action.label if action else cause.get('id')} {amount}"
    if kind == "message":
        return f"{side_name(sc, cause.get('side'))}: {t('talks.kind.' + cause.get('message', 'propose'))} {amount}"
    if kind in ("agreement", "breach"):
        issue = next((i for i in sc.issues if i.id == cause.get("issue")), None)
        return f"{t('causes.' + kind)}: {issue.label if issue else cause.get('issue')} {amount}"
    if kind == "event":
        event = next((e for e in sc.model.events if e.id == cause.get("id")), None)
        return f"{t('causes.event')}: {event.headline if event else cause.get('id')} {amount}"
    if kind == "limit":
        return f"{t('causes.limit')} {amount}"
    return f"{kind} {amount}"


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


_OPS = {">=": "≥", "<=": "≤", "==": "=", "!=": "≠", ">": ">", "<": "<"}


def condition_text(sc, condition: str | None) -> str:
    """A condition in the scenario's words: 'Tension ≤ 35 and Progress in talks ≥ 60'."""
    if not condition:
        return ""
    text = condition
    for op, sym in _OPS.items():
        text = text.replace(f" {op} ", f" {sym} ")

    def name(match):
        word = match.group(0)
        if word in sc.model.variables:
            return var_label(sc, word)
        return {"and": t("words.and"), "or": t("words.or"), "not": t("words.not"), "turn": t("words.turn")}.get(word, word)
    return re.sub(r"[A-Za-z_][A-Za-z_0-9]*", name, text)

"""Lint rules on the words of a scenario: texts too long for the screen, unsourced historical claims.

The limits are what the game shows without cutting: a label is one row of a menu in the window
at 1280x720 (longer ones end in '…') and fits an 80-column terminal with its number; a headline
is at most two lines of the news panel; descriptions fit the detail box beside a menu.
"""
from __future__ import annotations

import re

from game.authoring.findings import Finding
from game.scenario.errors import format_path
from game.scenario.yaml_source import YamlDoc

#: field kind -> the most characters the screen shows without cutting
LIMITS = {
    "title": 60, "name": 20, "label": 64, "option_label": 72, "unit": 24, "actor": 60,
    "headline": 110, "description": 500, "objective": 160, "summary": 900, "briefing": 1600,
    "debrief": 1600, "note": 600,
}

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(rf"\b(\d{{1,2}}(?:[–-]\d{{1,2}})? (?:{_MONTHS})|(?:{_MONTHS}) \d{{1,2}}\b|\b1[6-9]\d\d\b|\b20\d\d\b)")
_VERBATIM = re.compile(r"[\"“]([^\"”\n]{12,200})[\"”]")   # a quotation (of four words or more: see below)
#: words that say a text is history from outside the sources, or made up (the guide's convention)
_MARKED = re.compile(r"historical(?:ly)? context|historically|invented|fictional|hypothetical|imagined|"
                     r"not in the source|counterfactual", re.IGNORECASE)


def _texts(model):
    """(key path, field kind, text) of every text shown to players."""
    yield ("title",), "title", model.title
    yield ("summary",), "summary", model.summary
    for sid, s in model.sides.items():
        yield ("sides", sid, "name"), "name", s.name
        yield ("sides", sid, "briefing"), "briefing", s.briefing
        for k, o in enumerate(s.objectives):
            yield ("sides", sid, "objectives", k), "objective", o
    for vid, v in model.variables.items():
        yield ("variables", vid, "label"), "label", v.label
        yield ("variables", vid, "unit"), "unit", v.unit
        yield ("variables", vid, "description"), "description", v.description
    for pid, p in model.phases.items():
        yield ("phases", pid, "label"), "label", p.label
        yield ("phases", pid, "description"), "description", p.description
    for side, menu in model.actions.items():
        for i, a in enumerate(menu):
            yield ("actions", side, i, "label"), "label", a.label
            yield ("actions", side, i, "text"), "description", a.text
            yield ("actions", side, i, "news"), "headline", a.news
    for i, issue in enumerate(model.negotiation.issues):
        yield ("negotiation", "issues", i, "label"), "label", issue.label
        yield ("negotiation", "issues", i, "text"), "description", issue.text
        for j, o in enumerate(issue.options):
            here = ("negotiation", "issues", i, "options", j)
            yield (*here, "label"), "option_label", o.label
            yield (*here, "text"), "description", o.text
            for path, c in ([((*here, "commitment"), o.commitment)] if o.commitment else []) + \
                    [((*here, "commitments", k), c) for k, c in enumerate(o.commitments)]:
                yield (*path, "headline"), "headline", c.headline
    for i, p in enumerate(model.negotiation.packages):
        yield ("negotiation", "packages", i, "label"), "label", p.label
        yield ("negotiation", "packages", i, "text"), "description", p.text
    for i, e in enumerate(model.events):
        yield ("events", i, "headline"), "headline", e.headline
        yield ("events", i, "text"), "description", e.text
        yield ("events", i, "actor"), "actor", e.actor
    for i, o in enumerate(model.outcomes):
        yield ("outcomes", i, "label"), "label", o.label
        yield ("outcomes", i, "debrief"), "debrief", o.debrief
        for k, n in enumerate(o.debrief_notes):
            yield ("outcomes", i, "debrief_notes", k, "text"), "note", n.text


def text_findings(doc: YamlDoc, model) -> list[Finding]:
    out = []

    def add(path, severity, code, message, hint):
        mark = doc.mark(path)
        out.append(Finding(doc.filename, mark.line, mark.col, format_path(path), severity, code, message, hint))

    for path, kind, text in _texts(model):
        limit = LIMITS[kind]
        if text and len(text) > limit:
            add(path, "warning", "text-long",
                f"text of {len(text)} characters is too long for the screen: the game shows about "
                f"{limit} here and cuts the rest", f"shorten it to {limit} characters or fewer")
    if not model.sources:
        add(("id",), "note", "no-sources", "the scenario names no sources: students cannot check any of "
            "its facts", "add a 'sources' list: the documents the crisis is built from (title, date, publisher)")
    out += _claims(doc, model, add)
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\"“”'‘’]", "", text)).strip().lower()


def _claims(doc, model, add) -> list:
    """Moves and events that state history (a date, a year, a quotation not found in the sources)
    without a `quote` from a source and without saying they are historical context or invented."""
    sourced = " | ".join(_norm(t) for s in model.sources for t in (s.title, *s.facts))
    sourced += " | " + " | ".join(_norm(q.text) for q in _quotes(model))
    items = []
    for side, menu in model.actions.items():
        for i, a in enumerate(menu):
            items.append((("actions", side, i), a.quote, None, [a.label, a.text, a.news]))
    for i, e in enumerate(model.events):
        items.append((("events", i), e.quote, e.date, [e.headline, e.text]))
    for i, p in enumerate(model.negotiation.packages):
        items.append((("negotiation", "packages", i), None, None, [p.label, p.text]))
    origins = {("actions", side, i): a.origin for side, menu in model.actions.items() for i, a in enumerate(menu)}
    origins.update({("events", i): e.origin for i, e in enumerate(model.events)})
    for path, quote, date, texts in items:
        texts = [t for t in texts if t]
        origin = origins.get(path)
        if origin is not None and (origin.source or origin.kind == "invented"):
            continue   # the `origin` field says where it comes from (validate warns about the rest)
        if quote is not None or any(_MARKED.search(t) for t in texts):
            continue
        claims = [m.group(0) for t in texts for m in _DATE.finditer(t) if not _dated_source(m.group(0), model)]
        claims += [f'"{m.group(1)}"' for t in texts for m in _VERBATIM.finditer(t)
                   if len(m.group(1).split()) >= 4 and _norm(m.group(1)) not in sourced]
        if date is not None and _dated_source(f"{date.day} {date.strftime('%B')} {date.year}", model):
            date = None
        if date is not None:
            what = f"it is dated {date.isoformat()}"
        elif claims:
            what = f"it says {claims[0].strip()}"
        else:
            continue
        add(path, "note", "unsourced",
            f"a historical claim without a source: {what}, but it has no quote from the scenario's sources "
            f"and does not say it is historical context or invented",
            "add quote: {source: <id>, text: ...} from one of the sources, or say in its text "
            "'Historical context: ...' (from outside the sources) or 'Invented: ...'")
    return []


_MONTH = {name: k for k, name in enumerate(_MONTHS.split("|"), 1)}


def _dated_source(claim: str, model) -> bool:
    """Whether a date named in a text ('26 October', 'October 26', '1962') is the date of one of the
    scenario's sources: then the text refers to that document."""
    words = re.findall(r"[A-Za-z]+|\d+", claim)
    month = next((_MONTH[w] for w in words if w in _MONTH), None)
    numbers = [int(w) for w in words if w.isdigit()]
    for source in model.sources:
        d = source.date
        if d is None:
            continue
        if month is None and numbers and numbers[0] == d.year:
            return True
        if month == d.month and any(n == d.day for n in numbers):
            return True
    return False


def _quotes(model):
    for menu in model.actions.values():
        for a in menu:
            if a.quote is not None:
                yield a.quote
    for e in model.events:
        if e.quote is not None:
            yield e.quote

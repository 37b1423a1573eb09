"""Where each text of a scenario comes from — the one rule every front end and `validate` use.

An action, event or outcome says where its text comes from with `origin` (article, history,
invented, with a source id and a date). Without it, the origin is read from the scenario as written:
- an event scheduled (`turn` or `date`, no `chance`) with a `quote` is from the article the quote
  names, even when a `condition` keeps it from contradicting a player's move; an event that fires
  when the game's state allows or by chance is invented, even when it draws on a quote (kept, to show);
- an event scheduled on a calendar `date` with no `quote` and no `condition` is history of that date;
- a move that quotes a source is modelled on the article; a move that says nothing is only a move;
- anything else is invented for the game.
A scenario is valid without origins, but students then cannot tell history from invention, so
`validate` warns (never fails) about history with no source, a dated event that says nowhere where
it comes from, an article origin that names no source, an article origin (stated, or implied by a
quote) whose source is not a report of the start date — a letter or speech of another day is
history of its date, not the article — and a `history` entry with no source.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from game.scenario.errors import ScenarioIssue, format_path
from game.scenario.schema import Action, Event, Quote, Scenario

ARTICLE, HISTORY, INVENTED = "article", "history", "invented"


@dataclass(frozen=True, slots=True)
class Claim:
    """A text's origin as the scenario states (`stated`) or implies it. `source` is a `sources` id;
    `quote` the quotation it shows (kept for an invented event that draws on the article)."""

    kind: str
    source: str | None = None
    date: dt.date | None = None
    note: str = ""
    quote: Quote | None = None
    stated: bool = True


def _scheduled(event: Event) -> bool:
    return (event.turn is not None or event.date is not None) and event.chance is None and not event.chance_in


def of_item(item) -> Claim:
    """The origin of an action, event or outcome (schema model): its `origin` field, else the rule above.
    A move that claims nothing comes back as invented and not `stated` (front ends call it a move)."""
    origin, quote = getattr(item, "origin", None), getattr(item, "quote", None)
    if origin is not None:
        source = origin.source or (quote.source if quote is not None and origin.kind == ARTICLE else None)
        return Claim(origin.kind, source, origin.date, " ".join(origin.note.split()), quote)
    if isinstance(item, Event):
        scheduled = _scheduled(item)
        if quote is not None:
            return Claim(ARTICLE if scheduled else INVENTED, quote.source, None, "", quote, stated=False)
        if scheduled and item.date is not None and item.condition is None:
            return Claim(HISTORY, None, item.date, stated=False)
        return Claim(INVENTED, stated=False)
    if isinstance(item, Action) and quote is not None:
        return Claim(ARTICLE, quote.source, None, "", quote, stated=False)
    return Claim(INVENTED, stated=False)


def _source(model: Scenario, source_id: str | None):
    return next((s for s in model.sources if s.id == source_id), None)


def _dated_otherwise(model: Scenario, source_id: str | None) -> bool:
    """Whether a source is not dated on the scenario's start date (so it is no report of the crisis
    as the game opens, which is what 'the article' means: a book or a letter of another day is not)."""
    source = _source(model, source_id)
    return source is not None and source.date != model.start_date


def _items(model: Scenario):
    """(key path, what, model) of every action, event and outcome."""
    for side, menu in model.actions.items():
        for i, action in enumerate(menu):
            yield ("actions", side, i), f"move '{action.id}'", action
    for i, event in enumerate(model.events):
        yield ("events", i), f"event '{event.id}'", event
    for i, outcome in enumerate(model.outcomes):
        yield ("outcomes", i), f"outcome '{outcome.id}'", outcome


def origin_warnings(doc, model: Scenario) -> list[ScenarioIssue]:
    """Warnings about unsourced or unstated origins, each at its place in the file (`doc`: the
    YamlDoc the model was validated from)."""
    out: list[ScenarioIssue] = []

    def warn(path: tuple, message: str) -> None:
        mark = doc.mark(path)
        out.append(ScenarioIssue(doc.filename, mark.line, mark.col, format_path(path), f"warning: {message}"))

    for path, what, item in _items(model):
        claim = of_item(item)
        if claim.kind == HISTORY and claim.stated and not claim.source:
            warn((*path, "origin"), f"{what} is marked as history but names no source: add "
                                    f"'source: <id>' (an entry of 'sources') so students can check it")
        elif claim.kind == HISTORY and not claim.stated:
            warn((*path, "date"), f"{what} is dated like real history but says nowhere where it comes from: "
                                  f"add origin: {{kind: history, source: <id>, date: ...}} or "
                                  f"origin: {{kind: invented}}")
        elif claim.kind == ARTICLE and not claim.source:
            warn((*path, "origin"), f"{what} is marked as from the article but names no source: add "
                                    f"'source: <id>' or a quote")
        elif (claim.kind == ARTICLE or claim.quote is not None and not claim.stated) \
                and _dated_otherwise(model, claim.source):      # "from the article", "after the article"
            source = _source(model, claim.source)
            warn((*path, "origin" if claim.stated else "quote"),
                 f"{what} is shown as drawing on the article, but its source '{claim.source}' is "
                 f"{'of ' + str(source.date) if source.date else 'undated'}, not a report of the start date "
                 f"{model.start_date}: add origin: {{kind: history, "
                 f"source: {claim.source}, date: ...}} (the day it was said or written) or origin: {{kind: invented}}")
    for i, entry in enumerate(model.history):
        if not entry.source:
            warn(("history", i), f"the history entry of {entry.date} names no source: add 'source: <id>'")
    return sorted(out)


def validate_with_warnings(path) -> tuple[Scenario, list[ScenarioIssue]]:
    """Validate the file at `path` (ScenarioError on errors) and return it with its origin warnings."""
    from game.scenario.validate import validate_doc
    from game.scenario.yaml_source import read_file

    doc = read_file(path)
    model = validate_doc(doc)
    return model, origin_warnings(doc, model)

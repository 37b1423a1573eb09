"""Where each text of a scenario comes from, and the warnings `validate` gives about it.

An action, event or outcome says where its text comes from with `origin` (article, history,
invented); a `quote` implies the article it quotes. A scenario is still valid without origins,
but students then cannot tell history from invention, so `validate` warns (never fails) about:
history with no source, a dated event that says nowhere where it comes from, an article origin
that names no source, and a real-timeline entry with no source.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.scenario.errors import ScenarioIssue, format_path
from game.scenario.schema import Scenario

ARTICLE, HISTORY, INVENTED = "article", "history", "invented"


@dataclass(frozen=True, slots=True)
class Claim:
    """A text's origin as the scenario states or implies it (`stated` False: implied by a quote,
    by a calendar date or by nothing at all)."""

    kind: str
    source: str | None = None
    date: object = None
    note: str = ""
    stated: bool = True


def of_item(item) -> Claim:
    """The origin of an action, event or outcome model: its `origin`, else its `quote`'s source,
    else history for an unconditional event on a calendar date, else invented for the game."""
    origin = getattr(item, "origin", None)
    quote = getattr(item, "quote", None)
    if origin is not None:
        source = origin.source or (quote.source if quote is not None and origin.kind == ARTICLE else None)
        return Claim(origin.kind, source, origin.date, origin.note)
    if quote is not None:
        return Claim(ARTICLE, quote.source, stated=False)
    date = getattr(item, "date", None)
    if date is not None and getattr(item, "condition", None) is None and hasattr(item, "headline"):
        return Claim(HISTORY, None, date, stated=False)
    return Claim(INVENTED, stated=False)


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
    for i, entry in enumerate(model.timeline):
        if not entry.source:
            warn(("timeline", i), f"the timeline entry of {entry.date} names no source: add 'source: <id>'")
    return sorted(out)


def validate_with_warnings(path) -> tuple[Scenario, list[ScenarioIssue]]:
    """Validate the file at `path` (ScenarioError on errors) and return it with its origin warnings."""
    from game.scenario.validate import validate_doc
    from game.scenario.yaml_source import read_file

    doc = read_file(path)
    model = validate_doc(doc)
    return model, origin_warnings(doc, model)

"""How far each outcome is: the engine's OutcomeProgress (game.engine.goals) in words.

"Settlement in reach: 1 away — Progress in talks at least 60: now 59, 1 to go" instead of
"not enough was signed". Takes the progress objects (or dicts with the same fields).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ProgressLine:
    outcome: str
    label: str
    holds: bool
    final: bool
    distance: float
    text: str                    # "Settlement: 1 away", "Managed standoff: holds now"
    clauses: tuple[str, ...]     # one line per condition, e.g. "Tension at most 40: now 52, 12 to go"
    score: float | None          # what the outcome is worth to the reader's side, if it has one


def _get(obj, name: str, default=None):
    return obj.get(name, default) if isinstance(obj, Mapping) else getattr(obj, name, default)


def clause_text(p, clause) -> str:
    """One condition of an outcome: what it asks, and how far the state is from it."""
    variable, op, target = _get(clause, "variable"), _get(clause, "op"), _get(clause, "target")
    if op == "in":   # the phase clause of an outcome limited to phases (the engine's goals)
        what = p.t("clause.phase", phases=p.strings["phase_separator"].join(p.phase(x) for x in target or ()))
        if _get(clause, "holds"):
            return p.t("clause.holds", text=what)
        return p.t("clause.phase_now", text=what, now=p.phase(_get(clause, "value") or ""))
    fact = _fact(p, variable, op, target) if variable and "." in str(variable) else None
    if fact is not None:
        return p.t("clause.holds", text=fact) if _get(clause, "holds") else p.t("clause.open", text=fact)
    if variable and op and f"op.{op}" in p.strings and target is not None:
        what = f"{p.variable(variable)} {p.t(f'op.{op}', target=p.value(variable, target))}"
    else:
        what = str(_get(clause, "text", ""))
    if _get(clause, "holds"):
        return p.t("clause.holds", text=what)
    value, gap = _get(clause, "value"), _get(clause, "gap")
    if variable and value is not None and gap is not None:
        return p.t("clause.gap", text=what, value=p.value(variable, value), gap=p.num(abs(gap)))
    return p.t("clause.open", text=what)


_YES = {(">=", 1), (">", 0), ("==", 1), ("!=", 0)}
_NO = {("<", 1), ("<=", 0), ("==", 0), ("!=", 1)}


def _fact(p, variable: str, op, target) -> str | None:
    """A fact slot of the format (agreed.<issue>.<option>, committed…, breached…, last.<side>.<action>,
    played.<side>.<action>) in words, never its id: 'agreed — Jupiter missiles: a public trade'."""
    kind, _, rest = str(variable).partition(".")
    first, _, second = rest.partition(".")
    try:
        number = float(target)
    except (TypeError, ValueError):
        return None
    yes = (op, number) in _YES
    if not yes and (op, number) not in _NO:
        yes = None
    if kind in ("agreed", "committed", "breached") and yes is not None:
        what = p.t("term", issue=p.issue(first), option=p.option(first, second))
        return p.t(f"fact.{kind}" if yes else f"fact.not_{kind}", what=what)
    if kind in ("last", "played") and yes is not None and first in p.sides:
        spec = p.action_spec(first, second)
        action = spec.label if spec is not None else p.t("action.pass") if second == "pass" else second
        return p.t(f"fact.{kind}" if yes else f"fact.not_{kind}", side=p.side(first), action=action)
    return None


def progress_lines(p, progress: Iterable) -> list[ProgressLine]:
    """One ProgressLine per outcome, nearest first (those that hold now at the top)."""
    out = []
    for item in progress:
        outcome_id = _get(item, "id")
        label = _get(item, "label") or p.outcome(outcome_id)
        holds, final = bool(_get(item, "holds")), bool(_get(item, "final"))
        distance = float(_get(item, "distance", 0) or 0)
        if holds:
            text = p.t("progress.holds", label=label)
        else:
            text = p.t("progress.distance", label=label, distance=p.num(distance))
        if final:
            text = p.t("progress.final", label=text)
        score = _get(item, "score")
        mine = None
        if p.me is not None and score is not None:
            sides = list(p.sides)
            if isinstance(score, Mapping):
                mine = score.get(p.me)
            elif p.me in sides and len(score) == len(sides):
                mine = score[sides.index(p.me)]
        clauses = tuple(clause_text(p, c) for c in (_get(item, "clauses") or ()))
        out.append(ProgressLine(outcome_id, label, holds, final, distance, text, clauses,
                                None if mine is None else float(mine)))
    return sorted(out, key=lambda line: (not line.holds, line.distance))

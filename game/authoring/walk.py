"""Every condition and effect list of a validated scenario, with its key path and role.

The lint rules read the scenario through this one walk, so each finding can point at the exact
place in the file (`actions.moscow[3].requires`).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from game.authoring.intervals import Effect, flatten, names_in
from game.scenario import expr, schema


@dataclass(frozen=True)
class Cond:
    """A condition of the file: `role` is one of action, option, package, transition, event,
    outcome, breach, note, if."""

    path: tuple
    text: str
    tree: ast.AST
    role: str
    side: str | None = None        # the side whose menu an action/package `requires` gates

    @property
    def names(self) -> set[str]:
        return names_in(self.tree)


@dataclass(frozen=True)
class EffectList:
    """An effect list of the file: `role` is one of action, option, breach, message, event."""

    path: tuple
    items: list
    role: str
    effects: tuple            # ((path within the list, Effect), ...)


def conditions(model: schema.Scenario) -> list[Cond]:
    out: list[Cond] = []

    def add(path, text, role, side=None):
        if text is not None:
            out.append(Cond(path, text, expr.condition_tree(text), role, side))

    for pid, phase in model.phases.items():
        for k, t in enumerate(phase.transitions):
            add(("phases", pid, "transitions", k, "when"), t.when, "transition")
    for side, menu in model.actions.items():
        for i, a in enumerate(menu):
            add(("actions", side, i, "requires"), a.requires, "action", side)
    for i, issue in enumerate(model.negotiation.issues):
        for j, opt in enumerate(issue.options):
            here = ("negotiation", "issues", i, "options", j)
            add((*here, "requires"), opt.requires, "option")
            for path, c in commitments(here, opt):
                add((*path, "breach_if"), c.breach_if, "breach")
    for i, p in enumerate(model.negotiation.packages):
        add(("negotiation", "packages", i, "requires"), p.requires, "package", p.by)
    for i, ev in enumerate(model.events):
        add(("events", i, "condition"), ev.condition, "event")
    for i, o in enumerate(model.outcomes):
        add(("outcomes", i, "condition"), o.condition, "outcome")
        for k, note in enumerate(o.debrief_notes):
            add(("outcomes", i, "debrief_notes", k, "when"), note.when, "note")
    for elist in effect_lists(model):
        _if_conditions(elist.path, elist.items, out)
    return out


def _if_conditions(path: tuple, items, out: list) -> None:
    for i, item in enumerate(items):
        parts = expr.conditional_parts(item)
        if parts is not None:
            out.append(Cond((*path, i, "if"), parts[0], expr.condition_tree(parts[0]), "if"))
            _if_conditions((*path, i, "then"), parts[1], out)
            _if_conditions((*path, i, "else"), parts[2], out)


def commitments(path: tuple, opt: schema.IssueOption) -> list[tuple[tuple, schema.Commitment]]:
    """(key path, commitment) of an option: `commitment` first, then `commitments`."""
    out = [((*path, "commitment"), opt.commitment)] if opt.commitment is not None else []
    return out + [((*path, "commitments", k), c) for k, c in enumerate(opt.commitments)]


def effect_lists(model: schema.Scenario) -> list[EffectList]:
    out: list[EffectList] = []

    def add(path, items, role):
        if items:
            out.append(EffectList(path, list(items), role, tuple(flatten(items))))

    for side, menu in model.actions.items():
        for i, a in enumerate(menu):
            add(("actions", side, i, "effects"), a.effects, "action")
    for i, issue in enumerate(model.negotiation.issues):
        for j, opt in enumerate(issue.options):
            here = ("negotiation", "issues", i, "options", j)
            add((*here, "effects"), opt.effects, "option")
            for path, c in commitments(here, opt):
                add((*path, "effects"), c.effects, "breach")
    for kind in ("propose", "accept", "reject", "question"):
        add(("negotiation", "effects", kind), getattr(model.negotiation.effects, kind), "message")
    for i, ev in enumerate(model.events):
        add(("events", i, "effects"), ev.effects, "event")
    return out


def score_trees(model: schema.Scenario) -> list[tuple[tuple, ast.AST]]:
    """(key path, parsed expression) of every score written as an expression."""
    return [(("outcomes", i, "score", side), expr.condition_tree(value))
            for i, o in enumerate(model.outcomes) for side, value in o.score.items() if isinstance(value, str)]


def all_effects(model: schema.Scenario) -> list[tuple[tuple, Effect]]:
    """(key path of the effect text, Effect) for every effect of the file."""
    return [((*elist.path, *sub), e) for elist in effect_lists(model) for sub, e in elist.effects]

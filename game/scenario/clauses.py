"""A condition as clauses, for goal progress: parsed from its syntax tree once, at compile time.

`and` needs all its parts, `or` its nearest branch; `not` is pushed down into the comparisons
(`not (a < b)` is `a >= b`). Each comparison becomes a `Clause` whose two sides are compiled
numbers, so the engine can say "accord 59, needs >= 60" without parsing anything during play.
"""
from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass

from game.scenario import expr

_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


@dataclass(frozen=True, slots=True)
class Clause:
    """One comparison: `left op right`, e.g. accord >= 60."""

    text: str                             # as an author would write it
    variable: str | None                  # the name on the left (or right), if one side is a plain name
    value: Callable[[list], float]        # v -> the side with the name (or the left side)
    op: str                               # < <= > >= == !=
    target: Callable[[list], float]       # v -> the other side


@dataclass(frozen=True, slots=True)
class AllOf:
    parts: tuple


@dataclass(frozen=True, slots=True)
class AnyOf:
    parts: tuple


def clause_tree(text: str, names: dict[str, int]):
    """The clauses of a condition the validator has already checked."""
    return _tree(expr.condition_tree(text), names, negate=False)


def _tree(node: ast.AST, names, negate: bool):
    if isinstance(node, ast.BoolOp):
        parts = tuple(_tree(x, names, negate) for x in node.values)
        is_and = isinstance(node.op, ast.And) != negate      # De Morgan under `not`
        return AllOf(parts) if is_and else AnyOf(parts)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return _tree(node.operand, names, not negate)
    if isinstance(node, ast.Compare):
        parts, left = [], node.left
        for op, right in zip(node.ops, node.comparators):
            parts.append(_clause(left, _OPS[type(op)], right, names, negate))
            left = right
        return parts[0] if len(parts) == 1 else (AnyOf(tuple(parts)) if negate else AllOf(tuple(parts)))
    if expr.is_flag_fact(node):          # `agreed.x.y` means agreed.x.y == 1
        one = ast.Constant(1)
        return _clause(node, "==", one, names, negate, text=("not " if negate else "") + expr.unparse(node))
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        holds = node.value != negate
        zero = ast.Constant(0)
        return _clause(zero, "==" if holds else "!=", zero, names, False, text="true" if holds else "false")
    raise ValueError(f"not a checked condition: {ast.unparse(node)}")   # the validator prevents this


def _clause(left, op: str, right, names, negate: bool, text: str | None = None) -> Clause:
    if negate:
        op = _NEGATE[op]
    if expr.name_of(left) is None and expr.name_of(right) is not None:   # `60 <= accord`: name first
        left, right, op = right, left, {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)
    if text is None:
        text = f"{expr.unparse(left)} {op} {expr.unparse(right)}"
    return Clause(text=text, variable=expr.name_of(left), value=expr.compile_number_node(left, names), op=op,
                  target=expr.compile_number_node(right, names))

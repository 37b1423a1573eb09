"""The scenario's conditions and effects as column operations over many games at once.

The one-game engine compiles each condition and effect to code over a state vector `v`, written
by the format's checker from a short whitelist (game.scenario.expr). Here that same checked code
is translated, node by node, to numpy over a state matrix `V` (one row per slot, one column per
game): `v[i]` becomes the row `V[i]`, `and`/`or`/`not` become logical_and/or/not, chained
comparisons a conjunction, `min`/`max`/`abs` numpy's, `x if c else y` a `where`. There is no
second hand-written copy of any rule: an expression the checker did not write is refused.
"""
from __future__ import annotations

import ast
from collections.abc import Callable

import numpy as np

_FUNCS = {"min": "minimum", "max": "maximum", "abs": "abs"}
#: the nodes of the checker's code that need no translation (the others have visitors here)
ARITHMETIC = (ast.Expression, ast.BinOp, ast.Constant, ast.Load, ast.Add, ast.Sub, ast.Mult, ast.Div,
              ast.USub, ast.UAdd, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq)
#: and those a compiled loop runs as they are
LOGIC = (ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.Compare, ast.IfExp)


class NotVectorisable(ValueError):
    """Checked code with a construct the batch engine cannot run as column operations."""


def _np(attr: str) -> ast.expr:
    return ast.Attribute(value=ast.Name(id="np", ctx=ast.Load()), attr=attr, ctx=ast.Load())


def _call(fn: str, *args: ast.expr) -> ast.expr:
    return ast.Call(func=_np(fn), args=list(args), keywords=[])


def _fold(fn: str, args: list[ast.expr]) -> ast.expr:
    out = args[0]
    for arg in args[1:]:
        out = _call(fn, out, arg)
    return out


class _ToColumns(ast.NodeTransformer):
    """Rewrites the checker's scalar code (over `v`) as numpy code over the rows of `V`."""

    def visit_Subscript(self, node: ast.Subscript) -> ast.expr:
        if isinstance(node.value, ast.Name) and node.value.id == "v" and isinstance(node.slice, ast.Constant):
            return ast.Subscript(value=ast.Name(id="V", ctx=ast.Load()), slice=node.slice, ctx=ast.Load())
        raise NotVectorisable(f"unexpected subscript {ast.unparse(node)}")

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.expr:
        values = [self.visit(x) for x in node.values]
        return _fold("logical_and" if isinstance(node.op, ast.And) else "logical_or", values)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.expr:
        operand = self.visit(node.operand)
        if isinstance(node.op, ast.Not):
            return _call("logical_not", operand)
        return ast.UnaryOp(op=node.op, operand=operand)

    def visit_Compare(self, node: ast.Compare) -> ast.expr:
        items = [self.visit(node.left)] + [self.visit(c) for c in node.comparators]
        parts = [ast.Compare(left=items[k], ops=[op], comparators=[items[k + 1]]) for k, op in enumerate(node.ops)]
        return parts[0] if len(parts) == 1 else _fold("logical_and", parts)

    def visit_Call(self, node: ast.Call) -> ast.expr:
        if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCS or node.keywords:
            raise NotVectorisable(f"unexpected call {ast.unparse(node)}")
        args = [self.visit(a) for a in node.args]
        return _call("abs", *args) if node.func.id == "abs" else _fold(_FUNCS[node.func.id], args)

    def visit_IfExp(self, node: ast.IfExp) -> ast.expr:
        return _call("where", self.visit(node.test), self.visit(node.body), self.visit(node.orelse))

    def visit_NamedExpr(self, node):   # the one-call effect forms use walrus; never translated
        raise NotVectorisable("assignment expressions are not part of the language")

    def generic_visit(self, node):
        if not isinstance(node, ARITHMETIC):
            raise NotVectorisable(f"'{type(node).__name__}' cannot run on columns")
        return super().generic_visit(node)


_GLOBALS = {"__builtins__": {}, "np": np}


def columns(code: str) -> Callable[[np.ndarray], np.ndarray]:
    """`f(V)` computing the checked scalar `code` for every game (a column each) at once.

    The result may be a scalar when the code reads no slot (e.g. `True`); `mask` and `numbers`
    broadcast it."""
    tree = ast.parse(code, mode="eval")
    body = _ToColumns().visit(tree.body)
    lam = ast.Expression(body=ast.Lambda(
        args=ast.arguments(posonlyargs=[], args=[ast.arg(arg="V")], kwonlyargs=[], kw_defaults=[], defaults=[]),
        body=body))
    ast.fix_missing_locations(lam)
    # Safe: the code was written by the format's checker from its whitelist, and translated here
    # node by node from a second whitelist; it runs with numpy only and no builtins.
    return eval(compile(lam, "<scenario columns>", "eval"), dict(_GLOBALS))  # noqa: S307


def mask(fn: Callable, V: np.ndarray, n: int) -> np.ndarray:
    """A condition's truth for each of the `n` games, as a boolean array."""
    out = fn(V)
    if np.ndim(out) == 0:
        return np.full(n, bool(out))
    return out.astype(bool, copy=False)


def numbers(fn: Callable, V: np.ndarray, n: int) -> np.ndarray:
    """A numeric expression's value for each of the `n` games, as a float array."""
    out = fn(V)
    if np.ndim(out) == 0:
        return np.full(n, float(out))
    return out

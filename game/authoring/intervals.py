"""Interval analysis of the condition and effect language: which values an expression can take,
and whether a condition can hold at all, given the range of every name it reads.

Sound, not complete: "never" and "always" are proofs (over the ranges given), anything unsure is
"maybe". A condition is rewritten into a disjunction of conjunctions of comparisons; in each
conjunction, comparisons of a name with an expression narrow that name's range (`tension >= 70
and tension < 60` is empty), then every comparison is checked on the narrowed ranges.
"""
from __future__ import annotations

import ast
import math
from collections.abc import Iterable, Mapping

from game.scenario import expr

INF = math.inf
Range = tuple  # (lo, hi)
TRUE, FALSE = frozenset({True}), frozenset({False})
BOTH = TRUE | FALSE
MAX_TERMS = 256          # a condition whose disjunctive form is larger is not analysed ("maybe")

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_ONE = ast.Constant(1)


def _safe(x: float, default: float) -> float:
    return default if x != x else x


def add(a: Range, b: Range) -> Range:
    return (_safe(a[0] + b[0], -INF), _safe(a[1] + b[1], INF))


def neg(a: Range) -> Range:
    return (-a[1], -a[0])


def mul(a: Range, b: Range) -> Range:
    products = [_safe(x * y, 0.0) for x in a for y in b]
    return (min(products), max(products))


def union(a: Range, b: Range) -> Range:
    return (min(a[0], b[0]), max(a[1], b[1]))


def clamp(a: Range, lo: float, hi: float) -> Range:
    return (min(max(a[0], lo), hi), max(min(a[1], hi), lo))


def number(node: ast.AST, env: Mapping[str, Range]) -> Range:
    """The values a checked numeric expression can take when each name lies in its range."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return (float(node.value), float(node.value))
    if isinstance(node, ast.Name):
        return env.get(expr.name_of(node), (-INF, INF))
    if isinstance(node, ast.UnaryOp):
        inner = number(node.operand, env)
        return neg(inner) if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        a, b = number(node.left, env), number(node.right, env)
        if isinstance(node.op, ast.Add):
            return add(a, b)
        if isinstance(node.op, ast.Sub):
            return add(a, neg(b))
        if isinstance(node.op, ast.Mult):
            return mul(a, b)
        if isinstance(node.op, ast.Div) and b[0] == b[1] and b[0] != 0:   # the language divides by constants only
            return mul(a, (1 / b[0], 1 / b[0]))
        return (-INF, INF)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [number(a, env) for a in node.args]
        if node.func.id == "min":
            return (min(a[0] for a in args), min(a[1] for a in args))
        if node.func.id == "max":
            return (max(a[0] for a in args), max(a[1] for a in args))
        if node.func.id == "abs" and args:
            lo, hi = args[0]
            if lo >= 0:
                return (lo, hi)
            if hi <= 0:
                return (-hi, -lo)
            return (0.0, max(-lo, hi))
    return (-INF, INF)


def compare(a: Range, op: str, b: Range) -> frozenset:
    """The truth values `x op y` can take for x in a, y in b."""
    if op == "<":
        return TRUE if a[1] < b[0] else FALSE if a[0] >= b[1] else BOTH
    if op == "<=":
        return TRUE if a[1] <= b[0] else FALSE if a[0] > b[1] else BOTH
    if op == ">":
        return compare(b, "<", a)
    if op == ">=":
        return compare(b, "<=", a)
    point = a[0] == a[1] == b[0] == b[1]
    disjoint = a[1] < b[0] or b[1] < a[0]
    if op == "==":
        return TRUE if point else FALSE if disjoint else BOTH
    return FALSE if point else TRUE if disjoint else BOTH


# --- conditions in disjunctive form ------------------------------------------------------------

def atoms(node: ast.AST, negate: bool = False) -> list[list[tuple]] | None:
    """The condition as a list of conjunctions of (left, op, right) comparisons; None if too large."""
    if isinstance(node, ast.BoolOp):
        parts = [atoms(x, negate) for x in node.values]
        if any(p is None for p in parts):
            return None
        if isinstance(node.op, ast.And) != negate:      # a conjunction (De Morgan under `not`)
            out: list[list[tuple]] = [[]]
            for part in parts:
                out = [a + b for a in out for b in part]
                if len(out) > MAX_TERMS:
                    return None
            return out
        out = [c for part in parts for c in part]
        return out if len(out) <= MAX_TERMS else None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return atoms(node.operand, not negate)
    if isinstance(node, ast.Compare):
        pairs, left = [], node.left
        for op, right in zip(node.ops, node.comparators):
            o = _OPS[type(op)]
            pairs.append((left, _NEGATE[o] if negate else o, right))
            left = right
        return [[p] for p in pairs] if negate else [pairs]
    if expr.is_flag_fact(node):
        return [[(node, "!=" if negate else "==", _ONE)]]
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return [[]] if node.value != negate else []
    return None


def _narrow(conjunction: list[tuple], env: Mapping[str, Range]) -> dict | None:
    """`env` narrowed by the comparisons of a name with an expression; None if a range empties."""
    env = dict(env)
    for _ in range(4):
        changed = False
        for left, op, right in conjunction:
            for name_node, other, o in ((left, right, op), (right, left, _FLIP[op])):
                name = expr.name_of(name_node)
                if name is None or name not in env:
                    continue
                olo, ohi = number(other, env)
                lo, hi = env[name]
                if o in ("<", "<="):
                    hi = min(hi, ohi)
                elif o in (">", ">="):
                    lo = max(lo, olo)
                elif o == "==":
                    lo, hi = max(lo, olo), min(hi, ohi)
                if lo > hi:
                    return None
                if (lo, hi) != env[name]:
                    env[name] = (lo, hi)
                    changed = True
        if not changed:
            break
    return env


def conjunction_possible(conjunction: list[tuple], env: Mapping[str, Range]) -> bool:
    narrowed = _narrow(conjunction, env)
    if narrowed is None:
        return False
    return all(compare(number(l, narrowed), op, number(r, narrowed)) != FALSE for l, op, r in conjunction)


def possible(node: ast.AST, env: Mapping[str, Range], negate: bool = False) -> bool:
    """Whether the condition (or its negation) can hold for some values in the ranges."""
    terms = atoms(node, negate)
    if terms is None:
        return True
    return any(conjunction_possible(c, env) for c in terms)


def verdict(node: ast.AST, env: Mapping[str, Range]) -> str:
    """'never', 'always' or 'maybe' for a condition over the ranges in `env`."""
    if not possible(node, env):
        return "never"
    if not possible(node, env, negate=True):
        return "always"
    return "maybe"


def narrowed(node: ast.AST, env: Mapping[str, Range]) -> dict:
    """The ranges of the names in `env` under which the condition can hold (their union over the
    conjunctions that can hold); `env` unchanged for a condition too large to analyse."""
    terms = atoms(node)
    if terms is None:
        return dict(env)
    out: dict | None = None
    for c in terms:
        n = _narrow(c, env)
        if n is None or not conjunction_possible(c, env):
            continue
        out = n if out is None else {k: union(out[k], n[k]) for k in out}
    return out if out is not None else dict(env)


def names_in(node: ast.AST) -> set[str]:
    """The scenario names (variables, `turn`, facts) an expression reads."""
    return {n for n in (expr.name_of(x) for x in ast.walk(node) if isinstance(x, ast.Name))
            if n is not None and n not in expr.FUNCTIONS}


# --- effects ------------------------------------------------------------------------------------

class Effect:
    """One flattened effect: target, operator (+= -= = *= /=), value expression and its guards."""

    __slots__ = ("target", "op", "value", "guards", "text")

    def __init__(self, target: str, op: str, value: ast.AST, guards: tuple, text: str):
        self.target, self.op, self.value, self.guards, self.text = target, op, value, guards, text

    def reads(self) -> set[str]:
        out = names_in(self.value)
        if self.op != "=":
            out.add(self.target)
        for guard, _ in self.guards:
            out |= names_in(guard)
        return out

    def delta(self, env: Mapping[str, Range]) -> Range:
        """The change it makes, for the target and the names it reads in their ranges."""
        x, e = env.get(self.target, (-INF, INF)), number(self.value, env)
        if self.op == "+=":
            return e
        if self.op == "-=":
            return neg(e)
        if self.op == "=":
            return add(e, neg(x))
        if self.op == "*=":
            return add(mul(x, e), neg(x))
        if e[0] == e[1] and e[0] != 0:
            return add(mul(x, (1 / e[0], 1 / e[0])), neg(x))
        return (-INF, INF)

    def result(self, env: Mapping[str, Range]) -> Range:
        """The target's value after this effect alone, before clamping."""
        x, e = env.get(self.target, (-INF, INF)), number(self.value, env)
        if self.op == "=":
            return e
        if self.op == "*=":
            return mul(x, e)
        return add(x, self.delta(env))


_AUG = {ast.Add: "+=", ast.Sub: "-=", ast.Mult: "*=", ast.Div: "/="}


def flatten(items: Iterable, guards: tuple = ()) -> list[tuple[tuple, Effect]]:
    """(index path within the list, Effect) for every effect of a (possibly conditional) list."""
    out = []
    for i, item in enumerate(items):
        parts = expr.conditional_parts(item)
        if parts is None:
            stmt = expr.effect_tree(item)
            if isinstance(stmt, ast.AugAssign):
                target, op, value = stmt.target, _AUG[type(stmt.op)], stmt.value
            else:
                target, op, value = stmt.targets[0], "=", stmt.value
            out.append(((i,), Effect(expr.name_of(target), op, value, guards, item)))
            continue
        condition, then, else_ = parts
        tree = expr.condition_tree(condition)
        out += [((i, "then", *p), e) for p, e in flatten(then, guards + ((tree, True),))]
        out += [((i, "else", *p), e) for p, e in flatten(else_, guards + ((tree, False),))]
    return out


def after(effects: list[Effect], env: Mapping[str, Range], bounds: Mapping[str, Range]) -> dict:
    """Ranges after an effect list is applied once (simultaneously, then clamped to `bounds`)."""
    out = dict(env)
    by_target: dict[str, list[Effect]] = {}
    for e in effects:
        by_target.setdefault(e.target, []).append(e)
    for target, group in by_target.items():
        lo, hi = bounds.get(target, (-INF, INF))
        if len(group) == 1 and not group[0].guards:
            new = group[0].result(env)
        else:
            new = env.get(target, (-INF, INF))
            for e in group:
                d = e.delta(env)
                if e.guards:
                    d = union(d, (0.0, 0.0))
                new = add(new, d)
        out[target] = clamp(new, lo, hi)
    return out

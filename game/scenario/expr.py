"""The condition and effect language of scenario files, parsed once and compiled to closures.

Conditions read like `tension >= 70 and troops_at_border > 120`; effects like `tension += 10`.
Both are parsed with Python's own parser, then every node is checked against a short whitelist
(numbers, known variable names, arithmetic, comparisons, and/or/not, min/max/abs) and rebuilt
by us into a function over the state vector `v` (a list of floats, variables in declaration
order, then the turn number). Nothing from the file reaches the compiler unchecked, and the
compiled code runs with no builtins.

Effects are simultaneous: an effect list becomes `f(v, d)` that adds each change to a delta
vector `d` computed from the state `v` as it was before any of them, so the order in which two
sides' effects are applied never matters.
"""
from __future__ import annotations

import ast
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

TURN = "turn"  # read-only name available to every condition and effect expression
FUNCTIONS = {"min": "min", "max": "max", "abs": "abs"}
_CMP = (ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq)
_ARITH = (ast.Add, ast.Sub, ast.Mult, ast.Div)
_AUG = {ast.Add: "+=", ast.Sub: "-=", ast.Mult: "*=", ast.Div: "/="}
_SAFE_GLOBALS = {"__builtins__": {}, "min": min, "max": max, "abs": abs}

Condition = Callable[[list], bool]
EffectFn = Callable[[list, list], None]


class ExprError(ValueError):
    """A condition or effect that does not parse or names something unknown."""

    def __init__(self, message: str, col: int = 0):
        super().__init__(message)
        self.message = message
        self.col = col  # 0-based offset into the expression text


@dataclass(frozen=True)
class CompiledEffects:
    """An effect list: `apply(v, d)` adds its changes to `d`; `targets` are the indices it changes."""

    apply: EffectFn
    targets: tuple[int, ...]
    source: tuple[str, ...]


def suggest(name: str, known: Sequence[str]) -> str:
    """' (did you mean 'x'?)' for a near miss among `known`, else ''."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Checker:
    """Validates a parsed expression and rewrites names into reads of the state vector."""

    def __init__(self, names: dict[str, int]):
        self.names = names

    def expr(self, node: ast.AST, *, boolean: bool) -> ast.expr:
        """Return a rebuilt copy of `node`; `boolean` says whether a truth value is expected."""
        if isinstance(node, ast.BoolOp):
            return ast.BoolOp(op=node.op, values=[self.expr(x, boolean=True) for x in node.values])
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return ast.UnaryOp(op=ast.Not(), operand=self.expr(node.operand, boolean=True))
        if isinstance(node, ast.Compare):
            for op in node.ops:
                if not isinstance(op, _CMP):
                    raise self.error(node, "only < <= > >= == != compare numbers")
            return ast.Compare(left=self.number(node.left), ops=[type(op)() for op in node.ops],
                               comparators=[self.number(x) for x in node.comparators])
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return ast.Constant(value=node.value)
        if boolean:
            raise self.error(node, "expected a condition such as 'tension >= 70'")
        return self.number(node)

    def number(self, node: ast.AST) -> ast.expr:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise self.error(node, f"expected a number, found {node.value!r}")
            return ast.Constant(value=float(node.value))
        if isinstance(node, ast.Name):
            return self.read(node)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            return ast.UnaryOp(op=type(node.op)(), operand=self.number(node.operand))
        if isinstance(node, ast.BinOp) and isinstance(node.op, _ARITH):
            right = self.number(node.right)
            if isinstance(node.op, ast.Div) and not self._nonzero_constant(right):
                raise self.error(node.right, "divide only by a non-zero number, e.g. 'x / 2'")
            return ast.BinOp(left=self.number(node.left), op=type(node.op)(), right=right)
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                name = node.func.id if isinstance(node.func, ast.Name) else "that"
                raise self.error(node, f"unknown function '{name}'; use min, max or abs")
            if node.keywords or not node.args or (node.func.id == "abs") != (len(node.args) == 1):
                raise self.error(node, f"wrong arguments to {node.func.id}()")
            return ast.Call(func=ast.Name(id=FUNCTIONS[node.func.id], ctx=ast.Load()),
                            args=[self.number(a) for a in node.args], keywords=[])
        if isinstance(node, (ast.BoolOp, ast.Compare)) or (
                isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)):
            raise self.error(node, "expected a number here, found a condition")
        raise self.error(node, f"'{ast.unparse(node)}' is not allowed here")

    def read(self, node: ast.Name) -> ast.expr:
        index = self.index(node)
        return ast.Subscript(value=ast.Name(id="v", ctx=ast.Load()), slice=ast.Constant(value=index),
                             ctx=ast.Load())

    def index(self, node: ast.Name) -> int:
        if node.id not in self.names:
            raise self.error(node, f"unknown variable '{node.id}'{suggest(node.id, list(self.names))}")
        return self.names[node.id]

    @staticmethod
    def _nonzero_constant(node: ast.expr) -> bool:
        if isinstance(node, ast.UnaryOp):
            node = node.operand
        return isinstance(node, ast.Constant) and node.value != 0

    @staticmethod
    def error(node: ast.AST, message: str) -> ExprError:
        return ExprError(message, getattr(node, "col_offset", 0))


def _parse(text: str, mode: str) -> ast.AST:
    if "\n" in text.strip():
        raise ExprError("write the expression on one line")
    try:
        return ast.parse(text.strip(), mode=mode)
    except SyntaxError as exc:
        # offset 0 means Python ran out of text: point just past its end, where something is missing
        col = exc.offset - 1 if exc.offset else len(text.strip())
        raise ExprError(f"syntax error: {exc.msg}", max(col, 0)) from None


def _compile(body: ast.expr, args: list[str], extra: dict | None = None):
    func = ast.Lambda(
        args=ast.arguments(posonlyargs=[], args=[ast.arg(arg=a) for a in args], kwonlyargs=[],
                           kw_defaults=[], defaults=[]),
        body=body)
    tree = ast.fix_missing_locations(ast.Expression(body=func))
    # Safe: every node of `tree` was built by _Checker from a whitelist, and it runs without builtins.
    return eval(compile(tree, "<scenario>", "eval"), {**_SAFE_GLOBALS, **(extra or {})})  # noqa: S307


def variable_names(variables: Sequence[str]) -> dict[str, int]:
    """Names an expression may read: the variables in order, then `turn`."""
    names = {name: i for i, name in enumerate(variables)}
    names[TURN] = len(variables)
    return names


def compile_condition(text: str, names: dict[str, int]) -> Condition:
    """Compile a condition to `f(v) -> bool`; raises ExprError on anything outside the language."""
    tree = _parse(text, "eval")
    body = _Checker(names).expr(tree.body, boolean=True)
    return _compile(body, ["v"])


def check_condition(text: str, names: dict[str, int]) -> None:
    """Check a condition as compile_condition does, without compiling it (fast whole-file checks)."""
    tree = _parse(text, "eval")
    _Checker(names).expr(tree.body, boolean=True)


def compile_value(text: str, names: dict[str, int]) -> Callable[[list], float]:
    """Compile a numeric expression to `f(v) -> float`."""
    tree = _parse(text, "eval")
    body = _Checker(names).number(tree.body)
    return _compile(body, ["v"])


def parse_effect(text: str, names: dict[str, int]) -> tuple[int, ast.expr]:
    """Check one effect; return the target index and an expression for its delta."""
    tree = _parse(text, "exec")
    if len(tree.body) != 1:
        raise ExprError("one effect per line, e.g. 'tension += 10'")
    stmt = tree.body[0]
    checker = _Checker(names)
    if isinstance(stmt, ast.AugAssign) and type(stmt.op) in _AUG:
        target, value, op = stmt.target, stmt.value, stmt.op
    elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target, value, op = stmt.targets[0], stmt.value, None
    else:
        raise ExprError("an effect changes one variable: 'x += n', 'x -= n', 'x *= n', 'x /= n' or 'x = n'")
    if not isinstance(target, ast.Name):
        raise checker.error(target, "the left side of an effect must be a variable name")
    if target.id == TURN:
        raise checker.error(target, "'turn' is read-only")
    index = checker.index(target)
    rhs = checker.number(value)
    current = checker.read(target)
    if op is None:
        delta = ast.BinOp(left=rhs, op=ast.Sub(), right=current)
    elif isinstance(op, ast.Add):
        delta = rhs
    elif isinstance(op, ast.Sub):
        delta = ast.UnaryOp(op=ast.USub(), operand=rhs)
    else:
        if isinstance(op, ast.Div) and not checker._nonzero_constant(rhs):
            raise checker.error(value, "divide only by a non-zero number, e.g. 'x /= 2'")
        scaled = ast.BinOp(left=current, op=type(op)(), right=rhs)
        delta = ast.BinOp(left=scaled, op=ast.Sub(), right=checker.read(target))
    return index, delta


def compile_effects(texts: Sequence[str], names: dict[str, int]) -> CompiledEffects:
    """Compile an effect list into one delta-accumulating function (see module docstring).

    Raises ExprError for the first bad effect, with `.item` set to its index in the list.
    """
    parts: list[tuple[int, ast.expr]] = []
    for i, text in enumerate(texts):
        try:
            parts.append(parse_effect(text, names))
        except ExprError as exc:
            exc.item = i
            raise
    if not parts:
        return CompiledEffects(apply=_no_effects, targets=(), source=())
    # `(d.__setitem__(i, d[i] + delta), ...)`: a lambda may hold only one expression.
    calls = [ast.Call(func=ast.Attribute(value=ast.Name(id="d", ctx=ast.Load()), attr="__setitem__",
                                         ctx=ast.Load()),
                      args=[ast.Constant(value=i),
                            ast.BinOp(left=ast.Subscript(value=ast.Name(id="d", ctx=ast.Load()),
                                                         slice=ast.Constant(value=i), ctx=ast.Load()),
                                      op=ast.Add(), right=delta)],
                      keywords=[])
             for i, delta in parts]
    body = ast.Tuple(elts=calls, ctx=ast.Load())
    targets = tuple(sorted({i for i, _ in parts}))
    return CompiledEffects(apply=_compile(body, ["v", "d"]), targets=targets, source=tuple(texts))


def _no_effects(v: list, d: list) -> None:
    return None


def names_in(text: str) -> set[str]:
    """The variable names an (already valid) expression or effect mentions."""
    try:
        tree = ast.parse(text.strip(), mode="exec")
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id not in FUNCTIONS}


# --- fused forms for the engine's hot path ------------------------------------------------------
# The engine asks "which of these actions are open?" and applies event effects every turn.
# Fusing many conditions into one function (one frame, conditions inline) is several times
# faster than calling one closure per condition.

def _name(id_: str) -> ast.Name:
    return ast.Name(id=id_, ctx=ast.Load())


def compile_selector(conditions: Sequence[str | None], items: Sequence, names: dict[str, int]):
    """`f(v) -> tuple` of the `items` whose condition holds (None = always), in order."""
    checker = _Checker(names)
    flags = [ast.Constant(value=True) if text is None
             else checker.expr(_parse(text, "eval").body, boolean=True) for text in conditions]
    body = ast.Call(func=_name("tuple"), keywords=[], args=[
        ast.Call(func=_name("compress"), keywords=[], args=[_name("ITEMS"), ast.Tuple(elts=flags, ctx=ast.Load())])])
    from itertools import compress

    return _compile(body, ["v"], {"ITEMS": tuple(items), "tuple": tuple, "compress": compress})


def compile_direct_effects(texts: Sequence[str], names: dict[str, int], lo: Sequence[float],
                           hi: Sequence[float]):
    """`f(v)` that applies an effect list at once: every change computed from `v` as it was,
    then added and clamped to [lo, hi]. Same result as compile_effects + add + clamp."""
    parts = [parse_effect(text, names) for text in texts]
    if not parts:
        return None
    store = lambda n: ast.Name(id=n, ctx=ast.Store())  # noqa: E731
    elts: list[ast.expr] = [ast.NamedExpr(target=store(f"t{k}"), value=delta) for k, (_, delta) in enumerate(parts)]
    for i in sorted({i for i, _ in parts}):
        total: ast.expr = ast.Subscript(value=_name("v"), slice=ast.Constant(value=i), ctx=ast.Load())
        for k, (j, _) in enumerate(parts):
            if j == i:
                total = ast.BinOp(left=total, op=ast.Add(), right=_name(f"t{k}"))
        low, high = ast.Constant(value=float(lo[i])), ast.Constant(value=float(hi[i]))
        clamped = ast.IfExp(
            test=ast.Compare(left=ast.NamedExpr(target=store("x"), value=total), ops=[ast.Lt()], comparators=[low]),
            body=low,
            orelse=ast.IfExp(test=ast.Compare(left=_name("x"), ops=[ast.Gt()], comparators=[high]),
                             body=high, orelse=_name("x")))
        elts.append(ast.Call(func=ast.Attribute(value=_name("v"), attr="__setitem__", ctx=ast.Load()),
                             args=[ast.Constant(value=i), clamped], keywords=[]))
    return _compile(ast.Tuple(elts=elts, ctx=ast.Load()), ["v"])

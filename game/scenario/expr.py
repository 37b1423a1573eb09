"""The condition and effect language of scenario files, parsed once and compiled to closures.

Conditions read like `tension >= 70 and troops_at_border > 120`; effects like `tension += 10`.
Both are parsed with Python's own parser, then every node is checked against a short whitelist
(numbers, known variable names, arithmetic, comparisons, and/or/not, min/max/abs) and written
out again by us as code over the state vector `v` (a list of floats: the variables in
declaration order, then the turn number). Only that regenerated text, made of the whitelist's
pieces, variable indices and finite numbers, is compiled, and it runs with no builtins.

Effects are simultaneous: every change in an effect list is computed from the state as it was
before any of them, then all are added and clamped, so the order in which effects (or two
sides' actions) are applied never matters. An effect list item may also be a mapping
`{if: <condition>, then: [effects], else: [effects]}`; its condition is read from the same
pre-turn state.

Names may be dotted (`agreed.sanctions.relief`, `last.moscow.send_questions`): the read-only
facts of `game.scenario.facts`, which sit in `v` after `turn`. Every index from `turn` on is
read-only: an effect can never assign it.
"""
from __future__ import annotations

import ast
import contextvars
import difflib
import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from game.errors import HotlineError
from game.scenario.facts import FACT_HELP, FLAG_FACTS
from game.scenario.schema import MAX_NUMBER

TURN = "turn"  # read-only name available to every condition and effect expression
FUNCTIONS = {"min": "min", "max": "max", "abs": "abs"}
_CMP = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_ARITH = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_AUG = (ast.Add, ast.Sub, ast.Mult, ast.Div)
_SAFE_GLOBALS = {"__builtins__": {}, "min": min, "max": max, "abs": abs}

#: Deepest nesting of an expression (`not not ...`, `-(-(...))`, `((a + b) + c) + ...`): the
#: generated code must stay inside Python's parser limits (200 nested parentheses).
MAX_DEPTH = 100
#: Conditions per generated `a if c else b if d else ...` chain; longer lists are split.
_CHAIN = 64
#: Names compared per validation while looking for "did you mean" suggestions; after that,
#: unknown names are still reported, without a suggestion (keeps validation linear).
SUGGEST_BUDGET = 50_000
_suggest_budget: contextvars.ContextVar[list | None] = contextvars.ContextVar("suggest_budget", default=None)

Condition = Callable[[list], bool]
EffectFn = Callable[[list, list], None]


class ExprError(HotlineError, ValueError):
    """A condition or effect that does not parse or names something unknown."""

    def __init__(self, message: str, col: int = 0):
        super().__init__(message)
        self.message = message
        self.col = col  # 0-based offset into the expression text


class Code(str):
    """Condition code the compiler wrote itself (not author text): used as it is by the selectors."""


# Dotted names (facts) are not Python (`last.moscow.pass` even holds a keyword): before parsing,
# each dot of a dotted name becomes a 'Q', which no scenario name contains (names are lowercase),
# so every column stays where it was.
_DOTTED = re.compile(r"(?<![\w.])[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+(?![\w(])")
_MANGLED = re.compile(r"[a-z][a-z0-9_]*(?:Q[a-z][a-z0-9_]*)+")


def _mangle(text: str) -> str:
    return _DOTTED.sub(lambda m: m.group(0).replace(".", "Q"), text)


def _demangle(name: str) -> str:
    return name.replace("Q", ".") if _MANGLED.fullmatch(name) else name


@dataclass(frozen=True, slots=True)
class CompiledEffects:
    """An effect list, compiled once in two forms from the same checked parts and arithmetic.

    `apply(v, d)` adds its changes to the delta vector `d` (for effects that happen together
    with others, and for the turn log's attribution); the engine then adds and clamps.
    `apply_now(v)` does the same for this list alone in one call: the same sums in the same
    order and the same clamp, so both forms give bit-identical states (a test checks)."""

    apply: EffectFn
    targets: tuple[int, ...]
    source: tuple[str, ...]
    apply_now: Callable[[list], None] | None = None
    now_steps: tuple[str, ...] = ()       # apply_now's statements, for fused forms (compile_fire)


def suggest(name: str, known: Sequence[str]) -> str:
    """' (did you mean 'x'?)' for a near miss among `known`, else ''.

    Inside `suggestion_budget()` every call spends `len(known)` of a shared budget and gives
    no suggestion once it is spent, so thousands of unknown names among thousands of known
    ones cost linear time, not their product. Outside it, one call looks at SUGGEST_BUDGET names.
    """
    if not isinstance(name, str) or not name or len(name) > 200:
        return ""
    budget = _suggest_budget.get()
    if budget is not None:
        if budget[0] < len(known):
            return ""
        budget[0] -= len(known)
    candidates = list(known) if len(known) <= SUGGEST_BUDGET else list(known)[:SUGGEST_BUDGET]
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@contextmanager
def suggestion_budget(names: int = SUGGEST_BUDGET) -> Iterator[None]:
    """Share one budget of `names` compared among every `suggest` call made inside."""
    token = _suggest_budget.set([names])
    try:
        yield
    finally:
        _suggest_budget.reset(token)


def finite(x: float) -> float:
    """`x` as a float within ±MAX_NUMBER: an expression score that overflowed to ±inf takes the
    bound, a NaN (inf - inf) counts 0, so no score a record holds is ever non-finite."""
    x = float(x)
    if -MAX_NUMBER <= x <= MAX_NUMBER:
        return x
    return MAX_NUMBER if x > 0 else -MAX_NUMBER if x < 0 else 0.0


def shown(text: str, limit: int = 40) -> str:
    """`text` cut to `limit` characters for a message."""
    return text if len(text) <= limit else text[:limit - 3] + "..."


class _Checker:
    """Validates a parsed expression and writes it out as code reading the state vector `v`."""

    def __init__(self, names: dict[str, int]):
        self.names = names
        self.depth = 0

    def expr(self, node: ast.AST, *, boolean: bool) -> str:
        """Checked code for `node`; `boolean` says whether a truth value is expected."""
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise self.error(node, f"expression is nested more than {MAX_DEPTH} levels deep; split it up")
            return self._expr(node, boolean)
        finally:
            self.depth -= 1

    def _expr(self, node: ast.AST, boolean: bool) -> str:
        if isinstance(node, ast.BoolOp):
            op = " and " if isinstance(node.op, ast.And) else " or "
            return "(" + op.join(self.expr(x, boolean=True) for x in node.values) + ")"
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return f"(not {self.expr(node.operand, boolean=True)})"
        if isinstance(node, ast.Compare):
            parts = [self.number(node.left)]
            for op, right in zip(node.ops, node.comparators):
                if type(op) not in _CMP:
                    raise self.error(node, "only < <= > >= == != compare numbers")
                parts += [_CMP[type(op)], self.number(right)]
            return "(" + " ".join(parts) + ")"
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return "True" if node.value else "False"
        if boolean and isinstance(node, ast.Name) and "." in _demangle(node.id):
            code = self.read(node)   # an unknown fact is reported as such
            if _demangle(node.id).split(".")[0] in FLAG_FACTS:
                return f"({code} != 0.0)"   # a yes/no fact is a condition by itself
        if boolean:
            raise self.error(node, "expected a condition such as 'tension >= 70'")
        return self.number(node)

    def number(self, node: ast.AST) -> str:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise self.error(node, f"expression is nested more than {MAX_DEPTH} levels deep; split it up")
            return self._number(node)
        finally:
            self.depth -= 1

    def _number(self, node: ast.AST) -> str:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise self.error(node, f"expected a number, found {shown(repr(node.value))}")
            # compared as given (an int of 400 digits does not fit a float: no conversion first)
            if not -MAX_NUMBER <= node.value <= MAX_NUMBER:
                raise self.error(node, f"number out of range: numbers in expressions must lie "
                                       f"between -{MAX_NUMBER:.0e} and {MAX_NUMBER:.0e}".replace("e+", "e"))
            return repr(float(node.value))
        if isinstance(node, ast.Name):
            return self.read(node)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            sign = "-" if isinstance(node.op, ast.USub) else "+"
            return f"({sign}{self.number(node.operand)})"
        if isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
            if isinstance(node.op, ast.Div) and not self.nonzero_constant(node.right):
                raise self.error(node.right, "divide only by a non-zero number, e.g. 'x / 2'")
            return f"({self.number(node.left)} {_ARITH[type(node.op)]} {self.number(node.right)})"
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                name = node.func.id if isinstance(node.func, ast.Name) else "that"
                raise self.error(node, f"unknown function '{name}'; use min, max or abs")
            if node.keywords or not node.args or (node.func.id == "abs") != (len(node.args) == 1):
                raise self.error(node, f"wrong arguments to {node.func.id}()")
            return f"{FUNCTIONS[node.func.id]}({', '.join(self.number(a) for a in node.args)})"
        if isinstance(node, ast.Attribute):
            raise self.error(node, f"'{_demangle(ast.unparse(node))}' is not a name; facts are written {FACT_HELP}")
        if isinstance(node, (ast.BoolOp, ast.Compare)) or (
                isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)):
            raise self.error(node, "expected a number here, found a condition")
        raise self.error(node, f"'{shown(_source(node))}' is not allowed here")

    def read(self, node: ast.Name) -> str:
        return f"v[{self.index(node)}]"

    def index(self, node: ast.Name) -> int:
        name = _demangle(node.id)
        if name not in self.names:
            plain, by_head, dotted = _name_groups(self.names)
            if "." in name:
                known = by_head.get(name.split(".", 1)[0]) or dotted
                close = suggest(name, known)
                help_ = "" if close else f"; facts are written {FACT_HELP}"
                raise self.error(node, f"unknown fact '{name}'{close}{help_}")
            raise self.error(node, f"unknown variable '{name}'{suggest(name, plain)}")
        return self.names[name]

    @staticmethod
    def nonzero_constant(node: ast.AST) -> bool:
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            node = node.operand
        return (isinstance(node, ast.Constant) and isinstance(node.value, (int, float))
                and not isinstance(node.value, bool) and node.value != 0)

    @staticmethod
    def error(node: ast.AST, message: str) -> ExprError:
        return ExprError(message, getattr(node, "col_offset", 0))


def _source(node: ast.AST) -> str:
    try:
        return ast.unparse(node)
    except RecursionError:   # a deeply nested list or the like: name its kind only
        return type(node).__name__.lower()


def _parse(text: str, mode: str) -> ast.AST:
    if "\n" in text.strip():
        raise ExprError("write the expression on one line")
    try:
        return ast.parse(_mangle(text.strip()), mode=mode)
    except SyntaxError as exc:
        hint = _syntax_hint(text.strip(), mode)
        if hint is not None:
            raise ExprError(f"syntax error: {hint[0]}", hint[1]) from None
        # offset 0 means Python ran out of text: point just past its end, where something is missing
        col = exc.offset - 1 if exc.offset else len(text.strip())
        raise ExprError(f"syntax error: {exc.msg}", max(col, 0)) from None
    except (ValueError, RecursionError, MemoryError):   # NUL bytes, absurd nesting
        raise ExprError("this expression cannot be read") from None


_HINTS = (   # (pattern, message): what new authors write for the language's own operators
    (re.compile(r"&&"), "'&&' is not an operator here: write 'and' (did you mean 'and'?)"),
    (re.compile(r"\|\|"), "'||' is not an operator here: write 'or' (did you mean 'or'?)"),
    (re.compile(r"=>"), "did you mean '>='?"),
    (re.compile(r"=<"), "did you mean '<='?"),
    (re.compile(r"!(?!=)"), "'!' is not an operator here: write 'not' (did you mean 'not'?)"),
    (re.compile(r"(?<![<>=!+\-*/])=(?!=)"),
     "'=' sets a variable (in effects); to compare, write '==' (did you mean '=='?)"),
)


def _syntax_hint(text: str, mode: str) -> tuple[str, int] | None:
    """(message, column) naming the likely mistake in text that does not parse, or None."""
    for k, (pattern, message) in enumerate(_HINTS):
        if k == len(_HINTS) - 1 and mode != "eval":
            continue   # in an effect, one '=' is an assignment
        m = pattern.search(text)
        if m:
            return message, m.start()
    return None


def _compile(code: str, args: str = "v", extra: dict | None = None):
    """Compile checked code (written by _Checker, never taken from the file) into a function."""
    # Safe: `code` is built only from whitelisted pieces, indices and finite numbers; no builtins.
    return eval(compile(f"lambda {args}: {code}", "<scenario>", "eval"),  # noqa: S307
                {**_SAFE_GLOBALS, **(extra or {})})


def _compile_body(lines: Sequence[str], args: str, extra: dict | None = None) -> Callable:
    """Compile checked statements (written by this module from checked code, indices and finite
    numbers, never taken from the file) into a function of `args`: plain assignments run with
    fewer steps than the same work as one expression of __setitem__ calls."""
    namespace = {**_SAFE_GLOBALS, **(extra or {})}
    source = f"def f({args}):\n" + "".join(f"    {line}\n" for line in lines) + "    return None\n"
    exec(compile(source, "<scenario>", "exec"), namespace)  # noqa: S102 - checked code only (see above)
    return namespace["f"]


def variable_names(variables: Sequence[str]) -> dict[str, int]:
    """Names an expression may read: the variables in order, then `turn`."""
    names = {name: i for i, name in enumerate(variables)}
    names[TURN] = len(variables)
    return names


def _name_groups(names: dict[str, int]) -> tuple[list, dict, list]:
    """(variable names, dotted names by their first part, all dotted names), kept on a `Names`
    so that thousands of unknown names do not each walk every name."""
    groups = names.__dict__.get("_groups") if isinstance(names, Names) else None
    if groups is None:
        plain, by_head, dotted = [], {}, []
        for n in names:
            if "." in n:
                dotted.append(n)
                by_head.setdefault(n.split(".", 1)[0], []).append(n)
            else:
                plain.append(n)
        groups = (plain, by_head, dotted)
        if isinstance(names, Names):
            names.__dict__["_groups"] = groups
    return groups


class Names(dict):
    """Expression names -> state-vector index, hashable by content (hashed once) so that the
    memoised checks key on it cheaply. Never changed after it is made."""

    def __init__(self, names: dict[str, int]):
        super().__init__(names)
        self._hash = hash(tuple(self.items()))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other) -> bool:
        return self is other or dict.__eq__(self, other)

    __ne__ = lambda self, other: not self.__eq__(other)   # noqa: E731


_recent_key: tuple = (None, None)   # (the last mapping asked about, its memo key), replaced at once


def _key(names: dict[str, int]) -> Names:
    """The memo key for `names`: equal mappings met in a row share one key object, so a memo hit
    is an identity check, not a comparison of thousands of names (validating and then compiling
    a file each build their own equal mapping)."""
    global _recent_key
    recent = _recent_key
    if recent[0] is names:
        return recent[1]
    key = names if isinstance(names, Names) else Names(names)
    if recent[1] is not None and key == recent[1]:
        key = recent[1]
    _recent_key = (names, key)
    return key


def condition_code(text: str, names: dict[str, int]) -> str:
    """Checked code for a condition; raises ExprError on anything outside the language."""
    return _condition_code(text, _key(names))


@lru_cache(maxsize=4096)
def _condition_code(text: str, names: Names) -> str:
    # memoised: the fused per-phase forms check the same conditions once per phase
    return _Checker(names).expr(_parse(text, "eval").body, boolean=True)


def clear_caches() -> None:
    """Forget memoised expressions (for benchmarks that must time a first load)."""
    _condition_code.cache_clear()
    _effect_code.cache_clear()
    _number_code.cache_clear()


@lru_cache(maxsize=1024)
def _number_code(text: str, names: tuple) -> str:
    return _Checker(names).number(_parse(text, "eval").body)


def number_code(text: str, names: dict[str, int]) -> str:
    """Checked code for a numeric expression (a score such as `40 + 10 * agreed.x.y`)."""
    return _number_code(text, _key(names))


def check_number(text: str, names: dict[str, int]) -> None:
    """Check a numeric expression as number_code does."""
    number_code(text, names)


def compile_number(text: str, names: dict[str, int]) -> Callable[[list], float]:
    """Compile a numeric expression to `f(v) -> float`."""
    return _compile(number_code(text, names))


def compile_condition(text: str, names: dict[str, int]) -> Condition:
    """Compile a condition to `f(v) -> bool`; raises ExprError on anything outside the language."""
    return _compile(condition_code(text, names))


def check_condition(text: str, names: dict[str, int]) -> None:
    """Check a condition as compile_condition does, without compiling it (fast whole-file checks)."""
    condition_code(text, names)


def parse_effect(text: str, names: dict[str, int]) -> tuple[int, str]:
    """Check one effect; return the target index and code for the change it makes."""
    return _effect_code(text, _key(names))


@lru_cache(maxsize=4096)
def _effect_code(text: str, names: Names) -> tuple[int, str]:
    # memoised: validation checks every effect, then compiling needs the same result
    tree = _parse(text, "exec")
    if len(tree.body) != 1:
        raise ExprError("one effect per line, e.g. 'tension += 10'")
    stmt = tree.body[0]
    checker = _Checker(names)
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, _AUG):
        target, value, op = stmt.target, stmt.value, stmt.op
    elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target, value, op = stmt.targets[0], stmt.value, None
    else:
        hint = ""
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Compare) and len(stmt.value.ops) == 1 \
                and isinstance(stmt.value.ops[0], ast.Eq) and isinstance(stmt.value.left, ast.Name):
            hint = f" ('==' compares; did you mean '{_demangle(stmt.value.left.id)} = ...'?)"
        raise ExprError("an effect changes one variable: 'x += n', 'x -= n', 'x *= n', 'x /= n' or 'x = n'" + hint)
    if not isinstance(target, ast.Name):
        raise checker.error(target, "the left side of an effect must be a variable name")
    index = checker.index(target)
    if index >= names[TURN]:
        raise checker.error(target, f"'{_demangle(target.id)}' is read-only: effects change variables only")
    if isinstance(op, ast.Div) and not checker.nonzero_constant(value):
        raise checker.error(value, "divide only by a non-zero number, e.g. 'x /= 2'")
    rhs = checker.number(value)
    current = f"v[{index}]"
    if op is None:
        delta = f"({rhs} - {current})"
    elif isinstance(op, ast.Add):
        delta = rhs
    elif isinstance(op, ast.Sub):
        delta = f"(-{rhs})"
    else:
        delta = f"({current} {_ARITH[type(op)]} {rhs} - {current})"
    return index, delta


def conditional_parts(item) -> tuple | None:
    """(condition, then-list, else-list) of a conditional effect (a mapping or a schema model), else None."""
    if isinstance(item, str):
        return None
    if isinstance(item, dict):
        return item.get("if"), item.get("then") or [], item.get("else") or []
    return item.if_, item.then, item.else_


def _parse_effects(items: Sequence, names: dict[str, int]) -> list[tuple[int, str]]:
    """(target index, code of the change) for each effect; a conditional's changes are guarded by
    its condition, read from the same state as every other change (so effects stay simultaneous)."""
    parts = []
    for i, item in enumerate(items):
        try:
            _effect_parts(item, names, (), parts)
        except ExprError as exc:
            exc.item = i
            raise
    return parts


def effect_parts(items: Sequence, names: dict[str, int]) -> list[tuple[int, str]]:
    """(target index, checked code of the change) per effect of a list, guards included: the
    one reading of an effect list, shared by every compiled form."""
    return _parse_effects(items, names)


def _effect_parts(item, names: dict[str, int], guard: tuple[str, ...], out: list) -> None:
    branches = conditional_parts(item)
    if branches is None:
        index, delta = parse_effect(item, names)
        # the guards of nested conditionals joined flat: nesting them would add a parenthesis
        # per level and push deep expressions past Python's parser limit
        out.append((index, f"({delta} if ({' and '.join(guard)}) else 0.0)" if guard else delta))
        return
    condition, then, else_ = branches
    code = condition_code(condition, names)
    for effects, holds in ((then, code), (else_, f"(not {code})")):
        inner = (*guard, holds)
        for effect in effects:
            _effect_parts(effect, names, inner, out)


def compile_effects(texts: Sequence, names: dict[str, int], lo: Sequence[float] | None = None,
                    hi: Sequence[float] | None = None) -> CompiledEffects:
    """Compile an effect list (with `lo`/`hi`, also its one-call form `apply_now`).

    Raises ExprError for the first bad effect, with `.item` set to its index in the list.
    """
    parts = _parse_effects(texts, names)
    if not parts:
        return CompiledEffects(apply=_no_effects, targets=(), source=(), apply_now=_no_effects_now)
    # d[i] = d[i] + delta per effect, in list order: the deltas summed as they accumulate from 0.0
    targets = tuple(sorted({i for i, _ in parts}))
    now = None
    if lo is not None and hi is not None:
        # every change from the state before any of them; per target the deltas summed in list
        # order (as d accumulates them from 0.0), added to v and clamped exactly as the engine does
        by_target: dict[int, list[int]] = {}
        for k, (j, _) in enumerate(parts):
            by_target.setdefault(j, []).append(k)
        # a target's only change by a constant needs no temporary: reading no state, it cannot
        # see another target's new value (a constant 0 changes nothing: skipped, as the clamp would)
        constant = {ks[0]: _constant(parts[ks[0]][1]) for ks in by_target.values() if len(ks) == 1}
        steps = [f"t{k} = {delta}" for k, (_, delta) in enumerate(parts) if constant.get(k) is None]
        for i in targets:
            terms = by_target[i]
            low, high = repr(float(lo[i])), repr(float(hi[i]))
            value = constant.get(terms[0]) if len(terms) == 1 else None
            if value is not None:
                if value != 0.0:
                    steps.append(f"v[{i}] = {low} if (x := v[{i}] + {value!r}) < {low} else {high} if x > {high} "
                                 f"else x if x == x else v[{i}]")
                continue
            # summed one flat step at a time: `t0 + t1 + ...` nests deeper with every effect
            # on the same variable, and a few thousand of them broke Python's compiler
            steps.append(f"s = t{terms[0]}")
            steps.extend(f"s = s + t{k}" for k in terms[1:])
            steps.append(f"v[{i}] = {clamp_code(f'v[{i}]', 's', low, high)}")
        now = _compile_body(steps, "v")
    return CompiledEffects(apply=_compile_body([f"d[{i}] = d[{i}] + {delta}" for i, delta in parts], "v, d"),
                           targets=targets, source=tuple(texts), apply_now=now,
                           now_steps=tuple(steps) if now is not None else ())


def _constant(code: str) -> float | None:
    """The value of checked change code that is a plain number (`10.0`, `(-15.0)`), else None."""
    text = code[1:-1] if code.startswith("(") and code.endswith(")") else code
    try:
        value = float(text)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    return value if repr(value) == text or repr(-value) == text.removeprefix("-") else None


def clamp_code(old: str, delta: str, low: str, high: str) -> str:
    """Code for `old + delta` kept in [low, high]; a non-finite NaN result keeps `old` (the one
    rule the engine's own clamp follows too); a zero delta leaves `old` untouched."""
    return (f"({old} if (dx := {delta}) == 0.0 else {low} if (x := {old} + dx) < {low} "
            f"else {high} if x > {high} else x if x == x else {old})")


#: Variables up to which `compile_settle` writes one check per variable (past it, a loop over
#: the touched indices is cheaper than looking at every variable)
SETTLE_MAX = 64


def compile_settle(lo: Sequence[float], hi: Sequence[float], n: int) -> Callable[[list, list], None] | None:
    """`f(v, d)`: add the pending deltas `d` of variables 0..n-1 to `v`, clamped, and zero them:
    the engine's clamp (a zero delta is skipped, a NaN result keeps the old value), one inline
    check per variable instead of a loop. Equals the loop over the touched indices because `d`
    is zero everywhere else. None when there are too many variables or a bound is not finite."""
    if n > SETTLE_MAX or not all(-MAX_NUMBER <= float(b) <= MAX_NUMBER for b in (*lo[:n], *hi[:n])):
        return None
    if n == 0:
        return _no_effects
    steps = []
    for i in range(n):   # `if d[i]`: skips 0.0 and -0.0, as `== 0.0` does; a NaN delta goes on
        low, high = repr(float(lo[i])), repr(float(hi[i]))
        steps += [f"if d[{i}]:",
                  f"    x = v[{i}] + d[{i}]",
                  f"    v[{i}] = {low} if x < {low} else {high} if x > {high} else x if x == x else v[{i}]"]
    steps.append(f"d[0:{n}] = ZEROS")   # every delta back to 0.0 at once
    return _compile_body(steps, "v, d", {"ZEROS": (0.0,) * n})


def _no_effects_now(v: list) -> None:
    return None


def _no_effects(v: list, d: list) -> None:
    return None


# --- fused forms for the engine's hot path ------------------------------------------------------
# Every turn the engine asks which actions are open, which events may fire, whether the phase
# moves and whether the game ends. One function with the conditions inline (one call frame)
# is several times faster than one closure call per condition.

def _flags(conditions: Sequence[str | None], names: dict[str, int]) -> list[str]:
    return ["True" if text is None else text if isinstance(text, Code) else condition_code(text, names)
            for text in conditions]


def all_of(*codes: str | None) -> Code | None:
    """Checked code holding when every given code holds (None entries are left out; None if none)."""
    codes = [c for c in codes if c is not None]
    return None if not codes else Code(codes[0] if len(codes) == 1 else "(" + " and ".join(codes) + ")")


def compile_code(code: Code) -> Condition:
    """`f(v) -> bool` from code written by this module or `all_of`."""
    return _compile(code)


def compile_selector(conditions: Sequence[str | None], items: Sequence, names: dict[str, int]):
    """`f(v) -> tuple` of the `items` whose condition holds (None = always), in order."""
    if not items:
        return lambda v: ()
    code = f"tuple(compress(ITEMS, ({', '.join(_flags(conditions, names))},)))"
    return _compile(code, extra={"ITEMS": tuple(items), "tuple": tuple, "compress": compress})


def compile_chance_selector(entries: Sequence[tuple[int | None, str | None, float | None]], items: Sequence,
                            names: dict[str, int], keys: Sequence[int] | None = None):
    """`f(v, F, R) -> tuple` of the `items` that happen this turn, in order.

    Each entry is (once-flag index or None, condition or None, chance or None): an item happens
    when `F[index]` is unset, its condition holds and a draw `R()` falls below its chance.
    Draws are made only for items that got that far, one each, in order. With `keys` (one per
    entry) the draw is `R(key)`: keyed draws, which name what they are for, instead of a stream.
    """
    flags = _chance_flags(entries, names, keys)
    if not items:
        return lambda v, F, R: ()
    code = f"tuple(compress(ITEMS, ({', '.join(flags)},)))"
    return _compile(code, "v, F, R", {"ITEMS": tuple(items), "tuple": tuple, "compress": compress})


def _chance_flags(entries: Sequence[tuple[int | None, str | None, float | None]], names: dict[str, int],
                  keys: Sequence[int] | None = None) -> list[str]:
    """Per entry of a chance selector, its checked code: once-flag unset, condition, draw below chance."""
    flags = []
    for k, (once, condition, chance) in enumerate(entries):
        draw = "R()" if keys is None else f"R({int(keys[k])})"
        parts = ([f"not F[{int(once)}]"] if once is not None else []) + \
                ([condition_code(condition, names)] if condition is not None else []) + \
                ([f"{draw} < {float(chance)!r}"] if chance is not None else [])
        flags.append("(" + " and ".join(parts) + ")" if parts else "True")
    return flags


def compile_fire(entries: Sequence[tuple[int | None, str | None, float | None]], items: Sequence,
                 names: dict[str, int]):
    """`f(v, F, R) -> bool`: the chance selector's items that happen this turn (the same flags, in
    the same order, with the same draws), each marked in `F` at its `index` and its effects
    applied at once, in order, with the statements of its `effects.apply_now` written inline;
    true if any happened. The selector and a loop of apply_now calls in one function."""
    if not items:
        return lambda v, F, R: False
    flags = _chance_flags(entries, names)
    lines = [f"h{k} = {flag}" for k, flag in enumerate(flags)]
    for k, item in enumerate(items):
        lines += [f"if h{k}:", f"    F[{int(item.index)}] = 1"]
        lines += [f"    {step}" for step in item.effects.now_steps]
    lines.append("return " + " or ".join(f"h{k}" for k in range(len(items))))   # one flat `or`, any length
    return _compile_body(lines, "v, F, R")


def compile_first(conditions: Sequence[str | None], items: Sequence, names: dict[str, int], default=None):
    """`f(v)`: the first of `items` whose condition holds (None = always), else `default`.

    Written as one flat chain `ITEMS[0] if c0 else ITEMS[1] if c1 else ... DEFAULT` (no
    parentheses pile up); lists longer than _CHAIN become a loop over chains of that length,
    so any number of outcomes or transitions compiles.
    """
    flags = _flags(conditions, names)
    if len(flags) <= _CHAIN:
        code = " ".join(f"ITEMS[{k}] if {flag} else" for k, flag in enumerate(flags)) + " DEFAULT"
        return _compile(code, extra={"ITEMS": tuple(items), "DEFAULT": default})
    missing = object()
    chains = tuple(compile_first(conditions[k:k + _CHAIN], items[k:k + _CHAIN], names, missing)
                   for k in range(0, len(flags), _CHAIN))

    def first(v):
        for chain in chains:
            found = chain(v)
            if found is not missing:
                return found
        return default
    return first


# --- conditions as clauses, for goal progress (game.scenario.clauses) ---------------------------

def condition_tree(text: str) -> ast.AST:
    """The parsed body of a condition (dotted names still mangled; see `name_of`)."""
    return _parse(text, "eval").body


def effect_tree(text: str) -> ast.stmt:
    """The parsed statement of an effect (`x += 5`; dotted names still mangled, see `name_of`)."""
    return _parse(text, "exec").body[0]


def name_of(node: ast.AST) -> str | None:
    """The scenario name a Name node stands for (a variable, `turn` or a dotted fact), else None."""
    return _demangle(node.id) if isinstance(node, ast.Name) else None


def is_flag_fact(node: ast.AST) -> bool:
    """A yes/no fact (agreed/committed/breached/last) used as a condition by itself."""
    name = name_of(node)
    return name is not None and "." in name and name.split(".")[0] in FLAG_FACTS


def compile_number_node(node: ast.AST, names: dict[str, int]) -> Callable[[list], float]:
    """`f(v) -> float` for a numeric part of an already checked condition."""
    return _compile(_Checker(names).number(node))


def unparse(node: ast.AST) -> str:
    """The text of a node as an author would write it (dotted names restored)."""
    return _demangle_text(ast.unparse(node))


def _demangle_text(text: str) -> str:
    return _MANGLED.sub(lambda m: m.group(0).replace("Q", "."), text)

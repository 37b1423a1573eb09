"""Turn pydantic validation errors into `ScenarioIssue`s an author can act on.

Pydantic reports a `loc` tuple and a terse message; we map the tuple to the key path and its
`file:line:col` (missing keys point at the mapping that lacks them, unknown and invalid keys at
the key itself), and rewrite the message in the scenario's terms ("expected a number, found
'fifty'", "unknown key 'lable' (did you mean 'label'?)"), adding a hint when YAML guessed the
type of an unquoted value.
"""
from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Sequence

from pydantic import BaseModel, ValidationError

from game.scenario.errors import ScenarioIssue, format_path
from game.scenario.expr import shown as _cut, suggest
from game.scenario.schema import MAX_NUMBER, UNION_TAGS, Id, Scenario
from game.scenario.yaml_source import YamlDoc

ID_PATTERN: str = next(m.pattern for m in Id.__metadata__ if getattr(m, "pattern", None))
ID_RE = re.compile(ID_PATTERN)
_KEY = "[key]"
_NAME_RULE = "a name of lowercase letters, digits and _ starting with a letter"


def schema_issues(exc: ValidationError, doc: YamlDoc, model: type[BaseModel] = Scenario) -> list[ScenarioIssue]:
    """One issue per problem in `exc`; alternatives of one union value are merged into one."""
    found: dict[tuple, list] = {}  # (path, line, col) -> [expected list, found, hint, message]
    for err in exc.errors(include_url=False):
        # the tags of a tagged union (an effect: text or {if: ...}) are no keys of the file
        err = {**err, "loc": tuple(p for p in err["loc"] if p not in UNION_TAGS)}
        path, mark, key_error = _place(err, doc)
        where = (path, mark.line, mark.col)
        expected, shown, hint, message = _describe(err, doc, path, key_error, model)
        if where in found and expected and found[where][0]:
            found[where][0].append(expected)  # another branch of a union: "expected A or B"
            found[where][2] = found[where][2] or hint
            continue
        found.setdefault(where, [[expected] if expected else [], shown, hint, message])
    issues = []
    for (path, line, col), (expected, shown, hint, message) in found.items():
        if expected:
            message = f"expected {' or '.join(dict.fromkeys(expected))}, found {shown}{hint}"
        issues.append(ScenarioIssue(doc.filename, line, col, format_path(path), message))
    return issues


def _place(err: dict, doc: YamlDoc):
    """(key path shown, position, whether the error is about a mapping key)."""
    loc = tuple(err["loc"])
    if err["type"] == "missing":
        parent = loc[:-1]
        return parent, doc.key_mark(parent), False
    _, depth = doc.locate(loc)
    real, rest = loc[:depth], loc[depth:]
    if _KEY in rest:
        return real, doc.key_mark(real), True
    if err["type"] == "extra_forbidden":
        return real, doc.key_mark(real), False
    return real, doc.mark(real), False


def _describe(err: dict, doc: YamlDoc, path: tuple, key_error: bool, model: type[BaseModel]):
    """(expected phrase or None, found value as shown, hint, full message if no expected phrase)."""
    kind, ctx, value, loc = err["type"], err.get("ctx") or {}, err.get("input"), tuple(err["loc"])
    shown = _show(value)
    hint = "" if key_error else _yaml_hint(doc, path, value, kind)
    if kind == "missing":
        return None, shown, "", f"missing required key '{loc[-1]}'"
    if kind == "extra_forbidden":
        return None, shown, "", _unknown_key(loc, model, doc)
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN:
        name = re.sub(r"[^a-z0-9_]+", "_", str(value).lower()).strip("_")
        fix = f" (did you mean '{name}'?)" if ID_RE.match(name) and name != value else ""
        return _NAME_RULE, shown, fix, ""
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        if loc == ("format",):
            return None, shown, "", f"this file is in format {shown}; this version of Hotline reads format 1"
        close = suggest(value, options) if isinstance(value, str) else ""
        return ctx.get("expected", "one of the allowed values"), shown, close or hint, ""
    simple = {
        "string_type": "text", "int_type": "a whole number", "float_type": "a number",
        "bool_type": "true or false", "date_type": "a date like 2022-02-01",
        "dict_type": "a mapping (key: value lines)", "model_type": "a mapping (key: value lines)",
        "model_attributes_type": "a mapping (key: value lines)", "list_type": "a list (- item lines)",
        "int_parsing": "a whole number", "float_parsing": "a number",
    }
    if kind in ("float_type", "int_type") and isinstance(value, int) and not isinstance(value, bool):
        return f"a number between -{_num(MAX_NUMBER)} and {_num(MAX_NUMBER)}", shown, "", ""   # too big a float
    if kind in simple:
        return simple[kind], shown, hint, ""
    bounds = {"greater_than_equal": ("ge", ">="), "less_than_equal": ("le", "<="),
              "greater_than": ("gt", ">"), "less_than": ("lt", "<")}
    if kind in bounds:
        key, words = bounds[kind]
        if ctx.get(key) in (MAX_NUMBER, -MAX_NUMBER):
            return f"a number between -{_num(MAX_NUMBER)} and {_num(MAX_NUMBER)}", shown, "", ""
        return f"a number {words} {_num(ctx.get(key))}", shown, "", ""
    if kind == "string_too_short":
        return None, shown, "", "must not be empty"
    if kind == "string_too_long":
        return None, shown, "", f"text is too long ({len(value)} characters; the limit is {ctx.get('max_length')})"
    if kind == "too_short":
        return None, shown, "", (f"needs at least {ctx.get('min_length')} "
                                 f"entr{'y' if ctx.get('min_length') == 1 else 'ies'}, found {ctx.get('actual_length')}")
    if kind == "too_long":
        count = ctx.get("actual_length") or (len(value) if isinstance(value, (list, dict)) else None)
        found = f", found {count}" if count is not None else ""
        return None, shown, "", f"allows at most {ctx.get('max_length')} entries{found}"
    return None, shown, "", err["msg"]


def _unknown_key(loc: tuple, model: type[BaseModel], doc: YamlDoc) -> str:
    key = _cut(str(loc[-1]))
    owner = model_at(model, loc[:-1])
    if owner is None:
        return f"unknown key '{key}'"
    fields = [f.alias or name for name, f in owner.model_fields.items()]   # as written in the file
    node, depth = doc.locate(loc[:-1])
    present = node.kids if depth == len(loc) - 1 and isinstance(node.kids, dict) else {}
    close = suggest(str(key), [f for f in fields if f not in present]) or suggest(str(key), fields)
    if close:
        return f"unknown key '{key}'{close}"
    return f"unknown key '{key}'; allowed here: {', '.join(fields)}"


def model_at(model: type[BaseModel], path: Sequence) -> type[BaseModel] | None:
    """The model class that validates the mapping at `path`, following fields, lists and dicts."""
    current: object = model
    for part in path:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = next((f for name, f in current.model_fields.items() if (f.alias or name) == part), None) \
                if isinstance(part, str) else None
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) is list:
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(tp: object) -> object:
    """Strip Annotated and Optional/Union down to the structured member."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [typing.get_args(a)[0] if typing.get_origin(a) is typing.Annotated else a
                       for a in typing.get_args(tp) if a is not type(None)]
            structured = [a for a in members if typing.get_origin(a) in (list, dict)
                          or (isinstance(a, type) and issubclass(a, BaseModel))]
            tp = (structured or members)[0]
        else:
            return tp


def _yaml_hint(doc: YamlDoc, path: tuple, value: object, kind: str) -> str:
    """Explain YAML's guess when an unquoted value was read as another type, or quotes got in the way."""
    if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        node, depth = doc.locate(path)
        if depth == len(path) and "\n" not in doc.text[node.start:node.end].rstrip():
            return " (the ': ' in it makes YAML read a key: value pair; put the whole text in quotes)"
    raw = doc.source(path)
    if raw is None or (isinstance(value, (int, float)) and not -MAX_NUMBER <= value <= MAX_NUMBER):
        return ""   # a number out of range: the range is the news, not YAML's reading of it
    raw = _cut(raw)
    if doc.is_plain(path) and not isinstance(value, str) and kind in ("string_type", "literal_error",
                                                                      "string_pattern_mismatch"):
        return f" (YAML reads the unquoted {raw} as {_kind(value)}; put it in quotes if you mean text)"
    if isinstance(value, str) and not doc.is_plain(path) and kind in (
            "int_type", "float_type", "bool_type", "date_type"):
        return " (remove the quotes: quoted values are text)"
    return ""


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    if value is None:
        return "nothing (null)"
    return "a " + type(value).__name__


def _show(value: object) -> str:
    """A short rendering of a value as the author wrote it in YAML terms."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, (int, float)):
        return _num(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _num(value: object) -> str:
    if isinstance(value, int) and not -10**15 <= value <= 10**15:
        return f"a {len(str(abs(value)))}-digit number"   # never printed in full, never made a float
    if isinstance(value, float) and abs(value) >= 1e15:
        return f"{value:.0e}".replace("e+", "e") if value == float(f"{value:.0e}") else f"{value:g}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

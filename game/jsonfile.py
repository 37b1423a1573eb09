"""JSON files on disk: bounded, strict reads whose errors say clearly what is wrong, and atomic writes.

Reads accept only what our own writer produces: a regular file of at most MAX_JSON_BYTES, UTF-8,
finite numbers of sensible size (no NaN or Infinity, no 5,000-digit integers) nested at most
MAX_DEPTH deep. Anything else is a JsonFileError naming the file, never another exception.
"""
from __future__ import annotations

import json
import math
import os
from pathlib import Path

from game.errors import HotlineError
from game.files import FileProblem, read_limited, write_atomic

__all__ = ["JsonFileError", "MAX_DEPTH", "MAX_JSON_BYTES", "compact_encoder", "json_kind", "parse_json", "read_json",
           "write_atomic"]

#: the largest save or record read (the longest game, 1,000 turns with its full log, is about 3 MB)
MAX_JSON_BYTES = 32 * 1024 * 1024
#: deepest nesting read (our files nest about 8 deep)
MAX_DEPTH = 64
#: longest integer read, in digits (seeds are 128-bit: 39 digits)
MAX_INT_DIGITS = 60


def compact_encoder():
    """`encode(obj) -> str`: JSON with no spaces, as result lines are written. orjson (the `fast`
    extra) when installed: the same text as the standard library's for our lines, five times
    faster; a million-game run spends most of its writing time here."""
    try:
        import orjson
    except ImportError:
        return json.JSONEncoder(separators=(",", ":"), allow_nan=False, ensure_ascii=False).encode
    dumps, option = orjson.dumps, orjson.OPT_NON_STR_KEYS

    def encode(obj) -> str:
        return dumps(obj, option=option).decode()
    return encode


class JsonFileError(HotlineError, ValueError):
    """A file that is missing, unreadable, empty, truncated, too large or not usable JSON."""


class _BadNumber(ValueError):
    pass


def _parse_int(text: str) -> int:
    if len(text) > MAX_INT_DIGITS + 1:
        raise _BadNumber(f"an integer of {len(text.lstrip('-')):,} digits")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > 400:
        raise _BadNumber(f"a number written with {len(text):,} characters")
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(f"the number {text[:40]} (too large to be finite)")
    return value


def _parse_constant(text: str):
    raise _BadNumber(f"{text} (JSON has no such number)")


def _depth_ok(value, limit: int) -> bool:
    """Whether `value` nests at most `limit` containers deep (iterative: no recursion to exhaust)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return False
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return True


def parse_json(raw: bytes, name: str):
    """Parse JSON bytes strictly (see the module doc); JsonFileError names `name`."""
    if not raw.strip():
        raise JsonFileError(f"{name}: the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise JsonFileError(f"{name}: not a JSON file (not UTF-8 text)") from None
    try:
        data = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except _BadNumber as exc:
        raise JsonFileError(f"{name}: not usable JSON ({exc})") from None
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise JsonFileError(f"{name}: the file is truncated (the JSON ends early)") from None
        raise JsonFileError(f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise JsonFileError(f"{name}: not usable JSON (nested too deeply)") from None
    except ValueError as exc:   # anything else the parser refuses
        raise JsonFileError(f"{name}: not usable JSON ({str(exc)[:200]})") from None
    if not _depth_ok(data, MAX_DEPTH):
        raise JsonFileError(f"{name}: not usable JSON (nested more than {MAX_DEPTH} levels deep)")
    return data


def read_json(path: str | os.PathLike, limit: int = MAX_JSON_BYTES):
    """Parse a JSON file (a regular file of at most `limit` bytes); JsonFileError with a one-line reason."""
    path = Path(path)
    try:
        raw = read_limited(path, limit)
    except FileProblem as exc:
        raise JsonFileError(str(exc)) from None
    return parse_json(raw, str(path))


def json_kind(value) -> str:
    """'an array', 'a string', ... for messages about what a file holds instead of what it should."""
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "true/false", type(None): "null"}
    return kinds.get(type(value), "a number")

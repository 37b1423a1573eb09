"""Text about untrusted objects (a plugin's exception, a name from a file) that can never fail or flood.

`safe_str` calls str() (or repr()) on anything and survives whatever it does: raise, return a
non-string, return 50 MB. `printable` escapes control and format characters, so a name or
message cannot forge output lines or terminal escapes. Both cut the text to a limit.
"""
from __future__ import annotations

import unicodedata

#: the default length of a message about an agent (a fault, a name)
LIMIT = 300


def clip(text: str, limit: int = LIMIT) -> str:
    """`text` cut to `limit` characters, saying how much was cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def printable(text: str, limit: int = LIMIT) -> str:
    """`text` with control/format characters escaped (\\n, \\x1b, \\u202e ...), then clipped."""
    text = clip(text, limit)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def _escape(c: str) -> str:
    if unicodedata.category(c) in ("Zs",):
        return c
    return c.encode("unicode_escape").decode("ascii") if ord(c) < 0x10000 else f"\\U{ord(c):08x}"


def safe_str(obj, limit: int = LIMIT, *, use_repr: bool = False) -> str:
    """str(obj) (or repr), escaped and clipped; a fallback naming the type when that fails."""
    try:
        text = repr(obj) if use_repr else str(obj)
        if type(text) is not str:
            raise TypeError("not a str")
        return printable(text, limit)
    except KeyboardInterrupt:
        raise
    except BaseException:   # noqa: BLE001 - whatever the object does, describing it must not fail
        return f"<{type_name(obj)} that cannot be shown>"


def type_name(obj) -> str:
    """The name of obj's class, read without running any code the class defines."""
    try:
        name = type.__dict__["__name__"].__get__(type(obj))
        return printable(name if type(name) is str else "object", 80)
    except BaseException:   # noqa: BLE001
        return "object"


def safe_getattr(obj, name: str, default):
    """An attribute of an untrusted object; `default` if reading it fails (a property may raise)."""
    if obj is None:
        return default
    try:
        return getattr(obj, name, default)
    except KeyboardInterrupt:
        raise
    except BaseException:   # noqa: BLE001
        return default

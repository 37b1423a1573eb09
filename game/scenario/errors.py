"""Errors found in a scenario file, each tied to `file:line:col` and a key path.

A scenario is validated completely before use, so one `ScenarioError` carries every issue of
a file at once and authors can fix them all in one go.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from game.errors import HotlineError

KeyPath = tuple  # ("actions", "moscow", 3, "effects", 0): keys are str, list indices int


@dataclass(frozen=True, order=True)
class ScenarioIssue:
    """One problem in a scenario file; line and col are 1-based."""

    file: str
    line: int
    col: int
    path: str
    message: str

    def __post_init__(self) -> None:
        # Names and keys in a message come from the file: a newline or terminal escape in one
        # must not print as a forged line (`/etc/x.yaml:1:1: fake error`) or repaint the screen.
        for name in ("file", "path", "message"):
            object.__setattr__(self, name, escape_controls(getattr(self, name)))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


#: Format characters that reorder or hide text on screen (bidirectional overrides and isolates).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_controls(text: str) -> str:
    """`text` with every control, line-separator and bidi character written as an escape (`\\n`,
    `\\x1b`, `\\u202e`), so one issue always prints as exactly one plain line."""
    text = str(text)
    if text.isprintable():   # the common case, checked in C: nothing to escape
        return text
    out = []
    for ch in text:
        if ch in _NAMED:
            out.append(_NAMED[ch])
        elif ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


class ScenarioError(HotlineError):
    """A scenario file that cannot be used; `issues` lists every problem, sorted by position."""

    def __init__(self, issues: Iterable[ScenarioIssue]):
        unique = {(i.line, i.col, i.path, i.message): i for i in issues}
        self.issues: list[ScenarioIssue] = sorted(unique.values(), key=lambda i: (i.line, i.col, i.path))
        if not self.issues:
            raise ValueError("ScenarioError needs at least one issue")
        super().__init__(str(self))

    @property
    def file(self) -> str:
        return self.issues[0].file

    def __str__(self) -> str:
        n = len(self.issues)
        head = f"{self.file}: {n} error{'s' if n != 1 else ''} in scenario"
        return "\n".join([head, *(str(i) for i in self.issues)])


def format_path(path: Iterable) -> str:
    """`("actions", "moscow", 3, "effects", 0)` -> `actions.moscow[3].effects[0]`."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out.append(f"[{part}]")
        elif isinstance(part, str) and part.isidentifier():
            out.append(f".{part}" if out else part)
        else:
            out.append(f"[{str(part)!r}]")
    return "".join(out)

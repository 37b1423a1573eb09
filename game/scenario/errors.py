"""Errors found in a scenario file, each tied to `file:line:col` and a key path.

A scenario is validated completely before use, so one `ScenarioError` carries every issue of
a file at once and authors can fix them all in one go.
"""
from __future__ import annotations

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

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


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

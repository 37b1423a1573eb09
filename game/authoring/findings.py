"""A lint finding: where (file:line:col and key path), how bad, what, what to do, and how it was found."""
from __future__ import annotations

from dataclasses import asdict, dataclass

SEVERITIES = ("error", "warning", "note")
STATIC, PLAYOUTS = "static", "playouts"


@dataclass(frozen=True, order=True)
class Finding:
    """One finding of `lint`; line and col are 1-based.

    `method` says how it was decided: "static" (proved from the file: ranges, conditions and
    the phase graph) or "playouts" (seen, or never seen, in seeded games between computer players).
    """

    file: str
    line: int
    col: int
    path: str
    severity: str
    code: str
    message: str
    hint: str = ""
    method: str = STATIC

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        path = f" {self.path}:" if self.path else ""
        head = f"{where}: {self.severity}:{path} {self.message} [{self.code}, {self.method}]"
        return f"{head}\n    hint: {self.hint}" if self.hint else head

    def to_json(self) -> dict:
        return asdict(self)


def counts(findings) -> dict[str, int]:
    out = {s: 0 for s in SEVERITIES}
    for f in findings:
        out[f.severity] += 1
    return out


def summary(findings) -> str:
    """`2 errors, 1 warning, 0 notes`."""
    c = counts(findings)
    return ", ".join(f"{n} {s}{'' if n == 1 else 's'}" for s, n in c.items())

"""Live reload for scenario authors: watch one scenario file, re-validate it when it changes, and
keep the last version that compiled. No UI, no threads, no clock: a front end calls `poll()` now
and then (the window every half second, the terminal before each turn) and acts on what it gets.

A change is noticed by the file's content (a SHA-256 of its bytes), read only when its modification
time or size moved, or at every `recheck`-th poll regardless (an editor that saves twice within one
tick of a coarse clock, with the same size, is still seen).
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from game.scenario.errors import ScenarioError, ScenarioIssue


@dataclass(frozen=True)
class Reloaded:
    """The file changed and is valid: `scenario` is its new compiled version."""

    scenario: object


@dataclass(frozen=True)
class Broken:
    """The file changed and is not valid: `issues` say where (file:line:col, key path); the last good
    version (if any) stays in `ScenarioWatch.good`."""

    issues: list[ScenarioIssue] = field(default_factory=list)


def _load(path: Path):
    from game.scenario.load import load_scenario

    return load_scenario(path)


class ScenarioWatch:
    """The watched file, its last good compiled scenario (`good`) and its current errors (`issues`)."""

    def __init__(self, path, *, load=_load, recheck: int = 4):
        self.path = Path(path)
        self._load = load
        self.recheck = max(1, recheck)
        self.good = None
        self.issues: list[ScenarioIssue] = []
        self._stat: tuple | None = None
        self._digest: bytes | None = None
        self._polls = 0
        self.reloads = 0              # valid versions taken after the first

    def start(self):
        """Load the file for the first time: Reloaded or Broken (then `good` is None)."""
        return self._check(force=True)

    @property
    def broken(self) -> bool:
        return bool(self.issues)

    def poll(self):
        """None when nothing changed; else Reloaded(scenario) or Broken(issues)."""
        self._polls += 1
        return self._check(force=self._polls % self.recheck == 0, quick=True)

    def _check(self, force: bool, quick: bool = False):
        try:
            st = os.stat(self.path)
            stat = (st.st_mtime_ns, st.st_size)
        except OSError:
            stat = None
        if quick and not force and stat == self._stat:
            return None
        self._stat = stat
        try:
            data = self.path.read_bytes()
        except OSError as exc:   # deleted or renamed (an editor's save in progress): wait for it
            digest = b"missing"
            if digest == self._digest:
                return None
            self._digest = digest
            return self._fail([ScenarioIssue(str(self.path), 1, 1, "", f"cannot read the file: "
                                             f"{exc.strerror or exc}")])
        digest = hashlib.sha256(data).digest()
        if digest == self._digest and not (force and self._digest is None):
            return None
        self._digest = digest
        try:
            scenario = self._load(self.path)
        except ScenarioError as exc:
            return self._fail(exc.issues)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            return self._fail([ScenarioIssue(str(self.path), 1, 1, "", str(exc).strip().splitlines()[0]
                                             if str(exc).strip() else type(exc).__name__)])
        if self.good is not None:
            self.reloads += 1
        self.good, self.issues = scenario, []
        return Reloaded(scenario)

    def _fail(self, issues) -> Broken:
        self.issues = list(issues)
        return Broken(self.issues)


def moves_of(game, sides, scenario) -> list[dict[int, tuple[str, dict | None]]]:
    """Per turn played: the moves of `sides` (indices) as ids, to play again on a new version."""
    return [{side: (choices[side].action.id, choices[side].message.to_json(scenario)) for side in sides}
            for choices in game.choices]


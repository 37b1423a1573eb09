"""A run's results file: one JSON line per finished game, appended and flushed as games finish,
and beside it `<file>.run.json`, the run's description, so that the same command resumes the run
and a different one is refused instead of mixing two runs in one file.

The lines load with `pandas.read_json(path, lines=True)`. A line cut short by a crash (the
last one, without its newline) is dropped when the run resumes; that game is played again.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from game.batch.errors import BatchError, RunMismatch
from game.batch.player import GameStats, stats_from_line
from game.batch.spec import RunSpec
from game.jsonfile import JsonFileError, read_json, write_atomic


def sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".run.json")


class ResultsFile:
    """Open (or create) a run's results file for appending; `done` holds the finished game ids."""

    def __init__(self, path: str | os.PathLike, spec: RunSpec, games: int, on_stats=None):
        """Reads what is there, calling `on_stats(GameStats)` for each finished game with id < games."""
        self.path = Path(path)
        self.spec = spec
        self.done: set[int] = set()
        self.dropped_partial = False
        self._check_run()
        self._scan(games, on_stats)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(sidecar(self.path), json.dumps({**spec.to_json(), "games": games}, indent=1) + "\n")
        self._file = open(self.path, "a", encoding="utf-8", newline="\n")

    def _check_run(self) -> None:
        meta = sidecar(self.path)
        if self.path.is_dir():
            raise BatchError(f"{self.path}: is a folder; --out needs a file name such as results.jsonl")
        if not meta.exists():
            if self.path.exists() and self.path.stat().st_size > 0:
                raise RunMismatch(f"{self.path} already holds data but has no run description ({meta.name}), "
                                  f"so it cannot be resumed safely; use another --out or delete the file")
            return
        try:
            theirs = RunSpec.from_json(read_json(meta))
        except (JsonFileError, ValueError) as exc:
            raise RunMismatch(f"{meta}: {exc}; use another --out, or delete {self.path.name} and {meta.name}") from None
        diffs = self.spec.differences(theirs)
        if diffs:
            raise RunMismatch(f"{self.path} holds another run ({'; '.join(diffs)}): use another --out, or delete "
                              f"{self.path.name} and {meta.name} to start again")

    def _scan(self, games: int, on_stats) -> None:
        if not self.path.exists():
            return
        sides = self.spec.sides
        run_id = self.spec.run_id
        good_end = 0
        with open(self.path, "rb") as f:     # line by line: a long run's file never sits in memory whole
            for number, raw in enumerate(f, 1):
                if not raw.endswith(b"\n"):    # cut short mid-line by a crash: dropped below
                    self.dropped_partial = True
                    break
                good_end += len(raw)
                if not raw.strip():
                    continue
                try:
                    line = json.loads(raw)
                    if not isinstance(line, dict):
                        raise ValueError("not a JSON object")
                    if line.get("run") != run_id:
                        raise ValueError(f"it belongs to run {line.get('run')!r}, not {run_id}")
                    stats: GameStats = stats_from_line(line, sides)
                except ValueError as exc:   # json.JSONDecodeError is a ValueError
                    raise BatchError(f"{self.path}:{number}: not a result line of this run ({exc}); "
                                     f"use another --out or repair the file") from None
                if stats.game in self.done:
                    continue
                self.done.add(stats.game)
                if stats.game < games and on_stats is not None:
                    on_stats(stats)
        if self.dropped_partial:
            with open(self.path, "r+b") as f:
                f.truncate(good_end)

    def append(self, text: str) -> None:
        """Append finished games' lines and flush them to the operating system at once."""
        self._file.write(text)
        self._file.flush()

    def close(self) -> None:
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

"""The scenarios a class can pick from: every file in `scenarios/`, loaded once; a file that does
not load is listed with its first error instead of stopping the game. No pygame here."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Entry:
    path: Path
    scenario: object | None = None       # the compiled scenario, when it loaded
    problem: str | None = None           # the first error, when it did not

    @property
    def ok(self) -> bool:
        return self.scenario is not None

    @property
    def key(self) -> str:
        """The entry's identity in a list: its file's resolved path (two folders may each hold a
        file of the same name, e.g. a copy of a bundled scenario opened with --scenario PATH)."""
        return str(self.path.resolve())


def shown_path(path: Path) -> str:
    """A path as a person recognises it: below the current folder, below home (~), or in full."""
    path = Path(path).resolve()
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return prefix + path.relative_to(base.resolve()).as_posix()
        except (ValueError, OSError):
            continue
    return str(path)


def file_labels(entries: list[Entry]) -> dict[str, str]:
    """What tells each entry's file apart, by entry key: its name, or its path when another entry's
    file has the same name."""
    names = [e.path.name for e in entries]
    return {e.key: e.path.name if names.count(e.path.name) == 1 else shown_path(e.path) for e in entries}


def first_error(exc: Exception) -> str:
    issues = getattr(exc, "issues", None)
    if issues:
        return str(issues[0])
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def load_entry(path: Path) -> Entry:
    from game.scenario.errors import ScenarioError
    from game.scenario.load import load_scenario

    try:
        return Entry(path, scenario=load_scenario(path))
    except ScenarioError as exc:
        return Entry(path, problem=first_error(exc))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return Entry(path, problem=f"{path.name}: {first_error(exc)}")


def catalogue(folder: Path | None = None) -> list[Entry]:
    """Every scenario file of `folder` (by default the bundled ones, then the user's own folder's:
    game.scenario.load.available_scenarios), valid ones first, the default scenario first of all."""
    from game.scenario.load import DEFAULT_SCENARIO, available_scenarios

    if folder:
        paths = sorted(list(Path(folder).glob("*.yaml")) + list(Path(folder).glob("*.yml")))
    else:
        paths = available_scenarios()
    entries = [load_entry(p) for p in paths]
    return sorted(entries, key=lambda e: (not e.ok, e.path.stem != DEFAULT_SCENARIO))


def pinned(entries: list[Entry], path, entry: Entry | None = None) -> list[Entry]:
    """The file at `path` first (`entry`, by default the file loaded now: valid or with its first
    error), then the other entries, without any earlier entry of that file."""
    if path is None:
        return entries
    path = Path(path)
    first = entry if entry is not None else load_entry(path)
    return [first, *(e for e in entries if e.path.resolve() != path.resolve())]

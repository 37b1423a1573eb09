"""What live reload (`--watch`) tells the author, in the same words in the terminal and the window.

Reloading a game in progress starts it again on the new version, with the same seed and the same
players at the same sides: a scenario's rules may have changed under any turn already played, so
the turns so far cannot be kept, but the same seed makes the new game as comparable as it can be.
"""
from __future__ import annotations

def _name(path) -> str:
    """The file's name without its folders (the full path is in every issue line)."""
    return str(path).replace("\\", "/").rsplit("/", 1)[-1]


STRINGS = {
    "watching": "Watching {file}: save it and the game reloads (an invalid version shows its errors and the "
                "last good one keeps running).",
    "reloaded": "Reloaded {file}.",
    "restarted": "Reloaded {file}: the game started again on the new version (same seed {seed}, same sides).",
    "broken": "{file}: {count} error{s} — the last good version keeps running; fix the file and save it.",
    "broken_none": "{file}: {count} error{s} — nothing to play until the file is valid; fix it and save it.",
    "more": "… and {count} more.",
    "errors_title": "The scenario file has errors",
    "keep_playing": "Keep playing the last good version",
    "close": "Close",
}


def reloaded_line(path, seed: int | None = None) -> str:
    """One line for a valid new version; with `seed`, a game in progress restarted on it."""
    file = _name(path)
    return STRINGS["reloaded"].format(file=file) if seed is None else STRINGS["restarted"].format(file=file, seed=seed)


def watching_line(path) -> str:
    return STRINGS["watching"].format(file=_name(path))


def broken_lines(path, issues, *, running: bool, limit: int = 12) -> list[str]:
    """A heading and one line per issue (file:line:col: key: message), at most `limit` of them."""
    n = len(issues)
    key = "broken" if running else "broken_none"
    lines = [STRINGS[key].format(file=_name(path), count=n, s="s" if n != 1 else "")]
    lines += [str(issue) for issue in issues[:limit]]
    if n > limit:
        lines.append(STRINGS["more"].format(count=n - limit))
    return lines

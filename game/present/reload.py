"""What live reload (`--watch`) tells the author, in the same words in the terminal and the window.

Reloading a game in progress plays it again on the new version with the same seed and the same
players at the same sides. The window also plays the people's moves of the turns so far again, as
long as each is still open (the computer players choose afresh, so the game may take another
course), and goes on from there; so does the terminal, printing the turns as they are played again.
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
    "replayed": "Reloaded {file}: {span} played again on the new version with your moves (same seed {seed}); "
                "go on from here.",
    "replay_stopped": "Reloaded {file}: played again on the new version up to turn {turn} (same seed {seed}, your "
                      "moves); your move of turn {next} is not open any more: choose again.",
    "replay_over": "Reloaded {file}: played again with your moves (same seed {seed}), the new version ends the "
                   "game at turn {turn}.",
    "broken": "{file}: {count} error{s} — the last good version keeps running; fix the file and save it.",
    "broken_none": "{file}: {count} error{s} — nothing to play until the file is valid; fix it and save it.",
    "more": "… and {count} more.",
    "replaying": "(Your moves of the {turns} so far are played again while the new version still offers them.)",
    "errors_title": "The scenario file has errors",
    "keep_playing": "Keep playing the last good version",
    "close": "Close",
}


def reloaded_line(path, seed: int | None = None, *, replayed: int = 0, wanted: int = 0, over: bool = False) -> str:
    """One line for a valid new version; with `seed`, a game in progress played again on it: the
    first `replayed` of the `wanted` turns played so far (their moves still open)."""
    file = _name(path)
    if seed is None:
        return STRINGS["reloaded"].format(file=file)
    if over and replayed:
        return STRINGS["replay_over"].format(file=file, seed=seed, turn=replayed)
    if replayed < wanted:
        if not replayed:
            return STRINGS["restarted"].format(file=file, seed=seed)
        return STRINGS["replay_stopped"].format(file=file, seed=seed, turn=replayed, next=replayed + 1)
    if replayed:
        span = "turn 1" if replayed == 1 else f"turns 1–{replayed}"
        return STRINGS["replayed"].format(file=file, seed=seed, span=span)
    return STRINGS["restarted"].format(file=file, seed=seed)


def replaying_line(turns: int) -> str:
    return STRINGS["replaying"].format(turns="turn" if turns == 1 else f"{turns} turns")


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

"""JSON files on disk: atomic writes, and reads whose errors say clearly what is wrong with the file."""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from game.errors import HotlineError


class JsonFileError(HotlineError, ValueError):
    """A file that is missing, unreadable, empty, truncated or not JSON; the message names it."""


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write `text` to `path` so that a crash at any moment leaves either the old file or the new one.

    The text goes to a temporary file in the same folder, is flushed and fsynced, then renamed
    over the target with os.replace (atomic on POSIX and Windows)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):   # mkstemp makes it private; give it the usual permissions
            os.fchmod(fd, _file_mode(path))
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if os.name == "posix":   # make the rename itself durable
        with contextlib.suppress(OSError):
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def _file_mode(path: Path) -> int:
    """The existing file's permissions, else what a plain open() would give (0o666 minus umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def read_json(path: str | os.PathLike):
    """Parse a JSON file; JsonFileError with a one-line reason naming the file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise JsonFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise JsonFileError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise JsonFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise JsonFileError(f"{path}: the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise JsonFileError(f"{path}: not a JSON file (not UTF-8 text)") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise JsonFileError(f"{path}: the file is truncated (the JSON ends early)") from None
        raise JsonFileError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise JsonFileError(f"{path}: not usable JSON (nested too deeply)") from None


def json_kind(value) -> str:
    """'an array', 'a string', ... for messages about what a file holds instead of what it should."""
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "true/false", type(None): "null"}
    return kinds.get(type(value), "a number")

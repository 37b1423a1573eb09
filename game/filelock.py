"""One writer per save: an advisory lock held for as long as a game writes a file.

A game that saves to a file first takes its lock, a small file `.hotline-lock-<hash>` beside it
(hashed, so any save name fits). The operating system releases the lock when the process ends,
however it ends (kill -9 included), so a lock is never stale while held; the lock file itself
is removed on release, and one left by a killed process is removed by `clean_stale_locks`.
A second game asking for the same file is refused at once, before it plays a turn.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

LOCK_PREFIX = ".hotline-lock-"

if os.name == "posix":
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
else:   # Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


class LockedError(OSError):
    """The file is being written by another running game."""


def lock_path(target: str | os.PathLike) -> Path:
    target = Path(target)
    try:
        key = str(target.resolve())
    except OSError:
        key = os.path.abspath(target)
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return target.parent / f"{LOCK_PREFIX}{digest}"


def _same_file(fd: int, path: Path) -> bool:
    """Whether the open lock file is still the one at `path` (a cleaner may have removed it)."""
    try:
        a, b = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


class FileLock:
    """The exclusive right to write `target` while this game runs; `acquire` or refuse."""

    def __init__(self, target: str | os.PathLike):
        self.target = Path(target)
        self.path = lock_path(target)
        self.fd: int | None = None

    def acquire(self) -> "FileLock":
        """Take the lock, or raise LockedError (another game holds it) or OSError (cannot make it)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(20):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
            if not _try_lock(fd):
                holder = _read_pid(fd)
                os.close(fd)
                who = f" (process {holder})" if holder else ""
                raise LockedError(f"{self.target}: another Hotline game is saving to this file{who}; "
                                  f"use another save name or wait until that game ends")
            if _same_file(fd, self.path):
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
                    os.lseek(fd, 0, os.SEEK_SET)
                    os.write(fd, f"{os.getpid()}\n".encode())
                self.fd = fd
                return self
            _unlock(fd)   # the file was removed between our open and our lock: try again
            os.close(fd)
        raise LockedError(f"{self.target}: cannot lock the file (it keeps changing)")

    def release(self) -> None:
        fd, self.fd = self.fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            if _same_file(fd, self.path):
                os.unlink(self.path)   # while still held: a waiter re-checks and retries
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    def __enter__(self) -> "FileLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() and len(text) < 12 else None


def clean_stale_locks(folder: str | os.PathLike) -> list[Path]:
    """Remove lock files in `folder` that no running game holds (left by a killed one). Never raises."""
    removed = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(LOCK_PREFIX)]
    except OSError:
        return removed
    for entry in entries:
        path = Path(entry.path)
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except OSError:
            continue
        try:
            if _try_lock(fd):
                try:
                    if _same_file(fd, path):
                        os.unlink(path)
                        removed.append(path)
                finally:
                    _unlock(fd)
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed

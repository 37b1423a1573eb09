"""Files we read and write on the user's behalf, safely: regular files only, bounded reads, atomic writes.

Hostile or careless paths (a FIFO, a symlink to /dev/zero, a device node, a folder, a name like
`x/`) are refused with a one-line `FileProblem` instead of hanging, reading without end or
replacing the special file. Writes go to a short temporary name of our own in the same folder,
then are renamed over the target, so a crash at any moment (even kill -9) leaves the old file or
the new one; temporary files of writers that died are removed by `clean_stale_temps`.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import stat
import time
from pathlib import Path

#: our temporary files: `.hotline-<pid>-<random>.tmp` (short, so any target name fits beside it)
TEMP_PREFIX = ".hotline-"
TEMP_SUFFIX = ".tmp"
#: a temporary file this old is stale even if a process with its pid exists (the pid was reused)
STALE_AFTER_S = 6 * 3600
_OPEN_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


class FileProblem(OSError):
    """A path that cannot be read or written as asked; the message names it and says why."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_limited(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileProblem otherwise.

    The path is checked before it is opened (opening some devices has effects) and again on the
    open descriptor; the open never blocks (a FIFO without a writer) and the read stops at
    `limit` + 1 bytes whatever the file claims its size is."""
    shown = os.fspath(path)
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise FileProblem(f"{shown}: is {_kind(mode)}, not a file" if stat.S_ISDIR(mode)
                              else f"{shown}: is {_kind(mode)}, not a regular file; refusing to read it")
        fd = os.open(path, _OPEN_READ)
    except FileNotFoundError:
        raise FileProblem(f"{shown}: no such file") from None
    except FileProblem:
        raise
    except OSError as exc:
        raise FileProblem(f"{shown}: cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(f"{shown}: is {_kind(info.st_mode)}, not a regular file; refusing to read it")
        if info.st_size > limit:
            raise FileProblem(f"{shown}: the file is too large ({info.st_size:,} bytes; the limit is {limit:,})")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except FileProblem:
        raise
    except OSError as exc:
        raise FileProblem(f"{shown}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if total > limit:
        raise FileProblem(f"{shown}: the file is too large (more than {limit:,} bytes)")
    return b"".join(chunks)


def check_target(path: str | os.PathLike) -> Path:
    """The path to write, if it may be written: a new name or an existing regular file.

    Refused: an empty name, a name ending in a separator, `.` or `..`, a folder, a symbolic
    link, a device, pipe or socket (an atomic rename would replace the node itself), a file
    name longer than the system allows."""
    text = os.fspath(path)
    if not text.strip():
        raise FileProblem("no file name given")
    if text.endswith(("/", os.sep)) or (os.altsep and text.endswith(os.altsep)):
        raise FileProblem(f"{text}: names a folder; give a file name")
    p = Path(text)
    if os.path.basename(text) in ("", ".", ".."):   # raw: Path("x/.") would read as "x"
        raise FileProblem(f"{text}: names a folder; give a file name")
    if "\0" in text:
        raise FileProblem(f"{text!r}: a file name cannot contain a NUL character")
    try:
        info = os.lstat(p)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        if exc.errno is not None and exc.strerror and "too long" in exc.strerror:
            raise FileProblem(f"{text}: the file name is too long") from None
        raise FileProblem(f"{text}: {exc.strerror or exc}") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise FileProblem(f"{text}: is a symbolic link; give the path of a regular file")
        if not stat.S_ISREG(info.st_mode):
            what = _kind(info.st_mode)
            raise FileProblem(f"{text}: is {what}, not a file; refusing to write over it")
    limit = _name_max(p.parent)
    if limit and len(os.fsencode(p.name)) > limit:
        raise FileProblem(f"{text}: the file name is too long (at most {limit} bytes here)")
    return p


def _name_max(folder: Path) -> int | None:
    for candidate in (folder, *folder.parents):
        try:
            return os.pathconf(candidate, "PC_NAME_MAX")
        except (OSError, ValueError, AttributeError):
            continue
    return 255


def temp_name() -> str:
    return f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write `text` to `path` so that a crash at any moment leaves either the old file or the new one.

    The text goes to a temporary file in the same folder, is flushed and fsynced, then renamed
    over the target (atomic on POSIX and Windows). The target must pass `check_target`."""
    path = check_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    mode = _file_mode(path)
    for _ in range(100):
        tmp = path.parent / temp_name()
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
            break
        except FileExistsError:
            continue
    else:
        raise FileProblem(f"{path}: cannot make a temporary file beside it")
    try:
        with os.fdopen(fd, "wb") as f:
            if hasattr(os, "fchmod"):   # O_CREAT applies the umask; keep the target's permissions
                os.fchmod(f.fileno(), mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        check_target(path)   # a special file put there meanwhile is not replaced either
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


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return False   # no cheap check: rely on the age rule (and never on Windows a held file)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:   # EPERM: it exists, as another user
        return True
    return True


def clean_stale_temps(folder: str | os.PathLike) -> list[Path]:
    """Remove our temporary files in `folder` left by writers that died (kill -9, power cut).

    Only names of our own pattern are touched, and only when their process is gone or they are
    older than STALE_AFTER_S; returns what was removed. Never raises."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
            continue
        pid_text = name[len(TEMP_PREFIX):-len(TEMP_SUFFIX)].split("-", 1)[0]
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            stale = (not pid_text.isdigit() or not _alive(int(pid_text))
                     or now - info.st_mtime > STALE_AFTER_S)
            if stale:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed

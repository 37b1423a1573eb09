"""Stopping signals as exceptions, so closing the terminal or `kill` saves the game like Ctrl-C.

SIGTERM (kill, logout, a shutting-down system) and SIGHUP (the terminal window closed) raise
`Terminated`, a KeyboardInterrupt, in the main thread: every path that saves on Ctrl-C saves on
these too. While a save is being written, further signals wait until it is done (`deferred`).
"""
from __future__ import annotations

import contextlib
import signal
import threading

#: signals that stop a game, by name (those this platform has)
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(KeyboardInterrupt):
    """The process was asked to stop by a signal; `exit_code` is 128 + its number."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.exit_code = 128 + signum


_state = {"deferring": 0, "pending": None}


def _handler(signum, frame):
    if _state["deferring"]:
        _state["pending"] = signum
        return
    raise Terminated(signum)


def install() -> None:
    """Make SIGTERM and SIGHUP raise Terminated (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in STOP_SIGNALS:
        with contextlib.suppress(OSError, ValueError):
            if signal.getsignal(signum) is not signal.SIG_IGN:   # nohup: stay ignored
                signal.signal(signum, _handler)


@contextlib.contextmanager
def deferred(reraise: bool = True):
    """Hold stopping signals (and Ctrl-C) while a save is written; raise the last one after
    (unless `reraise` is False: the game is stopping anyway)."""
    main = threading.current_thread() is threading.main_thread()
    old_int = None
    if main:
        with contextlib.suppress(ValueError, OSError):
            old_int = signal.signal(signal.SIGINT, _handler)
    _state["deferring"] += 1
    try:
        yield
    finally:
        _state["deferring"] -= 1
        if old_int is not None:
            with contextlib.suppress(ValueError, OSError):
                signal.signal(signal.SIGINT, old_int)
        pending, _state["pending"] = _state["pending"], None
        if pending is not None and reraise and not _state["deferring"]:
            if pending == signal.SIGINT:
                raise KeyboardInterrupt
            raise Terminated(pending)

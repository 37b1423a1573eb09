"""The batch runner's own errors; each message is one line a user can act on."""
from __future__ import annotations


class BatchError(ValueError):
    """A batch that cannot run as asked (bad results file, workers that cannot start, ...)."""


class RunMismatch(BatchError):
    """The results file belongs to another run (other agents, seed, scenario or engine)."""


class BackendUnavailable(BatchError):
    """The chosen backend is not installed or cannot be reached (e.g. Ray)."""


class Interrupted(Exception):
    """The user stopped the run (Ctrl-C); the games finished so far are in the results file."""

"""The Ray backend: the same games as the local pool, as Ray tasks on a cluster (or a local instance).

Each task plays a chunk of game ids and returns their lines, so the results file is the same as
a local run's. A chunk whose worker dies, or that overruns the per-game time limit, is cancelled
and its games are played again one per task; a single game that still fails is recorded as an
error with the same reason the local pool gives. Needs the optional extra: pip install -e ".[cluster]".
"""
from __future__ import annotations

import os
import time
from collections import deque

from game.batch.errors import BackendUnavailable, Interrupted
from game.batch.player import CRASHED, GamePlayer, timed_out

TASK_SECONDS = 0.5        # aim for tasks of about this much work (scheduling costs ~1 ms a task)
FIRST_CHUNK = 16
POLL_SECONDS = 0.2

_players: dict = {}       # in a Ray worker: run id -> GamePlayer, so the scenario is compiled once per process


def _play_chunk(setup: tuple, ids: list[int]):
    """Ray task body: play `ids` of the run described by `setup` (spec, scenario text, source)."""
    from game.batch.player import _rebuild

    spec = setup[0]
    player = _players.get(spec.run_id)
    if player is None:
        player = _players[spec.run_id] = _rebuild(*setup)
    start = time.perf_counter()
    texts, stats = [], []
    for game_id in ids:
        text, st = player.play(game_id)
        texts.append(text)
        stats.append(st)
    return "".join(texts), stats, time.perf_counter() - start


def _import_ray():
    try:
        import ray
    except ImportError:
        raise BackendUnavailable("--backend ray needs Ray: pip install -e \".[cluster]\" "
                                 "(or pip install 'ray>=2.9')") from None
    return ray


def start_ray(address: str | None = None, jobs: int | None = None):
    """Connect to the cluster at `address`, or start a local instance with `jobs` CPUs, unless Ray is
    already initialised in this process. Returns the function that undoes it (a no-op if nothing was done)."""
    ray = _import_ray()
    if ray.is_initialized():
        return lambda: None
    try:
        if address:
            ray.init(address=address, include_dashboard=False, logging_level="WARNING", log_to_driver=False)
        else:   # a local instance; its workers see this folder (e.g. for plugin agents)
            path = os.pathsep.join(p for p in (os.getcwd(), os.environ.get("PYTHONPATH")) if p)
            ray.init(num_cpus=jobs, include_dashboard=False, logging_level="WARNING", log_to_driver=False,
                     runtime_env={"env_vars": {"PYTHONPATH": path}})
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = f"the Ray cluster at {address}" if address else "a local Ray instance"
        raise BackendUnavailable(f"cannot start or reach {where}: {exc}") from None
    return ray.shutdown


class RayBackend:
    """Plays a run's games as Ray tasks, at most `jobs` at a time (default: the cluster's CPUs)."""

    def __init__(self, player: GamePlayer, time_limit: float, *, address: str | None = None,
                 jobs: int | None = None):
        self.ray = _import_ray()
        self.player = player
        self.time_limit = time_limit
        self._end = start_ray(address, jobs)
        self.jobs = jobs or max(1, int(self.ray.cluster_resources().get("CPU", 1)))

    def run(self, ids, deliver, should_stop=lambda: False) -> None:
        ray = self.ray
        task = ray.remote(num_cpus=1, max_retries=0)(_play_chunk)
        setup = ray.put(self.player.__reduce__()[1])
        queue = deque(ids)
        singles: deque = deque()         # games to retry one per task after their chunk failed
        flying: dict = {}                 # ref -> (ids, deadline)
        per_game = None
        try:
            while queue or singles or flying:
                if should_stop():
                    self._collect(flying, deliver, timeout=0)
                    raise Interrupted()
                while len(flying) < self.jobs and (queue or singles):
                    if singles:
                        chunk = [singles.popleft()]
                    else:
                        chunk = [queue.popleft() for _ in range(min(self._chunk(per_game, len(queue)), len(queue)))]
                    flying[task.remote(setup, chunk)] = (chunk, time.monotonic() + self.time_limit)
                for chunk, seconds in self._collect(flying, deliver, POLL_SECONDS, singles):
                    if len(chunk) and seconds > 0:
                        x = seconds / len(chunk)
                        per_game = x if per_game is None else 0.8 * per_game + 0.2 * x
                now = time.monotonic()
                for ref, (chunk, deadline) in list(flying.items()):
                    if now > deadline:
                        del flying[ref]
                        ray.cancel(ref, force=True)
                        self._failed(chunk, timed_out(self.time_limit), deliver, singles)
        finally:
            for ref in flying:
                ray.cancel(ref, force=True)
            self._end()

    def _chunk(self, per_game: float | None, left: int) -> int:
        if per_game is None:
            size = FIRST_CHUNK
        else:
            size = int(min(TASK_SECONDS, self.time_limit / 4) / max(per_game, 1e-6))
        return max(1, min(size, 4096, max(1, left // (2 * self.jobs))))

    def _collect(self, flying: dict, deliver, timeout: float, singles=None) -> list:
        """Deliver the finished tasks; returns (ids, seconds) of each successful one."""
        ray = self.ray
        if not flying:
            return []
        refs = list(flying)
        ready, _ = ray.wait(refs, num_returns=1, timeout=timeout)
        if ready:
            ready, _ = ray.wait(refs, num_returns=len(refs), timeout=0)
        done = []
        for ref in ready:
            chunk, _deadline = flying.pop(ref)
            try:
                text, stats, seconds = ray.get(ref)
            except ray.exceptions.RayError:
                if singles is not None:
                    self._failed(chunk, CRASHED, deliver, singles)
                continue
            deliver(text, stats)
            done.append((chunk, seconds))
        return done

    def _failed(self, chunk: list[int], reason: str, deliver, singles: deque) -> None:
        """A task died or overran: one game is that game's error; a chunk is retried game by game."""
        if len(chunk) == 1:
            text, st = self.player.error_line(chunk[0], reason)
            deliver(text, [st])
        else:
            singles.extend(chunk)

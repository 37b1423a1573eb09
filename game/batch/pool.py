"""The local backend: worker processes on this machine, each playing chunks of game ids.

A worker writes the id and start time of the game it is playing into a small shared array,
so when a worker dies (an agent killed its process) or overruns the per-game time limit (the
parent kills it), the parent knows exactly which game to record as an error; the rest of that
worker's unreported games go back in the queue (they replay identically) and a fresh worker
takes over. Finished games come back in batches (at the end of a chunk or every 50 ms).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from multiprocessing.connection import wait

from game.batch.errors import BatchError, Interrupted
from game.batch.player import CRASHED, GamePlayer, timed_out

FLUSH_SECONDS = 0.05      # a worker reports finished games at least this often
CHUNK_SECONDS = 0.05      # aim for chunks of about this much work
POLL_SECONDS = 0.2        # how often the parent checks time limits and Ctrl-C
PARENT_CHECK_SECONDS = 1.0   # an idle worker checks this often that its parent is still there
MAX_IDLE_DEATHS = 3       # workers dying before playing any game this many times running: give up


def default_start_method() -> str:
    """fork where it exists (instant start, the loaded scenario shared), else spawn."""
    return "fork" if sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods() else "spawn"


def _worker_main(player: GamePlayer, conn, state, parent: int) -> None:
    """A worker: play each chunk of ids received, report lines and stats; Ctrl-C is the parent's job.

    It leaves when its parent has gone, even if killed outright: a forked sibling may hold the
    parent's end of this worker's pipe open, so the end of the pipe alone would not tell it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    clock, send = time.monotonic, conn.send
    play_chunk = getattr(player, "play_chunk", None) or (lambda chunk: _one_by_one(player, chunk, state))
    texts: list[str] = []
    stats: list = []
    last = clock()
    while True:
        try:
            while not conn.poll(PARENT_CHECK_SECONDS):
                if os.getppid() != parent:
                    return
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        for text, st in play_chunk(chunk):
            texts.append(text)
            stats.append(st)
            now = clock()
            if now - last > FLUSH_SECONDS:
                send(("".join(texts), stats))
                texts, stats, last = [], [], now
        if stats:
            send(("".join(texts), stats))
            texts, stats, last = [], [], clock()


def _one_by_one(player: GamePlayer, chunk, state):
    """Play the chunk's games one after another, each marked in `state` (its id and start time)
    so the parent can tell which game a dead or overrunning worker was playing."""
    for game_id in chunk:
        state[1] = time.monotonic()
        state[0] = game_id
        text, st = player.play(game_id)
        state[0] = -1.0
        yield text, st


class _Worker:
    def __init__(self, ctx, player: GamePlayer):
        self.state = ctx.RawArray("d", 2)
        self.state[0] = -1.0
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(player, child, self.state, os.getpid()), daemon=True,
                                   name="hotline-batch-worker")
        self.process.start()
        child.close()
        self.outstanding: dict[int, None] = {}    # ids sent and not yet reported, in order
        self.killed_for_time = False

    def send(self, chunk: list[int]) -> None:
        for i in chunk:
            self.outstanding[i] = None
        try:
            self.conn.send(chunk)
        except OSError:    # it has just died: the parent notices through its sentinel and requeues these
            pass

    def stop(self, timeout: float = 2.0) -> None:
        if self.process.is_alive():
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.process.join(timeout)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class LocalPool:
    """Plays a run's games in `jobs` worker processes, containing crashes and hangs per game."""

    def __init__(self, player, jobs: int, time_limit: float, start_method: str | None = None):
        """`player` plays one game at a time (GamePlayer) or whole chunks (a `play_chunk` method)."""
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        self.player = player
        self.jobs = jobs
        self.time_limit = time_limit
        self.ctx = mp.get_context(start_method or default_start_method())

    def run(self, ids, deliver, should_stop=lambda: False) -> None:
        """Play the games `ids` (sorted); `deliver(text, stats)` gets each batch as it finishes."""
        queue = deque(ids)
        if not queue:
            return
        self._deliver = deliver
        self._queue = queue
        self._idle_deaths = 0
        self._started = time.monotonic()
        self._done = 0
        workers = [_Worker(self.ctx, self.player) for _ in range(min(self.jobs, len(queue)))]
        self._workers = workers
        try:
            while queue or any(w.outstanding for w in workers):
                if should_stop():
                    raise Interrupted()
                for w in workers:
                    if queue and len(w.outstanding) <= self._chunk_size():
                        w.send([queue.popleft() for _ in range(min(self._chunk_size(), len(queue)))])
                busy = [w for w in workers if w.outstanding]
                ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], POLL_SECONDS))
                for k, w in enumerate(workers):
                    if w.conn in ready:
                        self._receive(w)
                    if w.process.sentinel in ready or (w.outstanding and not w.process.is_alive()):
                        workers[k] = self._replace(w, CRASHED)
                    elif self._overran(w):
                        w.process.kill()
                        w.process.join()
                        workers[k] = self._replace(w, timed_out(self.time_limit))
        except Interrupted:
            for w in workers:           # keep what the workers had already reported
                w.process.kill()
                w.process.join()
                self._receive(w)
            raise
        finally:
            for w in workers:
                w.stop()

    def _chunk_size(self) -> int:
        tail = len(self._queue) // (2 * len(self._workers))
        fixed = getattr(self.player, "chunk", None)   # a player of whole chunks at once (the batch engine)
        if fixed:
            return max(1, min(fixed, tail))
        elapsed = time.monotonic() - self._started
        if self._done < 8 or elapsed <= 0:
            size = 4
        else:
            per_worker_rate = self._done / elapsed / len(self._workers)
            size = int(per_worker_rate * CHUNK_SECONDS)
        return max(1, min(size, 256, max(tail, 1)))

    def _receive(self, w: _Worker) -> None:
        """Take every batch the worker has sent so far (also after it died)."""
        try:
            while w.conn.poll():
                text, stats = w.conn.recv()
                for st in stats:
                    w.outstanding.pop(st.game, None)
                self._done += len(stats)
                self._idle_deaths = 0
                self._deliver(text, stats)
        except (EOFError, OSError):
            pass

    def _overran(self, w: _Worker) -> bool:
        current = w.state[0]
        return current >= 0 and w.outstanding and time.monotonic() - w.state[1] > self.time_limit

    def _replace(self, w: _Worker, reason: str) -> _Worker:
        """A worker died or was killed: record its current game as an error, requeue the rest."""
        w.process.join()
        self._receive(w)
        current = int(w.state[0])
        exit_code = w.process.exitcode
        w.stop()
        if current >= 0 and current in w.outstanding:
            del w.outstanding[current]
            text, st = self.player.error_line(current, reason)
            self._done += 1
            self._deliver(text, [st])
            self._idle_deaths = 0
        else:
            self._idle_deaths += 1
            if self._idle_deaths >= MAX_IDLE_DEATHS:
                raise BatchError(f"worker processes keep dying before they play a game (last exit code "
                                 f"{exit_code}); nothing more can be run")
        self._queue.extendleft(reversed(sorted(w.outstanding)))
        return _Worker(self.ctx, self.player)

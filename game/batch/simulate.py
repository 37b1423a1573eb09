"""`simulate`: N games of one pairing into a results file, resumable, on any backend.

Finished games are appended as they come (in whatever order the workers finish them);
sorting the lines by game id gives the same file for any job count or backend.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from game.batch.errors import Interrupted
from game.batch.player import GamePlayer
from game.batch.results import ResultsFile
from game.batch.spec import RunSpec
from game.batch.stats import Summary

DEFAULT_TIME_LIMIT = 60.0   # seconds per game before its worker is killed and the game recorded as an error
BACKENDS = ("local", "ray")


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:   # not Linux
        return os.cpu_count() or 1


@dataclass
class RunResult:
    spec: RunSpec
    path: Path
    games: int                   # games the run asked for
    summary: Summary             # every finished game with id < games, old and new
    played: int = 0              # games played by this call
    turns: int = 0               # their turns
    already: int = 0             # games found finished in the file
    elapsed: float = 0.0
    interrupted: bool = False
    dropped_partial: bool = False
    backend: str = "local"
    jobs: int = 1
    notes: list = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.summary.games >= self.games


def run_spec(scenario, agents, seed: int, on_fault: str = "error", engine: str = "game") -> RunSpec:
    extra = {}
    if engine == "batch":
        from game.batch.lockstep_runner import ENGINE

        extra["engine"] = ENGINE
    return RunSpec(scenario_id=scenario.id, scenario_hash=scenario.content_hash, sides=tuple(scenario.sides),
                   agents=tuple(agents), seed=seed, on_fault=on_fault, **extra)


def simulate(scenario, agents, games: int, seed: int, out, *, jobs: int | None = None, backend: str = "local",
             address: str | None = None, time_limit: float = DEFAULT_TIME_LIMIT, on_fault: str = "error",
             progress: bool | None = None, label: str | None = None, start_method: str | None = None,
             engine: str = "game") -> RunResult:
    """Play games 0..games-1 of the run (skipping those already in `out`) and return the summary.

    `agents` are agent specs (names or plugins), one per side in scenario order. `progress`
    None shows a bar only on a terminal. Ctrl-C stops cleanly: the result says `interrupted`.
    """
    if games < 0:
        raise ValueError("games must be 0 or more")
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend '{backend}' (use {' or '.join(BACKENDS)})")
    if engine not in ("game", "batch"):
        raise ValueError(f"unknown engine '{engine}' (use game or batch)")
    if engine == "batch":
        from game.batch.lockstep_runner import batch_refusal

        if batch_refusal(scenario, agents, backend) is not None:
            engine = "game"   # players without a batch form, a cluster, a rule it cannot vectorise
    spec = run_spec(scenario, agents, seed, on_fault, engine)
    player = GamePlayer(spec, scenario)
    summary = Summary(scenario.sides)
    result = RunResult(spec, Path(out), games, summary, backend=backend if engine == "game" else "batch engine",
                       jobs=jobs or available_cpus())
    with ResultsFile(out, spec, games, on_stats=summary.add) as results:
        result.already = summary.games
        result.dropped_partial = results.dropped_partial
        todo = [i for i in range(games) if i not in results.done]
        bar = _progress_bar(progress, games, summary.games, label)

        def deliver(text: str, stats: list) -> None:
            results.append(text)
            for st in stats:
                if st.game < games:
                    summary.add(st)
                result.turns += st.turns
            result.played += len(stats)
            if bar is not None:
                bar.update(len(stats))

        start = time.perf_counter()
        try:
            with _stop_on_ctrl_c() as stopping:
                if engine == "batch":
                    from game.batch.lockstep_runner import LockstepPlayer
                    from game.batch.pool import LocalPool

                    runner = LocalPool(LockstepPlayer(player), result.jobs, time_limit, start_method=start_method)
                elif backend == "ray":
                    from game.batch.ray_backend import RayBackend

                    runner = RayBackend(player, time_limit, address=address, jobs=jobs)
                    result.jobs = runner.jobs
                else:
                    from game.batch.pool import LocalPool

                    runner = LocalPool(player, result.jobs, time_limit, start_method=start_method)
                runner.run(todo, deliver, stopping)
        except Interrupted:
            result.interrupted = True
        finally:
            result.elapsed = time.perf_counter() - start
            if bar is not None:
                bar.close()
    return result


def _progress_bar(progress: bool | None, total: int, initial: int, label: str | None):
    if progress is False or (progress is None and not sys.stderr.isatty()):
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0    # no monitor thread: worker processes are forked from this one
    return tqdm(total=total, initial=initial, unit="game", desc=label, file=sys.stderr, dynamic_ncols=True,
                smoothing=0.05, mininterval=0.25)


@contextmanager
def _stop_on_ctrl_c():
    """Inside: the first Ctrl-C asks the run to stop at the next check (lines stay whole); a second
    one interrupts at once. Yields the check. Outside the main thread, Ctrl-C is left alone."""
    flag = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield flag.is_set
        return
    previous = signal.getsignal(signal.SIGINT)

    def handler(signum, frame):
        flag.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    signal.signal(signal.SIGINT, handler)
    try:
        yield flag.is_set
    finally:
        signal.signal(signal.SIGINT, previous)

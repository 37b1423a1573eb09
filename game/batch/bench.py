"""Batch-run benchmarks for `python run.py bench`: simulate's throughput (result lines written) on one
core and with two jobs, and the memory of a long run as it grows.

Throughput is the fastest of a few rounds (the least disturbed on a shared machine); the load
average before each measurement is reported with it, since other programs take cores away.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from game.batch.simulate import available_cpus, simulate

SIM_TARGET = 60_000.0        # game-turns/s, random vs random, lines written, one core
SPEEDUP_TARGET = 1.8         # two jobs over one job, where two cores are free
MEMORY_TARGET_MB = 150.0     # peak memory of a 100,000-game run


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def bench_simulate(scenario, games: int = 20_000, *, jobs: int = 1, rounds: int = 3, one_cpu: bool = False) -> dict:
    """random vs random through `simulate`, lines written to a file; fastest of `rounds`.

    `one_cpu` pins this process and so its workers to a single CPU: the parent's writing and the
    worker's games then share one core, the honest one-core figure."""
    pinned = hasattr(os, "sched_setaffinity") and one_cpu
    before = os.sched_getaffinity(0) if pinned else None
    rates, load = [], load_average()
    try:
        if pinned:
            os.sched_setaffinity(0, {min(before)})
        for n in range(max(1, rounds)):
            with tempfile.TemporaryDirectory() as tmp:
                cpu = _cpu_seconds()
                r = simulate(scenario, ["random", "random"], games, n, Path(tmp) / "bench.jsonl", jobs=jobs,
                             progress=False)
                cpu = _cpu_seconds() - cpu
                rates.append((r.turns / r.elapsed, r.elapsed, r.turns, r.turns / cpu if cpu > 0 else None))
    finally:
        if pinned:
            os.sched_setaffinity(0, before)
    rate, elapsed, turns, _ = max(rates, key=lambda x: x[0])
    per_cpu = [x[3] for x in rates if x[3] is not None]
    return {"scenario": scenario.id, "games": games, "jobs": jobs, "one_cpu": pinned, "turns": turns,
            "seconds": elapsed, "turns_per_s": rate, "games_per_s": games / elapsed,
            "turns_per_cpu_second": max(per_cpu) if per_cpu else None,
            "turns_per_s_each_round": [x[0] for x in rates], "target_turns_per_s": SIM_TARGET,
            "ratio_to_target": rate / SIM_TARGET, "load_average": load, "cpus": available_cpus()}


def bench_memory(games: int = 100_000, *, jobs: int = 1, scenario: str | None = None, every: float = 0.25) -> dict:
    """Run `python run.py simulate` for `games` in a child process and sample the memory of it and its
    workers (Linux /proc). Peak RSS per process is the kernel's high-water mark; the total is
    proportional set size (shared pages counted once), sampled at each quarter of the run."""
    if not Path("/proc/self/status").exists():
        return {"games": games, "skipped": "memory sampling needs Linux /proc"}
    root = Path(__file__).resolve().parents[2]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "memory.jsonl"
        cmd = [sys.executable, str(root / "run.py"), "simulate", "--games", str(games), "--jobs", str(jobs),
               "--out", str(out), "--no-progress"] + (["--scenario", scenario] if scenario else [])
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                env=dict(os.environ, HOTLINE_NO_BOOTSTRAP="1"))
        samples, peak_parent, peak_worker, peak_total = [], 0.0, 0.0, 0.0
        while proc.poll() is None:
            pids = [proc.pid] + _children(proc.pid)
            hwm = [_status_kb(p, "VmHWM") / 1024 for p in pids]
            pss = sum(_pss_kb(p) for p in pids) / 1024
            peak_parent = max(peak_parent, hwm[0])
            peak_worker = max([peak_worker, *hwm[1:]])
            peak_total = max(peak_total, pss)
            size = out.stat().st_size if out.exists() else 0
            samples.append((time.perf_counter() - start, size, pss, hwm[0], len(pids) - 1))
            time.sleep(every)
        err = proc.stderr.read()
        if proc.returncode != 0:
            raise RuntimeError(f"the memory run failed: {err.strip()[-300:]}")
        final_size = out.stat().st_size
    quarters = []
    for q in (0.25, 0.5, 0.75, 1.0):
        at = [s for s in samples if s[1] <= q * final_size and s[4]]     # while its workers run
        if at:
            quarters.append({"progress": q, "total_pss_mb": at[-1][2], "parent_rss_mb": at[-1][3]})
    return {"games": games, "jobs": jobs, "seconds": time.perf_counter() - start, "samples": len(samples),
            "peak_parent_rss_mb": peak_parent, "peak_worker_rss_mb": peak_worker,
            "peak_total_pss_mb": peak_total, "peak_rss_sum_mb": peak_parent + peak_worker * jobs,
            "by_quarter": quarters, "target_mb": MEMORY_TARGET_MB, "load_average": load_average()}


def _cpu_seconds() -> float:
    """CPU time used by this process and its finished children (the workers), user + system."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _status_kb(pid: int, key: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def _pss_kb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return float(line.split()[1])
    except OSError:
        pass
    return 0.0

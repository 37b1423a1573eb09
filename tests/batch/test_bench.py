"""The batch rows of `python run.py bench` measure the real paths (targets are checked by running it)."""
from __future__ import annotations

import json

from tests.cli.conftest import no_traceback, run_cli


def test_bench_reports_simulate_throughput_speedup_and_memory_as_json():
    proc = run_cli("bench", "--json", "--games", "20", "--repeats", "1", "--rounds", "1",
                   "--sim-games", "200", "--memory-games", "500", "--env-steps", "100", "--window", "no")
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    sims = [r for r in rows if r["bench"] == "simulate"]
    assert [(r["jobs"], r["one_cpu"]) for r in sims][1:] == [(1, False), (2, False)]
    assert all(r["turns"] > 0 and r["ratio_to_engine"] > 0 for r in sims)
    assert sims[2]["speedup_over_one_job"] > 0 and "load_average" in sims[2]
    memory = next(r for r in rows if r["bench"] == "memory")
    assert memory["games"] == 500
    assert "skipped" in memory or memory["peak_total_pss_mb"] > 0
    env = next(r for r in rows if r["bench"] == "env")
    assert env["steps"] == 100 and env["steps_per_s"] > 0

"""`python run.py simulate` and `tournament` as a user runs them: Ctrl-C and resume, clear errors."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.batch.conftest import PLUGINS, ROOT, lines_by_game, sorted_text
from tests.cli.conftest import no_traceback, run_cli


def test_ctrl_c_stops_cleanly_says_how_to_resume_and_the_rerun_completes_exactly_n_games(tmp_path):
    out = tmp_path / "r.jsonl"
    args = ["simulate", "--moscow", f"{PLUGINS}:Slow", "--washington", "random", "--games", "200",
            "--seed", "4", "--jobs", "2", "--out", str(out)]
    proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.read_text().count("\n") < 20):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr + stdout
    assert "To resume, run python run.py simulate --moscow tests.batch.plugins:Slow" in stderr
    stopped_at = len(lines_by_game(out))
    assert 20 <= stopped_at < 200
    resumed = run_cli(*args)
    no_traceback(resumed)
    assert resumed.returncode == 0, resumed.stderr
    assert f"resumed: {stopped_at:,} games were already in" in resumed.stdout
    assert sorted(lines_by_game(out)) == list(range(200))
    clean = tmp_path / "clean.jsonl"
    run_cli(*args[:-1], str(clean))
    assert sorted_text(out) == sorted_text(clean)


def test_simulate_prints_the_summary_table_and_writes_the_summary_json(tmp_path):
    proc = run_cli("simulate", "--moscow", "random", "--washington", "random", "--games", "50", "--jobs", "1",
                   "--out", str(tmp_path / "r.jsonl"), "--summary-json", str(tmp_path / "s.json"))
    no_traceback(proc)
    assert proc.returncode == 0
    assert "50 games (50 ended normally, 0 errors)" in proc.stdout and "95% CI" in proc.stdout
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["games"] == 50 and summary["complete"] and abs(sum(r["rate"] for r in summary["outcomes"]) - 1) < 1e-9


@pytest.mark.parametrize("args, message", [
    (["--games", "0"], "--games must be at least 1"),
    (["--games", "5", "--moscow", "human"], "batch runs are between computer players"),
    (["--games", "5", "--moscow", "nosuch"], "unknown agent 'nosuch'"),
    (["--games", "5", "--agent", "north=random"], "has no side 'north'"),
    (["--games", "5", "--jobs", "0"], "--jobs must be at least 1"),
    (["--games", "5", "--time-limit", "0"], "--time-limit must be"),
    (["--games", "5", "--address", "auto"], "--address is for --backend ray"),
    (["--games", "5", "--scenario", "nosuch"], "no bundled scenario 'nosuch'"),
])
def test_simulate_usage_errors_are_one_line_and_exit_2(tmp_path, args, message):
    proc = run_cli("simulate", *args, "--out", str(tmp_path / "r.jsonl"))
    no_traceback(proc)
    assert proc.returncode == 2 and message in proc.stderr
    assert proc.stderr.count("\n") == 1


def test_a_different_command_on_the_same_file_is_refused_clearly(tmp_path):
    out = str(tmp_path / "r.jsonl")
    run_cli("simulate", "--games", "5", "--jobs", "1", "--out", out)
    proc = run_cli("simulate", "--games", "5", "--jobs", "1", "--seed", "9", "--out", out)
    no_traceback(proc)
    assert proc.returncode == 1
    assert "holds another run (seed: 9 here, 0 in the file)" in proc.stderr


def test_tournament_ranks_every_pairing_and_writes_csv_json_and_png(tmp_path):
    out = tmp_path / "t"
    proc = run_cli("tournament", "--agents", f"random,{PLUGINS}:Raiser", "--games", "30", "--jobs", "2",
                   "--out", str(out))
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert "rank" in proc.stdout and "relative" in proc.stdout
    data = json.loads((out / "tournament.json").read_text())
    assert data["complete"] and len(data["pairings"]) == 4
    assert {r["agent"] for r in data["ranking"]} == {"random", f"{PLUGINS}:Raiser"}
    assert (out / "ranking.csv").read_text().startswith("agent,")
    assert len((out / "pairings.csv").read_text().splitlines()) == 5
    for png in ("outcomes.png", "escalation.png"):
        assert (out / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    rerun = run_cli("tournament", "--agents", f"random,{PLUGINS}:Raiser", "--games", "30", "--out", str(out),
                    "--no-charts")
    assert rerun.returncode == 0 and json.loads((out / "tournament.json").read_text())["ranking"] == data["ranking"]


def test_tournament_refuses_a_repeated_agent(tmp_path):
    proc = run_cli("tournament", "--agents", "random,random", "--out", str(tmp_path / "t"))
    no_traceback(proc)
    assert proc.returncode == 2 and "names an agent twice" in proc.stderr


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux /proc to find the workers")
def test_a_run_killed_outright_leaves_no_workers_behind_and_resumes_to_exactly_n_games(tmp_path):
    """Rule: SIGKILL of the runner (no chance to clean up) neither strands its workers nor spoils the file."""
    out = tmp_path / "r.jsonl"
    args = ["simulate", "--moscow", f"{PLUGINS}:Slow", "--washington", "random", "--games", "150",
            "--jobs", "2", "--out", str(out), "--no-progress"]
    proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.read_text().count("\n") < 10):
        time.sleep(0.05)
    workers = [int(p) for p in open(f"/proc/{proc.pid}/task/{proc.pid}/children").read().split()]
    assert workers
    proc.kill()
    proc.wait(timeout=30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(os.path.exists(f"/proc/{w}") and
                                              "Z" not in open(f"/proc/{w}/stat").read().split()[2] for w in workers):
        time.sleep(0.1)
    assert not [w for w in workers if os.path.exists(f"/proc/{w}")
                and "Z" not in open(f"/proc/{w}/stat").read().split()[2]], "workers outlived their runner"
    resumed = run_cli(*args)
    assert resumed.returncode == 0, resumed.stderr
    assert sorted(lines_by_game(out)) == list(range(150))

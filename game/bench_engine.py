"""The engine against its own past: the same measurements run on this code and on a baseline
commit (the engine before its second pass), alternately in the same run, reported as ratios.

The machine is shared and noisy, so absolute rates move from run to run; ratios of rounds
interleaved in one run do not. The baseline's `game/` package is taken from git (`git archive`)
into a temporary folder; without git or that commit, only this code's figures are given.
Each side runs in a fresh interpreter on one core, with the same scenario and seeds.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: the engine before "Engine, second pass" (2026-11-27)
BASELINE_REV = "5a2bfe8"

_PROBE = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from game import Match, RandomAgent, load_scenario
from game.engine.observation import observe
scenario = load_scenario(sys.argv[2])
games = int(sys.argv[3])
clock = time.perf_counter
start, turns = clock(), 0
for seed in range(games):
    match = Match(scenario, [RandomAgent(), RandomAgent()], seed=seed, log=False)
    match.play()
    turns += len(match.game.choices)
rate = turns / (clock() - start)
states = []
for seed in range(50):   # mid-game states, observed by both sides with nothing cached
    match = Match(scenario, [RandomAgent(), RandomAgent()], seed=seed, log=True)
    for _ in range(4):
        if not match.over:
            match.step()
    if not match.over:
        states.append(match.game)
reps, start = 40, clock()
for _ in range(reps):
    for game in states:
        if hasattr(game, "_observed"):
            game._observed = {}
        observe(game, 0)
        observe(game, 1)
observe_us = (clock() - start) / (reps * len(states)) * 1e6
clone_us = None
if hasattr(states[0], "clone"):
    start = clock()
    for _ in range(reps):
        for game in states:
            game.clone()
    clone_us = (clock() - start) / (reps * len(states)) * 1e6
print(json.dumps({"turns_per_s": rate, "observe_both_us": observe_us, "clone_us": clone_us}))
"""


def _export(rev: str, into: Path) -> Path | None:
    """The baseline's `game/` package under `into`, or None when git or the commit is missing."""
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev, "game", "scenarios"],
                                 capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if archive.returncode != 0:
        return None
    path = into / "tar"
    path.write_bytes(archive.stdout)
    with tarfile.open(path) as tar:
        try:
            tar.extractall(into / "baseline", filter="data")
        except TypeError:   # Python before 3.11.4: no filters (our own repository's archive)
            tar.extractall(into / "baseline")
    return into / "baseline"


def _probe(code_root: Path, scenario: str, games: int) -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE, str(code_root), scenario, str(games)],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "probe failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def compare(scenario_path: str, games: int = 1000, rounds: int = 3, rev: str = BASELINE_REV) -> dict:
    """Best of `rounds` interleaved rounds, this code and the baseline, and their ratios."""
    with tempfile.TemporaryDirectory(prefix="hotline-baseline-") as tmp:
        base_root = _export(rev, Path(tmp))
        ours, base = [], []
        for _ in range(max(1, rounds)):
            ours.append(_probe(ROOT, scenario_path, games))
            if base_root is not None:   # the baseline plays its own version of the same scenario
                own = base_root / "scenarios" / Path(scenario_path).name
                try:
                    base.append(_probe(base_root, str(own if own.is_file() else scenario_path), games))
                except RuntimeError:
                    base_root = None
    best = lambda rows, key, pick: pick(r[key] for r in rows) if rows and rows[0].get(key) is not None else None
    result = {"scenario": scenario_path, "games": games, "rounds": rounds, "baseline": rev if base else None,
              "turns_per_s": best(ours, "turns_per_s", max), "observe_both_us": best(ours, "observe_both_us", min),
              "clone_us": best(ours, "clone_us", min)}
    if base:
        result["baseline_turns_per_s"] = best(base, "turns_per_s", max)
        result["baseline_observe_both_us"] = best(base, "observe_both_us", min)
        result["speedup"] = result["turns_per_s"] / result["baseline_turns_per_s"]
        result["observe_speedup"] = result["baseline_observe_both_us"] / result["observe_both_us"]
    return result

"""Rule: every scenario file, however hostile, is either a valid scenario that compiles and plays
with finite values, or a ScenarioError whose every line is `file:line:col: ...` — never another
exception, never a hang.

Two parts: the corpus in `scenarios/` (files that once crashed, hung or printed forged lines)
and seeded mutants of the bundled scenario and the minimal fixture. The mutants are the same
on every run; the loop stops early once its time budget is spent (on a slow machine fewer run),
and HOTLINE_FUZZ_CASES / HOTLINE_FUZZ_SEED / HOTLINE_FUZZ_SECONDS run a longer campaign.
"""
from __future__ import annotations

import os
import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.fuzz.scenario_fuzz import check, mutants

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = sorted((HERE / "scenarios").glob("*.yaml"))
BASES = {"minimal": ROOT / "tests" / "scenario" / "fixtures" / "minimal.yaml",
         "bundled": ROOT / "scenarios" / "ukraine_2022.yaml"}
SEED = int(os.environ.get("HOTLINE_FUZZ_SEED", "20261128"))
CASES = int(os.environ.get("HOTLINE_FUZZ_CASES", "100"))          # per base file
BUDGET = float(os.environ.get("HOTLINE_FUZZ_SECONDS", "20"))      # per base file
HANG = 120   #: seconds one input may take before it counts as a hang (a guard, not a speed test)


@contextmanager
def hang_guard(what: str):
    """Fail instead of hanging the suite when one input never finishes (POSIX main thread only)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def alarm(signum, frame):
        raise AssertionError(f"{what} did not finish in {HANG} s: a hang")
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_file_is_valid_and_plays_or_a_located_error(path):
    expected = "valid" if path.name.startswith("valid_") else "invalid"
    with hang_guard(path.name):
        assert check(path.read_text(encoding="utf-8"), path.name) == expected


def test_the_corpus_is_there():
    assert len(CORPUS) >= 10


@pytest.mark.parametrize("base", list(BASES))
def test_mutants_are_valid_and_play_or_a_located_error(base, tmp_path):
    text = BASES[base].read_text(encoding="utf-8")
    outcomes = {"valid": 0, "invalid": 0}
    start = time.monotonic()
    for description, mutant in mutants(text, SEED + (base == "bundled"), CASES):
        if time.monotonic() - start > BUDGET:
            break
        try:
            with hang_guard(description):
                outcomes[check(mutant, "fuzz.yaml")] += 1
        except BaseException as exc:
            keep = tmp_path / "failing.yaml"
            keep.write_text(mutant, encoding="utf-8")
            raise AssertionError(f"{base} {description}: {type(exc).__name__}: {str(exc)[:500]} "
                                 f"(input kept at {keep}; add it to tests/fuzz/scenarios/)") from exc
    assert outcomes["invalid"] and sum(outcomes.values()) >= min(CASES, 10), outcomes

"""Rules of `python run.py validate` and `python run.py schema`: exit codes, output, no tracebacks."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from game.scenario.json_schema import schema_text

from .conftest import BROKEN, MINIMAL, ROOT

ENV = dict(os.environ, HOTLINE_NO_BOOTSTRAP="1")


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "run.py", *args], cwd=ROOT, env=ENV, capture_output=True,
                            text=True, timeout=timeout)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_validate_a_valid_file_exits_0_with_a_summary():
    result = run("validate", str(MINIMAL))
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].startswith("1 file checked: 1 valid")


def test_validate_warns_about_history_without_a_source_but_the_file_stays_valid():
    result = run("validate", str(MINIMAL))   # its event on a calendar date says nowhere where it comes from
    assert result.returncode == 0
    assert "warning: event 'security_council' is dated like real history" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 file checked: 1 valid; 1 warning"


def test_validate_a_broken_file_exits_1_and_prints_its_errors():
    path = BROKEN / "effect_unknown_variable.yaml"
    result = run("validate", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (f"{path}:56:11: actions.moscow[0].effects[1]: "
                        "unknown variable 'tension_lvl' (did you mean 'tension'?)")
    assert lines[-1] == "1 file checked: 0 valid, 1 with 1 error"


def test_validate_mixed_files_summarises_both():
    result = run("validate", str(MINIMAL), str(BROKEN / "duplicate_key.yaml"))
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1].startswith("2 files checked: 1 valid, 1 with 1 error")


def test_validate_a_folder_checks_its_yaml_files_without_a_traceback():
    result = run("validate", str(BROKEN))
    count = len(list(BROKEN.glob("*.yaml")))
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1].startswith(f"{count} files checked: 0 valid, {count} with ")


@pytest.mark.parametrize("args, words", [
    ((), "give one or more scenario files"),
    (("no/such/file.yaml",), "no such file or folder: no/such/file.yaml"),
])
def test_validate_usage_errors_exit_2_and_say_why(args, words):
    result = run("validate", *args)
    assert result.returncode == 2
    assert words in result.stderr


def test_validate_an_empty_folder_is_a_usage_error(tmp_path):
    result = run("validate", str(tmp_path))
    assert result.returncode == 2 and "no .yaml files" in result.stderr


def test_validate_50000_deep_nesting_returns_promptly_with_an_error(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("id: x\nnested: " + "[" * 50_000 + "]" * 50_000 + "\n")
    start = time.perf_counter()
    result = run("validate", str(path), timeout=30)
    assert time.perf_counter() - start < 10
    assert result.returncode == 1
    assert f"{path}:2:" in result.stdout and "nested more than" in result.stdout


def test_schema_prints_the_committed_json_schema():
    result = run("schema")
    assert result.returncode == 0
    assert result.stdout == schema_text()
    assert json.loads(result.stdout)["$schema"].startswith("https://json-schema.org/")

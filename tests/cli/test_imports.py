"""Start-up stays light: the help and the validator load neither numpy nor the engine."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("numpy", "game.engine", "pygame", "transitions", "game.match")

PROBE = """
import runpy, sys
sys.argv = ["run.py", *sys.argv[1:]]
try:
    runpy.run_path("run.py", run_name="__main__")
except SystemExit:
    pass
print(",".join(sorted(m for m in sys.modules if m.split(".")[0] in ("numpy", "pygame", "transitions")
                      or m.startswith(("game.engine", "game.match")))), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["validate", "scenarios/ukraine_2022.yaml"]])
def test_help_and_validate_import_neither_numpy_nor_the_engine(args):
    out = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    loaded = out.stderr.strip().splitlines()[-1] if out.stderr.strip() else ""
    assert loaded == "", f"{args} imported: {loaded[:300]}"

"""The README's batch-engine and training examples run as written (with small sizes)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _block(marker: str) -> str:
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.S)
    return next(b for b in blocks if marker in b)


def test_readme_batch_example_runs():
    code = _block("from game.lockstep.engine import play").replace("range(10_000)", "range(300)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr


def test_readme_training_loop_runs():
    code = _block("VectorEnv(").replace("range(300)", "range(40)") + "\nprint(float(abs(W).sum()))\n"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert float(out.stdout.strip().splitlines()[-1]) > 0      # games ended and the policy learnt something

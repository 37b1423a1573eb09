"""The README's promises: its Python example runs, and CI runs its test command verbatim."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_python_example_runs():
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    assert blocks, "the README has no Python example"
    out = subprocess.run([sys.executable, "-c", blocks[0]], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("\n") >= 3


def test_quick_start_is_two_commands_and_ci_runs_the_second():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"```\n(.*?)```", quick, flags=re.S)[0].strip().splitlines()
    assert commands == ["python run.py", "python run.py test"]
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines()
          if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert ci[-1].strip() == commands[1]

#!/usr/bin/env python3
"""Hotline's one entry point.

On first use it creates a local virtual environment (`.venv`), installs the project and its
pinned dependencies into it, then re-runs itself there, so a fresh machine needs only
Python 3.11+ and git. With no arguments it starts the game; `python run.py --help` lists the
subcommands (play, validate, schema, replay, simulate, tournament, bench, test).
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "hotline-installed.txt"
REQUIRED = ("pygame", "yaml", "transitions", "numpy", "pydantic", "tqdm", "pytest")


def _venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def _wanted_stamp() -> str:
    """What the environment was installed from: changing pyproject.toml reinstalls."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return f"{digest} {sys.version_info[0]}.{sys.version_info[1]}"


def _inside_our_venv() -> bool:
    try:
        return Path(sys.prefix).resolve() == VENV.resolve()
    except OSError:
        return False


def _deps_importable() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in REQUIRED)


def _bootstrap() -> Path:
    """Create `.venv` and install the project into it unless it is already up to date."""
    python = _venv_python()
    wanted = _wanted_stamp()
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    if sys.version_info < (3, 11):
        sys.exit(f"Hotline needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not python.exists() or not STAMP.exists():
        # no stamp: never installed completely (e.g. the first run was interrupted), so start afresh
        print("Hotline: creating a virtual environment in .venv (first run only) ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    print("Hotline: installing dependencies (pygame-ce, pyyaml, transitions, numpy, pydantic, tqdm, and for "
          "research and tests matplotlib, pandas, pettingzoo, ray, pytest) ...", flush=True)
    cmd = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", f"{ROOT}[test]"]
    if subprocess.call(cmd) != 0:
        sys.exit("Hotline: installing the dependencies failed (see pip's message above). "
                 "Check your network connection and run the command again.")
    STAMP.write_text(wanted + "\n")
    return python


def main() -> int:
    # Already in a working environment (our .venv, or a developer's own `pip install -e .`): run.
    if _inside_our_venv() or (os.environ.get("HOTLINE_NO_BOOTSTRAP") or sys.prefix != sys.base_prefix) \
            and _deps_importable():
        sys.path.insert(0, str(ROOT))
        from game.cli.main import main as cli_main

        return cli_main(sys.argv[1:])
    python = _bootstrap()
    try:
        return subprocess.call([str(python), str(ROOT / "run.py"), *sys.argv[1:]])
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

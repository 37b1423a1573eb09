#!/usr/bin/env python3
"""Hotline's one entry point.

On first use it creates a local virtual environment (`.venv`), installs the project and its
pinned dependencies into it, then re-runs itself there, so a fresh machine needs only
Python 3.11+ and git. With no arguments it starts the game; `python run.py --help` lists the
subcommands (play, validate, lint, schema, replay, simulate, tournament, briefing, report,
class, guide, wheelhouse, bench, test). On a machine without a network it installs from a
`wheelhouse` folder next to it (or $HOTLINE_WHEELHOUSE), made beforehand with `python run.py wheelhouse`.
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


def _wheelhouse() -> Path | None:
    """A folder of wheels to install from without a network: $HOTLINE_WHEELHOUSE, else a folder
    `wheelhouse` next to this file that holds wheels (made by `python run.py wheelhouse`)."""
    given = os.environ.get("HOTLINE_WHEELHOUSE")
    if given:
        return Path(given)
    local = ROOT / "wheelhouse"
    return local if local.is_dir() and any(local.glob("*.whl")) else None


def _requirements() -> list[str]:
    """What the game needs (pyproject.toml's `dependencies`): an offline install for a class
    installs these; the research tools and the test suite need a network install (.[test])."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project.get("dependencies", []))


def _install_offline(python: Path, wheelhouse: Path) -> None:
    """Install the requirements from the wheelhouse only (no index, no network) and link this folder
    into the environment (a .pth file: nothing to build, so no build tools are needed)."""
    if not wheelhouse.is_dir():
        sys.exit(f"Hotline: the wheelhouse {wheelhouse} (HOTLINE_WHEELHOUSE) is not a folder.")
    print(f"Hotline: installing dependencies from the wheelhouse {wheelhouse} (no network needed) ...", flush=True)
    cmd = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-index",
           "--find-links", str(wheelhouse), *_requirements()]
    if subprocess.call(cmd) != 0:
        sys.exit(f"Hotline: installing from the wheelhouse {wheelhouse} failed (see pip's message above). It must "
                 "be made for this system and Python version: make it again with `python run.py wheelhouse` "
                 "(see its --platform and --python-version options) on a machine with a network.")
    site = subprocess.check_output([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   text=True).strip()
    (Path(site) / "hotline-project.pth").write_text(str(ROOT) + "\n", encoding="utf-8")


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
    wheelhouse = _wheelhouse()
    if wheelhouse is not None:
        _install_offline(python, wheelhouse)
    else:
        print("Hotline: installing dependencies (pygame-ce, pyyaml, transitions, numpy, pydantic, tqdm, and for "
              "research and tests matplotlib, pandas, pettingzoo, ray, pytest) ...", flush=True)
        cmd = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", f"{ROOT}[test]"]
        if subprocess.call(cmd) != 0:
            sys.exit("Hotline: installing the dependencies failed (see pip's message above). "
                     "Check your network connection and run the command again (for machines without a network: "
                     "`python run.py wheelhouse` on one with a network, see the teacher's guide).")
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

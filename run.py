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
REQUIRED = ("pygame", "yaml", "transitions", "numpy", "pydantic", "tqdm")

#: what each kind of use installs, smallest first: each profile includes the ones before it. Playing
#: needs only the game's dependencies; research runs add charts, data frames and the RL interface;
#: the test suite (and `bench`, which measures the RL environment too) adds pytest and Ray.
PROFILES = {
    "game": ("", "pygame-ce, pyyaml, transitions, numpy, pydantic, tqdm"),
    "research": ("[analysis,rl,fast]", "the game's dependencies plus matplotlib, pandas, pettingzoo, numba"),
    "test": ("[test]", "the game's dependencies plus matplotlib, pandas, pettingzoo, numba, ray and pytest"),
}
RESEARCH_COMMANDS = {"simulate", "tournament"}
TEST_COMMANDS = {"test", "bench"}


def _venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def _profile(argv: list[str]) -> str:
    """The smallest install the command needs: a student's `python run.py` never waits for the test tools."""
    command = argv[0] if argv else ""
    if command in TEST_COMMANDS:
        return "test"
    return "research" if command in RESEARCH_COMMANDS else "game"


def _wanted_stamp() -> str:
    """What the environment was installed from: changing pyproject.toml or Python reinstalls."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return f"{digest} {sys.version_info[0]}.{sys.version_info[1]}"


def _installed(wanted: str, profile: str) -> bool:
    """Whether the stamp says this pyproject.toml and Python were installed with `profile` or a larger one."""
    try:
        parts = STAMP.read_text().split()
    except OSError:
        return False
    if " ".join(parts[:2]) != wanted:
        return False
    done = parts[2] if len(parts) > 2 else "test"   # a stamp from before profiles: everything was installed
    order = list(PROFILES)
    return done in PROFILES and order.index(done) >= order.index(profile)


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


def _install_offline(python: Path, wheelhouse: Path, extras: str) -> None:
    """Install what `extras` needs from the wheelhouse only (no index, no network) and link this folder
    into the environment (a .pth file: nothing to build, so no build tools are needed)."""
    if not wheelhouse.is_dir():
        sys.exit(f"Hotline: the wheelhouse {wheelhouse} (HOTLINE_WHEELHOUSE) is not a folder.")
    sys.path.insert(0, str(ROOT))
    from game.lesson.wheelhouse import requirements   # standard library only: safe before the install

    names = tuple(e.strip() for e in extras.strip("[]").split(",") if e.strip())
    print(f"Hotline: installing dependencies from the wheelhouse {wheelhouse} (no network needed) ...", flush=True)
    cmd = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-index",
           "--find-links", str(wheelhouse), *requirements(ROOT, names)]
    if subprocess.call(cmd) != 0:
        sys.exit(f"Hotline: installing from the wheelhouse {wheelhouse} failed (see pip's message above). It must "
                 "be made for this system and Python version (and hold the test tools for `run.py test`): make it "
                 "again with `python run.py wheelhouse` (see its options) on a machine with a network.")
    site = subprocess.check_output([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   text=True).strip()
    (Path(site) / "hotline-project.pth").write_text(str(ROOT) + "\n", encoding="utf-8")


def _bootstrap(profile: str) -> Path:
    """Create `.venv` and install the project with `profile`'s extras unless that is already done
    (from a wheelhouse, with no network, when there is one)."""
    python = _venv_python()
    wanted = _wanted_stamp()
    if python.exists() and _installed(wanted, profile):
        return python
    if sys.version_info < (3, 11):
        sys.exit(f"Hotline needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not python.exists() or not STAMP.exists():
        # no stamp: never installed completely (e.g. the first run was interrupted), so start afresh
        print("Hotline: creating a virtual environment in .venv (first run only) ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    extras, what = PROFILES[profile]
    wheelhouse = _wheelhouse()
    if wheelhouse is not None:
        _install_offline(python, wheelhouse, extras)
    else:
        print(f"Hotline: installing dependencies ({what}) ...", flush=True)
        cmd = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", f"{ROOT}{extras}"]
        if subprocess.call(cmd) != 0:
            sys.exit("Hotline: installing the dependencies failed (see pip's message above). "
                     "Check your network connection and run the command again (for machines without a network: "
                     "`python run.py wheelhouse` on one with a network, see the teacher's guide).")
    STAMP.write_text(f"{wanted} {profile}\n")
    return python


def main() -> int:
    # Already in a working environment (our .venv, or a developer's own `pip install -e .`): run.
    if _inside_our_venv() or (os.environ.get("HOTLINE_NO_BOOTSTRAP") or sys.prefix != sys.base_prefix) \
            and _deps_importable():
        sys.path.insert(0, str(ROOT))
        from game.cli.main import main as cli_main

        return cli_main(sys.argv[1:])
    python = _bootstrap(_profile(sys.argv[1:]))
    try:
        return subprocess.call([str(python), str(ROOT / "run.py"), *sys.argv[1:]])
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

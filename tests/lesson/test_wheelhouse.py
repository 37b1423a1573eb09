"""Offline installs for school machines: a wheelhouse made beforehand, and `run.py` installing from
it with the network switched off (pip --no-index; in a network namespace with no network where the
system allows one, else with every proxy pointed at a closed port and pip's own configuration off)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

from game.lesson.wheelhouse import from_installed, needed, pack, requirements

ROOT = Path(__file__).resolve().parents[2]


def _no_network_prefix() -> list[str]:
    """`unshare -rn` (a user and network namespace: no network at all) when this system allows it."""
    tool = shutil.which("unshare")
    if tool and subprocess.run([tool, "-rn", "true"], capture_output=True).returncode == 0:
        return [tool, "-rn"]
    return []


def _offline_env(home: Path, wheelhouse: Path) -> dict[str, str]:
    dead = "http://127.0.0.1:9"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "HOTLINE_", "VIRTUAL_ENV", "PYTHON"))
           and k.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")}
    env.update(HOME=str(home), PIP_CONFIG_FILE=os.devnull, HOTLINE_WHEELHOUSE=str(wheelhouse),
               HTTP_PROXY=dead, HTTPS_PROXY=dead, http_proxy=dead, https_proxy=dead, PIP_INDEX_URL=dead + "/simple",
               PIP_DEFAULT_TIMEOUT="2", PIP_RETRIES="0")
    return env


def test_a_packed_wheel_holds_the_installed_files_and_a_fresh_record(tmp_path):
    wheel = pack(metadata.distribution("six"), tmp_path)
    assert wheel.name.startswith("six-") and wheel.name.endswith("-none-any.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        record = zf.read(next(n for n in names if n.endswith(".dist-info/RECORD"))).decode()
    assert "six.py" in names and not any("__pycache__" in n for n in names)
    assert "six.py,sha256=" in record and not any(n.endswith(("INSTALLER", "direct_url.json")) for n in names)


def test_the_wheelhouse_holds_every_requirement_and_neither_pip_nor_the_project():
    names = {re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower() for d in needed(requirements())}
    for req in requirements():
        assert re.split(r"[<>=!~ \[]", req)[0].lower() in names, req
    assert not names & {"hotline", "pip", "setuptools"}


def test_a_school_machine_installs_from_the_wheelhouse_with_the_network_off(tmp_path):
    """Made from the packages installed here (no network either), copied with the project folder to a
    'school machine' (a fresh folder without .venv), where `python run.py` installs with the network off."""
    wheelhouse = tmp_path / "usb" / "wheelhouse"
    from_installed(wheelhouse, compress=False)   # stored, not deflated: the same files, made in a fraction of the time
    school = tmp_path / "school" / "hotline"
    school.mkdir(parents=True)
    for name in ("run.py", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, school / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("game", "scenarios"):
        shutil.copytree(ROOT / folder, school / folder, ignore=ignore)
    python = getattr(sys, "_base_executable", None) or sys.executable
    cmd = [*_no_network_prefix(), python, "run.py", "play", "--moscow", "dove", "--washington", "hawk", "--seed", "3"]
    proc = subprocess.run(cmd, cwd=school, env=_offline_env(tmp_path, wheelhouse), capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert "installing dependencies from the wheelhouse" in proc.stdout and "outcome:" in proc.stdout
    assert (school / ".venv").is_dir()

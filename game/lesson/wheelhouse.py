"""A wheelhouse: every package the game needs, as wheel files in one folder, so school machines with
no network can install it (the game only: the research tools and the test suite are left out unless
asked for with `extras`, e.g. ("test",)) (`run.py` installs from a folder named `wheelhouse` next to it, or from
$HOTLINE_WHEELHOUSE, with pip's --no-index).

Two ways to make one:
- `download(dest)`: pip downloads the pinned requirements (binary wheels only), for this machine or,
  with `platform` and `python_version`, for the school's (e.g. Windows, Python 3.12);
- `from_installed(dest)`: no network at all — the packages already installed here are packed back
  into wheels (for machines like this one: same system, same Python).
"""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

from game.errors import HotlineError

ROOT = Path(__file__).resolve().parents[2]
#: never packed: the installer itself and the project (run.py links the project folder instead)
SKIP = {"pip", "setuptools", "wheel", "hotline"}
_DROP = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


class WheelhouseError(HotlineError, RuntimeError):
    """A wheelhouse that could not be made; the message says what to do."""


def requirements(root: Path = ROOT, extras: tuple[str, ...] = ()) -> list[str]:
    """What the game needs (the project's `dependencies`), plus the named optional extras (e.g.
    "test"), with the project's references to its own extras (`hotline[analysis]`) expanded."""
    import tomllib

    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    optional = project.get("optional-dependencies", {})
    own = _canonical(project.get("name", "hotline"))
    out, todo, seen = list(project.get("dependencies", [])), list(extras), set()
    while todo:
        extra = todo.pop(0)
        if extra in seen:
            continue
        seen.add(extra)
        for req in optional.get(extra, []):
            name, _, rest = req.partition("[")
            if _canonical(name.strip()) == own:
                todo += [e.strip() for e in rest.rstrip("]").split(",") if e.strip()]
            elif req not in out:
                out.append(req)
    return out


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def download(dest: Path, platform: list[str] | None = None, python_version: str | None = None,
             root: Path = ROOT, extras: tuple[str, ...] = ()) -> list[Path]:
    """pip-download the requirements' wheels into `dest` (needs the network); returns the wheels."""
    dest.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--only-binary=:all:",
           "--dest", str(dest)]
    for tag in platform or ():
        cmd += ["--platform", tag]
    if python_version:
        cmd += ["--python-version", python_version, "--implementation", "cp"]
    if subprocess.call(cmd + requirements(root, extras)) != 0:
        raise WheelhouseError("pip could not download the packages (see its message above): check the network, "
                              "or make the wheelhouse from this machine's own packages with --from-installed")
    return sorted(dest.glob("*.whl"))


# ---------------------------------------------------------------------------- from the installed packages

def needed(roots: list[str]) -> list[metadata.Distribution]:
    """The installed distributions the requirement strings need, with their own requirements."""
    from packaging.markers import default_environment
    from packaging.requirements import Requirement

    env = default_environment()
    out: dict[str, metadata.Distribution] = {}
    todo = [(Requirement(r), ()) for r in roots]
    while todo:
        req, extras = todo.pop()
        if req.marker is not None and not any(req.marker.evaluate({**env, "extra": e}) for e in (extras or ("",))):
            continue
        name = _canonical(req.name)
        if name in out or name in SKIP:
            continue
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            raise WheelhouseError(f"'{req.name}' is not installed here, so it cannot be packed: run "
                                  f"`python run.py` once with the network, or make the wheelhouse without "
                                  f"--from-installed") from None
        out[name] = dist
        todo += [(Requirement(r), tuple(req.extras)) for r in (dist.requires or [])]
    return sorted(out.values(), key=lambda d: _canonical(d.metadata["Name"]))


def _tags(dist: metadata.Distribution) -> str:
    """The wheel tags of an installed distribution, from its WHEEL file (`py3-none-any` if it has none)."""
    wheel = dist.read_text("WHEEL") or ""
    tags = [line.split(":", 1)[1].strip() for line in wheel.splitlines() if line.startswith("Tag:")]
    if not tags:
        return "py3-none-any"
    parts = [t.split("-") for t in tags if t.count("-") == 2]
    return "-".join(".".join(sorted({p[k] for p in parts})) for k in range(3))


def _hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def pack(dist: metadata.Distribution, dest: Path, compress: bool = True) -> Path:
    """One installed distribution packed back into a wheel in `dest` (its files under site-packages;
    scripts are made again by pip from the entry points)."""
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    wheel = dest / f"{name}-{dist.version}-{_tags(dist)}.whl"
    files = [f for f in (dist.files or []) if not str(f).startswith("..") and "__pycache__" not in f.parts]
    info = next((f.parts[0] for f in files if f.parts[0].endswith(".dist-info")), None)
    if info is None:
        raise WheelhouseError(f"'{dist.metadata['Name']}' has no record of its files; reinstall it with pip")
    rows = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED) as zf:
        for f in files:
            if f.parts[0] == info and f.name in _DROP:
                continue
            path = Path(dist.locate_file(f))
            if not path.is_file():
                continue
            data = path.read_bytes()
            zf.writestr(f.as_posix(), data)
            rows.append((f.as_posix(), _hash(data), str(len(data))))
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([*rows, (f"{info}/RECORD", "", "")])
        zf.writestr(f"{info}/RECORD", buf.getvalue())
    return wheel


def from_installed(dest: Path, root: Path = ROOT, compress: bool = True, extras: tuple[str, ...] = ()) -> list[Path]:
    """Pack the installed packages the requirements need into wheels in `dest` (no network);
    `compress` False stores the files uncompressed (larger, much faster to make and install)."""
    dest.mkdir(parents=True, exist_ok=True)
    return [pack(dist, dest, compress) for dist in needed(requirements(root, extras))]


README = """Hotline wheelhouse: the packages Hotline needs, for machines without a network.

Copy the whole Hotline folder, with this folder in it as `wheelhouse`, to each machine, then run
    python run.py
there: it installs from these files with pip --no-index (no network) and starts the game. A
wheelhouse kept somewhere else is used with HOTLINE_WHEELHOUSE=/path/to/it python run.py.

The wheels suit machines with the system and Python version they were made for:
{made_for}
"""


def write_readme(dest: Path, made_for: str) -> None:
    (dest / "README.txt").write_text(README.format(made_for=made_for), encoding="utf-8")

"""`python run.py wheelhouse [DIR]`: every package the game needs as wheel files, for offline installs.

Run it before class on a machine with a network; copy the Hotline folder with DIR in it (default:
the `wheelhouse` folder next to run.py) to the school machines, where `python run.py` then
installs from it without any network. For school machines with another system or Python, name
theirs: --platform win_amd64 --python-version 3.12 (macOS: macosx_11_0_arm64 or
macosx_10_9_x86_64; Linux: manylinux2014_x86_64). With --from-installed no network is needed at
all: the packages installed here are packed (for machines like this one).

Exit codes: 0 made, 1 failed (pip's message says why).
"""
from __future__ import annotations

import argparse
import platform as _platform
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = __doc__.split("\n", 1)[1]
    parser.add_argument("dir", nargs="?", metavar="DIR", help="where to put the wheels (default: ./wheelhouse "
                        "next to run.py)")
    parser.add_argument("--from-installed", action="store_true", help="pack the packages installed here "
                        "(no network; for machines with this system and Python)")
    parser.add_argument("--platform", action="append", metavar="TAG", help="the school machines' platform "
                        "tag (repeatable), e.g. win_amd64")
    parser.add_argument("--python-version", metavar="X.Y", help="the school machines' Python, e.g. 3.12")
    parser.add_argument("--with-tests", action="store_true", help="also the test suite and research tools "
                        "(pytest, pandas, ray ...: much larger; not needed to play)")


def run(args: argparse.Namespace) -> int:
    from game.lesson.wheelhouse import ROOT, WheelhouseError, download, from_installed, write_readme

    dest = Path(args.dir) if args.dir else ROOT / "wheelhouse"
    if args.from_installed and (args.platform or args.python_version):
        print("wheelhouse: error: --from-installed packs this machine's packages; --platform and "
              "--python-version are for downloading", file=sys.stderr)
        return 2
    extras = ("test",) if args.with_tests else ()
    try:
        if args.from_installed:
            wheels = from_installed(dest, extras=extras)
            made_for = f"{_platform.system()} {_platform.machine()}, Python {sys.version_info[0]}.{sys.version_info[1]} (packed from this machine)"
        else:
            wheels = download(dest, args.platform, args.python_version, extras=extras)
            made_for = (f"platform {', '.join(args.platform)}" if args.platform else
                        f"{_platform.system()} {_platform.machine()}") + \
                f", Python {args.python_version or f'{sys.version_info[0]}.{sys.version_info[1]}'}"
        write_readme(dest, made_for)
    except (WheelhouseError, OSError) as exc:
        print(f"wheelhouse: error: {exc}", file=sys.stderr)
        return 1
    print(f"{len(wheels)} wheels in {dest} for {made_for}.")
    print("Copy the Hotline folder with it to the school machines and run `python run.py` there: it installs "
          "from these files without a network" + ("" if dest.resolve() == (ROOT / "wheelhouse").resolve() else
                                                   f" (set HOTLINE_WHEELHOUSE={dest} if it is not the folder "
                                                   "'wheelhouse' next to run.py)") + ".")
    return 0

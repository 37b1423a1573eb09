"""One writer per save: a second game is refused while the first runs; a killed game's lock frees."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from game.filelock import LOCK_PREFIX, FileLock, LockedError, clean_stale_locks, lock_path

ROOT = Path(__file__).resolve().parents[1]


def test_a_second_writer_is_refused_while_the_first_holds_the_file(tmp_path):
    save = tmp_path / "s.json"
    with FileLock(save):
        with pytest.raises(LockedError, match=f"another Hotline game is saving to this file \\(process {os.getpid()}\\)"):
            FileLock(save).acquire()
    with FileLock(save):   # released: free again
        pass
    assert not lock_path(save).exists()   # a released lock leaves no file


def test_the_lock_file_name_is_short_whatever_the_save_name(tmp_path):
    save = tmp_path / ("n" * 250 + ".json")
    assert len(lock_path(save).name) == len(LOCK_PREFIX) + 20
    with FileLock(save):
        pass


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_a_killed_holder_frees_the_lock_and_its_file_is_cleaned(tmp_path):
    save = tmp_path / "s.json"
    code = ("import sys, time; from game.filelock import FileLock; FileLock(sys.argv[1]).acquire(); "
            "print('locked', flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(save)], cwd=ROOT, stdout=subprocess.PIPE,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        assert proc.stdout.readline().strip() == b"locked"
        with pytest.raises(LockedError):
            FileLock(save).acquire()
        assert clean_stale_locks(tmp_path) == []       # held: never removed
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
        proc.wait()
    assert lock_path(save).exists()                     # kill -9 left the file ...
    assert clean_stale_locks(tmp_path) == [lock_path(save)]   # ... which the next start removes
    with FileLock(save):
        pass

"""Files read and written for the user: regular files only, bounded reads, atomic writes that never
replace a special file, and no temporary file outliving a killed writer."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from game.files import (TEMP_PREFIX, TEMP_SUFFIX, FileProblem, check_target, clean_stale_temps, read_limited,
                        write_atomic)
from game.jsonfile import JsonFileError, parse_json, read_json

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, /dev/zero and kill are POSIX")


# ---------------------------------------------------------------------------- reading

@posix_only
def test_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "save.json"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="is a pipe \\(FIFO\\), not a regular file"):
        read_limited(fifo, 1000)


@posix_only
def test_a_symlink_to_dev_zero_is_refused_without_reading_it(tmp_path):
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(JsonFileError, match="is a device, not a regular file"):
        read_json(link)


def test_a_folder_and_a_missing_file_are_named(tmp_path):
    with pytest.raises(FileProblem, match="is a folder, not a file"):
        read_limited(tmp_path, 10)
    with pytest.raises(FileProblem, match="no such file"):
        read_limited(tmp_path / "nope.json", 10)


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 101)
    with pytest.raises(FileProblem, match="too large \\(101 bytes; the limit is 100\\)"):
        read_limited(big, 100)
    assert read_limited(big, 101) == b" " * 101


@pytest.mark.parametrize("raw, reason", [
    (b"NaN", "NaN"),
    (b'{"a": [Infinity]}', "Infinity"),
    (b'{"a": -Infinity}', "-Infinity"),
    (b"[1e999]", "too large to be finite"),
    (b"1" * 5000, "an integer of 5,000 digits"),
    (b"-" + b"7" * 100, "an integer of 100 digits"),
    (b"[" * 100_000, "nested too deeply"),
    (b"[" * 65 + b"]" * 65, "nested more than 64 levels deep"),
    (b'{"a":' * 65 + b"1" + b"}" * 65, "nested more than 64 levels deep"),
    (b"0." + b"1" * 1000, "written with 1,002 characters"),
])
def test_json_our_writer_never_produces_is_refused_clearly(raw, reason):
    with pytest.raises(JsonFileError, match=f"^x: not usable JSON \\(.*{reason}"):
        parse_json(raw, "x")


def test_ordinary_json_still_reads():
    assert parse_json(b'{"seed": 340282366920938463463374607431768211455, "x": [1.5, -2, null]}', "x") == \
        {"seed": 2**128 - 1, "x": [1.5, -2, None]}
    assert parse_json(b"[" * 64 + b"]" * 64, "x") is not None


# ---------------------------------------------------------------------------- writing

@pytest.mark.parametrize("name, reason", [
    ("", "no file name given"),
    ("   ", "no file name given"),
    (".", "names a folder"),
    ("..", "names a folder"),
    ("x/", "names a folder"),
    ("x/.", "names a folder"),
    ("x/..", "names a folder"),
    ("a" * 300 + ".json", "the file name is too long"),
])
def test_names_that_cannot_be_a_file_are_refused(tmp_path, monkeypatch, name, reason):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileProblem, match=reason):
        check_target(name)
    with pytest.raises(FileProblem, match=reason):
        write_atomic(name, "{}")
    assert list(tmp_path.iterdir()) == []


@posix_only
def test_a_special_file_is_never_replaced_by_a_write(tmp_path):
    fifo = tmp_path / "record.json"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="is a pipe \\(FIFO\\), not a file; refusing to write over it"):
        write_atomic(fifo, "{}")
    assert fifo.is_fifo() and sorted(p.name for p in tmp_path.iterdir()) == ["record.json"]


@posix_only
def test_a_symlink_or_folder_is_not_written_over(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("kept")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    with pytest.raises(FileProblem, match="is a symbolic link"):
        write_atomic(link, "{}")
    (tmp_path / "dir.json").mkdir()
    with pytest.raises(FileProblem, match="is a folder, not a file"):
        write_atomic(tmp_path / "dir.json", "{}")
    assert target.read_text() == "kept" and link.is_symlink()


def test_a_long_name_fits_because_the_temporary_name_is_short(tmp_path):
    path = tmp_path / ("a" * 240 + ".json")
    write_atomic(path, "{}")
    assert path.read_text() == "{}" and [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_write_keeps_the_file_permissions(tmp_path):
    path = tmp_path / "s.json"
    path.write_text("old")
    path.chmod(0o640)
    write_atomic(path, "new")
    assert path.read_text() == "new" and path.stat().st_mode & 0o777 == 0o640


# ---------------------------------------------------------------------------- stale temporary files

def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_only_our_temporary_files_of_dead_writers_are_cleaned(tmp_path):
    dead = tmp_path / f"{TEMP_PREFIX}{_dead_pid()}-abcd1234{TEMP_SUFFIX}"
    alive = tmp_path / f"{TEMP_PREFIX}{os.getpid()}-abcd1234{TEMP_SUFFIX}"
    other = tmp_path / ".save.json.x1y2.tmp"
    garbage = tmp_path / f"{TEMP_PREFIX}notapid{TEMP_SUFFIX}"
    for p in (dead, alive, other, garbage):
        p.write_text("partial")
    assert sorted(clean_stale_temps(tmp_path)) == sorted([dead, garbage])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name])
    assert clean_stale_temps(tmp_path / "missing") == []

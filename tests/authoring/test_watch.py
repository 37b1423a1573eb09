"""Live reload's logic: a valid edit is taken, a broken edit reports where and keeps the last good
version, fixing it is taken again; nothing is reported when nothing changed."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from game.authoring.watch import Broken, Reloaded, ScenarioWatch
from game.present.reload import broken_lines, reloaded_line
from game.scenario.load import find_scenario


@pytest.fixture
def copy(tmp_path) -> Path:
    path = tmp_path / "mine.yaml"
    shutil.copy(find_scenario("cuba_1962"), path)
    return path


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))   # a later save, even on a coarse clock


def test_first_load_then_nothing_changed_reports_nothing(copy):
    watch = ScenarioWatch(copy)
    first = watch.start()
    assert isinstance(first, Reloaded) and watch.good is first.scenario and not watch.broken
    assert [watch.poll() for _ in range(8)] == [None] * 8


def test_a_valid_edit_reloads(copy):
    watch = ScenarioWatch(copy)
    watch.start()
    text = copy.read_text(encoding="utf-8")
    _touch(copy, text.replace("title: \"", "title: \"Edited ", 1))
    change = watch.poll()
    assert isinstance(change, Reloaded) and change.scenario.model.title.startswith("Edited ")
    assert watch.reloads == 1 and watch.poll() is None


def test_a_broken_edit_keeps_the_last_good_version_and_says_where(copy):
    watch = ScenarioWatch(copy)
    good = watch.start().scenario
    text = copy.read_text(encoding="utf-8")
    _touch(copy, text.replace("max_turns:", "max_turns: [", 1))
    change = watch.poll()
    assert isinstance(change, Broken) and watch.good is good and watch.broken
    issue = change.issues[0]
    assert issue.file == str(copy) and issue.line > 1 and "YAML syntax" in issue.message
    _touch(copy, text.replace("max_turns: ", "max_turns: -", 1))     # valid YAML, invalid value: a key path
    change = watch.poll()
    assert isinstance(change, Broken) and any(i.path == "max_turns" for i in change.issues)
    _touch(copy, text)                                                  # fixed: taken again
    assert isinstance(watch.poll(), Reloaded) and not watch.broken


def test_a_save_within_one_clock_tick_of_the_same_size_is_still_seen(copy):
    watch = ScenarioWatch(copy, recheck=3)
    watch.start()
    st = os.stat(copy)
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("title: \"T", "title: \"X", 1), encoding="utf-8")
    os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns))                 # same mtime, same size
    changes = [watch.poll() for _ in range(3)]
    assert isinstance(changes[-1], Reloaded) and changes[:2] == [None, None]


def test_a_missing_file_is_an_error_until_it_comes_back(copy):
    watch = ScenarioWatch(copy)
    watch.start()
    text = copy.read_text(encoding="utf-8")
    copy.unlink()
    change = watch.poll()
    assert isinstance(change, Broken) and "cannot read" in change.issues[0].message and watch.good is not None
    assert watch.poll() is None                                         # said once
    _touch(copy, text)
    assert isinstance(watch.poll(), Reloaded)


def test_the_words_name_the_file_the_seed_and_every_issue(copy):
    watch = ScenarioWatch(copy)
    watch.start()
    _touch(copy, "title: [\n")
    issues = watch.poll().issues
    lines = broken_lines(copy, issues, running=True)
    assert lines[0].startswith("mine.yaml: 1 error") and "last good version keeps running" in lines[0]
    assert lines[1].startswith(f"{copy}:")
    assert "same seed 7" in reloaded_line(copy, seed=7) and reloaded_line(copy) == "Reloaded mine.yaml."

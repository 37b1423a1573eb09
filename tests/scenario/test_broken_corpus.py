"""Every file in broken/ breaks one rule; manifest.tsv states the line and words of its error."""
from __future__ import annotations

import importlib.util

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.validate import validate_file

from .conftest import BROKEN, HERE


def manifest() -> list[tuple[str, int, str, str]]:
    rows = []
    for line in (BROKEN / "manifest.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, number, message, rule = line.split("\t")
            rows.append((name, int(number), message, rule))
    return rows


ROWS = manifest()


def test_the_corpus_has_at_least_35_files_and_each_is_listed_once():
    names = [row[0] for row in ROWS]
    assert len(names) >= 35
    assert len(set(names)) == len(names)
    assert sorted(names) == sorted(p.name for p in BROKEN.glob("*.yaml"))


@pytest.mark.parametrize("name, line, message, rule", ROWS, ids=[row[0] for row in ROWS])
def test_broken_file_reports_its_rule_at_the_expected_line(name, line, message, rule):
    path = BROKEN / name
    with pytest.raises(ScenarioError) as info:
        validate_file(path)
    issues = info.value.issues
    assert all(i.file == str(path) and i.line >= 1 and i.col >= 1 for i in issues)
    assert all("\n" not in i.message for i in issues)
    matching = [i for i in issues if i.line == line and (message == "-" or message in i.message)]
    assert matching, f"rule '{rule}': expected line {line} with {message!r}; got:\n" + "\n".join(map(str, issues))


def test_the_corpus_is_what_make_broken_generates(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("make_broken", HERE / "make_broken.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path)
    module.main()
    for made in sorted(tmp_path.iterdir()):
        assert made.read_bytes() == (BROKEN / made.name).read_bytes(), \
            f"{made.name} is stale: run python tests/scenario/make_broken.py"

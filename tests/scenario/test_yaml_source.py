"""Rules of safe YAML reading: plain data only, positions kept, hostile input refused cleanly."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml

from game.scenario import yaml_source
from game.scenario.errors import ScenarioError
from game.scenario.yaml_source import MAX_BYTES, MAX_DEPTH, MAX_NODES, read_file, read_text

from .conftest import MINIMAL


def fatal_message(text: str) -> tuple[int, int, str]:
    """(line, col, message) of the single error reading `text` must raise."""
    with pytest.raises(ScenarioError) as info:
        read_text(text, "t.yaml")
    assert len(info.value.issues) == 1
    issue = info.value.issues[0]
    return issue.line, issue.col, issue.message


def plain_types(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain_types(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain_types(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool, dt.date))


# --- positions ---------------------------------------------------------------------------

def test_every_value_keeps_its_line_and_column():
    doc = read_text("a: 1\nb:\n  - x\n  - {c: 'hé', d: 2}\n")
    assert (doc.mark(("a",)).line, doc.mark(("a",)).col) == (1, 4)
    assert (doc.mark(("b", 0)).line, doc.mark(("b", 0)).col) == (3, 5)
    assert (doc.mark(("b", 1, "d")).line, doc.mark(("b", 1, "d")).col) == (4, 18)  # é is one column


def test_key_mark_points_at_the_key_and_missing_paths_at_the_nearest_parent():
    doc = read_text("top:\n  inner: 5\n")
    assert (doc.key_mark(("top", "inner")).line, doc.key_mark(("top", "inner")).col) == (2, 3)
    assert doc.mark(("top", "missing", 3)).line == 2  # the `top` mapping starts on line 2
    assert doc.locate(("top", "missing"))[1] == 1


@pytest.mark.parametrize("line, expected_col", [
    ("k: tension >= 7", 4 + 8),        # plain: value starts at col 4
    ("k: 'tension >= 7'", 5 + 8),      # single-quoted: one more for the quote
    ('k: "tension >= 7"', 5 + 8),      # double-quoted
    ('k: "  tension >= 7"', 7 + 8),    # leading spaces inside quotes are skipped like the parser does
])
def test_text_mark_finds_a_column_inside_a_one_line_string(line, expected_col):
    doc = read_text(line + "\n")
    value = doc.data["k"]
    assert doc.text_mark(("k",), value, 8).col == expected_col  # offset 8 is the '>' of '>='


def test_text_mark_inside_a_block_scalar_points_into_its_content_line():
    doc = read_text("k: |\n    tension >= 7\n")
    mark = doc.text_mark(("k",), doc.data["k"], 8)
    assert (mark.line, mark.col) == (2, 13)


def test_text_mark_falls_back_to_the_string_start_when_escapes_shift_columns():
    doc = read_text('k: "ten\\u0073ion >= 7"\n')
    mark = doc.text_mark(("k",), doc.data["k"], 8)
    assert (mark.line, mark.col) == (1, 4)


def test_windows_line_endings_keep_line_numbers():
    doc = read_text("a: 1\r\nb: 2\r\nc: 3\r\n")
    assert doc.mark(("c",)).line == 3


def test_a_bom_is_accepted_and_does_not_shift_columns(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\nb: x\n")
    doc = read_file(path)
    assert doc.data == {"a": 1, "b": "x"}
    assert (doc.mark(("a",)).line, doc.mark(("a",)).col) == (1, 4)


# --- plain data only ---------------------------------------------------------------------

def test_python_tags_never_construct_objects(tmp_path):
    marker = tmp_path / "pwned"
    text = (f"a: !!python/object/apply:os.system ['touch {marker}']\n"
            f"b: !!python/object/new:subprocess.Popen [['touch', '{marker}']]\n"
            "c: !!python/name:os.system\n")
    doc = read_text(text, "t.yaml")
    assert not marker.exists()
    assert plain_types(doc.data)
    assert [i.line for i in doc.issues] == [1, 2, 3]
    assert all("is not allowed" in i.message for i in doc.issues)


def test_only_plain_types_come_out_of_the_minimal_fixture():
    doc = read_file(MINIMAL)
    assert plain_types(doc.data)
    assert doc.data["start_date"] == dt.date(2022, 2, 1)
    assert doc.issues == []


def test_explicit_core_tags_are_allowed():
    doc = read_text("a: !!str 12\nb: !!int '12'\nc: !!float 1\n")
    assert doc.data == {"a": "12", "b": 12, "c": 1.0} and doc.issues == []


def test_merge_keys_copy_missing_keys_and_written_keys_win():
    doc = read_text("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n")
    assert doc.data["m"] == {"x": 1, "y": 3}
    assert doc.mark(("m", "x")).line == 1  # a merged value is reported where it is written


def test_an_alias_reuses_the_anchored_value_and_its_positions():
    doc = read_text("a: &fx [tension += 1]\nb: *fx\n")
    assert doc.data["b"] == ["tension += 1"]
    assert doc.mark(("b", 0)).line == 1


def test_non_text_keys_are_reported_and_kept_as_written():
    doc = read_text("on: 1\n12: 2\n2022-02-01: 3\n")
    assert set(doc.data) == {"on", "12", "2022-02-01"}
    assert [i.line for i in doc.issues] == [1, 2, 3]
    assert "boolean true" in doc.issues[0].message


def test_duplicate_keys_name_both_lines_and_keep_the_first_value():
    doc = read_text("a: 1\nb: 2\na: 3\n")
    assert doc.data["a"] == 1
    assert doc.issues[0].line == 3 and "first defined at line 1" in doc.issues[0].message


# --- hostile input -----------------------------------------------------------------------

def test_billion_laughs_alias_bomb_is_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    line, _, message = fatal_message("\n".join(lines) + "\n")   # refused by count, not by a clock
    assert f"more than {MAX_NODES:,} values" in message
    assert 2 <= line <= 10


def test_50000_levels_of_flow_nesting_are_refused_before_parsing(monkeypatch):
    def no_parser(*args, **kwargs):
        raise AssertionError("the parser must not see this text")

    monkeypatch.setattr(yaml_source, "_Loader", no_parser)
    line, col, message = fatal_message("a: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert (line, col) == (1, 4 + MAX_DEPTH)
    assert f"nested more than {MAX_DEPTH} levels deep" in message


def test_nesting_hidden_from_the_prescan_by_quoted_brackets_is_still_refused():
    text = "a: " + '["]", ' * 2000 + "1" + "]" * 2000 + "\n"
    _, _, message = fatal_message(text)
    assert f"nested more than {MAX_DEPTH} levels deep" in message


def test_deep_block_nesting_is_refused():
    text = "".join("  " * i + "-\n" for i in range(MAX_DEPTH + 5))
    line, _, message = fatal_message(text)
    assert line == MAX_DEPTH + 1 and "levels deep" in message


def test_nesting_at_the_limit_is_fine():
    doc = read_text("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n")
    assert isinstance(doc.data["a"], list)


def test_too_many_values_are_refused(monkeypatch):
    monkeypatch.setattr(yaml_source, "MAX_NODES", 5_000)  # the real limit works the same, only slower
    _, col, message = fatal_message("a: [" + "1," * 6_000 + "1]\n")
    assert "more than 5,000 values" in message and 9_000 < col < 10_010  # stops at about the 5,000th item


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: costs no disk

    def no_open(*args, **kwargs):
        raise AssertionError("a file over the limit must not be opened")

    monkeypatch.setattr("builtins.open", no_open)
    with pytest.raises(ScenarioError) as info:
        read_file(path)
    assert "too large" in info.value.issues[0].message


def test_huge_text_is_refused():
    line, _, message = fatal_message("a: " + "x" * MAX_BYTES + "\n")
    assert line == 1 and "too large" in message


@pytest.mark.parametrize("data, line, col", [
    (b"a: 1\nb: caf\xe9\n", 2, 7),
    (b"a: \xc3\xa9\xff\n", 1, 5),  # column counts characters, not bytes
])
def test_non_utf8_bytes_say_where(tmp_path, data, line, col):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(data)
    with pytest.raises(ScenarioError) as info:
        read_file(path)
    issue = info.value.issues[0]
    assert (issue.line, issue.col) == (line, col)
    assert "not valid UTF-8" in issue.message


def test_a_missing_file_and_a_folder_are_clear_errors(tmp_path):
    for path, words in ((tmp_path / "nope.yaml", "no such file"), (tmp_path, "is a folder")):
        with pytest.raises(ScenarioError) as info:
            read_file(path)
        assert words in info.value.issues[0].message


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_or_a_device_is_refused_without_waiting_or_reading(tmp_path):
    import os

    fifo = tmp_path / "trap.yaml"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero"):
        with pytest.raises(ScenarioError) as info:
            read_file(path)
        assert "not a regular file" in info.value.issues[0].message


def test_a_syntax_error_gives_its_line_and_one_line_message():
    line, _, message = fatal_message("a: 1\nb: [1, 2\nc: 3\n")
    assert line in (2, 3) and message.startswith("YAML syntax error") and "\n" not in message


def test_tab_indentation_is_named():
    line, col, message = fatal_message("a:\n  b: 1\n\tc: 2\n")
    assert (line, col) == (3, 1) and "tab" in message


def test_recursion_in_the_parser_becomes_an_error(monkeypatch):
    def deep(self, loader):
        raise RecursionError

    monkeypatch.setattr(yaml_source._Builder, "_run", deep)
    _, _, message = fatal_message("a: 1\n")
    assert "nested too deeply" in message


def test_the_pure_python_parser_reads_the_same_data_and_positions(monkeypatch):
    fast = read_file(MINIMAL)
    monkeypatch.setattr(yaml_source, "_Loader", yaml.SafeLoader)
    slow = read_file(MINIMAL)
    assert slow.data == fast.data
    for path in (("actions", "moscow", 1, "effects", 0), ("events", 1, "chance_in", "crisis"), ("sides",)):
        assert slow.mark(path) == fast.mark(path)
        assert slow.key_mark(path) == fast.key_mark(path)


def test_the_pure_python_parser_refuses_a_control_character(monkeypatch):
    monkeypatch.setattr(yaml_source, "_Loader", yaml.SafeLoader)
    line, col, message = fatal_message("a: 1\nb: x\x00y\n")
    assert (line, col) == (2, 5) and "U+0000" in message


def test_a_plain_merge_sign_outside_a_key_is_just_text():
    doc = read_text("a: [<<]\nb: {'<<': 1}\n")
    assert doc.data == {"a": ["<<"], "b": {"<<": 1}} and doc.issues == []


def test_a_merge_of_something_other_than_a_mapping_is_reported():
    doc = read_text("m:\n  <<: [1]\n  x: 2\n")
    assert doc.data == {"m": {"x": 2}}
    assert (doc.issues[0].line, "merges only mappings" in doc.issues[0].message) == (2, True)

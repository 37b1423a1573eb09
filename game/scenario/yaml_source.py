"""Safe YAML reading that remembers where every value came from.

We never let PyYAML construct objects: we read its event stream (libyaml's CParser when
available, else the pure-Python parser) and build plain dicts, lists, strings, numbers, bools,
dates and None ourselves, without recursion. Alongside the data we keep a tree of positions, so
any later error about a key path can be reported as `file:line:col`.

Hostile or broken input (syntax errors, duplicate keys, foreign tags, alias bombs, deep
nesting, huge or non-UTF-8 files) ends in a `ScenarioError` with one clear line, never a
traceback or a hang. Problems that do not stop the reading (duplicate keys, tags, non-text
keys, YAML 1.1 number spellings) are collected in `YamlDoc.issues` so they are reported
together with the schema errors.
"""
from __future__ import annotations

import codecs
import datetime as dt
import math
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass

import yaml
from yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                         ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent)
from yaml.nodes import ScalarNode

from game.scenario.errors import ScenarioError, ScenarioIssue, format_path

try:
    _Loader = yaml.CSafeLoader  # libyaml: about 3x faster
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES = 2 * 1024 * 1024  #: larger files are refused before they are read
MAX_DEPTH = 100  #: nesting deeper than this is refused (a scenario needs about 8)
MAX_NODES = 250_000  #: values after expanding aliases; stops "billion laughs"

_CORE = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT = (_CORE + t for t in ("str", "null", "bool", "int", "float"))
_TIMESTAMP, _MERGE, _MAP, _SEQ = (_CORE + t for t in ("timestamp", "merge", "map", "seq"))
_SCALAR_TAGS = {_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP}
_BRACKETS = re.compile(r"[\[\]{}]")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_LEGACY_OCTAL = re.compile(r"^[-+]?0[0-9_]+$")


@dataclass(frozen=True)
class Mark:
    """A position in the file, 1-based."""

    line: int
    col: int


class Node:
    """Where one value sits in the file; `kids` mirrors the value's dict/list, `keys` marks dict keys."""

    __slots__ = ("line", "col", "start", "end", "style", "kids", "keys")

    def __init__(self, line: int, col: int, start: int, end: int, style, kids=None, keys=None):
        self.line, self.col, self.start, self.end = line, col, start, end  # 0-based, char indices
        self.style = style  # None/'' plain, "'" or '"' quoted, '|' or '>' block; for scalars
        self.kids = kids  # dict key -> Node, list of Node, or None for a scalar
        self.keys = keys  # dict key -> (line, col) of the key, 0-based


class YamlDoc:
    """Plain data read from a YAML file, with the position of every value and key."""

    def __init__(self, filename: str, text: str, data, root: Node, issues: list[ScenarioIssue]):
        self.filename, self.text, self.data, self.root, self.issues = filename, text, data, root, issues

    def locate(self, path: Sequence) -> tuple[Node, int]:
        """The node of the longest prefix of `path` present in the file, and that prefix's length."""
        node = self.root
        for depth, part in enumerate(path):
            kids = node.kids
            if isinstance(kids, dict):
                if part.__hash__ is None or part not in kids:
                    return node, depth
                node = kids[part]
            elif isinstance(kids, list) and isinstance(part, int) and 0 <= part < len(kids):
                node = kids[part]
            else:
                return node, depth
        return node, len(path)

    def has(self, path: Sequence) -> bool:
        return self.locate(path)[1] == len(path)

    def mark(self, path: Sequence) -> Mark:
        """Position of the value at `path` (or of the nearest enclosing value that exists)."""
        node, _ = self.locate(path)
        return Mark(node.line + 1, node.col + 1)

    def key_mark(self, path: Sequence) -> Mark:
        """Position of the key that names the value at `path`; for a list item, the item itself."""
        if path:
            parent, depth = self.locate(path[:-1])
            if depth == len(path) - 1 and parent.keys is not None and path[-1] in parent.keys:
                line, col = parent.keys[path[-1]]
                return Mark(line + 1, col + 1)
        return self.mark(path)

    def source(self, path: Sequence) -> str | None:
        """The raw text of the scalar at `path` as written in the file, or None."""
        node, depth = self.locate(path)
        if depth != len(path) or node.kids is not None:
            return None
        return self.text[node.start:node.end]

    def is_plain(self, path: Sequence) -> bool:
        """Whether the scalar at `path` was written unquoted (so YAML guessed its type)."""
        node, depth = self.locate(path)
        return depth == len(path) and node.kids is None and not node.style

    def text_mark(self, path: Sequence, value: str, offset: int) -> Mark:
        """Position of character `offset` of `value.strip()`, the string at `path`.

        Exact when the string sits on one line of the file without escapes; otherwise the
        position of the string's start.
        """
        node, depth = self.locate(path)
        if depth != len(path) or node.kids is not None:
            return Mark(node.line + 1, node.col + 1)
        target = value.strip()
        raw = self.text[node.start:node.end]
        i = raw.find(target) if target and "\n" not in target else -1
        if i < 0:
            return Mark(node.line + 1, node.col + 1)
        index = node.start + i + min(max(offset, 0), len(target))
        line_start = self.text.rfind("\n", 0, index) + 1
        return Mark(node.line + 1 + raw.count("\n", 0, i), index - line_start + 1)


def fatal(filename: str, line: int, col: int, message: str) -> ScenarioError:
    return ScenarioError([ScenarioIssue(filename, line, col, "", message)])


def read_file(path: str | os.PathLike) -> YamlDoc:
    """Read and parse a scenario file; size and encoding are checked before parsing."""
    filename = os.fspath(path)
    try:
        info = os.stat(filename)
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):   # a FIFO would hang the open
            raise fatal(filename, 1, 1, "not a regular file (a pipe, device or socket); refusing to read it")
        size = info.st_size
        if size > MAX_BYTES:
            raise fatal(filename, 1, 1, f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        # never blocks, even if a FIFO was put there since the check
        with open(os.open(filename, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)), "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise fatal(filename, 1, 1, "no such file") from None
    except IsADirectoryError:
        raise fatal(filename, 1, 1, "is a folder, not a scenario file") from None
    except OSError as exc:
        raise fatal(filename, 1, 1, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise fatal(filename, 1, 1, f"file is too large (more than {MAX_BYTES:,} bytes)")
    return read_text(decode(data, filename), filename)


def decode(data: bytes, filename: str) -> str:
    """UTF-8 bytes (with or without a BOM) to text; anything else is an error saying where."""
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                      (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if data.startswith(bom):
            raise fatal(filename, 1, 1, f"file is saved as {name}; save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        col = len(data[line_start:exc.start].decode("utf-8", "replace")) + 1
        raise fatal(filename, line, col,
                    f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8") from None


def read_text(text: str, filename: str = "<text>") -> YamlDoc:
    """Parse YAML text into plain data and positions; raises ScenarioError if it cannot."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if len(text) > MAX_BYTES or (len(text) * 4 > MAX_BYTES and len(text.encode("utf-8")) > MAX_BYTES):
        raise fatal(filename, 1, 1, f"text is too large (more than {MAX_BYTES:,} bytes)")
    _check_flow_depth(text, filename)
    return _Builder(text, filename).build()


def _check_flow_depth(text: str, filename: str) -> None:
    """Cheap scan that refuses absurd `[[[[...` or `{{{{...` nesting before any parser sees it.

    libyaml-based composers recurse in C and can crash on tens of thousands of levels. Brackets
    inside quotes are counted too, which can only over-count; the exact limit is enforced
    again on the event stream.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    for m in _BRACKETS.finditer(text):
        if m.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, m.start()) + 1
                col = m.start() - text.rfind("\n", 0, m.start())
                raise fatal(filename, line, col, f"nested more than {MAX_DEPTH} levels deep")
        elif depth:
            depth -= 1


class _Frame:
    """A mapping or sequence being built from the event stream."""

    __slots__ = ("value", "node", "size", "anchor", "key", "key_node", "merges", "is_map")

    def __init__(self, value, node: Node, anchor: str | None, is_map: bool):
        self.value, self.node, self.anchor, self.is_map = value, node, anchor, is_map
        self.size = 1
        self.key = _NO_KEY
        self.key_node: Node | None = None
        self.merges: list = []


_NO_KEY = object()
_SKIP = object()
_MERGE_KEY = object()


class _Builder:
    """Turns the YAML event stream into data + Node tree, iteratively, with limits."""

    def __init__(self, text: str, filename: str):
        self.text, self.filename = text, filename
        self.issues: list[ScenarioIssue] = []
        self.count = 0
        self.anchors: dict[str, tuple] = {}
        self.open_anchors: set[str] = set()
        self.stack: list[_Frame] = []

    def issue(self, node: Node | Mark, message: str, path: str = "") -> None:
        line, col = (node.line, node.col) if isinstance(node, Mark) else (node.line + 1, node.col + 1)
        self.issues.append(ScenarioIssue(self.filename, line, col, path, message))

    def value_path(self) -> str:
        """The key path of the value being read now (`events[3].date`), from the open mappings
        and lists; '' while a key itself is read or at the top."""
        parts = []
        for frame in self.stack:
            if frame.is_map:
                if frame.key is _NO_KEY or frame.key is _SKIP or frame.key is _MERGE_KEY:
                    return ""
                parts.append(frame.key)
            else:
                parts.append(len(frame.value))
        return format_path(parts)

    def build(self) -> YamlDoc:
        loader = None
        try:
            loader = _Loader(self.text)
            data, root = self._run(loader)
        except yaml.MarkedYAMLError as exc:
            raise self._syntax_error(exc) from None
        except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
            raise self._reader_error(exc) from None
        except RecursionError:
            raise fatal(self.filename, 1, 1, "nested too deeply to read") from None
        finally:
            if loader is not None:
                loader.dispose()
        return YamlDoc(self.filename, self.text, data, root, self.issues)

    def _run(self, loader):
        stack: list[_Frame] = self.stack
        result = None
        documents = 0
        get_event = loader.get_event
        while True:
            ev = get_event()
            cls = ev.__class__
            if cls is ScalarEvent:
                value, node = self._scalar(loader, ev)
                size = 1
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                is_map = cls is MappingStartEvent
                m = ev.start_mark
                node = Node(m.line, m.column, m.index, m.index, None, {} if is_map else [],
                            {} if is_map else None)
                if ev.tag not in (None, "!", _MAP if is_map else _SEQ):
                    self.issue(node, _tag_message(ev.tag))
                if len(stack) >= MAX_DEPTH:
                    raise fatal(self.filename, m.line + 1, m.column + 1,
                                f"nested more than {MAX_DEPTH} levels deep")
                self._count(1, node)
                if ev.anchor is not None:
                    self.open_anchors.add(ev.anchor)
                stack.append(_Frame({} if is_map else [], node, ev.anchor, is_map))
                continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                if frame.merges:
                    self._merge(frame)
                value, node, size = frame.value, frame.node, frame.size
                node.end = ev.end_mark.index
                if frame.anchor is not None:
                    self.open_anchors.discard(frame.anchor)
                    self.anchors[frame.anchor] = (value, node, size)
            elif cls is AliasEvent:
                m = ev.start_mark
                if ev.anchor in self.anchors:
                    value, node, size = self.anchors[ev.anchor]
                elif ev.anchor in self.open_anchors:
                    raise fatal(self.filename, m.line + 1, m.column + 1,
                                f"alias *{ev.anchor} refers to a value that contains it (a loop)")
                else:
                    raise fatal(self.filename, m.line + 1, m.column + 1,
                                f"alias *{ev.anchor} is used before any &{ev.anchor} anchor")
                self._count(size, Node(m.line, m.column, m.index, m.index, None))
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    m = ev.start_mark
                    raise fatal(self.filename, m.line + 1, m.column + 1,
                                "a second YAML document starts here; a scenario file holds one")
                continue
            elif cls is StreamEndEvent:
                break
            else:  # StreamStart, DocumentEnd
                continue
            if stack:
                self._add(stack[-1], value, node, size)
            else:
                result = (value, node)
        if result is None:
            raise fatal(self.filename, 1, 1, "file is empty; expected a scenario (key: value lines)")
        return result

    def _count(self, n: int, node: Node) -> None:
        self.count += n
        if self.count > MAX_NODES:
            raise fatal(self.filename, node.line + 1, node.col + 1,
                        f"more than {MAX_NODES:,} values (after expanding aliases); refusing to read further")

    def _scalar(self, loader, ev) -> tuple:
        m = ev.start_mark
        node = Node(m.line, m.column, m.index, ev.end_mark.index, ev.style)
        tag = ev.tag
        if tag is None or tag == "!":
            tag = loader.resolve(ScalarNode, ev.value, ev.implicit)
        elif tag not in _SCALAR_TAGS:
            self.issue(node, _tag_message(tag))
            tag = _STR
        self._count(1, node)
        if ev.anchor is not None:
            value = self._construct(loader, tag, ev.value, node)
            self.anchors[ev.anchor] = (value, node, 1)
            return value, node
        return self._construct(loader, tag, ev.value, node), node

    def _construct(self, loader, tag: str, text: str, node: Node):
        if tag == _STR:
            return text
        if tag == _MERGE:
            return "<<"  # a merge only as a mapping key; `_add` tells by the plain style
        try:
            if tag == _NULL:
                return None
            if tag == _BOOL:
                return loader.construct_yaml_bool(ScalarNode(tag, text))
            if tag == _INT or tag == _FLOAT:
                if _SEXAGESIMAL.match(text):
                    self.issue(node, f"YAML 1.1 reads {text} as a base-60 number; "
                                     f"write the number plainly, or quote it if it is text")
                elif tag == _INT and _LEGACY_OCTAL.match(text):
                    self.issue(node, f"YAML 1.1 reads {text} as an octal number; drop the leading zero")
                value = (loader.construct_yaml_int if tag == _INT else loader.construct_yaml_float)(
                    ScalarNode(tag, text))
                if tag == _FLOAT and not math.isfinite(value):
                    self.issue(node, f"{text} is not a finite number")
                return value
            if tag == _TIMESTAMP:
                return loader.construct_yaml_timestamp(ScalarNode(tag, text))
        except (ValueError, KeyError, TypeError, OverflowError):
            kind = {_TIMESTAMP: "date", _BOOL: "true/false"}.get(tag, "number")
            why = " (no such day in the calendar; dates are written YYYY-MM-DD)" if tag == _TIMESTAMP else ""
            self.issue(node, f"{text!r} is not a valid {kind}{why}", self.value_path())
            return text
        return text  # pragma: no cover - every resolvable tag is handled above

    def _add(self, frame: _Frame, value, node: Node, size: int) -> None:
        frame.size += size
        if not frame.is_map:
            frame.value.append(value)
            frame.node.kids.append(node)
            return
        if frame.key is _NO_KEY:
            merge = value == "<<" and not node.style and node.kids is None
            frame.key, frame.key_node = (_MERGE_KEY if merge else self._key(value, node)), node
            return
        key, key_node = frame.key, frame.key_node
        frame.key = _NO_KEY
        if key is _SKIP:
            return
        if key is _MERGE_KEY:
            frame.merges.append((value, node))
            return
        if key in frame.value:
            first = frame.node.keys[key][0] + 1
            self.issue(key_node, f"duplicate key '{key}' (first defined at line {first}); "
                                 f"the second one is ignored")
            return
        frame.value[key] = value
        frame.node.kids[key] = node
        frame.node.keys[key] = (key_node.line, key_node.col)

    def _key(self, value, node: Node):
        """The dict key to use for a YAML key node; problems are reported, not raised."""
        if isinstance(value, str):
            return value
        if node.kids is not None:
            self.issue(node, "a key must be a name, not a list or mapping; this entry is ignored")
            return _SKIP
        raw = self.text[node.start:node.end]
        if isinstance(value, bool):
            why = f"YAML 1.1 reads the key {raw} as the boolean {'true' if value else 'false'}"
        elif value is None:
            why = "this key is empty (null)"
        elif isinstance(value, (dt.date, dt.datetime)):
            why = f"YAML reads the key {raw} as a date"
        else:
            why = f"YAML reads the key {raw} as a number"
        self.issue(node, f"{why}; keys must be names (write it in quotes: '{raw}')")
        return raw

    def _merge(self, frame: _Frame) -> None:
        """Apply `<<: *base` merge keys: keys written in the mapping win over merged ones."""
        for value, node in frame.merges:
            sources = list(zip(value, node.kids)) if isinstance(value, list) else [(value, node)]
            for merged, merged_node in sources:
                if not isinstance(merged, dict):
                    self.issue(merged_node, "'<<' merges only mappings (use an alias of a mapping, like *base)")
                    continue
                for key, item in merged.items():
                    if key not in frame.value:
                        frame.value[key] = item
                        frame.node.kids[key] = merged_node.kids[key]
                        frame.node.keys[key] = merged_node.keys[key]

    def _syntax_error(self, exc: yaml.MarkedYAMLError) -> ScenarioError:
        mark = exc.problem_mark or exc.context_mark
        if exc.context and "simple key" in exc.context and exc.context_mark is not None:
            mark = exc.context_mark  # a missing ':' is reported on the line after the key
        unclosed = bool(exc.context and "quoted scalar" in exc.context and exc.context_mark is not None)
        if unclosed:
            mark = exc.context_mark  # a quote never closed is reported where the file ends: show where it opens
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = (exc.problem or "").strip()
        text_line = self.text.split("\n", line)[line - 1] if line <= self.text.count("\n") + 1 else ""
        indent = text_line[:len(text_line) - len(text_line.lstrip(" \t"))]
        if "\t" in indent:
            return fatal(self.filename, line, indent.index("\t") + 1,
                         "tab used for indentation; YAML allows only spaces there")
        if "\t" in problem:
            problem = problem.replace("'\\t'", "a tab").replace("\t", "a tab")
        detail = f" ({exc.context.strip()})" if exc.context else ""
        hint = syntax_hint(problem, self.text.split("\n"), line - 1, col - 1)
        if unclosed:
            quote = text_line[col - 1:col] or '"'
            inner = "written twice ('')" if quote == "'" else 'written \\"'
            hint = (f"; the {quote} here opens a text that is never closed: end the text with {quote} "
                    f"(a {quote} inside it must be {inner})")
        return fatal(self.filename, line, col, f"YAML syntax error: {problem}{detail}{hint}")

    def _reader_error(self, exc: yaml.YAMLError) -> ScenarioError:
        position = getattr(exc, "position", None)
        if isinstance(position, int) and 0 <= position <= len(self.text):
            line = self.text.count("\n", 0, position) + 1
            col = position - self.text.rfind("\n", 0, position)
            char = self.text[position:position + 1]
            what = f"character U+{ord(char):04X}" if char else "a character"
            return fatal(self.filename, line, col, f"{what} is not allowed in a YAML file")
        return fatal(self.filename, 1, 1, f"cannot read the YAML: {str(exc).splitlines()[0]}")


_KEY_COLON = re.compile(r"^(\s*(?:-\s+)*)([^\s#'\"\-\[{][^:#]*?|'[^']*'|\"[^\"]*\"):(?=\s|$)")


def syntax_hint(problem: str, lines: list[str], row: int, col: int) -> str:
    """What to do about a YAML syntax error at 0-based (row, col), as '; ...' to append, or ''.

    PyYAML names the parser's state ("mapping values are not allowed here"); authors need the
    usual cause: a ': ' in an unquoted text, a line indented unlike its neighbours, a missing ':'."""
    text = lines[row] if 0 <= row < len(lines) else ""
    indent = len(text) - len(text.lstrip(" "))
    above = next((lines[r] for r in range(row - 1, -1, -1)
                  if lines[r].strip() and not lines[r].lstrip().startswith("#")), None)
    above_indent = len(above) - len(above.lstrip(" ")) if above is not None else 0
    key = _KEY_COLON.match(text)
    if "mapping values are not allowed" in problem:
        if key is not None and col > key.end(2):
            return ("; the ': ' (colon and space) in this text makes YAML read a new key: quote the text, "
                    "e.g. key: 'words: more words' (or write it with >- on the lines below)")
        if above is not None and _KEY_COLON.match(above) is None and not above.rstrip().endswith(("|", ">", "-")):
            return "; the line above has no ':' after its key: write it as key: value"
        if above is not None and indent > above_indent:
            return (f"; this line is indented deeper than the key above it, so YAML reads it as more of "
                    f"that key's text: indent it under the key above, as far as its neighbours "
                    f"({_spaces(above_indent)}), or put the text above in quotes")
        return "; quote the text if it contains ': ', and check this line's indentation"
    if "expected '-' indicator" in problem or "did not find expected key" in problem:
        stripped = text.lstrip(" -")
        value = text[key.end():].strip() if key is not None else ""
        if value[:1] in ("'", '"') and value.count(value[0]) >= 2 and not value.endswith(value[0]):
            return ("; a value that starts with a quotation mark must end with it: put the whole text "
                    "in the other kind of quotes, e.g. label: '\"We are\" not'")
        if stripped and above is not None and indent != above_indent:
            return (f"; this line is indented {_spaces(indent)} and the key above it {_spaces(above_indent)}: "
                    f"indent it under the key above, exactly as far as the keys it belongs with (spaces only)")
        return "; indent this line exactly like the keys it belongs with (spaces, not tabs)"
    if "could not find expected ':'" in problem:
        return ("; a key needs ': ' after it (key: value); if this line continues a text, indent it "
                "under the text's key or put the text in quotes")
    if "expected ',' or '}'" in problem or "expected ',' or ']'" in problem:
        return ("; inside [ ] or { }, a text containing ',' or ': ' must be quoted, and every bracket "
                "must be closed on the same item")
    return ""


def _spaces(n: int) -> str:
    return f"{n} space{'' if n == 1 else 's'}"


def _tag_message(tag: str) -> str:
    shown = "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag
    return f"tag {shown} is not allowed: a scenario file holds only plain data"


def to_plain(value):
    """Data with dates turned into ISO text, as JSON would hold it (for JSON Schema checks)."""
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Mark", "Node", "YamlDoc", "decode", "fatal",
           "read_file", "read_text", "syntax_hint", "to_plain"]

"""A seeded mutation fuzzer for scenario files, and the one property every input must have.

`mutants(base, seed, count)` yields hostile variations of a scenario text: huge and
non-finite numbers, deep nesting, control characters in keys and values, thousands of
unknown names, wrong types, far dates, many list items, lines dropped, doubled or cut.
`check(text, name)` asserts the property: the text is either a valid scenario, which then
compiles and plays with every value finite and every record writable as strict JSON, or a
ScenarioError whose every issue is one printable `name:line:col: ...` line. Any other
exception is a bug. Run more cases with HOTLINE_FUZZ_CASES / HOTLINE_FUZZ_SEED.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
from collections.abc import Iterator

import numpy as np
import yaml

from game.engine.game import Choice, Game
from game.scenario.compiled import compile_scenario
from game.scenario.errors import ScenarioError
from game.scenario.load import content_hash
from game.scenario.validate import validate_text

HUGE_NUMBERS = ("9" * 400, "-" + "9" * 401, "1e308", "1.0e+308", "-1.0e+308", "1.0e+400", ".inf", "-.inf",
                ".nan", "1e-320", "0", "-0.0", "1.0e+15", "1000000000000001", "2147483648", "0x7fffffff",
                "1_000_000", "0o777", "1:30", "3.0e-7", "999999999999999999999")
CONTROL = ("\\n/etc/x.yaml:1:1: fake error\\n", "\\r", "\\t", "\\e[2J\\e[H", "\\0", "\\x7f", "\\x85",
           "\\u2028", "\\u2029", "\\u202e", "\\u200f", "\\a\\b\\v\\f")
WRONG_TYPES = ("[1, 2]", "{a: 1}", "true", "null", "~", "2022-01-01", "'text'", "1.5", "-7", "[]", "{}",
               "!!binary aGk=", "&a 1", "*nowhere", "|\n  block", "'\\'", "yes", "on")
_NUMBER = re.compile(r"(?<![\w.:-])-?\d+(?:\.\d+)?(?![\w.:-])")
_EXPRESSION = re.compile(r"^(\s*(?:- )?(?:when|condition|requires|breach_if|if): )(.+)$|^(\s*- )([a-z_]+ [-+*/]?= .+)$",
                         re.M)
_KEY = re.compile(r"^(\s*(?:- )?)([a-z_]+):", re.M)
_VALUE = re.compile(r"^(\s*(?:- )?[a-z_]+: )(\S.*)$", re.M)


# -- mutations: each takes (text, rng) and returns a new text -----------------------------------

def huge_number(text: str, rng: random.Random) -> str:
    spots = list(_NUMBER.finditer(text))
    if not spots:
        return text
    m = rng.choice(spots)
    return text[:m.start()] + rng.choice(HUGE_NUMBERS) + text[m.end():]


def deep_expression(text: str, rng: random.Random) -> str:
    spots = list(_EXPRESSION.finditer(text))
    if not spots:
        return text
    m = rng.choice(spots)
    prefix, body = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    depth = rng.choice((20, 50, 90, 98, 101, 150, 199, 200, 201, 400, 900))
    kind = rng.randrange(6)
    if kind == 0:
        body = "not " * depth + body
    elif kind == 1:
        body = "(" * depth + body + ")" * depth
    elif kind == 2:
        body = body + " and " + " + ".join(["turn"] * depth) + " > 0"
    elif kind == 3:
        body = body + " and " + "-" * depth + "turn < 5"
    elif kind == 4:
        body = body + " and " + "max(" * depth + "turn" + ", 1)" * depth + " > 0"
    else:
        body = body + " * 1e15" * rng.choice((1, 3, 25, 40))
    return text[:m.start()] + prefix + body + text[m.end():]


def control_characters(text: str, rng: random.Random) -> str:
    junk = "".join(rng.choice(CONTROL) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.5:
        spots = list(_KEY.finditer(text))
        if not spots:
            return text
        m = rng.choice(spots)
        return text[:m.start()] + f'{m.group(1)}"{m.group(2)}{junk}":' + text[m.end():]
    spots = list(_VALUE.finditer(text))
    if not spots:
        return text
    m = rng.choice(spots)
    value = m.group(2).replace("\\", "\\\\").replace('"', '\\"')
    return text[:m.start()] + f'{m.group(1)}"{value}{junk}"' + text[m.end():]


def unknown_names(text: str, rng: random.Random) -> str:
    n = rng.choice((10, 300, 3000))
    if rng.random() < 0.5:    # unknown names in expressions and references, each its own error
        block = "".join(f"  - id: unknown_{i}\n    headline: h\n    turn: 1\n    phases: [phase_{i}]\n"
                        f"    effects:\n      - tensoin_{i} += 1\n" for i in range(n))
        return re.sub(r"^events:\n", "events:\n" + block, text, count=1, flags=re.M) if "\nevents:\n" in text \
            else text + "events:\n" + block
    block = "".join(f"lable_{i}: 1\n" for i in range(n))   # unknown top-level keys
    return text + block


def wrong_type(text: str, rng: random.Random) -> str:
    spots = list(_VALUE.finditer(text))
    if not spots:
        return text
    m = rng.choice(spots)
    return text[:m.start()] + m.group(1) + rng.choice(WRONG_TYPES) + text[m.end():]


def far_dates(text: str, rng: random.Random) -> str:
    start = rng.choice(("9999-12-31", "9999-01-01", "9998-06-01", "0001-01-01", "2022-02-30", "99999-01-01"))
    text = re.sub(r"^start_date: .*$", f"start_date: {start}", text, count=1, flags=re.M)
    if rng.random() < 0.5:
        text = re.sub(r"^max_turns: .*$", f"max_turns: {rng.choice((1000, 1001, 0, -1))}", text, count=1, flags=re.M)
    if rng.random() < 0.5:
        text = re.sub(r"^turn_days: .*$", f"turn_days: {rng.choice((366, 367, 0))}", text, count=1, flags=re.M)
    return text


def _list_item(text: str, rng: random.Random):
    """(lines, first, end) of one list item of the file chosen by `rng` (its nested lines included), or None."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.lstrip().startswith("- ")]
    if not starts:
        return None
    i = rng.choice(starts)
    indent = len(lines[i]) - len(lines[i].lstrip())
    j = i + 1
    while j < len(lines) and lines[j].strip() and len(lines[j]) - len(lines[j].lstrip()) > indent:
        j += 1
    return lines, i, j


def many_items(text: str, rng: random.Random) -> str:
    """Repeat one list item (an outcome, a transition, an effect ...) hundreds of times."""
    picked = _list_item(text, rng)
    if picked is None:
        return text
    lines, i, j = picked
    item = lines[i:j]
    copies = rng.choice((64, 65, 200, 1000, 3000))
    return "\n".join(lines[:i] + item * copies + lines[i:])


def renamed_copies(text: str, rng: random.Random) -> str:
    """Repeat one list item with its ids made unique per copy, so the file can stay valid: many
    outcomes, transitions, events, options or actions in one place."""
    picked = _list_item(text, rng)
    if picked is None:
        return text
    lines, i, j = picked
    item = "\n".join(lines[i:j])
    copies = [re.sub(r"(\bid: )([a-z][a-z0-9_]*)", lambda m, k=k: f"{m.group(1)}{m.group(2)}_c{k}", item)
              for k in range(rng.choice((64, 65, 250, 1000)))]
    return "\n".join(lines[:i] + copies + lines[i:])


def lines_shuffled(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    kind = rng.randrange(4)
    if kind == 0:
        del lines[i]
    elif kind == 1:
        lines.insert(i, lines[j])
    elif kind == 2:
        lines[i], lines[j] = lines[j], lines[i]
    else:
        return text[:rng.randrange(len(text) + 1)]
    return "\n".join(lines)


def data_level(text: str, rng: random.Random) -> str:
    """Replace one value deep in the parsed data with a hostile one and write the YAML again."""
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):   # PyYAML's own limits
        return text
    if not isinstance(data, dict):
        return text
    holder, key = _random_spot(data, rng)
    if holder is None:
        return text
    hostile = rng.choice((
        10 ** 400, -(10 ** 400), float("inf"), float("nan"), 1e308, "x" * 30000, "\x1b[2J", "a\nb: c",
        [[[[[[[[[[[]]]]]]]]]]], {f"k{i}": i for i in range(500)}, [None] * 300, True, None,
        dt.date(9999, 12, 31), "tension" + " + tension" * 600, 2 ** 63, -0.0))
    holder[key] = hostile
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10 ** 6)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        return text


def _random_spot(data, rng: random.Random):
    node, holder, key = data, None, None
    for _ in range(rng.randint(1, 7)):
        if isinstance(node, dict) and node:
            k = rng.choice(list(node))
        elif isinstance(node, list) and node:
            k = rng.randrange(len(node))
        else:
            break
        holder, key, node = node, k, node[k]
    return holder, key


MUTATIONS = (huge_number, deep_expression, control_characters, unknown_names, wrong_type, far_dates,
             many_items, renamed_copies, renamed_copies, lines_shuffled, data_level)


def mutants(base: str, seed: int, count: int) -> Iterator[tuple[str, str]]:
    """`count` (description, text) mutants of `base`, the same ones for the same seed."""
    rng = random.Random(seed)
    for k in range(count):
        text, names = base, []
        for _ in range(rng.choice((1, 1, 2, 3))):
            mutation = rng.choice(MUTATIONS)
            text = mutation(text, rng)
            names.append(mutation.__name__)
        yield f"case {k} (seed {seed}): {' + '.join(names)}", text


# -- the property -------------------------------------------------------------------------------

_ISSUE_LINE = re.compile(r"^(?P<file>[^\n]+?):(?P<line>[1-9][0-9]*):(?P<col>[1-9][0-9]*): ")
_RAW_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def check(text: str, name: str = "fuzz.yaml", *, turns: int = 15, seed: int = 0) -> str:
    """'valid' or 'invalid'; raises AssertionError (or the unexpected exception) otherwise."""
    try:
        model = validate_text(text, name)
    except ScenarioError as exc:
        for issue in exc.issues:
            line = str(issue)
            m = _ISSUE_LINE.match(line)
            assert m and m.group("file") == name, f"not a file:line:col line: {line[:200]!r}"
            assert (int(m.group("line")), int(m.group("col"))) == (issue.line, issue.col)
            assert not _RAW_CONTROL.search(line), f"raw control character in {line[:200]!r}"
        assert len(str(exc).split("\n")) == len(exc.issues) + 1
        return "invalid"
    scenario = compile_scenario(model, content_hash(model), name)
    _play(scenario, turns, seed)
    return "valid"


def _play(scenario, turns: int, seed: int) -> None:
    """Random legal moves for a few turns: values stay finite and in range, records are strict JSON."""
    rng = np.random.default_rng(seed)
    game = Game(scenario, seed)
    for _ in range(turns):
        if game.over:
            break
        choices = []
        for side in (0, 1):
            legal = game.legal(side)
            choices.append(Choice(legal.actions[rng.integers(len(legal.actions))],
                                  legal.messages[rng.integers(len(legal.messages))]))
        game.step(*choices)
        assert all(math.isfinite(x) for x in game.v), "a non-finite value entered the state"
        assert all(lo <= x <= hi for x, lo, hi in zip(game.v, scenario.lo, scenario.hi)), "a value left its range"
        for side in (0, 1):
            assert np.isfinite(game.observation_vector(side)).all(), "non-finite observation"
    json.dumps(game.turns, allow_nan=False)
    json.dumps(game.snapshot(), allow_nan=False)
    if game.over:
        assert all(math.isfinite(s) for s in game.scores())

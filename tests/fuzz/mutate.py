"""Seeded damage for JSON files: structural (a node replaced by a hostile value, a key dropped, a
type swapped) and textual (cut, flipped bytes, raw NaN/Infinity/huge numbers, deep nesting).

Deterministic: the same seed and input give the same damaged bytes, so a failure names its case.
"""
from __future__ import annotations

import json
import random

#: values a careless editor or an attacker puts into a save; text markers become raw JSON tokens
HOSTILE_VALUES = [
    None, True, False, 0, -1, 1, 2 ** 63, -2 ** 63, 2 ** 200, 0.5, -0.0, 1e308, -1e308, 1e-320,
    "", " ", "x", "\n", "\x00", "\x1b[2J", "\u202e", "é" * 10, "a" * 100_000, "os:abort", ":", ".x:Y",
    "faulthandler:_sigsegv", "sys:exit", "human", "random", "/dev/zero", "/etc/passwd", "../../x.yaml",
    "C:\\x.yaml", "hotline-save", "hotline-record", "pass", "NaN",
    [], {}, [None], [[[]]], {"": None}, {"format": "hotline-save"}, {"entropy": "1", "spawn_key": [1]},
    {"entropy": "x", "spawn_key": "y"}, {"kind": "propose", "terms": {"x": "y"}}, {"kind": "nope"},
    "@@NAN@@", "@@INF@@", "@@NEGINF@@", "@@HUGEFLOAT@@", "@@HUGEINT@@", "@@DEEP@@", "@@DEEPDICT@@",
]
RAW = {
    '"@@NAN@@"': "NaN", '"@@INF@@"': "Infinity", '"@@NEGINF@@"': "-Infinity", '"@@HUGEFLOAT@@"': "1e999",
    '"@@HUGEINT@@"': "9" * 5000, '"@@DEEP@@"': "[" * 5000 + "]" * 5000,
    '"@@DEEPDICT@@"': '{"a":' * 200 + "1" + "}" * 200,
}


def _nodes(data, path=()):
    """Every (path, value) in a JSON value, depth first."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _nodes(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _nodes(value, path + (i,))


def _set(data, path, value):
    if not path:
        return value
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return data


def _delete(data, path):
    if not path:
        return data
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    return data


def structural(data, rng: random.Random, steps: int = 1):
    """`data` (a fresh copy) with 1..steps structural changes."""
    data = json.loads(json.dumps(data))
    for _ in range(steps):
        nodes = list(_nodes(data))
        path, value = nodes[rng.randrange(len(nodes))]
        op = rng.random()
        if op < 0.55:
            data = _set(data, path, json.loads(json.dumps(rng.choice(HOSTILE_VALUES))))
        elif op < 0.7 and path:
            data = _delete(data, path)
        elif op < 0.8 and isinstance(value, list) and value:
            data = _set(data, path, value + value[: rng.randrange(1, len(value) + 1)])
        elif op < 0.9 and isinstance(value, (int, float)) and not isinstance(value, bool):
            data = _set(data, path, rng.choice([value + 1, -value, value * 1e300, str(value), [value]]))
        elif isinstance(value, str):
            data = _set(data, path, rng.choice([value.upper(), value[:-1], value + "x", value * 3, None]))
        else:
            data = _set(data, path, rng.choice([str(value)[:50], [value], {"x": value}]))
    return data


def to_bytes(data) -> bytes:
    text = json.dumps(data, allow_nan=True)
    for marker, raw in RAW.items():
        text = text.replace(marker, raw)
    return text.encode("utf-8", "surrogatepass")


def textual(raw: bytes, rng: random.Random) -> bytes:
    """`raw` damaged as bytes: cut, flipped, spliced, or a number/literal replaced by a raw token."""
    op = rng.random()
    n = len(raw)
    if op < 0.2:
        return raw[: rng.randrange(n + 1)]
    if op < 0.4:
        out = bytearray(raw)
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(n)] = rng.randrange(256)
        return bytes(out)
    if op < 0.55:
        i, j = sorted(rng.randrange(n + 1) for _ in range(2))
        return raw[:i] + raw[i:j] * 2 + raw[j:]
    if op < 0.7:
        i = rng.randrange(n + 1)
        return raw[:i] + rng.choice([b"\xff\xfe", b"\x00", b"\"", b"{", b"]", b",", b"\\u", b"\xed\xa0\x80"]) + raw[i:]
    text = raw.decode("utf-8", "replace")
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    if not digits:
        return raw
    i = rng.choice(digits)
    token = rng.choice(["NaN", "Infinity", "-Infinity", "1e999", "9" * 5000, "1" + "0" * 400, "-0", "1.5"])
    return (text[:i] + token + text[i + 1:]).encode("utf-8")


def damaged(data, raw: bytes, rng: random.Random) -> bytes:
    """One damaged version of a file: usually structural (it still parses), sometimes textual."""
    if rng.random() < 0.7:
        return to_bytes(structural(data, rng, steps=rng.choice([1, 1, 1, 2, 3])))
    return textual(raw, rng)

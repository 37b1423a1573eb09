"""Describing untrusted objects never fails and never floods."""
from __future__ import annotations

from game.safetext import printable, safe_str, type_name


class StrRaises(Exception):
    def __str__(self):
        raise RuntimeError("no")


class ReprRaises:
    def __repr__(self):
        raise ValueError("no")


class StrNotText:
    def __str__(self):
        return 42


class Huge:
    def __repr__(self):
        return "x" * 50_000_000


class Meta(type):
    @property
    def __name__(cls):
        raise RuntimeError("no name")


class Nameless(metaclass=Meta):
    pass


def test_an_object_that_cannot_be_shown_is_named_by_its_type():
    assert safe_str(StrRaises()) == "<StrRaises that cannot be shown>"
    assert safe_str(ReprRaises(), use_repr=True) == "<ReprRaises that cannot be shown>"
    assert safe_str(StrNotText()) == "<StrNotText that cannot be shown>"
    assert type_name(Nameless()) == "Nameless"


def test_a_huge_text_is_cut():
    text = safe_str(Huge(), use_repr=True)
    assert len(text) < 400 and text.endswith("(49,999,700 more characters)")


def test_control_characters_cannot_forge_lines_or_escapes():
    assert printable("ok\n/etc/x.yaml:1:1: fake\x1b[2J\u202e") == "ok\\n/etc/x.yaml:1:1: fake\\x1b[2J\\u202e"
    assert printable("Ça va — très bien") == "Ça va — très bien"

"""Laying words out in a terminal of a given width: wrapping, flowing items, cutting at a word.

Never breaks inside a word (a word longer than the line is the only exception) and never
writes past `width`.
"""
from __future__ import annotations

import textwrap


def wrap(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """Wrapped lines; `hanging` indents the lines after the first (default: like the first)."""
    text = " ".join(str(text).split())
    rest = indent if hanging is None else hanging
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=rest,
                         break_on_hyphens=False) if text else []


def flow(items: list[str], width: int, indent: str = "  ", sep: str = " · ",
         hanging: str | None = None) -> list[str]:
    """Items side by side, as many to a line as fit; an item is never split unless it alone is too
    long. Lines after the first start with `hanging` (default: `indent`)."""
    rest = indent if hanging is None else hanging
    lines, line = [], ""
    for item in items:
        candidate = f"{line}{sep}{item}" if line else f"{indent if not lines else rest}{item}"
        if line and len(candidate) > width:
            lines.append(line)
            candidate = f"{rest}{item}"
        line = candidate
        if len(line) > width:
            lead = line[:len(line) - len(line.lstrip())]
            wrapped = wrap(line, width, lead, rest + "  ")
            lines += wrapped[:-1]
            line = wrapped[-1]
    if line:
        lines.append(line)
    return lines


def cut(text: str, width: int) -> str:
    """`text` in at most `width` characters, cut at a word with '…' when it is longer."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    head = text[:max(width - 1, 1)]
    if " " in head and text[len(head)] != " ":
        head = head[:head.rindex(" ")]
    return head.rstrip(" ,;:—-") + "…"


def rule(title: str, width: int, char: str = "─") -> str:
    """'── title ────────' across the width."""
    head = f"{char * 2} {cut(title, max(1, width - 4))} "
    return head + char * max(0, width - len(head))

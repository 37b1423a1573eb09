"""Text measured in pixels: word wrapping that never splits a word unless the word alone is wider
than the box, ellipsis for one-line labels, and a cache of rendered lines (most of a frame is
text, and the same lines are drawn every frame)."""
from __future__ import annotations

import pygame

ELLIPSIS = "…"


class TextCache:
    """Rendered line surfaces and wrap results, keyed by font, text, colour and width."""

    def __init__(self, limit: int = 4000):
        self._surfaces: dict[tuple, pygame.Surface] = {}
        self._wraps: dict[tuple, list[str]] = {}
        self.limit = limit

    def render(self, font: pygame.font.Font, text: str, colour) -> pygame.Surface:
        key = (id(font), text, colour)
        surface = self._surfaces.get(key)
        if surface is None:
            if len(self._surfaces) > self.limit:
                self._surfaces.clear()
            surface = self._surfaces[key] = font.render(text, True, colour)
        return surface

    def wrap(self, font: pygame.font.Font, text: str, width: int) -> list[str]:
        key = (id(font), text, width)
        lines = self._wraps.get(key)
        if lines is None:
            if len(self._wraps) > self.limit:
                self._wraps.clear()
            lines = self._wraps[key] = wrap(font, text, width)
        return lines


def _split_long(font, word: str, width: int) -> list[str]:
    """A word wider than the box, cut into pieces that fit (the only place a word is split)."""
    pieces, current = [], ""
    for ch in word:
        if current and font.size(current + ch)[0] > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Lines of `text` that each fit `width` pixels; paragraphs (blank-line or newline separated)
    are kept, and words are split only when one alone does not fit."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if font.size(candidate)[0] <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if font.size(word)[0] <= width:
                current = word
            else:
                *full, current = _split_long(font, word, width)
                lines.extend(full)
        lines.append(current)
    return lines


def ellipsize(font: pygame.font.Font, text: str, width: int) -> str:
    """`text` cut with '…' so it fits `width` (unchanged when it fits)."""
    if font.size(text)[0] <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(text[:mid].rstrip() + ELLIPSIS)[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return (text[:lo].rstrip() + ELLIPSIS) if lo else ""


def clamp_lines(font, lines: list[str], max_lines: int, width: int) -> list[str]:
    """At most `max_lines` lines, the last ending in '…' when some were cut."""
    if len(lines) <= max_lines:
        return lines
    if max_lines <= 0:
        return []
    kept = lines[:max_lines]
    kept[-1] = ellipsize(font, kept[-1] + " " + ELLIPSIS, width) if font.size(kept[-1] + " " + ELLIPSIS)[0] > width \
        else kept[-1] + " " + ELLIPSIS
    return kept

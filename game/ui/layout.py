"""The layout check: proves in code that nothing is cut off or overlapping on a drawn screen.

After a frame drawn with `ctx.records` set, `check(root, window, records)` lists every problem:
a widget outside the window or outside its parent, two siblings of a row or column overlapping,
and any text drawn outside its own widget's rectangle. Text inside a scroll area may be out of
view (it scrolls), never out of its box.
"""
from __future__ import annotations

import pygame

from game.ui.widgets import Column, Row, Scroll, Widget


def _name(w: Widget) -> str:
    return f"{type(w).__name__}({w.key or getattr(w, 'title', '') or getattr(w, 'label', '') or ''})"


def _inside(inner: pygame.Rect, outer: pygame.Rect, slack: int = 1) -> bool:
    return (inner.w <= 0 or inner.h <= 0) or outer.inflate(2 * slack, 2 * slack).contains(inner)


def check(root: Widget, window: pygame.Rect, records=(), overlays=()) -> list[str]:
    """Problems with the placed tree `root` in `window`, and with the text `records` (from Ctx)."""
    problems: list[str] = []

    def visit(w: Widget, bounds: pygame.Rect) -> None:
        if w.rect.w < 0 or w.rect.h < 0:
            problems.append(f"{_name(w)} has a negative size {w.rect}")
        if not _inside(w.rect, bounds):
            problems.append(f"{_name(w)} {tuple(w.rect)} is outside its box {tuple(bounds)}")
        kids = list(w.children())
        if isinstance(w, (Row, Column)):
            for i, a in enumerate(kids):
                for b in kids[i + 1:]:
                    if a.rect.w > 0 and a.rect.h > 0 and b.rect.w > 0 and b.rect.h > 0 and a.rect.colliderect(b.rect):
                        problems.append(f"{_name(a)} {tuple(a.rect)} overlaps {_name(b)} {tuple(b.rect)}")
        for child in kids:
            inner = w.rect
            if isinstance(w, Scroll):   # the content may be taller than the view: it scrolls
                inner = pygame.Rect(w.rect.x, child.rect.y, w.rect.w, child.rect.h)
            visit(child, inner)

    visit(root, window)
    for overlay in overlays:
        visit(overlay, window)
    for widget, rect, text in records:
        if rect.w and rect.h and not _inside(rect, widget.rect):
            problems.append(f"text {text[:40]!r} {tuple(rect)} is outside its box {_name(widget)} {tuple(widget.rect)}")
        if widget.clip is None and rect.w and not _inside(rect, window):
            problems.append(f"text {text[:40]!r} is outside the window")
    return problems

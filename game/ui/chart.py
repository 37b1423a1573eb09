"""The escalation chart of the end screen: each side's running total turn by turn, drawn in code.
Sides differ by colour, line style (solid, dashed) and marker (circle, square), with a legend; the
historical line, when there is one, is a thin line with hollow markers, and the days of real history
the game reached are marked by a dotted vertical line with their date."""
from __future__ import annotations

import pygame

from game.ui import theme as th
from game.ui.text import ellipsize
from game.ui.words import signed


def _dashed(surface, colour, a, b, width, dash=8):
    (x0, y0), (x1, y1) = a, b
    length = max(1, int(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5))
    for start in range(0, length, dash * 2):
        end = min(length, start + dash)
        pygame.draw.line(surface, colour, (x0 + (x1 - x0) * start / length, y0 + (y1 - y0) * start / length),
                         (x0 + (x1 - x0) * end / length, y0 + (y1 - y0) * end / length), width)


def paint_chart(surface, ctx, rect: pygame.Rect, series: list[list[float]], names: list[str], owner,
                x_label: str, y_label: str, history: list[list[float]] | None = None,
                marks: list[tuple[int, str]] = (), history_label: str = "") -> None:
    """`series[s][k]` = side s's running total after turn k+1; `history[s]` the same for the historical
    line (cut at the turns played); `marks`: (turn, '21 Feb') of real dates the game reached."""
    font = ctx.theme.small
    line = font.get_linesize()
    pygame.draw.rect(surface, th.WHITE, rect)
    pygame.draw.rect(surface, th.BORDER, rect, 1)
    turns = max((len(s) for s in series), default=1)
    history = [list(h[:turns]) for h in history] if history else []
    values = [v for s in series for v in s] + [v for h in history for v in h] + [0.0]
    lo, hi = min(values), max(values)
    if hi - lo < 10:
        hi = lo + 10
    left = rect.x + font.size(signed(-999))[0] + 8
    top = line + 10 + (line if marks else 0)     # a row for the dates of real history above the plot
    plot = pygame.Rect(left + 12, rect.y + top, rect.right - left - 24, rect.h - top - 2 * line - 8)
    if plot.w <= 10 or plot.h <= 10:
        return
    inner = plot.inflate(-24, 0)   # markers clear of the axis and its labels

    def pt(k, v):
        x = inner.x + (inner.w * k // max(1, turns - 1) if turns > 1 else inner.w // 2)
        y = plot.bottom - int(plot.h * (v - lo) / (hi - lo))
        return x, y

    def text(s, pos, colour=th.TEXT):
        ctx.text(surface, font, s, colour, pos, owner)
    labelled: list[int] = []
    for v in (0.0, lo, hi):     # 0 first: a bound too close to it goes unlabelled rather than overlap
        x, y = pt(0, v)
        pygame.draw.line(surface, (225, 225, 225) if v else th.MUTED, (plot.x, y), (plot.right, y), 1)
        if any(abs(y - other) < line for other in labelled):
            continue
        labelled.append(y)
        label = signed(v)
        text(label, (plot.x - font.size(label)[0] - 4, max(rect.y + 1, min(y - line // 2, rect.bottom - line - 1))))
    pygame.draw.line(surface, th.TEXT, plot.bottomleft, plot.topleft, 1)
    styles = [(th.SIDE_COLOURS[0], False, "circle"), (th.SIDE_COLOURS[1], True, "square")]
    ends = [rect.x, plot.x]      # how far the label row above the plot, and a row inside it, are taken
    for turn, label in marks:
        if 1 <= turn <= turns:
            x, _ = pt(turn - 1, lo)
            for yy in range(plot.y, plot.bottom, 6):
                pygame.draw.line(surface, th.GREEN, (x, yy), (x, min(plot.bottom, yy + 3)), 1)
            w = font.size(label)[0]
            left_x = max(plot.x, min(x - w // 2, rect.right - w - 2))
            for row, y in enumerate((plot.y - line - 1, plot.y + 1)):   # a second row when the first is taken
                if left_x > ends[row] + 4:
                    text(label, (left_x, y), th.TEXT)
                    ends[row] = left_x + w
                    break
    for s, data in enumerate(history):
        colour = styles[s % 2][0]
        pts = [pt(k, v) for k, v in enumerate(data)]
        for a, b in zip(pts, pts[1:]):
            pygame.draw.line(surface, colour, a, b, 1)
        for p in pts:
            pygame.draw.circle(surface, th.WHITE, p, 4)
            pygame.draw.circle(surface, colour, p, 4, 1)
    for s, data in enumerate(series):
        colour, dashed, marker = styles[s % 2]
        pts = [pt(k, v) for k, v in enumerate(data)]
        for a, b in zip(pts, pts[1:]):
            (_dashed if dashed else lambda surf, c, a, b, w: pygame.draw.line(surf, c, a, b, w))(surface, colour, a, b, 3)
        for p in pts:
            if marker == "circle":
                pygame.draw.circle(surface, colour, p, 8)
                pygame.draw.circle(surface, th.TEXT, p, 8, 1)
            else:
                r = pygame.Rect(0, 0, 10, 10)
                r.center = p
                pygame.draw.rect(surface, colour, r)
                pygame.draw.rect(surface, th.TEXT, r, 1)
    for k in range(turns):
        if turns <= 20 or k % 2 == 0:
            x, _ = pt(k, lo)
            label = str(k + 1)
            text(label, (max(rect.x + 1, min(x - font.size(label)[0] // 2, rect.right - font.size(label)[0] - 1)),
                         plot.bottom + 3))
    _legend(font, rect, plot, line, series, names, styles, history and history_label, x_label, text)


def _legend(font, rect, plot, line, series, names, styles, history_label, x_label, text) -> None:
    """The axis title and the legend on the bottom row, right-aligned. When they do not fit (large
    text in a small window), the line-style glyphs go first, then the historical line's entry (the
    tooltip explains it), then the axis title: a side's entry is never dropped."""
    def entries(glyphs: bool, history: bool):
        out = []
        for s in range(len(series)):
            colour, dashed, marker = styles[s % 2]
            mark = "●" if marker == "circle" else "■"
            label = f"{mark} {'- -' if dashed else '—'} {names[s]}" if glyphs else f"{mark} {names[s]}"
            out.append((label, colour if colour != th.SIDE_COLOURS[0] else th.TEXT))
        if history and history_label:
            out.append((f"○ {history_label}", th.MUTED))
        return out

    room = rect.w - 12
    title = font.size(x_label)[0] + 16
    for glyphs, history, with_title in ((True, True, True), (False, True, True), (False, False, True),
                                        (False, False, False)):
        items = entries(glyphs, history)
        width = sum(font.size(label)[0] + 10 for label, _ in items)
        if width + (title if with_title else 0) <= room:
            break
    if with_title:
        text(ellipsize(font, x_label, rect.w // 2), (plot.x, rect.bottom - line - 2), th.MUTED)
    x = rect.right - 6
    for label, colour in reversed(items):
        w = font.size(label)[0]
        x -= w + 10
        text(ellipsize(font, label, max(10, x + w - rect.x)) if x < rect.x else label,
             (max(rect.x + 2, x), rect.bottom - line - 2), colour)

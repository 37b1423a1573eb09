"""A small retained widget set: measured layout, keyboard focus in groups, tooltips, scrolling.

Each screen builds a tree of widgets from the game state and rebuilds it when the state changes
(cheap: text is wrapped and rendered through a cache). Layout is two-pass: `measure(width)` gives a
widget's height for a width, `place(rect)` fixes its rectangle. Every piece of text is drawn
through `Ctx.text`, which records where it went, so `layout.check` can prove that no text leaves
its box at any window size.

Focus: focusable widgets belong to a group (a list of moves, a row of buttons). Tab moves between
groups (to the group's current item), arrows move inside a group, Enter or Space activates, the
number keys pick the n-th item of the group.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.ui import theme as th
from game.ui.text import TextCache, clamp_lines, ellipsize


class Ctx:
    """What every widget needs to measure and draw: the theme, the text cache, focus and hover."""

    def __init__(self, theme: th.Theme, cache: TextCache | None = None):
        self.theme = theme
        self.cache = cache or TextCache()
        self.focus: Widget | None = None
        self.hover: Widget | None = None
        self.pressed: Widget | None = None
        self.records: list[tuple[Widget, pygame.Rect, str]] | None = None   # set to a list to record text
        self.keyboard = False   # the last focus change came from the keyboard (show its tooltip)

    def text(self, surface: pygame.Surface, font, text: str, colour, pos, widget: Widget) -> pygame.Rect:
        """Blit one line of text at `pos` (top-left) for `widget`, recording its rectangle."""
        if not text:
            return pygame.Rect(pos[0], pos[1], 0, 0)
        image = self.cache.render(font, text, colour)
        rect = surface.blit(image, pos)
        full = pygame.Rect(pos[0], pos[1], image.get_width(), image.get_height())
        if self.records is not None:
            self.records.append((widget, full, text))
        return rect if rect.w else full

    def wrap(self, font, text: str, width: int) -> list[str]:
        return self.cache.wrap(font, text, width)


class Widget:
    """Base: a rectangle, optional key (for focus and tests), tooltip and activation."""

    focusable = False
    group_box = False        # a container whose focusable descendants form one arrow-key group
    horizontal = False       # its group moves with Left/Right rather than Up/Down

    def __init__(self, *, key: str | None = None, tooltip=None, on_activate: Callable | None = None,
                 enabled: bool = True, flex: float = 0):
        self.key = key
        self.tooltip = tooltip               # str, or a callable returning str, or None
        self.on_activate = on_activate
        self.enabled = enabled
        self.flex = flex                     # share of spare height in a Column (0: its own height)
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.clip: pygame.Rect | None = None   # the visible part when inside a scroll area
        self.parent: Widget | None = None

    # -- tree
    def children(self) -> Sequence[Widget]:
        return ()

    def walk(self):
        yield self
        for child in self.children():
            yield from child.walk()

    # -- layout
    def measure(self, ctx: Ctx, width: int) -> int:
        return 0

    def place(self, ctx: Ctx, rect: pygame.Rect) -> None:
        self.rect = pygame.Rect(rect)

    # -- drawing
    def draw(self, surface: pygame.Surface, ctx: Ctx) -> None:
        for child in self.children():
            child.draw(surface, ctx)

    def draw_focus(self, surface, ctx: Ctx, rect: pygame.Rect | None = None) -> None:
        if ctx.focus is self:
            r = (rect or self.rect).inflate(6, 6)
            pygame.draw.rect(surface, th.WHITE, r.inflate(2, 2), 1, border_radius=6)
            pygame.draw.rect(surface, th.FOCUS, r, ctx.theme.focus_width, border_radius=6)

    # -- input
    def tooltip_text(self) -> str | None:
        tip = self.tooltip() if callable(self.tooltip) else self.tooltip
        return tip or None

    def activate(self, ctx: Ctx) -> bool:
        if self.enabled and self.on_activate is not None:
            self.on_activate()
            return True
        return False

    def handle_key(self, event, ctx: Ctx) -> bool:
        """A key for the focused widget; True if used."""
        return False

    def visible_rect(self) -> pygame.Rect:
        return self.rect.clip(self.clip) if self.clip is not None else self.rect


# ---------------------------------------------------------------------------- containers

class Column(Widget):
    """Children stacked top to bottom; `flex` children share the spare height."""

    def __init__(self, items: Sequence[Widget], *, gap: int | None = None, pad: int = 0, group: bool = False,
                 **kw):
        super().__init__(**kw)
        self.items = [w for w in items if w is not None]
        for w in self.items:
            w.parent = self
        self.gap = gap
        self.pad = pad
        self.group_box = group

    def children(self):
        return self.items

    def _gap(self, ctx):
        return ctx.theme.gap if self.gap is None else self.gap

    def measure(self, ctx, width):
        inner = width - 2 * self.pad
        heights = [w.measure(ctx, inner) for w in self.items]
        return sum(heights) + self._gap(ctx) * max(0, len(self.items) - 1) + 2 * self.pad

    def place(self, ctx, rect):
        super().place(ctx, rect)
        inner = pygame.Rect(rect).inflate(-2 * self.pad, -2 * self.pad)
        gap = self._gap(ctx)
        heights = [0 if w.flex else w.measure(ctx, inner.w) for w in self.items]
        spare = inner.h - sum(heights) - gap * max(0, len(self.items) - 1)
        flex_total = sum(w.flex for w in self.items)
        if flex_total and spare > 0:
            for i, w in enumerate(self.items):
                if w.flex:
                    heights[i] = int(spare * w.flex / flex_total)
        y = inner.y
        for w, h in zip(self.items, heights):
            w.clip = self.clip
            w.place(ctx, pygame.Rect(inner.x, y, inner.w, h))
            y += h + gap


class Row(Widget):
    """Children side by side; widths from `weights` (shares) or each child's `fixed` width."""

    horizontal = True

    def __init__(self, items: Sequence[Widget], *, weights: Sequence[float] | None = None, gap: int | None = None,
                 group: bool = False, fill_height: bool = True, **kw):
        super().__init__(**kw)
        self.items = [w for w in items if w is not None]
        for w in self.items:
            w.parent = self
        self.weights = list(weights) if weights else [1.0] * len(self.items)
        self.gap = gap
        self.group_box = group
        self.fill_height = fill_height

    def children(self):
        return self.items

    def _widths(self, ctx, width):
        gap = ctx.theme.gap if self.gap is None else self.gap
        avail = width - gap * max(0, len(self.items) - 1)
        total = sum(self.weights) or 1
        widths = [int(avail * w / total) for w in self.weights]
        if widths:
            widths[-1] = avail - sum(widths[:-1])
        return widths, gap

    def measure(self, ctx, width):
        widths, _ = self._widths(ctx, width)
        return max((w.measure(ctx, cw) for w, cw in zip(self.items, widths)), default=0)

    def place(self, ctx, rect):
        super().place(ctx, rect)
        widths, gap = self._widths(ctx, rect.w)
        x = rect.x
        for w, cw in zip(self.items, widths):
            h = rect.h if self.fill_height else min(rect.h, w.measure(ctx, cw))
            w.clip = self.clip
            w.place(ctx, pygame.Rect(x, rect.y, cw, h))
            x += cw + gap


class Panel(Widget):
    """A box with a border, an optional heading, and one child inside."""

    def __init__(self, child: Widget, *, title: str | None = None, fill=th.PANEL, border: bool = True, **kw):
        super().__init__(**kw)
        self.child = child
        child.parent = self
        self.title = title
        self.fill = fill
        self.border = border

    def children(self):
        return (self.child,)

    def _head(self, ctx):
        return ctx.theme.h2.get_linesize() + ctx.theme.gap if self.title else 0

    def measure(self, ctx, width):
        pad = ctx.theme.pad
        return self.child.measure(ctx, width - 2 * pad) + 2 * pad + self._head(ctx)

    def place(self, ctx, rect):
        super().place(ctx, rect)
        pad = ctx.theme.pad
        head = self._head(ctx)
        self.child.clip = self.clip
        self.child.place(ctx, pygame.Rect(rect.x + pad, rect.y + pad + head, rect.w - 2 * pad,
                                          max(0, rect.h - 2 * pad - head)))

    def draw(self, surface, ctx):
        if self.fill is not None:
            pygame.draw.rect(surface, self.fill, self.rect, border_radius=6)
        if self.border:
            pygame.draw.rect(surface, th.BORDER, self.rect, ctx.theme.border, border_radius=6)
        if self.title:
            pad = ctx.theme.pad
            title = ellipsize(ctx.theme.h2, self.title, self.rect.w - 2 * pad)
            ctx.text(surface, ctx.theme.h2, title, th.ACCENT, (self.rect.x + pad, self.rect.y + pad), self)
        self.child.draw(surface, ctx)


class Scroll(Widget):
    """Shows a taller child through a viewport; wheel, PageUp/PageDown and focus scroll it.

    The offset survives rebuilds through `offsets` (a dict owned by the screen, by key)."""

    def __init__(self, child: Widget, *, key: str, offsets: dict, **kw):
        super().__init__(key=key, **kw)
        self.child = child
        child.parent = self
        self.offsets = offsets
        self.content_h = 0
        self.bar = 0

    def children(self):
        return (self.child,)

    @property
    def offset(self) -> int:
        return self.offsets.get(self.key, 0)

    @offset.setter
    def offset(self, value: int) -> None:
        self.offsets[self.key] = max(0, min(int(value), max(0, self.content_h - self.rect.h)))

    @property
    def focusable(self) -> bool:   # a scroll area with nothing focusable inside takes focus itself
        return self.scrollable and not any(w.focusable for w in self.child.walk())

    @property
    def scrollable(self) -> bool:
        return self.content_h > self.rect.h

    def measure(self, ctx, width):
        return self.child.measure(ctx, width)

    def place(self, ctx, rect):
        super().place(ctx, rect)
        self.bar = max(6, ctx.theme.pad)
        full = self.child.measure(ctx, rect.w)
        if full > rect.h:
            full = self.child.measure(ctx, rect.w - self.bar - 2)
            width = rect.w - self.bar - 2
        else:
            width = rect.w
        self.content_h = full
        self.offset = self.offset   # clamp to the new size
        view = pygame.Rect(rect)
        self.child.clip = view if self.clip is None else view.clip(self.clip)
        self.child.place(ctx, pygame.Rect(rect.x, rect.y - self.offset, width, max(full, rect.h)))

    def scroll_by(self, ctx, dy: int) -> None:
        self.offset = self.offset + dy
        self.place(ctx, self.rect)

    def reveal(self, ctx, widget: Widget) -> None:
        """Scroll so that `widget` (a descendant) is in view."""
        top = widget.rect.y - self.rect.y + self.offset
        if widget.rect.top < self.rect.top:
            self.offset = top
        elif widget.rect.bottom > self.rect.bottom:
            self.offset = top + widget.rect.h - self.rect.h
        else:
            return
        self.place(ctx, self.rect)

    def draw(self, surface, ctx):
        old = surface.get_clip()
        surface.set_clip(self.rect.clip(old) if old else self.rect)
        self.child.draw(surface, ctx)
        surface.set_clip(old)
        if self.scrollable:
            track = pygame.Rect(self.rect.right - self.bar, self.rect.y, self.bar, self.rect.h)
            pygame.draw.rect(surface, th.PANEL_ALT, track, border_radius=3)
            h = max(self.bar * 2, self.rect.h * self.rect.h // max(1, self.content_h))
            y = self.rect.y + (self.rect.h - h) * self.offset // max(1, self.content_h - self.rect.h)
            pygame.draw.rect(surface, th.MUTED, (track.x, y, self.bar, h), border_radius=3)
        if ctx.focus is self:
            self.draw_focus(surface, ctx)

    def handle_key(self, event, ctx):
        step = ctx.theme.line * 3
        if event.key in (pygame.K_PAGEDOWN,) or (ctx.focus is self and event.key == pygame.K_DOWN):
            self.scroll_by(ctx, step if event.key == pygame.K_DOWN else self.rect.h - step)
            return True
        if event.key in (pygame.K_PAGEUP,) or (ctx.focus is self and event.key == pygame.K_UP):
            self.scroll_by(ctx, -step if event.key == pygame.K_UP else -(self.rect.h - step))
            return True
        return False


class Spacer(Widget):
    def __init__(self, height: int = 0, **kw):
        super().__init__(**kw)
        self.height = height

    def measure(self, ctx, width):
        return self.height


# ---------------------------------------------------------------------------- text

class Text(Widget):
    """Wrapped text. `max_lines` cuts it with '…' (the full text then becomes the tooltip)."""

    def __init__(self, text: str, *, font: str = "body", colour=th.TEXT, max_lines: int | None = None,
                 align: str = "left", **kw):
        super().__init__(**kw)
        self.text = str(text)
        self.font = font
        self.colour = colour
        self.max_lines = max_lines
        self.align = align

    def _font(self, ctx):
        return getattr(ctx.theme, self.font)

    def lines(self, ctx, width):
        font = self._font(ctx)
        lines = ctx.wrap(font, self.text, width)
        if self.max_lines is not None and len(lines) > self.max_lines:
            if self.tooltip is None:
                self.tooltip = self.text
            lines = clamp_lines(font, lines, self.max_lines, width)
        return lines

    def measure(self, ctx, width):
        return len(self.lines(ctx, width)) * self._font(ctx).get_linesize()

    def draw(self, surface, ctx):
        font = self._font(ctx)
        y = self.rect.y
        for line in self.lines(ctx, self.rect.w):
            w = font.size(line)[0]
            x = self.rect.x + (self.rect.w - w) // 2 if self.align == "center" else \
                self.rect.right - w if self.align == "right" else self.rect.x
            ctx.text(surface, font, line, self.colour, (x, y), self)
            y += font.get_linesize()


class Note(Text):
    """Text that takes focus (so its tooltip is reachable by keyboard), e.g. an outcome's progress."""

    focusable = True

    def draw(self, surface, ctx):
        if ctx.hover is self:
            pygame.draw.rect(surface, th.HOVER, self.rect, border_radius=3)
        super().draw(surface, ctx)
        self.draw_focus(surface, ctx)


class Label(Text):
    """One line, cut with '…' to fit (the full text as tooltip)."""

    def __init__(self, text: str, **kw):
        super().__init__(text, max_lines=1, **kw)

    def lines(self, ctx, width):
        font = self._font(ctx)
        line = ellipsize(font, self.text, width)
        if line != self.text and self.tooltip is None:
            self.tooltip = self.text
        return [line]


class Badge(Widget):
    """A coloured pill with an icon and a word (colour is never the only signal)."""

    def __init__(self, text: str, colour, *, font: str = "small_bold", **kw):
        super().__init__(**kw)
        self.text = text
        self.colour = colour
        self.font = font

    def natural_width(self, ctx) -> int:
        return getattr(ctx.theme, self.font).size(self.text)[0] + 2 * ctx.theme.gap + 2

    def measure(self, ctx, width):
        return getattr(ctx.theme, self.font).get_linesize() + 4

    def draw(self, surface, ctx):
        font = getattr(ctx.theme, self.font)
        width = min(self.rect.w, self.natural_width(ctx))
        box = pygame.Rect(self.rect.x, self.rect.y, width, self.rect.h)
        pygame.draw.rect(surface, self.colour, box, border_radius=box.h // 2)
        pygame.draw.rect(surface, th.TEXT, box, 1, border_radius=box.h // 2)
        text = ellipsize(font, self.text, box.w - 2 * ctx.theme.gap)
        if text != self.text and self.tooltip is None:
            self.tooltip = self.text
        ctx.text(surface, font, text, th.TEXT, (box.x + ctx.theme.gap, box.y + 2), self)


class Quote(Widget):
    """A quotation from a source, marked as one: a quote mark, a tinted box, and the source below."""

    def __init__(self, text: str, source: str, **kw):
        super().__init__(**kw)
        self.quote = Text(f"“{text.strip()}”", font="body")
        self.source = Text(f"— {source}", font="small", colour=th.MUTED)
        self.quote.parent = self.source.parent = self

    def children(self):
        return (self.quote, self.source)

    def _indent(self, ctx):
        return ctx.theme.pad + ctx.theme.h1.size("❝")[0]

    def measure(self, ctx, width):
        inner = width - self._indent(ctx) - ctx.theme.pad
        return self.quote.measure(ctx, inner) + self.source.measure(ctx, inner) + 2 * ctx.theme.gap

    def place(self, ctx, rect):
        super().place(ctx, rect)
        ind = self._indent(ctx)
        inner = rect.w - ind - ctx.theme.pad
        qh = self.quote.measure(ctx, inner)
        for w in (self.quote, self.source):
            w.clip = self.clip
        self.quote.place(ctx, pygame.Rect(rect.x + ind, rect.y + ctx.theme.gap, inner, qh))
        self.source.place(ctx, pygame.Rect(rect.x + ind, rect.y + ctx.theme.gap + qh, inner,
                                           self.source.measure(ctx, inner)))

    def draw(self, surface, ctx):
        pygame.draw.rect(surface, th.QUOTE, self.rect, border_radius=4)
        pygame.draw.rect(surface, th.ORANGE, (self.rect.x, self.rect.y, 4, self.rect.h))
        ctx.text(surface, ctx.theme.h1, "❝", th.MUTED, (self.rect.x + 6, self.rect.y), self)
        super().draw(surface, ctx)


# ---------------------------------------------------------------------------- controls

class Button(Widget):
    """A push button. `hint` (e.g. 'Enter') is shown small after the label; a disabled button says
    why in its tooltip."""

    focusable = True

    def __init__(self, label: str, on_activate: Callable | None = None, *, primary: bool = False,
                 hint: str | None = None, selected: bool = False, **kw):
        super().__init__(on_activate=on_activate, **kw)
        self.label = label
        self.primary = primary
        self.hint = hint
        self.selected = selected

    def measure(self, ctx, width):
        return ctx.theme.bold.get_linesize() + 2 * ctx.theme.gap + 4

    def natural_width(self, ctx) -> int:
        w = ctx.theme.bold.size(self.label)[0] + 3 * ctx.theme.pad
        if self.hint:
            w += ctx.theme.small.size(self.hint)[0] + ctx.theme.gap
        return w

    def draw(self, surface, ctx):
        r = self.rect
        if not self.enabled:
            fill, fg = th.PANEL_ALT, th.DISABLED
        elif self.primary:
            fill, fg = th.ACCENT, th.WHITE
        elif self.selected:
            fill, fg = th.SELECTED, th.TEXT
        else:
            fill, fg = (th.HOVER if ctx.hover is self else th.PANEL), th.TEXT
        pygame.draw.rect(surface, fill, r, border_radius=6)
        pygame.draw.rect(surface, th.TEXT if self.enabled else th.DISABLED, r, ctx.theme.border + self.selected,
                         border_radius=6)
        font = ctx.theme.bold
        hint_w = ctx.theme.small.size(self.hint)[0] + ctx.theme.gap if self.hint else 0
        label = ellipsize(font, ("✓ " if self.selected else "") + self.label, r.w - 2 * ctx.theme.gap - hint_w)
        if label != self.label and self.tooltip is None:
            self.tooltip = self.label
        lw = font.size(label)[0]
        x = r.x + (r.w - lw - hint_w) // 2
        y = r.y + (r.h - font.get_linesize()) // 2
        ctx.text(surface, font, label, fg, (x, y), self)
        if self.hint and r.w - 2 * ctx.theme.gap > lw + hint_w:
            ctx.text(surface, ctx.theme.small, self.hint, fg if self.primary else th.MUTED,
                     (x + lw + ctx.theme.gap, y + (font.get_linesize() - ctx.theme.small.get_linesize()) // 2), self)
        self.draw_focus(surface, ctx)


class Choice(Widget):
    """A selectable row of a list: number, title, badge on the right, wrapped details below.

    Selected rows show a check mark and a thick border as well as a tint."""

    focusable = True

    def __init__(self, title: str, *, details: str = "", number: int | None = None, badge: Badge | None = None,
                 selected: bool = False, detail_lines: int | None = 2, extra: Widget | None = None, **kw):
        super().__init__(**kw)
        self.title = title
        self.number = number
        self.badge = badge
        self.selected = selected
        self.details = Text(details, font="small", colour=th.MUTED, max_lines=detail_lines) if details else None
        self.extra = extra
        for w in (self.badge, self.details, self.extra):
            if w is not None:
                w.parent = self

    def children(self):
        return [w for w in (self.badge, self.details, self.extra) if w is not None]

    def _prefix(self, ctx):
        mark = "✓ " if self.selected else ""
        num = f"{self.number}. " if self.number is not None and self.number <= 9 else ""
        return mark + num

    def _badge_w(self, ctx, width):
        return min(self.badge.natural_width(ctx), width - 2 * ctx.theme.pad) if self.badge else 0

    def _badge_below(self, ctx, width) -> bool:
        """A title that does not fit on one line beside the badge gets the full width, the badge a line below."""
        if not self.badge:
            return False
        avail = width - 2 * ctx.theme.pad - self._badge_w(ctx, width) - ctx.theme.gap
        return ctx.theme.bold.size(self._prefix(ctx) + self.title)[0] > avail

    def _title_lines(self, ctx, width):
        bw = 0 if self._badge_below(ctx, width) else self._badge_w(ctx, width)
        avail = width - 2 * ctx.theme.pad - (bw + ctx.theme.gap if bw else 0)
        lines = ctx.wrap(ctx.theme.bold, self._prefix(ctx) + self.title, avail)
        return clamp_lines(ctx.theme.bold, lines, 2, avail), avail

    def measure(self, ctx, width):
        lines, _ = self._title_lines(ctx, width)
        h = len(lines) * ctx.theme.bold.get_linesize() + 2 * ctx.theme.gap
        if self._badge_below(ctx, width):
            h += self.badge.measure(ctx, width) + 2
        inner = width - 2 * ctx.theme.pad
        if self.details:
            h += self.details.measure(ctx, inner)
        if self.extra:
            h += self.extra.measure(ctx, inner) + ctx.theme.gap
        return h

    def place(self, ctx, rect):
        super().place(ctx, rect)
        pad, gap = ctx.theme.pad, ctx.theme.gap
        lines, _ = self._title_lines(ctx, rect.w)
        y = rect.y + gap + len(lines) * ctx.theme.bold.get_linesize()
        inner = rect.w - 2 * pad
        if self.badge:
            bw = self._badge_w(ctx, rect.w)
            self.badge.clip = self.clip
            bh = self.badge.measure(ctx, bw)
            if self._badge_below(ctx, rect.w):
                self.badge.place(ctx, pygame.Rect(rect.x + pad, y + 1, bw, bh))
                y += bh + 2
            else:
                self.badge.place(ctx, pygame.Rect(rect.right - pad - bw, rect.y + gap, bw, bh))
        if self.details:
            h = self.details.measure(ctx, inner)
            self.details.clip = self.clip
            self.details.place(ctx, pygame.Rect(rect.x + pad, y, inner, h))
            y += h
        if self.extra:
            h = self.extra.measure(ctx, inner)
            self.extra.clip = self.clip
            self.extra.place(ctx, pygame.Rect(rect.x + pad, y + gap, inner, h))

    def draw(self, surface, ctx):
        r = self.rect
        fill = th.SELECTED if self.selected else th.HOVER if ctx.hover is self else th.PANEL
        if not self.enabled:
            fill = th.PANEL_ALT
        pygame.draw.rect(surface, fill, r, border_radius=5)
        pygame.draw.rect(surface, th.ACCENT if self.selected else th.BORDER, r,
                         (ctx.theme.border + 2) if self.selected else ctx.theme.border, border_radius=5)
        lines, _ = self._title_lines(ctx, r.w)
        y = r.y + ctx.theme.gap
        colour = th.TEXT if self.enabled else th.DISABLED
        for line in lines:
            ctx.text(surface, ctx.theme.bold, line, colour, (r.x + ctx.theme.pad, y), self)
            y += ctx.theme.bold.get_linesize()
        super().draw(surface, ctx)
        self.draw_focus(surface, ctx)


class Meter(Widget):
    """A labelled bar for one variable: value, last change (▲/▼ and signed number), and for an
    intelligence estimate a shaded band of ± its uncertainty and a '~'."""

    focusable = True

    def __init__(self, label: str, value: float, lo: float, hi: float, *, value_text: str,
                 change_text: str = "", band: tuple[float, float] | None = None, **kw):
        super().__init__(**kw)
        self.label = label
        self.value = value
        self.lo, self.hi = lo, hi
        self.value_text = value_text
        self.change_text = change_text
        self.band = band

    def _right(self) -> str:
        return f"{self.value_text}  {self.change_text}".strip()

    def _label_lines(self, ctx, width) -> list[str]:
        """One line when label and value fit side by side; else the label alone, on up to two lines."""
        font, bold = ctx.theme.small, ctx.theme.small_bold
        if font.size(self.label)[0] + bold.size(self._right())[0] + ctx.theme.gap + 4 <= width:
            return [self.label]
        lines = ctx.wrap(font, self.label, width - 4)
        if len(lines) > 2:
            lines = clamp_lines(font, lines, 2, width - 4)
            if self.tooltip is None:
                self.tooltip = self.label
        return lines

    def measure(self, ctx, width):
        lines = len(self._label_lines(ctx, width))
        return lines * ctx.theme.small.get_linesize() + max(8, ctx.theme.gap * 2) + ctx.theme.gap + 2

    def draw(self, surface, ctx):
        r = self.rect
        font, bold = ctx.theme.small, ctx.theme.small_bold
        if ctx.hover is self:
            pygame.draw.rect(surface, th.HOVER, r, border_radius=3)
        right = self._right()
        rw = bold.size(right)[0]
        bar_h = max(8, ctx.theme.gap * 2)
        lines = self._label_lines(ctx, r.w)
        bar_y = r.y + len(lines) * font.get_linesize() + 2
        if lines == [self.label] and font.size(self.label)[0] + rw + ctx.theme.gap + 4 <= r.w:   # side by side
            ctx.text(surface, font, self.label, th.TEXT, (r.x + 2, r.y + 1), self)
            ctx.text(surface, bold, right, th.TEXT, (r.right - rw - 2, r.y + 1), self)
            bar = pygame.Rect(r.x + 2, bar_y, r.w - 4, bar_h)
        else:   # narrow: the label gets its own lines, the value goes beside the bar
            for i, line in enumerate(lines):
                ctx.text(surface, font, line, th.TEXT, (r.x + 2, r.y + 1 + i * font.get_linesize()), self)
            value_w = min(rw, r.w // 2)
            value = ellipsize(bold, right, value_w)
            ctx.text(surface, bold, value, th.TEXT, (r.right - bold.size(value)[0] - 2,
                                                     bar_y + (bar_h - bold.get_linesize()) // 2), self)
            bar = pygame.Rect(r.x + 2, bar_y, r.w - value_w - ctx.theme.gap - 6, bar_h)
        pygame.draw.rect(surface, th.PANEL_ALT, bar)
        span = (self.hi - self.lo) or 1

        def x_of(v):
            return bar.x + int(bar.w * (min(max(v, self.lo), self.hi) - self.lo) / span)
        if self.band:
            a, b = x_of(self.band[0]), x_of(self.band[1])
            pygame.draw.rect(surface, (190, 205, 220), (a, bar.y, max(2, b - a), bar.h))
            for xx in range(a, b, 6):   # hatching: the band reads as "uncertain" without colour
                pygame.draw.line(surface, th.MUTED, (xx, bar.bottom - 1), (min(b, xx + 4), bar.y))
            pygame.draw.rect(surface, th.TEXT, (x_of(self.value) - 1, bar.y - 2, 3, bar.h + 4))
        else:
            pygame.draw.rect(surface, th.ACCENT, (bar.x, bar.y, x_of(self.value) - bar.x, bar.h))
        pygame.draw.rect(surface, th.BORDER, bar, 1)
        self.draw_focus(surface, ctx)


class TextInput(Widget):
    """A one-line text field (a save's name). Typing goes through pygame's TEXTINPUT events."""

    focusable = True

    def __init__(self, value: str, *, on_change: Callable[[str], None], on_submit: Callable | None = None,
                 max_len: int = 60, **kw):
        super().__init__(on_activate=on_submit, **kw)
        self.value = value
        self.on_change = on_change
        self.max_len = max_len

    def measure(self, ctx, width):
        return ctx.theme.body.get_linesize() + 2 * ctx.theme.gap + 4

    def handle_key(self, event, ctx):
        if event.type == pygame.TEXTINPUT:
            text = "".join(ch for ch in event.text if ch.isprintable())
            if text:
                self.value = (self.value + text)[: self.max_len]
                self.on_change(self.value)
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_BACKSPACE:
            self.value = self.value[:-1]
            self.on_change(self.value)
            return True
        return False

    def draw(self, surface, ctx):
        r = self.rect
        pygame.draw.rect(surface, th.WHITE, r, border_radius=4)
        pygame.draw.rect(surface, th.TEXT, r, ctx.theme.border, border_radius=4)
        font = ctx.theme.body
        shown = self.value
        while shown and font.size(shown + "|")[0] > r.w - 2 * ctx.theme.gap:
            shown = shown[1:]
        cursor = "|" if ctx.focus is self else ""
        ctx.text(surface, font, shown + cursor, th.TEXT, (r.x + ctx.theme.gap, r.y + ctx.theme.gap + 2), self)
        self.draw_focus(surface, ctx)


class Picture(Widget):
    """A widget drawn by a function into its rectangle (the map, the chart), cached by `cache_key`."""

    def __init__(self, paint: Callable[[pygame.Surface, Ctx, pygame.Rect], None], *, height: int | None = None,
                 aspect: float | None = None, cache_key=None, **kw):
        super().__init__(**kw)
        self.paint = paint
        self.height = height
        self.aspect = aspect
        self.cache_key = cache_key
        self._cache: tuple | None = None

    def measure(self, ctx, width):
        if self.height is not None:
            return self.height
        return int(width * self.aspect) if self.aspect else 0

    def draw(self, surface, ctx):
        if self.rect.w <= 0 or self.rect.h <= 0:
            return
        self.paint(surface, ctx, self.rect)
        self.draw_focus(surface, ctx)

"""What every screen shares: building its widget tree, focus by keyboard and mouse, tooltips,
the page frame (a title bar and a line of key hints at the bottom)."""
from __future__ import annotations

import pygame

from game.ui import theme as th
from game.ui.strings import t
from game.ui.widgets import Column, Ctx, Label, Row, Scroll, Text, Widget


class Screen:
    """A full-window page. Subclasses implement `build()`; `refresh()` rebuilds after a change."""

    name = "screen"
    dim = False     # an overlay (pause menu, dialogs) darkens what is below it

    def __init__(self, app):
        self.app = app
        self.root: Widget | None = None
        self.offsets: dict[str, int] = {}
        self.focus_key: str | None = None
        self._group_current: dict[int, str] = {}

    # ------------------------------------------------------------------ building
    @property
    def ctx(self) -> Ctx:
        return self.app.ctx

    def build(self) -> Widget:
        raise NotImplementedError

    def area(self) -> pygame.Rect:
        return self.app.window_rect()

    def refresh(self) -> None:
        """Rebuild the widget tree from the state and place it; focus stays on the same key."""
        focus_key = self.ctx.focus.key if self.ctx.focus is not None and self.owns(self.ctx.focus) else self.focus_key
        self.root = self.build()
        self.root.place(self.ctx, self.area())
        self.ctx.hover = None
        target = self.find(focus_key) if focus_key else None
        if target is None or not target.focusable or not target.enabled:
            target = self.default_focus()
        self.set_focus(target, keyboard=self.ctx.keyboard)
        self.app.dirty = True

    def owns(self, widget: Widget) -> bool:
        return self.root is not None and any(w is widget for w in self.root.walk())

    def find(self, key: str) -> Widget | None:
        if self.root is None:
            return None
        return next((w for w in self.root.walk() if w.key == key), None)

    def default_focus(self) -> Widget | None:
        items = self.focusables()
        return items[0] if items else None

    # ------------------------------------------------------------------ focus
    def focusables(self) -> list[Widget]:
        if self.root is None:
            return []
        return [w for w in self.root.walk() if w.focusable and w.enabled]

    def group_of(self, widget: Widget) -> Widget:
        node = widget.parent
        while node is not None:
            if node.group_box:
                return node
            node = node.parent
        return widget

    def groups(self) -> list[Widget]:
        seen, out = set(), []
        for w in self.focusables():
            g = self.group_of(w)
            if id(g) not in seen:
                seen.add(id(g))
                out.append(g)
        return out

    def members(self, group: Widget) -> list[Widget]:
        return [w for w in self.focusables() if self.group_of(w) is group]

    def current_of(self, group: Widget) -> Widget:
        items = self.members(group)
        key = self._group_current.get(id(group))
        for w in items:
            if key is not None and w.key == key:
                return w
        for w in items:
            if getattr(w, "selected", False):
                return w
        return items[0]

    def set_focus(self, widget: Widget | None, keyboard: bool = False) -> None:
        self.ctx.focus = widget
        self.ctx.keyboard = keyboard
        if widget is not None:
            self.focus_key = widget.key
            self._group_current[id(self.group_of(widget))] = widget.key
            node = widget.parent
            while node is not None:      # bring it into view in every scroll area around it
                if isinstance(node, Scroll):
                    node.reveal(self.ctx, widget)
                node = node.parent
        self.app.dirty = True

    def move_group(self, step: int) -> None:
        groups = self.groups()
        if not groups:
            return
        focus = self.ctx.focus
        here = self.group_of(focus) if focus is not None else None
        index = next((i for i, g in enumerate(groups) if g is here), -1 if step > 0 else 0)
        group = groups[(index + step) % len(groups)]
        self.set_focus(self.current_of(group), keyboard=True)

    def move_in_group(self, step: int) -> bool:
        focus = self.ctx.focus
        if focus is None:
            return False
        items = self.members(self.group_of(focus))
        if len(items) < 2:
            return False
        i = next((n for n, w in enumerate(items) if w is focus), 0)
        j = i + step
        if not 0 <= j < len(items):
            return False
        self.set_focus(items[j], keyboard=True)
        return True

    # ------------------------------------------------------------------ input
    def handle(self, event) -> None:
        ctx = self.ctx
        if event.type in (pygame.KEYDOWN, pygame.TEXTINPUT):
            if ctx.focus is not None and ctx.focus.handle_key(event, ctx):
                self.app.dirty = True
                return
            if event.type == pygame.KEYDOWN:
                self.key(event)
            return
        if event.type == pygame.MOUSEMOTION:
            hit = self.hit(event.pos)
            if hit is not ctx.hover:
                ctx.hover = hit
                self.app.hover_since = self.app.now()
                self.app.dirty = True
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            hit = self.hit(event.pos)
            ctx.pressed = hit
            ctx.hover = hit
            if hit is not None and hit.focusable and hit.enabled:
                self.set_focus(hit, keyboard=False)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            hit = self.hit(event.pos)
            pressed, ctx.pressed = ctx.pressed, None
            if hit is not None and hit is pressed:
                self.click(hit)
        elif event.type == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos()
            for w in self._walk_scrolls():
                if w.visible_rect().collidepoint(pos):
                    w.scroll_by(ctx, -event.y * ctx.theme.line * 3)
                    self.app.dirty = True
                    break

    def _walk_scrolls(self):
        if self.root is None:
            return []
        return [w for w in reversed(list(self.root.walk())) if isinstance(w, Scroll) and w.scrollable]

    def click(self, widget: Widget) -> None:
        if widget.enabled and widget.activate(self.ctx):
            self.app.dirty = True

    def hit(self, pos) -> Widget | None:
        """The innermost focusable widget at `pos` (a control: clicks and hovers go to it), else the
        innermost one with a tooltip."""
        if self.root is None:
            return None
        control = tipped = None
        for w in self.root.walk():
            if w.visible_rect().collidepoint(pos):
                if w.focusable:
                    control = w
                elif w.tooltip:
                    tipped = w
        return control or tipped

    def key(self, event) -> None:
        k, mods = event.key, event.mod
        if k == pygame.K_TAB:
            self.move_group(-1 if mods & pygame.KMOD_SHIFT else 1)
        elif k in (pygame.K_DOWN, pygame.K_RIGHT, pygame.K_UP, pygame.K_LEFT):
            focus = self.ctx.focus
            step = 1 if k in (pygame.K_DOWN, pygame.K_RIGHT) else -1
            if focus is None:
                self.move_group(step)
                return
            along = (pygame.K_LEFT, pygame.K_RIGHT) if self.group_of(focus).horizontal else (pygame.K_UP, pygame.K_DOWN)
            if k not in along or not self.move_in_group(step):
                self.move_group(step)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if self.ctx.focus is not None:
                self.click(self.ctx.focus)
        elif k == pygame.K_ESCAPE:
            self.on_escape()
        elif k == pygame.K_F1:
            self.app.show_help()
        elif pygame.K_1 <= k <= pygame.K_9 or pygame.K_KP1 <= k <= pygame.K_KP9:
            n = (k - pygame.K_1 if k <= pygame.K_9 else k - pygame.K_KP1) + 1
            self.on_number(n)
        elif k in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            scrolls = self._walk_scrolls()
            if scrolls:
                scrolls[-1].handle_key(event, self.ctx)
                self.app.dirty = True

    def on_number(self, n: int) -> None:
        """Number n: the n-th item of the focused group (or of the first group)."""
        focus = self.ctx.focus
        group = self.group_of(focus) if focus is not None else (self.groups() or [None])[0]
        if group is None:
            return
        items = self.members(group)
        if 1 <= n <= len(items):
            self.set_focus(items[n - 1], keyboard=True)
            self.click(items[n - 1])

    def on_escape(self) -> None:
        pass

    def update(self, dt: float) -> None:
        pass

    # ------------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface) -> None:
        if self.root is not None:
            self.root.draw(surface, self.ctx)


# ---------------------------------------------------------------------------- page frame

class Page(Widget):
    """Title bar, body and a bottom line of key hints, filling the window."""

    def __init__(self, title: str, body: Widget, *, hints: str | None = None, right: Widget | None = None, **kw):
        super().__init__(**kw)
        self.title = Label(title, font="h1", colour=th.ACCENT)
        self.right = right
        self.body = body
        self.hints = Label(hints if hints is not None else t("keys.default"), font="small", colour=th.MUTED)
        for w in self.children():
            w.parent = self

    def children(self):
        return [w for w in (self.title, self.right, self.body, self.hints) if w is not None]

    def place(self, ctx, rect):
        super().place(ctx, rect)
        pad = ctx.theme.pad
        head = ctx.theme.h1.get_linesize() + pad
        foot = ctx.theme.small.get_linesize() + pad
        inner_w = rect.w - 2 * pad
        right_w = 0
        if self.right is not None:
            right_w = min(inner_w // 2, getattr(self.right, "natural_width", lambda c: inner_w // 3)(ctx))
            rh = min(head - 2, self.right.measure(ctx, right_w))
            self.right.place(ctx, pygame.Rect(rect.right - pad - right_w, rect.y + (head + pad - rh) // 2, right_w, rh))
        self.title.place(ctx, pygame.Rect(rect.x + pad, rect.y + pad // 2 + 2, inner_w - right_w - pad,
                                          ctx.theme.h1.get_linesize()))
        self.body.place(ctx, pygame.Rect(rect.x + pad, rect.y + head + pad // 2, inner_w,
                                         rect.h - head - foot - pad))
        self.hints.place(ctx, pygame.Rect(rect.x + pad, rect.bottom - foot + pad // 4, inner_w,
                                          ctx.theme.small.get_linesize()))

    def draw(self, surface, ctx):
        surface.fill(th.BG)
        pad = ctx.theme.pad
        head = ctx.theme.h1.get_linesize() + pad
        pygame.draw.line(surface, th.BORDER, (self.rect.x, self.rect.y + head + 2),
                         (self.rect.right, self.rect.y + head + 2), 1)
        super().draw(surface, ctx)


def scroll_text(screen: Screen, key: str, items, flex: float = 1) -> Scroll:
    """A scrolling column of widgets (a long text, a list)."""
    return Scroll(Column(items), key=key, offsets=screen.offsets, flex=flex)


def paragraph(text: str, **kw) -> Text:
    return Text(text, **kw)


def button_row(buttons, *, weights=None, key=None) -> Row:
    return Row(buttons, weights=weights, group=True, key=key)

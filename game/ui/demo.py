"""Demo mode: the window plays itself from the start screen through a whole game of two computer
players to the end screen, by sending the same key presses and clicks a person would. With
--screenshots DIR it saves a PNG of each distinct screen. In class: "watch two computers play"."""
from __future__ import annotations

import os

import pygame

from game.ui.synthetic import click, press


class DemoDriver:
    """Acts once the current screen has been drawn and `delay` seconds have passed."""

    def __init__(self, app, seed: int | None = None, delay: float | None = None):
        self.app = app
        if delay is None:
            delay = 0.0 if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen") else 1.5
        self.delay = delay
        self.visited: set[str] = set()
        self.paused_once = False
        self.since = None
        self.done = False
        self.turns_seen = 0

    def _ready(self) -> bool:
        app = self.app
        if not app.drawn or app.busy():
            self.since = None
            return False
        if self.since is None:
            self.since = app.now()
        if app.now() - self.since < self.delay:
            return False
        self.since = None
        return True

    def _activate(self, key: str) -> bool:
        widget = self.app.active.find(key)
        if widget is None or not widget.enabled:
            return False
        return click(widget)

    def tick(self) -> None:
        if self.done or not self._ready():
            return
        app = self.app
        screen = app.active
        name = screen.name
        if name == "start":
            for key in ("help", "settings"):
                if key not in self.visited:
                    self.visited.add(key)
                    self._activate(key)
                    return
            self._activate("new")
        elif name in ("help", "settings"):
            press(pygame.K_ESCAPE)
        elif name == "setup":
            side = screen.find("side:watch")
            if side is not None and not side.selected:
                self._activate("side:watch")
            else:
                press(pygame.K_RETURN) if app.ctx.focus is screen.find("start") else self._activate("start")
        elif name == "briefing":
            self._activate("begin")
        elif name == "turn":
            if not self.paused_once and app.session.game.turn >= 2:
                self.paused_once = True
                press(pygame.K_ESCAPE)
                return
            press(pygame.K_RETURN) if app.ctx.focus is screen.find("next") else self._activate("next")
        elif name == "pause":
            press(pygame.K_ESCAPE)
        elif name == "report":
            self._activate("continue")
        elif name == "end":
            self.done = True
            app.running = False

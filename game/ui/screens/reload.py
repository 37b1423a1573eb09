"""The errors of a scenario file being watched (`--watch`): file:line:col, key path and message of
each, over the game that keeps running on the last good version."""
from __future__ import annotations

from game.present.reload import STRINGS, broken_lines
from game.ui import theme as th
from game.ui.screens.menus import Dialog
from game.ui.widgets import Button, Column, Panel, Scroll, Text


class ReloadErrorsScreen(Dialog):
    name = "reload_errors"
    width_share = 0.7

    def __init__(self, app, path, issues, *, running: bool):
        super().__init__(app)
        self.lines = broken_lines(path, issues, running=running)
        self.running = running
        self.focus_key = "keep"

    def build_body(self):
        head, *issues = self.lines
        listed = Column([Text(line, font="small", max_lines=3) for line in issues])
        label = STRINGS["keep_playing"] if self.running else STRINGS["close"]
        return Panel(Column([Text(head, colour=th.VERMILLION),
                             Scroll(listed, key="issues", offsets=self.offsets, flex=1),   # the button stays in view
                             Button(label, self.app.close_overlay, key="keep", primary=True, hint="Esc")]),
                     title=STRINGS["errors_title"])

    def on_escape(self):
        self.app.close_overlay()

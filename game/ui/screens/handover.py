"""Hot-seat hand-over: a plain screen naming the next player; nothing of the previous choice."""
from __future__ import annotations

from game.ui import theme as th
from game.ui.screens.base import Page, Screen
from game.ui.strings import t
from game.ui.widgets import Button, Column, Panel, Spacer, Text
from game.ui.words import side_name


class HandoverScreen(Screen):
    name = "handover"

    def __init__(self, app, flow, side: int):
        super().__init__(app)
        self.flow = flow
        self.side = side
        self.focus_key = "ready"

    def build(self):
        sc = self.flow.session.scenario
        name, other = side_name(sc, self.side), side_name(sc, 1 - self.side)
        body = Panel(Column([
            Spacer(self.ctx.theme.line * 2),
            Text(t("handover.pass", side=name), font="title", align="center", colour=th.ACCENT),
            Text(t("handover.look_away", other=other), font="h2", align="center"),
            Spacer(self.ctx.theme.line),
            Text(t("handover.about"), align="center", colour=th.MUTED),
            Spacer(self.ctx.theme.line),
            Button(t("handover.ready", side=name), lambda: self.flow.handed_over(self.side), key="ready",
                   primary=True, hint="Enter"),
        ]))
        return Page(t("handover.title"), body, hints=t("keys.handover"))

    def on_escape(self):
        self.app.pause()

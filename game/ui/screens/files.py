"""Loading and saving games: the list of saves (a broken one listed with its problem, never a
crash) and the dialog that names a save."""
from __future__ import annotations

import datetime as dt

from game.saves import SaveError, list_saves, save_path
from game.ui import theme as th
from game.ui.screens.base import Page, Screen
from game.ui.screens.menus import Dialog
from game.ui.strings import t
from game.ui.widgets import Button, Choice, Column, Panel, Row, Scroll, Text, TextInput


class LoadScreen(Screen):
    name = "load"

    def __init__(self, app, back):
        super().__init__(app)
        self.back = back

    def build(self):
        items = []
        saves = list_saves(self.app.saves_dir)
        for n, summary in enumerate(saves, 1):
            if summary.ok:
                state = t("load.ended", outcome=summary.outcome_label or summary.outcome) if summary.outcome else \
                    t("load.at_turn", turn=summary.saved_turn)
                who = summary.who(t("start.person"))
                items.append(Choice(summary.name, number=n, key=f"save:{summary.name}",
                                    details=f"{summary.title} — {state}; {who}", enabled=not summary.outcome,
                                    tooltip=t("load.over") if summary.outcome else None,
                                    on_activate=lambda p=summary.path: self.app.continue_game(p)))
            else:
                items.append(Choice(t("load.broken", name=summary.name), number=n, enabled=False,
                                    key=f"save:{summary.name}", details=summary.problem, detail_lines=3,
                                    tooltip=summary.problem))
        if not items:
            items.append(Text(t("load.none")))
        body = Column([
            Panel(Scroll(Column(items, group=True), key="saves", offsets=self.offsets), title=t("load.saves",
                  folder=str(self.app.saves_dir)), flex=1),
            Row([Button(t("common.back"), self.go_back, key="back", hint="Esc")], group=True),
        ])
        return Page(t("load.title"), body, hints=t("keys.lists"))

    def go_back(self):
        if self.back is not None:
            self.back()

    def on_escape(self):
        self.go_back()


class SaveDialog(Dialog):
    name = "save"

    def __init__(self, app):
        super().__init__(app)
        self.value = f"game-{dt.datetime.now():%Y-%m-%d-%H%M}"
        self.message = ""
        self.focus_key = "name"

    def build_body(self):
        col = Column([
            Text(t("save.about", folder=str(self.app.saves_dir))),
            TextInput(self.value, on_change=self.changed, on_submit=self.save, key="name"),
            Text(self.message, font="small", colour=th.VERMILLION if self.message else th.MUTED, max_lines=3),
            Row([Button(t("common.cancel"), self.app.close_overlay, key="cancel", hint="Esc"),
                 Button(t("save.save"), self.save, key="save", primary=True, hint="Enter")], group=True),
        ])
        return Panel(col, title=t("save.title"))

    def changed(self, value):
        self.value = value

    def save(self):
        name = "".join(ch for ch in self.value.strip() if ch.isalnum() or ch in "-_ ").strip()
        if not name:
            self.message = t("save.need_name")
            self.refresh()
            return
        try:
            path = self.app.session.save(save_path(name, self.app.saves_dir))
        except SaveError as exc:
            self.message = str(exc)
            self.refresh()
            return
        self.app.notice = None
        self.app.close_overlay()
        self.app.toast(t("save.saved", path=str(path)))

    def on_escape(self):
        self.app.close_overlay()

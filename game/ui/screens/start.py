"""The start screen: new game, continue the autosave, load, settings, how to play, quit."""
from __future__ import annotations

from game.saves import AUTOSAVE, save_path, summarise
from game.ui import theme as th
from game.ui.screens.base import Page, Screen
from game.ui.strings import t
from game.ui.widgets import Button, Column, Panel, Row, Spacer, Text


class StartScreen(Screen):
    name = "start"

    def autosave(self):
        path = save_path(AUTOSAVE, self.app.saves_dir)
        if not path.is_file():
            return path, None, t("start.no_autosave")
        summary = summarise(path)
        if not summary.ok:
            return path, None, t("start.autosave_broken", problem=summary.problem)
        if summary.outcome:
            return path, None, t("start.autosave_over")
        who = summary.who(t("start.person"))
        return path, summary, t("start.autosave_is", title=summary.title, turn=summary.saved_turn, players=who)

    def build(self):
        path, summary, about = self.autosave()
        menu = Column([
            Button(t("start.new_game"), self.new_game, key="new", primary=True, hint="1"),
            Button(t("start.continue"), lambda: self.app.continue_game(path), key="continue",
                   enabled=summary is not None, hint="2", tooltip=about),
            Text(about, font="small", colour=th.MUTED, max_lines=3),
            Button(t("start.load"), self.load, key="load", hint="3"),
            Button(t("start.settings"), self.settings, key="settings", hint="4"),
            Button(t("start.how_to_play"), self.how_to, key="help", hint="5"),
            Button(t("start.quit"), self.app.quit, key="quit", hint="6"),
        ], group=True)
        intro = Column([Text(t("start.tagline"), font="h2", colour=th.ACCENT),
                        Text(t("start.intro")),
                        Spacer(self.ctx.theme.gap),
                        Text(self.app.notice or "", font="bold", colour=th.VERMILLION)])
        body = Row([Panel(menu, title=t("start.menu_title")), Panel(intro, title=t("start.about_title"))],
                   weights=[2, 3])
        return Page(t("app.title"), body, hints=t("keys.start"))

    def on_number(self, n):
        keys = ["new", "continue", "load", "settings", "help", "quit"]
        if 1 <= n <= len(keys):
            w = self.find(keys[n - 1])
            if w is not None and w.enabled:
                self.set_focus(w, keyboard=True)
                self.click(w)

    def new_game(self):
        from game.ui.screens.setup import SetupScreen

        self.app.notice = None
        self.app.show(SetupScreen(self.app))

    def load(self):
        from game.ui.screens.files import LoadScreen

        self.app.show(LoadScreen(self.app, back=lambda: self.app.show(StartScreen(self.app))))

    def settings(self):
        from game.ui.screens.menus import SettingsScreen

        self.app.show(SettingsScreen(self.app, back=lambda: self.app.show(StartScreen(self.app))))

    def how_to(self):
        from game.ui.screens.menus import HelpScreen

        self.app.show(HelpScreen(self.app, back=lambda: self.app.show(StartScreen(self.app))))

    def on_escape(self):
        self.app.quit()

"""Setting up a game: the scenario (every file in scenarios/, a broken one with its first error),
the side, and the opponent (a computer player, a second student on this machine, or two computers)."""
from __future__ import annotations

import secrets

from game.ui import theme as th
from game.ui.catalogue import file_labels
from game.ui.screens.base import Page, Screen
from game.ui.strings import t
from game.ui.widgets import Button, Choice, Column, Panel, Row, Scroll, Text
from game.ui.words import long_date

HOT_SEAT, WATCH = "hotseat", "watch"


def computer_players(scenario=None) -> list[tuple[str, str, str]]:
    """(name, label, description) of the computer players a class may pick, difficulty levels first
    (the registry's menu: the language-model player only when a server is configured; with a
    scenario, only the players that can play it)."""
    from game.agents.registry import menu

    return [(name, name.replace("_", " ").capitalize(), about) for name, about in menu(scenario)]


DEFAULT_OPPONENT = "normal"


def summary_line(sc) -> str:
    model = sc.model
    summary = " ".join(model.summary.split())
    date = long_date(sc, model.start_date)
    return summary if summary.startswith(date) else f"{date} · {summary}"


class SetupScreen(Screen):
    name = "setup"

    def __init__(self, app):
        super().__init__(app)
        self.entries = app.scenarios()
        valid = [e for e in self.entries if e.ok]
        self.scenario = valid[0] if valid else None
        self.side = "0"
        players = computer_players()
        names = [name for name, _, _ in players]
        self.opponent = DEFAULT_OPPONENT if DEFAULT_OPPONENT in names else names[0] if names else None
        self.focus_key = "start"

    def build(self):
        scen_items = []
        titles = [e.scenario.model.title for e in self.entries if e.ok]
        files = file_labels(self.entries)
        for n, entry in enumerate(self.entries, 1):
            file = files[entry.key]
            if entry.ok:
                model = entry.scenario.model
                title = model.title if titles.count(model.title) == 1 else f"{model.title} ({file})"
                scen_items.append(Choice(
                    title, number=n, key=f"scenario:{entry.key}", selected=entry is self.scenario,
                    details=summary_line(entry.scenario), detail_lines=6,
                    on_activate=lambda e=entry: self.pick_scenario(e)))
            else:
                scen_items.append(Choice(t("setup.broken", file=file), number=n, enabled=False,
                                         key=f"scenario:{entry.key}", details=entry.problem, detail_lines=4,
                                         tooltip=entry.problem))
        if not self.entries:
            scen_items.append(Text(t("setup.no_scenarios"), colour=th.VERMILLION))
        scenario_panel = Panel(Scroll(Column(scen_items, group=True), key="scenarios", offsets=self.offsets),
                               title=t("setup.scenario"))

        side_items = []
        sc = self.scenario.scenario if self.scenario else None
        if sc is not None:
            for i, side_id in enumerate(sc.sides):
                info = sc.model.sides[side_id]
                side_items.append(Choice(t("setup.play_as", side=info.name), number=len(side_items) + 1,
                                         key=f"side:{i}", selected=self.side == str(i), details=info.role,
                                         on_activate=lambda i=i: self.pick_side(str(i))))
            side_items.append(Choice(t("setup.hotseat"), number=len(side_items) + 1, key="side:hotseat",
                                     selected=self.side == HOT_SEAT, details=t("setup.hotseat_about"),
                                     on_activate=lambda: self.pick_side(HOT_SEAT)))
            side_items.append(Choice(t("setup.watch"), number=len(side_items) + 1, key="side:watch",
                                     selected=self.side == WATCH, details=t("setup.watch_about"),
                                     on_activate=lambda: self.pick_side(WATCH)))
        side_panel = Panel(Scroll(Column(side_items, group=True), key="sides", offsets=self.offsets),
                           title=t("setup.side"))

        opp_items = []
        if self.side == HOT_SEAT:
            opp_items.append(Text(t("setup.no_computer")))
        else:
            players = computer_players(self.scenario.scenario if self.scenario is not None else None)
            if self.opponent not in [name for name, _, _ in players]:   # e.g. a player of the other crisis only
                names = [name for name, _, _ in players]
                self.opponent = DEFAULT_OPPONENT if DEFAULT_OPPONENT in names else names[0] if names else None
            for n, (name, label, about) in enumerate(players, 1):
                opp_items.append(Choice(label, number=n, key=f"opponent:{name}", selected=self.opponent == name,
                                        details=about, on_activate=lambda name=name: self.pick_opponent(name)))
        title = t("setup.computers") if self.side == WATCH else t("setup.opponent")
        opp_panel = Panel(Scroll(Column(opp_items, group=True), key="opponents", offsets=self.offsets), title=title)

        ready = self.scenario is not None and (self.side == HOT_SEAT or self.opponent is not None)
        buttons = Row([Button(t("common.back"), self.back, key="back", hint="Esc"),
                       Button(t("setup.start"), self.start, key="start", primary=True, enabled=ready, hint="Enter",
                              tooltip=None if ready else t("setup.not_ready"))], weights=[1, 2], group=True)
        body = Column([Row([scenario_panel, side_panel, opp_panel], weights=[4, 3, 3], flex=1), buttons])
        return Page(t("setup.title"), body, hints=t("keys.lists"))

    def pick_scenario(self, entry):
        self.scenario = entry
        self.refresh()

    def pick_side(self, side):
        self.side = side
        self.refresh()

    def pick_opponent(self, name):
        self.opponent = name
        self.refresh()

    def back(self):
        from game.ui.screens.start import StartScreen

        self.app.show(StartScreen(self.app))

    def on_escape(self):
        self.back()

    def start(self):
        if self.scenario is None:
            return
        sc = self.scenario.scenario
        humans = (0, 1) if self.side == HOT_SEAT else () if self.side == WATCH else (int(self.side),)
        seed = self.app.options.seed if self.app.options.seed is not None else secrets.randbelow(90000) + 10000
        self.app.new_game(sc, humans=humans, opponent=self.opponent or "random", seed=seed)

""""What happened": both sides' public moves, the talks, events and what changed with its causes;
and the short wait while the computer players choose and the turn resolves."""
from __future__ import annotations

from game.ui import theme as th
from game.ui.screens.base import Page, Screen
from game.ui.screens.history import history_strip
from game.ui.screens.news import news_widgets
from game.ui.screens.turn import escalation_badge, action_tooltip
from game.ui.strings import t
from game.ui.widgets import Button, Choice, Column, Panel, Row, Scroll, Text
from game.engine.negotiation import message_from_json
from game.errors import HotlineError
from game.ui.words import cause_text, message_title, side_name, signed, turn_span, var_label, var_value


def visible_var(sc, var_id: str, sees: frozenset[int]) -> bool:
    i = sc.var_ids.index(var_id)
    vis = sc.visible
    return (vis[0][i] and vis[1][i]) or any(vis[s][i] for s in sees)


class ReportScreen(Screen):
    name = "report"

    def __init__(self, app, flow, viewer: int | None, final: bool = False):
        super().__init__(app)
        self.flow = flow
        self.session = flow.session
        self.final = final
        if final and self.session.mode == "one":
            viewer = self.session.humans[0]
        self.viewer = viewer
        self.focus_key = "continue"

    @property
    def shot_name(self):
        return "report-final" if self.final else "report"

    def build(self):
        sc = self.session.scenario
        record = self.session.last_record
        sees = self.session.sees(self.viewer)
        if self.final and self.session.mode != "one":
            sees = frozenset({0, 1}) if self.session.mode == "watch" else frozenset()
        moves = []
        for s in (0, 1):
            data = record["choices"][sc.sides[s]]
            action = next((a for a in sc.actions[s] if a.id == data["action"]), None)
            name = side_name(sc, s)
            if action is None or (not action.public and s not in sees):
                moves.append(Text(t("report.secret", side=name), font="bold"))
            else:
                mine = " " + t("report.secret_own") if not action.public else ""
                moves.append(Choice(f"{name}: {action.label}{mine}", badge=escalation_badge(action, sc),
                                    details=action.spec.text, detail_lines=3, key=f"move:{s}",
                                    tooltip=action_tooltip(sc, action)))
            try:
                message = message_from_json(data.get("message"), sc)
            except (HotlineError, KeyError, TypeError):
                message = None
            if message is not None and message.kind != "none":
                moves.append(Text(t("report.message", side=name, message=message_title(sc, message)), font="small"))
        changes = []
        for var_id, change in record.get("changes", {}).items():
            if not visible_var(sc, var_id, sees):
                continue
            before, after, causes = (change["from"], change["to"], change.get("causes", [])) \
                if isinstance(change, dict) else (change[0], change[1], [])
            line = t("report.change", label=var_label(sc, var_id), before=var_value(sc, var_id, before),
                     after=var_value(sc, var_id, after), delta=signed(after - before))
            parts = [Text(line, font="bold")]
            if causes:
                parts.append(Text(t("turn.because") + " " + "; ".join(cause_text(sc, c, self.viewer) for c in causes),
                                  font="small", colour=th.MUTED))
            changes.append(Column(parts, gap=0))
        if not changes:
            changes.append(Text(t("report.no_changes")))
        hidden = [v for v in record.get("changes", {}) if not visible_var(sc, v, sees)]
        if hidden:
            changes.append(Text(t("report.hidden_changes", n=len(hidden)) if len(hidden) > 1 else
                                t("report.hidden_change"), font="small", colour=th.MUTED))
        news = news_widgets(sc, record, self.viewer, sees, details=True) or [Text(t("report.no_news"))]
        outcome = []
        if self.final and self.session.game.outcome is not None:
            outcome = [Text(t("report.game_over", outcome=self.session.game.outcome.spec.label), font="h2",
                            colour=th.VERMILLION)]
        strip = history_strip(sc, record["turn"], key="history")
        body = Column([
            *outcome,
            *([strip] if strip is not None else []),
            Row([Panel(Scroll(Column(moves), key="moves", offsets=self.offsets), title=t("report.moves")),
                 Panel(Scroll(Column(news), key="news", offsets=self.offsets), title=t("report.news")),
                 Panel(Scroll(Column(changes), key="changes", offsets=self.offsets), title=t("report.changes"))],
                weights=[3, 4, 3], flex=1),
            Row([Button(t("common.menu"), self.app.pause, key="menu", hint="Esc"),
                 Button(t("report.to_end") if self.final else t("report.continue"), self.done, key="continue",
                        primary=True, hint="Enter")], weights=[1, 2], group=True),
        ])
        who = f"{side_name(sc, self.viewer)} — " if self.viewer is not None and not self.final else ""
        title = t("report.title", who=who, turn=record["turn"], date=turn_span(sc, record["turn"]))
        return Page(title, body)

    def done(self):
        self.flow.report_read(self.viewer, final=self.final)

    def update(self, dt) -> None:
        if not self.final and self.flow.autoplay_due(self):
            self.done()

    def on_escape(self):
        self.app.pause()


class WaitScreen(Screen):
    name = "wait"

    def __init__(self, app, flow):
        super().__init__(app)
        self.flow = flow

    def build(self):
        sc = self.flow.session.scenario
        computers = [side_name(sc, s) for s in (0, 1) if s not in self.flow.session.humans]
        text = (t("wait.computers", first=computers[0], second=computers[1]) if len(computers) == 2
                else t("wait.computer", side=computers[0]) if computers else t("wait.resolving"))
        return Page(t("wait.title"), Panel(Column([Text(text, font="h2", align="center"),
                                                   Text(t("wait.about"), align="center")])), hints="")

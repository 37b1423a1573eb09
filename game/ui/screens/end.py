"""The end: the outcome and its debrief, each side's score and what it means, the escalation chart,
the key moments, the real events of those weeks beside the game's, discussion questions, and
saving the game's record."""
from __future__ import annotations

import datetime as dt

from game.engine.goals import debrief_notes
from game.engine.record import dumps
from game.jsonfile import write_atomic
from game.ui import theme as th
from game.ui.chart import paint_chart
from game.ui.screens.base import Page, Screen
from game.ui.strings import t
from game.ui.widgets import Button, Column, Panel, Picture, Row, Scroll, Spacer, Text
from game.present.origin import GAME
from game.ui.words import long_date, phase_label, presenter, short_date, side_name, signed

def score_meaning(sc, side: int, score: float) -> str:
    """Where a score sits among the side's possible outcome scores."""
    scores = sorted(o.score[side] for o in sc.outcomes)
    best, worst = scores[-1], scores[0]
    if score >= best:
        return t("end.score_best")
    if score <= worst:
        return t("end.score_worst")
    if score > 0:
        return t("end.score_good")
    if score < 0:
        return t("end.score_bad")
    return t("end.score_even")


def key_moments(sc, game) -> list[str]:
    p = presenter(sc)
    out = []
    for record in game.turns:
        turn = record["turn"]
        when = t("end.when", turn=turn, date=short_date(sc, sc.turn_date(turn)))
        for s in (0, 1):
            action_id = record["choices"][sc.sides[s]]["action"]
            action = next((a for a in sc.actions[s] if a.id == action_id), None)
            if action is not None and action.escalation >= 12:
                out.append(f"{when}: {side_name(sc, s)} — {action.label} ({signed(action.escalation)})")
        for item in record.get("news", []):
            kind = item.get("kind") or item.get("type")
            if kind in ("agreement", "breach", "conflict"):
                line = p.news(item)
                if line is not None:
                    out.append(f"{when}: {line.text}")
        if record.get("phase_after") != record.get("phase"):
            out.append(f"{when}: {t('end.phase', phase=phase_label(sc, record['phase_after']))}")
    return out


def real_timeline(sc, game) -> list[str]:
    """The dated historical events of the scenario, marked with whether they happened in this game."""
    fired = set(game.fired_ids())
    p = presenter(sc)
    out = []
    for event in sorted((e.spec for e in sc.events if e.spec.date), key=lambda e: e.date):
        if p.event_origin(event.id).kind == GAME:
            continue
        mark = t("end.happened_too") if event.id in fired else t("end.not_in_game")
        out.append(f"{long_date(sc, event.date)}: {event.headline} — {mark}")
    for line in getattr(sc.model, "history", None) or []:
        out.append(str(line))
    return out


class EndScreen(Screen):
    name = "end"

    def __init__(self, app, flow):
        super().__init__(app)
        self.flow = flow
        self.session = flow.session
        self.saved: str | None = None
        self.focus_key = "save"

    def build(self):
        sc, game = self.session.scenario, self.session.game
        outcome = game.outcome
        scores = game.scores()
        left = [Text(outcome.spec.label if outcome else t("end.no_outcome"), font="h1", colour=th.VERMILLION)]
        if outcome:
            left.append(Text(" ".join(outcome.spec.debrief.split())))
            left += [Text(" ".join(note.split())) for note in debrief_notes(game)]
        left += [Spacer(self.ctx.theme.gap), Text(t("end.scores"), font="h2", colour=th.ACCENT)]
        for s in (0, 1):
            who = side_name(sc, s)
            left.append(Text(t("end.score_line", side=who, score=signed(scores[s]),
                               meaning=score_meaning(sc, s, scores[s]))))
        scale = getattr(sc.model, "scoring", None)
        about = " ".join(scale.text.split()) if scale is not None and scale.text else t("end.score_about")
        left.append(Text(about, font="small", colour=th.MUTED))
        talks = game.talks
        if talks.agreed or talks.breached:
            left += [Spacer(self.ctx.theme.gap), Text(t("end.agreements"), font="h2", colour=th.ACCENT)]
            for i, o in sorted(talks.agreed.items()):
                left.append(Text(f"✓ {sc.issues[i].label}: {sc.issues[i].options[o].label}", font="small"))
            for i, o in talks.breached:
                left.append(Text(f"✗ {sc.issues[i].label}: {sc.issues[i].options[o].label} — {t('end.broken')}",
                                 font="small"))
        questions = getattr(sc.model, "discussion", None) or []
        if questions:
            left += [Spacer(self.ctx.theme.gap), Text(t("end.discussion"), font="h2", colour=th.ACCENT)]
            left += [Text(f"{n}. {q}") for n, q in enumerate(questions, 1)]
        series = [[], []]
        totals = [0.0, 0.0]
        for first, second in game.choices:
            for s, choice in enumerate((first, second)):
                totals[s] += choice.action.escalation
                series[s].append(totals[s])
        names = [side_name(sc, s) for s in (0, 1)]
        chart = Picture(lambda *a: None, aspect=0.5, key="chart", tooltip=t("end.chart_about"))
        chart.paint = lambda surface, ctx, rect: paint_chart(surface, ctx, rect, series, names, chart,
                                                             t("end.chart_x"), t("end.chart_y"))
        right = [Text(t("end.chart"), font="h2", colour=th.ACCENT), chart,
                 Text(t("end.moments"), font="h2", colour=th.ACCENT)]
        right += [Text(f"• {m}", font="small") for m in key_moments(sc, game)] or [Text(t("end.no_moments"))]
        timeline = real_timeline(sc, game)
        if timeline:
            right += [Text(t("end.real_timeline"), font="h2", colour=th.ACCENT)]
            right += [Text(f"• {line}", font="small") for line in timeline]
        status = self.saved or t("end.record_about")
        body = Column([
            Row([Panel(Scroll(Column(left), key="debrief", offsets=self.offsets), title=t("end.debrief")),
                 Panel(Scroll(Column(right), key="story", offsets=self.offsets), title=t("end.story"))],
                weights=[1, 1], flex=1),
            Text(status, font="small", max_lines=2),
            Row([Button(t("end.save_record"), self.save_record, key="save", primary=True, hint="1"),
                 Button(t("end.new_game"), self.new_game, key="new", hint="2"),
                 Button(t("end.main_menu"), self.main_menu, key="menu", hint="3"),
                 Button(t("end.quit"), self.app.quit, key="quit", hint="4")], group=True),
        ])
        return Page(t("end.title", turns=len(game.turns)), body, hints=t("keys.end"))

    def on_number(self, n):
        keys = ["save", "new", "menu", "quit"]
        if 1 <= n <= 4:
            widget = self.find(keys[n - 1])
            self.set_focus(widget, keyboard=True)
            self.click(widget)

    def save_record(self):
        folder = self.app.saves_dir / "records"
        name = f"hotline-{self.session.scenario.id}-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
        path = folder / name
        try:
            write_atomic(path, dumps(self.session.match.record()))
        except OSError as exc:
            self.saved = t("end.record_failed", problem=exc.strerror or exc)
        else:
            self.saved = t("end.record_saved", path=str(path))
        self.refresh()

    def new_game(self):
        from game.ui.screens.setup import SetupScreen

        self.app.session = self.app.flow = None
        self.app.show(SetupScreen(self.app))

    def main_menu(self):
        from game.ui.screens.start import StartScreen

        self.app.session = self.app.flow = None
        self.app.show(StartScreen(self.app))

    def on_escape(self):
        self.main_menu()

"""The end: the lesson's debrief of the game (game.lesson.debrief, the same one the terminal prints
and `run.py report` writes): the outcome and what it means, the scores in words, the agreements and
what became of them, the discussion questions; the escalation chart beside the historical line with
how it compares, the key moments, and the game's timeline beside what really happened. Saving the
game's record."""
from __future__ import annotations

import datetime as dt

from game.engine.record import RecordError, dumps
from game.jsonfile import write_atomic
from game.ui import theme as th
from game.ui.chart import paint_chart
from game.ui.screens.base import Page, Screen
from game.ui.strings import t
from game.ui.widgets import Badge, Button, Column, Panel, Picture, Row, Scroll, Spacer, Text


def debrief_of(session):
    """The lesson's debrief of the session's game, compared with the historical line and the computer
    players, in the words of the window's presentation strings; None when the game cannot be
    replayed from its record (the screen then says so)."""
    from game.lesson.debrief import analyse
    from game.lesson.reference import reference
    from game.ui.words import presenter

    sc = session.scenario
    try:
        return analyse(sc, session.match.record(), reference(sc), strings=presenter(sc).strings)
    except RecordError:
        return None


def outcome_column(d, gap: int, asked: bool) -> list:
    """Outcome and its meaning, the scenario's notes, scores in words, agreements, questions (`asked`:
    the scenario has discussion questions, though maybe none for this game)."""
    items = [Text(d.outcome, font="h1", colour=th.VERMILLION, key="outcome")]
    items += [Text(d.debrief)] if d.debrief else []
    items += [Text(note) for note in d.notes]
    items += [Text(t("end.outcome_origin", origin=d.outcome_origin[:1].upper() + d.outcome_origin[1:]),
                   font="small", colour=th.MUTED)] if d.outcome_origin else []
    items += [Spacer(gap), Text(t("end.scores"), font="h2", colour=th.ACCENT)]
    items += [Text(s.text, key=f"score:{s.side}") for s in d.scores]
    items += [Text(d.scale, font="small", colour=th.MUTED)]
    items += [Spacer(gap), Text(t("end.agreements"), font="h2", colour=th.ACCENT)]
    for deal in d.deals:
        held = deal.status == "held"
        items += [Badge(t("end.held") if held else t("end.broken"), th.ORIGINS["history"] if held else th.ORANGE),
                  Text(t("end.deal", terms=deal.text, turn=deal.turn), font="bold"),
                  Text(deal.why, font="small")]
    if not d.deals:
        items.append(Text(t("end.no_deals")))
    items += [Spacer(gap), Text(t("end.discussion"), font="h2", colour=th.ACCENT)]
    questions = [Text(f"{n}. {text}" + (f" ({topic})" if topic else "")) for n, (topic, text) in
                 enumerate(d.questions, 1)]
    none = t("end.no_questions_here") if asked else t("end.no_questions")
    items.append(Column(questions or [Text(none)], key="questions"))
    return items


def chart_of(d, names: list[str]) -> Picture:
    """This game's running escalation per side, the historical line when the scenario has one, and the
    real dates the game reached."""
    series = [d.escalation[side] for side in d.sides]
    ref = d.reference
    history = [list(ref.historical[side]) for side in d.sides] if ref is not None and ref.historical else None
    chart = Picture(lambda *a: None, aspect=0.5, key="chart",
                    tooltip=t("end.chart_about") + (" " + t("end.chart_history") if history else ""))
    chart.paint = lambda surface, ctx, rect: paint_chart(
        surface, ctx, rect, series, names, chart, t("end.chart_x"), t("end.chart_y"), history=history,
        marks=list(dict.fromkeys(d.marks)), history_label=t("end.history_line"))   # one per day
    return chart


def story_column(d) -> list:
    """The chart and how it compares, the key moments, the game's timeline beside the real one."""
    names = [d.names[side] for side in d.sides]
    items = [Text(t("end.chart"), font="h2", colour=th.ACCENT), chart_of(d, names)]
    items += [Text(line, font="small") for line in d.comparison]
    items += [Text(t("end.moments"), font="h2", colour=th.ACCENT)]
    turn = None
    for m in d.moments:     # one heading per turn, a real date's moment tinted as real history is
        if m.turn != turn:
            turn = m.turn
            items.append(Text(t("end.when", turn=m.turn, days=m.days), font="small_bold"))
        line = Text(("◷ " if m.kind == "history" else "• ") + m.text, font="small")
        items.append(Panel(line, fill=th.HISTORY, border=False) if m.kind == "history" else line)
    items += [Text(t("end.no_moments"))] if not d.moments else []
    real = any(row.real for row in d.timeline)
    items += [Text(t("end.timeline") if real else t("end.timeline_game"), font="h2", colour=th.ACCENT),
              Text(t("end.timeline_about") if real else t("end.no_history"), font="small", colour=th.MUTED)]
    rows = []
    for row in d.timeline:
        head = t("end.when", turn=row.turn, days=row.days) if row.turn is not None else row.days[:1].upper() + row.days[1:]
        part = [Text(head, font="small_bold")]
        if row.reached:
            part.append(Text(t("end.in_game", what="; ".join(row.moves + row.game)), font="small"))
        if row.real:
            real = []
            for h in row.real:
                real.append(Text(t("end.in_reality", what=h.line), font="small"))
                if h.source:
                    real.append(Text(t("history.source", source=h.source), font="small", colour=th.MUTED))
            part.append(Panel(Column(real, gap=0), fill=th.HISTORY, border=False))
        rows.append(Column(part, gap=2))
    items.append(Column(rows, key="timeline"))
    return items


class EndScreen(Screen):
    name = "end"

    def __init__(self, app, flow):
        super().__init__(app)
        self.flow = flow
        self.session = flow.session
        self.saved: str | None = None
        self.focus_key = "save"
        flow.debrief_ready()
        self.debrief = debrief_of(self.session)

    def build(self):
        d, game = self.debrief, self.session.game
        gap = self.ctx.theme.gap
        if d is None:
            outcome = game.outcome
            left = [Text(outcome.spec.label if outcome else t("end.no_outcome"), font="h1", colour=th.VERMILLION),
                    Text(t("end.no_debrief"))]
            right = [Text(t("end.no_debrief"))]
        else:
            asked = bool(getattr(self.session.scenario.model, "discussion", None))
            left, right = outcome_column(d, gap, asked), story_column(d)
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
        return Page(t("end.title", turns=len(game.choices)), body, hints=t("keys.end"))

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

"""The briefing: the situation at the start date with the article's words marked as quotes, the
player's objectives, what each outcome needs and what it is worth, and the other side's public
demands."""
from __future__ import annotations

from game.ui import theme as th
from game.ui.screens.base import Page, Screen
from game.ui.strings import t
from game.ui.widgets import Button, Column, Panel, Quote, Row, Scroll, Spacer, Text
from game.engine.goals import outcome_progress
from game.ui.words import long_date, presenter, side_name, signed, terms_text, worth


def outcome_lines(sc, game, side: int | None) -> list:
    """Each outcome: its name, what it needs (each condition, and how far the game is from it now)
    and its score for the side (both sides when watching)."""
    p = presenter(sc, side)
    progress = outcome_progress(game, side)
    words = {line.outcome: line for line in p.progress(progress)}
    items = []
    for item in progress:
        line = words[item.id]
        when = t("briefing.final") if item.final else t("briefing.any_turn")
        if side is None:
            score = ", ".join(f"{side_name(sc, s)} {signed(item.score[s])}" for s in (0, 1))
        else:
            score = signed(item.score[side])
        needs = "; ".join(line.clauses) or t("briefing.needs_nothing")
        items.append(Column([
            Text(f"{item.label} — {t('briefing.score', score=score)}", font="bold"),
            Text(f"{when}: {needs}", font="small", colour=th.MUTED),
        ], gap=0))
    return items


def demands(sc, side: int | None) -> list:
    """The packages the other side (or each side, for spectators) has tabled in public."""
    items = []
    for package in sc.model.negotiation.packages:
        if package.by is None or (side is not None and package.by == sc.sides[side]):
            continue
        by = sc.sides.index(package.by)
        terms = next(p.terms for p in sc.packages if p.id == package.id)
        value = f" — {t('briefing.worth', value=signed(worth(sc, terms, side)))}" if side is not None else ""
        items.append(Column([
            Text(f"{side_name(sc, by)}: {package.label}{value}", font="bold"),
            Text(package.text, font="small"),
            Text(terms_text(sc, terms), font="small", colour=th.MUTED),
        ], gap=0))
    return items


def news_of_the_day(model) -> list:
    """The sources a player may read at the start: those dated up to the start date (the article).
    Later ones are the real course of events, told as the game reaches their days and at the end."""
    return [s for s in model.sources if s.date is None or s.date <= model.start_date]


class BriefingScreen(Screen):
    name = "briefing"

    def __init__(self, app, flow, viewer: int | None):
        super().__init__(app)
        self.flow = flow
        self.viewer = viewer
        self.focus_key = "begin"

    def build(self):
        sc = self.flow.session.scenario
        model = sc.model
        v = self.viewer
        left = [Text(t("briefing.situation", date=long_date(sc, model.start_date)), font="h2", colour=th.ACCENT),
                Text(model.summary)]
        sides = [v] if v is not None else [0, 1]
        for s in sides:
            info = model.sides[sc.sides[s]]
            head = t("briefing.you_play", side=info.name, role=info.role) if v is not None else \
                t("briefing.side_plays", side=info.name, role=info.role)
            left += [Spacer(self.ctx.theme.gap), Text(head, font="h2", colour=th.ACCENT), Text(info.briefing)]
        for source in news_of_the_day(model):
            left += [Spacer(self.ctx.theme.gap), Text(t("briefing.from_source"), font="h2", colour=th.ACCENT)]
            cite = ", ".join(x for x in (source.publisher, f"“{source.title}”",
                                         long_date(sc, source.date) if source.date else "") if x)
            left += [Quote(" ".join(fact.split()), cite) for fact in source.facts]
        right = []
        for s in sides:
            info = model.sides[sc.sides[s]]
            if info.objectives:
                title = t("briefing.objectives") if v is not None else t("briefing.objectives_of", side=info.name)
                right += [Text(title, font="h2", colour=th.ACCENT)]
                right += [Text(f"• {o}") for o in info.objectives]
                right.append(Spacer(self.ctx.theme.gap))
        right += [Text(t("briefing.outcomes"), font="h2", colour=th.ACCENT),
                  Text(t("briefing.outcomes_about", turns=sc.max_turns, days=t("briefing.days_one") if model.turn_days == 1 else
                         t("briefing.days_many", n=model.turn_days)), font="small")]
        right += outcome_lines(sc, self.flow.session.game, v)
        public = demands(sc, v)
        if public:
            right += [Spacer(self.ctx.theme.gap), Text(t("briefing.demands"), font="h2", colour=th.ACCENT)] + public
        body = Column([
            Row([Panel(Scroll(Column(left), key="situation", offsets=self.offsets)),
                 Panel(Scroll(Column(right), key="goals", offsets=self.offsets))], weights=[1, 1], flex=1),
            Row([Button(t("common.menu"), self.app.pause, key="menu", hint="Esc"),
                 Button(t("briefing.begin"), self.begin, key="begin", primary=True, hint="Enter")],
                weights=[1, 2], group=True),
        ])
        title = t("briefing.title_side", side=side_name(sc, v)) if v is not None else t("briefing.title_watch")
        return Page(f"{title} — {model.title}", body)

    def begin(self):
        self.flow.briefing_read(self.viewer)

    def on_escape(self):
        self.app.pause()

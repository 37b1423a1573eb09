"""The turn screen: the situation (meters with last turn's change and its causes), the map, the
news, and the player's decision (a move, grouped by kind with its escalation; then the talks:
answer what is on the table, propose, or ask). Watching, it shows both sides and a "next turn"."""
from __future__ import annotations

import re

from game.engine.game import Choice as EngineChoice
from game.engine.negotiation import NO_MESSAGE
from game.ui import theme as th
from game.ui.mapview import MapPainter, map_values
from game.ui.screens.base import Page, Screen
from game.ui.screens.history import history_strip
from game.ui.screens.news import news_widgets
from game.ui.strings import t
from game.ui.widgets import Badge, Button, Choice, Column, Meter, Note, Panel, Picture, Row, Scroll, Spacer, Text
from game.engine.goals import outcome_progress
from game.ui.words import (category_label, cause_text, change_of, kind_label, message_title, move_origin, num,
                           phase_label, presenter, side_name, signed, terms_text, turn_span, var_label, var_value, worth)

KINDS = ("diplomatic", "military", "economic", "informational")


def escalation_badge(action, sc=None) -> Badge:
    colour, icon = th.ESCALATION.get(action.category, ((200, 200, 200), "●"))
    return Badge(f"{icon} {category_label(action.category, sc)} {signed(action.escalation)}", colour)


def effect_text(sc, effect) -> str:
    """'tension += 7' -> 'Tension +7'; a conditional effect as 'if …: …; otherwise …'; anything more
    complex keeps its form with labels for names."""
    if hasattr(effect, "if_"):      # a ConditionalEffect: never its Python form on screen
        then = ", ".join(effect_text(sc, e) for e in effect.then) or t("turn.effect_nothing")
        text = t("turn.effect_if", condition=effect_text(sc, str(effect.if_)), then=then)
        if effect.else_:
            text = t("turn.effect_else", text=text, otherwise=", ".join(effect_text(sc, e) for e in effect.else_))
        return text
    if not isinstance(effect, str):
        return str(effect)
    m = re.fullmatch(r"\s*([a-z_][a-z0-9_]*)\s*([+-])=\s*([0-9.]+)\s*", effect)
    if m and m.group(1) in sc.model.variables:
        sign = "+" if m.group(2) == "+" else "−"
        return f"{var_label(sc, m.group(1))} {sign}{num(float(m.group(3)))}"

    def name(match):
        word = match.group(0)
        return var_label(sc, word) if word in sc.model.variables else word
    return re.sub(r"[a-z_][a-z0-9_]*", name, effect)


def action_tooltip(sc, action) -> str:
    lines = [action.label, action.spec.text]
    effects = [effect_text(sc, e) for e in action.spec.effects]
    if effects:
        lines.append(t("turn.likely_effects", effects="; ".join(effects)))
    lines.append(t("turn.escalation_is", category=category_label(action.category, sc), score=signed(action.escalation)))
    if not action.public:
        lines.append(t("turn.secret_move"))
    origin = move_origin(sc, action)
    if origin:
        lines.append(t("turn.move_origin", origin=origin))
    return "\n".join(line for line in lines if line)


class TurnScreen(Screen):
    name = "turn"

    def __init__(self, app, flow, viewer: int | None):
        super().__init__(app)
        self.flow = flow
        self.session = flow.session
        self.viewer = viewer
        self.tab = "move"
        self.action = None
        self.message = NO_MESSAGE
        self.painter = MapPainter()
        self._restore_draft()
        self.focus_key = "next" if viewer is None else "tab:move"

    @property
    def shot_name(self) -> str:
        return "turn-watch" if self.viewer is None else f"turn-{self.tab}"

    # ------------------------------------------------------------------ choices
    def _restore_draft(self) -> None:
        draft = self.session.draft
        if self.viewer is None or not draft:
            return
        sc, game = self.session.scenario, self.session.game
        if draft.get("side") != sc.sides[self.viewer] or draft.get("turn") != game.turn:
            return
        legal = self.session.legal(self.viewer)
        self.action = next((a for a in legal.actions if a.id == draft.get("action")), None)
        choice = self.session.choice_from_ids(self.viewer, legal.actions[0].id, draft.get("message"))
        if choice is not None:
            self.message = choice.message

    def _save_draft(self) -> None:
        sc = self.session.scenario
        self.session.draft = {"side": sc.sides[self.viewer], "turn": self.session.game.turn,
                              "action": self.action.id if self.action else None,
                              "message": self.message.to_json(sc)}

    def pick_action(self, action) -> None:
        self.action = action
        self._save_draft()
        self.refresh()

    def pick_message(self, message) -> None:
        self.message = message
        self._save_draft()
        self.refresh()

    def show_tab(self, tab: str) -> None:
        self.tab = tab
        self.focus_key = f"tab:{tab}"
        self.refresh()
        self.app.dirty = True

    def end_turn(self) -> None:
        if self.action is None:
            return
        self.flow.choose(self.viewer, EngineChoice(self.action, self.message))

    def next_turn(self) -> None:
        self.flow.resolve()

    def on_escape(self) -> None:
        self.app.pause()

    def key(self, event) -> None:
        import pygame

        if event.key == pygame.K_e and event.mod & pygame.KMOD_CTRL and self.viewer is not None:
            self.end_turn()
            return
        if event.key == pygame.K_a and self.viewer is None:
            self.toggle_auto()
            return
        super().key(event)

    # ------------------------------------------------------------------ building
    def build(self):
        sc, game = self.session.scenario, self.session.game
        v = self.viewer
        who = side_name(sc, v) if v is not None else t("turn.spectator")
        title = t("turn.title", side=who, turn=game.turn, turns=sc.max_turns, date=turn_span(sc, game.turn),
                  phase=phase_label(sc, game.phase_id))
        if v is not None:
            obs = self.session.observation(v)
            variables, estimates = dict(obs.variables), dict(obs.estimates)
            uncertainty = dict(getattr(obs, "uncertainty", None) or {})
        else:
            obs = None
            variables, estimates, uncertainty = game.variables(), {}, {}
        left = Panel(Scroll(Column(self.situation(sc, variables, estimates, uncertainty, obs), group=True),
                            key="situation", offsets=self.offsets), title=t("turn.situation"))
        middle = Column([self.map_panel(sc, variables), self.news_panel(sc)], gap=self.ctx.theme.gap)
        right = self.decision(sc, obs) if v is not None else self.watch_panel(sc, game)
        body = Row([left, middle, right], weights=[3, 4, 4], flex=1)
        strip = history_strip(sc, game.turn)
        if strip is not None:
            body = Column([strip, body])
        return Page(title, body, hints=t("keys.turn") if v is not None else t("keys.watch"))

    # -- situation
    def situation(self, sc, variables, estimates, uncertainty, obs) -> list:
        record = self.session.last_record
        items = []
        for var_id in sc.var_ids:
            if var_id in variables:
                items.append(self.meter(sc, var_id, variables[var_id], record, exact=True))
        if estimates:
            items.append(Text(t("turn.estimates"), font="small_bold", colour=th.ACCENT,
                              tooltip=t("turn.estimates_about")))
            for var_id, value in estimates.items():
                sd = uncertainty.get(var_id)
                if sd is None:
                    sd = sc.noise[sc.var_ids.index(var_id)] or 0
                items.append(self.meter(sc, var_id, value, record, exact=False, sd=sd))
        esc = game_escalation(self.session, self.viewer)
        items.append(Spacer(self.ctx.theme.gap))
        items.append(Text(t("turn.escalation_total", totals=esc), font="small", tooltip=t("turn.escalation_about")))
        items += self.progress(sc)
        agreed = self.session.game.talks.agreed
        if agreed:
            items.append(Text(t("turn.agreed"), font="small_bold", colour=th.ACCENT))
            for i, o in sorted(agreed.items()):
                items.append(Text(f"✓ {sc.issues[i].label}: {sc.issues[i].options[o].label}", font="small"))
        return items

    def progress(self, sc) -> list:
        """How near each ending is (the engine's goals, from what this side knows), nearest first."""
        game = self.session.game
        p = presenter(sc, self.viewer)
        items = [Spacer(self.ctx.theme.gap), Text(t("turn.progress"), font="small_bold", colour=th.ACCENT,
                                                  tooltip=t("turn.progress_about"))]
        for line in p.progress(outcome_progress(game, self.viewer)):
            text = line.text if line.score is None else t("turn.progress_line", text=line.text,
                                                             score=signed(line.score))
            mark = "✓ " if line.holds else "○ "
            items.append(Note(mark + text, font="small", key=f"goal:{line.outcome}",
                              tooltip="\n".join([line.text, *line.clauses])))
        return items

    def meter(self, sc, var_id, value, record, *, exact: bool, sd: float = 0.0) -> Meter:
        spec = sc.model.variables[var_id]
        label = var_label(sc, var_id)
        lines = []
        change_text = ""
        if exact:
            change = change_of(record, var_id)
            value_text = var_value(sc, var_id, value)
            if change is not None:
                before, after, causes = change
                delta = after - before
                if abs(delta) >= 0.05:
                    change_text = f"{'▲' if delta > 0 else '▼'}{signed(delta)}"
                lines.append(t("turn.change_line", before=var_value(sc, var_id, before),
                               after=var_value(sc, var_id, after), delta=signed(delta)))
                if causes:
                    lines.append(t("turn.because"))
                    lines += [f"• {cause_text(sc, c, self.viewer)}" for c in causes]
            elif record is not None:
                lines.append(t("turn.no_change"))
            band = None
        else:
            value_text = f"~{var_value(sc, var_id, value)} ±{num(sd)}"
            band = (value - sd, value + sd)
            lines.append(t("turn.estimate_line", value=var_value(sc, var_id, value), sd=num(sd)))
        tooltip = "\n".join([f"{label}: {value_text}", *lines, spec.description.strip()])
        return Meter(label, value, spec.min, spec.max, value_text=value_text, change_text=change_text, band=band,
                     key=f"var:{var_id}", tooltip=tooltip)

    # -- map and news
    def map_panel(self, sc, variables):
        data = map_values(sc, variables)
        if data is None:
            return Panel(Text(t("map.none")), title=t("map.title"))
        values, names = data
        picture = Picture(lambda surface, ctx, rect: None, aspect=0.7, key="map",
                          tooltip=t("map.about_cuba") if values.get("region") == "cuba" else t("map.about"))
        picture.paint = lambda surface, ctx, rect: self.painter.paint(surface, ctx, rect, values, names, owner=picture)
        return Panel(picture, title=t("map.title"))

    def news_panel(self, sc):
        record = self.session.last_record
        if record is None:
            items = [Text(t("turn.no_news"))]
            title = t("turn.news_start")
        else:
            items = news_widgets(sc, record, self.viewer, self.session.sees(self.viewer))
            title = t("turn.news_title", turn=record["turn"])
        return Panel(Scroll(Column(items), key="news", offsets=self.offsets), title=title, flex=1)

    # -- the decision
    def decision(self, sc, obs):
        legal = self.session.legal(self.viewer)
        move_label = self.action.label if self.action else t("turn.choose_move")
        counter = obs.their_proposal is not None and self.message.kind == "propose"
        said = self.message.kind != "none"
        tabs = Row([   # short labels that fit at 1024 px; the choices are in the summary under the list
            Button(t("turn.tab_move_done" if self.action else "turn.tab_move"), lambda: self.show_tab("move"),
                   key="tab:move", selected=self.tab == "move", tooltip=t("turn.tab_about", choice=move_label)),
            Button(t("turn.tab_talks_done" if said else "turn.tab_talks"), lambda: self.show_tab("talks"),
                   key="tab:talks", selected=self.tab == "talks",
                   tooltip=t("turn.tab_about", choice=message_title(sc, self.message, counter))),
        ], group=True)
        if self.tab == "move":
            content = self.move_list(sc, legal)
        else:
            content = self.talks_list(sc, obs, legal)
        summary = t("turn.summary", move=move_label, message=message_title(sc, self.message, counter))
        ready = self.action is not None
        end = Button(t("turn.end_turn"), self.end_turn, key="end", primary=True, enabled=ready, hint="Ctrl+E",
                     tooltip=None if ready else t("turn.choose_first"))
        return Panel(Column([tabs, Scroll(content, key=f"list:{self.tab}", offsets=self.offsets, flex=1),
                             Text(summary, font="small", max_lines=3), end]), title=t("turn.your_decision"))

    def move_list(self, sc, legal) -> Column:
        items: list = []
        n = 0
        by_kind = {k: [a for a in legal.actions if a.kind == k] for k in KINDS}
        other = [a for a in legal.actions if a.kind not in KINDS]
        for kind in (*KINDS, None):
            actions = by_kind[kind] if kind else other
            if not actions:
                continue
            items.append(Text(kind_label(sc, kind) if kind else t("kinds.other"), font="small_bold", colour=th.ACCENT))
            for action in actions:
                n += 1
                secret = f"{t('turn.secret_tag')} · " if not action.public else ""
                items.append(Choice(action.label, number=n, badge=escalation_badge(action, sc),
                                    details=secret + action.spec.text, detail_lines=2,
                                    selected=action is self.action, key=f"move:{action.id}",
                                    tooltip=action_tooltip(sc, action),
                                    on_activate=lambda a=action: self.pick_action(a)))
        closed = len(sc.actions[self.viewer]) - len([a for a in legal.actions if a.id != "pass"])
        if closed > 0:
            items.append(Text(t("turn.closed_moves", n=closed), font="small", colour=th.MUTED))
        return Column(items, group=True)

    def talks_list(self, sc, obs, legal) -> Column:
        me = self.viewer
        other = 1 - me
        them = side_name(sc, other)
        items: list = []
        messages = legal.messages
        n = 0

        def choice(message, title, details="", badge=None, tooltip=None):
            nonlocal n
            n += 1
            return Choice(title, number=n, details=details, badge=badge, selected=message is self.message,
                          key=f"msg:{message_key(sc, message)}", tooltip=tooltip, detail_lines=3,
                          on_activate=lambda m=message: self.pick_message(m))

        asked = [item for item in (self.session.last_record or {}).get("news", [])
                 if (item.get("kind") or item.get("type")) == "question" and item.get("side") == sc.sides[other]]
        for item in asked:
            issue = next((i for i in sc.issues if i.id == item.get("issue")), None)
            label = issue.label if issue else _issue_from_headline(sc, item)
            items.append(Text(t("talks.they_asked", side=them, issue=label), font="small", colour=th.TEXT))
        if obs.their_proposal is not None:
            p = obs.their_proposal
            value = worth(sc, p.terms, me)
            items.append(Text(t("talks.on_table", side=them), font="small_bold", colour=th.ACCENT))
            items.append(Text(proposal_text(sc, p), font="small"))
            items.append(Text(t("talks.worth_you", value=signed(value)), font="small_bold"))
            for m in messages:
                if m.kind == "accept":
                    items.append(choice(m, t("talks.accept"), t("talks.accept_about"), badge=value_badge(value)))
                elif m.kind == "reject":
                    items.append(choice(m, t("talks.reject"), t("talks.reject_about")))
            items.append(Text(t("talks.counter_about"), font="small", colour=th.MUTED))
        if obs.our_proposal is not None:
            items.append(Text(t("talks.ours_waiting", terms=proposal_text(sc, obs.our_proposal)), font="small",
                              colour=th.MUTED))
        for issue_id, ranked in obs.answers.items():
            issue = next(i for i in sc.issues if i.id == issue_id)
            labels = [next(o.label for o in issue.options if o.id == r) for r in ranked]
            items.append(Text(t("talks.their_ranking", side=them, issue=issue.label, ranking=" > ".join(labels)),
                              font="small"))
        none = next((m for m in messages if m.kind == "none"), None)
        if none is not None:
            items.append(choice(none, t("talks.no_message"), t("talks.no_message_about")))
        packages = [m for m in messages if m.kind == "propose" and m.package]
        counter = obs.their_proposal is not None
        if packages:
            items.append(Text(t("talks.counter_packages" if counter else "talks.packages"), font="small_bold",
                              colour=th.ACCENT))
            for m in packages:
                value = worth(sc, m.terms, me)
                pkg = next(p for p in sc.packages if p.id == m.package)
                items.append(choice(m, pkg.label, f"{pkg.spec.text} {terms_text(sc, m.terms)}".strip(),
                                    badge=value_badge(value)))
        singles = [m for m in messages if m.kind == "propose" and not m.package]
        if singles:
            items.append(Text(t("talks.counter_single" if counter else "talks.single"), font="small_bold",
                              colour=th.ACCENT))
            shown_issue = None
            for m in singles:
                (i, o), = m.terms
                if i != shown_issue:
                    shown_issue = i
                    items.append(Text(sc.issues[i].label, font="small_bold", tooltip=sc.issues[i].spec.text))
                option = sc.issues[i].options[o]
                value = option.value[me]
                items.append(choice(m, option.label, option.spec.text, badge=value_badge(value),
                                    tooltip=f"{sc.issues[i].spec.text}\n{option.label}: {option.spec.text}".strip()))
        questions = [m for m in messages if m.kind == "question"]
        if questions:
            items.append(Text(t("talks.questions"), font="small_bold", colour=th.ACCENT,
                              tooltip=t("talks.question_about")))
            for m in questions:
                issue = sc.issues[m.issue]
                items.append(choice(m, t("talks.ask", issue=issue.label), t("talks.question_about")))
        return Column(items, group=True)

    # -- watching
    def watch_panel(self, sc, game):
        record = self.session.last_record
        items = [Text(t("watch.about", a=side_name(sc, 0), b=side_name(sc, 1), pa=self.session.opponent_name(0),
                        pb=self.session.opponent_name(1)))]
        if record is None:
            items.append(Text(t("watch.how"), font="small", colour=th.MUTED))
        else:
            items.append(Text(t("watch.last_moves", turn=record["turn"]), font="small_bold", colour=th.ACCENT))
            for s in (0, 1):
                choice = record["choices"][sc.sides[s]]
                action = next((a for a in sc.actions[s] if a.id == choice["action"]), None)
                if action is None:
                    continue
                items.append(Choice(f"{side_name(sc, s)}: {action.label}", badge=escalation_badge(action, sc),
                                    details=action.spec.text, key=f"last:{s}", tooltip=action_tooltip(sc, action)))
        auto = self.flow.autoplay
        return Panel(Column([Scroll(Column(items), key="watch", offsets=self.offsets, flex=1),
                             Column([Button(t("watch.next"), self.next_turn, key="next", primary=True, hint="Enter"),
                                     Button(t("watch.auto_on") if auto else t("watch.auto_off"), self.toggle_auto,
                                            key="auto", selected=auto, hint="A", tooltip=t("watch.auto_about"))],
                                    group=True)]),
                     title=t("watch.title"))

    def toggle_auto(self) -> None:
        self.flow.autoplay = not self.flow.autoplay
        self.shown_at = self.app.now()
        self.refresh()

    def update(self, dt) -> None:
        if self.viewer is None and self.flow.autoplay_due(self):
            self.next_turn()


def value_badge(value: float) -> Badge:
    colour = th.GREEN if value > 0 else th.ORANGE if value < 0 else (220, 220, 220)
    return Badge(t("talks.for_you", value=signed(value)), colour if value <= 0 else (150, 215, 190))


def message_key(sc, message) -> str:
    if message.kind == "propose":
        return "p:" + (message.package or ",".join(f"{sc.issues[i].id}={sc.issues[i].options[o].id}"
                                                   for i, o in message.terms))
    if message.kind == "question":
        return f"q:{sc.issues[message.issue].id}"
    return message.kind


def proposal_text(sc, message) -> str:
    label = next((p.label for p in sc.packages if p.id == message.package), None) if message.package else None
    terms = terms_text(sc, message.terms)
    return f"“{label}”: {terms}" if label else terms


def _issue_from_headline(sc, item) -> str:
    headline = item.get("headline", "")
    return next((i.label for i in sc.issues if i.label in headline), headline)


def game_escalation(session, viewer) -> str:
    """Running escalation totals the viewer may know: their own, and the other's public moves."""
    sc, game = session.scenario, session.game
    if viewer is None:
        return ", ".join(f"{side_name(sc, s)} {signed(game.escalation[s])}" for s in (0, 1))
    obs = session.observation(viewer)
    return ", ".join(f"{side_name(sc, s)} {signed(obs.escalation[sc.sides[s]])}" for s in (0, 1))

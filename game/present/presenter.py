"""The Presenter: a scenario, a reader and a table of strings; it words names, numbers and moves.

News, causes and progress are worded by the sibling modules through a Presenter, which is
also what front ends hold. Pure: no I/O, no terminal or window, never the engine's state.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from game.present import origin as origins
from game.present.strings import ENGLISH


class _Index:
    """Look-ups by id into one scenario, built once and shared by every Presenter of it."""

    def __init__(self, scenario):
        model = scenario.model
        self.model = model
        self.side_ids = tuple(scenario.sides)
        self.side_names = {s: model.sides[s].name for s in scenario.sides}
        self.events = {e.id: e for e in model.events}
        self.actions = {s: {a.id: a for a in model.actions[s]} for s in scenario.sides}
        self.outcomes = {o.id: o for o in model.outcomes}
        self.issues = {i.id: i for i in model.negotiation.issues}
        self.issue_list = list(model.negotiation.issues)
        self.packages = {p.id: p for p in model.negotiation.packages}
        self.var_index = {v: i for i, v in enumerate(model.variables)}
        #: the one turn each scheduled event can happen in
        self.scheduled = {ev.id: ev.turn for ev in scenario.events if ev.turn is not None}


def num(x: float) -> str:
    """A value as a student reads it: whole numbers without '.0', others to one decimal."""
    x = round(float(x), 1)
    return str(int(x)) if x.is_integer() else f"{x:.1f}"


def signed(x: float) -> str:
    """'+12', '-3', '0'."""
    text = num(x)
    return f"+{text}" if round(float(x), 1) > 0 else text


class Presenter:
    """Words for one reader of one scenario.

    `me` is the side addressed as "you" (None: a neutral reader, e.g. two players reading one
    report, or spectators); `sees` are the sides whose private facts may be shown (default: `me`
    alone, or both sides for a neutral reader, i.e. a spectator).
    """

    def __init__(self, scenario, me: str | int | None = None, sees: Iterable | None = None,
                 strings: Mapping[str, str] = ENGLISH, _index: _Index | None = None):
        self.scenario = scenario
        self.strings = strings
        self._ix = _index or _Index(scenario)
        self.me = self.side_id(me) if me is not None else None
        if sees is None:
            sees = (self.me,) if self.me is not None else self._ix.side_ids
        self.sees = frozenset(self.side_id(s) for s in sees)
        self._months = strings["months"].split()
        self._history = None

    def view(self, me: str | int | None = None, sees: Iterable | None = None) -> "Presenter":
        """The same words for another reader (shares the scenario's index)."""
        return Presenter(self.scenario, me, sees, self.strings, self._ix)

    # ------------------------------------------------------------------ templates

    def t(self, key: str, **fields) -> str:
        """The template `key` filled with `fields`."""
        return self.strings[key].format(**fields)

    # ------------------------------------------------------------------ sides

    @property
    def sides(self) -> tuple[str, ...]:
        return self._ix.side_ids

    def side_id(self, side: str | int) -> str:
        return self._ix.side_ids[side] if isinstance(side, int) else side

    def side(self, side: str | int) -> str:
        """A side's name as the scenario gives it, e.g. 'Moscow'."""
        side = self.side_id(side)
        return self._ix.side_names.get(side, side)

    def other(self, side: str | int) -> str:
        side = self.side_id(side)
        return next((s for s in self._ix.side_ids if s != side), side)

    def is_me(self, side: str | int | None) -> bool:
        return side is not None and self.me is not None and self.side_id(side) == self.me

    def sees_side(self, side: str | int) -> bool:
        return self.side_id(side) in self.sees

    # ------------------------------------------------------------------ numbers and dates

    num = staticmethod(num)
    signed = staticmethod(signed)

    def date(self, day: dt.date | str) -> str:
        """'21 February 2022' (month names from the strings, never from the machine's locale)."""
        if isinstance(day, str):
            day = dt.date.fromisoformat(day)
        return self.t("date", day=day.day, month=self._months[day.month - 1], year=day.year)

    def short_date(self, day: dt.date | str) -> str:
        """'21 Feb' for tables: the day and the month's first three letters."""
        if isinstance(day, str):
            day = dt.date.fromisoformat(day)
        return self.t("date_short", day=day.day, month=self._months[day.month - 1][:3])

    def turn_days(self, turn: int) -> tuple[dt.date, dt.date]:
        """The first and last calendar day a turn stands for."""
        first = self.scenario.turn_date(turn)
        return first, first + dt.timedelta(days=self._ix.model.turn_days - 1)

    def turn_span(self, turn: int) -> str:
        """The days a turn stands for: '1–3 February 2022', or one date for one-day turns."""
        first, last = self.turn_days(turn)
        if first == last:
            return self.date(first)
        month = self._months
        if (first.year, first.month) == (last.year, last.month):
            return self.t("span_same_month", first=first.day, last=last.day, month=month[first.month - 1],
                          year=first.year)
        if first.year == last.year:
            return self.t("span_same_year", first=first.day, first_month=month[first.month - 1], last=last.day,
                          last_month=month[last.month - 1], year=first.year)
        return self.t("span", first=self.date(first), last=self.date(last))

    # ------------------------------------------------------------------ names of things

    def phase(self, phase_id: str) -> str:
        """A phase's label; an unlabelled phase's id read as words, never the raw id."""
        spec = self._ix.model.phases.get(phase_id)
        return (spec.label if spec is not None and spec.label else _words(phase_id))

    def variable(self, var_id: str) -> str:
        spec = self._ix.model.variables.get(var_id)
        return spec.label if spec is not None and spec.label else _words(var_id)

    def value(self, var_id: str, value: float) -> str:
        """A value with its unit: '45%', '110 thousand troops', '60'."""
        spec = self._ix.model.variables.get(var_id)
        unit = spec.unit if spec is not None else ""
        if not unit:
            return num(value)
        return f"{num(value)}{unit}" if unit == "%" else f"{num(value)} {unit}"

    def visible(self, var_id: str) -> bool:
        """Whether the reader may see a variable's exact value (public, or one of `sees` sees it)."""
        i = self._ix.var_index.get(var_id)
        if i is None:
            return False
        vis = self.scenario.visible
        sides = self._ix.side_ids
        return all(v[i] for v in vis) or any(vis[sides.index(s)][i] for s in self.sees if s in sides)

    def category(self, category: str) -> str:
        """A ladder step as a word: 'de-escalation', 'non-violent escalation'."""
        key = f"category.{category}"
        return self.strings[key] if key in self.strings else _words(category)

    def kind(self, kind: str) -> str:
        """An action's kind as a heading: 'Diplomatic', 'Military'."""
        key = f"kind.{kind}"
        return self.strings[key] if key in self.strings else _words(kind).capitalize()

    def issue(self, issue: str | int) -> str:
        spec = self._issue(issue)
        return spec.label if spec is not None else str(issue)

    def option(self, issue: str | int, option: str | int) -> str:
        spec = self._option(issue, option)
        return spec.label if spec is not None else str(option)

    def short_option(self, issue: str | int, option: str | int) -> str:
        """An option's label before its dash, for menus: 'Moratorium — no decision for 10 years' ->
        'Moratorium' (the whole label is one 'i' away)."""
        return self.option(issue, option).split(" — ")[0].strip()

    def package(self, package_id: str) -> str:
        spec = self._ix.packages.get(package_id)
        return spec.label if spec is not None else _words(package_id)

    def event(self, event_id: str) -> str:
        spec = self._ix.events.get(event_id)
        return spec.headline if spec is not None else _words(event_id)

    def outcome(self, outcome_id: str) -> str:
        spec = self._ix.outcomes.get(outcome_id)
        return self.t("outcome", label=spec.label if spec is not None else _words(outcome_id))

    def debrief(self, outcome_id: str) -> str:
        spec = self._ix.outcomes.get(outcome_id)
        return " ".join(spec.debrief.split()) if spec is not None else ""

    def event_spec(self, event_id: str):
        return self._ix.events.get(event_id)

    def package_spec(self, package_id: str):
        return self._ix.packages.get(package_id)

    def issue_spec(self, issue: str | int):
        """An issue (schema model) by id or index, None if there is none."""
        return self._issue(issue)

    def option_spec(self, issue: str | int, option: str | int):
        """An issue's option (schema model) by id or index, None if there is none."""
        return self._option(issue, option)

    def action_spec(self, side: str | int, action_id: str):
        return self._ix.actions.get(self.side_id(side), {}).get(action_id)

    # ------------------------------------------------------------------ moves

    def action(self, action) -> str:
        """A move's label (an engine Action, or its schema model)."""
        return action.label

    def action_tag(self, action) -> str:
        """'posturing +4', 'non-violent escalation +12, secret'."""
        score = getattr(action, "escalation", None)
        if score is None:
            score = self._ix.model.escalation_ladder.get(action.category, 0)
        key = "action_tag" if getattr(action, "public", True) else "action_tag_secret"
        return self.t(key, category=self.category(action.category), score=signed(score))

    def action_news(self, side: str | int, action_id: str) -> str:
        """What the news says when a side plays an action: its `news` line, else its label."""
        spec = self.action_spec(side, action_id)
        if spec is None:
            return self.t("action.pass") if action_id == "pass" else _words(action_id)
        return spec.news or spec.label

    def said_by(self, who: str, headline: str) -> str:
        """A headline with who said or did it: 'Moscow: Russia launches …', but a headline that already
        begins with the name ('Moscow keeps its cards close', 'Markets jittery …') names it once."""
        key = "said_by_named" if _begins_with(headline, who) else "said_by"
        return self.t(key, who=who, headline=headline)

    def terms(self, terms) -> str:
        """Terms of a proposal: a dict issue id -> option id, or (issue index, option index) pairs."""
        pairs = terms.items() if isinstance(terms, Mapping) else terms
        return self.strings["term_separator"].join(
            self.t("term", issue=self.issue(i), option=self.option(i, o)) for i, o in pairs)

    def message(self, message, counter: bool = False) -> str:
        """A menu line for an engine Message: 'Propose: …', 'Counter-propose the package …',
        'Accept their proposal', 'Ask a follow-up question on X — they must tell you …'."""
        kind = message.kind
        if kind == "propose":
            verb = "counter" if counter else "propose"
            if message.package:
                return self.t(f"message.{verb}_package", package=self.package(message.package))
            return self.t(f"message.{verb}", terms=self.terms(message.terms))
        if kind == "question":
            return self.t("message.question", issue=self.issue(message.issue))
        if kind in ("accept", "reject"):
            return self.t(f"message.{kind}")
        return self.t("message.none")

    def worth(self, terms, side: str | int) -> float:
        """What terms are worth to `side` if agreed (the sum of its values of the options)."""
        side = self.side_id(side)
        pairs = terms.items() if isinstance(terms, Mapping) else terms
        total = 0.0
        for i, o in pairs:
            spec = self._option(i, o)
            if spec is not None:
                total += float(spec.value.get(side, 0))
        return total

    # ------------------------------------------------------------------ facts (sibling modules)

    def news(self, fact: Mapping, turn: int | None = None):
        """One news fact of `turn` as a NewsLine from this reader's point of view (see game.present.news)."""
        from game.present.news import headline

        return headline(self, fact, turn)

    def news_lines(self, facts: Iterable[Mapping], turn: int | None = None) -> list:
        """A turn's facts as NewsLines; `turn` (the turn they happened in) dates the events' origins."""
        from game.present.news import headlines

        return headlines(self, facts, turn)

    def changes(self, changes: Mapping, limit: int | None = None) -> list:
        """A turn record's `changes` as ChangeLines with their causes (see game.present.causes)."""
        from game.present.causes import change_lines

        return change_lines(self, changes, limit)

    def progress(self, progress) -> list:
        from game.present.progress import progress_lines

        return progress_lines(self, progress)

    # ------------------------------------------------------------------ origins

    def event_origin(self, event_id: str, turn: int | None = None) -> origins.Origin:
        """Where an event comes from, as shown when it happens in `turn`: a dated fact (history, the
        article) on another day is the game's, modelled on it (game.present.origin.on_turn). Without
        a turn, only an event scheduled on its real date's turn is the real thing."""
        spec = self._ix.events.get(event_id)
        if spec is None:
            return origins.Origin(origins.GAME)
        if turn is None:
            turn = self._ix.scheduled.get(event_id)
        return origins.on_turn(origins.of_event(self._ix.model, spec), self._days(turn))

    def action_origin(self, side: str | int, action_id: str) -> origins.Origin:
        spec = self.action_spec(side, action_id)
        return origins.of_action(self._ix.model, spec) if spec is not None else origins.Origin(origins.MOVE)

    def outcome_origin(self, outcome_id: str, turn: int | None = None) -> origins.Origin:
        """Where an ending comes from, as shown when a game ends in `turn`: an ending dated like real
        history on another day (or on an unknown one) is the game's, modelled on it."""
        spec = self._ix.outcomes.get(outcome_id)
        if spec is None:
            return origins.Origin(origins.GAME)
        return origins.on_turn(origins.of_outcome(self._ix.model, spec), self._days(turn))

    def _days(self, turn: int | None) -> tuple[dt.date, dt.date] | None:
        return self.turn_days(turn) if isinstance(turn, int) and turn >= 1 else None

    def cite(self, origin: origins.Origin, dated: bool = False) -> str:
        """The source of an origin as a reader cites it: 'Institute for the Study of War, “Ukraine
        Conflict Update 5”' ('' when it names no source; the id when the source is unknown)."""
        if not origin.source:
            return ""
        if not origin.source_title:
            return origin.source
        if not origin.publisher:
            return self.t("cite_title", title=origin.source_title)
        spec = next((s for s in self._ix.model.sources if s.id == origin.source), None)
        if dated and spec is not None and spec.date is not None:
            return self.t("cite_dated", publisher=origin.publisher, title=origin.source_title,
                          date=self.date(spec.date))
        return self.t("cite", publisher=origin.publisher, title=origin.source_title)

    def origin(self, origin: origins.Origin) -> str:
        """In words: 'from the article: Al Jazeera (with Reuters), “…”', 'real history, 21 February 2022
        — Institute for the Study of War, “Ukraine Conflict Update 5”', 'real history, 4 February 2022
        (no source given in the scenario)', 'invented for the game (…)', 'a move in this game'; a dated
        fact happening on another day: 'invented for the game, modelled on real history of 27 October
        1962 — …'."""
        cited = self.cite(origin)
        if origin.kind == origins.ARTICLE:
            return self.t("origin.article_cited", source=cited) if cited else self.t("origin.article")
        if origin.kind == origins.HISTORY:
            if not cited:
                date = self.date(origin.date) if origin.date else self.t("unknown")
                return self.t("origin.history_unsourced", date=date)
            if origin.date:
                return self.t("origin.history_cited", date=self.date(origin.date), source=cited)
            return self.t("origin.history_undated_cited", source=cited)
        if origin.kind == origins.MOVE:
            return self.t("origin.move")
        if origin.modelled:
            return self._modelled(origin)
        if origin.note:
            return self.t("origin.game_note", note=origin.note.rstrip("."))
        if origin.source:   # an event of the game's own that draws on a quotation
            return self.t("origin.game_quoted", source=cited)
        return self.t("origin.game")

    def _modelled(self, origin: origins.Origin) -> str:
        """'modelled on real history, 27 October 1962 — …; in this game on another day'."""
        cited, date = self.cite(origin), self.date(origin.date)
        if not cited:
            return self.t("origin.moved_unsourced", date=date)
        return self.t("origin.moved", date=date, source=cited)

    def move_origin(self, origin: origins.Origin) -> str:
        """What a move on a menu is modelled on: 'modelled on real history, 21 February 2022 — …',
        'from the article: …', 'invented for the game' ('' for a move the scenario says nothing of)."""
        if origin.kind == origins.HISTORY and origin.source:
            cited = self.cite(origin)
            if origin.date:
                return self.t("origin.modelled_on", date=self.date(origin.date), source=cited)
            return self.t("origin.modelled_on_undated", source=cited)
        if origin.kind == origins.MOVE:
            return ""
        return self.origin(origin)

    def origin_short(self, origin: origins.Origin, move: bool = False) -> str:
        """One short line for a terminal or a small label: 'from the article — Al Jazeera (with
        Reuters)', 'real history, 4 February 2022 — President of Russia (kremlin.ru)', 'invented for
        the game' ('' for a player's move); `move`: 'modelled on real history, …' for a menu's move."""
        source = origin.publisher or origin.source_title or origin.source or ""
        if origin.kind == origins.ARTICLE and source:
            return self.t("origin.short.article", source=source)
        if origin.kind == origins.HISTORY and source:
            key = "origin.short.modelled_on" if move else "origin.short.history"
            if origin.date:
                return self.t(key, date=self.date(origin.date), source=source)
            return self.t(key + "_undated", source=source)
        if origin.kind == origins.MOVE:
            return ""
        if origin.modelled:
            return self.t("origin.short.moved", date=self.date(origin.date), source=source) if source \
                else self._modelled(origin)
        if origin.kind == origins.GAME:
            return self.t("origin.game")
        return self.origin(origin)

    # ------------------------------------------------------------------ what really happened

    def history(self, turn: int | None = None) -> tuple:
        """The scenario's real timeline (`history`) as HistoryLines by date (see game.present.history);
        with a `turn`: the entries the players are told of as the game reaches that turn (those within
        its days, unless the scenario says `mark: false`), e.g. 21 February 2022 in turn 7."""
        if self._history is None:
            from game.present.history import history_lines

            self._history = tuple(history_lines(self))
        if turn is None:
            return self._history
        return tuple(h for h in self._history if h.turn == turn and h.mark)

    def timeline_rows(self, turns) -> list:
        """The game's own timeline beside the real one: one row per turn played (its dates, both
        sides' moves, the outcome) with the real entries of those days, then the real entries after
        the game (see game.present.history.TimelineRow). `turns`: a record's turn log."""
        from game.present.history import timeline_rows

        return timeline_rows(self, turns)

    def origin_tag(self, origin: origins.Origin) -> str:
        """A short mark for a news line: 'article', 'history 4 February 2022', 'invented' ('' for moves)."""
        if origin.kind == origins.HISTORY:
            return self.t("tag.history", date=self.date(origin.date)) if origin.date else self.t("tag.history_undated")
        if origin.modelled:
            return self.t("tag.moved", date=self.date(origin.date))
        if origin.kind == origins.GAME and origin.quote:
            return self.t("tag.game_quoted")
        return self.t(f"tag.{origin.kind}")

    def quote(self, origin: origins.Origin) -> str:
        """The article's words with their source, or '' when the fact quotes nothing."""
        if not origin.quote:
            return ""
        return self.t("quoted", text=origin.quote, source=origin.source_title or origin.source or "")

    # ------------------------------------------------------------------ internals

    def _issue(self, issue: str | int):
        if isinstance(issue, int):
            return self._ix.issue_list[issue] if 0 <= issue < len(self._ix.issue_list) else None
        return self._ix.issues.get(issue)

    def _option(self, issue: str | int, option: str | int):
        spec = self._issue(issue)
        if spec is None:
            return None
        if isinstance(option, int):
            return spec.options[option] if 0 <= option < len(spec.options) else None
        return next((o for o in spec.options if o.id == option), None)


def _begins_with(headline: str, name: str) -> bool:
    """Whether `headline` opens with `name` as a whole word, ignoring case, quotes and a leading 'the'."""
    def bare(text: str) -> str:
        text = text.strip().lstrip("'\"“‘").casefold()
        return text[4:] if text.startswith("the ") else text
    text, name = bare(headline), bare(name)
    return bool(name) and text.startswith(name) and (len(text) == len(name) or not text[len(name)].isalnum())


def _words(identifier: str) -> str:
    """An id read as words when a scenario gives no label: 'fragile_de_escalation' ->
    'fragile de-escalation' (the ladder's hyphenated words kept)."""
    text = str(identifier).replace("_", " ")
    for joined in ("de escalation", "non violent"):
        text = text.replace(joined, joined.replace(" ", "-"))
    return text


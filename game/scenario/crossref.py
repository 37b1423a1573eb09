"""Checks a schema cannot express: names that must refer to something declared elsewhere.

Runs on the raw data read from YAML (not on the pydantic model), so it reports its problems in
the same pass as the schema errors even when other parts of the file are broken. Anything of the
wrong type is skipped here: the schema check already reports it.
"""
from __future__ import annotations

import datetime as dt
import keyword
import warnings
import itertools
from collections.abc import Collection, Iterable

from game.scenario import expr
from game.scenario.errors import ScenarioIssue, format_path
from game.scenario.facts import fact_layout
from game.scenario.schema import RIVERA_2024_LADDER, Variable
from game.scenario.schema_issues import ID_RE
from game.scenario.yaml_source import YamlDoc

_NUMBER = (int, float)
_RESERVED = {expr.TURN, *expr.FUNCTIONS}


def check_references(doc: YamlDoc) -> list[ScenarioIssue]:
    """Every cross-reference problem of the scenario data in `doc`."""
    if not isinstance(doc.data, dict):
        return []
    checks = _Checks(doc)
    with warnings.catch_warnings():  # Python's parser warns on text like '80and'; we report errors ourselves
        warnings.simplefilter("ignore", SyntaxWarning)
        checks.run()
    return checks.issues


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _names(values: Iterable) -> dict[str, None]:
    """The ids among `values`, in order, as an ordered set."""
    return dict.fromkeys(v for v in values if _is_id(v))


def _is_id(value) -> bool:
    return isinstance(value, str) and ID_RE.match(value) is not None


def _is_count(value) -> bool:
    """A whole number of at least 1 (the schema's rule for max_turns), so checks against it only
    run on a value the schema accepted."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _is_number(value) -> bool:
    """A number the schema accepts (so within ±MAX_NUMBER; a 400-digit int is not, and never
    reaches float())."""
    return (isinstance(value, _NUMBER) and not isinstance(value, bool)
            and -expr.MAX_NUMBER <= value <= expr.MAX_NUMBER)


_LISTED = 10  #: names listed in one message at most ("known: 'a', 'b' ... and 2,990 more")


def _quoted(names: Collection[str]) -> str:
    more = len(names) - _LISTED
    names = [f"'{n}'" for n in itertools.islice(names, _LISTED)]
    if more > 0:
        return ", ".join(names) + f" and {more:,} more"
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


class _Checks:
    """The cross-reference rules, one method per part of the file."""

    def __init__(self, doc: YamlDoc):
        self.doc, self.data = doc, doc.data
        self.issues: list[ScenarioIssue] = []
        # name sets keep file order (for messages) and test membership in O(1): thousands of
        # references to thousands of names must not cost their product
        self.sides = _names(_dict(self.data.get("sides")))
        self.variables = _names(_dict(self.data.get("variables")))
        self.phases = _names(_dict(self.data.get("phases")))
        self.names = expr.Names({**expr.variable_names(self.variables), **self._fact_names()})
        ladder = self.data.get("escalation_ladder", RIVERA_2024_LADDER)
        self.ladder = _names(_dict(ladder))
        self.sources = _names(s.get("id") for s in _list(self.data.get("sources")) if isinstance(s, dict))

    def _fact_names(self) -> dict[str, int]:
        """Dotted names of the facts (agreed.<issue>.<option>, last.<side>.<action> ...) in this file."""
        actions = _dict(self.data.get("actions"))
        menus = [[a.get("id") for a in _list(actions.get(side)) if isinstance(a, dict) and _is_id(a.get("id"))]
                 for side in self.sides]
        issues = [(i["id"], [o.get("id") for o in _list(i.get("options")) if isinstance(o, dict) and _is_id(o.get("id"))])
                  for i in _list(_dict(self.data.get("negotiation")).get("issues"))
                  if isinstance(i, dict) and _is_id(i.get("id"))]
        return fact_layout(len(self.variables) + 1, self.sides, menus, issues).names

    # -- reporting -------------------------------------------------------------------------

    def issue(self, path: tuple, message: str, *, at_key: bool = False) -> None:
        mark = self.doc.key_mark(path) if at_key else self.doc.mark(path)
        self.issues.append(ScenarioIssue(self.doc.filename, mark.line, mark.col, format_path(path), message))

    # -- generic rules ---------------------------------------------------------------------

    def ref(self, path: tuple, value, known: list, what: str) -> None:
        """`value` must be one of `known` (ids of sides, phases, sources ...)."""
        if _is_id(value) and value not in known:
            close = expr.suggest(value, known)
            listed = f"; known: {_quoted(known)}" if known and not close else ""
            self.issue(path, f"unknown {what} '{value}'{close}{listed}")

    def refs(self, path: tuple, values, known: list, what: str) -> None:
        for i, value in enumerate(_list(values)):
            self.ref((*path, i), value, known, what)

    def per_side(self, path: tuple, mapping, what: str) -> None:
        """`mapping` must have exactly one entry per side."""
        if not isinstance(mapping, dict) or len(self.sides) != 2:
            return
        for key in mapping:
            if _is_id(key) and key not in self.sides:
                self.issue((*path, key), f"'{key}' is not a side{expr.suggest(key, self.sides)}; "
                                         f"the sides are {_quoted(self.sides)}", at_key=True)
        for side in self.sides:
            if side not in mapping:
                self.issue(path, f"{what} for side '{side}' is missing", at_key=True)

    def unique_ids(self, path: tuple, items, what: str) -> dict[str, int]:
        """Ids of a list of mappings must differ; returns the ids in order."""
        seen: dict[str, int] = {}
        for i, item in enumerate(_list(items)):
            value = item.get("id") if isinstance(item, dict) else None
            if not _is_id(value):
                continue
            if value in seen:
                first = self.doc.mark((*path, seen[value], "id")).line
                self.issue((*path, i, "id"), f"duplicate {what} id '{value}' (first used at line {first})")
            else:
                seen[value] = i
        return seen

    def condition(self, path: tuple, text) -> None:
        if isinstance(text, str) and 0 < len(text) <= 2000:
            self._expression(path, text, expr.check_condition)

    def effects(self, path: tuple, items) -> None:
        items = _list(items)
        skip_to = -1
        for i, item in enumerate(items):
            if i <= skip_to:
                continue
            if isinstance(item, dict):   # {if: ..., then: [...], else: [...]}
                self.condition((*path, i, "if"), item.get("if"))
                self.effects((*path, i, "then"), item.get("then"))
                self.effects((*path, i, "else"), item.get("else"))
            elif isinstance(item, str) and 0 < len(item) <= 2000:
                pieces = self._split_by_flow_commas(path, items, i)
                if pieces:
                    skip_to = i + pieces - 1
                    continue
                self._expression((*path, i), item, expr.parse_effect)

    def _split_by_flow_commas(self, path: tuple, items: list, i: int) -> int:
        """Report `[a = max(a, 80), b += 15]`: YAML split the bracketed list at the comma inside
        max(; returns how many items the one effect was split into (0 if it was not)."""
        text = items[i]
        node, depth = self.doc.locate(path)
        if depth != len(path) or self.doc.text[node.start:node.start + 1] != "[" or text.count("(") <= text.count(")"):
            return 0
        parts, open_ = [text], text.count("(") - text.count(")")
        for following in items[i + 1:]:
            if not isinstance(following, str) or open_ <= 0:
                break
            parts.append(following)
            open_ += following.count("(") - following.count(")")
        if len(parts) == 1 or open_ != 0:
            return 0
        joined = ", ".join(parts)
        read = " and ".join(f"'{p}'" for p in parts)
        self.issue((*path, i), f"this list is written in brackets [...], and YAML splits such a list at every "
                               f"comma, also the ones inside parentheses: it read {read} as {len(parts)} "
                               f"effects. Write the effects as a block list, one per line ('- {joined}'), "
                               f"or put each effect in quotes: [\"{joined}\", ...]")
        return len(parts)

    def _expression(self, path: tuple, text: str, check) -> None:
        try:
            check(text, self.names)
        except expr.ExprError as exc:
            col = exc.col
            if not exc.message.startswith("syntax error") and not text.isascii():
                col = len(text.strip().encode("utf-8")[:col].decode("utf-8", "ignore"))  # ast counts bytes
            mark = self.doc.text_mark(path, text, col)
            self.issues.append(ScenarioIssue(self.doc.filename, mark.line, mark.col, format_path(path),
                                             exc.message))
        except RecursionError:
            self.issue(path, "expression is nested too deeply; split it up")
        except (ValueError, MemoryError) as exc:  # e.g. a NUL character that Python's parser refuses
            self.issue(path, f"cannot read this expression: {exc}")

    def quote(self, path: tuple, quote) -> None:
        if isinstance(quote, dict):
            self.ref((*path, "source"), quote.get("source"), self.sources, "source")

    # -- parts of the file -----------------------------------------------------------------

    def run(self) -> None:
        self.unique_ids(("sources",), self.data.get("sources"), "source")
        self.check_variables()
        self.check_phases()
        self.check_actions()
        self.check_negotiation()
        self.check_events()
        self.check_outcomes()
        self.check_scoring()
        self.check_history()
        self.check_lesson()

    def check_variables(self) -> None:
        defaults = Variable.model_fields
        for name, var in _dict(self.data.get("variables")).items():
            path = ("variables", name)
            if name in _RESERVED or (isinstance(name, str) and keyword.iskeyword(name)):
                self.issue(path, f"'{name}' is a reserved word of the expression language; "
                                 f"choose another variable name", at_key=True)
            if not isinstance(var, dict):
                continue
            low, high, initial = (var.get(k, defaults[k].default) for k in ("min", "max", "initial"))
            if _is_number(low) and _is_number(high) and low > high:
                self.issue((*path, "min" if "min" in var else "max"),
                           f"min {low:g} is greater than max {high:g}")
            elif _is_number(initial) and _is_number(low) and _is_number(high) and not low <= initial <= high:
                self.issue((*path, "initial"), f"initial value {initial:g} is outside min..max ({low:g}..{high:g})")
            visible = var.get("visible_to")
            if visible != "all":
                self.ref((*path, "visible_to"), visible, self.sides, "side")

    def check_phases(self) -> None:
        for name, phase in _dict(self.data.get("phases")).items():
            for i, edge in enumerate(_list(_dict(phase).get("transitions"))):
                if isinstance(edge, dict):
                    path = ("phases", name, "transitions", i)
                    self.ref((*path, "to"), edge.get("to"), self.phases, "phase")
                    self.condition((*path, "when"), edge.get("when"))

    def check_actions(self) -> None:
        actions = self.data.get("actions")
        self.per_side(("actions",), actions, "the action list")
        for side, menu in _dict(actions).items():
            path = ("actions", side)
            self.unique_ids(path, menu, "action")
            for i, action in enumerate(_list(menu)):
                if not isinstance(action, dict):
                    continue
                here = (*path, i)
                category = action.get("category")
                if _is_id(category) and category not in self.ladder:
                    self.issue((*here, "category"), f"unknown escalation category '{category}'"
                               f"{expr.suggest(category, self.ladder)}; the ladder has {_quoted(self.ladder)}")
                self.refs((*here, "phases"), action.get("phases"), self.phases, "phase")
                self.condition((*here, "requires"), action.get("requires"))
                self.effects((*here, "effects"), action.get("effects"))
                self.quote((*here, "quote"), action.get("quote"))

    def check_negotiation(self) -> None:
        negotiation = _dict(self.data.get("negotiation"))
        path = ("negotiation",)
        issues = _list(negotiation.get("issues"))
        self.unique_ids((*path, "issues"), issues, "issue")
        options: dict[str, dict[str, int]] = {}
        for i, issue in enumerate(issues):
            if not isinstance(issue, dict):
                continue
            here = (*path, "issues", i)
            ids = self.unique_ids((*here, "options"), issue.get("options"), "option")
            if _is_id(issue.get("id")):
                options.setdefault(issue["id"], ids)
            for j, option in enumerate(_list(issue.get("options"))):
                if not isinstance(option, dict):
                    continue
                opath = (*here, "options", j)
                self.per_side((*opath, "value"), option.get("value"), "the value")
                self.condition((*opath, "requires"), option.get("requires"))
                self.effects((*opath, "effects"), option.get("effects"))
                commitments = [((*opath, "commitment"), option.get("commitment"))]
                commitments += [((*opath, "commitments", k), c) for k, c in enumerate(_list(option.get("commitments")))]
                for cpath, commitment in commitments:
                    if isinstance(commitment, dict):
                        self.ref((*cpath, "by"), commitment.get("by"), self.sides, "side")
                        self.condition((*cpath, "breach_if"), commitment.get("breach_if"))
                        self.effects((*cpath, "effects"), commitment.get("effects"))
        packages = _list(negotiation.get("packages"))
        self.unique_ids((*path, "packages"), packages, "package")
        for i, package in enumerate(packages):
            if not isinstance(package, dict):
                continue
            here = (*path, "packages", i)
            self.ref((*here, "by"), package.get("by"), self.sides, "side")
            self.condition((*here, "requires"), package.get("requires"))
            for issue_id, option_id in _dict(package.get("terms")).items():
                tpath = (*here, "terms", issue_id)
                if not _is_id(issue_id):
                    continue
                if issue_id not in options:
                    self.issue(tpath, f"unknown issue '{issue_id}'{expr.suggest(issue_id, options)}",
                               at_key=True)
                elif _is_id(option_id) and option_id not in options[issue_id]:
                    self.issue(tpath, f"issue '{issue_id}' has no option '{option_id}'"
                                      f"{expr.suggest(option_id, options[issue_id])}; "
                                      f"its options are {_quoted(options[issue_id])}")
        for move, effects in _dict(negotiation.get("effects")).items():
            self.effects((*path, "effects", move), effects)

    def check_events(self) -> None:
        events = _list(self.data.get("events"))
        self.unique_ids(("events",), events, "event")
        first, last = self._game_dates()
        if first is not None and last is None:
            self.issue(("start_date",), "the game would run past the last day of the year 9999: "
                                        "move start_date earlier or make max_turns or turn_days smaller")
        max_turns = self.data.get("max_turns")
        for i, event in enumerate(events):
            if not isinstance(event, dict):
                continue
            path = ("events", i)
            triggers = ("turn", "date", "condition", "chance", "chance_in")
            if all(event.get(k) in (None, {}) for k in triggers):
                self.issue(path, "this event can never fire: give it a turn, a date, a condition or a chance")
            turn = event.get("turn")
            if _is_number(turn) and _is_count(max_turns) and turn > max_turns:   # a bad max_turns is reported once, by the schema
                self.issue((*path, "turn"), f"turn {turn} is after the last turn ({max_turns}); it would never fire")
            date = event.get("date")
            if type(date) is dt.date and last is not None and not first <= date <= last:
                self.issue((*path, "date"), f"date {date} is outside the game, which runs from "
                                            f"{first} to {last}")
            for phase in _dict(event.get("chance_in")):
                self.ref((*path, "chance_in", phase), phase, self.phases, "phase")
            self.refs((*path, "phases"), event.get("phases"), self.phases, "phase")
            self.condition((*path, "condition"), event.get("condition"))
            self.effects((*path, "effects"), event.get("effects"))
            self.quote((*path, "quote"), event.get("quote"))

    def check_history(self) -> None:
        start = self.data.get("start_date")
        for i, entry in enumerate(_list(self.data.get("history"))):
            if not isinstance(entry, dict):
                continue
            path = ("history", i)
            if entry.get("source") is not None:
                self.ref((*path, "source"), entry.get("source"), self.sources, "source")
            date = entry.get("date")
            if type(date) is dt.date and type(start) is dt.date and date < start:
                self.issue((*path, "date"), f"date {date} is before the start date {start}: the history of "
                                            "the game's days starts there")

    def _game_dates(self) -> tuple[dt.date | None, dt.date | None]:
        """First and last calendar day the game covers (start_date .. end of the last turn);
        (start, None) when the game, or the day after it ends, falls beyond the calendar."""
        start, days, turns = (self.data.get(k) for k in ("start_date", "turn_days", "max_turns"))
        days = 1 if days is None else days
        if type(start) is not dt.date or not isinstance(days, int) or not isinstance(turns, int):
            return None, None
        if isinstance(days, bool) or isinstance(turns, bool) or not 1 <= days <= 366 or not 1 <= turns <= 1000:
            return None, None   # out of the schema's range: reported there
        try:
            start + dt.timedelta(days=days * turns)   # the engine dates the turn after the last one too
            return start, start + dt.timedelta(days=days * turns - 1)
        except OverflowError:
            return start, None

    def scores(self, path: tuple, score) -> None:
        """A score is a number (inside the stated `scoring` scale, if the file gives one) or an expression."""
        scoring = self.data.get("scoring")
        low, high = (_dict(scoring).get(k, d) for k, d in (("min", -100), ("max", 100)))
        for side, value in _dict(score).items():
            if isinstance(value, str) and 0 < len(value) <= 2000:
                self._expression((*path, side), value, expr.check_number)
            elif isinstance(scoring, dict) and _is_number(value) and _is_number(low) and _is_number(high) \
                    and not low <= value <= high:
                self.issue((*path, side), f"score {value:g} is outside the scale {low:g}..{high:g} given in 'scoring'")

    def check_scoring(self) -> None:
        scoring = self.data.get("scoring")
        if isinstance(scoring, dict):
            low, high = scoring.get("min", -100), scoring.get("max", 100)
            if _is_number(low) and _is_number(high) and low >= high:
                self.issue(("scoring", "min" if "min" in scoring else "max"),
                           f"min {low:g} must be less than max {high:g}")

    def check_outcomes(self) -> None:
        outcomes = _list(self.data.get("outcomes"))
        self.unique_ids(("outcomes",), outcomes, "outcome")
        fallback = False
        for i, outcome in enumerate(outcomes):
            if not isinstance(outcome, dict):
                continue
            path = ("outcomes", i)
            fallback = fallback or (outcome.get("final") is True and outcome.get("condition") is None
                                    and outcome.get("phases") is None)
            self.refs((*path, "phases"), outcome.get("phases"), self.phases, "phase")
            self.condition((*path, "condition"), outcome.get("condition"))
            self.per_side((*path, "score"), outcome.get("score"), "the score")
            self.scores((*path, "score"), outcome.get("score"))
            for k, note in enumerate(_list(outcome.get("debrief_notes"))):
                if isinstance(note, dict):
                    self.condition((*path, "debrief_notes", k, "when"), note.get("when"))
        unknown = any(isinstance(o, dict) and not isinstance(o.get("final", False), bool) for o in outcomes)
        if outcomes and not fallback and not unknown:
            self.issue(("outcomes",), "no outcome ends every game: add one with 'final: true' and no "
                                      "'condition' (or 'phases'), used when the turns run out", at_key=True)

    # -- what the classroom reads: origins and discussion questions ----------

    def origin(self, path: tuple, origin) -> None:
        if isinstance(origin, dict):
            self.ref((*path, "source"), origin.get("source"), self.sources, "source")

    def check_lesson(self) -> None:
        for side, menu in _dict(self.data.get("actions")).items():
            for i, action in enumerate(_list(menu)):
                if isinstance(action, dict):
                    self.origin(("actions", side, i, "origin"), action.get("origin"))
        for name in ("events", "outcomes"):
            for i, item in enumerate(_list(self.data.get(name))):
                if isinstance(item, dict):
                    self.origin((name, i, "origin"), item.get("origin"))
        outcomes = [o.get("id") for o in _list(self.data.get("outcomes")) if isinstance(o, dict) and _is_id(o.get("id"))]
        for i, question in enumerate(_list(self.data.get("discussion"))):
            if isinstance(question, dict):
                self.condition(("discussion", i, "when"), question.get("when"))
                self.refs(("discussion", i, "outcomes"), question.get("outcomes"), outcomes, "outcome")

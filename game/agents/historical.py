"""Historical: follows the line its government actually took, as far as the other side's moves allow —
a dated list of moves and messages read from data (`game/agents/lines/<scenario id>.yaml`).

Each turn it makes the most recent dated move that is due and open (a move that could not be
made on its day is carried on while `keep` allows), else the first open standing move whose
condition holds; messages follow the same rules, and proposals are answered as the line says.
The line file is checked against the scenario (every action, issue and package must exist) when
the agent is reset, so a line that drifts from its scenario fails with a clear message.
"""
from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from game.agents.common import ScriptedAgent, belief, tables, with_terms
from game.engine.game import Choice
from game.errors import HotlineError
from game.scenario.expr import ExprError, compile_condition

LINES = Path(__file__).resolve().parent / "lines"


class LineError(HotlineError, ValueError):
    """A historical line that is missing, malformed or names what its scenario does not have."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _Rule(_Model):
    action: str | None = None
    question: str | None = None
    propose: str | None = None
    when: str | None = None
    why: str = ""

    @model_validator(mode="after")
    def _one_kind(self):
        if sum(x is not None for x in (self.action, self.question, self.propose)) != 1:
            raise ValueError("give exactly one of action, question or propose")
        return self


class Step(_Rule):
    """A dated move or message."""

    date: dt.date
    until: dt.date | None = None
    keep: bool = False
    repeat: bool = False


class Standing(_Rule):
    """A move or message for turns when nothing dated is due."""

    start: dt.date | None = Field(None, alias="from")
    until: dt.date | None = None


class Answers(_Model):
    start: dt.date | None = Field(None, alias="from")
    accept_share: float = Field(0.5, ge=0.0, le=1.0)   # 0 = the worst terms on those issues, 1 = the best


class SideLine(_Model):
    summary: str = ""
    moves: list[Step] = []
    otherwise: list[Standing] = []
    messages: list[Step] = []
    otherwise_messages: list[Standing] = []
    answers: Answers = Answers()


class Line(_Model):
    scenario: str
    sides: dict[str, SideLine]


def line_path(scenario_id: str) -> Path:
    return LINES / f"{scenario_id}.yaml"


def load_line(scenario_id: str, path: Path | None = None) -> Line:
    """Read and check the structure of a line file; LineError says what is wrong and where."""
    path = line_path(scenario_id) if path is None else path
    if not path.is_file():
        known = sorted(p.stem for p in LINES.glob("*.yaml"))
        raise LineError(f"no historical line for scenario '{scenario_id}' (lines exist for: {', '.join(known)})")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Line.model_validate(data)
    except yaml.YAMLError as exc:
        raise LineError(f"{path}: not valid YAML: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise LineError(f"{path}: {where}: {first['msg']} ({exc.error_count()} problem(s))") from None


@dataclass(frozen=True)
class _Compiled:
    """A rule with its names resolved against the scenario."""

    index: int
    kind: str                     # action / question / propose
    target: object                # action id, issue index, or proposal terms key
    when: Callable | None
    date: dt.date | None
    start: dt.date | None
    until: dt.date | None
    keep: bool
    repeat: bool


def _compile_rules(rules, scenario, side: int, where: str, t) -> tuple[_Compiled, ...]:
    actions = {a.id for a in scenario.actions[side]}
    packages = {m.package: (m.terms, m.package) for m in t.proposals if m.package}
    out = []
    for k, rule in enumerate(rules):
        at = f"{where}[{k}]"
        if rule.action is not None:
            if rule.action not in actions:
                raise LineError(f"{at}.action: scenario '{scenario.id}' has no action '{rule.action}' "
                                f"for {scenario.sides[side]}")
            kind, target = "action", rule.action
        elif rule.question is not None:
            if rule.question not in t.issue_index:
                raise LineError(f"{at}.question: scenario '{scenario.id}' has no issue '{rule.question}'")
            kind, target = "question", t.issue_index[rule.question]
        else:
            if rule.propose not in packages:
                raise LineError(f"{at}.propose: {scenario.sides[side]} cannot table a package "
                                f"'{rule.propose}' in scenario '{scenario.id}'")
            kind, target = "propose", packages[rule.propose]
        when = None
        if rule.when:
            try:
                when = compile_condition(rule.when, scenario.names)
            except ExprError as exc:
                raise LineError(f"{at}.when: {exc}") from None
        dated = isinstance(rule, Step)
        out.append(_Compiled(index=k, kind=kind, target=target, when=when,
                             date=rule.date if dated else None,
                             start=None if dated else rule.start, until=rule.until,
                             keep=rule.keep if dated else False, repeat=rule.repeat if dated else False))
    return tuple(out)


class CompiledLine:
    """One side's line, resolved against a scenario."""

    def __init__(self, line: Line, scenario, side: int, t):
        side_id = scenario.sides[side]
        if line.scenario != scenario.id:
            raise LineError(f"the line is for scenario '{line.scenario}', not '{scenario.id}'")
        if side_id not in line.sides:
            raise LineError(f"the line for '{scenario.id}' has no side '{side_id}'")
        own = line.sides[side_id]
        base = f"{line_path(scenario.id).name}: sides.{side_id}"
        self.summary = own.summary
        self.moves = _compile_rules(own.moves, scenario, side, f"{base}.moves", t)
        self.otherwise = _compile_rules(own.otherwise, scenario, side, f"{base}.otherwise", t)
        self.messages = _compile_rules(own.messages, scenario, side, f"{base}.messages", t)
        self.otherwise_messages = _compile_rules(own.otherwise_messages, scenario, side,
                                                 f"{base}.otherwise_messages", t)
        self.answer_from = own.answers.start
        self.accept_share = own.answers.accept_share


_COMPILED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def compiled_line(scenario, side: int, t) -> CompiledLine:
    """The side's line for `scenario`, read and resolved once per scenario."""
    per_side = _COMPILED.get(scenario)
    if per_side is None:
        per_side = _COMPILED[scenario] = {}
    if side not in per_side:
        per_side[side] = CompiledLine(load_line(scenario.id), scenario, side, t)
    return per_side[side]


class HistoricalAgent(ScriptedAgent):
    name = "historical"
    description = "plays the line its government actually took in February 2022 (built-in scenario)"

    @classmethod
    def cannot_play(cls, scenario, side: str) -> str | None:
        """It plays only a side that has a historical line written for the scenario."""
        if side not in scenario.sides:
            return f"the scenario has no side '{side}'"
        index = scenario.sides.index(side)
        try:   # compiling checks the line against this scenario's actions and issues too (cached)
            compiled_line(scenario, index, tables(scenario, index))
        except LineError as exc:
            return str(exc)
        return None

    def prepare(self, scenario) -> None:
        self.line = compiled_line(scenario, self.side, self.t)
        self._actions = {a.id: a for a in scenario.actions[self.side]}
        self._span = dt.timedelta(days=scenario.model.turn_days - 1)

    def start(self) -> None:
        self.done_moves: set[int] = set()
        self.done_messages: set[int] = set()

    def memory(self) -> dict:
        return {"moves": sorted(self.done_moves), "messages": sorted(self.done_messages)}

    def restore(self, memory: dict) -> None:
        self.done_moves = {int(k) for k in memory["moves"]}
        self.done_messages = {int(k) for k in memory["messages"]}

    # ------------------------------------------------------------------ the turn

    def choose(self, observation, legal) -> Choice:
        first = observation.date
        last = first + self._span
        v = belief(self.scenario, observation)
        message = self._message(observation, legal, first, last, v)
        if message is self.t.accept:   # a deal signed this turn changes what the line calls for
            v = with_terms(self.scenario, v, observation.their_proposal.terms)
        return Choice(self._move(legal, first, last, v), message)

    @staticmethod
    def _due(rule: _Compiled, first, last, done: set, v) -> bool:
        if rule.date > last or (rule.until is not None and rule.until < first):
            return False
        if rule.date < first and not (rule.keep or rule.repeat):
            return False
        if rule.index in done and not rule.repeat:
            return False
        return rule.when is None or rule.when(v)

    @staticmethod
    def _standing(rule: _Compiled, first, last, v) -> bool:
        if rule.start is not None and rule.start > last:
            return False
        if rule.until is not None and rule.until < first:
            return False
        return rule.when is None or rule.when(v)

    def _move(self, legal, first, last, v):
        open_ = {a.id: a for a in legal.actions}
        due = [r for r in self.line.moves if r.target in open_ and self._due(r, first, last, self.done_moves, v)]
        if due:
            rule = max(due, key=lambda r: (r.date, -r.index))   # the most recent, then the first listed
            self.done_moves.add(rule.index)
            return open_[rule.target]
        for rule in self.line.otherwise:
            if rule.target in open_ and self._standing(rule, first, last, v):
                return open_[rule.target]
        return min(legal.actions, key=lambda a: (abs(a.escalation), a.escalation))

    def _message_for(self, rule: _Compiled, legal):
        if rule.kind == "question":
            m = self.t.questions.get(rule.target)
        else:
            m = self.t.by_terms.get(rule.target)
        return m if m is not None and self.allowed(m, legal) else None

    def _message(self, observation, legal, first, last, v):
        t, line = self.t, self.line
        theirs = observation.their_proposal
        answering = theirs is not None and (line.answer_from is None or line.answer_from <= last)
        if (answering and self.can_accept(legal)
                and t.value(theirs.terms) >= t.threshold(theirs.terms, line.accept_share)):
            return t.accept
        due = [(r, m) for r in line.messages if self._due(r, first, last, self.done_messages, v)
               for m in (self._message_for(r, legal),) if m is not None]
        if due:
            rule, message = max(due, key=lambda rm: (rm[0].date, -rm[0].index))
            self.done_messages.add(rule.index)
            return message
        if answering:
            return self.answer(False, legal)
        for rule in line.otherwise_messages:
            if rule.kind == "propose" and observation.our_proposal is not None:
                continue
            if rule.kind == "question" and t.issue_ids[rule.target] in observation.answers:
                continue
            m = self._message_for(rule, legal)
            if m is not None and self._standing(rule, first, last, v):
                return m
        return t.none

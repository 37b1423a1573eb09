"""Negotiation messages: proposals, responses and follow-up questions, as immutable values.

A side sends at most one message a turn beside its action. Messages are delivered after both
choices are in: an `accept` or `reject` answers the proposal the other side had on the table at
the start of the turn; a new proposal replaces the sender's own pending one.
"""
from __future__ import annotations

from dataclasses import dataclass

NONE, PROPOSE, ACCEPT, REJECT, QUESTION = "none", "propose", "accept", "reject", "question"
KINDS = (NONE, PROPOSE, ACCEPT, REJECT, QUESTION)


class MessageError(ValueError):
    """A message that names no issue, option or package of the scenario, or is malformed."""


@dataclass(frozen=True, eq=False, slots=True)
class Message:
    """One negotiation move. `terms` are (issue index, option index) pairs, sorted by issue.

    Compared by identity, like actions: a legal choice is one of the objects offered, which
    keeps legality checks to a pointer comparison. `key` compares content.
    """

    kind: str = NONE
    terms: tuple[tuple[int, int], ...] = ()
    package: str | None = None
    issue: int | None = None

    @property
    def key(self) -> tuple:
        return (self.kind, self.terms, self.package, self.issue)

    def to_json(self, scenario) -> dict | None:
        if self.kind == NONE:
            return None
        out: dict = {"kind": self.kind}
        if self.kind == PROPOSE:
            if self.package:
                out["package"] = self.package
            out["terms"] = {scenario.issues[i].id: scenario.issues[i].options[o].id for i, o in self.terms}
        elif self.kind == QUESTION:
            out["issue"] = scenario.issues[self.issue].id
        return out

    def describe(self, scenario) -> str:
        """A line a student reads, e.g. 'Propose: Ukraine's NATO membership = moratorium'."""
        if self.kind == NONE:
            return "No message"
        if self.kind == ACCEPT:
            return "Accept their proposal"
        if self.kind == REJECT:
            return "Reject their proposal"
        if self.kind == QUESTION:
            return f"Ask a follow-up question on {scenario.issues[self.issue].label}"
        terms = "; ".join(f"{scenario.issues[i].label}: {scenario.issues[i].options[o].label}"
                          for i, o in self.terms)
        if self.package:
            label = next(p.label for p in scenario.packages if p.id == self.package)
            return f"Propose the package '{label}': {terms}"
        return f"Propose on {terms}"


NO_MESSAGE = Message()
ACCEPT_MESSAGE = Message(ACCEPT)
REJECT_MESSAGE = Message(REJECT)


def message_from_json(data: dict | None, scenario) -> Message:
    """Parse a record's message back into a Message; MessageError if it names unknown things."""
    if data is None:
        return NO_MESSAGE
    if not isinstance(data, dict) or data.get("kind") not in KINDS:
        raise MessageError(f"not a message: {data!r}")
    kind = data["kind"]
    issues = {i.id: i for i in scenario.issues}
    if kind == QUESTION:
        issue = issues.get(data["issue"]) if isinstance(data.get("issue"), str) else None
        if issue is None:
            raise MessageError(f"question about unknown issue {data.get('issue')!r}")
        return Message(QUESTION, issue=issue.index)
    if kind == PROPOSE:
        terms = []
        raw = data.get("terms")
        if not isinstance(raw, dict) or not raw:
            raise MessageError("a proposal needs terms")
        for issue_id, option_id in raw.items():
            issue = issues.get(issue_id) if isinstance(issue_id, str) and isinstance(option_id, str) else None
            option = next((o for o in issue.options if o.id == option_id), None) if issue else None
            if option is None:
                raise MessageError(f"proposal names unknown {issue_id!r} = {option_id!r}")
            terms.append((issue.index, option.index))
        return Message(PROPOSE, terms=tuple(sorted(terms)), package=data.get("package"))
    return Message(kind)


def side_messages(scenario, side: int) -> tuple[Message, ...]:
    """Every message `side` could send with no issue settled and nothing on the table."""
    out = [NO_MESSAGE]
    out += [Message(PROPOSE, package=p.id, terms=p.terms) for p in scenario.packages
            if p.side is None or p.side == side]
    out += [Message(PROPOSE, terms=((issue.index, opt.index),))
            for issue in scenario.issues for opt in issue.options]
    out += [Message(QUESTION, issue=issue.index) for issue in scenario.issues]
    return tuple(out)


def open_messages(base: tuple[Message, ...], settled: frozenset[int]) -> tuple[Message, ...]:
    """`base` without proposals touching an issue already settled by an agreement."""
    if not settled:
        return base
    return tuple(m for m in base
                 if not (m.kind == PROPOSE and any(i in settled for i, _ in m.terms))
                 and not (m.kind == QUESTION and m.issue in settled))

"""Negotiation: proposals, answers, follow-up questions, agreements and commitments.

A side sends at most one message a turn beside its action. Messages are delivered after both
choices are in: an `accept` or `reject` answers the proposal the other side had on the table at
the start of the turn; the same proposal sent by both sides at once is an agreement; a new
proposal replaces the sender's own pending one and sets the other side's aside (a counter).
Every proposal that leaves the table without an answer is announced as lapsed, with why.
An agreed option with commitments binds its sides; a breach closes its issue for good.

Pure rules over a `Talks` value (the negotiation part of a game's state); the game applies the
effects they call for through its one effect path. Facts (never sentences) go to `facts`.
"""
from __future__ import annotations

from game.scenario.moves import (ACCEPT, ACCEPT_MESSAGE, KINDS, NO_MESSAGE, NONE, PROPOSE, QUESTION,  # noqa: F401
                                 REJECT, REJECT_MESSAGE, Message, MessageError, open_messages, terms_json)


class Talks:
    """The state of the negotiation in one game (cloned with the game)."""

    __slots__ = ("pending", "agreed", "broken", "settled", "commitments", "breached", "answers")

    def __init__(self):
        self.pending: list[Message | None] = [None, None]   # proposal BY side i awaiting an answer
        self.agreed: dict[int, int] = {}                    # issue -> option agreed
        self.broken: frozenset[int] = frozenset()           # issues closed by a breach
        self.settled: frozenset[int] = frozenset()          # agreed or broken: off the table
        self.commitments: list[tuple[int, int]] = []        # active (issue, option) with commitments
        self.breached: list[tuple[int, int]] = []
        self.answers: list[set[int]] = [set(), set()]       # issues each side asked about

    def clone(self) -> "Talks":
        new = Talks.__new__(Talks)
        new.pending = list(self.pending)
        new.agreed = dict(self.agreed)
        new.broken, new.settled = self.broken, self.settled
        new.commitments = list(self.commitments)
        new.breached = list(self.breached)
        new.answers = [set(self.answers[0]), set(self.answers[1])]
        return new

    def _resettle(self) -> None:
        self.settled = frozenset(self.agreed) | self.broken


def proposal_fact(kind: str, side: str, message: Message, scenario, **extra) -> dict:
    return {"kind": kind, "side": side, "terms": terms_json(scenario, message.terms),
            "package": message.package, **extra}


def deliver(talks: Talks, scenario, messages: tuple[Message, Message], facts: list | None) -> list:
    """Deliver both sides' messages; returns the options agreed this turn (in issue order).

    Answers first (to what was on the table when the turn began), with identical crossing
    proposals counted as mutual acceptance; then stale proposals lapse; then new proposals
    and questions are tabled. Acceptances take effect together: where they name different
    options for one issue, neither is agreed, so the order of sides never matters."""
    sides = scenario.sides
    pending = talks.pending
    on_table = (pending[0], pending[1])
    kinds = (messages[0].kind, messages[1].kind)
    accepted: list[Message] = []
    if facts is not None or ACCEPT in kinds or REJECT in kinds:   # off the log, only answers act here
        for side, msg in enumerate(messages):
            if msg.kind == ACCEPT or msg.kind == REJECT:
                proposal = on_table[1 - side]
                pending[1 - side] = None
                if msg.kind == ACCEPT:
                    accepted.append(proposal)
                if facts is not None:
                    facts.append(proposal_fact(msg.kind, sides[side], proposal, scenario))
            elif msg.kind == PROPOSE and facts is not None:
                facts.append(proposal_fact("proposal", sides[side], msg, scenario, counter=on_table[1 - side] is not None))
    crossing = kinds[0] == PROPOSE and kinds[1] == PROPOSE and messages[0].terms == messages[1].terms
    if crossing:   # both tabled the same terms at once: each accepts the other's
        accepted.append(messages[0])
    agreed = _agree(talks, scenario, accepted, facts) if accepted else []
    if PROPOSE in kinds or QUESTION in kinds:
        for side, msg in enumerate(messages):
            if msg.kind == PROPOSE:
                # a new proposal replaces the sender's own and sets theirs aside, if still on the table
                other = 1 - side
                if facts is None:   # off the log a lapse is only the removal
                    if pending[side] is on_table[side]:
                        pending[side] = None
                    if pending[other] is on_table[other]:
                        pending[other] = None
                else:
                    if pending[side] is not None and pending[side] is on_table[side]:
                        _lapse(talks, scenario, side, "replaced", facts)
                    if pending[other] is not None and pending[other] is on_table[other]:
                        _lapse(talks, scenario, other, "countered", facts)
                if not crossing:
                    pending[side] = msg
            elif msg.kind == QUESTION:
                talks.answers[side].add(msg.issue)
                if facts is not None:
                    facts.append({"kind": "question", "side": sides[side], "issue": scenario.issues[msg.issue].id})
    if talks.settled:
        drop_stale(talks, scenario, facts)
    return agreed


def _lapse(talks: Talks, scenario, side: int, reason: str, facts: list | None) -> None:
    proposal = talks.pending[side]
    talks.pending[side] = None
    if facts is not None:
        facts.append(proposal_fact("lapsed", scenario.sides[side], proposal, scenario, reason=reason))


def drop_stale(talks: Talks, scenario, facts: list | None) -> None:
    """A proposal is out of date once one of its issues is settled: it lapses, announced."""
    settled = talks.settled
    if not settled:
        return
    for side, proposal in enumerate(talks.pending):
        if proposal is not None:
            for issue, _ in proposal.terms:
                if issue in settled:
                    _lapse(talks, scenario, side, "overtaken", facts)
                    break


def _agree(talks: Talks, scenario, proposals: list[Message], facts: list | None) -> list:
    """Agree the terms of the accepted proposals, all at once; conflicting terms fall away."""
    terms: dict[int, set[int]] = {}
    for proposal in proposals:
        for issue, option in proposal.terms:
            if issue not in talks.settled:
                terms.setdefault(issue, set()).add(option)
    agreed = []
    for issue in sorted(terms):
        options = terms[issue]
        if len(options) > 1:
            if facts is not None:
                facts.append({"kind": "conflict", "issue": scenario.issues[issue].id})
            continue
        opt = scenario.issues[issue].options[options.pop()]
        talks.agreed[issue] = opt.index
        if opt.commitments:
            talks.commitments.append((issue, opt.index))
        agreed.append(opt)
        if facts is not None:
            facts.append({"kind": "agreement", "issue": scenario.issues[issue].id, "option": opt.id})
    talks._resettle()
    return agreed


def check_commitments(talks: Talks, scenario, v: list, facts: list | None) -> list:
    """Commitments whose breach condition holds are breached: returns their (issue, option, commitment).

    A breached issue is closed for the rest of the game (it cannot be signed again, so the same
    deal cannot be made and broken over and over), and proposals on it lapse."""
    breaches, still = [], []
    for issue, option in talks.commitments:
        # an option may bind both sides: the first of its commitments that fails breaks the deal
        c = next((c for c in scenario.issues[issue].options[option].commitments if c.breach_if(v)), None)
        if c is not None:
            talks.breached.append((issue, option))
            del talks.agreed[issue]
            talks.broken = talks.broken | {issue}
            breaches.append((issue, option, c))
            if facts is not None:
                facts.append({"kind": "breach", "side": scenario.sides[c.side], "issue": scenario.issues[issue].id,
                              "option": scenario.issues[issue].options[option].id})
        else:
            still.append((issue, option))
    if breaches:
        talks.commitments = still
        talks._resettle()
        drop_stale(talks, scenario, facts)
    return breaches


def message_from_json(data: dict | None, scenario) -> Message:
    """Parse a record's message into its content (match it against the legal ones by `key`)."""
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
        package = data.get("package")
        if package is not None and not isinstance(package, str):
            raise MessageError(f"a package is named by its id, not {package!r}")
        return Message(PROPOSE, terms=tuple(sorted(terms)), package=package)
    return Message(kind)

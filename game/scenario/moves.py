"""Each side's moves and messages with stable numbers, fixed for the whole game.

A side's `MoveSpace` lists every action it has (file order, then the built-in `pass`) and every
negotiation message it could ever send, in this order:

    0 no message · 1 accept their proposal · 2 reject it · the packages the side may table ·
    every single-option proposal (issue by issue, option by option) · a follow-up question per issue

`Action.index` and `Message.index` are positions in these tuples, so menus keep their keys all
game and reinforcement-learning agents get `Discrete` spaces with a legal mask. A proposal sent
while the other side's proposal is on the table is a counter-proposal: the same message.
Built once when a scenario is compiled; values only, shared by every game.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.errors import HotlineError

NONE, PROPOSE, ACCEPT, REJECT, QUESTION = "none", "propose", "accept", "reject", "question"
KINDS = (NONE, PROPOSE, ACCEPT, REJECT, QUESTION)
PASS_ID = "pass"


class MessageError(HotlineError, ValueError):
    """A message that names no issue, option or package of the scenario, or is malformed."""


@dataclass(frozen=True, eq=False, slots=True)
class Message:
    """One negotiation move. `terms` are (issue index, option index) pairs, sorted by issue.

    Compared by identity, like actions: a legal choice is one of the objects offered, which
    keeps legality checks to a pointer comparison. `key` compares content; `index` is the
    message's stable number in its side's MoveSpace (the same for both sides for none,
    accept and reject).
    """

    kind: str = NONE
    terms: tuple[tuple[int, int], ...] = ()
    package: str | None = None
    issue: int | None = None
    index: int = 0

    @property
    def key(self) -> tuple:
        return (self.kind, self.terms, self.package, self.issue)

    @property
    def issues(self) -> tuple[int, ...]:
        """The issues this message is about (its terms, or the question's issue)."""
        if self.kind == QUESTION:
            return (self.issue,)
        return tuple(i for i, _ in self.terms)

    def to_json(self, scenario) -> dict | None:
        if self.kind == NONE:
            return None
        out: dict = {"kind": self.kind}
        if self.kind == PROPOSE:
            if self.package:
                out["package"] = self.package
            out["terms"] = terms_json(scenario, self.terms)
        elif self.kind == QUESTION:
            out["issue"] = scenario.issues[self.issue].id
        return out

    def describe(self, scenario) -> str:
        """A plain identifying line (for error messages; front ends word messages in game.present)."""
        if self.kind in (NONE, ACCEPT, REJECT):
            return self.kind
        if self.kind == QUESTION:
            return f"question on {scenario.issues[self.issue].id}"
        terms = ", ".join(f"{k}={v}" for k, v in terms_json(scenario, self.terms).items())
        return f"propose {self.package + ': ' if self.package else ''}{terms}"

    def __repr__(self) -> str:
        return f"<Message {self.index} {self.kind}{' ' + str(self.terms) if self.terms else ''}" \
               f"{' q' + str(self.issue) if self.issue is not None else ''}>"


NO_MESSAGE = Message(NONE, index=0)
ACCEPT_MESSAGE = Message(ACCEPT, index=1)
REJECT_MESSAGE = Message(REJECT, index=2)


def terms_json(scenario, terms) -> dict[str, str]:
    """(issue index, option index) pairs as {issue id: option id}."""
    return {scenario.issues[i].id: scenario.issues[i].options[o].id for i, o in terms}


@dataclass(frozen=True, eq=False, slots=True)
class MoveSpace:
    """Every move and message of one side, numbered once for the whole game."""

    side: int
    actions: tuple          # every Action of the side in file order, then `pass`
    messages: tuple         # NO_MESSAGE, ACCEPT_MESSAGE, REJECT_MESSAGE, packages, proposals, questions

    @property
    def size(self) -> int:
        """Length of the flat legal mask: actions, then messages."""
        return len(self.actions) + len(self.messages)


def open_messages(base: tuple[Message, ...], settled: frozenset[int]) -> tuple[Message, ...]:
    """`base` without proposals or questions touching an issue already settled."""
    if not settled:
        return base
    return tuple(m for m in base if not (m.kind in (PROPOSE, QUESTION) and not settled.isdisjoint(m.issues)))


def legal_messages(space: MoveSpace, settled: frozenset[int], answering: bool) -> tuple[Message, ...]:
    """The messages a side may send with these issues settled, and a proposal of theirs to answer or not."""
    messages = space.messages if answering else (space.messages[0],) + space.messages[3:]
    return open_messages(messages, settled)


#: Messages filtered while building a message table at most: past it (hundreds of issues,
#: whose pairs alone cost minutes) fewer settled sets are tabled and games fill their own cache.
MAX_TABLE_WORK = 2_000_000


def message_table(spaces, n_issues: int, depth: int = 2) -> dict:
    """(side, settled issues, answering?) -> (legal messages, the same as a set), for every set of
    at most `depth` settled issues: built once per scenario, so most games never filter a menu."""
    from itertools import combinations
    from math import comb

    table = {}
    for space in spaces:
        work = 0
        for size in range(min(depth, n_issues) + 1):
            work += 2 * comb(n_issues, size) * len(space.messages)
            if size and work > MAX_TABLE_WORK:
                break
            for settled in map(frozenset, combinations(range(n_issues), size)):
                for answering in (False, True):
                    messages = legal_messages(space, settled, answering)
                    table[space.side, settled, answering] = (messages, frozenset(messages))
    return table


def side_messages(issues, packages, side: int) -> tuple[Message, ...]:
    """Every message `side` could ever send, numbered in MoveSpace order."""
    out = [NO_MESSAGE, ACCEPT_MESSAGE, REJECT_MESSAGE]
    specs = [(PROPOSE, p.terms, p.id, None) for p in packages if p.side is None or p.side == side]
    specs += [(PROPOSE, ((issue.index, opt.index),), None, None) for issue in issues for opt in issue.options]
    specs += [(QUESTION, (), None, issue.index) for issue in issues]
    out += [Message(kind, terms, package, issue, index=len(out) + k)
            for k, (kind, terms, package, issue) in enumerate(specs)]
    return tuple(out)

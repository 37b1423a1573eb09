"""The turn's menus with stable keys: a move keeps its number all game (its place in the side's
MoveSpace), so "Accept" is always 1 and "Hold position" always 1 of the actions. Pure: returns lines.

Actions are keyed 1.. (MoveSpace index + 1); messages by their MoveSpace index (0 = none,
1 accept, 2 reject, then packages, proposals, questions). Only what is open now is shown.
"""
from __future__ import annotations

from itertools import groupby

from game.cli.text.console import ranges
from game.cli.text.layout import cut, flow, wrap
from game.cli.text.strings import TEXT
from game.present import Presenter, signed

T = TEXT
#: an option's label in the message menu is cut at a word to this length ('i N' shows it whole)
OPTION_WIDTH = 26


def say(key: str, /, **fields) -> str:
    return T[key].format(**fields)


def action_key(action) -> int:
    return action.index + 1


def action_menu(p: Presenter, legal, width: int) -> list[str]:
    """The open actions grouped by kind, one line each: '  3 Deliver the written response (de-escalation -2)'."""
    lines = [""] + wrap(T["moves_heading"], width)
    order = {kind: n for n, kind in enumerate(("diplomatic", "informational", "military", "economic"))}
    actions = sorted(legal.actions, key=lambda a: (order.get(a.kind, 9), a.index))
    pad = max((len(p.kind(a.kind)) for a in actions), default=0) + 2
    for kind, group in groupby(actions, key=lambda a: a.kind):
        heading = p.kind(kind)
        for n, action in enumerate(group):
            lead = f"  {heading if n == 0 else '':<{pad}}"
            text = say("move_line", key=action_key(action), label=p.action(action), tag=p.action_tag(action))
            first = len(text) - len(text.lstrip())
            lines += wrap(text, width, lead + " " * first, " " * (len(lead) + 4))
    return lines


def message_menu(p: Presenter, obs, legal, width: int, full: bool = True) -> list[str]:
    """Answer first (accept, reject, counter), then proposals with what each is worth to you,
    then follow-up questions; 0 is no message. Not `full`: the answer, then the keys of the
    proposals and questions in one line (their numbers do not change; 'm' lists them again)."""
    other = p.side(p.other(obs.side))
    messages = {m.kind: [] for m in legal.messages}
    for m in legal.messages:
        messages[m.kind].append(m)
    lines = [""] + wrap(say("message_heading", side=other), width)
    theirs = obs.their_proposal
    if theirs is not None and ("accept" in messages or "reject" in messages):
        what = f"'{p.package(theirs.package)}'" if theirs.package else p.terms(theirs.terms)
        lines += wrap(say("answer_heading", side=other, terms=what, worth=signed(p.worth(theirs.terms, obs.side))),
                      width, "  ", "    ")
        answers = [say("key_item", key=m.index, label=p.message(m)) for kind in ("accept", "reject")
                   for m in messages.get(kind, ())]
        lines += wrap(say("answer_line", accept=answers[0], reject=answers[-1]) if len(answers) == 2
                      else "  ·  ".join(answers), width, "    ", "    ")
    proposals = messages.get("propose", [])
    if not full:
        parts = []
        if proposals:
            packages = [m.index for m in proposals if m.package]
            singles = [m.index for m in proposals if not m.package]
            parts.append(say("compact_propose" if theirs is None else "compact_counter",
                             packages=ranges(packages) or "-", terms=ranges(singles) or "-"))
        if messages.get("question"):
            parts.append(say("compact_ask", keys=ranges([m.index for m in messages["question"]])))
        lines += wrap(" · ".join(parts) + T["compact_more"], width, "  ", "    ")
        return lines
    if proposals:
        lines += wrap(T["counter_heading"] if theirs is not None else T["propose_heading"], width, "", "  ")
        packages = [m for m in proposals if m.package]
        if packages:
            lines += flow([say("worth_item", key=m.index, label=p.package(m.package),
                               worth=signed(p.worth(m.terms, obs.side))) for m in packages], width,
                          "    ", "  ·  ")
        singles = [m for m in proposals if not m.package]
        for issue, group in groupby(singles, key=lambda m: m.terms[0][0]):
            items = [say("worth_item", key=m.index, label=cut(p.short_option(issue, m.terms[0][1]), OPTION_WIDTH),
                         worth=signed(p.worth(m.terms, obs.side))) for m in group]
            lines += flow([f"{p.issue(issue)}:"] + items, width, "    ", "  ", hanging="        ")
    questions = messages.get("question", [])
    if questions:
        lines += wrap(T["ask_heading"], width, "", "  ")
        lines += flow([say("key_item", key=m.index, label=p.issue(m.issue)) for m in questions], width,
                      "    ", "  ·  ")
    lines.append("  " + T["no_message"])
    return lines


# ---------------------------------------------------------------------------- details on request

def action_info(p: Presenter, action, width: int, open_now: bool = True) -> list[str]:
    """'i N' on a move: its label, kind and ladder step, what it does, and where it comes from."""
    spec = action.spec
    lines = [""] + wrap(f"{action_key(action)} {p.action(action)}", width)
    lines += wrap(say("info_tag", kind=p.kind(action.kind), tag=p.action_tag(action)), width, "   ", "   ")
    lines += wrap(spec.text, width, "   ", "   ")
    origin = p.action_origin(action.side, action.id)
    if p.move_origin(origin):
        lines += wrap(say("info_origin", origin=p.move_origin(origin)), width, "   ", "   ")
    if origin.quote:
        lines += wrap(p.quote(origin), width, "   ", "   ")
    if not open_now:
        lines += ["   " + T["info_not_open"]]
    return lines


def message_info(p: Presenter, message, side: str, width: int) -> list[str]:
    """'i N' on a message: every term with what it is worth to you and what it means."""
    lines = [""] + wrap(f"{message.index} {p.message(message)}", width)
    if message.package:
        spec = p.package_spec(message.package)
        if spec is not None and spec.text:
            lines += wrap(spec.text, width, "   ", "   ")
    for issue, option in message.terms:
        worth = signed(p.worth(((issue, option),), side))
        lines += wrap(say("info_option", issue=p.issue(issue), option=p.option(issue, option), worth=worth),
                      width, "  ", "    ")
        spec = p.option_spec(issue, option)
        if spec is not None and spec.text:
            lines += wrap(spec.text, width, "      ", "      ")
    if message.kind == "question":
        issue = p.issue_spec(message.issue)
        if issue is not None and issue.text:
            lines += wrap(issue.text, width, "   ", "   ")
    if len(message.terms) > 1:
        lines += wrap(say("info_total", worth=signed(p.worth(message.terms, side))), width, "  ", "    ")
    return lines


def full_menu_command(answer: str) -> bool:
    return answer.strip().lower() in ("m", "menu")


def help_lines(width: int) -> list[str]:
    out = [""]
    for line in T["help"]:
        indent = line[:len(line) - len(line.lstrip())]
        out += wrap(line, width, indent, indent + "  ")
    return out

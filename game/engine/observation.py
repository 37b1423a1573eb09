"""What one side can see at the start of a turn: never the other side's pending choice.

Public variables and the side's own are exact; the other side's hidden variables come as noisy
intelligence estimates (or not at all). The noise is drawn from a stream keyed by (game seed,
turn, side), so looking or not looking at an observation never changes the game itself.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from game.engine.negotiation import Message
from game.engine.rng import INTEL_STREAM, keyed_random


@dataclass(frozen=True)
class Observation:
    side: str
    turn: int
    max_turns: int
    date: dt.date
    phase: str
    variables: dict[str, float]           # exact values this side sees
    estimates: dict[str, float]           # intelligence estimates of the other side's hidden values
    their_proposal: Message | None        # on the table for this side to answer
    our_proposal: Message | None          # ours, awaiting their answer
    agreed: dict[str, str]                # issue id -> option id
    commitments: tuple[str, ...]          # "issue.option" in force
    answers: dict[str, list[str]]         # issue id -> the other side's options, most preferred first
    escalation: dict[str, float]          # running totals: ours, and the other's public moves only
    news: tuple[dict, ...] = field(default=())   # last turn's news this side can see


def observe(game, side: int) -> Observation:
    """Build side `side`'s observation of `game`."""
    sc = game.scenario
    other = 1 - side
    visible = sc.visible[side]
    exact = {name: game.v[i] for i, name in enumerate(sc.var_ids) if visible[i]}
    hidden = [i for i, name in enumerate(sc.var_ids) if not visible[i] and sc.noise[i] is not None]
    estimates = {}
    if hidden:
        rng = keyed_random(game.seeds[INTEL_STREAM], game.turn, side)
        for i in hidden:
            x = game.v[i] + rng.gauss(0.0, sc.noise[i])
            estimates[sc.var_ids[i]] = round(min(max(x, sc.lo[i]), sc.hi[i]), 1)
    answers = {}
    for issue_index in sorted(game.answers[side]):
        issue = sc.issues[issue_index]
        ranked = sorted(issue.options, key=lambda o: (-o.value[other], o.index))
        answers[issue.id] = [o.id for o in ranked]
    news = tuple(n for n in game.last_news
                 if n.get("type") != "action" or n.get("public", True) or n.get("side") == sc.sides[side])
    return Observation(
        side=sc.sides[side], turn=game.turn, max_turns=sc.max_turns, date=sc.turn_date(game.turn),
        phase=game.phase_id, variables=exact, estimates=estimates,
        their_proposal=game.pending[other], our_proposal=game.pending[side],
        agreed={sc.issues[i].id: sc.issues[i].options[o].id for i, o in sorted(game.agreed.items())},
        commitments=tuple(f"{sc.issues[i].id}.{sc.issues[i].options[o].id}" for i, o in game.commitments),
        answers=answers, news=news,
        escalation={sc.sides[side]: game.escalation[side], sc.sides[other]: game.public_escalation[other]})

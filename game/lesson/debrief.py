"""The debrief of one game, read from its record: what the players did at the key moments, how their
escalation compares with the historical line and the computer players, which agreements held or
broke and why, the scores in words, the game's timeline beside the real one, and the scenario's
discussion questions that fit this game.

`analyse(scenario, record)` replays the record (so it is checked against the scenario) and returns
a `Debrief` of plain words and numbers; `game.lesson.report` prints it as HTML, the terminal as
text. Two games that differ give debriefs that differ exactly where they did.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from game.engine.record import replay_game
from game.lesson.reference import Reference
from game.present import Presenter, signed
from game.scenario.expr import compile_condition

#: a move this far up the ladder or more is a key moment (non-violent escalation and worse)
ESCALATION_MOMENT = 12
#: totals closer than this are "about the same"
CLOSE = 4.0


@dataclass(frozen=True)
class Moment:
    turn: int
    days: str
    kind: str        # opening, escalation, step_back, question, proposal, rejected, agreement, breach, phase, history, outcome
    text: str


@dataclass(frozen=True)
class Deal:
    issue: str
    option: str
    text: str            # "Sanctions: No new sanctions while the deal holds"
    turn: int
    proposer: str | None
    status: str          # held, broken
    why: str             # for a broken deal: whose commitment, what broke it, what moved
    broken_turn: int | None = None


@dataclass(frozen=True)
class ScoreWords:
    side: str
    name: str
    total: float
    ending: float
    deals: float
    text: str


@dataclass
class Debrief:
    scenario_id: str
    title: str
    seed: int
    players: dict[str, str]
    outcome_id: str | None
    outcome: str
    outcome_origin: str
    debrief: str
    notes: list[str]
    turns: int
    days: str                                   # "1 February – 24 February 2022"
    sides: list[str]
    names: dict[str, str]
    escalation: dict[str, list[float]]          # side -> running total after each turn
    moments: list[Moment] = field(default_factory=list)
    comparison: list[str] = field(default_factory=list)
    deals: list[Deal] = field(default_factory=list)
    scores: list[ScoreWords] = field(default_factory=list)
    scale: str = ""
    questions: list[tuple[str, str]] = field(default_factory=list)     # (topic, text)
    timeline: list = field(default_factory=list)                       # present TimelineRows
    reference: Reference | None = None
    marks: list[tuple[int, str]] = field(default_factory=list)          # (turn, '21 Feb') of the marked real dates


def analyse(scenario, record: dict, reference: Reference | None = None) -> Debrief:
    """The debrief of the game in `record` (RecordError if it does not replay on `scenario`).
    `reference`: the comparison lines (game.lesson.reference.reference(scenario)); None skips them."""
    game = replay_game(record, scenario)
    p = Presenter(scenario)                          # a neutral reader: after the game, both sides' moves
    sides = list(scenario.sides)
    names = {s: p.side(s) for s in sides}
    turns = game.turns
    played = len(game.choices)
    escalation = {side: [] for side in sides}
    for pair in game.choices:
        for s, side in enumerate(sides):
            last = escalation[side][-1] if escalation[side] else 0.0
            escalation[side].append(last + pair[s].action.escalation)
    outcome = game.outcome
    first, last = scenario.turn_date(1), p.turn_days(max(played, 1))[1]
    d = Debrief(
        scenario_id=scenario.id, title=scenario.model.title, seed=game.seed,
        players={side: str((record.get("agents") or {}).get(side, "?")) for side in sides},
        outcome_id=outcome.id if outcome else None,
        outcome=outcome.spec.label if outcome else "no ending yet (the record stops before the end)",
        outcome_origin=p.origin(p.outcome_origin(outcome.id)) if outcome else "",
        debrief=" ".join(outcome.spec.debrief.split()) if outcome else "",
        notes=[" ".join(text.split()) for when, text in (outcome.notes if outcome else ()) if when(game.v)],
        turns=played, days=p.t("span", first=p.date(first), last=p.date(last)), sides=sides, names=names,
        escalation=escalation, reference=reference,
        marks=[(h.turn, p.short_date(h.date)) for h in p.history() if h.mark and h.turn],
    )
    d.moments = _moments(p, scenario, game)
    d.comparison = _comparison(p, d, reference)
    d.deals = _deals(p, scenario, game)
    d.scores, d.scale = _scores(p, scenario, game)
    d.questions = _questions(scenario, game)
    d.timeline = p.timeline_rows(turns)
    return d


# ---------------------------------------------------------------------------- key moments

def _label(p, side, action_id) -> str:
    spec = p.action_spec(side, action_id)
    return spec.label if spec is not None else p.t("action.pass")


def _moments(p: Presenter, scenario, game) -> list[Moment]:
    out: list[Moment] = []
    seen: set = set()
    sides = scenario.sides

    def add(turn, kind, text, key=None):
        if key is not None:
            if key in seen:
                return
            seen.add(key)
        out.append(Moment(turn, p.turn_span(turn), kind, text))

    marks = {}
    for h in p.history():
        if h.mark and h.turn:
            marks.setdefault(h.turn, []).append(h)
    for record in game.turns:
        turn = record["turn"]
        choices = record["choices"]
        moves = {side: choices[side]["action"] for side in sides}
        if turn == 1:
            add(turn, "opening", "The opening moves: " + "; ".join(
                f"{p.side(s)}: ‘{_label(p, s, moves[s])}’" for s in sides) + ".")
        for s, side in enumerate(sides):
            action = next((a for a in (*scenario.actions[s], scenario.pass_actions[s]) if a.id == moves[side]), None)
            if action is None or turn == 1:
                continue
            if action.escalation >= ESCALATION_MOMENT:
                add(turn, "escalation", f"{p.side(side)} escalated: ‘{action.label}’ ({p.action_tag(action)}).",
                    key=("esc", side, action.id))
            elif action.category == "de_escalation":
                add(turn, "step_back", f"{p.side(side)}'s first step back: ‘{action.label}’.", key=("back", side))
        for fact in record.get("news", ()):
            kind = fact.get("kind")
            if kind == "question":
                add(turn, "question", f"{p.side(fact['side'])} asked a follow-up question on "
                                      f"{p.issue(fact['issue'])} instead of proposing.", key=("q", fact["side"]))
            elif kind == "proposal" and fact.get("package"):
                add(turn, "proposal", f"{p.side(fact['side'])} tabled ‘{p.package(fact['package'])}’.",
                    key=("pkg", fact["package"]))
            elif kind == "reject" and fact.get("package"):
                add(turn, "rejected", f"{p.side(fact['side'])} rejected ‘{p.package(fact['package'])}’.",
                    key=("rej", fact["package"]))
            elif kind == "agreement":
                add(turn, "agreement", f"Agreed — {p.issue(fact['issue'])}: {p.option(fact['issue'], fact['option'])}.")
            elif kind == "breach":
                line = p.news(fact)
                add(turn, "breach", f"{p.side(fact['side'])} broke a commitment: {line.text if line else ''}.")
            elif kind == "phase":
                add(turn, "phase", p.news(fact).text + ".", key=("phase", fact.get("id")))
        for h in marks.get(turn, ()):
            here = "; ".join(f"{p.side(s)} played ‘{_label(p, s, moves[s])}’" for s in sides)
            add(turn, "history", f"This turn reached {p.date(h.date)}. In reality: {h.headline}. "
                                 f"In this game: {here}.")
    if game.outcome is not None:
        turn = len(game.choices)
        add(turn, "outcome", f"The game ended: {game.outcome.spec.label}.")
    keep = {"opening", "agreement", "breach", "history", "outcome", "escalation"}
    if len(out) > 16:   # trim the minor moments of a long game, keeping order
        minor = [m for m in out if m.kind not in keep]
        drop = set(map(id, minor[max(0, 16 - (len(out) - len(minor))):]))
        out = [m for m in out if id(m) not in drop]
    return out


# ---------------------------------------------------------------------------- escalation compared

def _at(series, turn: int):
    """The value of a running series after `turn` (1-based), or its last value with the turn it ends at."""
    if not series:
        return None, 0
    if turn <= len(series):
        return series[turn - 1], turn
    return series[-1], len(series)


def _compare(mine: float, other: float) -> str:
    if abs(mine - other) < CLOSE:
        return "about the same as"
    return "higher than" if mine > other else "lower than"


def _comparison(p: Presenter, d: Debrief, ref: Reference | None) -> list[str]:
    out = []
    t = d.turns
    if t == 0:
        return ["No turn was played."]
    for side in d.sides:
        name, mine = d.names[side], d.escalation[side][-1]
        steps = [b - a for a, b in zip([0.0] + d.escalation[side][:-1], d.escalation[side])]
        peak = max(range(len(steps)), key=lambda k: steps[k])
        biggest = (f"its biggest step: {signed(steps[peak])} on turn {peak + 1}" if steps[peak] > 0
                   else "it never took a step up the ladder")
        text = f"{name}'s escalation total after {t} turn{'s' if t != 1 else ''} was {signed(mine)} ({biggest})."
        if ref is not None and ref.historical is not None:
            hist, at = _at(ref.historical[side], t)
            if at == t:
                text += f" The historical line stood at {signed(hist)} by then: {name} was {_compare(mine, hist)} history."
            else:
                text += (f" The historical line reached {signed(hist)} by turn {at}, when it ended in "
                         f"‘{p.outcome(ref.historical_outcome)}’: {name} was {_compare(mine, hist)} history.")
        if ref is not None and ref.low.get(side):
            low, at = _at(ref.low[side], t)
            high, _ = _at(ref.high[side], t)
            if mine > high + 1e-9:
                where = "above the computer players' usual range"
            elif mine < low - 1e-9:
                where = "below the computer players' usual range"
            else:
                where = "inside the computer players' usual range"
            text += f" That is {where} ({signed(low)} to {signed(high)} by turn {at}, over {ref.games} games)."
        out.append(text)
    return out


# ---------------------------------------------------------------------------- agreements

def _words_of(p: Presenter, condition: str) -> str:
    """A condition with variable labels instead of ids: 'Russian troops near Ukraine >= 95 or …'."""
    ids = sorted(p.scenario.var_ids, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, ids)) + r")\b")
    return pattern.sub(lambda m: p.variable(m.group(1)), " ".join(condition.split()))


def _deals(p: Presenter, scenario, game) -> list[Deal]:
    made: dict[str, tuple[int, str, str | None]] = {}
    broken: dict[str, tuple[int, str, dict]] = {}
    for record in game.turns:
        accepters = [f for f in record.get("news", ()) if f.get("kind") == "accept"]
        for fact in record.get("news", ()):
            if fact.get("kind") == "agreement":
                by = next((a.get("side") for a in accepters if fact["issue"] in (a.get("terms") or {})), None)
                made[fact["issue"]] = (record["turn"], fact["option"], p.other(by) if by else None)
            elif fact.get("kind") == "breach":
                broken[fact["issue"]] = (record["turn"], fact.get("side"), record)
    out = []
    for issue, (turn, option, proposer) in made.items():
        text = f"{p.issue(issue)}: {p.option(issue, option)}"
        if issue in broken:
            bturn, side, record = broken[issue]
            spec = p.option_spec(issue, option)
            bound = ([spec.commitment] if spec.commitment else []) + list(spec.commitments)
            commitment = next((c for c in bound if c.by == side), None)
            why = f"{p.side(side)} broke it on turn {bturn}"
            if commitment is not None:
                why += f": the deal bound {p.side(side)} to keep ‘{_words_of(p, commitment.breach_if)}’ from happening"
                names = set(re.findall(r"[a-z_][a-z0-9_]*", commitment.breach_if))
                moved = [c for c in p.changes({k: v for k, v in record.get("changes", {}).items() if k in names})]
                if moved:
                    why += ", and " + "; ".join(f"{c.text} ({c.because})" if c.because else c.text for c in moved)
                if commitment.headline:
                    why += f". The news: “{commitment.headline}”"
            out.append(Deal(issue, option, text, turn, proposer, "broken", why + ".", bturn))
        else:
            out.append(Deal(issue, option, text, turn, proposer, "held",
                            "It was still in force at the end, so its value counts in both scores."))
    return sorted(out, key=lambda deal: deal.turn)


# ---------------------------------------------------------------------------- scores

def _band(scenario, s: int, score: float) -> str:
    """Where a score sits among the side's possible ending scores (read in the initial state)."""
    scores = sorted(o.score[s] for o in scenario.outcomes)
    if score >= scores[-1]:
        return "as good as this scenario gets for it"
    if score <= scores[0]:
        return "its worst case"
    if score >= 15:
        return "a clear gain"
    if score > 2:
        return "a modest gain"
    if score >= -2:
        return "about even: the crisis ended roughly where it began for it"
    if score > -15:
        return "a modest loss"
    return "a heavy loss"


def _scores(p: Presenter, scenario, game) -> tuple[list[ScoreWords], str]:
    model = scenario.model
    outcome = game.outcome
    totals = game.scores()
    ending = outcome.score_at(game.v) if outcome is not None else (0.0, 0.0)
    initial = {v: model.variables[v].initial for v in scenario.var_ids}
    final = game.variables()
    kept = [(i, o) for i, o in sorted(game.agreed.items())]
    out = []
    for s, side in enumerate(scenario.sides):
        name = p.side(side)
        deals = sum(scenario.issues[i].options[o].value[s] for i, o in kept)
        if outcome is None:
            text = f"{name}: {signed(totals[s])} — the game has not ended, so only agreements count."
        else:
            raw = outcome.spec.score[side]
            text = f"{name} scored {signed(totals[s])}: the ending ‘{outcome.spec.label}’ is worth {signed(ending[s])} to {name}"
            if isinstance(raw, str):
                used = [v for v in scenario.var_ids if re.search(rf"\b{re.escape(v)}\b", raw)]
                if used:
                    text += " (it depends on " + ", ".join(
                        f"{p.variable(v)}: {p.value(v, final[v])}, {p.value(v, initial[v])} at the start" for v in used) + ")"
            if kept:
                parts = [f"{p.option(i, o)} {signed(scenario.issues[i].options[o].value[s])}" for i, o in kept]
                text += f", and the agreements still in force add {signed(deals)} ({'; '.join(parts)})"
            text += f". For {name} that is {_band(scenario, s, totals[s])}."
        out.append(ScoreWords(side, name, totals[s], ending[s], deals, text))
    scoring = model.scoring
    scale = f"Scores run from {signed(scoring.min)} to {signed(scoring.max)}."
    if scoring.text:
        scale += " " + " ".join(scoring.text.split())
    return out, scale


# ---------------------------------------------------------------------------- questions

def _questions(scenario, game) -> list[tuple[str, str]]:
    out = []
    outcome = game.outcome.id if game.outcome is not None else None
    for q in getattr(scenario.model, "discussion", ()) or ():
        if q.outcomes is not None and outcome not in q.outcomes:
            continue
        if q.when and not compile_condition(q.when, scenario.names)(game.v):
            continue
        out.append((q.topic, " ".join(q.text.split())))
    return out

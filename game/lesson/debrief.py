"""The debrief of one game, read from its record: what the players did at the key moments, how their
escalation compares with the historical line and the computer players, which agreements held or
broke and why, the scores in words, the game's timeline beside the real one, and the scenario's
discussion questions that fit this game.

`analyse(scenario, record)` replays the record (so it is checked against the scenario) and returns
a `Debrief` of plain words and numbers; `game.lesson.report` prints it as HTML, the terminal as
text. Two games that differ give debriefs that differ exactly where they did. Every word it adds to
the scenario's own texts is a template of the presentation's strings table (the `debrief.*` keys of
`game.present.strings`), so a translation of that table translates the debrief too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from game.engine.record import replay_game
from game.lesson.reference import Reference
from game.present import ENGLISH, Presenter, signed
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


def analyse(scenario, record: dict, reference: Reference | None = None, strings=ENGLISH) -> Debrief:
    """The debrief of the game in `record` (RecordError if it does not replay on `scenario`).
    `reference`: the comparison lines (game.lesson.reference.reference(scenario)); None skips them.
    `strings`: the presentation's strings table, in the reader's language."""
    game = replay_game(record, scenario)
    p = Presenter(scenario, strings=strings)         # a neutral reader: after the game, both sides' moves
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
        outcome=outcome.spec.label if outcome else p.t("debrief.no_ending"),
        outcome_origin=p.origin(p.outcome_origin(outcome.id, played)) if outcome else "",
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
            add(turn, "opening", p.t("debrief.opening", moves=p.t("debrief.list").join(
                p.t("debrief.opening_move", side=p.side(s), action=_label(p, s, moves[s])) for s in sides)))
        for s, side in enumerate(sides):
            action = next((a for a in (*scenario.actions[s], scenario.pass_actions[s]) if a.id == moves[side]), None)
            if action is None or turn == 1:
                continue
            if action.escalation >= ESCALATION_MOMENT:
                add(turn, "escalation", p.t("debrief.escalated", side=p.side(side), action=action.label,
                                            tag=p.action_tag(action)), key=("esc", side, action.id))
            elif action.category == "de_escalation":
                add(turn, "step_back", p.t("debrief.step_back", side=p.side(side), action=action.label),
                    key=("back", side))
        for fact in record.get("news", ()):
            kind = fact.get("kind")
            if kind == "question":
                add(turn, "question", p.t("debrief.question", side=p.side(fact["side"]), issue=p.issue(fact["issue"])),
                    key=("q", fact["side"]))
            elif kind == "proposal" and fact.get("package"):
                add(turn, "proposal", p.t("debrief.tabled", side=p.side(fact["side"]), package=p.package(fact["package"])),
                    key=("pkg", fact["package"]))
            elif kind == "reject" and fact.get("package"):
                add(turn, "rejected", p.t("debrief.rejected", side=p.side(fact["side"]),
                                          package=p.package(fact["package"])), key=("rej", fact["package"]))
            elif kind == "agreement":
                add(turn, "agreement", p.t("debrief.agreed", issue=p.issue(fact["issue"]),
                                           option=p.option(fact["issue"], fact["option"])))
            elif kind == "breach":
                line = p.news(fact)
                add(turn, "breach", p.t("debrief.breach", side=p.side(fact["side"]), what=line.text if line else ""))
            elif kind == "phase":
                add(turn, "phase", p.t("debrief.phase", what=p.news(fact).text), key=("phase", fact.get("id")))
        for h in marks.get(turn, ()):
            here = p.t("debrief.list").join(p.t("debrief.history_move", side=p.side(s), action=_label(p, s, moves[s]))
                                            for s in sides)
            add(turn, "history", p.t("debrief.history", date=p.date(h.date), headline=h.headline, moves=here))
    if game.outcome is not None:
        turn = len(game.choices)
        add(turn, "outcome", p.t("debrief.ended", outcome=game.outcome.spec.label))
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
    """The strings key of how `mine` compares with `other`."""
    if abs(mine - other) < CLOSE:
        return "debrief.compare.same"
    return "debrief.compare.higher" if mine > other else "debrief.compare.lower"


def _comparison(p: Presenter, d: Debrief, ref: Reference | None) -> list[str]:
    out = []
    t = d.turns
    if t == 0:
        return [p.t("debrief.no_turns")]
    for side in d.sides:
        name, mine = d.names[side], d.escalation[side][-1]
        steps = [b - a for a, b in zip([0.0] + d.escalation[side][:-1], d.escalation[side])]
        peak = max(range(len(steps)), key=lambda k: steps[k])
        biggest = (p.t("debrief.biggest_step", step=signed(steps[peak]), turn=peak + 1) if steps[peak] > 0
                   else p.t("debrief.no_step_up"))
        text = p.t("debrief.total", side=name, turns=p.t("debrief.turns_one" if t == 1 else "debrief.turns", count=t),
                   total=signed(mine), biggest=biggest)
        if ref is not None and ref.historical is not None:
            hist, at = _at(ref.historical[side], t)
            compared = p.t(_compare(mine, hist))
            if at == t:
                then = p.t("debrief.history_then", value=signed(hist), side=name, compared=compared)
            else:
                then = p.t("debrief.history_ended", value=signed(hist), turn=at,
                           outcome=p.outcome(ref.historical_outcome), side=name, compared=compared)
            text = p.t("debrief.sentences", first=text, second=then)
        if ref is not None and ref.low.get(side):
            low, at = _at(ref.low[side], t)
            high, _ = _at(ref.high[side], t)
            where = "above" if mine > high + 1e-9 else "below" if mine < low - 1e-9 else "inside"
            text = p.t("debrief.sentences", first=text, second=p.t(
                "debrief.range", where=p.t(f"debrief.range.{where}"), low=signed(low), high=signed(high), turn=at,
                games=ref.games))
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
        text = p.t("term", issue=p.issue(issue), option=p.option(issue, option))
        if issue in broken:
            bturn, side, record = broken[issue]
            spec = p.option_spec(issue, option)
            bound = ([spec.commitment] if spec.commitment else []) + list(spec.commitments)
            commitment = next((c for c in bound if c.by == side), None)
            why = p.t("debrief.broke", side=p.side(side), turn=bturn)
            if commitment is not None:
                why = p.t("debrief.broke_bound", text=why, side=p.side(side),
                          condition=_words_of(p, commitment.breach_if))
                names = set(re.findall(r"[a-z_][a-z0-9_]*", commitment.breach_if))
                moved = [c for c in p.changes({k: v for k, v in record.get("changes", {}).items() if k in names})]
                if moved:
                    why = p.t("debrief.broke_moved", text=why, changes=p.t("debrief.list").join(
                        p.t("debrief.change_because", change=c.text, because=c.because) if c.because else c.text
                        for c in moved))
                if commitment.headline:
                    why = p.t("debrief.broke_news", text=why, headline=commitment.headline)
            out.append(Deal(issue, option, text, turn, proposer, "broken", p.t("debrief.sentence", text=why), bturn))
        else:
            out.append(Deal(issue, option, text, turn, proposer, "held", p.t("debrief.held")))
    return sorted(out, key=lambda deal: deal.turn)


# ---------------------------------------------------------------------------- scores

def _band(scenario, s: int, score: float) -> str:
    """Where a score sits among the side's possible ending scores (read in the initial state): the
    strings key of its words."""
    scores = sorted(o.score[s] for o in scenario.outcomes)
    if score >= scores[-1]:
        return "debrief.band.best"
    if score <= scores[0]:
        return "debrief.band.worst"
    if score >= 15:
        return "debrief.band.clear_gain"
    if score > 2:
        return "debrief.band.modest_gain"
    if score >= -2:
        return "debrief.band.even"
    if score > -15:
        return "debrief.band.modest_loss"
    return "debrief.band.heavy_loss"


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
            text = p.t("debrief.score_unfinished", side=name, total=signed(totals[s]))
        else:
            raw = outcome.spec.score[side]
            text = p.t("debrief.score", side=name, total=signed(totals[s]), outcome=outcome.spec.label,
                       ending=signed(ending[s]))
            if isinstance(raw, str):
                used = [v for v in scenario.var_ids if re.search(rf"\b{re.escape(v)}\b", raw)]
                if used:
                    text = p.t("debrief.score_depends", text=text, values=p.t("debrief.list_comma").join(
                        p.t("debrief.score_value", variable=p.variable(v), now=p.value(v, final[v]),
                            start=p.value(v, initial[v])) for v in used))
            if kept:
                parts = [p.t("debrief.deal_value", option=p.option(i, o),
                             value=signed(scenario.issues[i].options[o].value[s])) for i, o in kept]
                text = p.t("debrief.score_deals", text=text, deals=signed(deals), parts=p.t("debrief.list").join(parts))
            text = p.t("debrief.score_band", text=text, side=name, band=p.t(_band(scenario, s, totals[s])))
        out.append(ScoreWords(side, name, totals[s], ending[s], deals, text))
    scoring = model.scoring
    scale = p.t("debrief.scale", min=signed(scoring.min), max=signed(scoring.max))
    if scoring.text:
        scale = p.t("debrief.sentences", first=scale, second=" ".join(scoring.text.split()))
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

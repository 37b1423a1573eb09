"""Text for the terminal: briefing, situation, menus, turn reports, debrief. Pure: returns lines.

`sees` is the set of side indices whose private information may be shown: one human's side,
both sides for spectators, none in hot-seat reports that both players read.
"""
from __future__ import annotations

import textwrap

from game.engine.goals import debrief_notes
from game.engine.negotiation import NONE

WIDTH = 88


def num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def signed(x: float) -> str:
    return f"+{num(x)}" if x > 0 else num(x)


def wrap(text: str, indent: str = "", hanging: str | None = None) -> list[str]:
    """Wrapped lines; `hanging` indents the lines after the first (default: like the first)."""
    text = " ".join(str(text).split())
    rest = indent if hanging is None else hanging
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=rest) if text else []


def side_name(scenario, side: int | str) -> str:
    key = scenario.sides[side] if isinstance(side, int) else side
    return scenario.model.sides[key].name


def phase_label(scenario, phase_id: str) -> str:
    return scenario.model.phases[phase_id].label or phase_id


def category(cat: str) -> str:
    """A ladder step as a student reads it: 'de-escalation', 'non-violent escalation', 'status quo'."""
    return cat.replace("de_escalation", "de-escalation").replace("non_violent", "non-violent").replace("_", " ")


def long_date(date) -> str:
    return f"{date.day} {date:%B %Y}"


def var_label(scenario, var_id: str) -> str:
    return scenario.model.variables[var_id].label or var_id


def with_unit(scenario, var_id: str, value: float) -> str:
    unit = scenario.model.variables[var_id].unit
    if not unit:
        return num(value)
    return f"{num(value)}{unit}" if unit == "%" else f"{num(value)} {unit}"


def visible_to(scenario, var_index: int, sees: frozenset[int]) -> bool:
    """Shown if both sides see it, or one of the sides in `sees` does."""
    vis = scenario.visible
    return (vis[0][var_index] and vis[1][var_index]) or any(vis[s][var_index] for s in sees)


# ---------------------------------------------------------------------------- before the game

def briefing(scenario, side: int) -> list[str]:
    model = scenario.model
    info = model.sides[scenario.sides[side]]
    lines = ["=" * WIDTH, model.title, "=" * WIDTH]
    lines += wrap(model.summary)
    lines += ["", f"You play {info.name}" + (f" — {info.role}" if info.role else "") + "."]
    lines += wrap(info.briefing)
    if info.objectives:
        lines += ["", "Your objectives:"]
        for objective in info.objectives:
            lines += wrap(objective, "  - ", "    ")
    lines.append("")
    lines += wrap(f"The game lasts at most {scenario.max_turns} turns of {model.turn_days} "
                  f"day{'s' if model.turn_days != 1 else ''}, from {long_date(model.start_date)}. "
                  "Both sides choose at the same time; neither sees the other's choice before it is made.")
    return lines


# ---------------------------------------------------------------------------- each turn

def situation(scenario, obs, news: bool = True) -> list[str]:
    """What the side sees at the start of a turn."""
    me = scenario.sides.index(obs.side)
    lines = ["", "-" * WIDTH,
             f"{side_name(scenario, me).upper()} — turn {obs.turn}/{obs.max_turns} — "
             f"{long_date(obs.date)} — phase: {phase_label(scenario, obs.phase)}",
             "-" * WIDTH, "Situation:"]
    width = max([len(var_label(scenario, v)) for v in (*obs.variables, *obs.estimates)] or [0])
    for var_id, value in obs.variables.items():
        lines.append(f"  {var_label(scenario, var_id):<{width}}  {with_unit(scenario, var_id, value)}")
    for var_id, value in obs.estimates.items():
        lines.append(f"  {var_label(scenario, var_id):<{width}}  ~{with_unit(scenario, var_id, value)}"
                     f"  (intelligence estimate)")
    totals = ", ".join(f"{side_name(scenario, s)} {signed(v)}" for s, v in obs.escalation.items())
    lines.append(f"  Escalation so far: {totals}")
    lines += negotiation_state(scenario, obs)
    if obs.news and news:
        lines += ["", "Last turn:"] + news_lines(scenario, obs.news, frozenset({me}))
    return lines


def negotiation_state(scenario, obs) -> list[str]:
    lines = []
    me = scenario.sides.index(obs.side)
    other = side_name(scenario, 1 - me)
    if obs.their_proposal is not None:
        lines += wrap(f"On the table from {other}: {message_text(scenario, obs.their_proposal)}"
                      f"{worth(scenario, obs.their_proposal, me)} — you may accept or reject it", "  ", "    ")
    if obs.our_proposal is not None:
        lines += wrap(f"Your proposal awaiting their answer: {message_text(scenario, obs.our_proposal)}", "  ", "    ")
    issues = {i.id: i for i in scenario.issues}
    if obs.agreed:
        lines.append("  Agreed: " + "; ".join(
            f"{issues[i].label}: {next(o.label for o in issues[i].options if o.id == opt)}"
            for i, opt in obs.agreed.items()))
    for issue_id, ranked in obs.answers.items():
        issue = issues[issue_id]
        labels = [next(o.label for o in issue.options if o.id == r) for r in ranked]
        lines.append(f"  Their answer on {issue.label} (most preferred first): " + " > ".join(labels))
    return lines


def _presenter(scenario):
    """The shared presentation module's words for this scenario (one per scenario, cached on it)."""
    from game.present import Presenter

    p = getattr(_presenter, "cache", {}).get(id(scenario))
    if p is None or p.scenario is not scenario:
        p = Presenter(scenario)
        _presenter.cache = {id(scenario): p}
    return p


def action_menu(scenario, legal) -> list[str]:
    lines = ["", "Your move — choose one action:"]
    p = _presenter(scenario)
    for n, action in enumerate(legal.actions, 1):
        side = scenario.sides[legal.side] if isinstance(getattr(legal, "side", None), int) else None
        where = p.origin_tag(p.action_origin(side, action.id)) if side is not None and action.id != "pass" else ""
        lines.append(f"  {n:>2}. {action.label}  [{action.kind} · {category(action.category)} "
                     f"{signed(action.escalation)}{'' if action.public else ' · secret'}"
                     f"{f' · {where}' if where else ''}]")
        lines += wrap(action.spec.text, "       ")
    return lines


def message_options(legal) -> list:
    """The messages of the menu after 0 (= no message), in the engine's order."""
    return [m for m in legal.messages if m.kind != NONE]


def message_text(scenario, message) -> str:
    """A message as a student reads it, e.g. 'Propose on Ukraine's NATO membership: moratorium'."""
    if message.kind == NONE:
        return "No message"
    if message.kind == "accept":
        return "Accept their proposal"
    if message.kind == "reject":
        return "Reject their proposal"
    if message.kind == "question":
        return f"Ask a follow-up question on {scenario.issues[message.issue].label}"
    terms = terms_text(scenario, message.terms)
    if message.package:
        label = next(p.label for p in scenario.packages if p.id == message.package)
        return f"Propose the package '{label}': {terms}"
    return f"Propose on {terms}"


def terms_text(scenario, terms) -> str:
    """Terms as (issue index, option index) pairs, or a record's {issue id: option id}."""
    issues = scenario.issues
    if isinstance(terms, dict) or hasattr(terms, "items"):
        by_id = {i.id: i for i in issues}
        pairs = [(by_id[k], next(o for o in by_id[k].options if o.id == v)) for k, v in terms.items()]
    else:
        pairs = [(issues[i], issues[i].options[o]) for i, o in terms]
    return "; ".join(f"{issue.label}: {opt.label}" for issue, opt in pairs)


def worth(scenario, message, side: int) -> str:
    """What a proposal's terms are worth to `side` if agreed, e.g. ' (+7 for you)'."""
    if message.kind != "propose":
        return ""
    value = sum(scenario.issues[i].options[o].value[side] for i, o in message.terms)
    return f" ({signed(value)} for you)"


def message_menu(scenario, legal, side: int) -> list[str]:
    lines = ["", "And a message to the other side (0 = none):", "   0. No message"]
    for n, message in enumerate(message_options(legal), 1):
        lines += wrap(f"{message_text(scenario, message)}{worth(scenario, message, side)}", f"  {n:>2}. ", "       ")
    return lines


# ---------------------------------------------------------------------------- after each turn

_LAPSED = {"replaced": "replaced by a new one", "countered": "set aside by a counter-proposal",
           "overtaken": "overtaken by an agreement"}


def news_lines(scenario, news, sees: frozenset[int]) -> list[str]:
    """Headlines of a turn's facts that the `sees` sides may read."""
    model = scenario.model
    lines = []
    for item in news:
        kind = item.get("kind")
        side = item.get("side")
        who = side_name(scenario, side) if side in scenario.sides else ""
        if kind == "action":
            mine = scenario.sides.index(side) in sees
            if not item.get("public", True) and not mine:
                text = f"{who} did something you could not see"
            else:
                action = next(a for a in scenario.actions[scenario.sides.index(side)] + scenario.pass_actions
                              if a.id == item["id"])
                secret = "" if item.get("public", True) else " (secret)"
                text = f"{who}{secret}: {action.spec.news or action.label}"
        elif kind == "secret_move":
            text = f"{who} did something you could not see"
        elif kind == "event":
            event = next(e for e in model.events if e.id == item["id"])
            actor = f"{event.actor}: " if event.actor else ""
            p = _presenter(scenario)
            where = p.origin_short(p.event_origin(event.id))
            text = f"Event — {actor}{event.headline}" + (f"  [{where}]" if where else "")
        elif kind == "phase":
            text = f"The crisis enters a new phase: {phase_label(scenario, item['id'])}"
        elif kind in ("proposal", "accept", "reject", "lapsed"):
            terms = terms_text(scenario, item["terms"])
            text = {"proposal": f"{who} {'counter-' if item.get('counter') else ''}proposes: {terms}",
                    "accept": f"{who} accepts: {terms}", "reject": f"{who} rejects: {terms}",
                    "lapsed": f"{who}'s proposal ({terms}) lapses: {_LAPSED.get(item.get('reason'), '')}"}[kind]
        elif kind == "question":
            issue = next(i for i in scenario.issues if i.id == item["issue"])
            text = f"{who} sends follow-up questions on {issue.label}"
        elif kind == "agreement":
            text = f"AGREEMENT — {terms_text(scenario, {item['issue']: item['option']})}"
        elif kind == "conflict":
            issue = next(i for i in scenario.issues if i.id == item["issue"])
            text = f"No agreement on {issue.label}: the two sides accepted different terms at the same time"
        elif kind == "breach":
            issue = next(i for i in scenario.issues if i.id == item["issue"])
            option = next(o for o in issue.options if o.id == item["option"])
            headline = option.commitment.headline if option.commitment else ""
            text = f"BREACH — {headline or f'{who} breaks its commitment on {issue.label}'}"
        elif kind == "outcome":
            continue
        else:
            text = kind
        lines += wrap(text, "  ", "      ")
    return lines


def turn_report(scenario, record: dict, sees: frozenset[int]) -> list[str]:
    """What happened in a turn: moves, messages, events, agreements, breaches, phase, changes."""
    lines = ["", f"What happened in turn {record['turn']} ({record['date']}):"]
    lines += news_lines(scenario, record["news"], sees)
    index = {v: i for i, v in enumerate(scenario.var_ids)}
    changes = [f"{var_label(scenario, v)} {num(c['from'])} → {num(c['to'])}" for v, c in record["changes"].items()
               if visible_to(scenario, index[v], sees)]
    if changes:
        lines += wrap("Changes: " + "; ".join(changes), "  ", "    ")
    for mark in _presenter(scenario).history_marks(record["turn"]):   # the real dates the game reaches (21, 24 Feb)
        lines += wrap(f"◆ {mark.banner} [{mark.source}]" if mark.source else f"◆ {mark.banner}", "  ", "    ")
    return lines


# ---------------------------------------------------------------------------- the end

def final_report(match) -> list[str]:
    game, sc = match.game, match.scenario
    out = game.outcome
    lines = ["", "=" * WIDTH]
    if out is None:
        lines += [f"The game stopped after {game.turn - 1} turns, before any outcome."]
    else:
        lines += [f"OUTCOME after {game.turn - 1} turns: {out.spec.label}", "=" * WIDTH]
        lines += wrap(out.spec.debrief)
        p = _presenter(sc)
        lines += wrap(f"[{p.origin(p.outcome_origin(out.id))}]")
        for note in debrief_notes(game):   # the parts of the debrief that depend on what was agreed and done
            lines += [""] + wrap(note)
        scores = game.scores()
        scale = sc.model.scoring
        lines += ["", "Scores: " + ", ".join(f"{side_name(sc, s)} {signed(scores[s])}" for s in (0, 1))
                  + f" (scale {signed(scale.min)} to {signed(scale.max)})"]
        if scale.text:
            lines += wrap(scale.text, "  ", "  ")
    lines += agreements(sc, game)
    if match.faults:
        lines += ["", "Agent faults:"] + [f"  turn {f.turn}, {f.side} ({f.agent}): {f.message}" for f in match.faults]
    lines += [""] + timeline(sc, game)
    lines += lesson_debrief(match)
    return lines


def lesson_debrief(match) -> list[str]:
    """Key moments, the fate of the agreements, this game beside what really happened and the
    discussion questions (the printable report adds the comparison with history and the computer)."""
    from game.engine.record import RecordError
    from game.lesson.debrief import analyse
    from game.lesson.report import debrief_lines

    try:
        d = analyse(match.scenario, match.record())
    except RecordError:   # a game that cannot be replayed from its record (e.g. a plugin's illegal state)
        return []
    return debrief_lines(d, wrap)


def agreements(scenario, game) -> list[str]:
    issues = scenario.issues
    lines = ["", "Agreements reached:"]
    if not game.agreed and not game.breached:
        return lines + ["  none"]
    for i, o in sorted(game.agreed.items()):
        lines.append(f"  {issues[i].label}: {issues[i].options[o].label}")
    for i, o in game.breached:
        lines.append(f"  {issues[i].label}: {issues[i].options[o].label} — BROKEN")
    return lines


def timeline(scenario, game, cell: int = 27) -> list[str]:
    """Per turn and side: the action and its escalation score, with running totals."""
    names = [side_name(scenario, s) for s in (0, 1)]
    head = f"{'turn':>4}  {'date':<10}  {'phase':<12}  {names[0]:<{cell}}  {names[1]:<{cell}}"
    lines = ["Escalation timeline (score of each move; running total in brackets):", head.rstrip(),
             "-" * len(head)]
    totals = [0.0, 0.0]
    for (first, second), turn in zip(game.choices, range(1, len(game.choices) + 1)):
        cells = []
        for s, choice in enumerate((first, second)):
            totals[s] += choice.action.escalation
            text = f"{signed(choice.action.escalation):>3} [{signed(totals[s]):>4}] {choice.action.label}"
            cells.append(text if len(text) <= cell else text[:cell - 1] + "…")
        date = scenario.turn_date(turn).isoformat()
        phase = game.turns[turn - 1]["phase"] if turn <= len(game.turns) else ""
        lines.append(f"{turn:>4}  {date:<10}  {phase[:12]:<12}  {cells[0]:<{cell}}  {cells[1]:<{cell}}".rstrip())
    total = [f"    [{signed(t):>4}] in all" for t in totals]
    lines.append(f"{'total':>5} {'':<10}  {'':<12}  {total[0]:<{cell}}  {total[1]}")
    return lines


def headless_summary(match) -> list[str]:
    game, sc = match.game, match.scenario
    out = game.outcome
    scores = game.scores()
    players = ", ".join(f"{s} = {match.agent_name(i)}" for i, s in enumerate(sc.sides))
    lines = [f"{sc.model.title} ({sc.id}), seed {game.seed}: {players}",
             f"outcome: {out.id if out else 'none'}" + (f" — {out.spec.label}" if out else "")
             + f" after {game.turn - 1} turns",
             "scores: " + ", ".join(f"{sc.sides[s]} {signed(scores[s])}" for s in (0, 1)),
             "escalation: " + ", ".join(f"{sc.sides[s]} {signed(game.escalation[s])}" for s in (0, 1)),
             f"agreements: {', '.join(f'{sc.issues[i].id}={sc.issues[i].options[o].id}' for i, o in sorted(game.agreed.items())) or 'none'}",
             f"faults: {len(match.faults)}"]
    return lines

"""Text for the terminal: briefing, situation, turn reports, debrief. Pure: returns lines.

Every word about the game comes from a `game.present.Presenter` (the reader's point of view:
who is "you", whose secrets may be shown); the terminal's own headings from `strings.TEXT`;
lines are laid out to the console's width.
"""
from __future__ import annotations


from game.cli.text.layout import cut, flow, rule, wrap
from game.cli.text.strings import TEXT
from game.engine.goals import debrief_notes
from game.present import Presenter, signed
from game.present.news import article_group

T = TEXT


def say(key: str, /, **fields) -> str:
    return T[key].format(**fields)


# ---------------------------------------------------------------------------- before the game

def briefing(p: Presenter, width: int) -> list[str]:
    model = p.scenario.model
    info = model.sides[p.me]
    lines = [rule(model.title, width, "═")]
    lines += wrap(model.summary, width)
    lines += [""] + wrap(say("you_play", side=info.name, role=f" — {info.role}" if info.role else ""), width)
    lines += wrap(info.briefing, width)
    if info.objectives:
        lines += ["", say("objectives")]
        for objective in info.objectives:
            lines += wrap(objective, width, "  - ", "    ")
    lines.append("")
    days = "one day" if model.turn_days == 1 else f"{model.turn_days} days"
    lines += wrap(say("length", turns=p.scenario.max_turns, days=days, start=p.date(model.start_date)), width)
    lines += wrap(say("how_to"), width)
    return lines


# ---------------------------------------------------------------------------- each turn

def header(p: Presenter, turn: int, phase: str, width: int, who: str) -> list[str]:
    """The turn's rule line, and the real events of its days when the scenario knows them."""
    lines = [rule(say("header", side=who, turn=p.t("turn_of", turn=turn, max_turns=p.scenario.max_turns),
                      days=p.turn_span(turn), phase=p.phase(phase)), width)]
    real = p.history(turn)
    if real:
        lines += wrap(say("real_history", entries="; ".join(f"{p.date(e.date)} — {e.headline}" for e in real)),
                      width, "  ", "    ")
    return lines


def values(p: Presenter, obs, width: int) -> list[str]:
    """Every value the side sees, side by side; estimates marked as such with their spread."""
    items = [f"{p.variable(v)} {p.value(v, x)}" for v, x in obs.variables.items()]
    spread = getattr(obs, "uncertainty", {}) or {}
    for v, x in obs.estimates.items():
        sd = spread.get(v)
        items.append(say("estimate", label=p.variable(v), value=p.value(v, x), sd=p.num(sd)) if sd
                     else say("estimate_no_sd", label=p.variable(v), value=p.value(v, x)))
    totals = ", ".join(f"{p.side(s)} {signed(x)}" for s, x in obs.escalation.items())
    return flow(items, width) + wrap(say("escalation", totals=totals) + say("escalation_note"), width, "  ", "    ")


def situation(p: Presenter, obs, width: int, news: bool = True) -> list[str]:
    """What the side sees at the start of a turn, compactly: the header, values, the talks."""
    lines = [""] + header(p, obs.turn, obs.phase, width, p.side(obs.side).upper())
    lines += values(p, obs, width)
    lines += negotiation_state(p, obs, width)
    if obs.news and news:
        lines += [T["last_turn"]] + news_block(p, obs.news, width, turn=obs.turn - 1)
    return lines


def situation_in_full(p: Presenter, obs, width: int) -> list[str]:
    """The 's' command: every value the side sees, one a line, with what it means."""
    lines = [""]
    model = p.scenario.model
    shown = [(v, p.value(v, x)) for v, x in obs.variables.items()]
    shown += [(v, "~" + p.value(v, x)) for v, x in obs.estimates.items()]
    for var_id, value in shown:
        description = model.variables[var_id].description
        text = f"{p.variable(var_id)}: {value}" + (f" — {description}" if description else "")
        lines += wrap(text, width, "  ", "      ")
    return lines + negotiation_state(p, obs, width)


def negotiation_state(p: Presenter, obs, width: int) -> list[str]:
    lines = []
    other = p.other(obs.side)
    if obs.their_proposal is not None:
        msg = obs.their_proposal
        worth = signed(p.worth(msg.terms, obs.side))
        text = (say("on_table_package", side=p.side(other), package=p.package(msg.package), terms=p.terms(msg.terms),
                    worth=worth) if msg.package
                else say("on_table", side=p.side(other), terms=p.terms(msg.terms), worth=worth))
        lines += wrap(text, width, "  ", "    ")
    if obs.our_proposal is not None:
        msg = obs.our_proposal
        terms = f"'{p.package(msg.package)}'" if msg.package else p.terms(msg.terms)
        lines += wrap(say("yours_waiting", terms=terms), width, "  ", "    ")
    if obs.agreed:
        lines += wrap(say("agreed", terms=p.terms(obs.agreed)), width, "  ", "    ")
    for issue_id, ranked in obs.answers.items():
        ranking = " > ".join(p.short_option(issue_id, o) for o in ranked)
        lines += wrap(say("answers", side=p.side(other), issue=p.issue(issue_id), ranking=ranking), width, "  ", "    ")
    return lines


# ---------------------------------------------------------------------------- news and changes

def news_block(p: Presenter, facts, width: int, group_article: bool = True, turn: int | None = None) -> list[str]:
    """A turn's news (the facts of `turn`), one headline each, events marked with their origin. Several
    reports from the source article at once (the first turn) are one line: the student has just read them."""
    news = p.news_lines(facts, turn)
    group = article_group(p, facts, news) if group_article else None
    lines = []
    for line in news:
        if group is not None and line in group.lines:
            continue
        if line.kind == "outcome":
            continue      # the debrief follows
        text = say("tagged", tag=line.tag, text=line.text) if line.tag else line.text
        lines += wrap(text, width, "  ", "      ")
    if group is not None:
        lines += wrap(say("article_group", count=len(group.lines), source=group.sources, actors=group.actors),
                      width, "  ", "      ")
    return lines


def news_in_full(p: Presenter, facts, width: int, turn: int | None = None) -> list[str]:
    """Every headline of `turn` with its origin and the text behind it (the 'n' command)."""
    lines = []
    for line in p.news_lines(facts, turn):
        lines += wrap(line.text, width, "  ", "    ")
        if line.origin is not None and line.kind == "event":
            origin = p.origin(line.origin)          # first letter only: names and months keep theirs
            lines += wrap(origin[:1].upper() + origin[1:] + ".", width, "      ", "      ")
            quote = p.quote(line.origin)
            if quote:
                lines += wrap(quote, width, "      ", "      ")
        if line.detail:
            lines += wrap(line.detail, width, "      ", "      ")
    return lines or [T["no_news"]]


def changes_block(p: Presenter, changes, width: int, causes: int | None = None, cause_width: int = 48) -> list[str]:
    """Each visible change with its largest causes (two, or one when many values changed), each
    cut to a short phrase: 'Tension 60 → 72: +6 US imposes new sanctions on Russia, 6 more'."""
    lines = []
    worded = p.changes(changes)
    if causes is None:
        causes = 2 if len(worded) <= 6 else 1
    for change in worded:
        shown = [f"{signed(c.amount)} {cut(c.what, cause_width)}" for c in change.causes[:causes]]
        if len(change.causes) > causes:
            shown.append(p.t("more_causes", count=len(change.causes) - causes))
        text = p.t("change_short", variable=change.label, old=change.old_text, new=change.new_text,
                   causes=", ".join(shown)) if shown else change.text
        lines += wrap(text, width, "  ", "      ")
    return lines


def turn_report(p: Presenter, record: dict, width: int) -> list[str]:
    """What happened in a turn, as the Presenter's reader may know it, and why values changed."""
    lines = [""] + wrap(say("report_heading", days=p.turn_span(record["turn"]), turn=record["turn"]), width)
    lines += news_block(p, record["news"], width, turn=record["turn"])
    changed = changes_block(p, record["changes"], width)
    if changed:
        lines += [T["changes"]] + changed
    return lines


# ---------------------------------------------------------------------------- the end

def final_report(match, width: int, p: Presenter | None = None) -> list[str]:
    game, sc = match.game, match.scenario
    p = p or Presenter(sc)
    out = game.outcome
    lines = ["", "═" * width]
    if out is None:
        lines += [say("stopped_before_outcome", turns=game.turn - 1)]
    else:
        lines += wrap(say("outcome_heading", turns=game.turn - 1, outcome=p.outcome(out.id)), width)
        lines += ["═" * width] + wrap(p.debrief(out.id), width)
        lines += wrap(f"[{p.origin(p.outcome_origin(out.id, game.turn - 1))}]", width)
        for note in debrief_notes(game):   # the parts of the debrief that depend on what was agreed and done
            lines += [""] + wrap(note, width)
        scores = game.scores()
        scale = sc.model.scoring
        lines += [""] + wrap(say("scores", scores=", ".join(f"{p.side(s)} {signed(scores[s])}" for s in (0, 1)))
                             + say("scale", low=signed(scale.min), high=signed(scale.max)), width)
        if scale.text:
            lines += wrap(scale.text, width, "  ", "  ")
    lines += agreements(p, game.snapshot(), width)
    if match.faults:
        lines += ["", T["faults"]]
        for f in match.faults:
            lines += wrap(say("fault_line", turn=f.turn, side=f.side, agent=f.agent, message=f.message), width,
                          "  ", "    ")
    lines += [""] + timeline(p, game, width)
    lines += lesson_debrief(match, width)
    return lines


def lesson_debrief(match, width: int) -> list[str]:
    """Key moments, escalation against history and the computer players, the fate of the agreements,
    what really happened after the game and the discussion questions (game.lesson.debrief)."""
    from game.engine.record import RecordError
    from game.lesson.debrief import analyse
    from game.lesson.report import debrief_lines

    try:
        d = analyse(match.scenario, match.record())
    except RecordError:   # a game that cannot be replayed from its record (e.g. a plugin's illegal state)
        return []
    return debrief_lines(d, lambda text, indent="", hanging=None: wrap(text, width, indent, hanging),
                         beside=False)


def agreements(p: Presenter, snapshot: dict, width: int = 80) -> list[str]:
    lines = ["", T["agreements"]]
    if not snapshot["agreed"] and not snapshot["breached"]:
        return lines + [T["agreement_none"]]
    for issue, option in snapshot["agreed"].items():
        lines += wrap(say("agreement_line", issue=p.issue(issue), option=p.option(issue, option)), width, "  ", "    ")
    for item in snapshot["breached"]:
        issue, option = item.split(".", 1)
        lines += wrap(say("agreement_broken", issue=p.issue(issue), option=p.option(issue, option)), width, "  ", "    ")
    return lines


def timeline(p: Presenter, game, width: int = 80) -> list[str]:
    """Per turn and side: the move and its escalation score, and the totals; the phase by its
    label, moves cut at a word to fit the width, and the days of real history marked (*)."""
    names = [p.side(s) for s in (0, 1)]
    date_w, phase_w = 6, 12
    fixed = 4 + 1 + 1 + date_w + 2 + phase_w + 2
    cell = max(10, (width - fixed - 2) // 2)
    head = f"{'turn':>4}  {'date':<{date_w}}  {'phase':<{phase_w}}  {names[0]:<{cell}}  {names[1]}"
    lines = wrap(T["timeline_heading"], width) + [head.rstrip()[:width], "─" * min(width, fixed + 2 * cell + 2)]
    for turn, pair in enumerate(game.choices, 1):
        cells = []
        for choice in pair:
            score = f"{signed(choice.action.escalation):>3} "
            cells.append(score + cut(p.action(choice.action), cell - len(score)))
        phase = game.turns[turn - 1]["phase"] if turn <= len(game.turns) else ""
        mark = "*" if p.history(turn) else " "
        lines.append(f"{turn:>4}{mark} {p.short_date(game.scenario.turn_date(turn)):<{date_w}}  "
                     f"{cut(p.phase(phase), phase_w) if phase else '':<{phase_w}}  {cells[0]:<{cell}}  {cells[1]}"
                     .rstrip())
    totals = [signed(t) for t in game.escalation]
    lines.append(f"{'total':>5} {'':<{date_w}}  {'':<{phase_w}}  {totals[0] + ' ' + T['timeline_total']:<{cell}}  "
                 f"{totals[1]} {T['timeline_total']}")
    played = [h for turn in range(1, len(game.choices) + 1) for h in p.history(turn)]
    for entry in played:
        source = f" ({T['source'].format(source=entry.origin.source)})" if entry.origin.source else ""
        lines += wrap(f"* {p.date(entry.date)}: {entry.headline}{source}", width, "  ", "    ")
    return lines


def headless_summary(match) -> list[str]:
    game, sc = match.game, match.scenario
    out = game.outcome
    scores = game.scores()
    snap = game.snapshot()
    players = ", ".join(f"{s} = {match.agent_name(i)}" for i, s in enumerate(sc.sides))
    return [f"{sc.model.title} ({sc.id}), seed {game.seed}: {players}",
            f"outcome: {out.id if out else 'none'}" + (f" — {out.spec.label}" if out else "")
            + f" after {game.turn - 1} turns",
            "scores: " + ", ".join(f"{sc.sides[s]} {signed(scores[s])}" for s in (0, 1)),
            "escalation: " + ", ".join(f"{sc.sides[s]} {signed(game.escalation[s])}" for s in (0, 1)),
            f"agreements: {', '.join(f'{i}={o}' for i, o in snap['agreed'].items()) or 'none'}",
            f"faults: {len(match.faults)}"]

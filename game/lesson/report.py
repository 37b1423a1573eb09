"""The one-page printable debrief of a game (HTML), and the same debrief as terminal lines."""
from __future__ import annotations

from game.errors import HotlineError
from game.lesson.debrief import Debrief
from game.lesson.html import (BAND_COLOURS, HISTORY_COLOUR, SIDE_COLOURS, esc, line_chart, page, table, tag, ul)
from game.present import signed

_KIND_WORD = {"opening": "opening", "escalation": "escalation", "step_back": "step back", "question": "question",
              "proposal": "proposal", "rejected": "rejected", "agreement": "agreement", "breach": "breach",
              "phase": "phase", "history": "history", "outcome": "end"}


def escalation_chart(d: Debrief, width: int = 680) -> str:
    """This game's running escalation per side, the historical line (dashed) and the computer
    players' usual range (shaded), with the marked real dates."""
    ref = d.reference
    n = max([d.turns] + ([len(v) for v in ref.historical.values()] if ref and ref.historical else []))
    series, bands = [], []
    for k, side in enumerate(d.sides):
        series.append({"values": d.escalation[side], "label": f"{d.names[side]} in this game",
                       "colour": SIDE_COLOURS[k % 2], "width": 2.5})
        if ref is not None and ref.historical is not None:
            series.append({"values": list(ref.historical[side]), "label": f"{d.names[side]}, historical line",
                           "colour": SIDE_COLOURS[k % 2], "dash": "5,3", "width": 1.5})
        if ref is not None and ref.low.get(side):
            m = min(n, len(ref.low[side]))
            bands.append({"low": list(ref.low[side][:m]), "high": list(ref.high[side][:m]),
                          "colour": BAND_COLOURS[k % 2],
                          "label": f"{d.names[side]}, computer players' usual range (10th–90th percentile)"})
    marks = [(t, label) for t, label in d.marks if t <= n]
    return line_chart(series, bands=bands, marks=marks, width=width, x_title="turn",
                      y_title="escalation total", x_labels=[str(i) for i in range(1, n + 1)])


def report_html(d: Debrief) -> str:
    players = ", ".join(f"{d.names[s]}: {d.players[s]}" for s in d.sides)
    body = [f"<h1>Debrief: {esc(d.title)}</h1>",
            f'<p class="sub">{esc(d.days)} · {d.turns} turns · {esc(players)} · seed {esc(d.seed)}</p>',
            '<div class="box">', f"<h2 style='margin-top:0'>{esc(d.outcome)}</h2>"]
    if d.debrief:
        body.append(f"<p>{esc(d.debrief)}</p>")
    body += [f"<p>{esc(n)}</p>" for n in d.notes]
    if d.outcome_origin:
        body.append(f'<p class="origin">{esc(d.outcome_origin)}</p>')
    body.append("</div>")
    body += ["<h2>Scores in words</h2>", ul(esc(s.text) for s in d.scores), f'<p class="small">{esc(d.scale)}</p>']
    body += ["<h2>Key moments</h2>",
             table(("turn", "days", "", "what happened"),
                   [(str(m.turn), esc(m.days), tag("history" if m.kind == "history" else "invented",
                                                   _KIND_WORD.get(m.kind, m.kind)), esc(m.text))
                    for m in d.moments], numeric=(0,),
                   row_class=["mark" if m.kind == "history" else "" for m in d.moments])]
    body += ["<h2>Escalation: this game, history and the computer players</h2>", escalation_chart(d),
             ul(esc(c) for c in d.comparison)]
    body.append("<h2>Agreements</h2>")
    if d.deals:
        body.append(table(("agreed on turn", "terms", "proposed by", "", "what became of it"),
                          [(str(x.turn), esc(x.text), esc(d.names.get(x.proposer, "?") if x.proposer else "?"),
                            tag(x.status, x.status), esc(x.why)) for x in d.deals], numeric=(0,)))
    else:
        body.append("<p>No agreement was signed in this game.</p>")
    body += ["<h2>This game beside what really happened</h2>", timeline_table(d)]
    if d.questions:
        body += ["<h2>Questions for discussion</h2>",
                 ul((f"{esc(text)}" + (f' <span class="small muted">({esc(topic)})</span>' if topic else ""))
                    for topic, text in d.questions)]
    body.append(f'<p class="small muted">Made by Hotline from the game record (scenario {esc(d.scenario_id)}, '
                f"seed {esc(d.seed)}): python run.py report RECORD.json --out FILE.html</p>")
    return page(f"Debrief — {d.title}", body)


def timeline_table(d: Debrief) -> str:
    rows, classes = [], []
    for row in d.timeline:
        real = "<br>".join(f"{esc(h.line)} <span class='small muted'>({esc(h.source)})</span>"
                           if h.source else esc(h.line) for h in row.real)
        game = "<br>".join([esc(m) for m in row.moves] + [f"<i>{esc(g)}</i>" for g in row.game])
        rows.append((esc(row.turn if row.turn is not None else "—"), esc(row.days), game or "", real))
        classes.append("mark" if any(h.mark for h in row.real) else "")
    return table(("turn", "days", "in this game", "in reality"), rows, numeric=(0,), row_class=classes)


# ---------------------------------------------------------------------------- terminal

def debrief_lines(d: Debrief, width_wrap=None, beside: bool = True) -> list[str]:
    """The debrief for the terminal: key moments, escalation compared, agreements, the timeline beside
    the real one and the questions (the outcome and scores are printed by the caller). Not `beside`:
    only what really happened after the game (the caller has listed the real days the game passed)."""
    wrap = width_wrap or (lambda text, indent="", hanging=None: [indent + text])
    lines = ["", "Key moments:"]
    for m in d.moments:
        lines += wrap(f"turn {m.turn} ({m.days}): {m.text}", "  ", "      ")
    lines += ["", "Escalation compared:"]
    for c in d.comparison:
        lines += wrap(c, "  ", "    ")
    if d.deals:
        lines += ["", "What became of the agreements:"]
        for x in d.deals:
            lines += wrap(f"{x.text} (turn {x.turn}) — {x.status.upper()}: {x.why}", "  ", "    ")
    rows = d.timeline if beside else [row for row in d.timeline if not row.reached]
    if rows:
        lines += ["", "This game beside what really happened:" if beside else "What really happened next:"]
    for row in rows:
        head = f"turn {row.turn} ({row.days})" if row.turn is not None else row.days.capitalize()
        lines += wrap(f"{head}: " + "; ".join(row.moves + row.game) if row.reached else f"{head}:", "  ", "      ")
        for h in row.real:
            lines += wrap(f"in reality, {h.line}" + (" ◀" if h.mark else ""), "      ", "        ")
    if d.questions:
        lines += ["", "Questions for discussion:"]
        for n, (topic, text) in enumerate(d.questions, 1):
            lines += wrap(f"{n}. {text}", "  ", "     ")
    return lines


# ---------------------------------------------------------------------------- from a file

class ReportError(HotlineError, ValueError):
    """A record or save that cannot be read or replayed, or a report that cannot be written."""


def record_from(data, path) -> dict:
    """The game record in a parsed record or save file."""
    if isinstance(data, dict) and data.get("format") == "hotline-save" and isinstance(data.get("record"), dict):
        return data["record"]
    if isinstance(data, dict) and data.get("format") == "hotline-record":
        return data
    raise ReportError(f"{path}: not a Hotline game record or save")


def scenario_for(record: dict, path, scenario=None):
    """The scenario a record was played on: the one given (id or path), else the bundled one of its id."""
    from game.scenario.errors import ScenarioError
    from game.scenario.load import ScenarioNotFound, bundled_scenarios, load_scenario

    meta = record.get("scenario") if isinstance(record.get("scenario"), dict) else {}
    try:
        if scenario is not None:
            return load_scenario(scenario)
        bundled = next((p for p in bundled_scenarios() if p.stem == meta.get("id")), None)
        if bundled is None:
            raise ReportError(f"{path}: scenario '{str(meta.get('id'))[:64]}' is not bundled; give its file "
                              f"with --scenario PATH")
        return load_scenario(bundled)
    except (ScenarioNotFound, ScenarioError) as exc:
        raise ReportError(str(exc).splitlines()[0]) from None


def write_report(path, out, scenario=None, compare: bool = True) -> Debrief:
    """Read the record or save at `path`, replay it, and write its debrief page to `out`."""
    from game.engine.record import RecordError
    from game.jsonfile import JsonFileError, read_json, write_atomic
    from game.lesson.debrief import analyse
    from game.lesson.reference import reference

    try:
        data = read_json(path)
    except (JsonFileError, OSError) as exc:
        raise ReportError(str(exc)) from None
    record = record_from(data, path)
    sc = scenario_for(record, path, scenario)
    try:
        debrief = analyse(sc, record, reference(sc) if compare else None)
    except RecordError as exc:
        raise ReportError(f"{path}: {exc}") from None
    try:
        write_atomic(out, report_html(debrief))
    except OSError as exc:
        raise ReportError(f"{out}: cannot write the report: {exc.strerror or exc}") from None
    return debrief

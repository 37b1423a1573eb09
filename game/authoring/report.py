"""The balance report as an offline HTML page (inline SVG charts, no scripts, no network) and a
Markdown summary, both from one `Balance`. An author sees at a glance whether war is inevitable,
a settlement impossible, one move always best, or holding still rewarded."""
from __future__ import annotations

from html import escape
from pathlib import Path

from game.authoring import svg
from game.authoring.balance import RARE, Balance, short


def _pct(x: float) -> str:
    return f"{x:.0%}" if x >= 0.01 or x == 0 else "<1%"


def _num(x, fmt="+.1f") -> str:
    return "—" if x is None else format(x, fmt)


def glance(b: Balance) -> list[str]:
    """The findings an author reads first, as sentences."""
    total = len(b.rows) or 1
    counts = b.overall()
    labels = {o.id: o.spec.label for o in b.scenario.outcomes}
    out = []
    top, n = (counts.most_common(1) or [("—", 0)])[0]
    out.append(f"Most common ending: '{labels.get(top, top)}' ({top}) in {_pct(n / total)} of {total:,} games.")
    pairs = b.pairing_rows()
    for outcome in b.outcome_ids():
        where = [" v ".join(row["pair"]) for row in pairs if outcome in row["rates"]]
        certain = [" v ".join(row["pair"]) for row in pairs
                   if row["games"] >= 10 and row["rates"].get(outcome, (0.0,))[0] >= 0.9]
        if certain:
            out.append(f"'{outcome}' is nearly certain (90%+ of games) in {len(certain)} of {len(pairs)} pairings: "
                       f"{', '.join(certain[:6])}{', ...' if len(certain) > 6 else '.'}")
        elif where and len(where) == len(pairs):
            out.append(f"'{outcome}' happens in every pairing.")
    never = [o for o, c in b.rare_outcomes() if c == 0]
    rare = [f"{o} ({c})" for o, c in b.rare_outcomes() if c > 0]
    if never:
        out.append(f"Never happened: {', '.join(never)}.")
    if rare:
        out.append(f"Almost never happened (under {RARE:.0%} of games): {', '.join(rare)}.")
    if not never and not rare:
        out.append("Every ending happened in at least 1% of the games.")
    passive = b.passive()
    if passive["both"]:
        (o, c), = passive["both"].most_common(1)
        out.append(f"Two passive players: '{o}' in {c} of {sum(passive['both'].values())} games.")
    for side in b.sides:
        p = passive[side]
        if p["games"] and p["score"] is not None and p["others_score"] is not None and p["score"] > p["others_score"]:
            out.append(f"Holding still pays for {side}: a passive {side} scores {p['score']:+.1f} on average, "
                       f"the other players {p['others_score']:+.1f}.")
    for side, probe in b.dominant().items():
        if probe is not None:
            base = b.baseline.get(side, (0.0, 0.0))[0]
            out.append(f"Dominant move for {side}: '{probe.move}' — always playing it scores {probe.mean:+.1f} "
                       f"against a random opponent (random play {base:+.1f}), more than any other move.")
    for side, moves in b.useless().items():
        if moves:
            out.append(f"Useless moves for {side}: {', '.join(m for m, _ in moves)}.")
    if b.mismatches:
        out.append(f"Warning: {b.mismatches} replayed games did not end as recorded (the report's move figures may "
                   f"not match its outcome figures).")
    if b.errors:
        out.append(f"{b.errors} games ended in an error (an agent failed); they are left out.")
    return out


# --- Markdown ---------------------------------------------------------------------------------

def passive_play(b: Balance, sides) -> list[str]:
    """What passive play leads to, a sentence per line (the Markdown and HTML reports both list them)."""
    passive = b.passive()
    items = []
    if passive["both"]:
        items.append("passive v passive: " + ", ".join(f"{o} {n}" for o, n in passive["both"].most_common()))
    for side in sides:
        p = passive[side]
        if p["games"]:
            items.append(f"passive {side} against the others ({p['games']} games): "
                         + ", ".join(f"{o} {n}" for o, n in p["outcomes"].most_common(4))
                         + f"; its mean score {_num(p['score'])} (other {side} players: {_num(p['others_score'])})")
    return items


def markdown(b: Balance, command: str = "") -> str:
    sides = b.sides
    ids = b.outcome_ids()
    lines = [f"# Balance report: {b.scenario.model.title}", "",
             f"Scenario `{b.scenario.id}`, {b.games} games per pairing, seed {b.seed}, players: "
             f"{', '.join(short(a) for a in b.agents)}." + (f" Command: `{command}`." if command else ""), "",
             "## At a glance", ""]
    lines += [f"- {s}" for s in glance(b)]
    lines += ["", "## Outcomes per pairing", "", f"Rows: {sides[0]} v {sides[1]}. Shares of games.", "",
              "| pairing | " + " | ".join(ids) + " | turns |", "|---|" + "---|" * (len(ids) + 1)]
    for row in b.pairing_rows():
        shares = [_pct(row["rates"].get(o, (0.0,))[0]) for o in ids]
        lines.append(f"| {' v '.join(row['pair'])} | " + " | ".join(shares) + f" | {_num(row['turns'], '.1f')} |")
    total = len(b.rows) or 1
    counts = b.overall()
    lines.append("| **all games** | " + " | ".join(_pct(counts[o] / total) for o in ids) + " | |")
    lines += ["", "## Mean scores", "", f"| pairing | {sides[0]} | {sides[1]} |", "|---|---|---|"]
    for row in b.pairing_rows():
        lines.append(f"| {' v '.join(row['pair'])} | {_num(row['scores'][sides[0]])} | {_num(row['scores'][sides[1]])} |")
    means = b.mean_scores()
    lines.append(f"| **all games** | {_num(means[sides[0]])} | {_num(means[sides[1]])} |")
    curve = b.escalation_curve()
    lines += ["", "## Escalation", "", "Mean cumulative escalation (ladder points) after each turn:", "",
              "| turn | " + " | ".join(sides) + " |", "|---|" + "---|" * len(sides)]
    for t in range(len(curve[sides[0]])):
        lines.append(f"| {t + 1} | " + " | ".join(f"{curve[s][t]:.1f}" for s in sides) + " |")
    lines += ["", "## Moves: how often chosen, and where they lead", ""]
    for side, rows in b.move_stats().items():
        lines += [f"### {side}", "", "| move | chosen | by | games ended in | score with / without |",
                  "|---|---|---|---|---|"]
        for r in rows:
            by = ", ".join(f"{a} {n}" for a, n in r["by"][:3]) or ("never open" if not r["open"] else "—")
            leads = ", ".join(f"{o} {n / r['games']:.0%}" for o, n in r["leads_to"]) if r["games"] else "—"
            lines.append(f"| {r['move']} | {r['chosen']} ({_pct(r['share'])}) | {by} | {leads} | "
                         f"{_num(r['score_with'])} / {_num(r['score_without'])} |")
        lines.append("")
    lines += ["## Dominant and useless moves", "",
              f"Each move played whenever it is open (else at random) against a random opponent, {b.probe_games} "
              f"games each on the same seeds; random play as the baseline.", ""]
    dominant, useless = b.dominant(), b.useless()
    for side in sides:
        base = b.baseline.get(side, (0.0, 0.0))
        lines.append(f"- **{side}** (random play scores {base[0]:+.1f}): dominant move: "
                     f"{('`' + dominant[side].move + '`') if dominant.get(side) else 'none'}; strongest: "
                     + ", ".join(f"`{p.move}` {p.mean:+.1f}" for p in b.probes.get(side, [])[:3])
                     + "; weakest: " + ", ".join(f"`{p.move}` {p.mean:+.1f}" for p in b.probes.get(side, [])[-2:]))
        for move, why in useless.get(side, []):
            lines.append(f"  - useless: `{move}` — {why}")
    lines += ["", "## Outcomes that almost never happen", ""]
    rare = b.rare_outcomes()
    lines += [f"- `{o}`: {c} of {total:,} games" for o, c in rare] or ["- none: every ending happened in at least 1% of the games"]
    lines += ["", "## What passive play leads to", "",
              "Passive = every turn the move closest to the status quo, never a message.", ""]
    lines += [f"- {item}" for item in passive_play(b, sides)]
    lines += ["", f"Results files (one JSON line per game): `{b.out_dir / 'games'}`. The move figures come from "
              f"replaying the same games in process ({len(b.rows):,} games, {b.mismatches} differing)."]
    return "\n".join(lines) + "\n"


# --- HTML -------------------------------------------------------------------------------------

_CSS = """body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:13px}td,th{border:1px solid #ddd;padding:3px 7px;
text-align:right}td:first-child,th:first-child{text-align:left}th{background:#f4f4f4}h2{margin-top:2em;
border-bottom:1px solid #ccc}ul.glance li{margin:.3em 0}.note{color:#666;font-size:13px}"""


def _table(head: list[str], rows: list[list[str]]) -> str:
    return ("<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>"
            + "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in r) + "</tr>" for r in rows) + "</table>")


def html(b: Balance, command: str = "") -> str:
    sides = b.sides
    ids = b.outcome_ids()
    labels = {o.id: o.spec.label for o in b.scenario.outcomes}
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Balance: "
             f"{escape(b.scenario.model.title)}</title><style>{_CSS}</style></head><body>",
             f"<h1>Balance report: {escape(b.scenario.model.title)}</h1>",
             f"<p class='note'>Scenario <code>{escape(b.scenario.id)}</code>, {b.games} games per pairing, seed "
             f"{b.seed}, players: {escape(', '.join(short(a) for a in b.agents))}."
             + (f" Command: <code>{escape(command)}</code>." if command else "") + "</p>",
             "<h2>At a glance</h2><ul class='glance'>" + "".join(f"<li>{escape(s)}</li>" for s in glance(b)) + "</ul>"]
    rows = [(" v ".join(r["pair"]), [r["rates"].get(o, (0.0,))[0] for o in ids]) for r in b.pairing_rows()]
    total = len(b.rows) or 1
    counts = b.overall()
    rows.append(("all games", [counts[o] / total for o in ids]))
    parts += [f"<h2>Outcomes per pairing</h2><p class='note'>Each bar: {escape(sides[0])} v {escape(sides[1])}; "
              f"hover for the exact share.</p>", svg.stacked_bars(rows, [f"{o}" for o in ids])]
    parts.append(_table(["outcome", "label", "games", "share"],
                        [[o, labels[o], counts[o], _pct(counts[o] / total)] for o in ids]))
    curve = b.escalation_curve()
    parts += ["<h2>Escalation</h2><p class='note'>Mean cumulative escalation (ladder points) after each turn, "
              "over all games; a finished game keeps its final total.</p>",
              svg.lines([(s, curve[s]) for s in sides], "turn", "escalation")]
    means = b.mean_scores()
    parts.append("<h2>Mean scores</h2>")
    parts.append(_table(["pairing", *sides, "turns", "errors"],
                        [[" v ".join(r["pair"]), *(_num(r["scores"][s]) for s in sides), _num(r["turns"], ".1f"),
                          r["errors"]] for r in b.pairing_rows()]
                        + [["all games", *(_num(means[s]) for s in sides), "", b.errors]]))
    parts.append("<h2>Moves: how often chosen, and where they lead</h2>")
    for side, rows_ in b.move_stats().items():
        parts.append(f"<h3>{escape(side)}</h3>")
        parts.append(_table(["move", "chosen", "share", "by", "games ended in", "score with", "score without"],
                            [[r["move"], r["chosen"], _pct(r["share"]),
                              ", ".join(f"{a} {n}" for a, n in r["by"][:3]) or ("never open" if not r["open"] else "—"),
                              ", ".join(f"{o} {n / r['games']:.0%}" for o, n in r["leads_to"]) if r["games"] else "—",
                              _num(r["score_with"]), _num(r["score_without"])] for r in rows_]))
    parts.append(f"<h2>Dominant and useless moves</h2><p class='note'>Each move played whenever it is open (else at "
                 f"random) against a random opponent, {b.probe_games} games each on the same seeds. The bars show "
                 f"its mean score minus random play's.</p>")
    dominant, useless = b.dominant(), b.useless()
    for side in sides:
        base = b.baseline.get(side, (0.0, 0.0))[0]
        probes = b.probes.get(side, [])
        parts.append(f"<h3>{escape(side)}: dominant move "
                     f"{escape(dominant[side].move) if dominant.get(side) else 'none'}</h3>")
        parts.append(svg.bars([(p.move, p.mean - base) for p in probes]))
        if useless.get(side):
            parts.append("<ul>" + "".join(f"<li>useless: <code>{escape(m)}</code> — {escape(w)}</li>"
                                          for m, w in useless[side]) + "</ul>")
    rare = b.rare_outcomes()
    parts.append("<h2>Outcomes that almost never happen</h2><ul>"
                 + ("".join(f"<li><code>{escape(o)}</code>: {c} of {total:,} games</li>" for o, c in rare)
                    or "<li>none: every ending happened in at least 1% of the games</li>") + "</ul>")
    items = passive_play(b, sides)
    parts.append("<h2>What passive play leads to</h2><p class='note'>Passive = every turn the move closest to the "
                 "status quo, never a message.</p><ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
    parts.append(f"<p class='note'>Results files: <code>{escape(str(b.out_dir / 'games'))}</code>. Move figures "
                 f"from replaying the same games in process ({len(b.rows):,} games, {b.mismatches} differing).</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write(b: Balance, command: str = "") -> list[Path]:
    """report.html, report.md and balance.json in the balance folder."""
    import json

    b.out_dir.mkdir(parents=True, exist_ok=True)
    paths = [b.out_dir / "report.html", b.out_dir / "report.md", b.out_dir / "balance.json"]
    paths[0].write_text(html(b, command), encoding="utf-8")
    paths[1].write_text(markdown(b, command), encoding="utf-8")
    paths[2].write_text(json.dumps(b.to_json(), indent=1, default=list) + "\n", encoding="utf-8")
    return paths

"""Role briefings to print and hand out: one side of one scenario, generated from the scenario itself
(never written twice), with the article's words marked as quotations and every source named.
"""
from __future__ import annotations

from collections.abc import Iterable

from game.lesson.html import esc, page, quote, table, tag, ul
from game.present import ARTICLE, GAME, HISTORY, Presenter

_KIND_TAG = {ARTICLE: ("article", "from the article"), HISTORY: ("history", "real history"),
             GAME: ("invented", "invented for the game")}


class BriefingError(ValueError):
    """A side the scenario does not have."""


def side_ids(scenario, side: str | None) -> list[str]:
    """The sides a briefing covers: one named side, or both for None / 'all' / 'both'."""
    if side in (None, "all", "both"):
        return list(scenario.sides)
    if side not in scenario.sides:
        raise BriefingError(f"no side '{side}' in scenario '{scenario.id}'; its sides are "
                            f"{' and '.join(scenario.sides)} (or 'all' for both)")
    return [side]


def briefing_html(scenario, side: str | None = None) -> str:
    """The printable briefing of `side` (both sides, one per page, when None or 'all')."""
    sides = side_ids(scenario, side)
    body = []
    for k, s in enumerate(sides):
        body.append(f'<section{" class=pagebreak" if k else ""}>')
        body += _one_side(scenario, s)
        body.append("</section>")
    names = " and ".join(Presenter(scenario).side(s) for s in sides)
    return page(f"{scenario.model.title} — briefing for {names}", body)


def _origin_line(p: Presenter, origin) -> str:
    """A small tagged line saying where a move comes from (with its quote marked, if any)."""
    if origin.kind not in _KIND_TAG:
        return ""
    kind, word = _KIND_TAG[origin.kind]
    text = p.move_origin(origin) if origin.kind == HISTORY else p.origin(origin)
    out = f'<div class="origin">{tag(kind, word)} {esc(text)}</div>'
    if origin.quote:
        out += quote(origin.quote, p.cite(origin, dated=True))
    return out


def _one_side(scenario, side: str) -> list[str]:
    model = scenario.model
    p = Presenter(scenario, me=side)
    info = model.sides[side]
    s = scenario.sides.index(side)
    other = p.side(p.other(side))
    out = [f"<h1>{esc(model.title)}</h1>",
           f'<p class="sub">Role briefing for <b>{esc(info.name)}</b>'
           + (f" — {esc(info.role)}" if info.role else "")
           + f". Read it before the game; do not show it to {esc(other)}.</p>"]
    if model.summary:
        out.append(f"<p>{esc(' '.join(model.summary.split()))}</p>")
    out += ["<h2>Your situation</h2>", f"<p>{esc(' '.join(info.briefing.split()))}</p>"]
    if info.objectives:
        out += ["<h3>Your objectives</h3>", ul(esc(o) for o in info.objectives)]
    out += _article(p, scenario, side)
    out += _knowledge(p, scenario, s, other)
    out += _moves(p, scenario, side)
    out += _talks(p, scenario, side)
    out += _endings(p, scenario, s)
    out += _how(p, scenario)
    out += _sources(p, scenario)
    out.append(f'<p class="small muted">Generated from scenario {esc(scenario.id)} '
               f"(content {esc(scenario.content_hash[:12])}) by Hotline: python run.py briefing --side {esc(side)}"
               "</p>")
    return out


def _article(p: Presenter, scenario, side: str) -> list[str]:
    """The sources' own words behind this side's moves and the first turn's news, marked and sourced
    (headed as the article's only when every quotation is from the scenario's article)."""
    model = scenario.model
    seen, quotes, article = set(), [], True
    items = [a for a in model.actions[side] if a.quote is not None]
    items += [e for e in model.events if e.quote is not None and (e.turn == 1 or e.date == model.start_date)]
    for item in items:
        text = " ".join(item.quote.text.split())
        if text in seen:
            continue
        seen.add(text)
        origin = p.action_origin(side, item.id) if hasattr(item, "kind") else p.event_origin(item.id)
        article = article and origin.kind == ARTICLE
        quotes.append(quote(text, p.cite(origin, dated=True)))
    if not quotes:
        return []
    if article:
        return ["<h2>What the article says</h2>",
                "<p class=small>The scenario is built from this reporting. Quotations are marked and "
                "sourced; everything else in this briefing is the game's.</p>", *quotes]
    return ["<h2>What the sources say</h2>",   # e.g. letters and speeches of 1962: history, not an article
            "<p class=small>The scenario is built from these documents. Quotations are marked and "
            "sourced; everything else in this briefing is the game's.</p>", *quotes]


def _knowledge(p: Presenter, scenario, s: int, other: str) -> list[str]:
    """Which numbers the side sees exactly, which only as intelligence estimates, which not at all."""
    model = scenario.model
    rows = []
    for i, var_id in enumerate(scenario.var_ids):
        spec = model.variables[var_id]
        if scenario.visible[s][i]:
            how = "exactly" if all(v[i] for v in scenario.visible) else "exactly (hidden from " + other + ")"
        elif spec.intel_noise is not None:
            how = f"an intelligence estimate (about ±{p.num(spec.intel_noise)})"
        else:
            how = "not at all"
        rows.append((esc(p.variable(var_id)), esc(p.value(var_id, spec.initial)), esc(how),
                     esc(" ".join(spec.description.split()))))
    return ["<h2>What you know</h2>",
            table(("figure", "at the start", "you see it", "what it means"), rows, numeric=(1,))]


def _moves(p: Presenter, scenario, side: str) -> list[str]:
    model = scenario.model
    out = ["<h2>Your moves</h2>",
           "<p class=small>One move a turn. The number after each move is its step on the escalation "
           "ladder, added to your escalation total. Secret moves are not shown to the other side.</p>"]
    kinds: dict[str, list] = {}
    for action in model.actions[side]:
        kinds.setdefault(action.kind, []).append(action)
    for kind, actions in kinds.items():
        out.append(f"<h3>{esc(p.kind(kind))}</h3>")
        items = []
        for a in actions:
            flags = [p.action_tag(a)] + (["once only"] if a.once else [])
            if a.phases is not None:
                flags.append("open in: " + ", ".join(p.phase(x) for x in a.phases))
            origin = _origin_line(p, p.action_origin(side, a.id))
            items.append(f"<b>{esc(a.label)}</b> <span class=small>({esc('; '.join(flags))})</span>"
                         f"<br>{esc(' '.join(a.text.split()))}{origin}")
        out.append(ul(items))
    return out


def _talks(p: Presenter, scenario, side: str) -> list[str]:
    neg = scenario.model.negotiation
    if not neg.issues:
        return []
    out = ["<h2>The negotiation</h2>",
           "<p class=small>Each turn you may also send one message: propose terms, accept or reject the "
           "other side's proposal, or ask a follow-up question (the answer shows how they rank the options). "
           "An agreed option adds its value to your score while it holds; a broken commitment cancels it.</p>"]
    for issue in neg.issues:
        rows = [(esc(o.label), esc(p.signed(o.value.get(side, 0))), esc(" ".join(o.text.split())))
                for o in issue.options]
        out += [f"<h3>{esc(issue.label)}</h3>", f"<p class=small>{esc(' '.join(issue.text.split()))}</p>",
                table(("option", "worth to you", "what it means"), rows, numeric=(1,))]
    mine = [pk for pk in neg.packages if pk.by in (None, side)]
    if mine:
        items = [f"<b>{esc(pk.label)}</b> (worth {esc(p.signed(p.worth(pk.terms, side)))} to you): "
                 f"{esc(' '.join(pk.text.split()))}" for pk in mine]
        out += ["<h3>Packages you can table</h3>", ul(items)]
    return out


def _endings(p: Presenter, scenario, s: int) -> list[str]:
    rows = []
    for o in scenario.outcomes:
        raw = o.spec.score[scenario.sides[s]]
        score = p.signed(raw) if not isinstance(raw, str) else "depends on the final state"
        rows.append((esc(o.spec.label), esc(score), esc("at the end only" if o.final else "any turn")))
    scoring = scenario.model.scoring
    out = ["<h2>How it can end</h2>", table(("ending", "your score", "checked"), rows)]
    if scoring.text:
        out.append(f"<p class=small>{esc(' '.join(scoring.text.split()))}</p>")
    return out


def _how(p: Presenter, scenario) -> list[str]:
    model = scenario.model
    last = scenario.turn_date(scenario.max_turns)
    return ["<h2>How a turn works</h2>",
            f"<p>Both sides choose at the same time and in secret, then the game resolves both choices "
            f"together and the news comes in. A turn stands for {model.turn_days} day"
            f"{'s' if model.turn_days != 1 else ''}; the game starts on {esc(p.date(model.start_date))} and "
            f"lasts at most {scenario.max_turns} turns (the last begins on {esc(p.date(last))}).</p>"]


def _sources(p: Presenter, scenario) -> list[str]:
    items = []
    for source in scenario.model.sources:
        bits = [esc(source.publisher)] if source.publisher else []
        bits.append(f"“{esc(source.title)}”")
        if source.date:
            bits.append(esc(p.date(source.date)))
        line = ", ".join(bits)
        if source.url:
            line += f' <span class="small muted">{esc(source.url)}</span>'
        items.append(line)
    return ["<h2>Sources</h2>", ul(items)] if items else []


def briefings(scenario, sides: Iterable[str]) -> dict[str, str]:
    """side -> its briefing page (for writing one file per side)."""
    return {side: briefing_html(scenario, side) for side in sides}

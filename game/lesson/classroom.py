"""A class's games at a glance: every game record and save in a folder gathered into one CSV table
and one HTML page with charts (outcomes across the class, escalation curves side by side, which
moves led where).

Files are read, never replayed or executed: a record from another version of the scenario still
counts (its labels may be missing), and a file that is not a Hotline record or save, is damaged,
or cannot be read is listed with the reason, never fatal. The same game found twice (a save and
its record) counts once.
"""
from __future__ import annotations

import csv
import io
import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from game.errors import HotlineError
from game.jsonfile import read_json
from game.lesson.html import HISTORY_COLOUR, OUTCOME_PALETTE, SIDE_COLOURS, bar_chart, esc, line_chart, page, table
from game.present import Presenter, signed

CSV_NAME, HTML_NAME = "class_results.csv", "class_results.html"
RECORD, SAVE = "hotline-record", "hotline-save"
MAX_FILES = 5000


class ClassError(HotlineError, ValueError):
    """A folder that cannot be collected (missing, not a folder)."""


@dataclass
class GameRow:
    """One game of the class, read from a record or a save."""

    file: str
    kind: str                         # record or save
    scenario: str
    title: str
    seed: object
    players: dict[str, str]
    sides: list[str]
    finished: bool
    outcome: str                      # id ('' when unfinished)
    outcome_label: str
    turns: int
    scores: dict[str, float]
    escalation: dict[str, list[float]]   # side -> running total after each turn
    moves: dict[str, list[str]]          # side -> action id per turn
    agreed: list[str]                    # "issue=option" in force at the end
    broken: list[str]
    first_violence: tuple[int, str, str] | None   # (turn, side, action id) of the first violent move
    note: str = ""                       # e.g. "scenario version differs"


@dataclass
class Collection:
    folder: Path
    games: list[GameRow] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)     # (file, why it was left out)


# ---------------------------------------------------------------------------- reading

def _scenarios():
    """Bundled scenarios by id, loaded on first use."""
    cache: dict[str, object] = {}

    def get(scenario_id: str):
        if scenario_id not in cache:
            from game.scenario.load import bundled_scenarios, load_scenario

            path = next((p for p in bundled_scenarios() if p.stem == scenario_id), None)
            try:
                cache[scenario_id] = load_scenario(path) if path is not None else None
            except (HotlineError, OSError):
                cache[scenario_id] = None
        return cache[scenario_id]

    return get


def _number(x) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise ValueError(f"not a number: {str(x)[:40]!r}")
    return float(x)


def _row(path: str, data: dict, scenarios) -> GameRow:
    """A GameRow from a record or save (ValueError, KeyError, TypeError on a damaged one)."""
    kind = "record" if data.get("format") == RECORD else "save"
    record = data if kind == "record" else data["record"]
    if not isinstance(record, dict) or record.get("format") != RECORD:
        raise ValueError("the save holds no game record")
    meta = record["scenario"]
    scenario_id = str(meta["id"])
    scenario = scenarios(scenario_id)
    turns = record.get("turns") or []
    choices = record["choices"]
    if not isinstance(turns, list) or not isinstance(choices, list):
        raise ValueError("its turns or choices are not lists")
    sides = list(scenario.sides) if scenario is not None else [str(s) for s in (record.get("agents") or {})]
    if len(sides) != 2:
        raise ValueError("it does not name two sides")
    note = ""
    if scenario is None:
        note = f"scenario '{scenario_id}' is not bundled here: ids shown instead of names"
    elif meta.get("hash") != scenario.content_hash:
        note = "made with another version of the scenario"
    moves = {side: [] for side in sides}
    escalation = {side: [] for side in sides}
    ladder = {}
    if scenario is not None:
        for s, side in enumerate(sides):
            ladder[side] = {a.id: a.escalation for a in (*scenario.actions[s], scenario.pass_actions[s])}
    first_violence = None
    for k, pair in enumerate(choices):
        for side in sides:
            action = str(pair[side]["action"])
            moves[side].append(action)
            if k < len(turns) and isinstance(turns[k], dict) and isinstance(turns[k].get("escalation"), dict):
                step = _number(turns[k]["escalation"].get(side, 0))
            else:
                step = float(ladder.get(side, {}).get(action, 0.0))
            escalation[side].append((escalation[side][-1] if escalation[side] else 0.0) + step)
            if first_violence is None and scenario is not None:
                spec = next((a for a in scenario.model.actions[side] if a.id == action), None)
                if spec is not None and spec.category in ("violent_escalation", "nuclear"):
                    first_violence = (k + 1, side, action)
    outcome = record.get("outcome") if isinstance(record.get("outcome"), dict) else None
    final = record.get("final") if isinstance(record.get("final"), dict) else {}
    agreed = [str(x) for x in final.get("agreed", [])] if isinstance(final.get("agreed"), list) else []
    if isinstance(final.get("agreed"), dict):
        agreed = [f"{i}={o}" for i, o in final["agreed"].items()]
    broken = [str(x) for x in final.get("breached", [])] if isinstance(final.get("breached"), list) else []
    agents = record.get("agents") if isinstance(record.get("agents"), dict) else {}
    return GameRow(
        file=path, kind=kind, scenario=scenario_id, title=str(meta.get("title", scenario_id))[:200],
        seed=record.get("seed"), players={side: str(agents.get(side, "?"))[:80] for side in sides}, sides=sides,
        finished=outcome is not None, outcome=str(outcome["id"]) if outcome else "",
        outcome_label=str(outcome.get("label", outcome["id"]))[:200] if outcome else "unfinished",
        turns=len(choices), scores={side: _number((outcome or {}).get("scores", {}).get(side, 0.0)) for side in sides},
        escalation=escalation, moves=moves, agreed=agreed, broken=broken, first_violence=first_violence, note=note)


def _identity(row: GameRow, data: dict) -> tuple[str, list[str]]:
    """(scenario, seed and players, as text; each choice as text): two files hold the same game when
    these agree and one's choices begin the other's (a save made during the game, then its record)."""
    record = data if data.get("format") == RECORD else data["record"]
    key = json.dumps([row.scenario, record.get("seed"), row.players], sort_keys=True, default=str)
    return key, [json.dumps(c, sort_keys=True, default=str) for c in record.get("choices", [])]


def _same_game(a: list[str], b: list[str]) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def collect(folder: str | Path) -> Collection:
    """Every record and save under `folder` (sub-folders too), with the files left out and why."""
    folder = Path(folder)
    if not folder.exists():
        raise ClassError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise ClassError(f"{folder}: is a file, not a folder of game records")
    out = Collection(folder)
    scenarios = _scenarios()
    seen: dict[str, list[tuple[list[str], int]]] = defaultdict(list)   # key -> (choices, index in games)
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not any(
        part.startswith(".") for part in p.relative_to(folder).parts))
    for n, path in enumerate(files):
        name = str(path.relative_to(folder))
        if n >= MAX_FILES:
            out.problems.append((name, f"left out: more than {MAX_FILES} files in the folder"))
            continue
        if path.name in (CSV_NAME, HTML_NAME):
            continue   # this command's own output from an earlier run
        if path.suffix.lower() != ".json":
            out.problems.append((name, "not a game record (records and saves are .json files)"))
            continue
        try:
            data = read_json(path)
        except (HotlineError, OSError) as exc:
            out.problems.append((name, str(exc).replace(f"{path}: ", "")))
            continue
        if not isinstance(data, dict) or data.get("format") not in (RECORD, SAVE):
            out.problems.append((name, "a JSON file, but not a Hotline game record or save"))
            continue
        try:
            row = _row(name, data, scenarios)
            key, choices = _identity(row, data)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            out.problems.append((name, f"a damaged {'record' if data.get('format') == RECORD else 'save'} "
                                       f"({type(exc).__name__}: {str(exc)[:120]})"))
            continue
        twin = next((k for k, (other, _) in enumerate(seen[key]) if _same_game(other, choices)), None)
        if twin is not None:
            other_choices, index = seen[key][twin]
            other = out.games[index]
            if (row.finished, row.turns) > (other.finished, other.turns):   # keep the copy that is further on
                out.problems.append((other.file, f"the same game as {name}, which is further on"))
                out.games[index] = row
                seen[key][twin] = (choices, index)
            else:
                out.problems.append((name, f"the same game as {other.file} (counted once)"))
            continue
        seen[key].append((choices, len(out.games)))
        out.games.append(row)
    return out


# ---------------------------------------------------------------------------- the table

def csv_text(c: Collection) -> str:
    """One row per game; sides as columns in the order of each game's scenario."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["file", "kind", "scenario", "seed", "side_1", "player_1", "side_2", "player_2", "finished",
                     "outcome", "outcome_label", "turns", "score_1", "score_2", "escalation_1", "escalation_2",
                     "first_violent_turn", "first_violent_move", "agreements_in_force", "agreements_broken",
                     "escalation_by_turn_1", "escalation_by_turn_2", "moves_1", "moves_2", "note"])
    for g in c.games:
        a, b = g.sides
        violence = g.first_violence
        writer.writerow([
            g.file, g.kind, g.scenario, g.seed, a, g.players[a], b, g.players[b], "yes" if g.finished else "no",
            g.outcome, g.outcome_label, g.turns, _fmt(g.scores[a]), _fmt(g.scores[b]),
            _fmt(g.escalation[a][-1] if g.escalation[a] else 0), _fmt(g.escalation[b][-1] if g.escalation[b] else 0),
            violence[0] if violence else "", f"{violence[1]}:{violence[2]}" if violence else "",
            " ".join(g.agreed), " ".join(g.broken),
            " ".join(_fmt(x) for x in g.escalation[a]), " ".join(_fmt(x) for x in g.escalation[b]),
            " ".join(g.moves[a]), " ".join(g.moves[b]), g.note])
    return buf.getvalue()   # the files left out are listed on the page and on the screen, not here


def _fmt(x) -> str:
    x = round(float(x), 2)
    return str(int(x)) if x.is_integer() else str(x)


# ---------------------------------------------------------------------------- the page

def class_html(c: Collection) -> str:
    from game.lesson.reference import reference

    body = ["<h1>Class results</h1>",
            f'<p class="sub">{len(c.games)} game{"s" if len(c.games) != 1 else ""} from {esc(c.folder)}'
            f' · {len(c.problems)} file{"s" if len(c.problems) != 1 else ""} left out</p>']
    by_scenario: dict[str, list[GameRow]] = defaultdict(list)
    for g in c.games:
        by_scenario[g.scenario].append(g)
    get = _scenarios()
    for scenario_id, games in by_scenario.items():
        scenario = get(scenario_id)
        p = Presenter(scenario) if scenario is not None else None
        body.append(f"<h2>{esc(games[0].title)}</h2>")
        body += _summary(games, p)
        body += ["<h3>Outcomes across the class</h3>", _outcomes_chart(games, scenario)]
        body += _curves(games, scenario, reference(scenario) if scenario is not None else None, p)
        body += _moves_table(games, scenario, p)
        body += _games_table(games, p)
    if c.problems:
        body += ["<h2>Files left out</h2>", table(("file", "why"), [(esc(f), esc(w)) for f, w in c.problems])]
    if not c.games:
        body.append("<p>No game records or saves were found. Students save a record with "
                    "<code>--record FILE.json</code> or a game with <code>--save NAME</code>.</p>")
    body.append('<p class="small muted">Made by Hotline: python run.py class collect FOLDER</p>')
    return page("Class results", body)


def _label(p, g: GameRow, side: str) -> str:
    return p.side(side) if p is not None else side


def _summary(games: list[GameRow], p) -> list[str]:
    finished = [g for g in games if g.finished]
    sides = games[0].sides
    items = [f"{len(finished)} of {len(games)} games finished; median length {statistics.median(g.turns for g in games):g} turns."]
    for side in sides:
        if finished:
            scores = [g.scores[side] for g in finished]
            items.append(f"{esc(_label(p, games[0], side))}: mean score {signed(statistics.mean(scores))}, "
                         f"best {signed(max(scores))}, worst {signed(min(scores))}.")
    violent = [g for g in games if g.first_violence]
    if violent:
        turns = sorted(g.first_violence[0] for g in violent)
        items.append(f"{len(violent)} game{'s' if len(violent) != 1 else ''} saw violence "
                     f"(first violent move: median turn {statistics.median(turns):g}, earliest turn {turns[0]}).")
    deals = sum(len(g.agreed) for g in games)
    broken = sum(len(g.broken) for g in games)
    items.append(f"{deals} agreement{'s' if deals != 1 else ''} in force at the end across the class, "
                 f"{broken} broken.")
    return ["<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"]


def _outcomes_chart(games: list[GameRow], scenario) -> str:
    counts = Counter((g.outcome, g.outcome_label) for g in games)
    order = [o.id for o in scenario.outcomes] if scenario is not None else []
    items = sorted(counts.items(), key=lambda kv: (order.index(kv[0][0]) if kv[0][0] in order else len(order), kv[0][1]))
    colours = _outcome_colours(scenario)
    return bar_chart([(label, n, colours.get(oid, "#999")) for (oid, label), n in items], unit=(" game", " games"))


def _outcome_colours(scenario) -> dict[str, str]:
    ids = [o.id for o in scenario.outcomes] if scenario is not None else []
    return {oid: OUTCOME_PALETTE[k % len(OUTCOME_PALETTE)] for k, oid in enumerate(ids)} | {"": "#bbbbbb"}


def _curves(games: list[GameRow], scenario, ref, p) -> list[str]:
    colours = _outcome_colours(scenario)
    charts = []
    n = max(g.turns for g in games)
    for side in games[0].sides:
        series = [{"values": g.escalation[side], "colour": colours.get(g.outcome, "#999"), "width": 1}
                  for g in games]
        if ref is not None and ref.historical is not None:
            series.append({"values": list(ref.historical[side]), "colour": HISTORY_COLOUR, "dash": "5,3",
                           "width": 2.5, "label": "the historical line"})
        marks = [(h.turn, p.short_date(h.date)) for h in (p.history() if p else ()) if h.mark and h.turn]
        charts.append(f"<div><h3>{esc(_label(p, games[0], side))}</h3>"
                      + line_chart(series, width=340, height=220, x_title="turn", y_title="escalation total",
                                   marks=[m for m in marks if m[0] <= n]) + "</div>")
    legend = ", ".join(f'<span style="color:{colours.get(oid, "#999")}">━</span> {esc(label)}'
                       for oid, label in sorted({(g.outcome, g.outcome_label) for g in games}))
    return ["<h3>Escalation curves, side by side</h3>",
            "<p class=small>One line per game, coloured by how it ended; the dashed line is the historical line.</p>",
            '<div class="cols">' + "".join(charts) + "</div>", f"<p class=small>{legend}</p>"]


def _moves_table(games: list[GameRow], scenario, p) -> list[str]:
    """Per side and move: in how many games it was played, and how those games ended."""
    labels = {o.id: o.spec.label for o in scenario.outcomes} if scenario is not None else {}
    out = ["<h3>Which moves led where</h3>",
           "<p class=small>For each move: the games in which it was played at least once, and how those games "
           "ended (most common endings first).</p>"]
    for s, side in enumerate(games[0].sides):
        played: dict[str, list[str]] = defaultdict(list)
        for g in games:
            for action in set(g.moves[side]):
                played[action].append(g.outcome or "")
        rows = []
        for action, outcomes in sorted(played.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:12]:
            spec = p.action_spec(side, action) if p is not None else None
            where = "; ".join(f"{labels.get(o, o or 'unfinished')} {n}" for o, n in Counter(outcomes).most_common(3))
            rows.append((esc(spec.label if spec is not None else action), str(len(outcomes)), esc(where)))
        out += [f"<h3>{esc(_label(p, games[0], side))}</h3>", table(("move", "games", "how those games ended"),
                                                                    rows, numeric=(1,))]
    return out


def _games_table(games: list[GameRow], p) -> list[str]:
    a, b = games[0].sides
    rows = [(esc(g.file), esc(f"{g.players[a]} / {g.players[b]}"), esc(g.outcome_label), str(g.turns),
             esc(f"{signed(g.scores[a])} / {signed(g.scores[b])}"),
             esc(f"{signed(g.escalation[a][-1] if g.escalation[a] else 0)} / "
                 f"{signed(g.escalation[b][-1] if g.escalation[b] else 0)}"), esc(g.note)) for g in games]
    names = f"{_label(p, games[0], a)} / {_label(p, games[0], b)}"
    return ["<h3>Every game</h3>", table(("file", f"players ({names})", "ending", "turns", "scores", "escalation", "note"),
                                          rows, numeric=(3,))]


def write(c: Collection, out_dir: str | Path) -> tuple[Path, Path]:
    """Write the table and the page into `out_dir`; returns their paths."""
    from game.jsonfile import write_atomic

    out_dir = Path(out_dir)
    csv_path, html_path = out_dir / CSV_NAME, out_dir / HTML_NAME
    write_atomic(csv_path, csv_text(c))
    write_atomic(html_path, class_html(c))
    return csv_path, html_path

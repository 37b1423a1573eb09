"""`lint`: beyond validation, what is wrong with the game a scenario file makes.

First the file is validated (its errors are lint errors). Then the static rules
(`game.authoring.static`, `game.authoring.texts`) prove what they can from the file alone, and
seeded playouts (`game.authoring.playouts`) report what only playing shows. Each finding says
which of the two found it. A playout finding never repeats a static one: what is proved
impossible is not also reported as "never seen".
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from game.authoring.findings import PLAYOUTS, Finding
from game.authoring.playouts import PlayoutStats, describe, play
from game.authoring.static import static_findings
from game.authoring.texts import text_findings
from game.scenario.compiled import compile_scenario
from game.scenario.errors import ScenarioError, format_path
from game.scenario.load import content_hash
from game.scenario.validate import validate_doc
from game.scenario.yaml_source import read_file

#: a deal broken in the turn it is made this often (share of its agreements, at least 3) is reported
AT_ONCE_NOTE, AT_ONCE_WARNING = 0.25, 1.0
#: games ending on turn 1 this often are reported as a warning
TURN_ONE_WARNING = 0.5


@dataclass
class LintReport:
    """The findings of one file, sorted by position; `playouts` describes the games played (or '')."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    playouts: str = ""
    stats: PlayoutStats | None = None

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)


def lint_file(path: str | os.PathLike, games: int = 300, seed: int = 0, scripted_games: int = 6,
              passive_games: int = 10) -> LintReport:
    """Lint one scenario file; `games=0` skips the playouts (static analysis only)."""
    filename = os.fspath(path)
    report = LintReport(filename)
    try:
        doc = read_file(filename)
        model = validate_doc(doc)
    except ScenarioError as exc:
        report.findings = [Finding(i.file, i.line, i.col, i.path, "error", "invalid", i.message,
                                   "fix the file first: `python run.py validate` explains each error")
                           for i in exc.issues]
        return report
    scenario = compile_scenario(model, content_hash(model), filename)
    findings, reachable = static_findings(doc, model, scenario)
    findings += text_findings(doc, model)
    if games > 0:
        stats = play(scenario, games=games, seed=seed, scripted_games=scripted_games, passive_games=passive_games)
        report.stats = stats
        report.playouts = describe(stats)
        findings += playout_findings(doc, model, scenario, stats, findings)
    report.findings = sorted(findings, key=lambda f: (f.line, f.col, f.severity, f.code))
    return report


def playout_findings(doc, model, scenario, stats: PlayoutStats, static: list[Finding]) -> list[Finding]:
    """What the playouts show that the static rules did not already prove."""
    out: list[Finding] = []
    proved = {f.path.split(".condition")[0].split(".phases")[0].split(".requires")[0]
              .split(".chance")[0] for f in static if f.code.endswith("-never") or f.code.endswith("-shadowed")}
    proved |= {f.path for f in static if f.code in ("start-no-exit", "phase-never")}
    n = stats.games

    def add(path: tuple, severity: str, code: str, message: str, hint: str, at_key: bool = False):
        shown = format_path(path)
        if shown in proved:
            return
        mark = doc.key_mark(path) if at_key else doc.mark(path)
        out.append(Finding(doc.filename, mark.line, mark.col, shown, severity, code, message, hint, PLAYOUTS))

    for i, o in enumerate(model.outcomes):
        if not stats.outcomes[o.id]:
            add(("outcomes", i), "note", "outcome-unseen", f"outcome '{o.id}' never happened in {n} seeded games",
                "check that its condition is reachable at the speed the variables move; try playing for it")
    for pid in model.phases:
        if not stats.phases[pid]:
            add(("phases", pid), "note", "phase-unseen", f"phase '{pid}' was never entered in {n} games",
                "check the thresholds of the transitions that lead to it", at_key=True)
    for i, ev in enumerate(model.events):
        if not stats.events[ev.id]:
            add(("events", i), "note", "event-unseen", f"event '{ev.id}' never fired in {n} games",
                "check its condition, phases and chance")
    for side, menu in model.actions.items():
        for i, a in enumerate(menu):
            if (side, a.id) not in stats.legal:
                add(("actions", side, i), "note", "action-unseen", f"action '{a.id}' was never open in {n} games",
                    "check its phases and requires")
    if n and stats.turn_one / n >= TURN_ONE_WARNING and not any(f.code == "outcome-turn-1" for f in static):
        add(("outcomes",), "warning", "ends-turn-1", f"{stats.turn_one} of {n} games ended on turn 1",
            "make the endings need something the opening situation does not have", at_key=True)
    for i, issue in enumerate(model.negotiation.issues):
        for j, opt in enumerate(issue.options):
            made, broken = stats.agreed[issue.id, opt.id], stats.broken_at_once[issue.id, opt.id]
            if made >= 3 and broken / made >= AT_ONCE_NOTE:
                severity = "warning" if broken / made >= AT_ONCE_WARNING else "note"
                add(("negotiation", "issues", i, "options", j), severity, "breach-at-once",
                    f"'{issue.id}.{opt.id}' was broken in the turn it was agreed in {broken} of {made} agreements",
                    "check that the option's effects leave breach_if false in the situations it is agreed in")
    for (a, b), games in stats.flips.items():
        if n and games / n >= 0.25:
            add(("phases", b), "note", "phase-flip-seen",
                f"phases '{a}' -> '{b}' -> '{a}' flipped on consecutive turns in {games} of {n} games",
                "leave a wider gap between the thresholds of the two transitions", at_key=True)
    if stats.passive_games:
        (top, count), = stats.passive.most_common(1)
        best = _best_for_someone(model, scenario, top)
        severity = "warning" if best and count == stats.passive_games else "note"
        index = next(i for i, o in enumerate(model.outcomes) if o.id == top)
        message = (f"two passive players (the move closest to the status quo, no messages) reach '{top}' in "
                   f"{count} of {stats.passive_games} games")
        hint = ("holding still should not win: make this ending need effort" if best else
                "this is what happens if nobody acts; make sure the debrief fits it")
        if best:
            message += f", the best ending for {best}"
        mark = doc.key_mark(("outcomes", index))
        out.append(Finding(doc.filename, mark.line, mark.col, format_path(("outcomes", index)), severity,
                           "passive-play", message, hint, PLAYOUTS))
    return out


def _best_for_someone(model, scenario, outcome_id: str) -> str:
    """The side (or sides) for which `outcome_id` has the highest opening score of all endings."""
    outcomes = scenario.outcomes
    chosen = next(o for o in outcomes if o.id == outcome_id)
    sides = [model.sides[s].name for k, s in enumerate(scenario.sides)
             if chosen.score[k] >= max(o.score[k] for o in outcomes) and len({o.score[k] for o in outcomes}) > 1]
    return " and ".join(sides)

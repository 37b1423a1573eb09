"""`python run.py replay RESULTS.jsonl --game N`: one game of a simulate run, replayed with its turn
log and checked against its result line, written as a game record (and a save for the window).

A batch-engine run's game is replayed by the one-game engine with the batch's keyed draws
(game.lockstep.replay); a one-game-engine run's game by the same match runner and seed as in the
run. Either way the replay must end as the results file says, or nothing is written.
"""
from __future__ import annotations

import json
from pathlib import Path

from game.batch.results import sidecar
from game.batch.spec import RunSpec
from game.cli.replay import ReplayProblem, find_scenario_for
from game.engine.record import build_record, dumps
from game.files import write_atomic
from game.jsonfile import JsonFileError, read_json
from game.safetext import printable

BATCH_ENGINE = "lockstep-"


def _run_spec(path: Path) -> RunSpec:
    meta = sidecar(path)
    if not path.is_file():
        raise ReplayProblem(f"{path}: no such file", 2)
    if not meta.is_file():
        raise ReplayProblem(f"{path}: not a simulate results file (it has no run description {meta.name} beside it)")
    try:
        return RunSpec.from_json(read_json(meta))
    except (JsonFileError, ValueError) as exc:
        raise ReplayProblem(f"{meta}: {printable(str(exc))}") from None


def _result_line(path: Path, game: int) -> dict:
    """Game `game`'s line in the results file (the last one, if a resumed run wrote it twice)."""
    found, prefix = None, f'{{"game":{game},'
    with open(path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if line.startswith(prefix):
                try:
                    found = json.loads(line)
                except ValueError:
                    continue   # a line cut short by a crash: the run replays it on resume
    if found is None:
        raise ReplayProblem(f"{path}: game {game} is not in this results file")
    if found.get("status") != "ok":
        raise ReplayProblem(f"{path}: game {game} ended in an error ({printable(str(found.get('error')), 300)}): "
                            "there is no finished game to replay")
    return found


def _replay(spec: RunSpec, scenario, game: int):
    """(the one-game engine's game with its turn log, the Match for a save) of game `game`."""
    from game.agents.base import make_agent
    from game.match import Match

    agents = [make_agent(a) for a in spec.agents]
    if str(spec.engine).startswith(BATCH_ENGINE):
        from game.lockstep.replay import ReplayMismatch, replay

        try:
            g = replay(scenario, spec.agents, spec.seed, game)
        except ReplayMismatch as exc:
            raise ReplayProblem(str(exc)) from None
        return g, Match(scenario, agents, seed=g.seed, game=g)
    match = Match(scenario, agents, {"entropy": spec.seed, "spawn_key": (game,)}, log=True, on_fault=lambda f: None)
    match.play()
    return match.game, match


def replay_run_game(path: Path, game: int, scenario_name: str | None, out: str | None, save: str | None) -> str:
    """Replay, check, write; the lines to print."""
    spec = _run_spec(path)
    if game < 0:
        raise ReplayProblem("--game is a game number, 0 or more", 2)
    scenario = find_scenario_for({"scenario": {"id": spec.scenario_id}}, scenario_name)
    if scenario.content_hash != spec.scenario_hash:
        raise ReplayProblem(f"the run was made with another version of scenario '{spec.scenario_id}' "
                            f"(content hash {spec.scenario_hash[:12]}…, this one is {scenario.content_hash[:12]}…)")
    line = _result_line(path, game)
    from game.saves import is_plugin

    plugins = [a for a in spec.agents if is_plugin(a)]
    if plugins:   # as with saves: a file never makes Hotline import code of its choosing
        raise ReplayProblem(f"this run's player {printable(plugins[0], 120)} is a plugin (code outside Hotline); "
                            "replay --game plays runs of built-in players only")
    g, match = _replay(spec, scenario, game)
    mine = {"outcome": g.outcome.id if g.outcome else None, "turns": g.turn - 1, "final": g.variables(),
            "scores": dict(zip(scenario.sides, g.scores()))}
    for key, value in mine.items():
        if value != line.get(key):
            raise ReplayProblem(f"game {game} replayed differently from its result line ({key}: the file has "
                                f"{printable(repr(line.get(key)), 200)}, the replay {printable(repr(value), 200)})")
    target = Path(out) if out else path.with_name(f"{path.name}.game{game}.json")
    try:
        write_atomic(target, dumps(build_record(g, agents=list(spec.agents))))
    except OSError as exc:
        raise ReplayProblem(f"{target}: cannot write the record ({exc.strerror or exc})") from None
    engine = "batch engine, replayed with its keyed draws" if str(spec.engine).startswith(BATCH_ENGINE) else "one-game engine"
    label = g.outcome.spec.label if g.outcome else "unfinished"
    lines = [f"game {game} of run {spec.run_id} ({scenario.id}; {' vs '.join(spec.agents)}; {engine}): "
             f"{label} after {g.turn - 1} turns, as in {path.name}",
             f"record: {target}  (its debrief page: python run.py report {target})"]
    if save:
        from game.saves import SaveError, save_game, save_path

        try:
            where = save_game(match, save_path(save))
        except (SaveError, ValueError) as exc:
            raise ReplayProblem(printable(str(exc))) from None
        lines.append(f"save: {where}  (the window lists it under “Load a saved game”)")
    return "\n".join(lines)

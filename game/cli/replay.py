"""`python run.py replay FILE`: re-run a game record (or a save's record) and confirm it reproduces.

`python run.py replay RESULTS.jsonl --game N`: game N of a `simulate` run (either engine) played
again by the one-game engine with its turn log, checked against its result line, and written as
a game record (`--out`) and, with `--save NAME`, as a save the window opens: any game of a million
can be read turn by turn, debriefed (`report`) and watched.

Exit codes: 0 reproduced exactly; 1 it diverges, is for another scenario version, or the file is
broken; 2 usage (no such file, scenario not found).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from game.engine.record import RECORD_FORMAT, RecordError, check_header, verify
from game.jsonfile import JsonFileError, json_kind, read_json
from game.safetext import printable


class ReplayProblem(Exception):
    """Why a file cannot be replayed; `code` is the exit code."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a game record (play --record) or a save (saves/NAME.json)")
    parser.add_argument("--scenario", metavar="ID_OR_PATH",
                        help="the scenario (default: the bundled one named in the record)")
    parser.add_argument("--game", type=int, metavar="N",
                        help="FILE is a simulate results file: replay its game N and write it as a record")
    parser.add_argument("--out", metavar="FILE.json", help="with --game: where to write the record "
                        "(default: RESULTS.gameN.json beside the results file)")
    parser.add_argument("--save", metavar="NAME", help="with --game: also write it as a save the window opens")


def read_record(path: Path) -> tuple[dict, str | None]:
    """The record in a record file or a save file, and the scenario file a save names (if any)."""
    from game.saves import SAVE_FORMAT, SaveError, read_save

    if not os.path.lexists(path):
        raise ReplayProblem(f"{path}: no such file", 2)
    try:
        data = read_json(path)
    except JsonFileError as exc:
        raise ReplayProblem(str(exc)) from None
    if isinstance(data, dict) and data.get("format") == SAVE_FORMAT:
        try:
            save = read_save(path)
        except SaveError as exc:
            raise ReplayProblem(str(exc)) from None
        return save["record"], save["scenario"].get("source") or None
    if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
        what = json_kind(data) if not isinstance(data, dict) else "an object without the record format tag"
        raise ReplayProblem(f"{path}: not a Hotline game record or save (JSON {what})")
    return data, None


def find_scenario_for(record: dict, name: str | None, source: str | None = None):
    """--scenario if given, else the bundled scenario with the record's id, else a save's scenario file."""
    from game.saves import usable_source
    from game.scenario.errors import ScenarioError
    from game.scenario.load import ScenarioNotFound, available_scenarios, load_scenario

    meta = record.get("scenario")
    scenario_id = meta.get("id") if isinstance(meta, dict) else None
    if name is None and not isinstance(scenario_id, str):
        raise ReplayProblem("the record does not name its scenario; give --scenario")
    bundled = [p for p in available_scenarios() if p.stem == scenario_id]
    if name is None:   # what a file names is looked up among the bundled scenarios, never opened as a path
        name = str(bundled[0]) if bundled else source if usable_source(source) else None
        if name is None:
            raise ReplayProblem(f"the record is for scenario '{printable(scenario_id, 80)}', which is not bundled: "
                                f"give its file with --scenario PATH", 2)
    try:
        return load_scenario(name)
    except ScenarioNotFound as exc:
        raise ReplayProblem(printable(str(exc), 500), 2) from None
    except OSError as exc:
        raise ReplayProblem(f"{printable(str(name), 200)}: {exc.strerror or exc}", 2) from None
    except ScenarioError as exc:
        raise ReplayProblem(str(exc)) from None


def replay(path: Path, scenario_name: str | None = None) -> str:
    """The success line; ReplayProblem if the record cannot be replayed or diverges."""
    record, source = read_record(path)
    scenario = find_scenario_for(record, scenario_name, source)
    try:
        check_header(record, scenario)
    except RecordError as exc:
        raise ReplayProblem(f"{path}: refused: {printable(str(exc))}") from None
    try:
        diff = verify(record, scenario)
    except RecordError as exc:
        raise ReplayProblem(f"{path}: diverges: {printable(str(exc))}") from None
    if diff:
        raise ReplayProblem(f"{path}: diverges at {printable(diff)}")
    outcome = record.get("outcome")
    outcome_id = outcome.get("id") if isinstance(outcome, dict) else "none (unfinished)"
    return f"reproduced exactly: {len(record['choices'])} turns, outcome {outcome_id}"


def run(args: argparse.Namespace) -> int:
    try:
        if args.game is not None:
            from game.cli.replay_run import replay_run_game

            print(replay_run_game(Path(args.file), args.game, args.scenario, args.out, args.save))
        elif args.out or args.save:
            raise ReplayProblem("--out and --save go with --game N (a game of a results file)", 2)
        else:
            print(replay(Path(args.file), args.scenario))
    except ReplayProblem as exc:
        print(f"replay: {exc}", file=sys.stderr)
        return exc.code
    return 0

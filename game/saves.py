"""Saved games: versioned JSON files (never pickle), written atomically, loaded by replaying.

A save holds the game record (seed + every choice), the players and their agents' states, and a
snapshot of the state. Loading parses, migrates older save versions, checks the scenario version,
replays the recorded choices, compares the result with the snapshot and restores the agents, so
a loaded match continues exactly as the uninterrupted game would have.

A save never makes the program run code: built-in players are rebuilt by name only; a plugin
player is only mentioned, and whoever continues the game names it again on the command line.
Students swap save files, so every field is checked and anything wrong is one SaveError line.
"""
from __future__ import annotations

import functools

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from game.errors import HotlineError
from game.files import FileProblem
from game.jsonfile import MAX_JSON_BYTES, JsonFileError, json_kind, read_json, write_atomic
from game.safetext import printable, safe_getattr, safe_str, type_name

if TYPE_CHECKING:
    from game.match import Match

# The engine, the runner and the agents are imported only where a game is saved or continued:
# reading and listing saves (the window's start screen) stays light and fast.

SAVE_FORMAT = "hotline-save"
SAVE_VERSION = 1
HUMAN = "human"
ROOT = Path(__file__).resolve().parents[1]
AUTOSAVE = "autosave"

#: from-version -> function turning a save of that version into one of the next version
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


class SaveError(HotlineError):
    """A save that cannot be written, read or continued; the message names the file."""


def dumps(data: dict) -> str:
    """Canonical JSON, as records are written (game.engine.record.dumps)."""
    from game.engine.record import dumps as record_dumps

    return record_dumps(data)


def builtin_agents() -> dict[str, type]:
    from game.agents.base import builtin_agents as catalogue

    return catalogue()


def default_dir() -> Path:
    """Where saves go: $HOTLINE_SAVES_DIR, else the project's `saves/` folder."""
    return Path(os.environ.get("HOTLINE_SAVES_DIR") or ROOT / "saves")


def save_path(name: str | os.PathLike, directory: str | os.PathLike | None = None) -> Path:
    """A save's file: a path as given (ending .json or with a folder), else `<dir>/<name>.json`."""
    text = os.fspath(name)
    if not text.strip():
        raise SaveError("a save needs a name")
    if text.endswith(("/", os.sep)) or os.path.basename(text) in (".", ".."):
        raise SaveError(f"{printable(text)}: names a folder, not a save; give a save name")
    path = Path(text)
    if path.suffix == ".json" or len(path.parts) > 1:
        return path
    return Path(directory if directory is not None else default_dir()) / f"{text}.json"


# ---------------------------------------------------------------------------- writing

def agent_spec(agent) -> str:
    """How a save names an agent: 'human', a built-in's name, or the plugin's command-line name."""
    from game.agents.base import spec_of

    if agent is None or safe_getattr(agent, "human", False) is True:
        return HUMAN
    spec = spec_of(agent)
    if spec is not None:
        return spec
    for name, cls in builtin_agents().items():
        if type(agent) is cls:
            return name
    module = type.__dict__["__module__"].__get__(type(agent))
    qualname = type.__dict__["__qualname__"].__get__(type(agent))
    return f"{safe_str(module, 200)}:{safe_str(qualname, 200)}"


def agent_states(match: Match) -> dict[str, object]:
    """Each side's agent state now (None for agents without get_state); take it before a turn.
    A get_state that fails is the agent's fault, recorded, and saves None."""
    return match.agent_states()


def is_plugin(spec: str) -> bool:
    """Whether a saved player is a plugin (neither a person nor a built-in agent)."""
    return spec != HUMAN and spec not in builtin_agents()


def save_data(match: Match, states: Mapping[str, object] | None = None, front_end: dict | None = None) -> dict:
    """The save as plain JSON values. `states` defaults to the agents' states now; `front_end` is what
    a front end keeps of a turn in progress (the window's choices not yet sent); others ignore it."""
    sc, game = match.scenario, match.game
    states = agent_states(match) if states is None else states
    try:
        source = str(Path(sc.source).resolve()) if sc.source else ""
    except (OSError, RuntimeError, ValueError):
        source = str(sc.source)
    return {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "saved_turn": game.turn,
        "scenario": {"id": sc.id, "hash": sc.content_hash, "title": sc.model.title, "source": source},
        "record": match.record(),
        "players": {side: {"agent": agent_spec(agent), "state": states.get(side)}
                    for side, agent in zip(sc.sides, match.agents)},
        "snapshot": game.snapshot(),
        **({"front_end": front_end} if front_end else {}),
    }


def save_game(match: Match, path: str | os.PathLike, states: Mapping[str, object] | None = None,
              front_end: dict | None = None) -> Path:
    """Save `match` atomically to `path`; returns the path. Raises SaveError if it cannot."""
    path = Path(path)
    try:
        text = dumps(save_data(match, states, front_end))
    except (TypeError, ValueError, RecursionError) as exc:
        raise SaveError(f"{path}: cannot save this game: {safe_str(exc)}") from exc
    if len(text) > MAX_JSON_BYTES // 4 and len(text.encode("utf-8")) > MAX_JSON_BYTES:
        raise SaveError(f"{path}: cannot save this game: it would be {len(text.encode()):,} bytes, over the "
                        f"{MAX_JSON_BYTES:,} bytes a save may have (an agent's state is too large?)")
    try:
        write_atomic(path, text)
    except FileProblem as exc:
        raise SaveError(f"cannot write the save: {exc}") from exc
    except OSError as exc:
        raise SaveError(f"{path}: cannot write the save: {exc.strerror or exc}") from exc
    return path


# ---------------------------------------------------------------------------- reading

def read_save(path: str | os.PathLike) -> dict:
    """Parse a save file and migrate it to the current version; SaveError names what is wrong."""
    path = Path(path)
    try:
        data = read_json(path)
    except JsonFileError as exc:
        raise SaveError(str(exc).replace(": no such file", ": no such save")
                        .replace(": the file is ", ": the save is ")) from None
    if isinstance(data, dict) and data.get("format") == "hotline-record":
        raise SaveError(f"{path}: not a save but a game record (check it with: python run.py replay {path})")
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        what = f"JSON {json_kind(data)}" if not isinstance(data, dict) else "a JSON object without the save format tag"
        raise SaveError(f"{path}: not a Hotline save ({what})")
    return _check_shape(path, migrate(data, path))


def migrate(data: dict, path: str | os.PathLike = "save",
            migrations: Mapping[int, Callable[[dict], dict]] | None = None,
            current: int | None = None) -> dict:
    """Bring a save from its version to the current one, one registered step at a time."""
    migrations = MIGRATIONS if migrations is None else migrations
    current = SAVE_VERSION if current is None else current
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise SaveError(f"{path}: the save has no valid version number ({version!r})")
    if version > current:
        raise SaveError(f"{path}: save version {version} was made by a newer Hotline "
                        f"(this one reads versions up to {current}); update Hotline to load it")
    while version < current:
        step = migrations.get(version)
        if step is None:
            raise SaveError(f"{path}: save version {version} is too old: no migration to version {version + 1}")
        try:
            data = step(dict(data))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SaveError(f"{path}: cannot migrate save version {version}: {type(exc).__name__}: {exc}") from exc
        if data.get("version") != version + 1:
            raise SaveError(f"{path}: the migration from save version {version} did not produce "
                            f"version {version + 1}")
        version += 1
    return data


#: the longest player name a save may hold (a module path or a file path and a class)
MAX_SPEC = 1000


def _check_shape(path: Path, data: dict) -> dict:
    """Check every field's type (a hand-edited or damaged save fails here, clearly)."""
    expected = {"saved_turn": int, "scenario": dict, "record": dict, "players": dict, "snapshot": dict}
    for key, kind in expected.items():
        if key not in data:
            raise SaveError(f"{path}: the save has no '{key}'")
        if not isinstance(data[key], kind) or isinstance(data[key], bool):
            raise SaveError(f"{path}: '{key}' should be a JSON {'number' if kind is int else 'object'}")
    for side, player in data["players"].items():
        if not isinstance(player, dict) or not isinstance(player.get("agent"), str):
            raise SaveError(f"{path}: players.{printable(side, 40)} should be an object with an 'agent' name")
        if not player["agent"].strip() or len(player["agent"]) > MAX_SPEC:
            raise SaveError(f"{path}: players.{printable(side, 40)}.agent is not a player name")
    meta = data["scenario"]
    if not isinstance(meta.get("id"), str) or not isinstance(meta.get("hash"), str):
        raise SaveError(f"{path}: the save does not name its scenario (id and hash)")
    for key in ("title", "source"):
        if not isinstance(meta.get(key, ""), str):
            raise SaveError(f"{path}: scenario.{key} should be text, not {json_kind(meta[key])}")
    faults = data["record"].get("faults", [])
    if not isinstance(faults, list) or not all(_is_fault(f) for f in faults):
        raise SaveError(f"{path}: the saved faults are damaged (each needs turn, side, agent and message)")
    return data


def _is_fault(item) -> bool:
    return (isinstance(item, dict) and set(item) == {"turn", "side", "agent", "message"}
            and type(item["turn"]) is int and all(isinstance(item[k], str) for k in ("side", "agent", "message")))


@dataclass
class SaveSummary:
    """One line about a save for a listing; `problem` is set (and the rest may be empty) if broken."""

    path: Path
    name: str
    problem: str | None = None
    scenario: str = ""
    title: str = ""
    saved_turn: int = 0
    players: dict[str, str] = field(default_factory=dict)
    outcome: str | None = None
    side_names: dict[str, str] = field(default_factory=dict)   # side id -> name, when the scenario is readable
    outcome_label: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def who(self, person: str = "student") -> str:
        """'Moscow: student, Washington: normal': the sides by name, people as `person`."""
        return ", ".join(f"{self.side_names.get(side, side)}: {person if agent == HUMAN else agent}"
                         for side, agent in self.players.items())

    def describe(self) -> str:
        if self.problem:
            return f"{self.name}: BROKEN — {self.problem}"
        state = f"ended ({self.outcome_label or self.outcome})" if self.outcome else f"turn {self.saved_turn}"
        return f"{self.name}: {self.title or self.scenario}, {state}; {self.who()}"


def summarise(path: str | os.PathLike) -> SaveSummary:
    """A save's summary; never raises for a broken file, which gets its problem instead."""
    path = Path(path)
    summary = SaveSummary(path=path, name=path.stem)
    try:
        data = read_save(path)
    except SaveError as exc:
        summary.problem = str(exc)
        return summary
    outcome = data["record"].get("outcome")
    outcome_id = outcome.get("id") if isinstance(outcome, dict) else None
    summary.scenario = printable(data["scenario"]["id"], 80)
    summary.title = printable(data["scenario"].get("title", ""), 120)
    summary.saved_turn = data["saved_turn"]
    summary.players = {printable(side, 40): printable(p["agent"], 120) for side, p in data["players"].items()}
    summary.outcome = printable(str(outcome_id), 80) if outcome_id is not None else None
    model = _scenario_model(data["scenario"].get("source"))
    if model is not None:   # names for people; ids when the scenario file has gone or changed beyond reading
        summary.side_names = {side: printable(model.sides[side].name, 60) for side in summary.players
                              if side in model.sides}
        summary.outcome_label = next((printable(o.label, 120) for o in model.outcomes if o.id == outcome_id), None)
    return summary


@functools.lru_cache(maxsize=32)
def _scenario_model(source):
    """The validated model of the scenario file a save names (names and labels only), or None."""
    from game.errors import HotlineError
    from game.scenario.validate import validate_file

    if not isinstance(source, str) or not source:
        return None
    try:
        return validate_file(source)
    except (HotlineError, OSError, ValueError):
        return None


def list_saves(directory: str | os.PathLike | None = None) -> list[SaveSummary]:
    """Every `*.json` save in `directory`, sorted by name; broken ones carry their problem."""
    directory = Path(directory if directory is not None else default_dir())
    if not directory.is_dir():
        return []
    try:
        paths = sorted(directory.glob("*.json"))
    except OSError:
        return []
    return [summarise(p) for p in paths if not p.name.startswith(".")]


# ---------------------------------------------------------------------------- continuing

def _find_scenario(path: Path, meta: dict):
    """The save's scenario: the bundled one with its id, else the file it was loaded from."""
    from game.scenario.errors import ScenarioError
    from game.scenario.load import ScenarioNotFound, available_scenarios, load_scenario

    candidates = [p.resolve() for p in available_scenarios() if p.stem == meta["id"]]
    source = meta.get("source")
    if usable_source(source) and Path(source).resolve() not in candidates:
        candidates.append(Path(source).resolve())
    problems = []
    for candidate in candidates:
        try:
            scenario = load_scenario(candidate)
        except (ScenarioError, ScenarioNotFound, OSError) as exc:
            problems.append(f"{candidate}: {str(exc).splitlines()[0]}")
            continue
        if scenario.id == meta["id"] and scenario.content_hash == meta["hash"]:
            return scenario
        problems.append(f"{candidate} has content hash {scenario.content_hash[:12]}…")
    if not candidates:
        raise SaveError(f"{path}: scenario '{printable(meta['id'], 80)}' is not bundled and its file "
                        f"{printable(source or '(unknown)')} is gone; give the scenario file with --scenario PATH")
    raise SaveError(f"{path}: the save was made with another version of scenario '{printable(meta['id'], 80)}' "
                    f"(content hash {printable(meta['hash'][:12])}…; {'; '.join(problems)}): "
                    f"it cannot be continued exactly")


def usable_source(source) -> bool:
    """Whether a scenario path read from a save or record may be opened: a regular .yaml file.
    (A save is someone else's file: it must not make us read devices, pipes or any file.)"""
    if not isinstance(source, str) or not source or len(source) > 4096 or "\0" in source:
        return False
    try:
        path = Path(source)
        return path.suffix.lower() in (".yaml", ".yml") and path.is_file()
    except (OSError, ValueError):
        return False


def _check_scenario(path: Path, meta: dict, scenario) -> None:
    if meta["id"] != scenario.id:
        raise SaveError(f"{path}: the save is for scenario '{printable(meta['id'], 80)}', not '{scenario.id}'")
    if meta["hash"] != scenario.content_hash:
        raise SaveError(f"{path}: the save was made with another version of scenario '{scenario.id}' "
                        f"(content hash {printable(meta['hash'][:12])}…, this one is {scenario.content_hash[:12]}…); "
                        f"it cannot be continued exactly")


class PluginNeeded(SaveError):
    """A save whose player was a plugin: the person continuing must name it again."""

    def __init__(self, path: Path, side: str, side_name: str, spec: str):
        self.side, self.spec = side, spec
        flag = f"--{side} {spec}" if side in ("moscow", "washington") else f"--agent {side}={spec}"
        super().__init__(f"{path}: this save's {side_name} was the plugin '{printable(spec)}'; a save never "
                         f"loads code by itself: continue with {printable(flag)}")


def plugin_flag_matches(saved: str, given: str) -> bool:
    """Whether the player named on the command line is the plugin the save names."""
    from game.agents.base import normalize_spec

    try:
        return normalize_spec(given) == normalize_spec(saved)
    except ValueError:
        return given == saved


def _make_player(path: Path, scenario, side: str, spec: str, given: Mapping[str, object]):
    if side in given:
        return given[side]
    if spec == HUMAN:
        return None
    builtins = builtin_agents()
    if spec in builtins:
        return builtins[spec]()
    raise PluginNeeded(path, side, scenario.model.sides[side].name, spec)


def load_game(path: str | os.PathLike, scenario=None, *, agents: Mapping[str, object] | None = None,
              **match_options) -> Match:
    """A Match ready to continue a saved game.

    `scenario` defaults to the bundled one named by the save; `agents` replaces the saved players
    of some sides (e.g. {"moscow": a_human_agent}); human sides not given play from outside (None).
    """
    from game.engine.record import RecordError, first_difference, replay_game
    from game.match import Fault, Match

    path = Path(path)
    data = read_save(path)
    meta = data["scenario"]
    if scenario is None:
        scenario = _find_scenario(path, meta)
    _check_scenario(path, meta, scenario)
    players = data["players"]
    if set(players) != set(scenario.sides):
        raise SaveError(f"{path}: the save's players {printable(str(sorted(players)))} are not the scenario's sides")
    record = data["record"]
    try:
        game = replay_game(record, scenario)
    except RecordError as exc:
        raise SaveError(f"{path}: the saved game does not replay: {printable(str(exc))}") from None
    diff = first_difference(data["snapshot"], json.loads(dumps(game.snapshot())))
    if diff:
        raise SaveError(f"{path}: the saved state does not match the replayed game ({printable(diff)})")

    given = agents or {}
    faults = [Fault(**f) for f in record.get("faults", [])]
    match = Match(scenario, [_make_player(path, scenario, side, players[side]["agent"], given)
                             for side in scenario.sides],
                  seed=record["seed"], game=game, faults=faults, **match_options)
    try:
        _restore_states(path, match, players)
    except BaseException:
        match.close()
        raise
    return match


def _restore_states(path: Path, match: Match, players: dict) -> None:
    for side, agent in zip(match.scenario.sides, match.agents):
        state = players[side].get("state")
        if state is None or agent is None:
            continue
        set_state = safe_getattr(agent, "set_state", None)
        if not callable(set_state):
            raise SaveError(f"{path}: {side}'s agent has a saved state but cannot restore it (no set_state)")
        try:
            set_state(state)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - a plugin's set_state may raise anything
            raise SaveError(f"{path}: cannot restore {side}'s agent state: {type_name(exc)}: {safe_str(exc)}") from None


def saved_players(path: str | os.PathLike) -> dict[str, str]:
    """side -> agent name of a save ('human' for people), without replaying it."""
    return {side: p["agent"] for side, p in read_save(path)["players"].items()}

"""Game records: versioned JSON with the seed and every choice, and re-running them exactly.

A record names its scenario by id and content hash and the engine's rules version; replaying
its choices from its seed must reproduce every turn's facts and the final state (facts, never
wording: rewording a headline never makes an old record diverge). Pure: the caller reads and
writes the files.
"""
from __future__ import annotations

import json

from game.engine.game import ENGINE_VERSION, Choice, Game, GameOver, IllegalChoice
from game.engine.negotiation import MessageError, message_from_json
from game.engine.rng import seed_key
from game.errors import HotlineError

RECORD_FORMAT = "hotline-record"
RECORD_VERSION = 1


class RecordError(HotlineError, ValueError):
    """A record that is malformed, or for another scenario version than the one given."""


def dumps(data: dict) -> str:
    """Canonical JSON: sorted keys, so equal games give byte-identical text."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def choice_to_json(game: Game, choice: Choice) -> dict:
    return {"action": choice.action.id, "message": choice.message.to_json(game.scenario)}


def choice_from_json(game: Game, side: int, data) -> Choice:
    """Rebuild a recorded choice against `game`'s current legal actions."""
    if not isinstance(data, dict) or not isinstance(data.get("action"), str):
        raise RecordError(f"turn {game.turn}: not a choice: {data!r}")
    action = next((a for a in game.legal_actions(side) if a.id == data["action"]), None)
    if action is None:
        raise RecordError(f"turn {game.turn}: {game.scenario.sides[side]} action '{data['action']}' "
                          f"is not legal at this point")
    try:
        parsed = message_from_json(data.get("message"), game.scenario)
    except MessageError as exc:
        raise RecordError(f"turn {game.turn}: {exc}") from exc
    message = next((m for m in game.legal_messages(side) if m.key == parsed.key), None)
    if message is None:
        raise RecordError(f"turn {game.turn}: {game.scenario.sides[side]} message "
                          f"'{parsed.describe(game.scenario)}' is not legal at this point")
    return Choice(action, message)


def build_record(game: Game, agents=("?", "?"), faults=()) -> dict:
    sc = game.scenario
    outcome = None
    if game.outcome is not None:
        scores = game.scores()
        outcome = {"id": game.outcome.id, "label": game.outcome.spec.label, "turn": game.turn - 1,
                   "scores": dict(zip(sc.sides, scores))}
    return {
        "format": RECORD_FORMAT,
        "version": RECORD_VERSION,
        "engine": ENGINE_VERSION,
        "scenario": {"id": sc.id, "hash": sc.content_hash, "title": sc.model.title},
        "seed": game.seed,
        "agents": dict(zip(sc.sides, agents)),
        "choices": [{sc.sides[s]: choice_to_json(game, c[s]) for s in (0, 1)} for c in game.choices],
        "turns": game.turns,
        "faults": list(faults),
        "outcome": outcome,
        "final": game.snapshot(),
        **({"keyed": game.keyed.to_json()} if game.keyed is not None else {}),
    }


def check_header(record, scenario) -> None:
    """Refuse a record that is not one, or that was made with another version of the scenario."""
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
        raise RecordError("not a Hotline game record")
    if record.get("version") != RECORD_VERSION:
        raise RecordError(f"record format version {record.get('version')!r} is not supported "
                          f"(this engine reads version {RECORD_VERSION})")
    engine = record.get("engine")
    if engine != ENGINE_VERSION:
        made = f"engine version {engine}" if isinstance(engine, int) else f"Hotline {str(engine)[:20]} (engine version 1)"
        raise RecordError(f"the record was made by {made}; this is engine version {ENGINE_VERSION}, whose "
                          f"rules differ, so it cannot be replayed exactly")
    meta = record.get("scenario") if isinstance(record.get("scenario"), dict) else {}
    if meta.get("id") != scenario.id:
        raise RecordError(f"the record is for scenario '{meta.get('id')}', not '{scenario.id}'")
    if meta.get("hash") != scenario.content_hash:
        raise RecordError(f"the record was made with another version of scenario '{scenario.id}' "
                          f"(content hash {str(meta.get('hash'))[:12]}…, this one is "
                          f"{scenario.content_hash[:12]}…): it cannot be replayed exactly")
    try:
        seed_key(record.get("seed"))
    except ValueError:
        raise RecordError(f"the record's seed {record.get('seed')!r} is not a seed") from None
    if not isinstance(record.get("choices"), list) or not isinstance(record.get("turns", []), list):
        raise RecordError("the record's choices or turns are not lists")
    if "keyed" in record:
        keyed_draws(record)


def keyed_draws(record: dict) -> tuple[int, int] | None:
    """(run seed, game) of a batch game's record (its events drew keyed numbers), else None."""
    data = record.get("keyed")
    if data is None:
        return None
    ok = isinstance(data, dict) and all(isinstance(data.get(k), int) and not isinstance(data.get(k), bool)
                                        and data.get(k) >= 0 for k in ("seed", "game"))
    if not ok:
        raise RecordError(f"the record's keyed draws {data!r} are not a run seed and a game number")
    return data["seed"], data["game"]


def replay_game(record: dict, scenario, *, upto: int | None = None, log: bool = True) -> Game:
    """Re-run a record's choices (all, or the first `upto` turns) on a fresh game."""
    check_header(record, scenario)
    game = Game(scenario, record["seed"], log=log, keyed=keyed_draws(record))
    for entry in record["choices"][:upto]:
        if not isinstance(entry, dict):
            raise RecordError(f"turn {game.turn}: not a pair of choices: {entry!r}")
        choices = [choice_from_json(game, s, entry.get(side)) for s, side in enumerate(scenario.sides)]
        try:
            game.step(*choices)
        except (GameOver, IllegalChoice) as exc:
            raise RecordError(f"turn {game.turn}: {exc}") from exc
    return game


def first_difference(a, b, path: str = "") -> str | None:
    """Where two JSON values first differ, as a readable path, or None when equal."""
    if type(a) is not type(b):
        return f"{path or 'top'}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}: only in {'the record' if key in a else 'the replay'}"
            diff = first_difference(a[key], b[key], f"{path}.{key}" if path else key)
            if diff:
                return diff
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            diff = first_difference(x, y, f"{path}[{i}]")
            if diff:
                return diff
        if len(a) != len(b):
            return f"{path}: {len(a)} items in the record, {len(b)} in the replay"
        return None
    return None if a == b else f"{path}: recorded {a!r}, replayed {b!r}"


def verify(record: dict, scenario) -> str | None:
    """Replay a record; None when it reproduces exactly, else where it first diverges.

    Everything a replay reproduces is compared: each turn's log (when the record has one), the
    outcome and the final state. Who played and their faults are facts of the original game."""
    game = replay_game(record, scenario)
    replayed = json.loads(dumps(build_record(game)))
    try:
        recorded = json.loads(dumps(record))
    except (TypeError, ValueError) as exc:
        raise RecordError(f"the record is not plain JSON: {exc}") from None
    for key in ("agents", "faults"):
        replayed[key] = recorded.get(key)
    if recorded.get("turns"):
        for i, (r, p) in enumerate(zip(recorded["turns"], replayed["turns"])):
            diff = first_difference(r, p)
            if diff:
                return f"turn {i + 1}: {diff}"
    else:   # a record made without the turn log (batch runs) compares the rest
        replayed["turns"] = recorded.get("turns")
    return first_difference(recorded, replayed)

"""The fuzzers' seeds, and the kept corpus of hostile files (`python -m tests.fuzz.make_corpus`
rewrites corpus/).

Valid seeds are made fresh by `valid_files()` from the current engine and scenarios (a kept copy
would go stale with every change of a scenario), each small so a damaged copy replays in
milliseconds. corpus/ keeps the hostile files of the issue, each a kind of damage that once gave
a traceback, a hang or a blow-up; they must be refused with one clear line whatever the version.
"""
from __future__ import annotations

import json
from pathlib import Path

from game.engine.record import dumps
from game.match import Match
from game.saves import save_data
from game.scenario.load import load_scenario

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
DUEL = HERE.parent / "engine" / "fixtures" / "duel.yaml"


def played(scenario, agents, seed: int, turns: int | None) -> Match:
    match = Match(scenario, agents, seed=seed)
    while not match.over and (turns is None or match.game.turn <= turns):
        match.step()
    return match


def valid_files() -> dict[str, tuple[str, dict]]:
    """name -> (scenario id, JSON data) of valid saves ('save_*') and records ('record_*')."""
    duel, ukraine = load_scenario(DUEL), load_scenario("ukraine_2022")
    cases = {
        "duel_mid": (duel, ["random", "random"], 3, 2),
        "duel_end": (duel, ["random", "random"], 5, None),
        "duel_plugin": (duel, ["random", "tests.agents.hostile_plugins:Good"], 7, 3),
        "ukraine_mid": (ukraine, ["random", "random"], 11, 4),
    }
    files = {}
    for name, (scenario, agents, seed, turns) in cases.items():
        match = played(scenario, agents, seed, turns)
        files[f"save_{name}"] = (scenario.id, json.loads(dumps(save_data(match))))
        files[f"record_{name}"] = (scenario.id, json.loads(dumps(match.record())))
    return files


#: name -> (damage to a valid duel save, as raw-JSON text replacements or a function)
HOSTILE = {
    "plugin_os_abort": lambda d: d["players"]["south"].update(agent="os:abort"),
    "plugin_sigsegv": lambda d: d["players"]["south"].update(agent="faulthandler:_sigsegv"),
    "plugin_signal_pause": lambda d: d["players"]["south"].update(agent="signal:pause"),
    "plugin_sys_exit": lambda d: d["players"]["south"].update(agent="sys:exit"),
    "plugin_colon": lambda d: d["players"]["south"].update(agent=":"),
    "plugin_relative": lambda d: d["players"]["south"].update(agent=".x:Y"),
    "snapshot_nan": lambda d: d["snapshot"]["variables"].update(troops="@@NAN@@"),
    "snapshot_infinity": lambda d: d["snapshot"].update(turn="@@INF@@"),
    "seed_5000_digits": lambda d: d["record"].update(seed="@@HUGEINT@@"),
    "escalation_1e999": lambda d: d["snapshot"]["escalation"].update(north="@@HUGEFLOAT@@"),
    "source_number": lambda d: d["scenario"].update(source=5),
    "source_device": lambda d: d["scenario"].update(id="elsewhere", source="/dev/zero"),
    "source_passwd": lambda d: d["scenario"].update(id="elsewhere", source="/etc/passwd"),
    "title_list": lambda d: d["scenario"].update(title=["x"]),
    "faults_not_objects": lambda d: d["record"].update(faults=[1, "x"]),
    "fault_huge_message": lambda d: d["record"].update(faults=[{"turn": 1, "side": "north", "agent": "x",
                                                                "message": "m" * 100_000}]),
    "deep_nesting": lambda d: d["players"]["north"].update(state="@@DEEP@@"),
    "deep_dict": lambda d: d["record"].update(choices="@@DEEPDICT@@"),
    "players_wrong_sides": lambda d: d.update(players={"kyiv": {"agent": "random"}}),
    "version_huge": lambda d: d.update(version=2 ** 70),
    "version_negative": lambda d: d.update(version=-1),
    "choice_unknown_action": lambda d: d["record"]["choices"][0]["north"].update(action="full_invasion"),
    "control_characters": lambda d: d["scenario"].update(id="x\n/etc/x.yaml:1:1: fake error\x1b[2J"),
}


def main() -> None:
    from tests.fuzz.mutate import to_bytes

    CORPUS.mkdir(exist_ok=True)
    for old in CORPUS.glob("*.json"):
        old.unlink()
    _, base = valid_files()["save_duel_mid"]
    for name, damage in HOSTILE.items():
        data = json.loads(json.dumps(base))
        data["scenario"]["source"] = ""
        damage(data)
        (CORPUS / f"{name}.json").write_bytes(to_bytes(data))
    print(f"wrote {len(HOSTILE)} hostile saves to {CORPUS}")


if __name__ == "__main__":
    main()

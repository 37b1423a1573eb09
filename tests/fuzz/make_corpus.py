"""Regenerate the fuzz corpus of valid saves and records (`python -m tests.fuzz.make_corpus`).

The seeds are real files made by the program itself, small so each mutation replays in
milliseconds: saves and records of the duel test scenario (its path is put back at test time)
and one of the bundled scenario. The fuzzer damages copies of them; the hand-written hostile
seeds in corpus/*.txt are kept as they are.
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


def main() -> None:
    CORPUS.mkdir(exist_ok=True)
    duel, ukraine = load_scenario(DUEL), load_scenario("ukraine_2022")
    cases = {
        "duel_mid": (duel, ["random", "random"], 3, 2),
        "duel_end": (duel, ["random", "random"], 5, None),
        "duel_plugin": (duel, ["random", "tests.agents.hostile_plugins:Good"], 7, 3),
        "ukraine_mid": (ukraine, ["random", "random"], 11, 4),
    }
    for name, (scenario, agents, seed, turns) in cases.items():
        match = played(scenario, agents, seed, turns)
        data = save_data(match)
        data["scenario"]["source"] = "" if scenario is ukraine else "DUEL"
        (CORPUS / f"save_{name}.json").write_text(dumps(data))
        (CORPUS / f"record_{name}.json").write_text(dumps(match.record()))
    print(f"wrote {len(cases) * 2} files to {CORPUS}")


if __name__ == "__main__":
    main()

"""Run identity and per-game seeds: game i is the same game whatever the job count or backend."""
from __future__ import annotations

import numpy as np

from game.batch.spec import RunSpec, game_seed


def spec(**changes):
    base = dict(scenario_id="s", scenario_hash="h" * 64, sides=("a", "b"), agents=("random", "random"), seed=3)
    return RunSpec(**{**base, **changes})


def test_game_seed_is_the_ith_child_that_seedsequence_spawn_gives():
    children = np.random.SeedSequence(12345).spawn(50)
    for i in (0, 1, 17, 49):
        direct = game_seed(12345, i)
        assert (direct.entropy, direct.spawn_key) == (children[i].entropy, children[i].spawn_key)
        assert (direct.generate_state(4) == children[i].generate_state(4)).all()


def test_run_id_depends_on_what_decides_the_games_and_nothing_else():
    assert spec().run_id == spec().run_id
    for change in (dict(seed=4), dict(agents=("random", "hawk")), dict(scenario_hash="x" * 64),
                   dict(on_fault="hold"), dict(engine="9.9")):
        assert spec(**change).run_id != spec().run_id, change


def test_run_description_round_trips_and_names_its_differences():
    again = RunSpec.from_json(spec().to_json())
    assert again == spec()
    diffs = spec(seed=4, agents=("random", "hawk")).differences(spec())
    assert any("seed: 4 here, 3 in the file" in d for d in diffs)
    assert any("agents:" in d and "b=hawk" in d for d in diffs)

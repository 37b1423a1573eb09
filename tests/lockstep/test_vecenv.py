"""The vectorised environment: arrays in and out, legal masks, rewards at the end, auto-reset,
reproducible from its seed, observations laid out as the one-game engine's vector."""
from __future__ import annotations

import numpy as np
import pytest

from game.engine.observation import observation_layout
from game.lockstep.vecenv import VectorEnv
from game.scenario.load import load_scenario


@pytest.fixture(scope="module")
def ukraine():
    return load_scenario("ukraine_2022")


def random_policy(rng, masks):
    pick = lambda m: np.array([rng.choice(np.flatnonzero(row)) for row in m])   # noqa: E731
    return pick(masks["actions"]), pick(masks["messages"])


def run(env, steps, seed=0):
    rng = np.random.default_rng(seed)
    obs, masks = env.reset()
    trace = []
    for _ in range(steps):
        obs, reward, terminated, truncated, info = env.step(*random_policy(rng, masks))
        masks = info["masks"]
        trace.append((obs.copy(), reward.copy(), terminated.copy(), info["illegal"].copy()))
    return trace


def test_arrays_in_and_out_with_legal_masks_and_auto_reset(ukraine):
    env = VectorEnv(ukraine, 64, side="washington", opponent="tit_for_tat", seed=3)
    trace = run(env, 60)
    obs, reward, terminated, illegal = trace[-1]
    assert obs.shape == (64, len(observation_layout(ukraine, 1))) and obs.dtype == np.float32
    assert not any(t[3].any() for t in trace)                      # the masks were legal choices
    ended = np.concatenate([t[2] for t in trace])
    rewards = np.concatenate([t[1] for t in trace])
    assert ended.sum() > 64                                        # games ended and new ones started
    assert np.all(rewards[~ended] == 0) and np.all(np.isfinite(rewards))
    assert np.all(np.isfinite(obs))


def test_the_environment_is_reproducible_from_its_seed(ukraine):
    a = run(VectorEnv(ukraine, 16, opponent="hawk", seed=9), 25)
    b = run(VectorEnv(ukraine, 16, opponent="hawk", seed=9), 25)
    assert all(np.array_equal(x[0], y[0]) and np.array_equal(x[1], y[1]) for x, y in zip(a, b))


def test_an_illegal_choice_becomes_the_safest_legal_one(ukraine):
    env = VectorEnv(ukraine, 8, seed=1)
    env.reset()
    obs, reward, terminated, truncated, info = env.step(np.full(8, 10_000), np.full(8, -5))
    assert info["illegal"].all()


def test_observations_match_the_one_game_vector_where_no_noise_enters(ukraine):
    from game.engine.game import Game

    env = VectorEnv(ukraine, 1, side=0, seed=0)
    obs, _ = env.reset()
    expected = Game(ukraine, 0).observation_vector(0)
    hidden = {3 * i + k for i in ukraine.sight[0][1] for k in (0,)}
    same = [k for k in range(len(expected)) if k not in hidden]
    assert np.allclose(obs[0, same], expected[same])

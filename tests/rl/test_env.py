"""The PettingZoo environment: PettingZoo's own API and seed tests, the engine's vector and stable
move numbers, and what happens to an illegal flat action."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pettingzoo", reason="the RL extra is not installed (pip install -e '.[rl]')")

from pettingzoo.test import api_test, parallel_api_test, parallel_seed_test, seed_test  # noqa: E402

from game.rl import aec_env, parallel_env  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")   # PettingZoo's style advice (agent names)

ROOT = Path(__file__).resolve().parents[2]
DUEL = ROOT / "tests" / "engine" / "fixtures" / "duel.yaml"


@pytest.mark.parametrize("scenario", ["ukraine_2022", str(DUEL)])
def test_parallel_env_passes_pettingzoos_parallel_api_and_seed_tests(scenario):
    parallel_api_test(parallel_env(scenario), num_cycles=200)
    parallel_seed_test(lambda: parallel_env(scenario), num_cycles=200)


@pytest.mark.parametrize("scenario", ["ukraine_2022", str(DUEL)])
def test_aec_conversion_passes_pettingzoos_api_and_seed_tests(scenario):
    api_test(aec_env(scenario), num_cycles=200)
    seed_test(lambda: aec_env(scenario), num_cycles=200)


def test_env_with_a_built_in_opponent_passes_the_api_test_and_has_one_learner():
    env = parallel_env(opponents={"washington": "negotiator"})
    assert env.possible_agents == ["moscow"]
    parallel_api_test(env, num_cycles=200)


def play(env, seed, rng):
    obs, _ = env.reset(seed=seed)
    trace = []
    while env.agents:
        actions = {a: int(rng.choice(np.flatnonzero(obs[a]["action_mask"]))) for a in env.agents}
        obs, rewards, terms, truncs, infos = env.step(actions)
        trace.append((actions, rewards, infos))
    return trace, env.game


def test_the_observation_is_the_engines_vector_and_the_mask_its_legal_moves(ukraine):
    """Rule: observation = game.observation_vector(side), bit for bit; mask = legal action x legal message."""
    env = parallel_env(ukraine)
    rng = np.random.default_rng(1)
    for seed in range(15):
        obs, _ = env.reset(seed=seed)
        while env.agents:
            for agent in env.agents:
                side = ukraine.sides.index(agent)
                assert np.array_equal(obs[agent]["observation"], env.game.observation_vector(side))
                legal = env.game.legal(side)
                expected = np.outer(legal.action_mask, legal.message_mask).ravel()
                assert np.array_equal(obs[agent]["action_mask"].astype(bool), expected)
            actions = {a: int(rng.choice(np.flatnonzero(obs[a]["action_mask"]))) for a in env.agents}
            obs, *_ = env.step(actions)


def test_a_flat_action_is_the_stably_numbered_action_and_message(ukraine):
    env = parallel_env(ukraine)
    obs, _ = env.reset(seed=3)
    legal = env.game.legal(0)
    action, message = legal.actions[-1], legal.messages[-1]
    flat = env.flat_action("moscow", action.index, message.index)
    assert env.decode("moscow", flat) == (action.index, message.index) and obs["moscow"]["action_mask"][flat] == 1
    env.step({"moscow": flat, "washington": int(np.flatnonzero(obs["washington"]["action_mask"])[0])})
    played = env.game.choices[0][0]
    assert played.action is action and played.message is message


def test_an_illegal_flat_action_holds_position_and_says_so(ukraine):
    env = parallel_env(ukraine)
    obs, _ = env.reset(seed=3)
    illegal = int(np.flatnonzero(obs["moscow"]["action_mask"] == 0)[0])
    _, _, _, _, infos = env.step({"moscow": illegal, "washington": int(np.flatnonzero(obs["washington"]["action_mask"])[0])})
    assert infos["moscow"].get("illegal_action") or infos["moscow"].get("illegal_message")
    assert not infos["washington"]


def test_rewards_are_the_final_scores_and_the_same_seed_replays_the_same_episode(ukraine):
    env = parallel_env(ukraine)
    trace, game = play(env, 7, np.random.default_rng(5))
    assert all(r == {"moscow": 0.0, "washington": 0.0} for _, r, _ in trace[:-1])
    assert tuple(trace[-1][1].values()) == game.scores() and "outcome" in trace[-1][2]["moscow"]
    again, _ = play(parallel_env(ukraine), 7, np.random.default_rng(5))
    assert [a for a, _, _ in again] == [a for a, _, _ in trace]


def test_readme_rl_example_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```python\n(.*?)```", readme, flags=re.S) if "game.rl" in b)
    out = subprocess.run([sys.executable, "-c", block], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "mean score" in out.stdout

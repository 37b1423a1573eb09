"""The PettingZoo environment's speed for `python run.py bench`: parallel steps (turns, both sides
acting) per second with uniformly random legal actions read from the action masks."""
from __future__ import annotations

import time

import numpy as np

ENV_TARGET = 20_000.0   # parallel steps per second


def bench_env(scenario, steps: int = 20_000, rounds: int = 3) -> dict:
    from game.rl.env import HotlineParallelEnv

    env = HotlineParallelEnv(scenario)
    rng = np.random.default_rng(0)
    integers, flatnonzero = rng.integers, np.flatnonzero
    rates, per_cpu = [], []
    for _ in range(max(1, rounds)):
        done = episodes = 0
        start, cpu = time.perf_counter(), time.process_time()
        while done < steps:
            obs, _ = env.reset(seed=episodes)
            episodes += 1
            while env.agents:
                actions = {}
                for agent in env.agents:
                    legal = flatnonzero(obs[agent]["action_mask"])
                    actions[agent] = legal[integers(len(legal))]
                obs, *_ = env.step(actions)
                done += 1
        rates.append(done / (time.perf_counter() - start))
        per_cpu.append(done / max(time.process_time() - cpu, 1e-9))
    best = max(rates)
    from game.batch.bench import load_average

    return {"scenario": scenario.id, "steps": steps, "steps_per_s": best, "load_average": load_average(), "agent_steps_per_s": best * 2,
            "steps_per_cpu_second": max(per_cpu),
            "steps_per_s_each_round": rates, "target_steps_per_s": ENV_TARGET, "ratio_to_target": best / ENV_TARGET}

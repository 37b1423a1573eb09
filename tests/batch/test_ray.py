"""The Ray backend on a local Ray instance: the same results file as the local process pool."""
from __future__ import annotations

import json

import pytest

from game.batch import simulate
from tests.batch.conftest import PLUGINS, ROOT, lines_by_game, sorted_text

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[cluster]')")


@pytest.fixture(scope="module")
def local_ray():
    """One single-CPU local instance for the module, on the loopback address only."""
    ray.init(num_cpus=1, include_dashboard=False, _node_ip_address="127.0.0.1", logging_level="ERROR",
             log_to_driver=False, runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})
    yield
    ray.shutdown()


def test_ray_backend_gives_the_same_sorted_results_as_the_local_pool(ukraine, tmp_path, local_ray):
    agents = ["random", "random"]
    local = simulate(ukraine, agents, 2000, 5, tmp_path / "local.jsonl", jobs=2, progress=False)
    remote = simulate(ukraine, agents, 2000, 5, tmp_path / "ray.jsonl", backend="ray", progress=False)
    assert remote.summary.games == 2000 and remote.backend == "ray"
    assert sorted_text(remote.path) == sorted_text(local.path)


def test_ray_backend_records_a_process_killing_agents_games_like_the_local_pool(ukraine, tmp_path, local_ray):
    agents = [f"{PLUGINS}:Killer", "random"]
    # seed 3: one of the first 16 games has the killer strike (each strike costs Ray a new worker)
    local = simulate(ukraine, agents, 16, 3, tmp_path / "local.jsonl", jobs=2, progress=False)
    remote = simulate(ukraine, agents, 16, 3, tmp_path / "ray.jsonl", backend="ray", progress=False)
    errors = [json.loads(x) for x in lines_by_game(remote.path).values() if '"status":"error"' in x]
    assert len(errors) == 1 and {e["error"] for e in errors} == {"its worker process died while playing this game"}
    assert sorted_text(remote.path) == sorted_text(local.path)

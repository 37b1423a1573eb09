"""The load benchmark measures the real path on real-sized files.

The 100 ms budget itself is checked by `python run.py bench` (figures in the README), not here:
a timed assertion would flake on a busy machine."""
from __future__ import annotations

from game.scenario.bench_load import bench_load
from game.scenario.validate import validate_file

from .conftest import BUNDLED, MINIMAL

def big_scenario(base: str, size: int = 60_000) -> str:
    """The minimal scenario grown to about `size` bytes with realistic actions and events."""
    head, tail = base.split("  washington:\n    - id: sanction", 1)
    tail = "    - id: sanction" + tail
    actions, events, i = [], [], 0
    while len(base) + sum(map(len, actions)) * 2 + sum(map(len, events)) < size:
        actions.append(
            f"    - id: move_{i}\n      label: Move number {i} on a long menu\n      kind: military\n"
            f"      category: posturing\n      phases: [standoff, crisis]\n"
            f"      requires: tension >= {i % 90} and troops < 190 or turn > {i % 9 + 1}\n"
            f"      effects:\n        - troops += {i % 5 + 1}\n        - tension = min(100, tension + 2)\n"
            f"      text: >-\n        A few sentences a student reads about move {i}, long enough to look\n"
            f"        like the prose of a real scenario file rather than a stub.\n")
        events.append(f"  - id: event_{i}\n    headline: Something happens ({i})\n    condition: tension > {i % 80}\n"
                      f"    chance: 0.1\n    effects:\n      - tension += 1\n")
        i += 1
    moscow = "".join(actions)
    washington = moscow.replace("id: move_", "id: w_move_")
    text = head + moscow + "  washington:\n" + washington + tail
    return text.replace("events:\n", "events:\n" + "".join(events), 1)


def test_bench_load_reports_median_and_stage_timings():
    result = bench_load(MINIMAL, 3)
    assert result["repeats"] == 3 and result["bytes"] == MINIMAL.stat().st_size
    assert result["min_ms"] <= result["median_ms"] <= result["max_ms"]
    assert {"yaml_median_ms", "schema_median_ms", "references_median_ms"} <= set(result)


def test_a_60kb_scenario_is_benchmarked_through_every_stage(tmp_path, minimal_text):
    path = tmp_path / "big.yaml"
    path.write_text(big_scenario(minimal_text), encoding="utf-8")
    assert 55_000 < path.stat().st_size < 70_000
    scenario = validate_file(path)
    assert len(scenario.actions["moscow"]) > 50
    result = bench_load(path, 2)
    assert result["load_median_ms"] >= result["compile_median_ms"] > 0


def test_bundled_scenarios_are_benchmarked():
    for path in BUNDLED:
        result = bench_load(path, 1)
        assert result["bytes"] == path.stat().st_size and result["median_ms"] > 0

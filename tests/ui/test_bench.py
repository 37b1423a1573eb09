"""The window's benchmark runs (its figures are reported by `python run.py bench`, not asserted)."""
from __future__ import annotations


def test_the_frame_benchmark_draws_the_turn_screen_and_reports_percentiles(monkeypatch):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    from game.ui.bench import bench_frames, lines

    frames = bench_frames(frames=10)
    assert frames["p95_ms"] >= frames["p50_ms"] > 0 and frames["rebuild_p95_ms"] > 0
    startup = {"median_s": 1.0, "runs_s": [1.0], "target_s": 1.5, "driver": "dummy"}
    assert "p95" in lines(frames, startup)[0]

"""Window benchmarks (`python run.py bench`): how long a frame of the turn screen takes to draw at
1280x720 (p50/p95 of steady frames, and of frames after a choice, which rebuild the screen), and
how long `python run.py` takes from launch to the start screen on the window."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

FRAME_TARGET_MS, FRAME_GOAL_MS, STARTUP_TARGET_S = 16.0, 8.0, 1.5
ROOT = Path(__file__).resolve().parents[2]


def _pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def bench_frames(size=(1280, 720), frames: int = 300) -> dict:
    """Draw the turn screen of a game in progress `frames` times; also time rebuild + draw."""
    import tempfile

    if os.environ.get("SDL_VIDEODRIVER") is None and not os.environ.get("DISPLAY") \
            and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.scenario.load import load_scenario
    from game.ui.app import App, WindowOptions

    with tempfile.TemporaryDirectory() as tmp:
        app = App(WindowOptions(size=size, saves_dir=Path(tmp)))
        app.new_game(load_scenario("ukraine_2022"), humans=(0,), opponent="random", seed=7)
        flow = app.flow
        for _ in range(3):   # a few turns in, so the news, changes and talks are filled
            flow.briefed.add(0)
            turn = app.screen
            legal = app.session.legal(0)
            from game.engine.game import Choice
            app.session.commit(0, Choice(legal.actions[min(3, len(legal.actions) - 1)], legal.messages[1]))
            app.session.resolve()
            flow.seen[0] = app.session.last_record["turn"]
            flow.next()
        turn = app.screen
        assert turn.name == "turn", turn.name
        steady, rebuild, flips = [], [], []
        for i in range(frames):
            t0 = time.perf_counter()
            app.draw()
            t1 = time.perf_counter()
            pygame.display.flip()
            steady.append((t1 - t0) * 1000)
            flips.append((time.perf_counter() - t1) * 1000)
        keys = [w.key for w in turn.root.walk() if w.key and w.key.startswith("move:")]
        for i in range(max(20, frames // 5)):
            widget = turn.find(keys[i % len(keys)])
            t0 = time.perf_counter()
            widget.activate(app.ctx)          # a choice: the screen is rebuilt, then drawn
            app.draw()
            rebuild.append((time.perf_counter() - t0) * 1000)
            pygame.display.flip()
        pygame.quit()
    return {"size": f"{size[0]}x{size[1]}", "frames": frames, "driver": os.environ.get("SDL_VIDEODRIVER", "default"),
            "p50_ms": statistics.median(steady), "p95_ms": _pct(steady, 0.95),
            "rebuild_p50_ms": statistics.median(rebuild), "rebuild_p95_ms": _pct(rebuild, 0.95),
            "flip_p50_ms": statistics.median(flips), "flip_p95_ms": _pct(flips, 0.95),
            "target_ms": FRAME_TARGET_MS, "goal_ms": FRAME_GOAL_MS}


def bench_startup(repeats: int = 3) -> dict:
    """Wall time of `python run.py --probe-startup` (start, imports, window, first frame, exit)."""
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["SDL_VIDEODRIVER"] = "dummy"
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, str(ROOT / "run.py"), "play", "--probe-startup"], env=env,
                              capture_output=True, text=True, timeout=120)
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise RuntimeError(f"the window did not start: {proc.stderr.strip()[-500:]}")
    return {"median_s": statistics.median(times), "runs_s": times, "target_s": STARTUP_TARGET_S,
            "driver": env.get("SDL_VIDEODRIVER", "default")}


def lines(frames: dict, startup: dict) -> list[str]:
    return [
        f"window turn screen {frames['size']} ({frames['driver']} video driver, {frames['frames']} frames): "
        f"render p50 {frames['p50_ms']:.1f} ms, p95 {frames['p95_ms']:.1f} ms (target {FRAME_TARGET_MS:g}, goal "
        f"{FRAME_GOAL_MS:g}); after a choice (rebuild + render) p50 {frames['rebuild_p50_ms']:.1f} ms, "
        f"p95 {frames['rebuild_p95_ms']:.1f} ms; putting it on the screen (flip) p50 {frames['flip_p50_ms']:.1f} ms, "
        f"p95 {frames['flip_p95_ms']:.1f} ms",
        f"window launch to start screen ({startup['driver']} video driver): {startup['median_s']:.2f} s median "
        f"of {len(startup['runs_s'])} (target {STARTUP_TARGET_S:g} s; runs "
        f"{', '.join(f'{x:.2f}' for x in startup['runs_s'])})",
    ]

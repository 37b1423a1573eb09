"""`python run.py bench`: load time per bundled scenario and engine throughput, as ratios to targets."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.bench import bench_games
from game.bench_engine import compare
from game.scenario.bench_load import bench_load
from game.scenario.errors import ScenarioError
from game.scenario.load import ScenarioNotFound, bundled_scenarios, find_scenario, load_scenario


LOAD_BUDGET_MS = 100.0   # the authors' issue: load + validate of the built-in scenario


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--games", type=int, default=1000, help="games per engine measurement (default 1000)")
    parser.add_argument("--repeats", type=int, default=30, help="loads per scenario (default 30)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="times the games are played; the fastest round is reported (default 3)")
    parser.add_argument("--scenario", action="append", help="scenario id or path (default: every bundled one)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON lines")
    parser.add_argument("--no-batch", dest="batch", action="store_false",
                        help="skip the batch engine's measurements (about half a minute)")
    parser.add_argument("--window", choices=("also", "only", "no"), default="also",
                        help="the window's frame time and launch time: also (default), only, or no")
    batch = parser.add_argument_group("batch runs (simulate), on the first scenario")
    batch.add_argument("--sim-games", type=int,
                       help="games per simulate throughput measurement (default 20 x --games = 20000; 0 skips)")
    batch.add_argument("--memory-games", type=int,
                       help="games of the simulate run whose memory is sampled (default 100 x --games = 100000; "
                            "0 skips it)")
    batch.add_argument("--env-steps", type=int,
                       help="steps of the PettingZoo environment (default 20 x --games = 20000; 0 skips it)")


def run(args: argparse.Namespace) -> int:
    if args.games < 1 or args.repeats < 1 or args.rounds < 1:
        print("bench: --games, --repeats and --rounds must be at least 1", file=sys.stderr)
        return 2
    args.sim_games = 20 * args.games if args.sim_games is None else args.sim_games
    args.memory_games = 100 * args.games if args.memory_games is None else args.memory_games
    args.env_steps = 20 * args.games if args.env_steps is None else args.env_steps
    if args.sim_games < 0 or args.memory_games < 0 or args.env_steps < 0:
        print("bench: --sim-games, --memory-games and --env-steps must be 0 or more", file=sys.stderr)
        return 2
    try:   # ids as well as paths, as --help promises; a bad one is refused before anything is timed
        paths = [str(find_scenario(name)) for name in args.scenario] if args.scenario \
            else [str(p) for p in bundled_scenarios()]
    except ScenarioNotFound as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:   # a name the system cannot even look up (too long, ...)
        print(f"bench: {exc.strerror or exc}: {str(exc.filename)[:80]}", file=sys.stderr)
        return 2
    results = []
    if args.window == "only":
        paths = []
    for path in paths:
        try:
            load = bench_load(path, args.repeats)
        except ScenarioError as exc:
            print(f"{exc}\nbench: {path} is not a valid scenario; nothing measured", file=sys.stderr)
            return 1
        results.append(("load", load))
        scenario = load_scenario(path)
        for log in (False, True):
            results.append(("games", bench_games(scenario, args.games, log=log, rounds=args.rounds)))
        engine = results[-2][1]["turns_per_s"]     # random vs random without the turn log, this run
        results.append(("baseline", compare(path, args.games, args.rounds)))
        if args.batch and args.games >= 100:   # a quick bench (--games below 100) skips the batch engine
            from game.lockstep.bench import bench_batch
            from game.lockstep.rules import UnsupportedScenario

            try:
                results.append(("batch", bench_batch(scenario, games=10 * args.games, rounds=min(args.rounds, 2))))
            except UnsupportedScenario as exc:
                print(f"bench: {exc}", file=sys.stderr)
        if path == paths[0]:
            results += _batch_rows(scenario, args, engine=engine)
    if args.window != "no":
        from game.ui.bench import bench_frames, bench_startup, lines

        try:
            frames, startup = bench_frames(), bench_startup()
        except RuntimeError as exc:   # no display here: the engine's figures still stand
            print(f"bench: window not measured ({exc}); use --window no on a machine without a display",
                  file=sys.stderr)
            frames = startup = None
        if frames is None:
            pass
        elif args.json:
            print(json.dumps({"bench": "window_frames", **frames}))
            print(json.dumps({"bench": "window_startup", **startup}))
        else:
            for line in lines(frames, startup):
                print(line)
    for kind, r in results:
        if args.json:
            print(json.dumps({"bench": kind, **r}))
        elif kind in ("simulate", "memory", "env"):
            print(_batch_line(kind, r))
        elif kind == "load":
            print(f"load {r['file']}: validate {r['median_ms']:.1f} ms median over {r['repeats']} "
                  f"({r['median_ms'] / LOAD_BUDGET_MS:.2f} of the {LOAD_BUDGET_MS:.0f} ms budget; YAML "
                  f"{r['yaml_median_ms']:.1f}, schema {r['schema_median_ms']:.1f}, references "
                  f"{r['references_median_ms']:.1f}), + compile for the engine {r['compile_median_ms']:.1f} ms "
                  f"= {r['load_median_ms']:.1f} ms")
        elif kind == "baseline":
            print(baseline_line(r))
        elif kind == "batch":
            from game.lockstep.bench import lines as batch_lines

            print("\n".join(batch_lines(r)))
        else:
            print(f"engine {r['scenario']} ({'with' if r['log'] else 'without'} turn log), {r['games']} games "
                  f"random vs random: {r['turns_per_s']:,.0f} turns/s, {r['games_per_s']:,.0f} games/s, "
                  f"median game {r['median_game_ms']:.2f} ms, {r['turns_per_game']:.1f} turns/game "
                  f"({r['ratio_to_target']:.2f}x the {r['target_turns_per_s']:,.0f} turns/s target; fastest of "
                  f"{r['rounds']} rounds: {', '.join(f'{x:,.0f}' for x in r['turns_per_s_each_round'])})")
    return 0


#: targets of the engine's second pass: turn rate vs the baseline, observation and clone costs
SPEEDUP_TARGET, OBSERVE_BUDGET_US, CLONE_BUDGET_US = 1.3, 5.0, 20.0


def baseline_line(r: dict) -> str:
    """This engine against the baseline commit, measured alternately in this run."""
    ours = (f"engine vs baseline ({Path(r['scenario']).name}, {r['games']} games, best of {r['rounds']} "
            f"interleaved rounds): {r['turns_per_s']:,.0f} turns/s; both sides' observations "
            f"{r['observe_both_us']:.1f} µs a turn (budget {OBSERVE_BUDGET_US:g}); clone {r['clone_us']:.1f} µs "
            f"(budget {CLONE_BUDGET_US:g})")
    if r.get("baseline") is None:
        return ours + "; baseline not measured (no git history here)"
    return (ours + f"; baseline {r['baseline']}: {r['baseline_turns_per_s']:,.0f} turns/s, observations "
            f"{r['baseline_observe_both_us']:.1f} µs — speed-up {r['speedup']:.2f}x (target {SPEEDUP_TARGET}x), "
            f"observations {r['observe_speedup']:.1f}x faster")


def _batch_rows(scenario, args, engine: float) -> list:
    """simulate on one pinned CPU, with one job and with two; then a long run's memory."""
    from game.batch.bench import bench_memory, bench_simulate

    rows = []
    if args.sim_games:
        one_cpu = bench_simulate(scenario, args.sim_games, jobs=1, rounds=args.rounds, one_cpu=True)
        one = bench_simulate(scenario, args.sim_games, jobs=1, rounds=args.rounds)
        two = bench_simulate(scenario, args.sim_games, jobs=2, rounds=args.rounds)
        for r in (one_cpu, one, two):
            r["ratio_to_engine"] = r["turns_per_s"] / engine
            r["engine_turns_per_s"] = engine
        two["speedup_over_one_job"] = two["turns_per_s"] / one["turns_per_s"]
        rows += [("simulate", one_cpu), ("simulate", one), ("simulate", two)]
    if args.memory_games:
        rows.append(("memory", bench_memory(args.memory_games, scenario=str(scenario.source))))
    if args.env_steps:
        try:
            from game.rl.bench import bench_env
        except ImportError:    # the optional extra .[rl] is not installed
            return rows
        rows.append(("env", bench_env(scenario, args.env_steps, rounds=args.rounds)))
    return rows


def _batch_line(kind: str, r: dict) -> str:
    load = f"load average {r['load_average']:.1f}" if r.get("load_average") is not None else "load unknown"
    if kind == "env":
        return (f"PettingZoo env {r['scenario']}, random masked actions: {r['steps_per_s']:,.0f} parallel steps/s "
                f"({r['agent_steps_per_s']:,.0f} agent steps/s; {r['steps_per_cpu_second']:,.0f} per CPU-second; "
                f"{r['ratio_to_target']:.2f}x the "
                f"{r['target_steps_per_s']:,.0f} target; fastest of {len(r['steps_per_s_each_round'])}: "
                f"{', '.join(f'{x:,.0f}' for x in r['steps_per_s_each_round'])}; {load})")
    if kind == "simulate":
        where = "pinned to one CPU" if r["one_cpu"] else f"{r['jobs']} job{'s' if r['jobs'] > 1 else ''}"
        line = (f"simulate {r['scenario']} random vs random, lines written, {where}: {r['turns_per_s']:,.0f} "
                f"turns/s, {r['games_per_s']:,.0f} games/s, {r['turns_per_cpu_second'] or 0:,.0f} per CPU-second "
                f"of parent and workers ({r['ratio_to_target']:.2f}x the "
                f"{r['target_turns_per_s']:,.0f} target; {r['ratio_to_engine']:.2f}x the engine's "
                f"{r['engine_turns_per_s']:,.0f} above; fastest of {len(r['turns_per_s_each_round'])}: "
                f"{', '.join(f'{x:,.0f}' for x in r['turns_per_s_each_round'])}; {load} on {r['cpus']} CPUs)")
        if "speedup_over_one_job" in r:
            line += f"; {r['speedup_over_one_job']:.2f}x one job (target 1.8x where two cores are free)"
        return line
    if "skipped" in r:
        return f"memory of a {r['games']:,}-game simulate: skipped ({r['skipped']})"
    quarters = " / ".join(f"{q['total_pss_mb']:.0f}" for q in r["by_quarter"])
    return (f"memory of a {r['games']:,}-game simulate ({r['jobs']} job, {r['seconds']:.0f} s): peak "
            f"{r['peak_total_pss_mb']:.0f} MB in all (PSS; parent {r['peak_parent_rss_mb']:.0f} MB RSS, worker "
            f"{r['peak_worker_rss_mb']:.0f} MB RSS), at 1/4, 1/2, 3/4, end: {quarters} MB "
            f"(target under {r['target_mb']:.0f} MB and flat; {load})")

"""`python run.py simulate`: many games of one pairing, in parallel, into a resumable results file.

  simulate --moscow random --washington random --games 10000 --seed 1 --out results.jsonl
  simulate ... --jobs 2                    two worker processes (default: one per CPU)
  simulate ... --backend ray --address auto   on a running Ray cluster

Each finished game is one JSON line (load with pandas.read_json(path, lines=True)); the run's
description is kept beside it in FILE.run.json. Running the same command again resumes, skipping
the games already in the file; Ctrl-C stops cleanly. Exit codes: 0 done, 1 a broken scenario or
results file, 2 a usage error, 130 stopped by Ctrl-C (resumable).
"""
from __future__ import annotations

import argparse
import re
import shlex
import sys
from pathlib import Path

from game.cli.batch_args import (BatchUsageError, add_run_arguments, check_agent, check_run_arguments, run_batch_command,
                                 load_batch_scenario)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = __doc__.split("\n", 1)[1]
    parser.add_argument("--moscow", metavar="AGENT", help="agent for Moscow: a built-in name or module:Class")
    parser.add_argument("--washington", metavar="AGENT", help="agent for Washington")
    parser.add_argument("--agent", action="append", default=[], metavar="SIDE=AGENT",
                        help="agent for a side of any scenario (repeatable); unnamed sides play random")
    parser.add_argument("--games", type=int, required=True, metavar="N", help="number of games")
    parser.add_argument("--out", metavar="FILE", help="results file, JSON lines (default: "
                        "runs/SCENARIO-AGENT-vs-AGENT-seedS.jsonl)")
    parser.add_argument("--summary-json", metavar="FILE", help="also write the summary as JSON to FILE")
    add_run_arguments(parser)


def run(args: argparse.Namespace) -> int:
    return run_batch_command("simulate", _run, args)


def agent_specs(scenario, args) -> list[str]:
    """One agent spec per side from --moscow/--washington/--agent; sides not named play random."""
    per_side: dict[str, str] = {}
    for text in args.agent:
        side, sep, agent = text.partition("=")
        if not sep or not side.strip() or not agent.strip():
            raise BatchUsageError(f"--agent expects SIDE=AGENT, e.g. --agent moscow=random (got '{text}')")
        per_side[side.strip()] = agent.strip()
    for side in ("moscow", "washington"):
        spec = getattr(args, side)
        if spec is not None:
            if per_side.get(side, spec) != spec:
                raise BatchUsageError(f"--{side} and --agent {side}=... disagree")
            per_side[side] = spec
    for side in per_side:
        if side not in scenario.sides:
            raise BatchUsageError(f"scenario '{scenario.id}' has no side '{side}' "
                                  f"(its sides: {', '.join(scenario.sides)})")
    specs = [per_side.get(side, "random") for side in scenario.sides]
    for side, spec in zip(scenario.sides, specs):
        check_agent(spec, side, scenario, (side,))
    return specs


def default_out(scenario, specs, seed) -> Path:
    names = "-vs-".join(re.sub(r"[^A-Za-z0-9_.]+", "_", s).strip("_") for s in specs)
    return Path("runs") / f"{scenario.id}-{names}-seed{seed}.jsonl"


def _run(args) -> int:
    from game.batch.simulate import simulate

    check_run_arguments(args)
    if args.games < 1:
        raise BatchUsageError("--games must be at least 1")
    scenario = load_batch_scenario(args.scenario)
    specs = agent_specs(scenario, args)
    out = Path(args.out) if args.out else default_out(scenario, specs, args.seed)
    if args.out is not None and not args.out.strip():
        raise BatchUsageError("--out needs a file name")
    if args.engine == "batch":
        from game.batch.lockstep_runner import batch_refusal

        why = batch_refusal(scenario, specs, args.backend)
        if why is not None:
            print(f"simulate: {why}; these games are played by the one-game engine", file=sys.stderr)
    result = simulate(scenario, specs, args.games, args.seed, out, jobs=args.jobs, backend=args.backend, engine=args.engine,
                      address=args.address, time_limit=args.time_limit, on_fault=args.on_fault,
                      progress=False if args.no_progress else None)
    report(result, sys.argv[1:] if sys.argv[1:2] == ["simulate"] else None)
    if args.summary_json:
        import json

        from game.jsonfile import write_atomic

        write_atomic(args.summary_json, json.dumps(summary_json(result), indent=1) + "\n")
    return 130 if result.interrupted else 0


def summary_json(result) -> dict:
    return {"run": result.spec.to_json(), "results": str(result.path), "games": result.games,
            "complete": result.complete, **result.summary.to_json()}


def report(result, argv) -> None:
    """What the user reads at the end: where the results are, speed, and the summary table."""
    if result.dropped_partial:
        print(f"note: the last line of {result.path} was cut short (an earlier run stopped mid-write); "
              f"that game was played again", file=sys.stderr)
    if result.already:
        print(f"resumed: {result.already:,} games were already in {result.path}")
    rate = f", {result.turns / result.elapsed:,.0f} game-turns/s" if result.elapsed > 0 and result.turns else ""
    print(f"played {result.played:,} games in {result.elapsed:.1f} s ({result.backend}, {result.jobs} "
          f"job{'s' if result.jobs != 1 else ''}{rate}); results in {result.path}")
    print(result.summary.table())
    if result.interrupted:
        command = "python run.py " + shlex.join(argv) if argv else "the same command"
        print(f"\nStopped: {result.summary.games:,} of {result.games:,} games are in {result.path}. "
              f"To resume, run {command} again.", file=sys.stderr)

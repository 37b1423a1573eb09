"""`python run.py tournament`: every agent against every agent on both sides, ranked.

  tournament --agents random,hawk,dove --games 200 --out tournament/
  tournament                                 every built-in strategy, 100 games per pairing
  tournament --agents random,hawk,dove,tit_for_tat --games 100000 --engine batch
                                             the batch engine (game-for-game replayable, see replay --game)

Writes, in --out: games/A-vs-B.jsonl (one simulate run per pairing, resumable), ranking.csv,
pairings.csv, head_to_head.csv, tournament.json, outcomes.png and escalation.png. Agents are
ranked by relative score: on each side, their mean score minus the mean of every agent on that
side, averaged over both sides. Exit codes: 0 done, 1 a broken scenario or file, 2 a usage
error, 130 stopped by Ctrl-C (run the same command again to resume).
"""
from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from game.cli.batch_args import (BatchUsageError, add_run_arguments, check_agent, check_run_arguments, run_batch_command,
                                 load_batch_scenario)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = __doc__.split("\n", 1)[1]
    parser.add_argument("--agents", metavar="A,B,...", help="comma-separated agents: built-in names or "
                        "module:Class plugins (default: every built-in strategy; the language-model player only "
                        "when HOTLINE_LLM_URL is set)")
    parser.add_argument("--games", type=int, default=100, metavar="N", help="games per pairing (default 100)")
    parser.add_argument("--out", metavar="DIR", default="tournament", help="output folder (default: tournament/)")
    parser.add_argument("--no-charts", action="store_true", help="skip the PNG charts")
    add_run_arguments(parser)


def run(args: argparse.Namespace) -> int:
    return run_batch_command("tournament", _run, args)


def default_agents(scenario=None) -> list[str]:
    """Every built-in strategy once: not the difficulty levels (other agents under class names), the
    language-model player only when a server is configured, and with `scenario` only the players
    that can play both its sides (the historical player knows only the crises it has a line for)."""
    import os

    from game.agents.base import builtin_agents, cannot_play
    from game.agents.registry import LLM_URL_ENV

    return [name for name, cls in builtin_agents().items()
            if cls.__module__ != "game.agents.difficulty" and (name != "llm" or os.environ.get(LLM_URL_ENV))
            and (scenario is None or all(cannot_play(cls, scenario, side) is None for side in scenario.sides))]


def agent_list(text: str | None, scenario=None) -> list[str]:
    if text is None:
        return default_agents(scenario)
    agents = [a.strip() for a in text.split(",") if a.strip()]
    if not agents:
        raise BatchUsageError("--agents needs at least one agent, e.g. --agents random,hawk")
    if len(set(agents)) != len(agents):
        raise BatchUsageError(f"--agents names an agent twice: {text}")
    for agent in agents:   # a tournament plays every agent on every side
        check_agent(agent, "--agents", scenario, scenario.sides if scenario is not None else ())
    return agents


def _run(args) -> int:
    from game.batch.tournament import tournament

    check_run_arguments(args)
    if args.games < 1:
        raise BatchUsageError("--games must be at least 1")
    if not args.out.strip():
        raise BatchUsageError("--out needs a folder name")
    scenario = load_batch_scenario(args.scenario)
    if len(scenario.sides) != 2:
        raise BatchUsageError(f"scenario '{scenario.id}' has {len(scenario.sides)} sides; a tournament needs two")
    agents = agent_list(args.agents, scenario)
    out = Path(args.out)
    n = len(agents) ** 2
    print(f"{len(agents)} agents, {n} pairings of {args.games:,} games ({n * args.games:,} games), "
          f"scenario {scenario.id}, seed {args.seed}")
    if args.engine == "batch":
        from game.batch.lockstep_runner import batch_refusal

        why = batch_refusal(scenario, agents, args.backend)
        if why is not None:
            print(f"tournament: {why}; the pairings with those are played by the one-game engine", file=sys.stderr)

    def on_pairing(pair, r):
        s = r.summary
        top = ", ".join(f"{row['outcome']} {row['rate']:.0%}" for row in s.rates()[:3])
        scores = " / ".join(f"{v:+.2f}" if v is not None else "—" for v in s.mean_scores().values())
        print(f"  {' vs '.join(pair):<34} scores {scores:<14} {top}")

    result = tournament(scenario, agents, args.games, args.seed, out, on_pairing=on_pairing, jobs=args.jobs,
                        backend=args.backend, address=args.address, time_limit=args.time_limit,
                        on_fault=args.on_fault, progress=False if args.no_progress else None, engine=args.engine)
    written = result.write(charts=not args.no_charts)
    print()
    print(result.table())
    print(f"\nwritten to {out}: " + ", ".join(p.name for p in written))
    if result.chart_note:
        print(result.chart_note, file=sys.stderr)
    if result.interrupted:
        argv = sys.argv[1:] if sys.argv[1:2] == ["tournament"] else None
        command = "python run.py " + shlex.join(argv) if argv else "the same command"
        print(f"\nStopped before every pairing finished (the table covers what is done). To resume, run "
              f"{command} again.", file=sys.stderr)
        return 130
    return 0

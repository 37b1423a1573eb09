"""`python run.py balance PATH`: how the scenario plays between the built-in computer players.

  balance scenarios/my_crisis.yaml                 100 games per pairing (seconds to a minute)
  balance cuba_1962 --games 300 --out balance/cuba

Writes, in --out (default balance/<scenario id>/): report.html (offline, charts inline),
report.md (the same as a summary), balance.json (every number), and games/A-vs-B.jsonl (one
resumable simulate run per pairing: run the same command again to continue an interrupted run).
Players: random, hawk, dove, tit_for_tat, negotiator and a passive player, every pairing on both
sides. Exit codes: 0 done, 1 a broken scenario or file, 2 a usage error.
"""
from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = __doc__.split("\n", 1)[1]
    parser.add_argument("path", metavar="PATH", help="scenario file (or bundled scenario id)")
    parser.add_argument("--games", type=int, default=100, metavar="N", help="games per pairing (default 100)")
    parser.add_argument("--probe-games", type=int, default=200, metavar="N",
                        help="games per move when probing for dominant and useless moves (default 200: "
                             "fewer miss a dominant move in the noise; 0 = skip)")
    parser.add_argument("--agents", metavar="A,B,...", help="comma-separated players (default: random, hawk, "
                        "dove, tit_for_tat, negotiator and passive); built-in names or module:Class")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: balance/<scenario id>)")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="run seed (default 0)")
    parser.add_argument("--jobs", type=int, metavar="J", help="worker processes (default: one per CPU)")


def run(args: argparse.Namespace) -> int:
    from game.cli.batch_args import run_batch_command

    return run_batch_command("balance", _run, args)


def _run(args: argparse.Namespace) -> int:
    from game.cli.batch_args import BatchUsageError, check_agent, load_batch_scenario

    if args.games < 1 or args.probe_games < 0 or args.seed < 0 or (args.jobs is not None and args.jobs < 1):
        raise BatchUsageError("--games and --jobs must be at least 1, --probe-games and --seed 0 or more")
    if Path(args.path).is_dir():
        raise BatchUsageError(f"{args.path} is a folder: give one scenario file, e.g. {Path(args.path) / 'my_crisis.yaml'}")
    scenario = load_batch_scenario(args.path)
    from game.authoring.balance import DEFAULT_AGENTS, PASSIVE_SPEC, run_balance, short
    from game.authoring.report import glance, write

    agents = list(DEFAULT_AGENTS)
    if args.agents:
        agents = [PASSIVE_SPEC if a.strip() == "passive" else a.strip() for a in args.agents.split(",") if a.strip()]
        for agent in agents:
            check_agent(agent, "--agents")
    out = Path(args.out) if args.out else Path("balance") / scenario.id
    pairings = len(agents) ** 2
    print(f"balance: {scenario.model.title}: {pairings} pairings x {args.games} games, "
          f"then {args.probe_games} probe games per move ...", flush=True)
    done = []

    def on_pairing(pair, run):
        done.append(pair)
        top = ", ".join(f"{r['outcome']} {r['rate']:.0%}" for r in run.summary.rates()[:2])
        print(f"  [{len(done)}/{pairings}] {' v '.join(short(a) for a in pair)}: {top}", flush=True)

    result = run_balance(scenario, agents, args.games, args.seed, out, probe_games=args.probe_games,
                         jobs=args.jobs, progress=False, on_pairing=on_pairing,
                         on_phase=lambda text: print(f"  {text} ...", flush=True))
    command = "python run.py balance " + " ".join(shlex.quote(a) for a in sys.argv[2:]) if sys.argv[1:2] == \
        ["balance"] else ""
    paths = write(result, command)
    for line in glance(result):
        print(f"  - {line}")
    for path in paths:
        print(f"wrote {path}")
    print(f"open the report in any browser (offline): {paths[0].resolve().as_uri()}")
    return 0

"""Flags shared by `simulate` and `tournament`, and turning them into a scenario and run settings."""
from __future__ import annotations

import argparse
import math
import sys

from game.batch.simulate import BACKENDS, DEFAULT_TIME_LIMIT
from game.batch.spec import ON_FAULT


class BatchUsageError(ValueError):
    """A flag value that cannot work; the message says what to type instead."""


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", metavar="ID_OR_PATH", help="bundled scenario id or a .yaml file "
                        "(default: ukraine_2022)")
    parser.add_argument("--seed", type=int, default=0, metavar="S",
                        help="run seed; game i's seed is child i of it (default 0)")
    parser.add_argument("--jobs", type=int, metavar="J",
                        help="worker processes (default: one per available CPU; with Ray: the cluster's CPUs)")
    parser.add_argument("--backend", choices=BACKENDS, default="local",
                        help="local process pool (default) or a Ray cluster (pip install -e '.[cluster]')")
    parser.add_argument("--address", metavar="ADDR", help="Ray cluster address, e.g. ray://head:10001 or auto "
                        "(default: start a local Ray instance)")
    parser.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT, metavar="SECONDS",
                        help=f"a game still running after this long is recorded as an error "
                             f"(default {DEFAULT_TIME_LIMIT:g})")
    parser.add_argument("--on-fault", choices=ON_FAULT, default="error",
                        help="an agent that raises or returns an illegal move: the game is recorded as an "
                             "error (default), or the side holds its position and the game goes on")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar (it only shows on a terminal)")
    parser.add_argument("--engine", choices=("game", "batch"), default="game",
                        help="game: one game at a time (default); batch: thousands in lockstep (random, hawk, dove, "
                             "tit_for_tat; other players fall back to the one-game engine)")


def check_run_arguments(args) -> None:
    if args.seed is not None and args.seed < 0:
        raise BatchUsageError("--seed must be a whole number 0 or more")
    if args.jobs is not None and args.jobs < 1:
        raise BatchUsageError("--jobs must be at least 1")
    if not (args.time_limit > 0 and math.isfinite(args.time_limit)):
        raise BatchUsageError("--time-limit must be a number of seconds greater than 0")
    if args.address and args.backend != "ray":
        raise BatchUsageError("--address is for --backend ray")


def load_batch_scenario(name):
    """The scenario, or BatchUsageError for an unknown one; a broken file raises ScenarioError."""
    from game.scenario.load import ScenarioNotFound, load_scenario

    try:
        return load_scenario(name)
    except ScenarioNotFound as exc:
        raise BatchUsageError(str(exc)) from exc


def check_agent(spec: str, where: str, scenario=None, sides=()) -> None:
    """Refuse humans, agents that cannot be built and agents that cannot play `sides` of
    `scenario`, before any game starts."""
    from game.agents.base import AgentSpecError, check_can_play
    from game.batch.player import agent_factory

    if spec == "human":
        raise BatchUsageError(f"{where}: batch runs are between computer players, not 'human'")
    try:
        agent = agent_factory(spec)
        for side in sides:
            check_can_play(agent, scenario, side, spec)
    except AgentSpecError as exc:
        raise BatchUsageError(f"{where}: {exc}") from exc


def run_batch_command(name: str, body, args) -> int:
    """Run a batch subcommand's body; its errors become one line and an exit code (2: usage)."""
    from game.batch.errors import BatchError
    from game.scenario.errors import ScenarioError

    try:
        return body(args)
    except BatchUsageError as exc:
        print(f"{name}: error: {exc}", file=sys.stderr)
        return 2
    except ScenarioError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except BatchError as exc:
        print(f"{name}: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:     # the output cannot be made or written (a bad --out, a full disk)
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{name}: error: cannot write the results: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1

"""`python run.py play`: a game in the terminal (one human, hot-seat or watching) or headless agents.

  python run.py                                            the game in a window (the terminal if no display)
  python run.py --demo [--seed N] [--screenshots DIR] [--size WxH]   the window plays a whole game itself
  play --text --side moscow --opponent random --seed 7     one human against the computer
  play --side both                                         two humans at one keyboard (hot-seat)
  play --side watch                                        watch two computer players
  play --moscow random --washington pkg.mod:Agent --record game.json   headless, prints a summary
  play --save NAME / --load NAME / --list-saves            saves in saves/ (or --saves-dir)
  play --moscow path/to/my_agent.py:MyAgent --isolate      a plugin in a process of its own

Plugins (package.module:Class or file.py:Class) run only when named here. --isolate runs each
computer player in its own process that sees only its observation and legal moves; a crash, hang
or exit there is a fault. With --time-limit, plugins always run isolated, so the limit holds.

Exit codes: 0 game over, or stopped by the player (end of input, 'q'; saved to saves/autosave.json);
1 a broken scenario, save or file, or a save that could not be written; 2 a usage error (unknown
side or agent, conflicting flags); 130 Ctrl-C, 143 SIGTERM, 129 SIGHUP (each saved first).
"""
from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from game.cli import signals
from game.cli.text import render
from game.cli.text.console import Console, EndOfInput
from game.cli.text.layout import flow, wrap
from game.cli.text.players import (BOTH, WATCH, UsageError, build_agents, humans, parse_assignment,
                                   side_specs)
from game.cli.text.session import TerminalSession
from game.engine.record import dumps
from game.files import FileProblem, check_target, clean_stale_temps
from game.jsonfile import write_atomic
from game.match import Match, StopMatch, check_time_limit, is_isolated
from game.safetext import printable
from game.saves import (AUTOSAVE, HUMAN, PluginNeeded, SaveError, is_plugin, list_saves, load_game,
                        plugin_flag_matches, save_path, saved_players)

EXIT_USAGE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = __doc__.split("\n", 1)[1]
    parser.add_argument("--scenario", metavar="ID_OR_PATH", help="bundled scenario id or a .yaml file "
                        "(default: ukraine_2022)")
    parser.add_argument("--seed", type=int, metavar="N", help="random seed (default: a new one, printed "
                        "so the game can be repeated)")
    window = parser.add_argument_group("the window")
    parser.add_argument("--watch", action="store_true", help="reload the --scenario file whenever it changes "
                        "(for authors): the game starts again on the new version, an invalid version shows its "
                        "errors and the last good one keeps running")
    window.add_argument("--demo", action="store_true", help="the window plays a whole game of two computer "
                        "players by itself, from the start screen to the end")
    window.add_argument("--screenshots", metavar="DIR", help="save a PNG of each distinct screen to DIR")
    window.add_argument("--size", metavar="WxH", help="window size, e.g. 1280x720 (at least 1024x640)")
    window.add_argument("--demo-delay", type=float, metavar="SECONDS", help="pause between the demo's steps "
                        "(default 1.5 s in a window, none without a display)")
    window.add_argument("--fullscreen", action="store_true", default=None, help="start in full screen")
    window.add_argument("--probe-startup", action="store_true", help=argparse.SUPPRESS)
    term = parser.add_argument_group("terminal game")
    term.add_argument("--text", action="store_true", help="play in the terminal (no window)")
    term.add_argument("--side", metavar="SIDE", help="the side you play: a side id (moscow, washington), "
                      f"'{BOTH}' for two players hot-seat, '{WATCH}' to watch two computer players")
    term.add_argument("--opponent", metavar="AGENT", help="the computer player(s): easy, normal, hard, or any "
                      "built-in (random, hawk, dove, tit_for_tat, negotiator, historical, lookahead, llm) or "
                      "plugin (default: random)")
    term.add_argument("--save", metavar="NAME", help="save to saves/NAME.json after every turn")
    term.add_argument("--load", metavar="NAME", help="continue the saved game saves/NAME.json (or a path)")
    term.add_argument("--list-saves", action="store_true", help="list the saved games and exit")
    term.add_argument("--saves-dir", metavar="DIR", help="folder of saves (default: saves/)")
    agents = parser.add_argument_group("agents (headless when no side is human)")
    agents.add_argument("--moscow", metavar="AGENT", help="agent for Moscow: human, random or module:Class")
    agents.add_argument("--washington", metavar="AGENT", help="agent for Washington")
    agents.add_argument("--agent", action="append", default=[], metavar="SIDE=AGENT",
                        help="agent for a side of any scenario (repeatable)")
    agents.add_argument("--record", metavar="FILE", help="write the game record (JSON) to FILE")
    agents.add_argument("--time-limit", type=float, metavar="SECONDS",
                        help="an agent slower than this per move holds its position (a fault); "
                             "plugins then run isolated so the limit holds")
    agents.add_argument("--isolate", action="store_true",
                        help="run each computer player in a process of its own (untrusted plugins)")


def run(args: argparse.Namespace) -> int:
    signals.install()
    try:
        return _run(args)
    except signals.Terminated as exc:   # before or after a game: nothing to save
        print(f"\nStopped by {exc}.", file=sys.stderr)
        return exc.exit_code
    except UsageError as exc:
        print(f"play: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SaveError as exc:
        print(f"play: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:   # the reader of our output has gone: main() exits quietly
        raise
    except OSError as exc:
        print(f"play: error: {exc}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.seed is not None and args.seed < 0:
        raise UsageError("--seed must be a whole number 0 or more")
    try:
        check_time_limit(args.time_limit)
    except ValueError as exc:
        raise UsageError(f"--time-limit {str(exc).removeprefix('a time limit ')}") from None
    for flag, name in (("--save", args.save), ("--load", args.load), ("--record", args.record)):
        if name is not None and not name.strip():
            raise UsageError(f"{flag} needs a {'file name' if flag == '--record' else 'save name or a path'}")
    if args.record is not None:
        try:
            check_target(args.record)
        except FileProblem as exc:
            raise UsageError(f"--record: {exc}") from None
    saves_dir = Path(args.saves_dir) if args.saves_dir else None
    _clean(saves_dir)
    if args.list_saves:
        return _list(saves_dir)
    watched = _watched_file(args)
    per_side = _per_side(args)
    if args.demo or not (args.text or args.side or per_side or args.load or args.save or args.record):
        code = _window(args)
        if code is not None:
            return code
    if args.load:
        return _continue(args, per_side, saves_dir)
    console = Console()
    if watched is not None:
        return _watch_terminal(args, watched, per_side, console, saves_dir)
    if args.scenario is None and console.interactive and not (args.text or args.side or per_side):
        try:
            args.scenario = _ask_scenario(console)
        except EndOfInput:
            console.say("No game started.")
            return 0
    scenario = _scenario(args.scenario)
    if scenario is None:
        return 1
    if not (args.text or args.side or per_side):
        try:
            setup = _ask_setup(console, scenario, args, saves_dir)
        except EndOfInput:
            console.say("No game started.")
            return 0
        if isinstance(setup, Path):
            args.load = str(setup)
            return _continue(args, per_side, saves_dir)
        args.side, args.opponent = setup
    specs = side_specs(scenario, side=args.side, opponent=args.opponent or "random", per_side=per_side)
    seed = args.seed if args.seed is not None else secrets.randbelow(90000) + 10000
    terminal = args.text or args.side is not None or HUMAN in specs.values()
    if not terminal:
        return _headless(args, scenario, specs, seed)
    _refuse_time_limit_for_humans(args, specs)
    agents = build_agents(scenario, specs, console, isolate=_isolating(args, specs))
    match = _match(scenario, agents, seed=seed, on_fault=lambda f: console.say(_fault_line(f)),
                   time_limit=args.time_limit)
    players = "; ".join(f"{scenario.model.sides[s].name}: {'you' if specs[s] == HUMAN else specs[s]}"
                        for s in scenario.sides)
    first = flow([f"Hotline — {scenario.model.title}", f"seed {seed} (repeat this game with --seed {seed})."],
                 console.width, "", " — ", hanging="  ")
    for line in first + wrap(f"Players: {players}.", console.width, "", "  "):
        console.say(line)
    if HUMAN in specs.values():
        console.say("Type the number of your choice and press Enter; q saves the game and quits.")
    return _session(args, match, console, saves_dir)


def _window_size(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    w, sep, h = text.lower().partition("x")
    if not sep or not w.isdigit() or not h.isdigit():
        raise UsageError(f"--size expects WIDTHxHEIGHT, e.g. 1280x720 (got '{text}')")
    if int(w) < 1024 or int(h) < 640:
        raise UsageError(f"--size {text} is too small: the window needs at least 1024x640")
    return int(w), int(h)


def _window(args) -> int | None:
    """The game in a window; None when no window can open here (then the terminal game runs,
    after one line saying why). The demo with --screenshots renders without a display."""
    import os

    size = _window_size(args.size)
    if args.demo_delay is not None and args.demo_delay < 0:
        raise UsageError("--demo-delay must be 0 or more seconds")
    try:
        from game.ui.app import WindowOptions, display_problem, run_window
    except ImportError as exc:   # pygame-ce missing or broken
        problem = f"the window cannot start ({exc})"
    else:
        problem = display_problem()
        if problem and args.probe_startup and os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
            problem = None   # the launch benchmark on a machine without a display
        if problem and args.demo and args.screenshots:
            os.environ["SDL_VIDEODRIVER"] = "dummy"   # no screen, but the screenshots are wanted
            os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
            problem = None
        if problem is None:
            scenario = _scenario_file(args.scenario) if args.scenario and not args.watch else None
            saves_dir = Path(args.saves_dir) if args.saves_dir else None
            options = WindowOptions(size=size, fullscreen=args.fullscreen, saves_dir=saves_dir, seed=args.seed,
                                    demo=args.demo, demo_delay=args.demo_delay, scenario=scenario,
                                    screenshots=Path(args.screenshots) if args.screenshots else None,
                                    probe_startup=args.probe_startup, watch=_watched_file(args))
            try:
                return run_window(options)
            except Exception as exc:   # no window after all (a broken driver): say so, then the terminal
                problem = f"the window failed to open ({type(exc).__name__}: {exc})"
                if args.demo or args.probe_startup:
                    print(f"play: error: {problem}", file=sys.stderr)
                    return 1
    if args.demo or args.probe_startup:
        print(f"play: error: --demo needs a display: {problem} (or give --screenshots DIR to render "
              "the screens without one)", file=sys.stderr)
        return 1
    print(f"Hotline: {problem}, so the game starts here in the terminal (python run.py --text does "
          "this directly).", flush=True)
    return None


def _watched_file(args) -> Path | None:
    """The scenario file --watch reloads (a usage error without --scenario, or with --load/--demo)."""
    if not args.watch:
        return None
    if args.scenario is None:
        raise UsageError("--watch needs the file to watch: --scenario path/to/my_crisis.yaml")
    if args.load or args.demo:
        raise UsageError(f"--watch plays a new game on the file; drop {'--load' if args.load else '--demo'}")
    return _scenario_file(args.scenario)


def _scenario_file(name: str) -> Path:
    """The file of a bundled scenario id or a path (a usage error when there is none)."""
    from game.scenario.load import ScenarioNotFound, find_scenario

    try:
        return Path(find_scenario(name))
    except ScenarioNotFound as exc:
        raise UsageError(str(exc)) from exc


def _watch_terminal(args, path: Path, per_side: dict, console: Console, saves_dir: Path | None) -> int:
    """The terminal game on a watched file: set up once on its first valid version, then each new
    version restarts the game with the same seed and players (game.cli.text.watch)."""
    from game.authoring.watch import ScenarioWatch
    from game.cli.text.watch import TerminalReload
    from game.present.reload import replaying_line

    reload = TerminalReload(ScenarioWatch(path), console.say)
    try:
        scenario = reload.first()
    except KeyboardInterrupt as exc:
        console.say("\nStopped watching.")
        return getattr(exc, "exit_code", 130)
    if not (args.side or per_side):
        try:
            setup = _ask_setup(console, scenario, args, saves_dir)
        except EndOfInput:
            console.say("No game started.")
            return 0
        if isinstance(setup, Path):
            raise UsageError("--watch plays a new game on the file, not a saved one")
        args.side, args.opponent = setup
    specs = side_specs(scenario, side=args.side, opponent=args.opponent or "random", per_side=per_side)
    seed = args.seed if args.seed is not None else secrets.randbelow(90000) + 10000
    _refuse_time_limit_for_humans(args, specs)

    people = [i for i, side in enumerate(scenario.sides) if specs[side] == HUMAN]
    before = {"moves": []}     # the people's moves of the game a reload interrupted

    def play_one(scenario) -> int:
        from game.authoring.watch import moves_of
        from game.cli.text.watch import Restart

        agents = build_agents(scenario, specs, console, isolate=_isolating(args, specs))
        moves, before["moves"] = before["moves"], []
        for i in people:
            agents[i].replay = [turn[i] for turn in moves]
        match = _match(scenario, agents, seed=seed, on_fault=lambda f: console.say(_fault_line(f)),
                       time_limit=args.time_limit)
        console.say(f"Hotline — {scenario.model.title} — seed {seed}")
        if moves and people:
            console.say(replaying_line(len(moves)))
        try:
            return _session(args, match, console, saves_dir, before_turn=reload.before_turn)
        except Restart:
            before["moves"] = moves_of(match.game, people, match.scenario)
            raise

    return reload.loop(scenario, play_one, seed)


def _clean(saves_dir: Path | None) -> None:
    """Remove temporary and lock files that killed games left in the saves folder (never raises)."""
    from game.filelock import clean_stale_locks
    from game.saves import default_dir

    folder = saves_dir if saves_dir is not None else default_dir()
    clean_stale_temps(folder)
    clean_stale_locks(folder)


def _isolating(args, specs: dict[str, str]) -> bool:
    """--isolate, or a time limit with a plugin player (only a process can be stopped on time)."""
    return bool(args.isolate or (args.time_limit is not None and any(is_plugin(s) for s in specs.values())))


def _match(scenario, agents, **options) -> Match:
    """A Match; isolated players that could not start are a usage error, not a game of faults."""
    match = Match(scenario, agents, **options)
    for side, agent in zip(scenario.sides, match.agents):
        problem = agent.start_problem if is_isolated(agent) else None
        if problem:
            match.close()
            raise UsageError(f"{side}: {problem}")
    return match


def _refuse_time_limit_for_humans(args, specs) -> None:
    """The runner times every player alike, and a person answering late would have their next
    answers read by the abandoned prompt: so a time limit is for games of computer players only."""
    if args.time_limit is not None and HUMAN in specs.values():
        raise UsageError("--time-limit is for computer players only, and this game has a human player")


def _per_side(args) -> dict[str, str]:
    per_side = dict(parse_assignment(a) for a in args.agent)
    for side in ("moscow", "washington"):
        spec = getattr(args, side)
        if spec is not None:
            if per_side.get(side, spec) != spec:
                raise UsageError(f"--{side} and --agent {side}=... disagree")
            per_side[side] = spec
    return per_side


def _scenario(name):
    from game.scenario.errors import ScenarioError
    from game.scenario.load import ScenarioNotFound, load_scenario

    try:
        return load_scenario(name)
    except ScenarioNotFound as exc:
        raise UsageError(str(exc)) from exc
    except ScenarioError as exc:
        print(str(exc), file=sys.stderr)
        return None


def _fault_line(fault) -> str:
    return f"fault: turn {fault.turn}, {fault.side}'s agent '{fault.agent}' {fault.message}"


def _session(args, match: Match, console: Console, saves_dir: Path | None, continuing: Path | None = None,
             before_turn=None) -> int:
    people = humans(match.agents)
    sees = people if len(people) == 1 else frozenset() if people else frozenset({0, 1})
    try:
        session = TerminalSession(match, console, sees, autosave=save_path(AUTOSAVE, saves_dir),
                                  save_to=save_path(args.save, saves_dir) if args.save else None,
                                  continuing=continuing, before_turn=before_turn)
        code = session.run()
    finally:
        match.close()
    if args.record and code != 1:
        _write_record(match, args.record)
        console.say(f"Record written to {args.record}")
    return code


def _headless(args, scenario, specs: dict[str, str], seed: int) -> int:
    agents = build_agents(scenario, specs, Console(), isolate=_isolating(args, specs))
    match = _match(scenario, agents, seed=seed, time_limit=args.time_limit,
                   on_fault=lambda f: print(_fault_line(f)))
    stopped = None
    try:
        match.play()
    except StopMatch as exc:   # an agent may stop a match (the runner lets StopMatch through)
        stopped = exc
    finally:
        match.close()
    for line in render.headless_summary(match):
        print(line)
    if stopped is not None:
        print(f"stopped by an agent at turn {match.game.turn}: {printable(str(stopped))}")
    if args.record:
        _write_record(match, args.record)
        print(f"record: {args.record}")
    return 0


def _write_record(match: Match, path: str) -> None:
    try:
        clean_stale_temps(Path(path).parent)
        write_atomic(Path(path), dumps(match.record()))
    except FileProblem as exc:
        raise SaveError(f"cannot write the record: {exc}") from None
    except (TypeError, ValueError) as exc:
        raise SaveError(f"{path}: cannot write the record: {printable(str(exc))}") from None
    except OSError as exc:
        raise SaveError(f"{path}: cannot write the record: {exc.strerror or exc}") from None


def _continue(args, per_side: dict, saves_dir: Path | None) -> int:
    for flag, value in (("--side", args.side), ("--opponent", args.opponent), ("--seed", args.seed)):
        if value is not None:
            raise UsageError(f"--load continues the saved game with its own players and seed; drop {flag}")
    path = save_path(args.load, saves_dir)
    if path.is_dir():
        raise SaveError(f"{path}: is a folder, not a save (list the saves in a folder with "
                        f"--list-saves --saves-dir {path})")
    if not os.path.lexists(path):
        known = ", ".join(s.name for s in list_saves(path.parent) if s.ok) or "none"
        raise SaveError(f"{path}: no such save (saves there: {known})")
    scenario = _scenario(args.scenario) if args.scenario else None
    if args.scenario and scenario is None:
        return 1
    console = Console()
    specs = saved_players(path)
    _refuse_time_limit_for_humans(args, specs)
    plugins = _plugins_named_again(path, specs, per_side)
    hot_seat = sum(spec == HUMAN for spec in specs.values()) > 1
    from game.cli.text.human import HumanTerminalAgent
    from game.cli.text.players import make_player

    given = {side: HumanTerminalAgent(console, hot_seat=hot_seat) for side, spec in specs.items() if spec == HUMAN}
    isolate = _isolating(args, specs)
    given.update({side: make_player(side, spec, isolate) for side, spec in plugins.items()})
    try:
        match = load_game(path, scenario, agents=given, time_limit=args.time_limit, isolate=isolate,
                          on_fault=lambda f: console.say(_fault_line(f)))
    except PluginNeeded as exc:
        raise UsageError(str(exc)) from None
    console.say(f"Continuing {match.scenario.model.title} from {path} at turn {match.game.turn} "
                f"(seed {match.game.seed}).")
    if args.save is None:
        args.save = str(path)
    return _session(args, match, console, saves_dir, continuing=path)


def _plugins_named_again(path: Path, specs: dict[str, str], per_side: dict[str, str]) -> dict[str, str]:
    """side -> plugin for the sides whose saved player was a plugin, as named again on the command
    line; a save never names the code to run by itself. Anything else given is refused."""
    for side, given in per_side.items():
        saved = specs.get(side)
        if saved is None:
            raise UsageError(f"the save has no side '{printable(side, 40)}' "
                             f"(its sides: {printable(', '.join(specs))})")
        if not is_plugin(saved):
            raise UsageError(f"--load continues the saved game with its own players: {side} was "
                             f"'{printable(saved)}'; drop the agent given for {side}")
        if not plugin_flag_matches(saved, given):
            raise UsageError(f"{path}: {side} was the plugin '{printable(saved)}', not '{printable(given)}'; "
                             f"its saved state belongs to that plugin")
    return {side: per_side[side] for side in per_side}


def _list(saves_dir: Path | None) -> int:
    saves = list_saves(saves_dir)
    if not saves:
        print("No saved games.")
    for summary in saves:
        print(summary.describe())
    return 0


def _ask_scenario(console: Console) -> str | None:
    """Several scenarios (bundled and the user's own folder's): ask which; None = the default.

    Asked at a terminal only: piped input keeps its old transcript (and passes --scenario)."""
    from game.scenario.errors import ScenarioError
    from game.scenario.load import DEFAULT_SCENARIO, available_scenarios, user_scenarios_dir
    from game.scenario.validate import validate_file

    paths = available_scenarios()
    if len(paths) < 2:
        return None
    paths.sort(key=lambda p: p.stem != DEFAULT_SCENARIO)   # the default first, the rest as listed
    console.say(f"Scenarios (add your own in {user_scenarios_dir()}):")
    for n, path in enumerate(paths, 1):
        try:
            title = validate_file(path).title
        except ScenarioError as exc:
            title = f"(cannot be played: {exc.issues[0].message})"
        console.say(f"  {n}. {path.stem} — {title}")
    pick = console.ask_number(f"Scenario: type its number [1 = {paths[0].stem}]: ", range(1, len(paths) + 1),
                              default=1)
    return str(paths[pick - 1])


def _ask_setup(console: Console, scenario, args, saves_dir: Path | None):
    """No flags: ask at the prompt. Returns (side, opponent), or the Path of a save to continue."""
    console.say(f"Welcome to Hotline — {scenario.model.title}.")
    saves = [s for s in list_saves(saves_dir) if s.ok and not s.outcome]
    if saves:
        console.say("Saved games:")
        for n, summary in enumerate(saves, 1):
            console.say(f"  {n}. {summary.describe()}")
        pick = console.ask_number("Continue a saved game? Type its number, or 0 or Enter for a new game: ",
                                  range(0, len(saves) + 1), default=0)
        if pick:
            return saves[pick - 1].path
    sides = (*scenario.sides, BOTH, WATCH)
    side = args.side or console.ask_word(
        f"Play as {', '.join(scenario.sides)}, {BOTH} (two players, one keyboard) or {WATCH} "
        f"(two computer players)? [{scenario.sides[0]}]: ", sides, default=scenario.sides[0])
    opponent = args.opponent
    if opponent is None and side != BOTH:
        from game.agents.registry import menu

        entries = menu(scenario)
        names = tuple(name for name, _ in entries)
        default = "normal" if "normal" in names else names[0]
        console.say("Computer players:")
        for n, (name, description) in enumerate(entries, 1):
            console.say(f"  {n}. {name} — {description}")
        opponent = console.ask_word(f"Computer player: a number or a name (plugins: use --opponent) "
                                    f"[{default}]: ", names, default=default)
    return side, opponent

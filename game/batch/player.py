"""Playing one game of a run, by its id, into one JSON result line. Runs inside the workers.

The same code builds every line whatever the backend, including the lines of games that a
worker could not finish (time limit, dead process), so a run's results file is the same
whether it ran on one core, a process pool or a Ray cluster.
"""
from __future__ import annotations

from typing import NamedTuple

from game.agents.base import builtin_agents, make_agent
from game.batch.spec import RunSpec
from game.jsonfile import compact_encoder
from game.match import Fault, Match

CRASHED = "its worker process died while playing this game"


def timed_out(limit: float) -> str:
    return f"did not finish within the per-game time limit of {limit:g} s"


class GameStats(NamedTuple):
    """The numbers of one finished game that a run's summary needs (cheap to send between processes)."""

    game: int
    outcome: str | None                 # None for an error
    error: str | None
    turns: int
    scores: tuple | None                # per side, in scenario order
    escalation: tuple | None            # total per side
    per_turn: tuple | None              # per side, a list of each turn's escalation
    faults: int


class _Abandon(Exception):
    """Raised through the match runner to end a game at an agent's first fault (policy 'error')."""

    def __init__(self, fault: Fault):
        super().__init__(fault.message)
        self.fault = fault


def agent_factory(spec: str):
    """A zero-argument callable building a fresh agent for `spec` (AgentSpecError if it cannot).

    Built-ins come straight from the registry; a plugin is built once here to check it loads."""
    builtins = builtin_agents()
    if spec in builtins:
        return builtins[spec]
    make_agent(spec)
    return lambda: make_agent(spec)


class GamePlayer:
    """Plays game i of a run. Pickles as its run spec and scenario text, so a worker on another
    machine rebuilds it (and checks the scenario's content hash) instead of receiving live objects."""

    def __init__(self, spec: RunSpec, scenario, scenario_text: str | None = None):
        if scenario.content_hash != spec.scenario_hash:
            raise ValueError(f"scenario '{scenario.id}' here has content hash {scenario.content_hash[:12]}…, "
                             f"the run's is {spec.scenario_hash[:12]}…")
        self.spec = spec
        self.scenario = scenario
        self.scenario_text = scenario_text
        self.sides = tuple(scenario.sides)
        self.factories = [agent_factory(a) for a in spec.agents]
        self.strict = spec.on_fault == "error"
        self._encode = compact_encoder()
        head = self._encode({"run": spec.run_id, "scenario": spec.scenario_id, "scenario_hash": spec.scenario_hash,
                             "agents": dict(zip(self.sides, spec.agents))})
        entropy = self._encode(str(spec.seed))
        # every line starts the same but for the game id: encoded once, the rest per game
        self._prefix = '{"game":%d,' + head[1:-1].replace("%", "%%") + ',"seed":{"entropy":' \
            + entropy.replace("%", "%%") + ',"spawn_key":[%d]},'

    def __reduce__(self):
        return (_rebuild, (self.spec, self.scenario_text or _read_source(self.scenario), self.scenario.source))

    # ------------------------------------------------------------------ one game

    def play(self, game_id: int) -> tuple[str, GameStats]:
        """Play game `game_id` to the end: its JSON line (with newline) and its stats."""
        faults: list[Fault] = []
        match = None
        try:
            agents = [self._build(side) for side in (0, 1)]
            match = Match(self.scenario, agents, {"entropy": self.spec.seed, "spawn_key": (game_id,)}, log=False,
                          on_fault=self._abandon if self.strict else faults.append)
            game = match.play()
        except _Abandon as exc:
            f = exc.fault
            reason = f"turn {f.turn}: {f.side}'s agent '{f.agent}' {_without_hold(f.message)}"
            return self._line(game_id, match, reason, [f])
        except _StartFailed as exc:
            return self._line(game_id, None, str(exc), [])
        except Exception as exc:  # a failure of the engine or an agent's constructor is this game's error
            return self._line(game_id, match, f"the game failed: {type(exc).__name__}: {exc}", faults)
        return self._line(game_id, match, None, faults)

    def error_line(self, game_id: int, reason: str) -> tuple[str, GameStats]:
        """The line of a game that could not be played to the end by its worker (time limit, crash)."""
        return self._line(game_id, None, reason, [])

    def _build(self, side: int):
        try:
            return self.factories[side]()
        except Exception as exc:
            raise _StartFailed(f"{self.sides[side]}'s agent '{self.spec.agents[side]}' failed to start: "
                               f"{type(exc).__name__}: {exc}") from None

    @staticmethod
    def _abandon(fault: Fault):
        raise _Abandon(fault)

    def _line(self, game_id: int, match, error: str | None, faults: list) -> tuple[str, GameStats]:
        sides = self.sides
        game = match.game if match is not None else None
        outcome = scores = totals = per_turn = final = agreed = None
        turns = 0
        if game is not None:
            choices = game.choices
            turns = len(choices)
            per_turn = ([c[0].action.escalation for c in choices], [c[1].action.escalation for c in choices])
            totals = (sum(per_turn[0]), sum(per_turn[1]))
            final = game.variables()
            sc = game.scenario
            agreed = {sc.issues[i].id: sc.issues[i].options[o].id for i, o in sorted(game.agreed.items())}
            if error is None:
                outcome = game.outcome.id
                scores = game.scores()
        line = {"status": "ok" if error is None else "error", "error": error, "outcome": outcome, "turns": turns,
                "scores": dict(zip(sides, scores)) if scores is not None else None,
                "escalation_total": dict(zip(sides, totals)) if totals is not None else None,
                "escalation": dict(zip(sides, per_turn)) if per_turn is not None else None,
                "final": final, "agreed": agreed,
                "faults": [f.to_json() for f in faults]}
        stats = GameStats(game_id, outcome, error, turns, scores, totals, per_turn, len(faults))
        return self._prefix % (game_id, game_id) + self._encode(line)[1:] + "\n", stats


class _StartFailed(Exception):
    """An agent's constructor raised: the game cannot start."""


def _without_hold(message: str) -> str:
    return message.removesuffix("; it holds its position this turn")


def stats_from_line(data: dict, sides) -> GameStats:
    """A result line read back from a file, as the stats the summary adds up (ValueError if malformed)."""
    try:
        game = data["game"]
        if isinstance(game, bool) or not isinstance(game, int) or game < 0:
            raise ValueError(f"bad game id {game!r}")
        scores, totals, per_turn = data["scores"], data["escalation_total"], data["escalation"]
        return GameStats(
            game, data["outcome"], data["error"], int(data["turns"] or 0),
            tuple(float(scores[s]) for s in sides) if scores is not None else None,
            tuple(float(totals[s]) for s in sides) if totals is not None else None,
            tuple(list(per_turn[s]) for s in sides) if per_turn is not None else None,
            len(data["faults"]))
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not a result line ({type(exc).__name__}: {exc})") from None


def _read_source(scenario) -> str:
    from pathlib import Path

    return Path(scenario.source).read_text(encoding="utf-8")


def _rebuild(spec: RunSpec, text: str, source: str) -> GamePlayer:
    """Rebuild a player in another process from the scenario's YAML text."""
    from game.scenario.compiled import compile_scenario
    from game.scenario.load import content_hash
    from game.scenario.validate import validate_text

    model = validate_text(text, source)
    return GamePlayer(spec, compile_scenario(model, content_hash(model), source), text)

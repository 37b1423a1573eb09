"""A game as the window plays it: who sits at the keyboard, the choices made so far this turn,
resolution through the match runner, and the autosave. No pygame here (tested headless).

People play their sides "from outside" the runner (their agent is None): the window collects
their choices, then `Match.step(outside=...)` asks the computer players and resolves the turn.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.agents import make_agent
from game.agents.base import AgentSpecError
from game.engine.game import Choice
from game.engine.observation import observe
from game.match import Match
from game.saves import SaveError, load_game, read_save, save_game

ONE, HOT_SEAT, WATCH = "one", "hotseat", "watch"


class SessionError(Exception):
    """A game the window cannot start or continue; the message says why in one line."""


@dataclass
class GameSession:
    match: Match
    humans: tuple[int, ...]                      # side indices played by people at this machine
    save_path: Path
    pending: dict[int, Choice] = field(default_factory=dict)   # choices made this turn, not yet resolved
    draft: dict | None = None                    # the current player's unfinished choice (front end's)
    save_problem: str | None = None              # why the last autosave failed, if it did

    # ------------------------------------------------------------------ making one

    @classmethod
    def new(cls, scenario, *, humans: tuple[int, ...], opponent: str | dict[int, str], seed: int,
            save_path: Path) -> GameSession:
        """A new game; `opponent` is the computer player's name (or one per computer side)."""
        agents = []
        for side in range(2):
            if side in humans:
                agents.append(None)
                continue
            spec = opponent[side] if isinstance(opponent, dict) else opponent
            try:
                agents.append(make_agent(spec))
            except AgentSpecError as exc:
                raise SessionError(str(exc)) from exc
        return cls(Match(scenario, agents, seed=seed), tuple(sorted(humans)), Path(save_path))

    @classmethod
    def load(cls, path: Path, save_path: Path | None = None) -> GameSession:
        """Continue a save: people play the sides saved as 'human'; a turn in progress comes back."""
        try:
            match = load_game(path)
            extra = read_save(path).get("front_end") or {}
        except SaveError as exc:
            raise SessionError(str(exc)) from exc
        humans = tuple(i for i, agent in enumerate(match.agents) if agent is None)
        session = cls(match, humans, Path(save_path or path))
        if not match.over:
            session._restore(extra)
        return session

    def _restore(self, extra: dict) -> None:
        """Choices already made this turn (hot-seat), by id; anything that no longer fits is dropped."""
        sc = self.scenario
        for side_id, data in (extra.get("pending") or {}).items():
            if side_id in sc.sides and isinstance(data, dict):
                side = sc.sides.index(side_id)
                choice = self.choice_from_ids(side, data.get("action"), data.get("message"))
                if choice is not None and side in self.humans:
                    self.pending[side] = choice
        draft = extra.get("draft")
        self.draft = draft if isinstance(draft, dict) else None

    # ------------------------------------------------------------------ reading

    @property
    def scenario(self):
        return self.match.scenario

    @property
    def game(self):
        return self.match.game

    @property
    def over(self) -> bool:
        return self.match.over

    @property
    def mode(self) -> str:
        return WATCH if not self.humans else HOT_SEAT if len(self.humans) == 2 else ONE

    def sees(self, viewer: int | None) -> frozenset[int]:
        """Whose private information a screen may show: the viewer's side, or both for spectators."""
        if viewer is None:
            return frozenset({0, 1}) if self.mode == WATCH else frozenset()
        return frozenset({viewer})

    def observation(self, side: int):
        return observe(self.game, side)

    def legal(self, side: int):
        return self.game.legal(side)

    def waiting_for(self) -> int | None:
        """The next person to choose this turn, or None when every person has chosen."""
        for side in self.humans:
            if side not in self.pending:
                return side
        return None

    @property
    def last_record(self) -> dict | None:
        return self.game.turns[-1] if self.game.turns else None

    def opponent_name(self, side: int) -> str:
        return self.match.agent_name(side)

    # ------------------------------------------------------------------ playing

    def choice_from_ids(self, side: int, action_id, message_json) -> Choice | None:
        """The legal Choice with this action id and message (as in a record), or None."""
        return self.legal(side).choice_by_ids(action_id, message_json, self.scenario)

    def commit(self, side: int, choice: Choice) -> None:
        if side not in self.humans:
            raise SessionError(f"{self.scenario.sides[side]} is a computer player")
        if not self.legal(side).allows(choice):
            raise SessionError(f"that choice is not open to {self.scenario.sides[side]} now")
        self.pending[side] = choice
        self.draft = None

    def resolve(self) -> dict:
        """Play the turn with the people's choices (the runner asks the computers); autosave."""
        if self.waiting_for() is not None:
            raise SessionError("a player has not chosen yet")
        record = self.match.step(dict(self.pending) if self.pending else None)
        self.pending.clear()
        self.draft = None
        self.save_problem = self.autosave()
        return record

    # ------------------------------------------------------------------ saving

    def front_end(self) -> dict:
        sc = self.scenario
        out: dict = {}
        if self.pending:
            out["pending"] = {sc.sides[s]: {"action": c.action.id, "message": c.message.to_json(sc)}
                              for s, c in self.pending.items()}
        if self.draft:
            out["draft"] = self.draft
        return out

    def save(self, path: Path | None = None) -> Path:
        """Save now (the autosave file by default), with a turn in progress; raises SaveError."""
        return save_game(self.match, path or self.save_path, front_end=self.front_end())

    def autosave(self) -> str | None:
        """Save to the autosave file; the problem in one line if it could not (the game goes on)."""
        try:
            self.save()
        except SaveError as exc:
            return str(exc)
        return None

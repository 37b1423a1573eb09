"""The terminal game loop: one Match, turn reports, saves after each turn, autosave when stopped.

Exit codes: 0 when the game ends or the player stops it (end of input or 'q'; the game is saved
first), 130 after Ctrl-C (also saved), 1 if a save could not be written when stopping.
"""
from __future__ import annotations

from pathlib import Path

from game.cli.text import render
from game.cli.text.console import Console
from game.match import Match, StopMatch
from game.saves import SaveError, agent_states, default_dir, save_game

EXIT_STOPPED = 0
EXIT_INTERRUPTED = 130


def resume_hint(path: Path) -> str:
    """The command that continues a save at `path`."""
    try:
        default = path.resolve().parent == default_dir().resolve()
    except OSError:
        default = False
    name = path.stem if default and path.suffix == ".json" else str(path)
    return f"python run.py play --load {name}"


class TerminalSession:
    """Plays `match` to the end, printing what the `sees` sides may read after every turn."""

    def __init__(self, match: Match, console: Console, sees: frozenset[int], *,
                 autosave: Path, save_to: Path | None = None):
        self.match = match
        self.console = console
        self.sees = sees
        self.autosave = autosave
        self.save_to = save_to

    def run(self) -> int:
        match, con = self.match, self.console
        states = agent_states(match)
        try:
            while not match.over:
                states = agent_states(match)   # before the turn: an opponent may draw before we stop
                record = match.step()
                states = agent_states(match)
                for line in render.turn_report(match.scenario, record, self.sees):
                    con.say(line)
                self._mark_reported(record["turn"])
                if self.save_to is not None:
                    self._save(self.save_to, states, quiet=True)
        except StopMatch as exc:
            return self._stop(states, EXIT_STOPPED, f"Stopped ({exc}).")
        except KeyboardInterrupt:
            return self._stop(states, EXIT_INTERRUPTED, "\nInterrupted (Ctrl-C).")
        for line in render.final_report(match):
            con.say(line)
        return 0

    def _mark_reported(self, turn: int) -> None:
        """A lone human has just read the turn's news in full: the next situation need not repeat it."""
        people = [a for a in self.match.agents if getattr(a, "human", False)]
        if len(people) == 1:
            people[0].reported_turn = turn

    def _stop(self, states, code: int, why: str) -> int:
        """Save, then say why the game stopped (saving first: the terminal itself may be what failed)."""
        game = self.match.game
        if len(game.choices) != len(game.turns):   # interrupted inside a turn's resolution
            self.console.say(why)
            self.console.say("The game was interrupted in the middle of a turn and could not be saved.")
            return 1
        targets = [self.autosave] + ([self.save_to] if self.save_to not in (None, self.autosave) else [])
        saved = [self._save(path, states, quiet=True, warn=False) for path in targets]
        self.console.say(why)
        for problem in filter(None, saved):
            self.console.say(f"Warning: the game could not be saved: {problem}")
        if any(saved):
            return 1
        self.console.say(f"Game saved at turn {game.turn} to {' and '.join(map(str, targets))}. "
                         f"Continue it with: {resume_hint(targets[-1])}")
        return code

    def _save(self, path: Path, states, quiet: bool = False, warn: bool = True) -> SaveError | None:
        """Save to `path`; the problem if it could not (said at once unless `warn` is False)."""
        try:
            save_game(self.match, path, states)
        except SaveError as exc:
            if warn:
                self.console.say(f"Warning: the game could not be saved: {exc}")
            return exc
        if not quiet:
            self.console.say(f"(saved to {path})")
        return None

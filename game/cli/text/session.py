"""The terminal game loop: one Match, turn reports, saves after each turn, autosave when stopped.

Nothing a player has played is lost silently: Ctrl-C, SIGTERM and SIGHUP (the window closed) save
like the end of input; an unfinished autosave of another game is kept under a dated name before
this game may overwrite it; a `--save` file that cannot be written stops the game at once with an
error (exit 1) instead of warning every turn; one save file has one writer at a time (a lock, see
game/filelock.py); temporary and lock files of killed games are cleaned at the start.

Exit codes: 0 when the game ends or the player stops it (end of input or 'q'; the game is saved
first), 130 after Ctrl-C (also saved), 128+N after signal N (saved), 1 if a save could not be written.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

from game.cli import signals
from game.cli.text import render
from game.cli.text.console import Console
from game.filelock import FileLock, LockedError, clean_stale_locks
from game.files import clean_stale_temps
from game.match import Match, StopMatch
from game.saves import SaveError, default_dir, save_game, summarise
from game.cli.text.strings import TEXT
from game.present import Presenter

EXIT_STOPPED = 0
EXIT_INTERRUPTED = 130
EXIT_SAVE_FAILED = 1
#: other autosave names tried when another running game holds the autosave
OTHER_AUTOSAVES = 9


def resume_hint(path: Path) -> str:
    """The command that continues a save at `path`."""
    try:
        default = path.resolve().parent == default_dir().resolve()
    except OSError:
        default = False
    name = path.stem if default and path.suffix == ".json" else str(path)
    return f"python run.py play --load {name}"


def backup_name(path: Path, when: dt.datetime | None = None) -> Path:
    """A free dated name beside `path`: autosave.json -> autosave-20261128-153012.json."""
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        candidate = path.with_name(f"{path.stem}-{stamp}{'' if n == 1 else f'-{n}'}{path.suffix}")
        if not os.path.lexists(candidate):
            return candidate
    raise SaveError(f"{path}: no free name to keep it under")


class TerminalSession:
    """Plays `match` to the end, printing what the `sees` sides may read after every turn.

    `continuing` is the save this game was loaded from (it is not backed up: it is this game)."""

    def __init__(self, match: Match, console: Console, sees: frozenset[int], *,
                 autosave: Path, save_to: Path | None = None, continuing: Path | None = None,
                 before_turn=None):
        self.match = match
        self.before_turn = before_turn      # called before each turn (live reload checks its file)
        self.console = console
        self.sees = sees
        self.autosave = autosave
        self.save_to = save_to
        self.continuing = continuing
        self._locks: list[FileLock] = []
        sides = match.scenario.sides
        reader = sides[next(iter(sees))] if len(sees) == 1 else None
        self.words = Presenter(match.scenario, me=reader, sees=[sides[s] for s in sees])
        #: watching two computer players on a real terminal: a turn at a time (Enter), or fast ('f')
        self.paced = not any(getattr(a, "human", False) for a in match.agents)

    def run(self) -> int:
        try:
            problem = self._prepare()
            if problem is not None:
                self._say(f"Error: {problem}")
                return EXIT_SAVE_FAILED
            return self._play()
        finally:
            for lock in self._locks:
                lock.release()
            self._locks.clear()

    # ------------------------------------------------------------------ before the first turn

    def _prepare(self) -> str | None:
        """Locks, clean-up, the unfinished autosave kept, a first save to prove --save works.
        Returns why the game cannot start, or None."""
        folders = {self.autosave.parent} | ({self.save_to.parent} if self.save_to else set())
        for folder in folders:
            clean_stale_temps(folder)
            clean_stale_locks(folder)
        if self.save_to is not None:
            try:
                self._locks.append(FileLock(self.save_to).acquire())
            except LockedError as exc:
                return str(exc)
            except OSError as exc:
                folder = self.save_to.parent
                why = (f"{folder} is not a folder" if folder.exists() and not folder.is_dir()
                       else exc.strerror or str(exc))
                return f"{self.save_to}: cannot save there: {why} (nothing played yet; choose another place with --save NAME)"
        self.autosave = self._own_autosave()
        self._keep_unfinished_autosave()
        if self.save_to is not None:
            problem = self._save(self.save_to, self.match.agent_states())
            if problem is not None:
                return f"{problem} (nothing played yet; choose another place with --save NAME)"
        return None

    def _own_autosave(self) -> Path:
        """The autosave this game may write: the usual one, or autosave-2.json ... when other
        running games hold it. Without a lock possible (read-only folder) it stays as it is."""
        base = self.autosave
        if self.save_to is not None and _same_path(base, self.save_to):
            return base
        for n in range(1, OTHER_AUTOSAVES + 2):
            candidate = base if n == 1 else base.with_name(f"{base.stem}-{n}{base.suffix}")
            try:
                self._locks.append(FileLock(candidate).acquire())
            except LockedError:
                continue
            except OSError:
                return base
            if n > 1:
                self._say(f"(Another game is running with {base.name}: this one autosaves to {candidate.name}.)")
            return candidate
        return base

    def _keep_unfinished_autosave(self) -> None:
        """Move an autosave of another game that is not finished to a dated name, and say so."""
        path = self.autosave
        if not os.path.lexists(path) or (self.continuing is not None and _same_path(path, self.continuing)):
            return
        summary = summarise(path)
        if summary.ok and summary.outcome:
            return   # a finished game: nothing to continue, nothing lost by replacing it
        try:
            kept = backup_name(path)
            os.rename(path, kept)   # same folder: atomic; the name was free a moment ago
        except (OSError, SaveError) as exc:
            self._say(f"Warning: could not keep the earlier autosave {path}: {getattr(exc, 'strerror', None) or exc}")
            return
        what = "unfinished game" if summary.ok else "damaged autosave"
        self._say(f"(Your {what} in {path.name} was kept as {kept}; continue it with: {resume_hint(kept)})")

    # ------------------------------------------------------------------ the game

    def _play(self) -> int:
        match, con = self.match, self.console
        states = match.agent_states()
        try:
            while not match.over:
                if self.before_turn is not None:
                    self.before_turn()
                states = match.agent_states()   # before the turn: an opponent may draw before we stop
                record = match.step()
                states = match.agent_states()
                if self.save_to is not None:
                    with signals.deferred():
                        problem = self._save(self.save_to, states)
                    if problem is not None:
                        return self._save_failed(problem, states)
                for line in render.turn_report(self.words, record, con.width):
                    con.say(line)
                self._mark_reported(record["turn"])
                if self.paced and not match.over and con.pause(TEXT["watch_pause"]).startswith("f"):
                    self.paced = False
        except StopMatch as exc:
            return self._stop(states, EXIT_STOPPED, f"Stopped ({exc}).")
        except signals.Terminated as exc:
            return self._stop(states, exc.exit_code, f"\nStopped by {exc} (the terminal was closed or the "
                                                     f"program was asked to end).")
        except KeyboardInterrupt:
            return self._stop(states, EXIT_INTERRUPTED, "\nInterrupted (Ctrl-C).")
        for line in render.final_report(match, con.width, self.words):
            con.say(line)
        self._offer_report()
        return 0

    def _save_failed(self, problem: SaveError, states) -> int:
        """A --save that stopped working: stop now (each further turn would be lost too)."""
        self._say(f"Error: the game could not be saved: {problem}")
        self._say(f"Stopping now at turn {self.match.game.turn} rather than playing turns that cannot be saved.")
        if self.save_to is None or not _same_path(self.autosave, self.save_to):
            fallback = self._save(self.autosave, states)
            if fallback is None:
                self._say(f"The game was saved to {self.autosave} instead. Continue it with: "
                          f"{resume_hint(self.autosave)}")
        return EXIT_SAVE_FAILED

    def _offer_report(self) -> None:
        """After a game with a person in it: keep its record beside the saves (where `class collect`
        finds it) and say how to print its debrief."""
        match = self.match
        if match.game.outcome is None or not any(getattr(a, "human", False) for a in match.agents):
            return
        import datetime as dt

        from game.engine.record import dumps
        from game.jsonfile import write_atomic

        path = self.autosave.parent / "records" / \
            f"hotline-{match.scenario.id}-{dt.datetime.now():%Y%m%d-%H%M%S}-{match.game.seed}.json"
        try:
            write_atomic(path, dumps(match.record()))
        except OSError as exc:
            self._say(f"(The game's record could not be kept: {exc.strerror or exc}.)")
            return
        self._say("")
        self._say(f"The game's record is kept in {path}.")
        self._say(f"A one-page debrief to print: python run.py report {path} --out debrief.html")

    def _mark_reported(self, turn: int) -> None:
        """The players have just read the turn's news: the next situation need not repeat it (in
        hot-seat they read it together, without secrets; each knows their own move)."""
        for agent in self.match.agents:
            if getattr(agent, "human", False):
                agent.reported_turn = turn

    def _stop(self, states, code: int, why: str) -> int:
        """Save, then say why the game stopped (saving first: the terminal itself may be what failed)."""
        game = self.match.game
        if len(game.choices) != len(game.turns):   # interrupted inside a turn's resolution
            self._say(why)
            self._say("The game was interrupted in the middle of a turn and could not be saved.")
            return EXIT_SAVE_FAILED
        targets = [self.autosave] + ([self.save_to] if self.save_to not in (None, self.autosave) else [])
        with signals.deferred(reraise=False):
            saved = [self._save(path, states) for path in targets]
        self._say(why)
        for problem in filter(None, saved):
            self._say(f"Warning: the game could not be saved: {problem}")
        if any(saved):
            return EXIT_SAVE_FAILED
        self._say(f"Game saved at turn {game.turn} to {' and '.join(map(str, targets))}. "
                  f"Continue it with: {resume_hint(targets[-1])}")
        return code

    def _save(self, path: Path, states) -> SaveError | None:
        """Save to `path`; the problem if it could not."""
        try:
            save_game(self.match, path, states)
        except SaveError as exc:
            return exc
        return None

    def _say(self, text: str) -> None:
        """Say something that must not fail: the terminal may be gone (SIGHUP, a closed pipe)."""
        with contextlib.suppress(OSError, ValueError):
            self.console.say(text)


def _same_path(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)

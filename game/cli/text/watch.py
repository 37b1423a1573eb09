"""Live reload in the terminal (`python run.py --scenario FILE --watch --text`). The terminal
cannot look at the file while it waits for an answer, so it checks before each turn and, after the
game, every half second until the file changes: a valid change starts the game again on the new
version (same seed, same players); an invalid one prints its errors and play goes on with the last
good version. The logic lives in game.authoring.watch."""
from __future__ import annotations

import time

from game.authoring.watch import Broken, ScenarioWatch
from game.present.reload import broken_lines, reloaded_line, watching_line

INTERVAL = 0.5
_pause = time.sleep      # looked up at each wait, so a test can stand in for the author's edits


class Restart(Exception):
    """The watched file has a valid new version: start the game again on it."""

    def __init__(self, scenario):
        super().__init__("scenario changed")
        self.scenario = scenario


class TerminalReload:
    def __init__(self, watch: ScenarioWatch, say, *, sleep=None):
        self.watch = watch
        self.say = say
        self.sleep = sleep

    def first(self):
        """The first valid version: printed errors and a wait while the file is broken."""
        self.say(watching_line(self.watch.path))
        change = self.watch.start()
        while isinstance(change, Broken):
            self._errors()
            change = self._wait()
        return change.scenario

    def before_turn(self) -> None:
        """TerminalSession's hook: raise Restart on a valid new version, print the errors of a broken one."""
        self._act(self.watch.poll())

    def after_game(self):
        """The game is over: wait for the next valid version (Ctrl-C stops)."""
        self.say(f"Waiting for {self.watch.path.name} to change (Ctrl-C stops) ...")
        while True:
            change = self._wait()
            if isinstance(change, Broken):
                self._errors()
            else:
                return change.scenario

    def _wait(self):
        while True:
            (self.sleep or _pause)(INTERVAL)
            change = self.watch.poll()
            if change is not None:
                return change

    def _act(self, change) -> None:
        if change is None:
            return
        if isinstance(change, Broken):
            self._errors()
            return
        raise Restart(change.scenario)

    def _errors(self) -> None:
        for line in broken_lines(self.watch.path, self.watch.issues, running=self.watch.good is not None):
            self.say(line)

    def loop(self, scenario, play_one, seed: int) -> int:
        """Play games until stopped: `play_one(scenario)` plays one (returning its exit code, or
        raising Restart from `before_turn`); after a finished game, wait for the next version."""
        try:
            while True:
                try:
                    code = play_one(scenario)
                except Restart as change:
                    scenario = change.scenario
                    self.say(reloaded_line(self.watch.path, seed=seed))
                    continue
                if code != 0:
                    return code
                scenario = self.after_game()
                self.say(reloaded_line(self.watch.path, seed=seed))
        except KeyboardInterrupt as exc:    # Ctrl-C, or SIGTERM/SIGHUP as play's handlers raise them
            self.say("\nStopped watching.")
            return getattr(exc, "exit_code", 130)

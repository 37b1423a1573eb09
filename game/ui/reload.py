"""Live reload in the window (`python run.py --scenario FILE --watch`): the window opens on the
game's setup with FILE picked, checks the file twice a second, and on a valid change restarts the
game in progress on the new version (same seed, same sides; said in a toast); an invalid change
opens the list of its errors while the game goes on with the last good version. The logic lives in
game.authoring.watch; this is only the window's side of it."""
from __future__ import annotations

from pathlib import Path

from game.authoring.watch import Broken, ScenarioWatch
from game.present.reload import reloaded_line, watching_line

INTERVAL = 0.5   # seconds between checks of the file


class WindowReload:
    def __init__(self, app, path, watch: ScenarioWatch | None = None):
        self.app = app
        self.path = Path(path)
        self.watch = watch or ScenarioWatch(self.path)
        self.pending = None          # a change seen while a turn was being resolved
        self.due = 0.0
        first = self.watch.start()
        self._catalogue()
        from game.ui.screens.setup import SetupScreen

        app.show(SetupScreen(app))
        app.toast(watching_line(self.path), seconds=6)
        if isinstance(first, Broken):
            self._errors()

    def tick(self) -> None:
        """Called by the window's loop: check the file when due, act on a change when no turn is
        being resolved (the computer player's thread still plays the old version)."""
        now = self.app.now()
        if now >= self.due:
            self.due = now + INTERVAL
            change = self.watch.poll()
            if change is not None:
                self.pending = change
        if self.pending is not None and not self.app.busy():
            change, self.pending = self.pending, None
            self._catalogue()
            if isinstance(change, Broken):
                self._errors()
            else:
                self._reloaded(change.scenario)

    def _catalogue(self) -> None:
        """The watched file first in the window's scenario list (its last good version, or its
        first error), then the others."""
        from game.ui.catalogue import Entry

        others = [e for e in self.app.scenarios() if e.path.resolve() != self.path.resolve()]
        watch = self.watch
        entry = Entry(self.path, scenario=watch.good,
                      problem=None if watch.good is not None else str(watch.issues[0]))
        self.app._catalogue = [entry, *others]

    def _errors(self) -> None:
        from game.ui.screens.reload import ReloadErrorsScreen

        running = self.watch.good is not None
        self.app.open_overlay(ReloadErrorsScreen(self.app, self.path, self.watch.issues, running=running))

    def _reloaded(self, scenario) -> None:
        from game.saves import agent_spec
        from game.ui.screens.reload import ReloadErrorsScreen
        from game.ui.screens.setup import SetupScreen

        app = self.app
        if isinstance(app.overlay, ReloadErrorsScreen):
            app.close_overlay()
        session = app.session
        if session is not None:
            match = session.match
            opponent = {side: agent_spec(agent) for side, agent in enumerate(match.agents) if agent is not None}
            app.new_game(scenario, humans=session.humans, opponent=opponent or "random", seed=match.seed)
            app.toast(reloaded_line(self.path, seed=match.seed), seconds=6)
        else:
            if isinstance(app.screen, SetupScreen):
                app.show(SetupScreen(app))
            app.toast(reloaded_line(self.path), seconds=4)


"""Live reload in the window (`python run.py --scenario FILE --watch`): the window opens on the
game's setup with FILE picked and checks the file twice a second. On a valid change, a game in
progress is played again on the new version — same seed, same sides, the people's moves of the
turns so far as long as they are still open (the computer players choose afresh) — so the author
is back where they were; an invalid change opens the list of its errors while the game goes on with
the last good version. The logic lives in game.authoring.watch; this is the window's side of it."""
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

        watch = self.watch
        self.app.pin_scenario(Entry(self.path, scenario=watch.good,
                                    problem=None if watch.good is not None else str(watch.issues[0])))

    def _errors(self) -> None:
        from game.ui.screens.reload import ReloadErrorsScreen

        running = self.watch.good is not None
        self.app.open_overlay(ReloadErrorsScreen(self.app, self.path, self.watch.issues, running=running))

    def _reloaded(self, scenario) -> None:
        from game.ui.screens.reload import ReloadErrorsScreen
        from game.ui.screens.setup import SetupScreen

        app = self.app
        if isinstance(app.overlay, ReloadErrorsScreen):
            app.close_overlay()
        if app.session is not None:
            self._replay(scenario, app.session)
            return
        if isinstance(app.screen, SetupScreen):
            app.show(SetupScreen(app))
        app.toast(reloaded_line(self.path), seconds=4)

    def _replay(self, scenario, old) -> None:
        """The game in progress, played again on the new version in the background (the computer
        players think), then shown where it stands; a plain restart if that fails."""
        from game.saves import agent_spec
        from game.ui.session import GameSession

        app = self.app
        opponent = {side: agent_spec(agent) for side, agent in enumerate(old.match.agents) if agent is not None}
        opponent = opponent or "random"
        seed, humans = old.match.seed, old.humans
        moves = human_moves(old)

        def work():
            session = GameSession.new(scenario, humans=humans, opponent=opponent, seed=seed,
                                      save_path=app.autosave_path())
            return session, replay(session, moves)

        def done(result, error):
            if error is not None or result is None:
                app.new_game(scenario, humans=humans, opponent=opponent, seed=seed)
                app.toast(reloaded_line(self.path, seed=seed), seconds=6)
                return
            from game.ui.flow import Flow

            session, played = result
            flow = Flow(app, session)
            flow.briefed = {None, *session.humans} if session.game.turns else set()
            app.start_flow(flow)
            app.toast(reloaded_line(self.path, seed=seed, replayed=played, wanted=len(moves),
                                    over=session.over), seconds=8)

        app.run_task(work, done)


def human_moves(session) -> list[dict[int, tuple[str, dict | None]]]:
    """Per turn played: the people's moves as ids (action id, message as in a record)."""
    from game.authoring.watch import moves_of

    return moves_of(session.game, session.humans, session.scenario)


def replay(session, moves) -> int:
    """Play `moves` (from human_moves) in `session` while each is still open; the turns played."""
    played = 0
    for turn in moves:
        if session.over:
            break
        for side, (action_id, message) in turn.items():
            choice = session.choice_from_ids(side, action_id, message)
            if choice is None:
                return played
            session.commit(side, choice)
        session.resolve()
        played += 1
    return played

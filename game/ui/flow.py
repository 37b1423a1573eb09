"""Which screen comes next in a game: hand-over, briefing, what happened, the turn, the end.

One person: briefing, then each turn "what happened" and the turn screen. Hot-seat: before each
player's part of a turn a hand-over screen, so nothing of the other player's choice is on screen
when the keyboard changes hands. Watching: the turn screen as a spectator, then what happened.
"""
from __future__ import annotations

import threading

from game.ui.session import GameSession, SessionError
from game.ui.strings import t


class Flow:
    def __init__(self, app, session: GameSession):
        self.app = app
        self.session = session
        self.briefed: set = set()          # sides (or None for spectators) who read the briefing
        self.seen: dict = {}               # viewer -> last turn whose report they saw
        self.handed: int | None = None     # hot-seat: the side that has the keyboard now
        self.autoplay = False              # watching: turns advance by themselves (for a class)
        self.comparison: threading.Thread | None = None   # the debrief's reference lines, being computed

    def prepare_debrief(self) -> None:
        """Compute the debrief's comparison lines (the computer players' range and the historical
        line, a few tenths of a second) while the last "what happened" is read, not when the end
        screen opens; the end screen waits for what is left."""
        from game.lesson.reference import reference

        if self.comparison is None:
            self.comparison = threading.Thread(target=reference, args=(self.session.scenario,), daemon=True)
            self.comparison.start()

    def debrief_ready(self) -> None:
        if self.comparison is not None:
            self.comparison.join()

    AUTOPLAY_SECONDS = {"turn": 3.0, "report": 6.0}

    def autoplay_due(self, screen) -> bool:
        """Watching with auto-play on, and the screen has been up long enough to read."""
        if not self.autoplay or self.session.humans or self.app.overlay is not None or self.app.busy():
            return False
        shown = getattr(screen, "shown_at", None)
        if shown is None:
            screen.shown_at = self.app.now()
            return False
        return self.app.now() - shown >= self.AUTOPLAY_SECONDS.get(screen.name, 4.0)

    @property
    def hot_seat(self) -> bool:
        return len(self.session.humans) == 2

    def viewer(self) -> int | None:
        return self.session.waiting_for()

    def next(self) -> None:
        """Show whatever the game needs now."""
        from game.ui.screens.briefing import BriefingScreen
        from game.ui.screens.end import EndScreen
        from game.ui.screens.handover import HandoverScreen
        from game.ui.screens.report import ReportScreen
        from game.ui.screens.turn import TurnScreen

        app, session = self.app, self.session
        last = session.last_record
        if session.over:
            if last is not None and self.seen.get("end") != last["turn"]:
                self.seen["end"] = last["turn"]
                self.prepare_debrief()
                app.show(ReportScreen(app, self, viewer=None, final=True))
                return
            app.show(EndScreen(app, self))
            return
        side = session.waiting_for()
        if side is None and session.humans:        # every person has chosen: resolve
            self.resolve()
            return
        viewer = side   # None when watching
        if self.hot_seat and self.handed != side:
            app.show(HandoverScreen(app, self, side))
            return
        if viewer not in self.briefed:
            app.show(BriefingScreen(app, self, viewer))
            return
        if last is not None and self.seen.get(viewer) != last["turn"]:
            app.show(ReportScreen(app, self, viewer=viewer))
            return
        app.show(TurnScreen(app, self, viewer))

    # -- called by screens
    def handed_over(self, side: int) -> None:
        self.handed = side
        self.next()

    def briefing_read(self, viewer) -> None:
        self.briefed.add(viewer)
        self.next()

    def report_read(self, viewer, final: bool = False) -> None:
        last = self.session.last_record
        if last is not None and not final:
            self.seen[viewer] = last["turn"]
        self.next()

    def choose(self, side: int, choice) -> None:
        """A person ends their turn: the choice is kept (and autosaved) until both have chosen."""
        try:
            self.session.commit(side, choice)
        except SessionError as exc:
            self.app.toast(str(exc), seconds=8)
            self.next()
            return
        if self.session.waiting_for() is not None:
            self.session.autosave()
        self.next()

    def resolve(self) -> None:
        """Resolve the turn in the background (computer players may think); then show what happened."""
        from game.ui.screens.report import WaitScreen

        app = self.app
        app.show(WaitScreen(app, self))

        def done(record, error):
            if error is not None:   # the runner contains agents' faults; this is the engine or a save
                self.app.toast(t("app.turn_failed", problem=f"{type(error).__name__}: {error}"), seconds=10)
            elif self.session.save_problem:
                self.app.toast(t("app.autosave_failed", problem=self.session.save_problem), seconds=10)
            if self.hot_seat:
                self.handed = None
            app.sounds.play("end" if self.session.over else "turn")
            self.next()
        app.run_task(self.session.resolve, done)

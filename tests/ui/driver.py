"""Playing the window as a student does: key presses and mouse clicks through pygame's event
queue (never calls into the engine), with a layout check on every new screen."""
from __future__ import annotations

import pygame

from game.ui.synthetic import click, press


def finish_tasks(app) -> None:
    """Wait for the computer players thinking in their threads to finish (joined: however long a
    loaded machine takes, never a deadline or a count of polls)."""
    for thread, _, _ in list(app.tasks):
        thread.join()


def settle(app, limit: int = 2000) -> None:
    """Run the loop until the events are handled and no background work is left. `limit` counts
    passes of the loop that made progress, so only a screen that keeps posting events trips it."""
    for _ in range(limit):
        app.step()
        if app.busy():
            finish_tasks(app)
            continue
        if not pygame.event.peek():
            app.step()
            return
    raise AssertionError("the window did not settle")


def scenario_key(scenario) -> str:
    """The setup screen's key of a scenario: a bundled one by name, any file by its path."""
    from game.scenario.load import find_scenario
    from game.ui.catalogue import Entry

    return f"scenario:{Entry(find_scenario(scenario)).key}"


def screen(app) -> str:
    return app.active.name


def find(app, key: str):
    widget = app.active.find(key)
    assert widget is not None, f"no widget {key!r} on {screen(app)}: {[w.key for w in app.active.root.walk() if w.key]}"
    return widget


def click_key(app, key: str) -> None:
    widget = find(app, key)
    assert widget.enabled, f"{key} is disabled on {screen(app)}"
    if not click(widget):     # scrolled out of view: bring it in by focusing it first
        app.active.set_focus(widget)
        settle(app)
        assert click(widget), key
    settle(app)


def key(app, k: int, mod: int = 0, times: int = 1) -> None:
    for _ in range(times):
        press(k, mod)
    settle(app)


def focus_key(app) -> str | None:
    focus = app.ctx.focus
    return focus.key if focus is not None else None


def tab_to(app, prefix: str, limit: int = 30) -> None:
    """Press Tab until the focus is on a widget whose key starts with `prefix`."""
    for _ in range(limit):
        if (focus_key(app) or "").startswith(prefix):
            return
        key(app, pygame.K_TAB)
    raise AssertionError(f"Tab never reached {prefix!r} on {screen(app)}")


class LayoutWatch:
    """Checks the layout the first time each screen (by name and tab) is drawn."""

    def __init__(self, app):
        self.app = app
        self.seen: set[str] = set()
        self.problems: dict[str, list[str]] = {}

    def __call__(self) -> None:
        name = getattr(self.app.active, "shot_name", None) or self.app.active.name
        if name in self.seen:
            return
        self.seen.add(name)
        problems = self.app.check_layout()
        if problems:
            self.problems[name] = problems[:5]

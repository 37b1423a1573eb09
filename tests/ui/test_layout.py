"""Every screen at 1024x640, 1280x720 and 1920x1080 (and the largest text at the smallest size):
no text outside its box, nothing outside the window or overlapping (checked in code)."""
from __future__ import annotations

import pygame
import pytest

from game.ui.demo import DemoDriver
from tests.ui.driver import LayoutWatch, click_key, finish_tasks, key, screen, settle
from tests.ui.test_play_through_window import start_game

SIZES = [((1024, 640), "normal"), ((1280, 720), "normal"), ((1920, 1080), "normal"), ((1024, 640), "largest")]
DEMO_SCREENS = {"start", "help", "settings", "setup", "briefing", "turn-watch", "report", "pause", "report-final", "end"}


def set_text_size(app, size: str) -> None:
    app.settings.text_size = size
    app.retheme()
    settle(app)


@pytest.mark.parametrize("size, text", SIZES, ids=[f"{w}x{h}-{t}" for (w, h), t in SIZES])
def test_the_demo_passes_every_screen_through_the_layout_check(make_window, size, text):
    app = make_window(size=size, demo=True, seed=11)
    set_text_size(app, text)
    app.driver = DemoDriver(app, delay=0)
    watch = LayoutWatch(app)
    for _ in range(5000):
        if not app.running:
            break
        finish_tasks(app)   # a computer player thinking in its thread is waited for, not polled
        app.step()
        if app.drawn:
            watch()
    assert not app.running and app.driver.done
    assert DEMO_SCREENS <= watch.seen
    assert watch.problems == {}


@pytest.mark.parametrize("size, text", SIZES, ids=[f"{w}x{h}-{t}" for (w, h), t in SIZES])
def test_the_players_screens_pass_the_layout_check(make_window, tmp_path, size, text):
    app = make_window(size=size)
    set_text_size(app, text)
    watch = LayoutWatch(app)
    start_game(app, "side:hotseat")
    for _ in range(6):
        watch()
        if screen(app) == "turn":
            break
        key(app, pygame.K_RETURN)
    click_key(app, "tab:talks")
    watch()
    click_key(app, "tab:move")
    key(app, pygame.K_TAB)
    key(app, pygame.K_TAB)
    watch.seen.discard("turn-move")
    watch()                                   # a focused meter shows its tooltip: checked too
    key(app, pygame.K_ESCAPE)
    click_key(app, "save")
    watch()
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_ESCAPE)
    click_key(app, "load")
    watch()
    assert {"handover", "briefing", "turn-move", "turn-talks", "save", "load"} <= watch.seen
    assert watch.problems == {}


def test_resizing_the_window_rebuilds_the_screen_within_the_minimum(make_window):
    app = make_window(size=(1280, 720))
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(800, 500), w=800, h=500))
    settle(app)
    assert app.surface.get_size() == (1024, 640)
    assert app.check_layout() == []


def test_the_layout_check_reports_overflow_overlap_and_text_outside_its_box(make_window):
    from game.ui.layout import check
    from game.ui.widgets import Column, Label, Row, Text

    app = make_window()
    ctx = app.ctx
    long = Column([Text("word " * 400), Label("after")])
    long.place(ctx, pygame.Rect(0, 0, 200, 100))              # far taller than its box
    problems = check(long, pygame.Rect(0, 0, 200, 100))
    assert any("outside its box" in p for p in problems)
    row = Row([Label("a"), Label("b")])
    row.place(ctx, pygame.Rect(0, 0, 200, 30))
    row.items[1].rect.x -= 150                                  # pushed onto its neighbour
    assert any("overlaps" in p for p in check(row, pygame.Rect(0, 0, 200, 30)))
    label = Label("text")
    label.place(ctx, pygame.Rect(0, 0, 100, 30))
    assert check(label, pygame.Rect(0, 0, 100, 30), [(label, pygame.Rect(90, 0, 40, 20), "text")])

"""The window under SDL's dummy video driver: real screens and events, no display needed."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


@pytest.fixture
def make_window(tmp_path, monkeypatch):
    """make_window(size=(w, h), **options) -> an App on the dummy driver, saves in a temp folder."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.ui.app import App, WindowOptions

    made = []

    def make(size=(1280, 720), saves=None, **options):
        options.setdefault("seed", 7)   # a game's course is part of a test: never a new random seed per run
        app = App(WindowOptions(size=size, saves_dir=saves or tmp_path / "saves", **options))
        made.append(app)
        app.step()
        return app
    yield make
    pygame.quit()

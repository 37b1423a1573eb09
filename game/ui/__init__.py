"""The classroom window (pygame-ce): screens, widgets, the map, the demo. The only package that imports pygame.

Widgets are drawn by this package itself rather than with pygame-gui: every screen must work by
keyboard alone (Tab, arrows, Enter, Esc, number keys), scale with a text-size setting, and pass a
layout check that no text leaves its box; a small widget set of our own does all three and stays
fast (cached text, redrawn only when something changed).

Entry points: `game.ui.app.run_window(options)` (the game, `python run.py`), `game.ui.demo`
(`python run.py --demo`) and `game.ui.bench` (`python run.py bench`).
"""
import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")   # no banner on the terminal at start

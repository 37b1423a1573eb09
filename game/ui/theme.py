"""Colours, fonts and sizes. A colour-blind-safe palette (Okabe–Ito), and sizes that follow the
window and the text-size setting, so the same screen reads on a laptop and on a projector."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame

ASSETS = Path(__file__).resolve().parents[2] / "assets"
FONT_REGULAR = ASSETS / "fonts" / "DejaVuSans.ttf"
FONT_BOLD = ASSETS / "fonts" / "DejaVuSans-Bold.ttf"

#: text-size setting -> factor on the base size
TEXT_SIZES = {"small": 0.85, "normal": 1.0, "large": 1.2, "largest": 1.4}

# Okabe–Ito colours, distinguishable with the common colour-vision deficiencies. Colour is never
# the only signal: every coloured thing also has a label, an icon or a shape.
ORANGE = (230, 159, 0)
SKY = (86, 180, 233)
GREEN = (0, 158, 115)
YELLOW = (240, 228, 66)
BLUE = (0, 114, 178)
VERMILLION = (213, 94, 0)
PURPLE = (204, 121, 167)

BG = (236, 233, 225)
PANEL = (252, 251, 248)
PANEL_ALT = (244, 242, 236)
BORDER = (160, 154, 144)
TEXT = (26, 26, 30)
MUTED = (78, 78, 86)
ACCENT = (0, 76, 135)
FOCUS = (0, 76, 135)
SELECTED = (214, 230, 245)
HOVER = (232, 238, 244)
DISABLED = (150, 150, 150)
WHITE = (255, 255, 255)
TOOLTIP = (255, 253, 231)
QUOTE = (246, 241, 224)
HISTORY = (228, 242, 234)
MAP_SEA = (200, 222, 236)
MAP_LAND = (226, 222, 208)
MAP_NATO = (214, 226, 238)
MAP_RUSSIA = (238, 220, 206)
MAP_UKRAINE = (246, 238, 190)

#: side index -> colour (with a marker shape in charts: circle for the first side, square for the second)
SIDE_COLOURS = (VERMILLION, BLUE)

#: escalation category -> (colour, icon); the label comes from the strings
ESCALATION = {
    "de_escalation": (SKY, "▼"),
    "status_quo": ((200, 200, 200), "●"),
    "posturing": (YELLOW, "▲"),
    "non_violent_escalation": (ORANGE, "▲▲"),
    "violent_escalation": (VERMILLION, "▲▲▲"),
    "nuclear": (PURPLE, "☢"),
}

#: news origin -> colour of its tag
ORIGINS = {"article": (238, 222, 170), "history": (200, 226, 212), "invented": (226, 226, 232),
           "move": (222, 230, 240), "talks": (236, 226, 240), "game": (232, 232, 232)}


def _font(path: Path, size: int, bold: bool) -> pygame.font.Font:
    try:
        return pygame.font.Font(str(path), size)
    except (OSError, FileNotFoundError, pygame.error):   # assets missing: pygame's bundled font
        font = pygame.font.Font(None, int(size * 1.3))
        font.bold = bold
        return font


@dataclass
class Theme:
    """Fonts and spacing for one window size and text-size setting."""

    width: int
    height: int
    text_size: str = "normal"

    def __post_init__(self):
        window = min(self.width / 1280, self.height / 720)
        window = max(0.8, min(window, 1.7))
        self.scale = window * TEXT_SIZES.get(self.text_size, 1.0)
        base = max(11, round(17 * self.scale))
        self.body = _font(FONT_REGULAR, base, False)
        self.bold = _font(FONT_BOLD, base, True)
        self.small = _font(FONT_REGULAR, max(10, round(base * 0.86)), False)
        self.small_bold = _font(FONT_BOLD, max(10, round(base * 0.86)), True)
        self.h2 = _font(FONT_BOLD, round(base * 1.2), True)
        self.h1 = _font(FONT_BOLD, round(base * 1.6), True)
        self.title = _font(FONT_BOLD, round(base * 2.3), True)
        self.pad = max(6, round(base * 0.6))
        self.gap = max(4, round(base * 0.4))
        self.line = self.body.get_linesize()
        self.border = 1 if base < 22 else 2
        self.focus_width = 3 if base < 22 else 4

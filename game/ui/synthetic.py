"""Synthetic input: the key presses and mouse clicks the demo and the tests send to the window.
They go through pygame's event queue, so the window handles them exactly like a person's."""
from __future__ import annotations

import pygame


def press(key: int, mod: int = 0, text: str | None = None) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=text or "", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=text or "", scancode=0))


def type_text(text: str) -> None:
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))


def click_at(pos) -> None:
    pos = (int(pos[0]), int(pos[1]))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))


def click(widget) -> bool:
    """Click the middle of the visible part of `widget`; False if none of it is visible."""
    r = widget.visible_rect()
    if r.w <= 0 or r.h <= 0:
        return False
    click_at(r.center)
    return True

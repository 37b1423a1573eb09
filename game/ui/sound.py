"""Short sounds made in code (no files to license): a click, a chime for a new turn, a low tone
for the end. Silent when sound is off or no audio device exists."""
from __future__ import annotations

import contextlib
import os

import pygame

RATE = 22050


def _tone(freqs, seconds: float, volume: float):
    import numpy as np

    t = np.linspace(0, seconds, int(RATE * seconds), endpoint=False)
    wave = sum(np.sin(2 * np.pi * f * t) for f in freqs) / len(freqs)
    envelope = np.minimum(1, np.linspace(8, 0, t.size))   # quick attack, linear fade
    return (wave * envelope * volume * 32767).astype(np.int16)


@contextlib.contextmanager
def _quiet_stderr():
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class Sounds:
    def __init__(self):
        self.enabled = False
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        try:
            with _quiet_stderr():   # ALSA prints half a page when a machine has no sound card
                pygame.mixer.init(RATE, -16, 1, 512)
        except pygame.error:
            return
        init = pygame.mixer.get_init()
        if not init:
            return
        channels = init[2]
        for name, (freqs, secs, vol) in {"click": ((880,), 0.04, 0.25), "turn": ((523, 659), 0.25, 0.25),
                                         "end": ((262, 330), 0.6, 0.3)}.items():
            data = _tone(freqs, secs, vol)
            import numpy as np

            if channels > 1:
                data = np.repeat(data[:, None], channels, axis=1)
            try:
                self._sounds[name] = pygame.sndarray.make_sound(np.ascontiguousarray(data))
            except (pygame.error, ValueError):
                self._sounds.clear()
                return

    def play(self, name: str) -> None:
        if self.enabled and name in self._sounds:
            self._sounds[name].play()

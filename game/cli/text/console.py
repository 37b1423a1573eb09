"""Line-by-line terminal input and output, with re-asking, an end-of-input stop and hot-seat hand-over."""
from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Collection
from typing import TextIO

from game.cli.text.layout import wrap
from game.match import StopMatch
from game.safetext import printable

#: consecutive invalid answers after which the game stops (saved) instead of asking forever
MAX_BAD_LINES = 25
#: the longest answer looked at (longer lines are just invalid; they are not echoed in full)
MAX_ANSWER = 80
QUIT_WORDS = ("q", "quit", "exit")
#: home, clear the screen, and clear the scrollback too (xterm, VTE, Windows Terminal): after a
#: hot-seat hand-over, scrolling up must not show the last player's secret choice
CLEAR = "\033[H\033[2J\033[3J"
#: narrowest and widest text the front end lays out (wider lines are hard to read)
MIN_WIDTH, MAX_WIDTH = 40, 100


def ranges(numbers: Collection[int]) -> str:
    """'1-4, 6, 9-11': a set of numbers as a student reads it."""
    out, run = [], []
    for n in sorted(numbers):
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [n]
    if run:
        out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
    return ", ".join(out)


def as_number(answer: str) -> int | None:
    """The whole number typed (ASCII digits, a sensible length), else None: '²', '٣' and a
    5,000-digit line are not numbers here (int() would refuse or take them)."""
    if answer.isascii() and answer.isdigit() and len(answer) <= 9:
        return int(answer)
    return None


def shown(answer: str) -> str:
    """An answer as it is repeated back: control characters escaped, cut to MAX_ANSWER."""
    return printable(answer, MAX_ANSWER)


class EndOfInput(StopMatch):
    """No more input (end of file or a 'quit'): the game stops cleanly and is saved."""


class Console:
    """Where the text front end reads answers and writes text; tests pass StringIO streams."""

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None):
        self.stdin = stdin if stdin is not None else sys.stdin
        self.stdout = stdout if stdout is not None else sys.stdout

    @property
    def interactive(self) -> bool:
        return bool(getattr(self.stdin, "isatty", lambda: False)()) and \
            bool(getattr(self.stdout, "isatty", lambda: False)())

    @property
    def width(self) -> int:
        """Columns to lay text out in: the terminal's width (less one, so no line touches the
        edge and wraps by itself), within MIN_WIDTH..MAX_WIDTH; 80 when it cannot be known."""
        try:
            columns = shutil.get_terminal_size((81, 24)).columns - 1
        except (OSError, ValueError):
            columns = 80
        return max(MIN_WIDTH, min(MAX_WIDTH, columns))

    def say(self, text: str = "") -> None:
        print(text, file=self.stdout, flush=True)

    def tell(self, text: str) -> None:
        """A remark to the player, indented and wrapped to the terminal's width."""
        for line in wrap(text, self.width, "  ", "    "):
            self.say(line)

    def read_line(self, prompt: str) -> str:
        """One line of input, stripped; EndOfInput when there is none left."""
        self.stdout.write(prompt)
        self.stdout.flush()
        if self.stdin is None:   # started with stdin closed (`<&-`)
            self.say()
            raise EndOfInput("no input: standard input is closed")
        try:
            line = self.stdin.readline()
        except UnicodeDecodeError:   # bytes that are not text: just another line that is not a choice
            line = "\ufffd\n"
        except (OSError, ValueError) as exc:   # terminal gone, or a closed stream
            self.say()
            raise EndOfInput(f"input failed: {getattr(exc, 'strerror', None) or exc}") from None
        if not line:
            self.say()
            raise EndOfInput("end of input")
        if not self.interactive:   # echo piped answers so a transcript reads like a session
            self.stdout.write(line if line.endswith("\n") else line + "\n")
        return line.strip()

    def ask_number(self, prompt: str, valid: Collection[int], default: int | None = None,
                   command: Callable[[str], list[str] | None] | None = None,
                   refuse: Callable[[int], str | None] | None = None) -> int:
        """A number in `valid`; anything else is answered with the valid choices and asked again.

        An empty line gives `default` when there is one. `command(answer)` may answer a line that
        is not a number (help, details) with lines to show, then the question is asked again;
        `refuse(n)` may explain why a number that is not valid now is not (a move not open)."""
        bad = 0
        while True:
            answer = self.read_line(prompt)
            if not answer and default is not None:
                return default
            if answer.lower() in QUIT_WORDS:
                raise EndOfInput("quit")
            number = as_number(answer)
            if number is not None and number in valid:
                return number
            lines = command(answer) if command is not None and answer else None
            if lines is not None:
                for line in lines:
                    self.say(line)
                continue
            bad += 1
            if bad >= MAX_BAD_LINES:
                raise EndOfInput(f"{MAX_BAD_LINES} invalid answers in a row")
            why = refuse(number) if refuse is not None and number is not None else None
            choices = (f"a number from {min(valid)} to {max(valid)}" if len(valid) == max(valid) - min(valid) + 1
                       else f"one of {ranges(valid)}")
            why = why or f"'{shown(answer)}' is not a choice"
            self.tell(f"{why}: type {choices} and press Enter "
                      f"({'? for help, ' if command is not None else ''}q to save and quit).")

    def ask_word(self, prompt: str, words: tuple[str, ...], default: str | None = None) -> str:
        """One of `words`, a unique prefix, or its number in the list (the menus elsewhere are
        numbered, so players type numbers); an empty line gives `default` if there is one."""
        bad = 0
        while True:
            answer = self.read_line(prompt).lower()
            if not answer and default is not None:
                return default
            matches = [w for w in words if w.startswith(answer)] if answer else []
            if answer in words:
                return answer
            number = as_number(answer)
            if number is not None and 1 <= number <= len(words):
                return words[number - 1]
            if len(matches) == 1:
                return matches[0]
            if answer in QUIT_WORDS:
                raise EndOfInput("quit")
            bad += 1
            if bad >= MAX_BAD_LINES:
                raise EndOfInput(f"{MAX_BAD_LINES} invalid answers in a row")
            hint = (f"'{shown(answer)}' could be {' or '.join(matches)}" if len(matches) > 1
                    else f"'{shown(answer)}' is not a choice")
            numbered = ", ".join(f"{i} {w}" for i, w in enumerate(words, 1))
            self.tell(f"{hint}: please type one of {numbered} (the word or its number).")

    def hand_over(self, to: str) -> None:
        """Hot-seat: wait until the next player has the keyboard (the last choice was cleared)."""
        self.say()
        self.say(f"=== Pass the keyboard to {to}. The other player, please look away. ===")
        self.read_line(f"{to}: press Enter when you are ready. ")

    def clear(self) -> None:
        """Clear a real terminal, scrollback included, so the next player cannot read the last one's choice."""
        if self.interactive:
            self.stdout.write(CLEAR)
            self.stdout.flush()

    def pause(self, prompt: str) -> str:
        """Wait for Enter on a real terminal (pacing); the line typed, '' at once when piped."""
        if not self.interactive:
            return ""
        answer = self.read_line(prompt).lower()
        if answer in QUIT_WORDS:
            raise EndOfInput("quit")
        return answer

"""The window: the main loop, the current screen and overlay, settings, autosave on close, and
screenshots. `run_window(options)` is what `python run.py` calls."""
from __future__ import annotations

import json
import os
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game.ui import theme as th
from game.ui.layout import check
from game.ui.sound import Sounds
from game.ui.strings import t
from game.ui.text import TextCache, clamp_lines, wrap
from game.ui.widgets import Ctx, Widget

MIN_SIZE = (1024, 640)
DEFAULT_SIZE = (1280, 720)
SETTINGS_FILE = ".window-settings.json"   # in the saves folder; the dot keeps it out of save lists


@dataclass
class WindowOptions:
    size: tuple[int, int] | None = None
    fullscreen: bool | None = None
    saves_dir: Path | None = None
    scenario: str | Path | None = None      # a file to list first and open the setup on (--scenario)
    seed: int | None = None
    demo: bool = False
    demo_delay: float | None = None
    screenshots: Path | None = None
    probe_startup: bool = False          # draw the start screen once and quit (the launch benchmark)
    watch: Path | None = None            # a scenario file to reload when it changes (game.ui.reload)


@dataclass
class Settings:
    text_size: str = "normal"
    fullscreen: bool = False
    sound: bool = True
    extra: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        size = data.get("text_size")
        return cls(text_size=size if size in th.TEXT_SIZES else "normal",
                   fullscreen=data.get("fullscreen") is True, sound=data.get("sound") is not False)

    def save(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({"text_size": self.text_size, "fullscreen": self.fullscreen,
                                        "sound": self.sound}, indent=1), encoding="utf-8")
        except OSError:
            pass   # settings are a convenience: a read-only folder must not stop the game


class _Tooltip(Widget):
    """The floating tooltip box (a widget so the layout check sees its text)."""

    def __init__(self, lines: list[str]):
        super().__init__()
        self.lines = lines

    def draw(self, surface, ctx):
        pygame.draw.rect(surface, th.TOOLTIP, self.rect, border_radius=4)
        pygame.draw.rect(surface, th.TEXT, self.rect, 1, border_radius=4)
        y = self.rect.y + ctx.theme.gap
        for line in self.lines:
            ctx.text(surface, ctx.theme.small, line, th.TEXT, (self.rect.x + ctx.theme.gap, y), self)
            y += ctx.theme.small.get_linesize()


class App:
    def __init__(self, options: WindowOptions):
        from game.saves import default_dir

        self.options = options
        self.saves_dir = Path(options.saves_dir) if options.saves_dir else default_dir()
        self.settings = Settings.load(self.saves_dir / SETTINGS_FILE)
        if options.fullscreen is not None:
            self.settings.fullscreen = options.fullscreen
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption(t("app.title"))
        self.size = tuple(options.size or DEFAULT_SIZE)
        self.surface = self._open_window()
        self._sounds = None                  # made on first use: the start screen comes up first
        self.cache = TextCache()
        self.ctx = Ctx(th.Theme(*self.surface.get_size(), self.settings.text_size), self.cache)
        self.clock = pygame.time.Clock()
        self.dirty = True
        self.drawn = False                   # the current screen has been on the window at least once
        self.running = True
        self.hover_since = 0.0
        self.session = None                  # the GameSession being played
        self.flow = None                     # what screen comes next in it
        self._catalogue = None
        self._toast: tuple[str, float] | None = None
        self.screen = None
        self.overlay = None
        self.driver = None                   # the demo's autopilot
        self.reload = None                   # live reload of a scenario file (--watch)
        self.tasks: list[tuple[threading.Thread, dict, object]] = []
        self.captured: set[str] = set()
        self.shots = 0
        self.notice: str | None = None       # one line shown on the next screen (a save that failed…)
        pygame.key.set_repeat(400, 40)
        pygame.key.start_text_input()
        from game.ui.screens.start import StartScreen

        self.show(StartScreen(self))

    @property
    def sounds(self) -> Sounds:
        if self._sounds is None:
            self._sounds = Sounds()
            self._sounds.enabled = self.settings.sound and not self.options.demo
        return self._sounds

    # ------------------------------------------------------------------ window
    def _open_window(self) -> pygame.Surface:
        flags = pygame.RESIZABLE
        if self.settings.fullscreen:
            surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            surface = pygame.display.set_mode(self.size, flags)
        try:
            with warnings.catch_warnings():   # from_display_module is the way to reach set_mode's window
                warnings.simplefilter("ignore", DeprecationWarning)
                pygame.Window.from_display_module().minimum_size = MIN_SIZE
        except (AttributeError, pygame.error, TypeError, ValueError):
            pass
        return surface

    def window_rect(self) -> pygame.Rect:
        return self.surface.get_rect()

    def resize(self, size) -> None:
        w, h = max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1])
        if self.surface.get_size() != (w, h) and not self.settings.fullscreen:
            self.size = (w, h)
            self.surface = pygame.display.set_mode(self.size, pygame.RESIZABLE)
        self.retheme()

    def retheme(self) -> None:
        """Fonts and spacing for the current size and text setting; every screen rebuilt."""
        self.ctx.theme = th.Theme(*self.surface.get_size(), self.settings.text_size)
        self.cache = self.ctx.cache = TextCache()
        for screen in (self.screen, self.overlay):
            if screen is not None:
                screen.refresh()
        self.dirty = True

    def set_fullscreen(self, on: bool) -> None:
        self.settings.fullscreen = on
        self.surface = self._open_window()
        self.save_settings()
        self.retheme()

    def save_settings(self) -> None:
        self.settings.save(self.saves_dir / SETTINGS_FILE)

    # ------------------------------------------------------------------ screens
    def show(self, screen) -> None:
        self.drawn = False
        self.overlay = None
        self.screen = screen
        self.ctx.focus = None
        screen.refresh()
        self.dirty = True

    def open_overlay(self, screen) -> None:
        self.drawn = False
        self.overlay = screen
        screen.refresh()
        self.dirty = True

    def close_overlay(self) -> None:
        self.overlay = None
        if self.screen is not None:
            self.screen.refresh()
        self.dirty = True

    def show_help(self) -> None:
        from game.ui.screens.menus import HelpScreen

        if not isinstance(self.overlay, HelpScreen) and not isinstance(self.screen, HelpScreen):
            self.open_overlay(HelpScreen(self, overlay=True))

    def pause(self) -> None:
        """Esc in a game: the pause menu (save, load, settings, help, main menu, quit)."""
        from game.ui.screens.menus import PauseScreen

        if self.session is not None and self.overlay is None:
            self.open_overlay(PauseScreen(self))

    def toast(self, message: str, seconds: float = 3.0) -> None:
        """A short message over the bottom of the screen for a few seconds (e.g. 'Saved to …'); a
        dialog open now makes room for it (see `toast_widget`)."""
        self._toast = (message, self.now() + seconds)
        self.dirty = True
        if self.overlay is not None and self.overlay.root is not None:
            self.overlay.refresh()

    def toast_widget(self) -> _Tooltip | None:
        """The toast showing now, placed: wrapped to at most three lines just above the bottom of the
        window, a strip no dialog covers while it shows; None when there is none (or it is over)."""
        if self._toast is None:
            return None
        message, until = self._toast
        if self.now() > until:
            self._toast = None
            return None
        font, gap, win = self.ctx.theme.small, self.ctx.theme.gap, self.window_rect()
        width = min(win.w - 20, font.size(message)[0] + 2 * gap + 2)
        toast = _Tooltip(clamp_lines(font, self.ctx.wrap(font, message, width - 2 * gap), 3, width - 2 * gap))
        toast.rect = pygame.Rect(0, 0, width, len(toast.lines) * font.get_linesize() + 2 * gap)
        toast.rect.midbottom = (win.centerx, win.bottom - 30)
        return toast

    @property
    def active(self):
        return self.overlay or self.screen

    def now(self) -> float:
        return time.monotonic()

    # ------------------------------------------------------------------ games
    def scenarios(self):
        """The scenario catalogue, loaded once per window."""
        if self._catalogue is None:
            from game.ui.catalogue import catalogue, pinned

            self._catalogue = pinned(catalogue(), self.options.scenario)
        return self._catalogue

    def pin_scenario(self, entry) -> None:
        """Put `entry` first in the scenario list, in place of any entry of the same file (live
        reload: the watched file's latest good version, or its first error)."""
        from game.ui.catalogue import pinned

        self._catalogue = pinned(self.scenarios(), entry.path, entry)

    def autosave_path(self) -> Path:
        from game.saves import AUTOSAVE, save_path

        if self.options.demo:   # a demo never replaces the class's own autosave
            import tempfile

            return Path(tempfile.gettempdir()) / f"hotline-demo-{os.getpid()}.json"
        return save_path(AUTOSAVE, self.saves_dir)

    def new_game(self, scenario, *, humans, opponent, seed) -> None:
        from game.ui.flow import Flow
        from game.ui.session import GameSession, SessionError

        try:
            session = GameSession.new(scenario, humans=tuple(humans), opponent=opponent, seed=seed,
                                      save_path=self.autosave_path())
        except SessionError as exc:
            self.fail(str(exc))
            return
        problem = session.autosave()
        self.notice = t("app.autosave_failed", problem=problem) if problem else None
        self.start_flow(Flow(self, session))

    def continue_game(self, path: Path) -> None:
        """Continue a save (the autosave, or one picked from the list); its game goes on autosaving."""
        from game.ui.flow import Flow
        from game.ui.session import GameSession, SessionError

        try:
            session = GameSession.load(Path(path), save_path=self.autosave_path())
        except SessionError as exc:
            self.fail(str(exc))
            return
        flow = Flow(self, session)
        flow.briefed = {None, *session.humans} if session.game.turns else set()
        self.start_flow(flow)

    def start_flow(self, flow) -> None:
        self.flow = flow
        self.session = flow.session
        flow.next()

    def fail(self, message: str) -> None:
        """Back to the start screen with a one-line reason (a save that cannot be continued…)."""
        from game.ui.screens.start import StartScreen

        self.notice = message
        self.flow = self.session = None
        self.show(StartScreen(self))

    # ------------------------------------------------------------------ background work
    def run_task(self, fn, on_done) -> None:
        """Run `fn` in a thread (a computer player thinking); `on_done(result, error)` runs on the
        main loop when it finishes, so the window stays responsive."""
        box: dict = {}

        def target():
            try:
                box["result"] = fn()
            except BaseException as exc:   # handed back to the main loop, which shows it
                box["error"] = exc
        thread = threading.Thread(target=target, daemon=True)
        self.tasks.append((thread, box, on_done))
        thread.start()

    def busy(self) -> bool:
        return bool(self.tasks)

    def _finish_tasks(self) -> None:
        for entry in list(self.tasks):
            thread, box, on_done = entry
            if not thread.is_alive():
                self.tasks.remove(entry)
                on_done(box.get("result"), box.get("error"))
                self.dirty = True

    # ------------------------------------------------------------------ loop
    def handle(self, event) -> None:
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type in (pygame.VIDEORESIZE,):
            self.resize(event.size)
            return
        if event.type == pygame.WINDOWSIZECHANGED:
            if self.surface.get_size() != (event.x, event.y):
                self.resize((event.x, event.y))
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN):
            self.dirty = True
            return
        if event.type in (pygame.KEYDOWN, pygame.TEXTINPUT, pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN,
                          pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL):
            if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
                self.sounds.play("click")
            active = self.active
            if active is not None:
                active.handle(event)
            self.dirty = True

    def step(self) -> None:
        """One pass of the loop: events, background work, the demo, drawing when needed."""
        for event in pygame.event.get():
            self.handle(event)
            if not self.running:
                return
        self._finish_tasks()
        if self.reload is not None:
            self.reload.tick()
        if self.driver is not None:
            self.driver.tick()
        for screen in (self.screen, self.overlay):
            if screen is not None:
                screen.update(0)
        if self.ctx.hover is not None and self.ctx.hover.tooltip and self.now() - self.hover_since < 0.6:
            self.dirty = True   # the hover tooltip appears after a moment
        if self.dirty or self.busy() or self._toast is not None:
            self.draw()
            pygame.display.flip()
            self.capture()
            self.drawn = True
            self.dirty = False

    def run(self) -> int:
        while self.running:
            self.step()
            self.clock.tick(60)
        return 0

    def quit(self) -> None:
        """Closing the window loses nothing: the game in progress, with this turn's choices so far,
        goes to the autosave."""
        for thread, _, _ in list(self.tasks):   # a turn being resolved: let it finish, then save it
            thread.join(timeout=30)
        self._finish_tasks()
        if self.session is not None and not self.session.over and not self.busy():
            self.session.autosave()
        self.running = False

    # ------------------------------------------------------------------ drawing
    def draw(self, surface: pygame.Surface | None = None) -> list[Widget]:
        """Draw the whole window; returns the extra widgets drawn on top (the tooltip)."""
        surface = surface or self.surface
        self.screen.draw(surface)
        extra = []
        if self.overlay is not None:
            if self.overlay.dim:
                shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
                shade.fill((0, 0, 0, 120))
                surface.blit(shade, (0, 0))
            self.overlay.draw(surface)
        toast = self.toast_widget()
        if toast is not None:
            toast.draw(surface, self.ctx)
            extra.append(toast)
            self.dirty = True
        tip = self.tooltip_widget()
        if tip is not None:
            tip.draw(surface, self.ctx)
            extra.append(tip)
        return extra

    def tooltip_widget(self) -> _Tooltip | None:
        ctx = self.ctx
        widget = None
        if ctx.hover is not None and ctx.hover.tooltip and self.now() - self.hover_since >= 0.6:
            widget = ctx.hover
        elif ctx.keyboard and ctx.focus is not None and ctx.focus.tooltip:
            widget = ctx.focus
        if widget is None or not self.active.owns(widget):
            return None
        text = widget.tooltip_text()
        if not text:
            return None
        font = ctx.theme.small
        win = self.window_rect()
        width = min(max(win.w // 3, 320), win.w - 2 * ctx.theme.pad)
        lines: list[str] = []
        for para in text.split("\n"):
            lines += wrap(font, para, width - 2 * ctx.theme.gap) if para else [""]
        max_lines = max(1, (win.h - 2 * ctx.theme.gap) // font.get_linesize() - 1)
        lines = lines[:max_lines]
        w = min(width, max(font.size(line)[0] for line in lines) + 2 * ctx.theme.gap + 2)
        h = len(lines) * font.get_linesize() + 2 * ctx.theme.gap
        anchor = widget.visible_rect()
        if widget is not ctx.hover and (anchor.x - w - 6 >= win.x or anchor.right + 6 + w <= win.right):
            # keyboard focus: beside the item, so the next items of its list stay readable
            x = anchor.x - w - 6 if anchor.x - w - 6 >= win.x else anchor.right + 6
            y = max(win.y, min(anchor.y, win.bottom - h))
        else:
            x = anchor.x + min(anchor.w // 3, 40)
            y = anchor.bottom + 4
            if y + h > win.bottom:
                y = anchor.y - h - 4
            if y < win.y:
                y = win.y
                x = anchor.right + 4 if anchor.right + 4 + w <= win.right else anchor.x - w - 4
        x = max(win.x, min(x, win.right - w))
        tip = _Tooltip(lines)
        tip.rect = pygame.Rect(x, y, w, h)
        return tip

    def check_layout(self) -> list[str]:
        """Draw a frame off-screen while recording text, then run the layout check on it."""
        surface = pygame.Surface(self.surface.get_size())
        self.ctx.records = []
        try:
            extra = self.draw(surface)
            records = self.ctx.records
        finally:
            self.ctx.records = None
        overlays = ([self.overlay.root] if self.overlay is not None and self.overlay.root else []) + extra
        problems = check(self.screen.root, self.window_rect(), records, overlays)
        from game.ui.screens.menus import Dialog

        toast = self.toast_widget()
        if toast is not None and isinstance(self.overlay, Dialog) and self.overlay.root is not None \
                and toast.rect.colliderect(self.overlay.root.rect):
            problems.append(f"the toast {tuple(toast.rect)} covers the dialog {tuple(self.overlay.root.rect)}")
        return problems

    def capture(self, name: str | None = None) -> Path | None:
        """With --screenshots, save a PNG the first time each distinct screen is shown."""
        folder = self.options.screenshots
        if folder is None:
            return None
        name = name or getattr(self.active, "shot_name", None) or self.active.name
        if name in self.captured:
            return None
        self.captured.add(name)
        self.shots += 1
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.shots:02d}-{name}.png"
        pygame.image.save(self.surface, str(path))
        return path


def display_problem() -> str | None:
    """Why no window can open here (no display), or None if one can."""
    if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
        return t("app.no_display_dummy", driver=os.environ["SDL_VIDEODRIVER"])
    if os.name == "posix" and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") \
            and not Path("/System").exists():   # macOS has no DISPLAY but always a screen
        return t("app.no_display_env")
    return None


def run_window(options: WindowOptions) -> int:
    app = App(options)
    if options.probe_startup:
        app.step()
        return 0
    if options.demo:
        from game.ui.demo import DemoDriver

        app.driver = DemoDriver(app, seed=options.seed, delay=options.demo_delay)
    if options.watch is not None:
        from game.ui.reload import WindowReload

        app.reload = WindowReload(app, options.watch)
    elif options.scenario is not None and not options.demo:   # --scenario FILE: its setup, the file picked
        from game.ui.screens.setup import SetupScreen

        app.show(SetupScreen(app))
    try:
        return app.run()
    finally:
        pygame.quit()

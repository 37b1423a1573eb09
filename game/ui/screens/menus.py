"""The pause menu (Esc in a game), settings, and how to play."""
from __future__ import annotations

import pygame

from game.ui import theme as th
from game.ui.screens.base import Page, Screen
from game.ui.strings import t
from game.ui.widgets import Button, Choice, Column, Panel, Row, Scroll, Text


class Dialog(Screen):
    """A box in the middle of the window over the dimmed screen."""

    dim = True
    width_share = 0.45

    def area(self) -> pygame.Rect:
        """Centred, and above the toast while one shows (a message about the dialog's own matter,
        such as live reload's, must not be drawn over the box's text)."""
        win = self.app.window_rect()
        toast = self.app.toast_widget()
        bottom = toast.rect.top - 10 if toast is not None else win.bottom - 20
        w = max(int(win.w * self.width_share), min(win.w - 40, 460))
        body = self.build_body()
        h = max(0, min(bottom - win.top - 20, body.measure(self.ctx, w) + 4))
        self._body = body
        r = pygame.Rect(0, 0, w, h)
        r.center = win.center
        r.bottom = min(r.bottom, bottom)
        return r

    def build(self):
        return getattr(self, "_body", None) or self.build_body()

    def refresh(self):
        self._body = None
        area = self.area()
        focus_key = self.ctx.focus.key if self.ctx.focus is not None and self.owns(self.ctx.focus) else self.focus_key
        self.root = self._body
        self.root.place(self.ctx, area)
        target = self.find(focus_key) if focus_key else None
        if target is None or not target.focusable:
            target = self.default_focus()
        self.set_focus(target, keyboard=self.ctx.keyboard)

    def build_body(self):
        raise NotImplementedError


class PauseScreen(Dialog):
    name = "pause"

    def __init__(self, app):
        super().__init__(app)
        self.focus_key = "resume"
        self.message = ""

    def build_body(self):
        items = [
            Button(t("pause.resume"), self.app.close_overlay, key="resume", primary=True, hint="Esc"),
            Button(t("pause.save"), self.save, key="save", hint="2"),
            Button(t("pause.load"), self.load, key="load", hint="3"),
            Button(t("pause.settings"), self.settings, key="settings", hint="4"),
            Button(t("pause.help"), self.help, key="help", hint="5"),
            Button(t("pause.main_menu"), self.main_menu, key="menu", hint="6"),
            Button(t("pause.quit"), self.app.quit, key="quit", hint="7"),
        ]
        col = Column([Column(items, group=True), Text(self.message or t("pause.autosave_note"), font="small",
                                                        colour=th.MUTED)])
        return Panel(col, title=t("pause.title"))

    def on_escape(self):
        self.app.close_overlay()

    def save(self):
        from game.ui.screens.files import SaveDialog

        self.app.open_overlay(SaveDialog(self.app))

    def load(self):
        from game.ui.screens.files import LoadScreen

        screen = self.app.screen
        self.app.show(LoadScreen(self.app, back=lambda: self.app.show(screen) if self.app.session else None))

    def settings(self):
        screen = self.app.screen
        self.app.show(SettingsScreen(self.app, back=lambda: self.app.show(screen)))

    def help(self):
        self.app.open_overlay(HelpScreen(self.app, overlay=True))

    def main_menu(self):
        from game.ui.screens.start import StartScreen

        if self.app.session is not None and not self.app.session.over:
            problem = self.app.session.autosave()
            self.app.notice = t("app.autosave_failed", problem=problem) if problem else t("pause.saved_note")
        self.app.session = self.app.flow = None
        self.app.show(StartScreen(self.app))


class SettingsScreen(Screen):
    name = "settings"

    def __init__(self, app, back):
        super().__init__(app)
        self.back = back

    def build(self):
        s = self.app.settings
        sizes = [Choice(t(f"settings.size_{name}"), number=n, selected=s.text_size == name, key=f"size:{name}",
                        on_activate=lambda name=name: self.text_size(name))
                 for n, name in enumerate(th.TEXT_SIZES, 1)]
        toggles = [
            Choice(t("settings.fullscreen"), selected=s.fullscreen, key="fullscreen",
                   details=t("settings.on") if s.fullscreen else t("settings.off"),
                   on_activate=lambda: self.app.set_fullscreen(not s.fullscreen)),
            Choice(t("settings.sound"), selected=s.sound, key="sound",
                   details=t("settings.on") if s.sound else t("settings.off"), on_activate=self.toggle_sound),
        ]
        body = Column([
            Row([Panel(Scroll(Column([Text(t("settings.size_about"), font="small")] + sizes, group=True),
                              key="sizes", offsets=self.offsets), title=t("settings.text_size")),
                 Panel(Column(toggles, group=True), title=t("settings.display"))], flex=1),
            Row([Button(t("common.back"), self.back, key="back", primary=True, hint="Esc")], group=True),
        ])
        return Page(t("settings.title"), body, hints=t("keys.lists"))

    def text_size(self, name):
        self.app.settings.text_size = name
        self.app.save_settings()
        self.app.retheme()

    def toggle_sound(self):
        s = self.app.settings
        s.sound = not s.sound
        self.app.sounds.enabled = s.sound
        self.app.save_settings()
        self.refresh()

    def on_escape(self):
        self.back()


class HelpScreen(Screen):
    name = "help"

    def __init__(self, app, back=None, overlay: bool = False):
        super().__init__(app)
        self.back = back
        self.overlay = overlay
        self.dim = overlay

    def build(self):
        items = []
        for section in ("goal", "turn", "moves", "talks", "information", "news", "end", "keys"):
            items.append(Text(t(f"help.{section}_title"), font="h2", colour=th.ACCENT))
            items.append(Text(t(f"help.{section}")))
        body = Column([Panel(Scroll(Column(items), key="help", offsets=self.offsets), flex=1),
                       Row([Button(t("common.back"), self.close, key="back", primary=True, hint="Esc")], group=True)])
        return Page(t("help.title"), body, hints=t("keys.help"))

    def close(self):
        if self.overlay:
            self.app.close_overlay()
        elif self.back:
            self.back()

    def on_escape(self):
        self.close()
